<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>AcceptTimeDialog</name>
    <message>
        <source>Accept the time asked</source>
        <translation>Gewünschten Termin annehmen</translation>
    </message>
    <message>
        <source>Move {ref} ({customer}) to:</source>
        <translation>{ref} ({customer}) verlegen auf:</translation>
    </message>
    <message>
        <source>New time</source>
        <translation>Neuer Termin</translation>
    </message>
    <message>
        <source>&amp;Words for the user (mailed with the new time):</source>
        <translation>&amp;Worte an den Benutzer (per E-Mail mit dem neuen Termin):</translation>
    </message>
    <message>
        <source>Words for the user</source>
        <translation>Worte an den Benutzer</translation>
    </message>
    <message>
        <source>We will come at the time you asked for.</source>
        <translation>Wir kommen zu dem Termin, um den Sie gebeten haben.</translation>
    </message>
    <message>
        <source>Reschedule</source>
        <translation>Verlegen</translation>
    </message>
</context>
<context>
    <name>ArticleDialog</name>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>The problem, as users tell it</source>
        <translation>Das Problem, wie Benutzer es schildern</translation>
    </message>
    <message>
        <source>The cause found</source>
        <translation>Die gefundene Ursache</translation>
    </message>
    <message>
        <source>Resources used</source>
        <translation>Genutzte Hilfsmittel</translation>
    </message>
    <message>
        <source>The fix, step by step</source>
        <translation>Die Lösung, Schritt für Schritt</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titel:</translation>
    </message>
    <message>
        <source>&amp;Problem:</source>
        <translation>&amp;Problem:</translation>
    </message>
    <message>
        <source>&amp;Cause found:</source>
        <translation>&amp;Ursache:</translation>
    </message>
    <message>
        <source>&amp;Resources:</source>
        <translation>&amp;Hilfsmittel:</translation>
    </message>
    <message>
        <source>&amp;Fix:</source>
        <translation>&amp;Lösung:</translation>
    </message>
    <message>
        <source>Give the article a title.</source>
        <translation>Geben Sie dem Artikel einen Titel.</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <source>Reassign {reference}</source>
        <translation>{reference} neu zuweisen</translation>
    </message>
    <message>
        <source>Reassign</source>
        <translation>Neu zuweisen</translation>
    </message>
    <message>
        <source>Assign {reference}</source>
        <translation>{reference} zuweisen</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>Zuweisen</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>Techniker</translation>
    </message>
    <message>
        <source>Nobody (unassign)</source>
        <translation>Niemand (Zuweisung aufheben)</translation>
    </message>
    <message>
        <source>now with {name}</source>
        <translation>jetzt bei {name}</translation>
    </message>
    <message>
        <source>not assigned yet</source>
        <translation>noch nicht zugewiesen</translation>
    </message>
    <message>
        <source>&amp;Technician:</source>
        <translation>&amp;Techniker:</translation>
    </message>
    <message>
        <source>Choose someone else, or cancel.</source>
        <translation>Wählen Sie jemand anderen oder brechen Sie ab.</translation>
    </message>
</context>
<context>
    <name>BoardStatus</name>
    <message>
        <source>Upcoming</source>
        <translation>Anstehend</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>In Arbeit</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Eskaliert</translation>
    </message>
    <message>
        <source>Declined by the user</source>
        <translation>Vom Benutzer abgelehnt</translation>
    </message>
    <message>
        <source>No repair needed</source>
        <translation>Keine Reparatur nötig</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Überfällig</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgesagt</translation>
    </message>
</context>
<context>
    <name>BoardTab</name>
    <message>
        <source>The last time this technician&apos;s laptop reached the server; anything recorded after it has not arrived yet.</source>
        <translation>Wann der Laptop dieses Technikers zuletzt den Server erreicht hat; was danach erfasst wurde, ist noch nicht angekommen.</translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation>Nie synchronisiert</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>Techniker</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Jetzt</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>Besuche</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>No repair
needed</source>
        <translation>Keine Reparatur
nötig</translation>
    </message>
    <message>
        <source>Last synced</source>
        <translation>Zuletzt synchronisiert</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Zeitfenster</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Last event received</source>
        <translation>Letztes Ereignis erhalten</translation>
    </message>
    <message>
        <source>Technician shown on the board</source>
        <translation>Auf der Übersicht gezeigter Techniker</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Status of the visits listed</source>
        <translation>Status der aufgeführten Besuche</translation>
    </message>
    <message>
        <source>Open and done (not cancelled)</source>
        <translation>Offen und erledigt (nicht abgesagt)</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Standort</translation>
    </message>
    <message>
        <source>Any site</source>
        <translation>Jeder Standort</translation>
    </message>
    <message>
        <source>Board summary</source>
        <translation>Zusammenfassung der Übersicht</translation>
    </message>
    <message>
        <source>T&amp;echnician:</source>
        <translation>Te&amp;chniker:</translation>
    </message>
    <message>
        <source>St&amp;atus:</source>
        <translation>Stat&amp;us:</translation>
    </message>
    <message>
        <source>S&amp;ite:</source>
        <translation>&amp;Standort:</translation>
    </message>
    <message>
        <source>Technicians on the board</source>
        <translation>Techniker auf der Übersicht</translation>
    </message>
    <message>
        <source>No technician to show for these filters.</source>
        <translation>Für diese Filter ist kein Techniker zu zeigen.</translation>
    </message>
    <message>
        <source>Visits of the selected technician</source>
        <translation>Besuche des gewählten Technikers</translation>
    </message>
    <message>
        <source>Select a technician to see their visits.</source>
        <translation>Wählen Sie einen Techniker, um seine Besuche zu sehen.</translation>
    </message>
    <message>
        <source>{count} unassigned</source>
        <translation>{count} nicht zugewiesen</translation>
    </message>
    <message>
        <source>none unassigned</source>
        <translation>keiner nicht zugewiesen</translation>
    </message>
    <message>
        <source>{count} technician</source>
        <translation>{count} Techniker</translation>
    </message>
    <message>
        <source>{count} technicians</source>
        <translation>{count} Techniker</translation>
    </message>
    <message>
        <source>{count} visit listed</source>
        <translation>{count} Besuch aufgeführt</translation>
    </message>
    <message>
        <source>{count} visits listed</source>
        <translation>{count} Besuche aufgeführt</translation>
    </message>
    <message>
        <source>Visits of {name} · Enter or double-click opens a visit&apos;s timeline</source>
        <translation>Besuche von {name} · Eingabetaste oder Doppelklick öffnet den Verlauf eines Besuchs</translation>
    </message>
    <message>
        <source>No visit in the period for these filters.</source>
        <translation>Kein Besuch im Zeitraum für diese Filter.</translation>
    </message>
</context>
<context>
    <name>CategoryCharts</name>
    <message>
        <source>Care metrics per source category</source>
        <translation>Betreuungskennzahlen je Ursachenkategorie</translation>
    </message>
    <message>
        <source>No diagnosis in this period.</source>
        <translation>Keine Diagnose in diesem Zeitraum.</translation>
    </message>
    <message>
        <source>Per source category (%)</source>
        <translation>Je Ursachenkategorie (%)</translation>
    </message>
    <message>
        <source>Care rates per source category</source>
        <translation>Betreuungsquoten je Ursachenkategorie</translation>
    </message>
    <message>
        <source>Per source category</source>
        <translation>Je Ursachenkategorie</translation>
    </message>
    <message>
        <source>Counts per source category</source>
        <translation>Anzahlen je Ursachenkategorie</translation>
    </message>
    <message>
        <source>Greeted on arrival</source>
        <translation>Bei Ankunft begrüßt</translation>
    </message>
    <message>
        <source>Late: user told</source>
        <translation>Verspätung gemeldet</translation>
    </message>
    <message>
        <source>Teaching accepted</source>
        <translation>Anleitung angenommen</translation>
    </message>
    <message>
        <source>Diagnosed visits</source>
        <translation>Diagnosen</translation>
    </message>
    <message>
        <source>Out-of-scope requests</source>
        <translation>Zusatzwünsche</translation>
    </message>
</context>
<context>
    <name>ChartsTab</name>
    <message>
        <source>ddd dd MMM</source>
        <comment>a day of a week (QLocale format)</comment>
        <translation>ddd dd.MM.</translation>
    </message>
    <message>
        <source>dd MMM</source>
        <comment>a day of a month (QLocale format)</comment>
        <translation>dd.MM.</translation>
    </message>
    <message>
        <source>dd MMM yy</source>
        <comment>a day of a year (QLocale format)</comment>
        <translation>dd.MM.yy</translation>
    </message>
    <message>
        <source>%.0f%</source>
        <comment>an axis label: the number, then the percent sign</comment>
        <translation>%.0f %</translation>
    </message>
    <message>
        <source>Whose charts</source>
        <translation>Wessen Diagramme</translation>
    </message>
    <message>
        <source>Whole team</source>
        <translation>Ganzes Team</translation>
    </message>
    <message>
        <source>Charts summary</source>
        <translation>Zusammenfassung der Diagramme</translation>
    </message>
    <message>
        <source>Fo&amp;r:</source>
        <translation>&amp;Für:</translation>
    </message>
    <message>
        <source>Visits completed per day</source>
        <translation>Abgeschlossene Besuche pro Tag</translation>
    </message>
    <message>
        <source>Completions per day</source>
        <translation>Abschlüsse pro Tag</translation>
    </message>
    <message>
        <source>Promises kept on time (%)</source>
        <translation>Pünktlich gehaltene Zusagen (%)</translation>
    </message>
    <message>
        <source>Promises kept on time per day</source>
        <translation>Pünktlich gehaltene Zusagen pro Tag</translation>
    </message>
    <message>
        <source>Satisfaction (average, 1–5)</source>
        <translation>Zufriedenheit (Durchschnitt, 1–5)</translation>
    </message>
    <message>
        <source>Satisfaction trend</source>
        <translation>Verlauf der Zufriedenheit</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>{completed} completed · {ratings} over {days}</source>
        <translation>{completed} abgeschlossen · {ratings} in {days}</translation>
    </message>
    <message>
        <source>{count} rating</source>
        <translation>{count} Bewertung</translation>
    </message>
    <message>
        <source>{count} ratings</source>
        <translation>{count} Bewertungen</translation>
    </message>
    <message>
        <source>{count} day</source>
        <translation>{count} Tag</translation>
    </message>
    <message>
        <source>{count} days</source>
        <translation>{count} Tagen</translation>
    </message>
    <message>
        <source>Promises kept on time (%) — none fell due in the period</source>
        <translation>Pünktlich gehaltene Zusagen (%) – keine im Zeitraum fällig</translation>
    </message>
    <message>
        <source>Satisfaction (average, 1–5) — no rating in the period</source>
        <translation>Zufriedenheit (Durchschnitt, 1–5) – keine Bewertung im Zeitraum</translation>
    </message>
</context>
<context>
    <name>ColleaguesDialog</name>
    <message>
        <source>Colleagues on {reference}</source>
        <translation>Kollegen bei {reference}</translation>
    </message>
    <message>
        <source>held by {name}. A colleague added sees the visit in their round at their next sync and records on it like its holder.</source>
        <translation>liegt bei {name}. Ein hinzugefügter Kollege sieht den Besuch nach seiner nächsten Synchronisierung in seiner Runde und erfasst darauf wie der Zuständige.</translation>
    </message>
    <message>
        <source>Colleagues assisting</source>
        <translation>Helfende Kollegen</translation>
    </message>
    <message>
        <source>&amp;Take off the team</source>
        <translation>Aus dem Team &amp;nehmen</translation>
    </message>
    <message>
        <source>Take the selected colleague off the team</source>
        <translation>Den gewählten Kollegen aus dem Team nehmen</translation>
    </message>
    <message>
        <source>Colleague to add</source>
        <translation>Hinzuzufügender Kollege</translation>
    </message>
    <message>
        <source>Why they are joining</source>
        <translation>Warum er dazukommt</translation>
    </message>
    <message>
        <source>e.g. two people to carry the printer</source>
        <translation>z. B. zwei Personen, um den Drucker zu tragen</translation>
    </message>
    <message>
        <source>&amp;Add to the team</source>
        <translation>Zum Team &amp;hinzufügen</translation>
    </message>
    <message>
        <source>Add the colleague to the team</source>
        <translation>Den Kollegen zum Team hinzufügen</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Was geschehen ist</translation>
    </message>
    <message>
        <source>&amp;Colleague:</source>
        <translation>&amp;Kollege:</translation>
    </message>
    <message>
        <source>&amp;Why:</source>
        <translation>&amp;Warum:</translation>
    </message>
    <message>
        <source>{name} · added by {who}, {time}</source>
        <translation>{name} · hinzugefügt von {who}, {time}</translation>
    </message>
    <message>
        <source>Nobody assists on this visit yet.</source>
        <translation>Bei diesem Besuch hilft noch niemand.</translation>
    </message>
    <message>
        <source>{name} is on the team of {reference}.</source>
        <translation>{name} ist im Team von {reference}.</translation>
    </message>
    <message>
        <source>{name} is off the team; their laptop drops the visit.</source>
        <translation>{name} ist nicht mehr im Team; sein Laptop entfernt den Besuch.</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>From visit</source>
        <translation>Aus Besuch</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>Störung</translation>
    </message>
    <message>
        <source>Known fix</source>
        <translation>Bekannte Lösung</translation>
    </message>
    <message>
        <source>Set by</source>
        <translation>Festgelegt von</translation>
    </message>
</context>
<context>
    <name>ConflictStatus</name>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Übernommen</translation>
    </message>
    <message>
        <source>Dismissed</source>
        <translation>Verworfen</translation>
    </message>
    <message>
        <source>{status} by {who}: {note}</source>
        <translation>{status} von {who}: {note}</translation>
    </message>
</context>
<context>
    <name>ConflictsTab</name>
    <message>
        <source>Recorded</source>
        <translation>Erfasst</translation>
    </message>
    <message>
        <source>On the laptop; reached the server {time}</source>
        <translation>Auf dem Laptop; beim Server angekommen {time}</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Besuch</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>Erfasst von</translation>
    </message>
    <message>
        <source>Now with</source>
        <translation>Jetzt bei</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Einzelheiten</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Open onl&amp;y</source>
        <translation>&amp;Nur offene</translation>
    </message>
    <message>
        <source>A technician who worked offline on a visit given meanwhile to someone else: their events wait here. Accept one to add it to the visit&apos;s history, or dismiss it.</source>
        <translation>Ein Techniker hat offline an einem Besuch gearbeitet, der inzwischen jemand anderem gegeben wurde: seine Ereignisse warten hier. Übernehmen Sie eines in den Verlauf des Besuchs oder verwerfen Sie es.</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Konflikte</translation>
    </message>
    <message>
        <source>No conflict is waiting.</source>
        <translation>Kein Konflikt wartet.</translation>
    </message>
    <message>
        <source>&amp;Accept…</source>
        <translation>Übe&amp;rnehmen…</translation>
    </message>
    <message>
        <source>Accept the selected event into the visit</source>
        <translation>Das gewählte Ereignis in den Besuch übernehmen</translation>
    </message>
    <message>
        <source>Di&amp;smiss…</source>
        <translation>Ver&amp;werfen…</translation>
    </message>
    <message>
        <source>Dismiss the selected event</source>
        <translation>Das gewählte Ereignis verwerfen</translation>
    </message>
    <message>
        <source>Accept into {reference}</source>
        <translation>In {reference} übernehmen</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <source>Add “{event}” to the history of {reference}? The technician now holding the visit gets it at their next sync.</source>
        <translation>„{event}“ in den Verlauf von {reference} übernehmen? Der jetzt zuständige Techniker erhält es bei seiner nächsten Synchronisierung.</translation>
    </message>
    <message>
        <source>Dismiss for {reference}</source>
        <translation>Für {reference} verwerfen</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Leave “{event}” out of the history of {reference}?</source>
        <translation>„{event}“ aus dem Verlauf von {reference} herauslassen?</translation>
    </message>
    <message>
        <source>Why (optional)</source>
        <translation>Warum (optional)</translation>
    </message>
</context>
<context>
    <name>DispatchTab</name>
    <message>
        <source>Whose visits</source>
        <translation>Wessen Besuche</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Nicht zugewiesen</translation>
    </message>
    <message>
        <source>S&amp;how cancelled</source>
        <translation>A&amp;uch abgesagte</translation>
    </message>
    <message>
        <source>Visit&amp;s of:</source>
        <translation>Besu&amp;che von:</translation>
    </message>
    <message>
        <source>Visits to dispatch</source>
        <translation>Zu disponierende Besuche</translation>
    </message>
    <message>
        <source>No visit in this period.</source>
        <translation>Kein Besuch in diesem Zeitraum.</translation>
    </message>
    <message>
        <source>{count} visit</source>
        <translation>{count} Besuch</translation>
    </message>
    <message>
        <source>{count} visits</source>
        <translation>{count} Besuche</translation>
    </message>
    <message>
        <source>{count} unassigned</source>
        <translation>{count} nicht zugewiesen</translation>
    </message>
    <message>
        <source>Re&amp;assign…</source>
        <translation>Neu &amp;zuweisen…</translation>
    </message>
    <message>
        <source>&amp;Assign…</source>
        <translation>&amp;Zuweisen…</translation>
    </message>
    <message>
        <source>Created {ref}, assigned to {who}.</source>
        <translation>{ref} angelegt, zugewiesen an {who}.</translation>
    </message>
    <message>
        <source>Create {reference} for {name}, {window}</source>
        <translation>{reference} für {name} anlegen, {window}</translation>
    </message>
    <message>
        <source>Create visit</source>
        <translation>Besuch anlegen</translation>
    </message>
    <message>
        <source>Before you create it</source>
        <translation>Bevor Sie ihn anlegen</translation>
    </message>
    <message>
        <source>Unassigned {ref}.</source>
        <translation>Zuweisung von {ref} aufgehoben.</translation>
    </message>
    <message>
        <source>Reassigned {ref} to {who}.</source>
        <translation>{ref} neu zugewiesen an {who}.</translation>
    </message>
    <message>
        <source>Assigned {ref} to {who}.</source>
        <translation>{ref} zugewiesen an {who}.</translation>
    </message>
    <message>
        <source>Reassign {reference} to {name}</source>
        <translation>{reference} neu an {name} zuweisen</translation>
    </message>
    <message>
        <source>Reassign</source>
        <translation>Neu zuweisen</translation>
    </message>
    <message>
        <source>Assign {reference} to {name}</source>
        <translation>{reference} an {name} zuweisen</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>Zuweisen</translation>
    </message>
    <message>
        <source>Changed who assists on {reference}.</source>
        <translation>Helfer bei {reference} geändert.</translation>
    </message>
    <message>
        <source>Rescheduled {ref}.</source>
        <translation>{ref} verschoben.</translation>
    </message>
    <message>
        <source>Move {reference} earlier, to {window}</source>
        <translation>{reference} vorziehen auf {window}</translation>
    </message>
    <message>
        <source>Reschedule</source>
        <translation>Verschieben</translation>
    </message>
    <message>
        <source>Cancel {reference}</source>
        <translation>{reference} absagen</translation>
    </message>
    <message>
        <source>Cancel the visit to {customer}? The technician&apos;s laptop drops it at its next sync, with this reason.</source>
        <translation>Den Besuch bei {customer} absagen? Der Laptop des Technikers entfernt ihn bei der nächsten Synchronisierung, mit diesem Grund.</translation>
    </message>
    <message>
        <source>Cancel visit</source>
        <translation>Besuch absagen</translation>
    </message>
    <message>
        <source>&amp;New visit…</source>
        <translation>&amp;Neuer Besuch…</translation>
    </message>
    <message>
        <source>New visit</source>
        <translation>Neuer Besuch</translation>
    </message>
    <message>
        <source>&amp;Reschedule…</source>
        <translation>Ver&amp;schieben…</translation>
    </message>
    <message>
        <source>Collea&amp;gues…</source>
        <translation>K&amp;ollegen…</translation>
    </message>
    <message>
        <source>Colleagues</source>
        <translation>Kollegen</translation>
    </message>
    <message>
        <source>Canc&amp;el visit…</source>
        <translation>Absa&amp;gen…</translation>
    </message>
    <message>
        <source>Reopen as ret&amp;urn visit…</source>
        <translation>&amp;Wieder öffnen…</translation>
    </message>
    <message>
        <source>Reopen visit: the fix failed</source>
        <translation>Besuch wieder öffnen: die Lösung hält nicht</translation>
    </message>
    <message>
        <source>The fix failed after sign-off: reopen the visit as a linked return visit for its technician</source>
        <translation>Die Lösung hält nach der Abnahme nicht: den Besuch als verknüpften Rückkehrbesuch für seinen Techniker wieder öffnen</translation>
    </message>
    <message>
        <source>&amp;Import CSV…</source>
        <translation>CSV i&amp;mportieren…</translation>
    </message>
    <message>
        <source>Import CSV</source>
        <translation>CSV importieren</translation>
    </message>
    <message>
        <source>Service re&amp;port…</source>
        <translation>Servicebe&amp;richt…</translation>
    </message>
    <message>
        <source>Save service report</source>
        <translation>Servicebericht speichern</translation>
    </message>
    <message>
        <source>Priorit&amp;y…</source>
        <translation>&amp;Priorität…</translation>
    </message>
    <message>
        <source>Priority of the visit</source>
        <translation>Priorität des Besuchs</translation>
    </message>
    <message>
        <source>Priority matrix…</source>
        <translation>Prioritätsmatrix…</translation>
    </message>
    <message>
        <source>Priority matrix</source>
        <translation>Prioritätsmatrix</translation>
    </message>
    <message>
        <source>The user left the company.</source>
        <translation>Der Benutzer hat das Unternehmen verlassen.</translation>
    </message>
    <message>
        <source>Cancelled {ref}.</source>
        <translation>{ref} abgesagt.</translation>
    </message>
    <message>
        <source>Reopen {reference}</source>
        <translation>{reference} wieder öffnen</translation>
    </message>
    <message>
        <source>The fix failed for {customer}? The visit stays signed off and a linked return visit goes to its technician for the next working day (Reschedule moves it); what fails becomes its problem.</source>
        <translation>Die Lösung hält bei {customer} nicht? Der Besuch bleibt abgenommen, und ein verknüpfter Rückkehrbesuch geht an seinen Techniker für den nächsten Arbeitstag (Verschieben ändert das); was nicht funktioniert, wird sein Problem.</translation>
    </message>
    <message>
        <source>Reopen visit</source>
        <translation>Besuch wieder öffnen</translation>
    </message>
    <message>
        <source>The printer jams again after ten pages.</source>
        <translation>Der Drucker staut nach zehn Seiten wieder.</translation>
    </message>
    <message>
        <source>Reopened as {ref}.</source>
        <translation>Wieder geöffnet als {ref}.</translation>
    </message>
    <message>
        <source>Import visits</source>
        <translation>Besuche importieren</translation>
    </message>
    <message>
        <source>Visits (*.csv *.json)</source>
        <translation>Besuche (*.csv *.json)</translation>
    </message>
    <message>
        <source>Imported {count} visit from {name}.</source>
        <translation>{count} Besuch aus {name} importiert.</translation>
    </message>
    <message>
        <source>Imported {count} visits from {name}.</source>
        <translation>{count} Besuche aus {name} importiert.</translation>
    </message>
    <message>
        <source>Saved the service report to {path} ({size}).</source>
        <translation>Servicebericht gespeichert unter {path} ({size}).</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Zeitfenster</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>Techniker</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Herkunft</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>Set the priority of {ref}.</source>
        <translation>Priorität von {ref} gesetzt.</translation>
    </message>
    <message>
        <source>Priority matrix version {version} set; {count} open visit got a new priority.</source>
        <translation>Prioritätsmatrix Version {version} gesetzt; {count} offener Besuch hat eine neue Priorität.</translation>
    </message>
    <message>
        <source>Priority matrix version {version} set; {count} open visits got a new priority.</source>
        <translation>Prioritätsmatrix Version {version} gesetzt; {count} offene Besuche haben eine neue Priorität.</translation>
    </message>
</context>
<context>
    <name>EquipmentKind</name>
    <message>
        <source>Part</source>
        <translation>Teil</translation>
    </message>
    <message>
        <source>Loan</source>
        <translation>Leihgerät</translation>
    </message>
</context>
<context>
    <name>EquipmentTab</name>
    <message>
        <source>{time} (overdue)</source>
        <translation>{time} (überfällig)</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Nicht erfasst</translation>
    </message>
    <message>
        <source>In the user&apos;s machine</source>
        <translation>Im Gerät des Benutzers</translation>
    </message>
    <message>
        <source>Out since</source>
        <translation>Draußen seit</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>Whose</source>
        <translation>Wessen</translation>
    </message>
    <message>
        <source>With</source>
        <translation>Bei</translation>
    </message>
    <message>
        <source>Due back</source>
        <translation>Zurück bis</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Besuch</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>Techniker</translation>
    </message>
    <message>
        <source>Recorded by {name}</source>
        <translation>Erfasst von {name}</translation>
    </message>
    <message>
        <source>{parts} and {loans} out</source>
        <translation>{parts} und {loans} draußen</translation>
    </message>
    <message>
        <source>{count} part</source>
        <translation>{count} Teil</translation>
    </message>
    <message>
        <source>{count} parts</source>
        <translation>{count} Teile</translation>
    </message>
    <message>
        <source>{count} loan</source>
        <translation>{count} Leihgerät</translation>
    </message>
    <message>
        <source>{count} loans</source>
        <translation>{count} Leihgeräte</translation>
    </message>
    <message>
        <source>{out}; {count} overdue</source>
        <translation>{out}; {count} überfällig</translation>
    </message>
    <message>
        <source>Technician whose visits to show</source>
        <translation>Techniker, dessen Besuche gezeigt werden</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Parts, loans or both</source>
        <translation>Teile, Leihgeräte oder beides</translation>
    </message>
    <message>
        <source>Parts and loans</source>
        <translation>Teile und Leihgeräte</translation>
    </message>
    <message>
        <source>Parts borrowed</source>
        <translation>Entnommene Teile</translation>
    </message>
    <message>
        <source>Loans to users</source>
        <translation>Leihgeräte bei Benutzern</translation>
    </message>
    <message>
        <source>Parts taken from other equipment and items lent to users that are not back yet, whatever the period. A part that cannot go back is settled by the technician with what became of it and who agreed.</source>
        <translation>Aus anderen Geräten entnommene Teile und an Benutzer verliehene Geräte, die noch nicht zurück sind, unabhängig vom Zeitraum. Ein Teil, das nicht zurück kann, regelt der Techniker mit dem, was daraus wurde, und wer zugestimmt hat.</translation>
    </message>
    <message>
        <source>Equipment out</source>
        <translation>Entliehenes</translation>
    </message>
    <message>
        <source>Nothing borrowed or lent is out.</source>
        <translation>Nichts Entnommenes oder Verliehenes ist draußen.</translation>
    </message>
    <message>
        <source>Enter or double-click opens the visit&apos;s timeline.</source>
        <translation>Eingabetaste oder Doppelklick öffnet den Verlauf des Besuchs.</translation>
    </message>
    <message>
        <source>T&amp;echnician:</source>
        <translation>Te&amp;chniker:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>A&amp;rt:</translation>
    </message>
</context>
<context>
    <name>ExportTab</name>
    <message>
        <source>Whose data to export</source>
        <translation>Wessen Daten exportiert werden</translation>
    </message>
    <message>
        <source>Whole team</source>
        <translation>Ganzes Team</translation>
    </message>
    <message>
        <source>Export v&amp;isits (CSV)…</source>
        <translation>Bes&amp;uche exportieren (CSV)…</translation>
    </message>
    <message>
        <source>Export the visits as CSV</source>
        <translation>Die Besuche als CSV exportieren</translation>
    </message>
    <message>
        <source>Every visit whose window starts in the period, with what happened on it.</source>
        <translation>Jeder Besuch, dessen Zeitfenster im Zeitraum beginnt, mit dem, was bei ihm geschah.</translation>
    </message>
    <message>
        <source>Export m&amp;etrics (CSV)…</source>
        <translation>Kenn&amp;zahlen exportieren (CSV)…</translation>
    </message>
    <message>
        <source>Export the care metrics as CSV</source>
        <translation>Die Betreuungskennzahlen als CSV exportieren</translation>
    </message>
    <message>
        <source>The team&apos;s metrics, then one row per technician.</source>
        <translation>Die Kennzahlen des Teams, dann eine Zeile je Techniker.</translation>
    </message>
    <message>
        <source>Export result</source>
        <translation>Ergebnis des Exports</translation>
    </message>
    <message>
        <source>CSV files with a header row, for a spreadsheet or a report. The period is the one chosen above, in days of this computer&apos;s time zone.</source>
        <translation>CSV-Dateien mit Kopfzeile, für eine Tabellenkalkulation oder einen Bericht. Der Zeitraum ist der oben gewählte, in Tagen der Zeitzone dieses Computers.</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Zeitraum:</translation>
    </message>
    <message>
        <source>Fo&amp;r:</source>
        <translation>&amp;Für:</translation>
    </message>
    <message>
        <source>Downloading…</source>
        <translation>Wird heruntergeladen…</translation>
    </message>
    <message>
        <source>visits</source>
        <translation>besuche</translation>
    </message>
    <message>
        <source>metrics</source>
        <translation>kennzahlen</translation>
    </message>
    <message>
        <source>Export visits</source>
        <translation>Besuche exportieren</translation>
    </message>
    <message>
        <source>Export metrics</source>
        <translation>Kennzahlen exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Saved {path} ({size}).</source>
        <translation>{path} gespeichert ({size}).</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>What is missing</source>
        <translation>Was fehlt</translation>
    </message>
    <message>
        <source>Throw away what you typed?</source>
        <translation>Das Eingegebene verwerfen?</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <source>&amp;Keep editing</source>
        <translation>&amp;Weiter bearbeiten</translation>
    </message>
</context>
<context>
    <name>KnowledgeTab</name>
    <message>
        <source>In force</source>
        <translation>Gültig</translation>
    </message>
    <message>
        <source>Retired {time}</source>
        <translation>Zurückgezogen {time}</translation>
    </message>
    <message>
        <source>Search the articles</source>
        <translation>Artikel durchsuchen</translation>
    </message>
    <message>
        <source>Words in the title or the text</source>
        <translation>Wörter im Titel oder im Text</translation>
    </message>
    <message>
        <source>Show &amp;all, retired too</source>
        <translation>Auch &amp;zurückgezogene zeigen</translation>
    </message>
    <message>
        <source>Articles reach every technician&apos;s laptop at its next sync and come first in the Diagnose page&apos;s suggestions. Promote a fix from a visit&apos;s timeline.</source>
        <translation>Artikel erreichen jeden Techniker-Laptop bei seiner nächsten Synchronisierung und stehen in den Vorschlägen der Diagnose-Seite vorn. Eine Lösung wird im Verlauf eines Besuchs zum Artikel.</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>No article yet: promote a fix from a visit&apos;s timeline.</source>
        <translation>Noch kein Artikel: machen Sie im Verlauf eines Besuchs eine Lösung zum Artikel.</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Ändern…</translation>
    </message>
    <message>
        <source>Edit the selected article</source>
        <translation>Den gewählten Artikel ändern</translation>
    </message>
    <message>
        <source>Ret&amp;ire</source>
        <translation>Zu&amp;rückziehen</translation>
    </message>
    <message>
        <source>Retire or restore the selected article</source>
        <translation>Den gewählten Artikel zurückziehen oder wieder gültig machen</translation>
    </message>
    <message>
        <source>O&amp;pen visit…</source>
        <translation>Besu&amp;ch öffnen…</translation>
    </message>
    <message>
        <source>Open the timeline of the article&apos;s visit</source>
        <translation>Den Verlauf des Besuchs des Artikels öffnen</translation>
    </message>
    <message>
        <source>Incidents&apos; known fixes</source>
        <translation>Bekannte Lösungen der Störungen</translation>
    </message>
    <message>
        <source>No incident has a known fix.</source>
        <translation>Keine Störung hat eine bekannte Lösung.</translation>
    </message>
    <message>
        <source>Set &amp;known fix…</source>
        <translation>Bekannte Lösung &amp;festlegen…</translation>
    </message>
    <message>
        <source>Set the known fix of an incident</source>
        <translation>Die bekannte Lösung einer Störung setzen</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>S&amp;uchen:</translation>
    </message>
    <message>
        <source>{count} article</source>
        <translation>{count} Artikel</translation>
    </message>
    <message>
        <source>{count} articles</source>
        <translation>{count} Artikel</translation>
    </message>
    <message>
        <source>{count} known fix</source>
        <translation>{count} bekannte Lösung</translation>
    </message>
    <message>
        <source>{count} known fixes</source>
        <translation>{count} bekannte Lösungen</translation>
    </message>
    <message>
        <source>Bri&amp;ng back</source>
        <translation>Wieder &amp;gültig</translation>
    </message>
    <message>
        <source>Edit the article</source>
        <translation>Artikel ändern</translation>
    </message>
</context>
<context>
    <name>KnownFixDialog</name>
    <message>
        <source>Known fix of an incident</source>
        <translation>Bekannte Lösung einer Störung</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>Störung</translation>
    </message>
    <message>
        <source>e.g. INC-4471</source>
        <translation>z. B. INC-4471</translation>
    </message>
    <message>
        <source>Known fix</source>
        <translation>Bekannte Lösung</translation>
    </message>
    <message>
        <source>&amp;Incident:</source>
        <translation>&amp;Störung:</translation>
    </message>
    <message>
        <source>&amp;Known fix:</source>
        <translation>&amp;Bekannte Lösung:</translation>
    </message>
    <message>
        <source>Technicians with a visit of this incident see it on the Diagnose page after their next sync. Leave it empty to clear it.</source>
        <translation>Techniker mit einem Besuch zu dieser Störung sehen sie nach ihrer nächsten Synchronisierung auf der Diagnose-Seite. Leer lassen, um sie zu entfernen.</translation>
    </message>
    <message>
        <source>Name the incident.</source>
        <translation>Nennen Sie die Störung.</translation>
    </message>
</context>
<context>
    <name>MatrixDialog</name>
    <message>
        <source>Priority matrix</source>
        <translation>Prioritätsmatrix</translation>
    </message>
    <message>
        <source>Set matrix</source>
        <translation>Matrix setzen</translation>
    </message>
    <message>
        <source>Version {version}, set by {who}.</source>
        <translation>Version {version}, gesetzt von {who}.</translation>
    </message>
    <message>
        <source>Version {version} (the default).</source>
        <translation>Version {version} (die Voreinstellung).</translation>
    </message>
    <message>
        <source>Each visit&apos;s priority is worked out from its impact (rows) and urgency (columns); open visits follow a change at once, VIP visits stay critical. More impact or more urgency never gives a lower priority.</source>
        <translation>Die Priorität jedes Besuchs ergibt sich aus seiner Auswirkung (Zeilen) und Dringlichkeit (Spalten); offene Besuche folgen einer Änderung sofort, VIP-Besuche bleiben kritisch. Mehr Auswirkung oder mehr Dringlichkeit ergibt nie eine niedrigere Priorität.</translation>
    </message>
    <message>
        <source>{level} urgency</source>
        <translation>Dringlichkeit: {level}</translation>
    </message>
    <message>
        <source>{level} impact</source>
        <translation>Auswirkung: {level}</translation>
    </message>
    <message>
        <source>Priority for {impact} impact and {urgency} urgency</source>
        <translation>Priorität bei Auswirkung {impact} und Dringlichkeit {urgency}</translation>
    </message>
</context>
<context>
    <name>MetricsTab</name>
    <message>
        <source>Greeted on
arrival</source>
        <translation>Bei Ankunft
begrüßt</translation>
    </message>
    <message>
        <source>Of the arrivals: the technician greeted the user, introduced themselves and said why they came.</source>
        <translation>Von den Ankünften: der Techniker hat den Benutzer begrüßt, sich vorgestellt und gesagt, warum er kommt.</translation>
    </message>
    <message>
        <source>Late: user
told</source>
        <translation>Verspätung
gemeldet</translation>
    </message>
    <message>
        <source>Of the arrivals late against the window: the customer was told.</source>
        <translation>Von den Ankünften nach dem Zeitfenster: der Kunde wurde informiert.</translation>
    </message>
    <message>
        <source>Teaching
accepted</source>
        <translation>Anleitung
angenommen</translation>
    </message>
    <message>
        <source>Of the visits where teaching was offered after the fix: the user accepted it.</source>
        <translation>Von den Besuchen, bei denen nach der Lösung eine Anleitung angeboten wurde: der Benutzer hat sie angenommen.</translation>
    </message>
    <message>
        <source>Out-of-scope
requests</source>
        <translation>Zusatz-
wünsche</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Ursache</translation>
    </message>
    <message>
        <source>Diagnosed
visits</source>
        <translation>Diagnostizierte
Besuche</translation>
    </message>
    <message>
        <source>{average} a visit ({total}, {trips})</source>
        <translation>{average} je Besuch ({total}, {trips})</translation>
    </message>
    <message>
        <source>{count} trip</source>
        <translation>{count} Anfahrt</translation>
    </message>
    <message>
        <source>{count} trips</source>
        <translation>{count} Anfahrten</translation>
    </message>
    <message>
        <source>Each technician&apos;s own minutes at the desk, from each arrival to leaving or the close; per visit reached, and the trips (a visit left for a part and come back to makes two).</source>
        <translation>Die eigenen Minuten jedes Technikers am Arbeitsplatz, von jeder Ankunft bis zum Gehen oder Abschluss; je erreichtem Besuch, und die Anfahrten (ein Besuch, der für ein Teil verlassen und wieder aufgesucht wird, zählt zwei).</translation>
    </message>
    <message>
        <source>Visits diagnosed, by the source category of the latest diagnosis.</source>
        <translation>Diagnostizierte Besuche, nach der Ursachenkategorie der letzten Diagnose.</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>Besuche</translation>
    </message>
    <message>
        <source>Confirmed
in advance</source>
        <translation>Vorab
bestätigt</translation>
    </message>
    <message>
        <source>Of the visits: confirmed with the customer before the technician arrived.</source>
        <translation>Von den Besuchen: mit dem Kunden bestätigt, bevor der Techniker ankam.</translation>
    </message>
    <message>
        <source>Permission
recorded</source>
        <translation>Erlaubnis
erfasst</translation>
    </message>
    <message>
        <source>Of the visits reached: the user&apos;s permission (or why not) was recorded.</source>
        <translation>Von den erreichten Besuchen: die Erlaubnis des Benutzers (oder warum nicht) wurde erfasst.</translation>
    </message>
    <message>
        <source>Shown
working</source>
        <translation>Funktion
gezeigt</translation>
    </message>
    <message>
        <source>Of the completed visits: the fix was demonstrated and the user confirmed it.</source>
        <translation>Von den abgeschlossenen Besuchen: die Lösung wurde vorgeführt und der Benutzer hat sie bestätigt.</translation>
    </message>
    <message>
        <source>First-visit
resolution</source>
        <translation>Beim ersten
Besuch gelöst</translation>
    </message>
    <message>
        <source>Of the visits completed or escalated (not those closed as declined by the user or with no repair at the desk): completed at the first visit, never escalated.</source>
        <translation>Von den abgeschlossenen oder eskalierten Besuchen (nicht den als vom Benutzer abgelehnt oder ohne Reparatur am Arbeitsplatz geschlossenen): beim ersten Besuch abgeschlossen, nie eskaliert.</translation>
    </message>
    <message>
        <source>Escalations</source>
        <translation>Eskalationen</translation>
    </message>
    <message>
        <source>Declined by
the user</source>
        <translation>Vom Benutzer
abgelehnt</translation>
    </message>
    <message>
        <source>Closed as
declined</source>
        <translation>Als abgelehnt
geschlossen</translation>
    </message>
    <message>
        <source>User absent:
note left</source>
        <translation>Benutzer abwesend:
Notiz hinterlassen</translation>
    </message>
    <message>
        <source>Absent user
came back</source>
        <translation>Abwesender Benutzer
kam zurück</translation>
    </message>
    <message>
        <source>Resolved
remotely</source>
        <translation>Aus der Ferne
gelöst</translation>
    </message>
    <message>
        <source>Already fixed
on arrival</source>
        <translation>Bei Ankunft
schon behoben</translation>
    </message>
    <message>
        <source>No fault
found</source>
        <translation>Kein Fehler
gefunden</translation>
    </message>
    <message>
        <source>No longer
needed</source>
        <translation>Nicht mehr
nötig</translation>
    </message>
    <message>
        <source>Walk-ups</source>
        <translation>Spontane
Anfragen</translation>
    </message>
    <message>
        <source>Handled on
the spot</source>
        <translation>Sofort
erledigt</translation>
    </message>
    <message>
        <source>Reopened:
fix failed</source>
        <translation>Wieder geöffnet:
Lösung hielt nicht</translation>
    </message>
    <message>
        <source>Finished on
a later trip</source>
        <translation>Bei späterer
Anfahrt erledigt</translation>
    </message>
    <message>
        <source>Time on
site</source>
        <translation>Zeit vor
Ort</translation>
    </message>
    <message>
        <source>Parts that
could not go back</source>
        <translation>Teile, die nicht
zurück konnten</translation>
    </message>
    <message>
        <source>Parts
still out</source>
        <translation>Teile noch
draußen</translation>
    </message>
    <message>
        <source>Loans
still out</source>
        <translation>Leihgeräte
noch draußen</translation>
    </message>
    <message>
        <source>Loans
overdue</source>
        <translation>Leihgeräte
überfällig</translation>
    </message>
    <message>
        <source>Visits
assisted</source>
        <translation>Besuche
unterstützt</translation>
    </message>
    <message>
        <source>Events
recorded</source>
        <translation>Ereignisse
erfasst</translation>
    </message>
    <message>
        <source>Diagnoses by
source</source>
        <translation>Diagnosen
nach Ursache</translation>
    </message>
    <message>
        <source>Promises kept
on time</source>
        <translation>Zusagen pünktlich
gehalten</translation>
    </message>
    <message>
        <source>Of the promises due in the period: kept no later than promised.</source>
        <translation>Von den im Zeitraum fälligen Zusagen: spätestens wie zugesagt gehalten.</translation>
    </message>
    <message>
        <source>Follow-up
calls made</source>
        <translation>Nachfass-
anrufe getätigt</translation>
    </message>
    <message>
        <source>Of the follow-up calls due in the period: made.</source>
        <translation>Von den im Zeitraum fälligen Nachfassanrufen: getätigt.</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>Zufriedenheit</translation>
    </message>
    <message>
        <source>Ratings
≤ 2</source>
        <translation>Bewertungen
≤ 2</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Closed by {who}: {note}</source>
        <translation>Geschlossen von {who}: {note}</translation>
    </message>
    <message>
        <source>Signed off</source>
        <translation>Abgenommen</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>Techniker</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Customer&apos;s comment</source>
        <translation>Kommentar des Kunden</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Nachfassen</translation>
    </message>
    <message>
        <source>Whole team</source>
        <translation>Ganzes Team</translation>
    </message>
    <message>
        <source>Care metrics per technician</source>
        <translation>Betreuungskennzahlen je Techniker</translation>
    </message>
    <message>
        <source>No metrics for this period.</source>
        <translation>Keine Kennzahlen für diesen Zeitraum.</translation>
    </message>
    <message>
        <source>Follow-up items</source>
        <translation>Nachfassfälle</translation>
    </message>
    <message>
        <source>No rating of 2 or less is waiting for a follow-up.</source>
        <translation>Keine Bewertung von 2 oder weniger wartet auf Nachfassen.</translation>
    </message>
    <message>
        <source>Show clo&amp;sed items too</source>
        <translation>Auch &amp;geschlossene zeigen</translation>
    </message>
    <message>
        <source>Close &amp;item…</source>
        <translation>Fall &amp;schließen…</translation>
    </message>
    <message>
        <source>Close the selected follow-up item</source>
        <translation>Den gewählten Nachfassfall schließen</translation>
    </message>
    <message>
        <source>Follow-up items: ratings of 2 or less, every period</source>
        <translation>Nachfassfälle: Bewertungen von 2 oder weniger, jeder Zeitraum</translation>
    </message>
    <message>
        <source>Close follow-up of {reference}</source>
        <translation>Nachfassen zu {reference} schließen</translation>
    </message>
    <message>
        <source>{customer} rated the visit {rating} out of 5. What was done about it?</source>
        <translation>{customer} hat den Besuch mit {rating} von 5 bewertet. Was wurde unternommen?</translation>
    </message>
    <message>
        <source>Close item</source>
        <translation>Fall schließen</translation>
    </message>
    <message>
        <source>Called the customer, apologised and booked a return visit…</source>
        <translation>Kunden angerufen, entschuldigt und einen Rückkehrbesuch gebucht…</translation>
    </message>
    <message>
        <source>Asked how
long</source>
        <translation>Nach Dauer
gefragt</translation>
    </message>
    <message>
        <source>Of the diagnosed visits: the user was asked how long the problem has been happening (the latest diagnosis counts).</source>
        <translation>Von den diagnostizierten Besuchen: der Benutzer wurde gefragt, seit wann das Problem besteht (die letzte Diagnose zählt).</translation>
    </message>
    <message>
        <source>User showed
the problem</source>
        <translation>Benutzer zeigte
das Problem</translation>
    </message>
    <message>
        <source>Of the diagnosed visits: the user showed the technician the problem.</source>
        <translation>Von den diagnostizierten Besuchen: der Benutzer hat dem Techniker das Problem gezeigt.</translation>
    </message>
    <message>
        <source>Added to what
was tried</source>
        <translation>Bereits Versuchtes
ergänzt</translation>
    </message>
    <message>
        <source>VIP
visits</source>
        <translation>VIP-
Besuche</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Write a note first.</source>
        <translation>Schreiben Sie zuerst eine Notiz.</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <source>No: starts after its window</source>
        <translation>Nein: beginnt nach seinem Zeitfenster</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Zeitfenster</translation>
    </message>
    <message>
        <source>Would start</source>
        <translation>Würde beginnen</translation>
    </message>
    <message>
        <source>Delay</source>
        <translation>Verzögerung</translation>
    </message>
    <message>
        <source>Window kept?</source>
        <translation>Zeitfenster gehalten?</translation>
    </message>
    <message>
        <source>Before you move it</source>
        <translation>Bevor Sie ihn verschieben</translation>
    </message>
    <message>
        <source>ddd dd MMM</source>
        <comment>a day (QLocale format)</comment>
        <translation>ddd dd.MM.</translation>
    </message>
    <message>
        <source>This delays {count} of the technician&apos;s visits on {day}</source>
        <translation>Das verzögert {count} Besuche des Technikers am {day}</translation>
    </message>
    <message>
        <source>; {count} would start after its window.</source>
        <translation>; {count} würde nach seinem Zeitfenster beginnen.</translation>
    </message>
    <message>
        <source>; {count} would start after their window.</source>
        <translation>; {count} würden nach ihrem Zeitfenster beginnen.</translation>
    </message>
    <message>
        <source>{count} other visit keeps its time.</source>
        <translation>{count} anderer Besuch behält seine Zeit.</translation>
    </message>
    <message>
        <source>{count} other visits keep their time.</source>
        <translation>{count} andere Besuche behalten ihre Zeit.</translation>
    </message>
    <message>
        <source>No other visit of the technician on {day} is delayed.</source>
        <translation>Kein anderer Besuch des Technikers am {day} wird verzögert.</translation>
    </message>
    <message>
        <source>What the move delays</source>
        <translation>Was die Änderung verzögert</translation>
    </message>
    <message>
        <source>Visits the move delays</source>
        <translation>Besuche, die die Änderung verzögert</translation>
    </message>
    <message>
        <source>Nothing is delayed.</source>
        <translation>Nichts wird verzögert.</translation>
    </message>
</context>
<context>
    <name>Priority</name>
    <message>
        <source>Low</source>
        <translation>Niedrig</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Kritisch</translation>
    </message>
    <message>
        <source>{priority} (VIP)</source>
        <translation>{priority} (VIP)</translation>
    </message>
    <message>
        <source>VIP: critical by an explicit override, whatever its impact and urgency.</source>
        <translation>VIP: kritisch durch ausdrückliche Übersteuerung, unabhängig von Auswirkung und Dringlichkeit.</translation>
    </message>
    <message>
        <source>From {impact} impact and {urgency} urgency.</source>
        <translation>Aus Auswirkung {impact} und Dringlichkeit {urgency}.</translation>
    </message>
</context>
<context>
    <name>PriorityDialog</name>
    <message>
        <source>Priority of {reference}</source>
        <translation>Priorität von {reference}</translation>
    </message>
    <message>
        <source>Set priority</source>
        <translation>Priorität setzen</translation>
    </message>
    <message>
        <source>The priority is worked out from how many and how badly the problem affects (impact) and how soon it must be fixed (urgency), never from a person&apos;s title.</source>
        <translation>Die Priorität ergibt sich daraus, wie viele das Problem wie stark trifft (Auswirkung) und wie bald es behoben sein muss (Dringlichkeit), nie aus dem Titel einer Person.</translation>
    </message>
</context>
<context>
    <name>PriorityInputs</name>
    <message>
        <source>Impact</source>
        <translation>Auswirkung</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Dringlichkeit</translation>
    </message>
    <message>
        <source>VIP (overrides to critical)</source>
        <translation>VIP (übersteuert auf kritisch)</translation>
    </message>
    <message>
        <source>VIP override</source>
        <translation>VIP-Übersteuerung</translation>
    </message>
    <message>
        <source>Only when the organisation has decided this person&apos;s visits jump the queue: the override is recorded and shown, never hidden in the impact or urgency.</source>
        <translation>Nur wenn die Organisation entschieden hat, dass die Besuche dieser Person vorgezogen werden: die Übersteuerung wird erfasst und gezeigt, nie in Auswirkung oder Dringlichkeit versteckt.</translation>
    </message>
    <message>
        <source>Priority worked out</source>
        <translation>Ermittelte Priorität</translation>
    </message>
    <message>
        <source>urgency</source>
        <translation>Dringlichkeit</translation>
    </message>
    <message>
        <source>from the matrix</source>
        <translation>aus der Matrix</translation>
    </message>
    <message>
        <source>Priority: {priority} ({why})</source>
        <translation>Priorität: {priority} ({why})</translation>
    </message>
</context>
<context>
    <name>RescheduleDialog</name>
    <message>
        <source>Reschedule {reference}</source>
        <translation>{reference} verschieben</translation>
    </message>
    <message>
        <source>Reschedule</source>
        <translation>Verschieben</translation>
    </message>
    <message>
        <source>New window start</source>
        <translation>Neuer Beginn des Zeitfensters</translation>
    </message>
    <message>
        <source>New window end</source>
        <translation>Neues Ende des Zeitfensters</translation>
    </message>
    <message>
        <source>now {window}</source>
        <translation>jetzt {window}</translation>
    </message>
    <message>
        <source>Window &amp;start:</source>
        <translation>Fenster&amp;beginn:</translation>
    </message>
    <message>
        <source>Window &amp;end:</source>
        <translation>Fenster&amp;ende:</translation>
    </message>
    <message>
        <source>The window must end after it starts.</source>
        <translation>Das Zeitfenster muss nach seinem Beginn enden.</translation>
    </message>
    <message>
        <source>Choose a new time, or cancel.</source>
        <translation>Wählen Sie eine neue Zeit oder brechen Sie ab.</translation>
    </message>
</context>
<context>
    <name>SourceCategory</name>
    <message>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <source>Software</source>
        <translation>Software</translation>
    </message>
    <message>
        <source>Hardware</source>
        <translation>Hardware</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <source>User knowledge</source>
        <translation>Benutzerwissen</translation>
    </message>
</context>
<context>
    <name>SupervisorWindow</name>
    <message>
        <source>FieldApp supervision — {user}</source>
        <translation>FieldApp Leitstand – {user}</translation>
    </message>
    <message>
        <source>Supervision</source>
        <translation>Leitstand</translation>
    </message>
    <message>
        <source>Team &amp;board</source>
        <translation>&amp;Teamübersicht</translation>
    </message>
    <message>
        <source>Each technician&apos;s day</source>
        <translation>Der Tag jedes Technikers</translation>
    </message>
    <message>
        <source>Care &amp;metrics</source>
        <translation>&amp;Kennzahlen</translation>
    </message>
    <message>
        <source>Metrics and follow-up items</source>
        <translation>Kennzahlen und Nachfassfälle</translation>
    </message>
    <message>
        <source>&amp;Charts</source>
        <translation>&amp;Diagramme</translation>
    </message>
    <message>
        <source>Completions, promises, satisfaction</source>
        <translation>Abschlüsse, Zusagen, Zufriedenheit</translation>
    </message>
    <message>
        <source>&amp;Dispatch</source>
        <translation>D&amp;isposition</translation>
    </message>
    <message>
        <source>Create, assign and cancel visits</source>
        <translation>Besuche anlegen, zuweisen und absagen</translation>
    </message>
    <message>
        <source>Conf&amp;licts</source>
        <translation>Konf&amp;likte</translation>
    </message>
    <message>
        <source>Late events of a previous assignee</source>
        <translation>Späte Ereignisse eines früheren Zuständigen</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>E&amp;xport</translation>
    </message>
    <message>
        <source>CSV files of visits and metrics</source>
        <translation>CSV-Dateien der Besuche und Kennzahlen</translation>
    </message>
    <message>
        <source>E&amp;quipment out</source>
        <translation>&amp;Entliehenes</translation>
    </message>
    <message>
        <source>Parts and loans not back yet</source>
        <translation>Teile und Leihgeräte, die noch nicht zurück sind</translation>
    </message>
    <message>
        <source>Knowledge</source>
        <translation>Wissen</translation>
    </message>
    <message>
        <source>Articles and incidents&apos; known fixes</source>
        <translation>Artikel und bekannte Lösungen von Störungen</translation>
    </message>
    <message>
        <source>{tab} tab</source>
        <translation>Reiter {tab}</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Read the tab again from the server (F5)</source>
        <translation>Den Reiter neu vom Server lesen (F5)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>Erster Tag</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Letzter Tag</translation>
    </message>
    <message>
        <source>ddd dd MMM yyyy</source>
        <comment>a day (QLocale format)</comment>
        <translation>ddd dd.MM.yyyy</translation>
    </message>
    <message>
        <source>Days in this computer&apos;s time zone ({zone})</source>
        <translation>Tage in der Zeitzone dieses Computers ({zone})</translation>
    </message>
    <message>
        <source>&amp;Today</source>
        <translation>&amp;Heute</translation>
    </message>
    <message>
        <source>Last &amp;7 days</source>
        <translation>Letzte &amp;7 Tage</translation>
    </message>
    <message>
        <source>Last &amp;30 days</source>
        <translation>Letzte &amp;30 Tage</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Von</translation>
    </message>
    <message>
        <source>t&amp;o</source>
        <translation>&amp;bis</translation>
    </message>
    <message>
        <source>A period covers at most {days} days; choose a shorter one.</source>
        <translation>Ein Zeitraum umfasst höchstens {days} Tage; wählen Sie einen kürzeren.</translation>
    </message>
    <message>
        <source>Talking to the server…</source>
        <translation>Verbindung zum Server…</translation>
    </message>
    <message>
        <source>Saved the service report to {path}.</source>
        <translation>Servicebericht gespeichert unter {path}.</translation>
    </message>
    <message>
        <source>Promoted to the article “{title}”: laptops get it at their next sync.</source>
        <translation>Zum Artikel „{title}“ gemacht: die Laptops erhalten ihn bei ihrer nächsten Synchronisierung.</translation>
    </message>
</context>
<context>
    <name>SupervisorWords</name>
    <message>
        <source>{step} at {time}</source>
        <translation>{step} um {time}</translation>
    </message>
    <message>
        <source>Overdue: {reference} at {time}</source>
        <translation>Überfällig: {reference} um {time}</translation>
    </message>
    <message>
        <source>Next: {reference} at {time}</source>
        <translation>Als Nächstes: {reference} um {time}</translation>
    </message>
    <message>
        <source>All visits closed</source>
        <translation>Alle Besuche geschlossen</translation>
    </message>
    <message>
        <source>No visits</source>
        <translation>Keine Besuche</translation>
    </message>
    <message>
        <source>Something went wrong: {error}</source>
        <translation>Etwas ist schiefgegangen: {error}</translation>
    </message>
    <message>
        <source>ddd dd MMM HH:mm</source>
        <comment>a day and time (QLocale format)</comment>
        <translation>ddd dd.MM. HH:mm</translation>
    </message>
    <message>
        <source>HH:mm</source>
        <comment>a time of day (QLocale format)</comment>
        <translation>HH:mm</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} Min.</translation>
    </message>
    <message>
        <source>building {building}</source>
        <translation>Gebäude {building}</translation>
    </message>
    <message>
        <source>floor {floor}</source>
        <translation>Stockwerk {floor}</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <source>{minutes} min ago</source>
        <translation>vor {minutes} Min.</translation>
    </message>
    <message>
        <source>{hours} h ago</source>
        <translation>vor {hours} Std.</translation>
    </message>
    <message>
        <source>{count} day ago</source>
        <translation>vor {count} Tag</translation>
    </message>
    <message>
        <source>{count} days ago</source>
        <translation>vor {count} Tagen</translation>
    </message>
    <message>
        <source>{percent}%</source>
        <translation>{percent} %</translation>
    </message>
    <message>
        <source>{percent} ({part} of {whole})</source>
        <translation>{percent} ({part} von {whole})</translation>
    </message>
    <message>
        <source>ddd dd MMM yyyy</source>
        <comment>a day (QLocale format)</comment>
        <translation>ddd dd.MM.yyyy</translation>
    </message>
    <message>
        <source>dd MMM</source>
        <comment>a day (QLocale format)</comment>
        <translation>dd.MM.</translation>
    </message>
    <message>
        <source>dd MMM yyyy</source>
        <comment>a day (QLocale format)</comment>
        <translation>dd.MM.yyyy</translation>
    </message>
    <message>
        <source>ddd dd MMM yyyy  HH:mm</source>
        <comment>a day and time (QLocale format)</comment>
        <translation>ddd dd.MM.yyyy  HH:mm</translation>
    </message>
    <message>
        <source>The form</source>
        <translation>Das Formular</translation>
    </message>
    <message>
        <source>Enter or double-click opens the timeline.</source>
        <translation>Eingabetaste oder Doppelklick öffnet den Verlauf.</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Nicht zugewiesen</translation>
    </message>
</context>
<context>
    <name>TimeRequests</name>
    <message>
        <source>Asked</source>
        <translation>Gefragt</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Besuch</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>Techniker</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Jetzt</translation>
    </message>
    <message>
        <source>Times asked</source>
        <translation>Gewünschte Termine</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
</context>
<context>
    <name>TimeRequestsPanel</name>
    <message>
        <source>Users asking for another time</source>
        <translation>Benutzer, die um einen anderen Termin bitten</translation>
    </message>
    <message>
        <source>No user is waiting for an answer.</source>
        <translation>Kein Benutzer wartet auf eine Antwort.</translation>
    </message>
    <message>
        <source>Accept a time as&amp;ked…</source>
        <translation>&amp;Ja zum Wunschtermin…</translation>
    </message>
    <message>
        <source>Accept a time the user asked for</source>
        <translation>Einen vom Benutzer gewünschten Termin annehmen</translation>
    </message>
    <message>
        <source>Decline, say &amp;why…</source>
        <translation>An&amp;frage ablehnen…</translation>
    </message>
    <message>
        <source>Decline the user&apos;s request</source>
        <translation>Die Bitte des Benutzers ablehnen</translation>
    </message>
    <message>
        <source>Users asking for another time ({count})</source>
        <translation>Benutzer, die um einen anderen Termin bitten ({count})</translation>
    </message>
    <message>
        <source>{ref} moved to the time the user asked for; they are mailed.</source>
        <translation>{ref} auf den gewünschten Termin verlegt; der Benutzer erhält eine E-Mail.</translation>
    </message>
    <message>
        <source>Decline the request</source>
        <translation>Bitte ablehnen</translation>
    </message>
    <message>
        <source>Why can {ref} not move to a time {customer} asked for? They are mailed this, and that the visit stays as it is.</source>
        <translation>Warum kann {ref} nicht auf einen von {customer} gewünschten Termin verlegt werden? Das erhält der Benutzer per E-Mail, dazu, dass der Besuch bleibt, wie er ist.</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <source>The request on {ref} is declined; the user is mailed why.</source>
        <translation>Die Bitte zu {ref} ist abgelehnt; der Benutzer erhält die Begründung per E-Mail.</translation>
    </message>
</context>
<context>
    <name>TimelineDialog</name>
    <message>
        <source>The user, on the confirmation page</source>
        <translation>Der Benutzer, auf der Bestätigungsseite</translation>
    </message>
    <message>
        <source>Laptop time</source>
        <translation>Laptopzeit</translation>
    </message>
    <message>
        <source>Recorded on the laptop at {time}</source>
        <translation>Auf dem Laptop erfasst am {time}</translation>
    </message>
    <message>
        <source>Server time</source>
        <translation>Serverzeit</translation>
    </message>
    <message>
        <source>Received by the server at {time}</source>
        <translation>Vom Server empfangen am {time}</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Einzelheiten</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>Erfasst von</translation>
    </message>
    <message>
        <source>still there</source>
        <translation>noch dort</translation>
    </message>
    <message>
        <source>Trip {number}: {span}, {minutes}</source>
        <translation>Anfahrt {number}: {span}, {minutes}</translation>
    </message>
    <message>
        <source>(left: {why})</source>
        <translation>(gegangen: {why})</translation>
    </message>
    <message>
        <source>{count} trip · {minutes} on site</source>
        <translation>{count} Anfahrt · {minutes} vor Ort</translation>
    </message>
    <message>
        <source>{count} trips · {minutes} on site</source>
        <translation>{count} Anfahrten · {minutes} vor Ort</translation>
    </message>
    <message>
        <source>{reference}-service-report.pdf</source>
        <translation>{reference}-Servicebericht.pdf</translation>
    </message>
    <message>
        <source>visit</source>
        <translation>Besuch</translation>
    </message>
    <message>
        <source>Save the service report</source>
        <translation>Servicebericht speichern</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Timeline of the visit</source>
        <translation>Verlauf des Besuchs</translation>
    </message>
    <message>
        <source>Loading the timeline…</source>
        <translation>Verlauf wird geladen…</translation>
    </message>
    <message>
        <source>Trips to the desk and time on site</source>
        <translation>Anfahrten zum Arbeitsplatz und Zeit vor Ort</translation>
    </message>
    <message>
        <source>Events of the visit</source>
        <translation>Ereignisse des Besuchs</translation>
    </message>
    <message>
        <source>No event has reached the server for this visit yet.</source>
        <translation>Für diesen Besuch hat noch kein Ereignis den Server erreicht.</translation>
    </message>
    <message>
        <source>Save service &amp;report…</source>
        <translation>Service&amp;bericht speichern…</translation>
    </message>
    <message>
        <source>Save the service report as PDF</source>
        <translation>Den Servicebericht als PDF speichern</translation>
    </message>
    <message>
        <source>The PDF the technician&apos;s laptop made at sign-off</source>
        <translation>Das PDF, das der Laptop des Technikers bei der Abnahme erstellt hat</translation>
    </message>
    <message>
        <source>Promote to &amp;article…</source>
        <translation>Als &amp;Artikel übernehmen…</translation>
    </message>
    <message>
        <source>Promote this visit&apos;s fix to an article</source>
        <translation>Die Lösung dieses Besuchs als Artikel übernehmen</translation>
    </message>
    <message>
        <source>Every laptop gets the article at its next sync and suggests it first.</source>
        <translation>Jeder Laptop erhält den Artikel bei seiner nächsten Synchronisierung und schlägt ihn zuerst vor.</translation>
    </message>
    <message>
        <source>Cancelled: {reason}</source>
        <translation>Abgesagt: {reason}</translation>
    </message>
    <message>
        <source>Technician: {name}</source>
        <translation>Techniker: {name}</translation>
    </message>
    <message>
        <source>unassigned</source>
        <translation>nicht zugewiesen</translation>
    </message>
    <message>
        <source>{count} event</source>
        <translation>{count} Ereignis</translation>
    </message>
    <message>
        <source>{count} events</source>
        <translation>{count} Ereignisse</translation>
    </message>
    <message>
        <source>Promote to an article</source>
        <translation>Als Artikel übernehmen</translation>
    </message>
    <message>
        <source>The timeline could not be read.</source>
        <translation>Der Verlauf konnte nicht gelesen werden.</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <source>New visit</source>
        <translation>Neuer Besuch</translation>
    </message>
    <message>
        <source>Create visit</source>
        <translation>Besuch anlegen</translation>
    </message>
    <message>
        <source>&amp;Reference (required):</source>
        <translation>&amp;Referenz (Pflicht):</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>The number the customer quotes, e.g. INC-20417</source>
        <translation>Die Nummer, die der Kunde nennt, z. B. INC-20417</translation>
    </message>
    <message>
        <source>C&amp;ustomer (required):</source>
        <translation>K&amp;unde (Pflicht):</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Vollständiger Name</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Telefon:</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>E-&amp;mail:</source>
        <translation>E-&amp;Mail:</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>The confirmation and the report go here</source>
        <translation>Bestätigung und Bericht gehen hierhin</translation>
    </message>
    <message>
        <source>E&amp;xtension:</source>
        <translation>Dur&amp;chwahl:</translation>
    </message>
    <message>
        <source>Extension</source>
        <translation>Durchwahl</translation>
    </message>
    <message>
        <source>&amp;Site:</source>
        <translation>&amp;Standort:</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Standort</translation>
    </message>
    <message>
        <source>&amp;Building:</source>
        <translation>&amp;Gebäude:</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>Gebäude</translation>
    </message>
    <message>
        <source>&amp;Floor:</source>
        <translation>Stock&amp;werk:</translation>
    </message>
    <message>
        <source>Floor</source>
        <translation>Stockwerk</translation>
    </message>
    <message>
        <source>R&amp;oom / desk:</source>
        <translation>Raum / &amp;Platz:</translation>
    </message>
    <message>
        <source>Room / desk</source>
        <translation>Raum / Platz</translation>
    </message>
    <message>
        <source>Cate&amp;gory:</source>
        <translation>&amp;Kategorie:</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>If known: printer, e-mail, laptop…</source>
        <translation>Falls bekannt: Drucker, E-Mail, Laptop…</translation>
    </message>
    <message>
        <source>Window start</source>
        <translation>Beginn des Zeitfensters</translation>
    </message>
    <message>
        <source>Window end</source>
        <translation>Ende des Zeitfensters</translation>
    </message>
    <message>
        <source>Estimated minutes</source>
        <translation>Geschätzte Minuten</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>From impact and urgency, never from a person&apos;s title.</source>
        <translation>Aus Auswirkung und Dringlichkeit, nie aus dem Titel einer Person.</translation>
    </message>
    <message>
        <source>Problem in the customer&apos;s words</source>
        <translation>Problem in den Worten des Kunden</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>Techniker</translation>
    </message>
    <message>
        <source>Not assigned yet</source>
        <translation>Noch nicht zugewiesen</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>&amp;Window start:</source>
        <translation>Fenster&amp;beginn:</translation>
    </message>
    <message>
        <source>Window &amp;end:</source>
        <translation>Fenster&amp;ende:</translation>
    </message>
    <message>
        <source>Estimated &amp;time:</source>
        <translation>Geschätzte &amp;Dauer:</translation>
    </message>
    <message>
        <source>Pr&amp;iority:</source>
        <translation>Pr&amp;iorität:</translation>
    </message>
    <message>
        <source>Prob&amp;lem:</source>
        <translation>Prob&amp;lem:</translation>
    </message>
    <message>
        <source>Tec&amp;hnician:</source>
        <translation>Tec&amp;hniker:</translation>
    </message>
    <message>
        <source>Give the visit a reference.</source>
        <translation>Geben Sie dem Besuch eine Referenz.</translation>
    </message>
    <message>
        <source>Give the customer&apos;s name.</source>
        <translation>Geben Sie den Namen des Kunden an.</translation>
    </message>
    <message>
        <source>The window must end after it starts.</source>
        <translation>Das Zeitfenster muss nach seinem Beginn enden.</translation>
    </message>
</context>
<context>
    <name>VisitFacts</name>
    <message>
        <source>Already tried</source>
        <translation>Schon versucht</translation>
    </message>
    <message>
        <source>Business impact</source>
        <translation>Geschäftliche Auswirkung</translation>
    </message>
    <message>
        <source>Incident summary</source>
        <translation>Zusammenfassung des Vorfalls</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>Vorfall</translation>
    </message>
    <message>
        <source>Coordinator</source>
        <translation>Koordination</translation>
    </message>
    <message>
        <source>Skill level</source>
        <translation>Kenntnisstand</translation>
    </message>
    <message>
        <source>Who can take over</source>
        <translation>Wer übernehmen kann</translation>
    </message>
    <message>
        <source>e.g. INC-4471, when it is part of one</source>
        <translation>z. B. INC-4471, wenn er Teil eines Vorfalls ist</translation>
    </message>
    <message>
        <source>Who coordinates the incident or the move</source>
        <translation>Wer den Vorfall oder den Umzug koordiniert</translation>
    </message>
    <message>
        <source>&amp;Already tried:</source>
        <translation>Schon &amp;versucht:</translation>
    </message>
    <message>
        <source>Business impa&amp;ct:</source>
        <translation>Geschäftliche &amp;Auswirkung:</translation>
    </message>
    <message>
        <source>S&amp;kill level:</source>
        <translation>Ken&amp;ntnisstand:</translation>
    </message>
    <message>
        <source>I&amp;ncident:</source>
        <translation>Vor&amp;fall:</translation>
    </message>
    <message>
        <source>Incident summar&amp;y:</source>
        <translation>Vorfall-&amp;Zusammenfassung:</translation>
    </message>
    <message>
        <source>Coor&amp;dinator:</source>
        <translation>K&amp;oordination:</translation>
    </message>
    <message>
        <source>Who can take o&amp;ver:</source>
        <translation>Wer kann &amp;übernehmen:</translation>
    </message>
</context>
<context>
    <name>VisitOrigin</name>
    <message>
        <source>Dispatch</source>
        <translation>Disposition</translation>
    </message>
    <message>
        <source>Anything else: next day</source>
        <translation>Noch etwas: nächster Tag</translation>
    </message>
    <message>
        <source>Walk-up</source>
        <translation>Spontane Anfrage</translation>
    </message>
    <message>
        <source>Anything else: handled now</source>
        <translation>Noch etwas: sofort erledigt</translation>
    </message>
    <message>
        <source>Reopened: fix failed</source>
        <translation>Wieder geöffnet: Lösung hielt nicht</translation>
    </message>
    <message>
        <source>{origin}, by {name}</source>
        <translation>{origin}, von {name}</translation>
    </message>
</context>
</TS>
