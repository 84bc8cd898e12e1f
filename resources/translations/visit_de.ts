<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>AlreadyTriedSection</name>
    <message>
        <source>What dispatch recorded as already tried</source>
        <translation>Was die Disposition als bereits versucht erfasst hat</translation>
    </message>
    <message>
        <source>What the user tried</source>
        <translation>Was der Benutzer versucht hat</translation>
    </message>
    <message>
        <source>e.g. restarted the PC, cleared the cache</source>
        <translation>z. B. PC neu gestartet, Cache geleert</translation>
    </message>
    <message>
        <source>Pre&amp;vious attempts:</source>
        <translation>&amp;Bisherige Versuche:</translation>
    </message>
    <message>
        <source>Add to what was tried</source>
        <translation>Zu den Versuchen hinzufügen</translation>
    </message>
    <message>
        <source>Add to what the user already tried</source>
        <translation>Zu dem hinzufügen, was der Benutzer bereits versucht hat</translation>
    </message>
    <message>
        <source>What the user tried, as added</source>
        <translation>Was der Benutzer versucht hat, wie ergänzt</translation>
    </message>
    <message>
        <source>Dispatch: {tried}</source>
        <translation>Disposition: {tried}</translation>
    </message>
    <message>
        <source>Dispatch recorded nothing the user tried.</source>
        <translation>Die Disposition hat keine Versuche des Benutzers erfasst.</translation>
    </message>
    <message>
        <source>Write what the user says they already tried.</source>
        <translation>Schreiben Sie, was der Benutzer nach eigener Aussage schon versucht hat.</translation>
    </message>
    <message>
        <source>Already tried…</source>
        <translation>Bereits versucht…</translation>
    </message>
    <message>
        <source>Add to what the user already tried ({keys})</source>
        <translation>Zu dem hinzufügen, was der Benutzer bereits versucht hat ({keys})</translation>
    </message>
</context>
<context>
    <name>AnythingElsePage</name>
    <message>
        <source>&amp;No, nothing else</source>
        <translation>&amp;Nein, sonst nichts</translation>
    </message>
    <message>
        <source>No, nothing else</source>
        <translation>Nein, sonst nichts</translation>
    </message>
    <message>
        <source>&amp;Yes, something else:</source>
        <translation>&amp;Ja, noch etwas:</translation>
    </message>
    <message>
        <source>Yes, something else</source>
        <translation>Ja, noch etwas</translation>
    </message>
    <message>
        <source>The request</source>
        <translation>Das Anliegen</translation>
    </message>
    <message>
        <source>What the user asked for</source>
        <translation>Worum der Benutzer gebeten hat</translation>
    </message>
    <message>
        <source>Re&amp;quest:</source>
        <translation>&amp;Anliegen:</translation>
    </message>
    <message>
        <source>&amp;Handle it now, as its own visit (opened here, offline too)</source>
        <translation>&amp;Gleich erledigen, als eigener Besuch (hier eröffnet, auch offline)</translation>
    </message>
    <message>
        <source>Handle it now</source>
        <translation>Gleich erledigen</translation>
    </message>
    <message>
        <source>&amp;Record answer</source>
        <translation>Antwort e&amp;rfassen</translation>
    </message>
    <message>
        <source>Write what the user asked for.</source>
        <translation>Schreiben Sie, worum der Benutzer gebeten hat.</translation>
    </message>
</context>
<context>
    <name>ArrivePage</name>
    <message>
        <source>Return visit</source>
        <translation>Folgebesuch</translation>
    </message>
    <message>
        <source>Late against the window</source>
        <translation>Verspätet gegenüber dem Zeitfenster</translation>
    </message>
    <message>
        <source>I &amp;greeted the user, introduced myself and said why I am here</source>
        <translation>Ich habe den Benutzer &amp;begrüßt, mich vorgestellt und den Grund genannt</translation>
    </message>
    <message>
        <source>Greeting done</source>
        <translation>Begrüßung erfolgt</translation>
    </message>
    <message>
        <source>I &amp;told the customer I am late</source>
        <translation>&amp;Ich habe dem Kunden meine Verspätung mitgeteilt</translation>
    </message>
    <message>
        <source>Late notice given to the customer</source>
        <translation>Verspätung dem Kunden mitgeteilt</translation>
    </message>
    <message>
        <source>&amp;Record arrival</source>
        <translation>Ankunft e&amp;rfassen</translation>
    </message>
    <message>
        <source>You agreed to come back at {when}. Checking in keeps that promise.</source>
        <translation>Sie haben zugesagt, um {when} wiederzukommen. Die Anmeldung hält diese Zusage ein.</translation>
    </message>
    <message>
        <source>ext. {number}</source>
        <translation>Durchw. {number}</translation>
    </message>
    <message>
        <source>You are {late} past the start of the window ({window}). Tell {customer} you are running late ({contact}): keep them informed.</source>
        <translation>Sie sind {late} nach Beginn des Zeitfensters ({window}). Sagen Sie {customer}, dass Sie sich verspäten ({contact}): Halten Sie die Person auf dem Laufenden.</translation>
    </message>
    <message>
        <source>You are {late} past the start of the window ({window}). Tell {customer} you are running late: keep them informed.</source>
        <translation>Sie sind {late} nach Beginn des Zeitfensters ({window}). Sagen Sie {customer}, dass Sie sich verspäten: Halten Sie die Person auf dem Laufenden.</translation>
    </message>
</context>
<context>
    <name>Attachments</name>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n Byte</numerusform>
            <numerusform>%n Byte</numerusform>
        </translation>
    </message>
    <message>
        <source>{number} {unit}</source>
        <translation>{number} {unit}</translation>
    </message>
    <message>
        <source>“{name}” could not be read ({why}); nothing was attached.</source>
        <translation>„{name}“ konnte nicht gelesen werden ({why}); nichts wurde angehängt.</translation>
    </message>
    <message>
        <source>“{name}” is a folder; attach the files in it instead.</source>
        <translation>„{name}“ ist ein Ordner; hängen Sie stattdessen die Dateien darin an.</translation>
    </message>
    <message>
        <source>“{name}” is {size}; files over {limit} cannot be attached, so it was not added. Share it another way and say where in a note.</source>
        <translation>„{name}“ ist {size} groß; Dateien über {limit} können nicht angehängt werden, daher wurde sie nicht hinzugefügt. Teilen Sie sie auf anderem Weg und vermerken Sie in einer Notiz, wo.</translation>
    </message>
    <message>
        <source>“{name}” is already attached to this visit.</source>
        <translation>„{name}“ ist bereits an diesen Besuch angehängt.</translation>
    </message>
    <message>
        <source>“{name}” was attached on another laptop.</source>
        <translation>„{name}“ wurde auf einem anderen Laptop angehängt.</translation>
    </message>
    <message>
        <source>“{name}” is missing on this laptop.</source>
        <translation>„{name}“ fehlt auf diesem Laptop.</translation>
    </message>
    <message>
        <source>“{name}” was attached on another laptop and could not be fetched from the server: {reason}</source>
        <translation>„{name}“ wurde auf einem anderen Laptop angehängt und konnte nicht vom Server geholt werden: {reason}</translation>
    </message>
    <message>
        <source>“{name}” is missing on this laptop and could not be fetched from the server: {reason}</source>
        <translation>„{name}“ fehlt auf diesem Laptop und konnte nicht vom Server geholt werden: {reason}</translation>
    </message>
</context>
<context>
    <name>BorrowSection</name>
    <message>
        <source>Borrow a part</source>
        <translation>Ein Teil ausleihen</translation>
    </message>
    <message>
        <source>Part borrowed</source>
        <translation>Ausgeliehenes Teil</translation>
    </message>
    <message>
        <source>e.g. power supply from the meeting-room PC</source>
        <translation>z. B. Netzteil vom PC im Besprechungsraum</translation>
    </message>
    <message>
        <source>Part:</source>
        <translation>Teil:</translation>
    </message>
    <message>
        <source>Whose the part is</source>
        <translation>Wem das Teil gehört</translation>
    </message>
    <message>
        <source>e.g. meeting room 4.12</source>
        <translation>z. B. Besprechungsraum 4.12</translation>
    </message>
    <message>
        <source>W&amp;hose it is:</source>
        <translation>E&amp;igentümer:</translation>
    </message>
    <message>
        <source>Borrow part</source>
        <translation>Teil ausleihen</translation>
    </message>
    <message>
        <source>Record the part borrowed</source>
        <translation>Das ausgeliehene Teil erfassen</translation>
    </message>
    <message>
        <source>Say which part you borrowed.</source>
        <translation>Geben Sie an, welches Teil Sie ausgeliehen haben.</translation>
    </message>
    <message>
        <source>Say whose the part is, so it finds its way back.</source>
        <translation>Geben Sie an, wem das Teil gehört, damit es zurückfindet.</translation>
    </message>
</context>
<context>
    <name>CameraScanDialog</name>
    <message>
        <source>Scan asset tag with the camera</source>
        <translation>Inventarnummer mit der Kamera scannen</translation>
    </message>
    <message>
        <source>Hold the asset tag&apos;s barcode in front of the camera.</source>
        <translation>Halten Sie den Barcode der Inventarnummer vor die Kamera.</translation>
    </message>
</context>
<context>
    <name>ChoiceList</name>
    <message>
        <source>No choices offered yet.</source>
        <translation>Noch keine Möglichkeiten angeboten.</translation>
    </message>
    <message>
        <source>{option} — about {minutes} min</source>
        <translation>{option} — etwa {minutes} Min.</translation>
    </message>
    <message>
        <source>Choice: {option}</source>
        <translation>Möglichkeit: {option}</translation>
    </message>
</context>
<context>
    <name>ClosedBar</name>
    <message>
        <source>This visit is closed</source>
        <translation>Dieser Besuch ist geschlossen</translation>
    </message>
    <message>
        <source>Open the ne&amp;xt visit</source>
        <translation>&amp;Nächsten Besuch öffnen</translation>
    </message>
    <message>
        <source>Open the next visit of the round</source>
        <translation>Den nächsten Besuch der Runde öffnen</translation>
    </message>
    <message>
        <source>This visit is closed: what was recorded can no longer be changed.</source>
        <translation>Dieser Besuch ist geschlossen: Das Erfasste kann nicht mehr geändert werden.</translation>
    </message>
    <message>
        <source>Next: {reference} — {customer}, {when}.</source>
        <translation>Als Nächstes: {reference} — {customer}, {when}.</translation>
    </message>
    <message>
        <source>Open {reference} ({customer})</source>
        <translation>{reference} öffnen ({customer})</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Through</source>
        <translation>Über</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Besuch</translation>
    </message>
    <message>
        <source>What was done</source>
        <translation>Was getan wurde</translation>
    </message>
    <message>
        <source>What they tried</source>
        <translation>Was versucht wurde</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Hinzugefügt</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Answer given</source>
        <translation>Gegebene Antwort</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>Promise</source>
        <translation>Zusage</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stand</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>On this visit</source>
        <translation>Bei diesem Besuch</translation>
    </message>
    <message>
        <source>Events recorded</source>
        <translation>Erfasste Ereignisse</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>Whose</source>
        <translation>Eigentümer</translation>
    </message>
    <message>
        <source>With</source>
        <translation>Bei</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Seit</translation>
    </message>
    <message>
        <source>Due back</source>
        <translation>Zurück bis</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Einzelheiten</translation>
    </message>
    <message>
        <source>Laptop time</source>
        <translation>Zeit am Laptop</translation>
    </message>
    <message>
        <source>Server time</source>
        <translation>Zeit am Server</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synchronisierung</translation>
    </message>
</context>
<context>
    <name>ConfirmPage</name>
    <message>
        <source>Confirmation text</source>
        <translation>Bestätigungstext</translation>
    </message>
    <message>
        <source>&amp;Message:</source>
        <translation>&amp;Nachricht:</translation>
    </message>
    <message>
        <source>C&amp;opy to clipboard</source>
        <translation>In die &amp;Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Copy the confirmation to the clipboard</source>
        <translation>Die Bestätigung in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Re&amp;draft</source>
        <translation>Ne&amp;u entwerfen</translation>
    </message>
    <message>
        <source>Draft the confirmation text again</source>
        <translation>Den Bestätigungstext neu entwerfen</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>&amp;Kanal:</translation>
    </message>
    <message>
        <source>Confirmed with</source>
        <translation>Bestätigt mit</translation>
    </message>
    <message>
        <source>Who you spoke to (optional)</source>
        <translation>Mit wem Sie gesprochen haben (optional)</translation>
    </message>
    <message>
        <source>Confirmed &amp;with:</source>
        <translation>Bestätigt &amp;mit:</translation>
    </message>
    <message>
        <source>&amp;Record confirmation</source>
        <translation>Bestätigung e&amp;rfassen</translation>
    </message>
    <message>
        <source>Write the confirmation message before recording it.</source>
        <translation>Schreiben Sie die Bestätigung, bevor Sie sie erfassen.</translation>
    </message>
</context>
<context>
    <name>Confirmation</name>
    <message>
        <source>a technician from IT support</source>
        <translation>eine Technikerin oder ein Techniker des IT-Supports</translation>
    </message>
    <message>
        <source>Hello {name},</source>
        <translation>Guten Tag {name},</translation>
    </message>
    <message>
        <source>This confirms your IT support visit, reference {reference}.</source>
        <translation>hiermit bestätigen wir Ihren IT-Supporttermin, Vorgangsnummer {reference}.</translation>
    </message>
    <message>
        <source>When: {window}</source>
        <translation>Wann: {window}</translation>
    </message>
    <message>
        <source>Who is coming: {who}</source>
        <translation>Es kommt: {who}</translation>
    </message>
    <message>
        <source>Where: {where}</source>
        <translation>Wo: {where}</translation>
    </message>
    <message>
        <source>your desk</source>
        <translation>Ihr Arbeitsplatz</translation>
    </message>
    <message numerus="yes">
        <source>How long: about %n minute(s)</source>
        <translation>
            <numerusform>Dauer: etwa %n Minute</numerusform>
            <numerusform>Dauer: etwa %n Minuten</numerusform>
        </translation>
    </message>
    <message>
        <source>What about: {problem}</source>
        <translation>Worum es geht: {problem}</translation>
    </message>
    <message>
        <source>I will ask your permission before using your computer, and show you that it works before I leave.</source>
        <translation>Ich frage Sie um Erlaubnis, bevor ich Ihren Computer benutze, und zeige Ihnen vor dem Gehen, dass alles funktioniert.</translation>
    </message>
    <message>
        <source>To change the time or ask anything, contact {desk} and quote {reference}.</source>
        <translation>Um den Termin zu ändern oder für Fragen wenden Sie sich an {desk} und nennen Sie {reference}.</translation>
    </message>
    <message>
        <source>If I am held up, {backup} can take over.</source>
        <translation>Sollte ich aufgehalten werden, kann {backup} übernehmen.</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n Minute</numerusform>
            <numerusform>%n Minuten</numerusform>
        </translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} Std. {minutes} Min.</translation>
    </message>
    <message>
        <source>{hours} h</source>
        <translation>{hours} Std.</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tage</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CustomerWords</name>
    <message>
        <source>Asks for another time: {times}</source>
        <translation>Bittet um einen anderen Termin: {times}</translation>
    </message>
    <message>
        <source>Confirmed the time</source>
        <translation>Termin bestätigt</translation>
    </message>
    <message>
        <source>Moved to {when}</source>
        <translation>Verlegt auf {when}</translation>
    </message>
    <message>
        <source>Declined: {reason}</source>
        <translation>Abgelehnt: {reason}</translation>
    </message>
    <message>
        <source>Running {late} min late</source>
        <translation>{late} Min. Verspätung</translation>
    </message>
    <message>
        <source>On my way</source>
        <translation>Bin unterwegs</translation>
    </message>
    <message>
        <source>next: {step}</source>
        <translation>als Nächstes: {step}</translation>
    </message>
</context>
<context>
    <name>DeviceSection</name>
    <message>
        <source>This device</source>
        <translation>Dieses Gerät</translation>
    </message>
    <message>
        <source>This user</source>
        <translation>Diese Person</translation>
    </message>
    <message>
        <source>Diagnosis: {text}</source>
        <translation>Diagnose: {text}</translation>
    </message>
    <message>
        <source>Fix: {text}</source>
        <translation>Lösung: {text}</translation>
    </message>
    <message>
        <source>Parts: {text}</source>
        <translation>Teile: {text}</translation>
    </message>
    <message>
        <source>Promised: {text}</source>
        <translation>Zugesagt: {text}</translation>
    </message>
    <message>
        <source>serial {serial}</source>
        <translation>Seriennummer {serial}</translation>
    </message>
    <message>
        <source>owner {owner}</source>
        <translation>Besitzer {owner}</translation>
    </message>
    <message>
        <source>The visit&apos;s device</source>
        <translation>Das Gerät des Besuchs</translation>
    </message>
    <message>
        <source>Asset tag</source>
        <translation>Inventarnummer</translation>
    </message>
    <message>
        <source>Scan the asset tag, or type it and press Enter</source>
        <translation>Scannen oder eintippen, dann Eingabetaste</translation>
    </message>
    <message>
        <source>The user&apos;s devices on the asset list</source>
        <translation>Die Geräte der Person laut Inventarliste</translation>
    </message>
    <message>
        <source>Asset tag:</source>
        <translation>Inventarnummer:</translation>
    </message>
    <message>
        <source>Outcome: {step}</source>
        <translation>Ergebnis: {step}</translation>
    </message>
    <message>
        <source>User&apos;s devices:</source>
        <translation>Geräte der Person:</translation>
    </message>
    <message>
        <source>Attach</source>
        <translation>Zuordnen</translation>
    </message>
    <message>
        <source>Attach the device with this asset tag</source>
        <translation>Das Gerät mit dieser Inventarnummer zuordnen</translation>
    </message>
    <message>
        <source>Type or scan a tag.</source>
        <translation>Inventarnummer eintippen oder scannen.</translation>
    </message>
    <message>
        <source>Attach this one</source>
        <translation>Dieses zuordnen</translation>
    </message>
    <message>
        <source>Attach the user&apos;s device chosen in the list</source>
        <translation>Das in der Liste gewählte Gerät der Person zuordnen</translation>
    </message>
    <message>
        <source>The user has no listed device.</source>
        <translation>Für die Person ist kein Gerät gelistet.</translation>
    </message>
    <message>
        <source>Camera…</source>
        <translation>Kamera…</translation>
    </message>
    <message>
        <source>Scan asset tag with the camera</source>
        <translation>Inventarnummer mit der Kamera scannen</translation>
    </message>
    <message>
        <source>What the scan found</source>
        <translation>Was der Scan gefunden hat</translation>
    </message>
    <message>
        <source>Earlier visits in short</source>
        <translation>Frühere Besuche in Kürze</translation>
    </message>
    <message>
        <source>Earlier visits of this device and this user</source>
        <translation>Frühere Besuche zu diesem Gerät und dieser Person</translation>
    </message>
    <message>
        <source>No device named yet: scan or type its asset tag.</source>
        <translation>Noch kein Gerät genannt: Inventarnummer scannen oder eintippen.</translation>
    </message>
    <message>
        <source>Device: {device}</source>
        <translation>Gerät: {device}</translation>
    </message>
    <message>
        <source>The history of this device and user comes with the next sync.</source>
        <translation>Der Verlauf dieses Geräts und dieser Person kommt mit der nächsten Synchronisierung.</translation>
    </message>
    <message>
        <source>No earlier visits of this device or user in the last year.</source>
        <translation>Keine früheren Besuche zu diesem Gerät oder dieser Person im letzten Jahr.</translation>
    </message>
    <message numerus="yes">
        <source>%n earlier visit(s), none in the last {days} days.</source>
        <translation>
            <numerusform>%n früherer Besuch, keiner in den letzten {days} Tagen.</numerusform>
            <numerusform>%n frühere Besuche, keiner in den letzten {days} Tagen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n visit(s) in {days} days: </source>
        <translation>
            <numerusform>%n Besuch in {days} Tagen: </numerusform>
            <numerusform>%n Besuche in {days} Tagen: </numerusform>
        </translation>
    </message>
    <message>
        <source>This laptop has no camera. Type the asset tag, or scan it with a USB barcode scanner into the tag field (Ctrl+Shift+A).</source>
        <translation>Dieser Laptop hat keine Kamera. Tippen Sie die Inventarnummer ein oder scannen Sie sie mit einem USB-Barcodescanner in das Feld für die Inventarnummer (Strg+Umschalt+A).</translation>
    </message>
    <message>
        <source>{tag} is not on this laptop&apos;s asset list: attached by its tag.</source>
        <translation>{tag} steht nicht in der Inventarliste dieses Laptops: über die Nummer zugeordnet.</translation>
    </message>
    <message>
        <source>Found: {device}</source>
        <translation>Gefunden: {device}</translation>
    </message>
    <message>
        <source>This visit already names {device}.</source>
        <translation>Dieser Besuch nennt bereits {device}.</translation>
    </message>
</context>
<context>
    <name>DiagnosePage</name>
    <message>
        <source>The user&apos;s perspective</source>
        <translation>Sicht des Benutzers</translation>
    </message>
    <message>
        <source>What the user experiences</source>
        <translation>Was der Benutzer erlebt</translation>
    </message>
    <message>
        <source>The user&apos;s &amp;view:</source>
        <translation>&amp;Sicht des Benutzers:</translation>
    </message>
    <message>
        <source>Source category</source>
        <translation>Ursachenbereich</translation>
    </message>
    <message>
        <source>Choose where the problem comes from…</source>
        <translation>Wählen Sie, woher das Problem kommt…</translation>
    </message>
    <message>
        <source>&amp;Source:</source>
        <translation>&amp;Ursache:</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Befund</translation>
    </message>
    <message>
        <source>What you found</source>
        <translation>Was Sie festgestellt haben</translation>
    </message>
    <message>
        <source>&amp;Findings:</source>
        <translation>&amp;Befund:</translation>
    </message>
    <message>
        <source>Resources used</source>
        <translation>Genutzte Hilfsmittel</translation>
    </message>
    <message>
        <source>Knowledge base articles, tools, colleagues</source>
        <translation>Wissensdatenbank-Artikel, Werkzeuge, Kollegen</translation>
    </message>
    <message>
        <source>Resources &amp;used:</source>
        <translation>&amp;Genutzte Hilfsmittel:</translation>
    </message>
    <message>
        <source>Borrowed parts, one per line</source>
        <translation>Ausgeliehene Teile, eines pro Zeile</translation>
    </message>
    <message>
        <source>One part per line</source>
        <translation>Ein Teil pro Zeile</translation>
    </message>
    <message>
        <source>Borrowed &amp;parts:</source>
        <translation>Ausgeliehene &amp;Teile:</translation>
    </message>
    <message>
        <source>Shared equipment left out of order</source>
        <translation>Defekt zurückgelassenes Gemeinschaftsgerät</translation>
    </message>
    <message>
        <source>e.g. the printer on floor 4 (optional)</source>
        <translation>z. B. der Drucker im 4. Stock (optional)</translation>
    </message>
    <message>
        <source>Equipment &amp;out of order:</source>
        <translation>&amp;Defektes Gerät:</translation>
    </message>
    <message>
        <source>&amp;Record diagnosis</source>
        <translation>Diagnose e&amp;rfassen</translation>
    </message>
    <message>
        <source>&amp;Record revised diagnosis</source>
        <translation>Überarbeitete Diagnose e&amp;rfassen</translation>
    </message>
    <message>
        <source>Write the problem as the user sees it.</source>
        <translation>Beschreiben Sie das Problem so, wie der Benutzer es sieht.</translation>
    </message>
    <message>
        <source>Choose where the problem comes from.</source>
        <translation>Wählen Sie, woher das Problem kommt.</translation>
    </message>
    <message>
        <source>Write what you found.</source>
        <translation>Schreiben Sie, was Sie festgestellt haben.</translation>
    </message>
</context>
<context>
    <name>Equipment</name>
    <message>
        <source>Part: {item}</source>
        <translation>Teil: {item}</translation>
    </message>
    <message>
        <source>Loan: {item}</source>
        <translation>Leihgabe: {item}</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Nicht erfasst</translation>
    </message>
    <message>
        <source>In this machine</source>
        <translation>In diesem Gerät</translation>
    </message>
</context>
<context>
    <name>EquipmentSection</name>
    <message>
        <source>Borrowed parts and loans still out</source>
        <translation>Noch ausstehende Teile und Leihgaben</translation>
    </message>
    <message>
        <source>Put back what you borrowed and mark it returned. A part or a loan that cannot go back (broken, the owner lets the user keep it, written off): say what became of it and who agreed.</source>
        <translation>Bringen Sie Ausgeliehenes zurück und markieren Sie es als zurückgegeben. Kann ein Teil oder eine Leihgabe nicht zurück (defekt, der Eigentümer überlässt es dem Benutzer, abgeschrieben): Erfassen Sie den Verbleib und wer zugestimmt hat.</translation>
    </message>
    <message>
        <source>Mark re&amp;turned</source>
        <translation>Als &amp;zurückgegeben markieren</translation>
    </message>
    <message>
        <source>Mark the selected part or loan returned</source>
        <translation>Das gewählte Teil oder die gewählte Leihgabe als zurückgegeben markieren</translation>
    </message>
    <message>
        <source>What became of it</source>
        <translation>Verbleib</translation>
    </message>
    <message>
        <source>What be&amp;came of it:</source>
        <translation>&amp;Verbleib:</translation>
    </message>
    <message>
        <source>Who agreed</source>
        <translation>Wer zugestimmt hat</translation>
    </message>
    <message>
        <source>e.g. Ana, who runs meeting room 4.12</source>
        <translation>z. B. Ana, die den Besprechungsraum 4.12 betreut</translation>
    </message>
    <message>
        <source>A&amp;greed with:</source>
        <translation>&amp;Zugestimmt von:</translation>
    </message>
    <message>
        <source>Note on what became of it</source>
        <translation>Notiz zum Verbleib</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Notiz:</translation>
    </message>
    <message>
        <source>Recor&amp;d what became of it</source>
        <translation>Verbleib &amp;erfassen</translation>
    </message>
    <message>
        <source>Record what became of the selected part or loan</source>
        <translation>Den Verbleib des gewählten Teils oder der gewählten Leihgabe erfassen</translation>
    </message>
    <message>
        <source>Select the part or loan first.</source>
        <translation>Wählen Sie zuerst das Teil oder die Leihgabe.</translation>
    </message>
    <message>
        <source>Say who agreed to what became of it.</source>
        <translation>Geben Sie an, wer dem Verbleib zugestimmt hat.</translation>
    </message>
</context>
<context>
    <name>EscalatePage</name>
    <message>
        <source>Reason for escalating</source>
        <translation>Grund für die Eskalation</translation>
    </message>
    <message>
        <source>Why it cannot be resolved now</source>
        <translation>Warum es sich jetzt nicht lösen lässt</translation>
    </message>
    <message>
        <source>Rea&amp;son:</source>
        <translation>&amp;Grund:</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>The team it goes to</source>
        <translation>Das zuständige Team</translation>
    </message>
    <message>
        <source>&amp;Team:</source>
        <translation>&amp;Team:</translation>
    </message>
    <message>
        <source>Next update promised</source>
        <translation>Nächste Rückmeldung zugesagt</translation>
    </message>
    <message>
        <source>&amp;Next update by:</source>
        <translation>&amp;Nächste Rückmeldung bis:</translation>
    </message>
    <message>
        <source>&amp;Record escalation</source>
        <translation>Eskalation e&amp;rfassen</translation>
    </message>
    <message>
        <source>{who} declined the use of their machine: {reason}</source>
        <translation>{who} hat die Nutzung des eigenen Geräts abgelehnt: {reason}</translation>
    </message>
    <message>
        <source>{who} declined the use of their machine.</source>
        <translation>{who} hat die Nutzung des eigenen Geräts abgelehnt.</translation>
    </message>
    <message>
        <source>Say why it cannot be resolved now.</source>
        <translation>Geben Sie an, warum es sich jetzt nicht lösen lässt.</translation>
    </message>
    <message>
        <source>Say which team takes it.</source>
        <translation>Geben Sie an, welches Team übernimmt.</translation>
    </message>
</context>
<context>
    <name>EventWords</name>
    <message>
        <source>{note} — answered: {answer}</source>
        <translation>{note} — Antwort: {answer}</translation>
    </message>
    <message>
        <source>Satisfaction {score}/5</source>
        <translation>Zufriedenheit {score}/5</translation>
    </message>
    <message>
        <source>an article helped</source>
        <translation>ein Artikel hat geholfen</translation>
    </message>
    <message>
        <source>a past fix helped</source>
        <translation>eine frühere Lösung hat geholfen</translation>
    </message>
    <message>
        <source>{who}; next: {step}</source>
        <translation>{who}; danach: {step}</translation>
    </message>
    <message>
        <source>the loan</source>
        <translation>die Leihgabe</translation>
    </message>
    <message>
        <source>{what}: {fate} (agreed with {who})</source>
        <translation>{what}: {fate} (vereinbart mit {who})</translation>
    </message>
    <message>
        <source>{part}, from {whose}</source>
        <translation>{part}, von {whose}</translation>
    </message>
    <message>
        <source>{item} to {lent_to} ({whose})</source>
        <translation>{item} an {lent_to} ({whose})</translation>
    </message>
    <message>
        <source>Desk note: {note}</source>
        <translation>Notiz am Platz: {note}</translation>
    </message>
    <message>
        <source>(confirmed by {who})</source>
        <translation>(bestätigt von {who})</translation>
    </message>
    <message>
        <source>Yes, handled now as its own visit: {request}</source>
        <translation>Ja, gleich als eigener Besuch erledigt: {request}</translation>
    </message>
    <message>
        <source>back {when} (agreed with {who})</source>
        <translation>zurück {when} (vereinbart mit {who})</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
</context>
<context>
    <name>FileJobs</name>
    <message>
        <source>No program on this laptop opens “{name}”.</source>
        <translation>Kein Programm auf diesem Laptop öffnet „{name}“.</translation>
    </message>
    <message>
        <source>The file could not be opened: {reason}</source>
        <translation>Die Datei konnte nicht geöffnet werden: {reason}</translation>
    </message>
</context>
<context>
    <name>Files</name>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>Screenshot</source>
        <translation>Bildschirmfoto</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Unterschrift</translation>
    </message>
    <message>
        <source>Desk note</source>
        <translation>Notiz am Platz</translation>
    </message>
    <message>
        <source>The clipboard holds no image. Take a screenshot to the clipboard first (Print Screen; on Windows Shift+Win+S, on macOS Ctrl+Shift+Cmd+4), then paste it here.</source>
        <translation>Die Zwischenablage enthält kein Bild. Erstellen Sie zuerst ein Bildschirmfoto in die Zwischenablage (Druck-Taste; unter Windows Umschalt+Win+S, unter macOS Ctrl+Umschalt+Cmd+4) und fügen Sie es dann hier ein.</translation>
    </message>
    <message>
        <source>Rejected: {reason}</source>
        <translation>Abgewiesen: {reason}</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>kein Grund angegeben</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Synchronisiert</translation>
    </message>
    <message>
        <source>Synced (on the server; fetched when opened)</source>
        <translation>Synchronisiert (auf dem Server; wird beim Öffnen geholt)</translation>
    </message>
    <message>
        <source>Waiting to sync</source>
        <translation>Wartet auf Synchronisierung</translation>
    </message>
    <message>
        <source> (file uploaded)</source>
        <translation> (Datei hochgeladen)</translation>
    </message>
    <message>
        <source>Attach files to the visit</source>
        <translation>Dateien an den Besuch anhängen</translation>
    </message>
    <message>
        <source>All files (*);;Photos and screenshots (*.jpg *.jpeg *.png *.heic *.webp *.gif *.bmp)</source>
        <translation>Alle Dateien (*);;Fotos und Bildschirmfotos (*.jpg *.jpeg *.png *.heic *.webp *.gif *.bmp)</translation>
    </message>
</context>
<context>
    <name>FilesSection</name>
    <message>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>Photos, screenshots and other files up to {limit} each. Drop them here or add them below; they stay on this laptop until the next sync.</source>
        <translation>Fotos, Bildschirmfotos und andere Dateien bis {limit} je Datei. Ziehen Sie sie hierher oder fügen Sie sie unten hinzu; sie bleiben bis zur nächsten Synchronisierung auf diesem Laptop.</translation>
    </message>
    <message>
        <source>Files of this visit</source>
        <translation>Dateien dieses Besuchs</translation>
    </message>
    <message>
        <source>Paste a file or screenshot into the files</source>
        <translation>Eine Datei oder ein Bildschirmfoto in die Dateien einfügen</translation>
    </message>
    <message>
        <source>No files attached yet.</source>
        <translation>Noch keine Dateien angehängt.</translation>
    </message>
    <message>
        <source>Add &amp;files…</source>
        <translation>&amp;Dateien hinzufügen…</translation>
    </message>
    <message>
        <source>Add files to the visit</source>
        <translation>Dateien zum Besuch hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Paste image from clipboard</source>
        <translation>Bild aus der Zwischenablage ein&amp;fügen</translation>
    </message>
    <message>
        <source>Paste an image from the clipboard as a screenshot</source>
        <translation>Ein Bild aus der Zwischenablage als Bildschirmfoto einfügen</translation>
    </message>
    <message>
        <source>&amp;Open file</source>
        <translation>Datei &amp;öffnen</translation>
    </message>
    <message>
        <source>Open the selected file</source>
        <translation>Die gewählte Datei öffnen</translation>
    </message>
    <message>
        <source>The visit is still being read.</source>
        <translation>Der Besuch wird noch gelesen.</translation>
    </message>
    <message>
        <source>Select a file to open it.</source>
        <translation>Wählen Sie eine Datei, um sie zu öffnen.</translation>
    </message>
    <message>
        <source>Fetch “{name}” from the server (attached on another laptop) and open it</source>
        <translation>„{name}“ vom Server holen (auf einem anderen Laptop angehängt) und öffnen</translation>
    </message>
    <message>
        <source>Open “{name}”</source>
        <translation>„{name}“ öffnen</translation>
    </message>
</context>
<context>
    <name>HeaderActions</name>
    <message>
        <source>&amp;Escalate…</source>
        <translation>&amp;Eskalieren…</translation>
    </message>
    <message>
        <source>Escalate this visit</source>
        <translation>Diesen Besuch eskalieren</translation>
    </message>
    <message>
        <source>Leave for now…</source>
        <translation>Vorerst gehen…</translation>
    </message>
    <message>
        <source>Leave the desk for now; the visit carries on</source>
        <translation>Den Arbeitsplatz vorerst verlassen; der Besuch läuft weiter</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>Wieder öffnen…</translation>
    </message>
    <message>
        <source>Reopen this visit: the fix failed</source>
        <translation>Diesen Besuch wieder öffnen: Die Behebung hat nicht gehalten</translation>
    </message>
    <message>
        <source>The fix failed after sign-off: open a return visit</source>
        <translation>Die Behebung hat nach dem Abschluss nicht gehalten: einen Folgebesuch eröffnen</translation>
    </message>
    <message>
        <source>Cannot resolve it now</source>
        <translation>Jetzt nicht lösbar</translation>
    </message>
    <message>
        <source>Stop for now and come back later; the visit carries on ({keys})</source>
        <translation>Vorerst aufhören und später wiederkommen; der Besuch läuft weiter ({keys})</translation>
    </message>
</context>
<context>
    <name>Intake</name>
    <message>
        <source>Since today</source>
        <translation>Seit heute</translation>
    </message>
    <message>
        <source>Since earlier this week</source>
        <translation>Seit Anfang dieser Woche</translation>
    </message>
    <message>
        <source>Since earlier this month</source>
        <translation>Seit Anfang dieses Monats</translation>
    </message>
    <message>
        <source>For longer than a month</source>
        <translation>Seit mehr als einem Monat</translation>
    </message>
    <message>
        <source>The user is not sure</source>
        <translation>Der Benutzer ist sich nicht sicher</translation>
    </message>
    <message>
        <source>shown by the user</source>
        <translation>vom Benutzer gezeigt</translation>
    </message>
    <message>
        <source>not shown: {reason}</source>
        <translation>nicht gezeigt: {reason}</translation>
    </message>
    <message>
        <source>Critical because dispatch marked this visit VIP (an explicit override), whatever its {impact} impact and {urgency} urgency.</source>
        <translation>Kritisch, weil die Disposition diesen Besuch als VIP markiert hat (eine ausdrückliche Vorgabe), unabhängig von Auswirkung ({impact}) und Dringlichkeit ({urgency}).</translation>
    </message>
    <message>
        <source>Worked out from {impact} impact and {urgency} urgency by the supervisors&apos; priority matrix.</source>
        <translation>Ermittelt aus Auswirkung ({impact}) und Dringlichkeit ({urgency}) nach der Prioritätsmatrix der Vorgesetzten.</translation>
    </message>
    <message>
        <source>low</source>
        <translation>gering</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>mittel</translation>
    </message>
    <message>
        <source>high</source>
        <translation>hoch</translation>
    </message>
    <message>
        <source>Low priority</source>
        <translation>Niedrige Priorität</translation>
    </message>
    <message>
        <source>Normal priority</source>
        <translation>Normale Priorität</translation>
    </message>
    <message>
        <source>High priority</source>
        <translation>Hohe Priorität</translation>
    </message>
    <message>
        <source>Critical priority</source>
        <translation>Kritische Priorität</translation>
    </message>
    <message>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <source>VIP: priority overridden to critical</source>
        <translation>VIP: Priorität auf kritisch gesetzt</translation>
    </message>
</context>
<context>
    <name>IntakeQuestions</name>
    <message>
        <source>How long the problem has been happening</source>
        <translation>Wie lange das Problem schon besteht</translation>
    </message>
    <message>
        <source>Ask the user how long it has been happening…</source>
        <translation>Fragen Sie den Benutzer, seit wann es auftritt…</translation>
    </message>
    <message>
        <source>How &amp;long:</source>
        <translation>Seit &amp;wann:</translation>
    </message>
    <message>
        <source>Did the user show you the problem</source>
        <translation>Hat der Benutzer Ihnen das Problem gezeigt</translation>
    </message>
    <message>
        <source>Ask the user to show you the problem…</source>
        <translation>Bitten Sie den Benutzer, Ihnen das Problem zu zeigen…</translation>
    </message>
    <message>
        <source>Yes, the user showed me</source>
        <translation>Ja, der Benutzer hat es mir gezeigt</translation>
    </message>
    <message>
        <source>No, the user could not show me</source>
        <translation>Nein, der Benutzer konnte es nicht zeigen</translation>
    </message>
    <message>
        <source>S&amp;hown by the user:</source>
        <translation>Ge&amp;zeigt vom Benutzer:</translation>
    </message>
    <message>
        <source>Why the user could not show the problem</source>
        <translation>Warum der Benutzer das Problem nicht zeigen konnte</translation>
    </message>
    <message>
        <source>e.g. it only happens at month end</source>
        <translation>z. B. tritt nur am Monatsende auf</translation>
    </message>
    <message>
        <source>&amp;Why not:</source>
        <translation>Warum &amp;nicht:</translation>
    </message>
    <message>
        <source>Ask the user how long the problem has been happening.</source>
        <translation>Fragen Sie den Benutzer, seit wann das Problem besteht.</translation>
    </message>
    <message>
        <source>Ask the user to show you the problem.</source>
        <translation>Bitten Sie den Benutzer, Ihnen das Problem zu zeigen.</translation>
    </message>
    <message>
        <source>Say why the user could not show the problem.</source>
        <translation>Geben Sie an, warum der Benutzer das Problem nicht zeigen konnte.</translation>
    </message>
</context>
<context>
    <name>LeavePage</name>
    <message>
        <source>What is needed or left to do</source>
        <translation>Was gebraucht wird oder noch zu tun ist</translation>
    </message>
    <message>
        <source>The part, or what is left to do</source>
        <translation>Das Teil oder was noch zu tun ist</translation>
    </message>
    <message>
        <source>&amp;What is left:</source>
        <translation>&amp;Was noch fehlt:</translation>
    </message>
    <message>
        <source>A return time was a&amp;greed with the user</source>
        <translation>Eine Rückkehrzeit wurde mit &amp;dem Benutzer vereinbart</translation>
    </message>
    <message>
        <source>Return time agreed</source>
        <translation>Rückkehrzeit vereinbart</translation>
    </message>
    <message>
        <source>Back at</source>
        <translation>Zurück um</translation>
    </message>
    <message>
        <source>&amp;Back at:</source>
        <translation>&amp;Zurück um:</translation>
    </message>
    <message>
        <source>Agreed with</source>
        <translation>Vereinbart mit</translation>
    </message>
    <message>
        <source>The user&apos;s name</source>
        <translation>Name des Benutzers</translation>
    </message>
    <message>
        <source>Agreed wi&amp;th:</source>
        <translation>Vereinbart &amp;mit:</translation>
    </message>
    <message>
        <source>The return time becomes a promise: you are reminded before it is due, and checking in again keeps it.</source>
        <translation>Die Rückkehrzeit wird zur Zusage: Sie werden vor Fälligkeit erinnert, und die erneute Anmeldung hält sie ein.</translation>
    </message>
    <message>
        <source>&amp;Admin account logged off</source>
        <translation>&amp;Administratorkonto abgemeldet</translation>
    </message>
    <message>
        <source>Admin account logged off</source>
        <translation>Administratorkonto abgemeldet</translation>
    </message>
    <message>
        <source>Note left on the &amp;desk</source>
        <translation>Notiz am &amp;Platz hinterlassen</translation>
    </message>
    <message>
        <source>Note left on the desk</source>
        <translation>Notiz am Platz hinterlassen</translation>
    </message>
    <message>
        <source>&amp;Record leaving for now</source>
        <translation>Vorläufiges Gehen e&amp;rfassen</translation>
    </message>
    <message>
        <source>Choose why you are leaving.</source>
        <translation>Wählen Sie, warum Sie gehen.</translation>
    </message>
    <message>
        <source>Say why you are leaving.</source>
        <translation>Geben Sie an, warum Sie gehen.</translation>
    </message>
    <message>
        <source>Say who agreed the return time.</source>
        <translation>Geben Sie an, wer die Rückkehrzeit vereinbart hat.</translation>
    </message>
</context>
<context>
    <name>LendSection</name>
    <message>
        <source>Lend equipment</source>
        <translation>Gerät verleihen</translation>
    </message>
    <message>
        <source>The due date becomes a promise, kept when the loan comes back ({keys}).</source>
        <translation>Das Rückgabedatum wird zur Zusage, gehalten, wenn die Leihgabe zurückkommt ({keys}).</translation>
    </message>
    <message>
        <source>Item lent</source>
        <translation>Verliehener Gegenstand</translation>
    </message>
    <message>
        <source>e.g. loaner laptop L-07</source>
        <translation>z. B. Leihlaptop L-07</translation>
    </message>
    <message>
        <source>Item lent:</source>
        <translation>Verliehener Gegenstand:</translation>
    </message>
    <message>
        <source>Lent to</source>
        <translation>Verliehen an</translation>
    </message>
    <message>
        <source>the user who has it</source>
        <translation>wer ihn hat</translation>
    </message>
    <message>
        <source>Lent to:</source>
        <translation>Verliehen an:</translation>
    </message>
    <message>
        <source>Whose the item is</source>
        <translation>Wem der Gegenstand gehört</translation>
    </message>
    <message>
        <source>e.g. IT loan pool</source>
        <translation>z. B. IT-Leihpool</translation>
    </message>
    <message>
        <source>Belongs to:</source>
        <translation>Gehört:</translation>
    </message>
    <message>
        <source>Loan due back by</source>
        <translation>Leihgabe zurück bis</translation>
    </message>
    <message>
        <source>D&amp;ue back by:</source>
        <translation>&amp;Zurück bis:</translation>
    </message>
    <message>
        <source>&amp;Lend</source>
        <translation>Ver&amp;leihen</translation>
    </message>
    <message>
        <source>Record the loan</source>
        <translation>Die Leihgabe erfassen</translation>
    </message>
    <message>
        <source>Say what you lent.</source>
        <translation>Geben Sie an, was Sie verliehen haben.</translation>
    </message>
    <message>
        <source>Say who you lent it to.</source>
        <translation>Geben Sie an, an wen Sie es verliehen haben.</translation>
    </message>
    <message>
        <source>Say whose it is, so it finds its way back.</source>
        <translation>Geben Sie an, wem es gehört, damit es zurückfindet.</translation>
    </message>
</context>
<context>
    <name>Location</name>
    <message>
        <source>building {name}</source>
        <translation>Gebäude {name}</translation>
    </message>
    <message>
        <source>floor {name}</source>
        <translation>Stockwerk {name}</translation>
    </message>
</context>
<context>
    <name>NoRepairPage</name>
    <message>
        <source>Why this outcome is unavailable</source>
        <translation>Warum dieser Ausgang nicht möglich ist</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Was geschah</translation>
    </message>
    <message>
        <source>What you found, or what was done and by whom</source>
        <translation>Was Sie vorgefunden haben oder was von wem getan wurde</translation>
    </message>
    <message>
        <source>&amp;What happened:</source>
        <translation>&amp;Was geschah:</translation>
    </message>
    <message>
        <source>Confirmed by (optional)</source>
        <translation>Bestätigt von (optional)</translation>
    </message>
    <message>
        <source>Who confirmed it works</source>
        <translation>Wer bestätigt hat, dass es funktioniert</translation>
    </message>
    <message>
        <source>Confirmed b&amp;y:</source>
        <translation>Be&amp;stätigt von:</translation>
    </message>
    <message>
        <source>&amp;Admin account logged off</source>
        <translation>&amp;Administratorkonto abgemeldet</translation>
    </message>
    <message>
        <source>Admin account logged off</source>
        <translation>Administratorkonto abgemeldet</translation>
    </message>
    <message>
        <source>Note left on the &amp;desk</source>
        <translation>Notiz am &amp;Platz hinterlassen</translation>
    </message>
    <message>
        <source>Note left on the desk</source>
        <translation>Notiz am Platz hinterlassen</translation>
    </message>
    <message>
        <source>&amp;Record the outcome</source>
        <translation>Ausgang e&amp;rfassen</translation>
    </message>
    <message>
        <source>Choose how the visit ended.</source>
        <translation>Wählen Sie, wie der Besuch endete.</translation>
    </message>
    <message>
        <source>Say what happened: what you found, or what was done.</source>
        <translation>Geben Sie an, was geschah: was Sie vorgefunden haben oder was getan wurde.</translation>
    </message>
</context>
<context>
    <name>Notes</name>
    <message>
        <source>Only for a request you answered (optional here)</source>
        <translation>Nur bei einer Anfrage, die Sie beantwortet haben (hier optional)</translation>
    </message>
    <message>
        <source>General note</source>
        <translation>Allgemeine Notiz</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Anything worth keeping on the visit&apos;s record; it syncs with the rest.</source>
        <translation>Alles, was in die Akte des Besuchs gehört; es wird mit dem Rest synchronisiert.</translation>
    </message>
    <message>
        <source>What you want on the record</source>
        <translation>Was festgehalten werden soll</translation>
    </message>
    <message>
        <source>Write the note.</source>
        <translation>Schreiben Sie die Notiz.</translation>
    </message>
    <message>
        <source>Out-of-scope request (personal device, unsupported equipment)</source>
        <translation>Anfrage außerhalb des Zuständigkeitsbereichs (privates Gerät, nicht unterstützte Ausstattung)</translation>
    </message>
    <message>
        <source>Out of scope</source>
        <translation>Nicht zuständig</translation>
    </message>
    <message>
        <source>Personal devices and equipment IT does not support are out of scope. Neither do it quietly nor ignore it: record what was asked and the polite answer you gave.</source>
        <translation>Private Geräte und Ausstattung, die die IT nicht betreut, liegen außerhalb des Zuständigkeitsbereichs. Weder stillschweigend erledigen noch übergehen: Erfassen Sie die Anfrage und Ihre höfliche Antwort.</translation>
    </message>
    <message>
        <source>What the user asked for, e.g. to look at their own phone</source>
        <translation>Worum der Benutzer gebeten hat, z. B. sein eigenes Handy anzusehen</translation>
    </message>
    <message>
        <source>Write what the user asked for.</source>
        <translation>Schreiben Sie, worum der Benutzer gebeten hat.</translation>
    </message>
    <message>
        <source>What you told them, politely, e.g. who can help instead</source>
        <translation>Was Sie höflich geantwortet haben, z. B. wer stattdessen helfen kann</translation>
    </message>
    <message>
        <source>Write the polite answer you gave: an out-of-scope request is recorded with it, not silently done or ignored.</source>
        <translation>Schreiben Sie Ihre höfliche Antwort: Eine Anfrage außerhalb des Zuständigkeitsbereichs wird mit ihr erfasst, weder stillschweigend erledigt noch übergangen.</translation>
    </message>
    <message>
        <source>Request against ICT policy</source>
        <translation>Anfrage gegen die IT-Richtlinie</translation>
    </message>
    <message>
        <source>ICT policy</source>
        <translation>IT-Richtlinie</translation>
    </message>
    <message>
        <source>A request that would break ICT policy is neither done quietly nor ignored: record what was asked and the polite answer you gave.</source>
        <translation>Eine Anfrage, die gegen die IT-Richtlinie verstieße, wird weder stillschweigend erledigt noch übergangen: Erfassen Sie die Anfrage und Ihre höfliche Antwort.</translation>
    </message>
    <message>
        <source>What the user asked for, e.g. to install software IT has not approved</source>
        <translation>Worum der Benutzer gebeten hat, z. B. nicht freigegebene Software zu installieren</translation>
    </message>
    <message>
        <source>What you told them, politely, and where they can ask for it properly</source>
        <translation>Was Sie höflich geantwortet haben und wo die Person es ordnungsgemäß beantragen kann</translation>
    </message>
    <message>
        <source>Write the polite answer you gave: a request against ICT policy is recorded with it, not silently done or ignored.</source>
        <translation>Schreiben Sie Ihre höfliche Antwort: Eine Anfrage gegen die IT-Richtlinie wird mit ihr erfasst, weder stillschweigend erledigt noch übergangen.</translation>
    </message>
    <message>
        <source>Shared equipment out of order</source>
        <translation>Gemeinschaftsgerät defekt</translation>
    </message>
    <message>
        <source>Out of order</source>
        <translation>Defekt</translation>
    </message>
    <message>
        <source>Flag shared equipment you leave out of order, so the next person is not caught out.</source>
        <translation>Melden Sie defekt zurückgelassene Gemeinschaftsgeräte, damit die nächste Person nicht überrascht wird.</translation>
    </message>
    <message>
        <source>Which equipment, where, and what is wrong with it</source>
        <translation>Welches Gerät, wo, und was daran defekt ist</translation>
    </message>
    <message>
        <source>Say which equipment is out of order, where, and what is wrong.</source>
        <translation>Geben Sie an, welches Gerät defekt ist, wo, und was nicht funktioniert.</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <source>Notes, files, promises, and what became of borrowed parts and loans can be added at any time, also after sign-off or escalation; what the user already tried, until the visit is closed. Everything is kept on this laptop and synced with the rest of the visit.</source>
        <translation>Notizen, Dateien, Zusagen und der Verbleib ausgeliehener Teile und Leihgaben können jederzeit ergänzt werden, auch nach Abschluss oder Eskalation; was der Benutzer bereits versucht hat, bis der Besuch geschlossen ist. Alles bleibt auf diesem Laptop und wird mit dem übrigen Besuch synchronisiert.</translation>
    </message>
    <message>
        <source>This visit is no longer assigned to you, so nothing more can be added to it.</source>
        <translation>Dieser Besuch ist Ihnen nicht mehr zugewiesen; es kann nichts mehr ergänzt werden.</translation>
    </message>
    <message>
        <source>Notes, files and promises</source>
        <translation>Notizen, Dateien und Zusagen</translation>
    </message>
    <message>
        <source>Why nothing can be added</source>
        <translation>Warum nichts ergänzt werden kann</translation>
    </message>
    <message numerus="yes">
        <source>Release to attach %n file(s) to this visit.</source>
        <translation>
            <numerusform>Loslassen, um %n Datei an diesen Besuch anzuhängen.</numerusform>
            <numerusform>Loslassen, um %n Dateien an diesen Besuch anzuhängen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NotesSection</name>
    <message>
        <source>Note category</source>
        <translation>Notizkategorie</translation>
    </message>
    <message>
        <source>About this category</source>
        <translation>Über diese Kategorie</translation>
    </message>
    <message>
        <source>Categor&amp;y:</source>
        <translation>&amp;Kategorie:</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Notiz:</translation>
    </message>
    <message>
        <source>Polite answer given</source>
        <translation>Gegebene höfliche Antwort</translation>
    </message>
    <message>
        <source>Polite &amp;answer given:</source>
        <translation>&amp;Höfliche Antwort:</translation>
    </message>
    <message>
        <source>&amp;Record note</source>
        <translation>Notiz e&amp;rfassen</translation>
    </message>
    <message>
        <source>Record the note</source>
        <translation>Die Notiz erfassen</translation>
    </message>
    <message>
        <source>Notes on this visit</source>
        <translation>Notizen zu diesem Besuch</translation>
    </message>
    <message>
        <source>No notes on this visit yet.</source>
        <translation>Noch keine Notizen zu diesem Besuch.</translation>
    </message>
    <message>
        <source>The polite answer given (required)</source>
        <translation>Die gegebene höfliche Antwort (erforderlich)</translation>
    </message>
    <message>
        <source>The polite answer given (optional)</source>
        <translation>Die gegebene höfliche Antwort (optional)</translation>
    </message>
</context>
<context>
    <name>OptionsEditor</name>
    <message>
        <source>&amp;Add option</source>
        <translation>Möglichkeit &amp;hinzufügen</translation>
    </message>
    <message>
        <source>Add an option</source>
        <translation>Eine Möglichkeit hinzufügen</translation>
    </message>
    <message>
        <source>Option {number}</source>
        <translation>Möglichkeit {number}</translation>
    </message>
    <message>
        <source>What this way forward is</source>
        <translation>Was dieser Weg ist</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>Option {number} minutes</source>
        <translation>Möglichkeit {number}, Minuten</translation>
    </message>
    <message>
        <source>Remove this option</source>
        <translation>Diese Möglichkeit entfernen</translation>
    </message>
    <message>
        <source>Remove option {number}</source>
        <translation>Möglichkeit {number} entfernen</translation>
    </message>
</context>
<context>
    <name>OptionsPage</name>
    <message>
        <source>Record &amp;choices offered</source>
        <translation>Angebotene Möglichkeiten e&amp;rfassen</translation>
    </message>
    <message>
        <source>Record the choices offered</source>
        <translation>Die angebotenen Möglichkeiten erfassen</translation>
    </message>
    <message>
        <source>The user’s choice</source>
        <translation>Die Wahl des Benutzers</translation>
    </message>
    <message>
        <source>Chosen by</source>
        <translation>Gewählt von</translation>
    </message>
    <message>
        <source>Who chose (optional)</source>
        <translation>Wer gewählt hat (optional)</translation>
    </message>
    <message>
        <source>Chosen b&amp;y:</source>
        <translation>&amp;Gewählt von:</translation>
    </message>
    <message>
        <source>&amp;Skip: only one way forward</source>
        <translation>Über&amp;springen: nur ein Weg möglich</translation>
    </message>
    <message>
        <source>Skip choices: only one way forward</source>
        <translation>Möglichkeiten überspringen: nur ein Weg möglich</translation>
    </message>
    <message>
        <source>&amp;Record choice</source>
        <translation>&amp;Wahl erfassen</translation>
    </message>
    <message>
        <source>The choices are recorded; record the user&apos;s choice.</source>
        <translation>Die Möglichkeiten sind erfasst; erfassen Sie die Wahl des Benutzers.</translation>
    </message>
    <message>
        <source>Describe at least two ways forward; one option is not a choice.</source>
        <translation>Beschreiben Sie mindestens zwei Wege; eine einzige Möglichkeit ist keine Wahl.</translation>
    </message>
    <message>
        <source>Select the way forward the user chose.</source>
        <translation>Wählen Sie den Weg, den der Benutzer gewählt hat.</translation>
    </message>
</context>
<context>
    <name>PagesAfter</name>
    <message>
        <source>Sign-off waits until you show it works and the user confirms, or you say why that was impossible.</source>
        <translation>Der Abschluss wartet, bis Sie gezeigt haben, dass es funktioniert, und der Benutzer es bestätigt, oder bis Sie angeben, warum das nicht möglich war.</translation>
    </message>
</context>
<context>
    <name>PagesClose</name>
    <message>
        <source>Very unhappy</source>
        <translation>Sehr unzufrieden</translation>
    </message>
    <message>
        <source>Unhappy</source>
        <translation>Unzufrieden</translation>
    </message>
    <message>
        <source>Neutral</source>
        <translation>Neutral</translation>
    </message>
    <message>
        <source>Happy</source>
        <translation>Zufrieden</translation>
    </message>
    <message>
        <source>Very happy</source>
        <translation>Sehr zufrieden</translation>
    </message>
</context>
<context>
    <name>PagesLeave</name>
    <message>
        <source>To fetch a &amp;part or a tool</source>
        <translation>Um ein &amp;Teil oder Werkzeug zu holen</translation>
    </message>
    <message>
        <source>The user needs the P&amp;C back now</source>
        <translation>Der Benutzer braucht den &amp;PC jetzt zurück</translation>
    </message>
    <message>
        <source>To carry on &amp;later (another time or day)</source>
        <translation>Um &amp;später weiterzumachen (andere Zeit oder anderer Tag)</translation>
    </message>
    <message>
        <source>Anot&amp;her reason (say which below)</source>
        <translation>Ein anderer &amp;Grund (unten angeben)</translation>
    </message>
</context>
<context>
    <name>PagesOutcome</name>
    <message>
        <source>Resolved rem&amp;otely: fixed from afar, no visit to the desk needed</source>
        <translation>&amp;Aus der Ferne gelöst: ohne Besuch am Platz behoben</translation>
    </message>
    <message>
        <source>Already &amp;fixed on arrival: it works, the machine was not touched</source>
        <translation>Bei Ankunft bereits &amp;behoben: Es funktioniert, das Gerät wurde nicht angefasst</translation>
    </message>
    <message>
        <source>No fa&amp;ult found: checked with the user&apos;s permission, it works</source>
        <translation>Kein &amp;Fehler gefunden: mit Erlaubnis des Benutzers geprüft, es funktioniert</translation>
    </message>
    <message>
        <source>No lon&amp;ger needed: the user says so at the desk (only dispatch cancels a visit)</source>
        <translation>Nicht mehr &amp;nötig: Der Benutzer sagt es vor Ort (nur die Disposition storniert einen Besuch)</translation>
    </message>
</context>
<context>
    <name>PagesPermission</name>
    <message>
        <source>Permission &amp;granted</source>
        <translation>Er&amp;laubnis erteilt</translation>
    </message>
    <message>
        <source>User &amp;busy: agree a time to come back</source>
        <translation>Benutzer &amp;beschäftigt: eine Rückkehrzeit vereinbaren</translation>
    </message>
    <message>
        <source>User &amp;absent and the work is urgent</source>
        <translation>Benutzer &amp;abwesend und die Arbeit ist dringend</translation>
    </message>
    <message>
        <source>User absent and the work is &amp;not urgent: leave a note, come back later</source>
        <translation>Benutzer abwesend und die Arbeit ist &amp;nicht dringend: Notiz hinterlassen, später wiederkommen</translation>
    </message>
    <message>
        <source>User &amp;declined: I may not use the machine</source>
        <translation>Benutzer &amp;hat abgelehnt: Ich darf das Gerät nicht benutzen</translation>
    </message>
    <message>
        <source>&amp;Record permission</source>
        <translation>Erlaubnis e&amp;rfassen</translation>
    </message>
    <message>
        <source>&amp;Record return time</source>
        <translation>Rückkehrzeit e&amp;rfassen</translation>
    </message>
    <message>
        <source>&amp;Record urgent work</source>
        <translation>Dringende Arbeit e&amp;rfassen</translation>
    </message>
    <message>
        <source>&amp;Record the note left</source>
        <translation>Hinterlassene Notiz e&amp;rfassen</translation>
    </message>
    <message>
        <source>&amp;Record the refusal</source>
        <translation>Ablehnung e&amp;rfassen</translation>
    </message>
</context>
<context>
    <name>PastFixes</name>
    <message>
        <source>dd MMM yyyy</source>
        <comment>a day (QLocale format)</comment>
        <translation>dd.MM.yyyy</translation>
    </message>
    <message>
        <source>Article: {title}</source>
        <translation>Artikel: {title}</translation>
    </message>
    <message>
        <source>Past fix {reference} ({when}): {title}</source>
        <translation>Frühere Lösung {reference} ({when}): {title}</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>The user&apos;s view</source>
        <translation>Sicht des Benutzers</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Befund</translation>
    </message>
    <message>
        <source>Resources used</source>
        <translation>Genutzte Hilfsmittel</translation>
    </message>
    <message>
        <source>What fixed it</source>
        <translation>Was geholfen hat</translation>
    </message>
    <message>
        <source>Site: {site}</source>
        <translation>Standort: {site}</translation>
    </message>
</context>
<context>
    <name>PastFixesBox</name>
    <message>
        <source>The incident&apos;s known fix</source>
        <translation>Bekannte Lösung der Störung</translation>
    </message>
    <message>
        <source>Similar past fixes</source>
        <translation>Ähnliche frühere Lösungen</translation>
    </message>
    <message>
        <source>Articles and fixes from this site, as you describe the problem.</source>
        <translation>Artikel und Lösungen von diesem Standort, während Sie das Problem beschreiben.</translation>
    </message>
    <message>
        <source>The chosen past fix</source>
        <translation>Die gewählte frühere Lösung</translation>
    </message>
    <message>
        <source>I used this fi&amp;x</source>
        <translation>Diese &amp;Lösung genutzt</translation>
    </message>
    <message>
        <source>I used this fix</source>
        <translation>Diese Lösung genutzt</translation>
    </message>
    <message>
        <source>The diagnosis records which fix helped.</source>
        <translation>Die Diagnose hält fest, welche Lösung geholfen hat.</translation>
    </message>
    <message>
        <source>Fix used</source>
        <translation>Genutzte Lösung</translation>
    </message>
    <message>
        <source>Not used</source>
        <translation>Nicht genutzt</translation>
    </message>
    <message>
        <source>The fix was not used after all</source>
        <translation>Die Lösung wurde doch nicht genutzt</translation>
    </message>
    <message>
        <source> (set by {name})</source>
        <translation> (festgelegt von {name})</translation>
    </message>
    <message>
        <source>Known fix for this incident{by}: {fix}</source>
        <translation>Bekannte Lösung für diese Störung{by}: {fix}</translation>
    </message>
    <message>
        <source>No similar past fix yet.</source>
        <translation>Noch keine ähnliche frühere Lösung.</translation>
    </message>
    <message>
        <source>Choose one to read it in full.</source>
        <translation>Wählen Sie eine, um sie ganz zu lesen.</translation>
    </message>
    <message>
        <source>Past fixes could not be read; try typing again.</source>
        <translation>Frühere Lösungen konnten nicht gelesen werden; tippen Sie bitte weiter.</translation>
    </message>
    <message>
        <source>Used: {what}</source>
        <translation>Genutzt: {what}</translation>
    </message>
    <message>
        <source>A past fix was used.</source>
        <translation>Eine frühere Lösung wurde genutzt.</translation>
    </message>
</context>
<context>
    <name>PermissionPage</name>
    <message>
        <source>Granted by</source>
        <translation>Erteilt von</translation>
    </message>
    <message>
        <source>The user&apos;s name</source>
        <translation>Name des Benutzers</translation>
    </message>
    <message>
        <source>Granted b&amp;y:</source>
        <translation>Er&amp;teilt von:</translation>
    </message>
    <message>
        <source>What you will do and why</source>
        <translation>Was Sie tun werden und warum</translation>
    </message>
    <message>
        <source>What you explained you will do, and why</source>
        <translation>Was Sie erklärt haben, was Sie tun werden und warum</translation>
    </message>
    <message>
        <source>&amp;What and why:</source>
        <translation>&amp;Was und warum:</translation>
    </message>
    <message>
        <source>Expected minutes</source>
        <translation>Erwartete Minuten</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>E&amp;xpected time:</source>
        <translation>Erwartete &amp;Dauer:</translation>
    </message>
    <message>
        <source>Return time</source>
        <translation>Rückkehrzeit</translation>
    </message>
    <message>
        <source>Come bac&amp;k at:</source>
        <translation>&amp;Zurück um:</translation>
    </message>
    <message>
        <source>Agreed with</source>
        <translation>Vereinbart mit</translation>
    </message>
    <message>
        <source>Agreed wi&amp;th:</source>
        <translation>Vereinbart &amp;mit:</translation>
    </message>
    <message>
        <source>The return time becomes a promise: you are reminded before it is due and the visit waits for your return.</source>
        <translation>Die Rückkehrzeit wird zur Zusage: Sie werden vor Fälligkeit erinnert, und der Besuch wartet auf Ihre Rückkehr.</translation>
    </message>
    <message>
        <source>Open files warning</source>
        <translation>Warnung zu offenen Dateien</translation>
    </message>
    <message>
        <source>The user may have files open and unsaved. Do not close their programs or restart without saving their work first. Before sign-off you will have to log the admin account off and leave a note on the desk, unless the user comes back.</source>
        <translation>Der Benutzer hat womöglich ungespeicherte Dateien geöffnet. Schließen Sie keine Programme und starten Sie nicht neu, ohne die Arbeit vorher zu speichern. Vor dem Abschluss müssen Sie das Administratorkonto abmelden und eine Notiz am Platz hinterlassen, es sei denn, der Benutzer kommt zurück.</translation>
    </message>
    <message>
        <source>Why the work cannot wait</source>
        <translation>Warum die Arbeit nicht warten kann</translation>
    </message>
    <message>
        <source>Why it cannot wait</source>
        <translation>Warum es nicht warten kann</translation>
    </message>
    <message>
        <source>Rea&amp;son:</source>
        <translation>&amp;Grund:</translation>
    </message>
    <message>
        <source>I have read the warning about open &amp;files</source>
        <translation>Ich habe die Warnung zu offenen &amp;Dateien gelesen</translation>
    </message>
    <message>
        <source>Open files warning read</source>
        <translation>Warnung zu offenen Dateien gelesen</translation>
    </message>
    <message>
        <source>The work can wait, so leave the machine alone: leave this note on the desk and come back later. Nobody agreed a time, so no promise is made; the visit waits for your next arrival.</source>
        <translation>Die Arbeit kann warten, also lassen Sie das Gerät in Ruhe: Hinterlassen Sie diese Notiz am Platz und kommen Sie später wieder. Es wurde keine Zeit vereinbart, also entsteht keine Zusage; der Besuch wartet auf Ihre nächste Ankunft.</translation>
    </message>
    <message>
        <source>Note left on the desk</source>
        <translation>Am Platz hinterlassene Notiz</translation>
    </message>
    <message>
        <source>What the note says</source>
        <translation>Was auf der Notiz steht</translation>
    </message>
    <message>
        <source>Note &amp;left:</source>
        <translation>H&amp;interlassene Notiz:</translation>
    </message>
    <message>
        <source>The user&apos;s machine is theirs: respect the refusal and say what happens next. If they agree a time for you to come back, record &apos;User busy&apos; instead.</source>
        <translation>Das Gerät des Benutzers gehört ihm: Respektieren Sie die Ablehnung und sagen Sie, wie es weitergeht. Wird eine Zeit für Ihre Rückkehr vereinbart, erfassen Sie stattdessen „Benutzer beschäftigt“.</translation>
    </message>
    <message>
        <source>Declined by</source>
        <translation>Abgelehnt von</translation>
    </message>
    <message>
        <source>&amp;User who declined:</source>
        <translation>Ablehnen&amp;der Benutzer:</translation>
    </message>
    <message>
        <source>The user&apos;s reason (optional)</source>
        <translation>Grund des Benutzers (optional)</translation>
    </message>
    <message>
        <source>What the user said, if anything</source>
        <translation>Was der Benutzer gesagt hat, falls etwas</translation>
    </message>
    <message>
        <source>Their reason (o&amp;ptional):</source>
        <translation>Sein Grund (o&amp;ptional):</translation>
    </message>
    <message>
        <source>What happens next</source>
        <translation>Wie es weitergeht</translation>
    </message>
    <message>
        <source>T&amp;hen:</source>
        <translation>Dana&amp;ch:</translation>
    </message>
    <message>
        <source>The absent user came back</source>
        <translation>Der abwesende Benutzer ist zurück</translation>
    </message>
    <message>
        <source>Tell them what you did while they were away and why. With the user back, sign-off no longer asks for the admin log-off and the desk note.</source>
        <translation>Erzählen Sie, was Sie in seiner Abwesenheit getan haben und warum. Ist der Benutzer zurück, verlangt der Abschluss weder die Abmeldung des Administratorkontos noch die Notiz am Platz.</translation>
    </message>
    <message>
        <source>Who came back</source>
        <translation>Wer zurückkam</translation>
    </message>
    <message>
        <source>Wh&amp;o came back:</source>
        <translation>Wer &amp;kam zurück:</translation>
    </message>
    <message>
        <source>What you told them</source>
        <translation>Was Sie ihm gesagt haben</translation>
    </message>
    <message>
        <source>What you told them you did while they were away</source>
        <translation>Was Sie ihm über Ihre Arbeit in seiner Abwesenheit gesagt haben</translation>
    </message>
    <message>
        <source>What you told the&amp;m:</source>
        <translation>Was Sie gesagt &amp;haben:</translation>
    </message>
    <message>
        <source>Re&amp;cord the user&apos;s return</source>
        <translation>Rückkehr des Benutzers er&amp;fassen</translation>
    </message>
    <message>
        <source>Record the user&apos;s return</source>
        <translation>Rückkehr des Benutzers erfassen</translation>
    </message>
    <message>
        <source>a technician from IT support</source>
        <translation>eine Technikerin oder ein Techniker des IT-Supports</translation>
    </message>
    <message>
        <source>{who} from IT support came by on {when} for {reference} about: {problem}. You were away, so I did not touch your computer.</source>
        <translation>{who} vom IT-Support war am {when} wegen {reference} hier, Thema: {problem}. Sie waren nicht da, daher habe ich Ihren Computer nicht angefasst.</translation>
    </message>
    <message>
        <source>{who} from IT support came by on {when} for {reference}. You were away, so I did not touch your computer.</source>
        <translation>{who} vom IT-Support war am {when} wegen {reference} hier. Sie waren nicht da, daher habe ich Ihren Computer nicht angefasst.</translation>
    </message>
    <message>
        <source>Hello {name},</source>
        <translation>Guten Tag {name},</translation>
    </message>
    <message>
        <source>I will come back. To tell us when suits you, contact {desk} and quote {reference}.</source>
        <translation>Ich komme wieder. Um uns zu sagen, wann es Ihnen passt, wenden Sie sich an {desk} und nennen Sie {reference}.</translation>
    </message>
    <message>
        <source>Say who agreed the return time.</source>
        <translation>Geben Sie an, wer die Rückkehrzeit vereinbart hat.</translation>
    </message>
    <message>
        <source>Say why the work is urgent enough to do without the user.</source>
        <translation>Geben Sie an, warum die Arbeit dringend genug ist, um sie ohne den Benutzer zu erledigen.</translation>
    </message>
    <message>
        <source>Warn the user&apos;s open files are at risk first, and tick that you did.</source>
        <translation>Warnen Sie zuerst, dass offene Dateien des Benutzers gefährdet sind, und haken Sie es ab.</translation>
    </message>
    <message>
        <source>Write the note you leave on the desk.</source>
        <translation>Schreiben Sie die Notiz, die Sie am Platz hinterlassen.</translation>
    </message>
    <message>
        <source>Say who granted permission.</source>
        <translation>Geben Sie an, wer die Erlaubnis erteilt hat.</translation>
    </message>
    <message>
        <source>Write what you explained you will do and why.</source>
        <translation>Schreiben Sie, was Sie erklärt haben, was Sie tun werden und warum.</translation>
    </message>
    <message>
        <source>Say who declined.</source>
        <translation>Geben Sie an, wer abgelehnt hat.</translation>
    </message>
    <message>
        <source>Say who came back.</source>
        <translation>Geben Sie an, wer zurückkam.</translation>
    </message>
    <message>
        <source>Write what you told them you did while they were away.</source>
        <translation>Schreiben Sie, was Sie ihm über Ihre Arbeit in seiner Abwesenheit gesagt haben.</translation>
    </message>
</context>
<context>
    <name>Promises</name>
    <message>
        <source>Come back</source>
        <translation>Wiederkommen</translation>
    </message>
    <message>
        <source>Call back</source>
        <translation>Rückruf</translation>
    </message>
    <message>
        <source>Next update</source>
        <translation>Nächste Rückmeldung</translation>
    </message>
    <message>
        <source>Follow-up call</source>
        <translation>Nachfassanruf</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstiges</translation>
    </message>
    <message>
        <source>Loan due back</source>
        <translation>Leihgabe fällig</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Überfällig</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Kept on time</source>
        <translation>Pünktlich gehalten</translation>
    </message>
    <message>
        <source>Kept late</source>
        <translation>Verspätet gehalten</translation>
    </message>
    <message>
        <source>{state}: due {due}. Made {made}.</source>
        <translation>{state}: fällig {due}. Gegeben {made}.</translation>
    </message>
    <message>
        <source>{state}: kept {kept}. Made {made}.</source>
        <translation>{state}: gehalten {kept}. Gegeben {made}.</translation>
    </message>
</context>
<context>
    <name>PromisesSection</name>
    <message>
        <source>Promises of this visit</source>
        <translation>Zusagen dieses Besuchs</translation>
    </message>
    <message>
        <source>No promises on this visit. A time you commit to becomes one: a return, a call back, the next update.</source>
        <translation>Keine Zusagen zu diesem Besuch. Jede Zeit, die Sie zusagen, wird eine: eine Rückkehr, ein Rückruf, die nächste Rückmeldung.</translation>
    </message>
    <message>
        <source>&amp;Mark kept</source>
        <translation>Als gehalten &amp;markieren</translation>
    </message>
    <message>
        <source>Mark the selected promise kept</source>
        <translation>Die gewählte Zusage als gehalten markieren</translation>
    </message>
    <message>
        <source>Kind of promise</source>
        <translation>Art der Zusage</translation>
    </message>
    <message>
        <source>Promise due by</source>
        <translation>Zusage fällig bis</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <source>Due &amp;by:</source>
        <translation>Fälli&amp;g bis:</translation>
    </message>
    <message>
        <source>What you promised</source>
        <translation>Was Sie zugesagt haben</translation>
    </message>
    <message>
        <source>e.g. call back once the part arrives</source>
        <translation>z. B. Rückruf, sobald das Teil da ist</translation>
    </message>
    <message>
        <source>&amp;What you promised:</source>
        <translation>&amp;Was Sie zugesagt haben:</translation>
    </message>
    <message>
        <source>Make promi&amp;se</source>
        <translation>Zu&amp;sage geben</translation>
    </message>
    <message>
        <source>Make the promise</source>
        <translation>Die Zusage geben</translation>
    </message>
    <message>
        <source>Select an open promise to mark it kept.</source>
        <translation>Wählen Sie eine offene Zusage, um sie als gehalten zu markieren.</translation>
    </message>
    <message>
        <source>This promise has already been kept.</source>
        <translation>Diese Zusage wurde bereits gehalten.</translation>
    </message>
    <message>
        <source>Say what you promised, in the customer&apos;s words.</source>
        <translation>Geben Sie an, was Sie zugesagt haben, in den Worten des Kunden.</translation>
    </message>
</context>
<context>
    <name>Refusal</name>
    <message>
        <source>Nothing was recorded: {error}</source>
        <translation>Nichts wurde erfasst: {error}</translation>
    </message>
</context>
<context>
    <name>ReopenPage</name>
    <message>
        <source>Why it is reopened</source>
        <translation>Warum er wieder geöffnet wird</translation>
    </message>
    <message>
        <source>What fails again, in the user&apos;s words (the new visit&apos;s problem)</source>
        <translation>Was wieder nicht funktioniert, in den Worten des Benutzers (das Problem des neuen Besuchs)</translation>
    </message>
    <message>
        <source>&amp;What fails:</source>
        <translation>&amp;Was nicht funktioniert:</translation>
    </message>
    <message>
        <source>Return visit time</source>
        <translation>Zeit des Folgebesuchs</translation>
    </message>
    <message>
        <source>&amp;Come back at:</source>
        <translation>Wiederkommen &amp;um:</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>Return visit length</source>
        <translation>Dauer des Folgebesuchs</translation>
    </message>
    <message>
        <source>&amp;Length:</source>
        <translation>&amp;Dauer:</translation>
    </message>
    <message>
        <source>Only a signed-off visit is reopened, and only once; an escalated or declined visit was never claimed fixed.</source>
        <translation>Nur ein abgeschlossener Besuch wird wieder geöffnet, und nur einmal; ein eskalierter oder abgelehnter Besuch galt nie als behoben.</translation>
    </message>
    <message>
        <source>&amp;Reopen as a return visit</source>
        <translation>&amp;Als Folgebesuch wieder öffnen</translation>
    </message>
    <message>
        <source>Say what fails again: it is the return visit&apos;s problem.</source>
        <translation>Geben Sie an, was wieder nicht funktioniert: Es ist das Problem des Folgebesuchs.</translation>
    </message>
</context>
<context>
    <name>ResolvePage</name>
    <message>
        <source>Plain-words explanation</source>
        <translation>Erklärung in einfachen Worten</translation>
    </message>
    <message>
        <source>What was wrong and what you did, in the user&apos;s words</source>
        <translation>Was nicht stimmte und was Sie getan haben, in den Worten des Benutzers</translation>
    </message>
    <message>
        <source>&amp;Plain words:</source>
        <translation>Einfache &amp;Worte:</translation>
    </message>
    <message>
        <source>I &amp;showed it works by repeating what the user was trying to do</source>
        <translation>&amp;Ich habe es vorgeführt, indem ich wiederholt habe, was der Benutzer tun wollte</translation>
    </message>
    <message>
        <source>Demonstrated</source>
        <translation>Vorgeführt</translation>
    </message>
    <message>
        <source>The user &amp;confirmed it works</source>
        <translation>Der Benutzer hat &amp;bestätigt, dass es funktioniert</translation>
    </message>
    <message>
        <source>User confirmed</source>
        <translation>Vom Benutzer bestätigt</translation>
    </message>
    <message>
        <source>Why a demonstration was impossible</source>
        <translation>Warum eine Vorführung nicht möglich war</translation>
    </message>
    <message>
        <source>Only if you could not show it: why (e.g. the user had to leave)</source>
        <translation>Nur wenn Sie es nicht zeigen konnten: warum (z. B. der Benutzer musste gehen)</translation>
    </message>
    <message>
        <source>&amp;Why not shown:</source>
        <translation>Warum nicht &amp;gezeigt:</translation>
    </message>
    <message>
        <source>&amp;Record resolution</source>
        <translation>Lösung e&amp;rfassen</translation>
    </message>
    <message>
        <source>Recorded without a demonstration: this step stays incomplete until you show it works and the user confirms, or say why that was impossible, and record again.</source>
        <translation>Ohne Vorführung erfasst: Dieser Schritt bleibt unvollständig, bis Sie zeigen, dass es funktioniert, und der Benutzer es bestätigt, oder bis Sie angeben, warum das nicht möglich war, und erneut erfassen.</translation>
    </message>
    <message>
        <source>The user chose: {option}</source>
        <translation>Der Benutzer hat gewählt: {option}</translation>
    </message>
    <message>
        <source>Explain in plain words what was wrong and what you did.</source>
        <translation>Erklären Sie in einfachen Worten, was nicht stimmte und was Sie getan haben.</translation>
    </message>
</context>
<context>
    <name>Section</name>
    <message>
        <source>{section}: why it was not recorded</source>
        <translation>{section}: warum es nicht erfasst wurde</translation>
    </message>
</context>
<context>
    <name>Sections</name>
    <message>
        <source>What the user already tried</source>
        <translation>Was der Benutzer bereits versucht hat</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Promises</source>
        <translation>Zusagen</translation>
    </message>
    <message>
        <source>People on this visit</source>
        <translation>Personen bei diesem Besuch</translation>
    </message>
    <message>
        <source>Device and its history</source>
        <translation>Gerät und sein Verlauf</translation>
    </message>
</context>
<context>
    <name>SignOffPage</name>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>What was done, in plain language</source>
        <translation>Was getan wurde, in einfachen Worten</translation>
    </message>
    <message>
        <source>Su&amp;mmary:</source>
        <translation>&amp;Zusammenfassung:</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Unterschrift</translation>
    </message>
    <message>
        <source>C&amp;lear signature</source>
        <translation>Unterschrift &amp;löschen</translation>
    </message>
    <message>
        <source>Clear the signature</source>
        <translation>Die Unterschrift löschen</translation>
    </message>
    <message>
        <source>How satisfied is the user?</source>
        <translation>Wie zufrieden ist der Benutzer?</translation>
    </message>
    <message>
        <source>Not given</source>
        <translation>Keine Angabe</translation>
    </message>
    <message>
        <source>Satisfaction not given</source>
        <translation>Zufriedenheit nicht angegeben</translation>
    </message>
    <message>
        <source>Satisfaction {score}: {words}</source>
        <translation>Zufriedenheit {score}: {words}</translation>
    </message>
    <message>
        <source>Satisfaction comment</source>
        <translation>Kommentar zur Zufriedenheit</translation>
    </message>
    <message>
        <source>In the user&apos;s words (optional)</source>
        <translation>In den Worten des Benutzers (optional)</translation>
    </message>
    <message>
        <source>Comme&amp;nt:</source>
        <translation>&amp;Kommentar:</translation>
    </message>
    <message>
        <source>Before leaving</source>
        <translation>Vor dem Gehen</translation>
    </message>
    <message>
        <source>&amp;Admin account logged off</source>
        <translation>&amp;Administratorkonto abgemeldet</translation>
    </message>
    <message>
        <source>Admin account logged off</source>
        <translation>Administratorkonto abgemeldet</translation>
    </message>
    <message>
        <source>The user was absent</source>
        <translation>Der Benutzer war abwesend</translation>
    </message>
    <message>
        <source>Log the admin account off and leave this note on the desk; both are required before sign-off.</source>
        <translation>Melden Sie das Administratorkonto ab und hinterlassen Sie diese Notiz am Platz; beides ist vor dem Abschluss nötig.</translation>
    </message>
    <message>
        <source>Desk note text</source>
        <translation>Text der Notiz am Platz</translation>
    </message>
    <message>
        <source>Note left on the &amp;desk</source>
        <translation>Notiz am &amp;Platz hinterlassen</translation>
    </message>
    <message>
        <source>Note left on the desk</source>
        <translation>Notiz am Platz hinterlassen</translation>
    </message>
    <message>
        <source>Cop&amp;y note</source>
        <translation>Notiz &amp;kopieren</translation>
    </message>
    <message>
        <source>Copy the desk note to the clipboard</source>
        <translation>Die Notiz am Platz in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>The user came &amp;back…</source>
        <translation>Der Benutzer ist &amp;zurück…</translation>
    </message>
    <message>
        <source>The user came back: record their return</source>
        <translation>Der Benutzer ist zurück: seine Rückkehr erfassen</translation>
    </message>
    <message>
        <source>Borrowed &amp;parts returned</source>
        <translation>Ausgeliehene &amp;Teile zurückgegeben</translation>
    </message>
    <message>
        <source>Borrowed parts returned</source>
        <translation>Ausgeliehene Teile zurückgegeben</translation>
    </message>
    <message>
        <source>&amp;Follow-up call promised for</source>
        <translation>&amp;Nachfassanruf zugesagt für</translation>
    </message>
    <message>
        <source>Follow-up call promised</source>
        <translation>Nachfassanruf zugesagt</translation>
    </message>
    <message>
        <source>Follow-up call time</source>
        <translation>Zeit des Nachfassanrufs</translation>
    </message>
    <message>
        <source>&amp;Record sign-off</source>
        <translation>Abschluss e&amp;rfassen</translation>
    </message>
    <message>
        <source>Borrowed: {parts}. One that cannot go back (broken, kept, written off): record what became of it under Notes, files and promises (Ctrl+Shift+N).</source>
        <translation>Ausgeliehen: {parts}. Was nicht zurück kann (defekt, behalten, abgeschrieben): Erfassen Sie den Verbleib unter Notizen, Dateien und Zusagen (Ctrl+Shift+N).</translation>
    </message>
    <message>
        <source>a technician from IT support</source>
        <translation>eine Technikerin oder ein Techniker des IT-Supports</translation>
    </message>
    <message>
        <source>the problem you reported</source>
        <translation>das von Ihnen gemeldete Problem</translation>
    </message>
    <message>
        <source>Hello {name},</source>
        <translation>Guten Tag {name},</translation>
    </message>
    <message>
        <source>{who} from IT support came by on {when} for {reference}. Because it was urgent, I worked on your computer while you were away.</source>
        <translation>{who} vom IT-Support war am {when} wegen {reference} hier. Da es dringend war, habe ich in Ihrer Abwesenheit an Ihrem Computer gearbeitet.</translation>
    </message>
    <message>
        <source>What I did: {done}</source>
        <translation>Was ich getan habe: {done}</translation>
    </message>
    <message>
        <source>I did not close your programs or files, and I logged the admin account off. If anything is not right, contact {desk} and quote {reference}.</source>
        <translation>Ich habe weder Ihre Programme noch Ihre Dateien geschlossen und das Administratorkonto abgemeldet. Falls etwas nicht stimmt, wenden Sie sich an {desk} und nennen Sie {reference}.</translation>
    </message>
    <message>
        <source>Write a short summary in plain language.</source>
        <translation>Schreiben Sie eine kurze Zusammenfassung in einfachen Worten.</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <source>Signature pad</source>
        <translation>Unterschriftenfeld</translation>
    </message>
    <message>
        <source>The customer signs here with a pen, a finger or the mouse.</source>
        <translation>Der Kunde unterschreibt hier mit Stift, Finger oder Maus.</translation>
    </message>
    <message>
        <source>Sign here</source>
        <translation>Hier unterschreiben</translation>
    </message>
</context>
<context>
    <name>StepList</name>
    <message>
        <source>Steps of the visit</source>
        <translation>Schritte des Besuchs</translation>
    </message>
    <message>
        <source>done</source>
        <translation>erledigt</translation>
    </message>
    <message>
        <source>unavailable</source>
        <translation>nicht verfügbar</translation>
    </message>
    <message>
        <source>to do now</source>
        <translation>jetzt zu tun</translation>
    </message>
    <message>
        <source>available</source>
        <translation>verfügbar</translation>
    </message>
    <message>
        <source>{step}: {state}</source>
        <translation>{step}: {state}</translation>
    </message>
</context>
<context>
    <name>StepPage</name>
    <message>
        <source>Why this step is unavailable</source>
        <translation>Warum dieser Schritt nicht verfügbar ist</translation>
    </message>
    <message>
        <source>Why it was not recorded</source>
        <translation>Warum es nicht erfasst wurde</translation>
    </message>
    <message>
        <source>What was recorded</source>
        <translation>Was erfasst wurde</translation>
    </message>
    <message>
        <source>the IT service desk</source>
        <translation>den IT-Servicedesk</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Erledigt.</translation>
    </message>
    <message>
        <source>Recorded {when}.</source>
        <translation>Erfasst {when}.</translation>
    </message>
    <message>
        <source>Explain in plain words what was wrong and what you did. Show it works by repeating what the user was trying to do, and let them confirm it.</source>
        <translation>Erklären Sie in einfachen Worten, was nicht stimmte und was Sie getan haben. Zeigen Sie, dass es funktioniert, indem Sie wiederholen, was der Benutzer tun wollte, und lassen Sie es ihn bestätigen.</translation>
    </message>
    <message>
        <source>Offer to show how to avoid the problem next time, in the user&apos;s language. If they say “no thanks”, respect it.</source>
        <translation>Bieten Sie an zu zeigen, wie sich das Problem künftig vermeiden lässt, in der Sprache des Benutzers. Sagt er „nein danke“, respektieren Sie das.</translation>
    </message>
    <message>
        <source>Ask whether there is anything else. A “yes” is not lost: the server opens a linked follow-up visit for it on the next working day, or you handle it now, as its own visit at this desk.</source>
        <translation>Fragen Sie, ob es noch etwas gibt. Ein „Ja“ geht nicht verloren: Der Server eröffnet dafür am nächsten Arbeitstag einen verknüpften Folgebesuch, oder Sie erledigen es gleich, als eigenen Besuch an diesem Platz.</translation>
    </message>
    <message>
        <source>Tell the customer in advance what will happen, when, who is coming, how long it takes, the reference number and how to reach the desk.</source>
        <translation>Teilen Sie dem Kunden vorab mit, was geschieht, wann, wer kommt, wie lange es dauert, die Vorgangsnummer und wie der Servicedesk erreichbar ist.</translation>
    </message>
    <message>
        <source>Check in when you reach the desk. Greet the user and say why you are here.</source>
        <translation>Melden Sie sich an, wenn Sie am Platz sind. Begrüßen Sie den Benutzer und sagen Sie, warum Sie da sind.</translation>
    </message>
    <message>
        <source>Sum up in plain language, ask the user to sign and how satisfied they are. If they are away, the signature and rating can stay empty.</source>
        <translation>Fassen Sie in einfachen Worten zusammen, bitten Sie den Benutzer um seine Unterschrift und fragen Sie nach seiner Zufriedenheit. Ist er nicht da, können Unterschrift und Bewertung leer bleiben.</translation>
    </message>
    <message>
        <source>Cannot be resolved now? Escalate it, and tell the customer which team takes it and when they will next hear from you: that time becomes a promise.</source>
        <translation>Jetzt nicht lösbar? Eskalieren Sie und sagen Sie dem Kunden, welches Team übernimmt und wann er wieder von Ihnen hört: Diese Zeit wird zur Zusage.</translation>
    </message>
    <message>
        <source>Leave for now when the work must stop and go on later. The visit stays open; check in again when you are back. Tell the user when you will be back if you can.</source>
        <translation>Gehen Sie vorerst, wenn die Arbeit unterbrochen werden muss und später weitergeht. Der Besuch bleibt offen; melden Sie sich bei Ihrer Rückkehr wieder an. Sagen Sie dem Benutzer nach Möglichkeit, wann Sie zurück sind.</translation>
    </message>
    <message>
        <source>Nothing to repair here? Say how it ended. Looking for a fault is using the machine, so &apos;no fault found&apos; needs the user&apos;s permission like a diagnosis.</source>
        <translation>Hier nichts zu reparieren? Sagen Sie, wie es endete. Die Fehlersuche nutzt das Gerät, daher braucht „kein Fehler gefunden“ wie eine Diagnose die Erlaubnis des Benutzers.</translation>
    </message>
    <message>
        <source>Computers are the users&apos; private spaces: ask before you sit at the machine, say what you will do, why, and how long it will take.</source>
        <translation>Computer sind der private Bereich der Benutzer: Fragen Sie, bevor Sie sich an das Gerät setzen, und sagen Sie, was Sie tun werden, warum und wie lange es dauert.</translation>
    </message>
    <message>
        <source>The fix failed after sign-off? Reopen the visit as a return visit: the visit stays signed off and is linked to the new one, which goes on your round now (offline too) and reaches dispatch with the next sync.</source>
        <translation>Die Behebung hat nach dem Abschluss nicht gehalten? Öffnen Sie den Besuch als Folgebesuch wieder: Der Besuch bleibt abgeschlossen und wird mit dem neuen verknüpft, der sofort in Ihre Runde kommt (auch offline) und die Disposition mit der nächsten Synchronisierung erreicht.</translation>
    </message>
    <message>
        <source>Start from the user&apos;s perspective: ask how long it has been happening and to be shown the problem, then say where it comes from. Parts borrowed from other equipment are tracked until they are returned.</source>
        <translation>Beginnen Sie mit der Sicht des Benutzers: Fragen Sie, seit wann es auftritt, lassen Sie sich das Problem zeigen und geben Sie dann an, woher es kommt. Von anderen Geräten ausgeliehene Teile werden verfolgt, bis sie zurückgegeben sind.</translation>
    </message>
    <message>
        <source>Several ways forward? Let the user choose, each with what it costs in time (“fix the virus in 30 minutes, or set up the new laptop in 2 hours?”).</source>
        <translation>Mehrere Wege? Lassen Sie den Benutzer wählen, jeweils mit dem Zeitaufwand („Virus in 30 Minuten entfernen oder den neuen Laptop in 2 Stunden einrichten?“).</translation>
    </message>
</context>
<context>
    <name>Steps</name>
    <message>
        <source>Confirm in advance</source>
        <translation>Vorab bestätigen</translation>
    </message>
    <message>
        <source>Arrive</source>
        <translation>Ankommen</translation>
    </message>
    <message>
        <source>Permission</source>
        <translation>Erlaubnis</translation>
    </message>
    <message>
        <source>Diagnose</source>
        <translation>Diagnose</translation>
    </message>
    <message>
        <source>Offer choices</source>
        <translation>Möglichkeiten anbieten</translation>
    </message>
    <message>
        <source>Resolve and demonstrate</source>
        <translation>Beheben und vorführen</translation>
    </message>
    <message>
        <source>Teach</source>
        <translation>Schulen</translation>
    </message>
    <message>
        <source>Anything else?</source>
        <translation>Sonst noch etwas?</translation>
    </message>
    <message>
        <source>Sign-off</source>
        <translation>Abschluss</translation>
    </message>
    <message>
        <source>Escalate</source>
        <translation>Eskalieren</translation>
    </message>
    <message>
        <source>No repair needed</source>
        <translation>Keine Reparatur nötig</translation>
    </message>
    <message>
        <source>Leave for now</source>
        <translation>Vorerst gehen</translation>
    </message>
    <message>
        <source>Reopen: the fix failed</source>
        <translation>Wieder öffnen: nicht behoben</translation>
    </message>
    <message>
        <source>Confirmed in advance</source>
        <translation>Vorab bestätigt</translation>
    </message>
    <message>
        <source>Arrived at the desk</source>
        <translation>Am Platz angekommen</translation>
    </message>
    <message>
        <source>Permission granted</source>
        <translation>Erlaubnis erteilt</translation>
    </message>
    <message>
        <source>User busy: return agreed</source>
        <translation>Benutzer beschäftigt: Rückkehr vereinbart</translation>
    </message>
    <message>
        <source>User absent, urgent work</source>
        <translation>Benutzer abwesend, dringende Arbeit</translation>
    </message>
    <message>
        <source>User declined</source>
        <translation>Benutzer hat abgelehnt</translation>
    </message>
    <message>
        <source>User absent: note left, back later</source>
        <translation>Benutzer abwesend: Notiz hinterlassen, später zurück</translation>
    </message>
    <message>
        <source>The absent user came back</source>
        <translation>Der abwesende Benutzer ist zurück</translation>
    </message>
    <message>
        <source>Closed with no repair at the desk</source>
        <translation>Ohne Reparatur vor Ort geschlossen</translation>
    </message>
    <message>
        <source>Diagnosed</source>
        <translation>Diagnose gestellt</translation>
    </message>
    <message>
        <source>Choices offered</source>
        <translation>Möglichkeiten angeboten</translation>
    </message>
    <message>
        <source>Choice made</source>
        <translation>Wahl getroffen</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Behoben</translation>
    </message>
    <message>
        <source>Showed how to avoid it</source>
        <translation>Gezeigt, wie es sich vermeiden lässt</translation>
    </message>
    <message>
        <source>Teaching declined</source>
        <translation>Schulung abgelehnt</translation>
    </message>
    <message>
        <source>Asked: anything else?</source>
        <translation>Gefragt: sonst noch etwas?</translation>
    </message>
    <message>
        <source>Borrowed part returned</source>
        <translation>Ausgeliehenes Teil zurückgegeben</translation>
    </message>
    <message>
        <source>Signed off</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Eskaliert</translation>
    </message>
    <message>
        <source>Promise made</source>
        <translation>Zusage gegeben</translation>
    </message>
    <message>
        <source>Promise kept</source>
        <translation>Zusage gehalten</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>File attached</source>
        <translation>Datei angehängt</translation>
    </message>
    <message>
        <source>Left the desk for now</source>
        <translation>Platz vorerst verlassen</translation>
    </message>
    <message>
        <source>Part borrowed</source>
        <translation>Teil ausgeliehen</translation>
    </message>
    <message>
        <source>Borrowed part: what became of it</source>
        <translation>Ausgeliehenes Teil: Verbleib</translation>
    </message>
    <message>
        <source>Equipment lent</source>
        <translation>Gerät verliehen</translation>
    </message>
    <message>
        <source>Loan returned</source>
        <translation>Leihgabe zurückgegeben</translation>
    </message>
    <message>
        <source>Loan: what became of it</source>
        <translation>Leihgabe: Verbleib</translation>
    </message>
    <message>
        <source>Visit opened on the spot</source>
        <translation>Besuch vor Ort eröffnet</translation>
    </message>
    <message>
        <source>Reopened: the fix failed</source>
        <translation>Wieder geöffnet: nicht behoben</translation>
    </message>
    <message>
        <source>Colleague joined</source>
        <translation>Kollege hinzugekommen</translation>
    </message>
    <message>
        <source>Colleague left the visit</source>
        <translation>Kollege hat den Besuch verlassen</translation>
    </message>
    <message>
        <source>Added to what the user tried</source>
        <translation>Zu den Versuchen des Benutzers ergänzt</translation>
    </message>
    <message>
        <source>Device named</source>
        <translation>Gerät genannt</translation>
    </message>
    <message>
        <source>The user answered the confirmation</source>
        <translation>Der Benutzer hat auf die Bestätigung geantwortet</translation>
    </message>
    <message>
        <source>Dispatch answered the user&apos;s request</source>
        <translation>Die Disposition hat die Bitte des Benutzers beantwortet</translation>
    </message>
    <message>
        <source>Told the user: on my way</source>
        <translation>Dem Benutzer gesagt: bin unterwegs</translation>
    </message>
    <message>
        <source>End of day: user told where it stands</source>
        <translation>Tagesende: Benutzer über den Stand informiert</translation>
    </message>
    <message>
        <source>To fetch a part</source>
        <translation>Um ein Teil zu holen</translation>
    </message>
    <message>
        <source>The user needs the PC back</source>
        <translation>Der Benutzer braucht den PC zurück</translation>
    </message>
    <message>
        <source>To carry on later</source>
        <translation>Um später weiterzumachen</translation>
    </message>
    <message>
        <source>Another reason</source>
        <translation>Ein anderer Grund</translation>
    </message>
    <message>
        <source>Broken</source>
        <translation>Defekt</translation>
    </message>
    <message>
        <source>The owner lets the user keep it</source>
        <translation>Der Eigentümer überlässt es dem Benutzer</translation>
    </message>
    <message>
        <source>Written off</source>
        <translation>Abgeschrieben</translation>
    </message>
    <message>
        <source>Walk-up from the next desk</source>
        <translation>Direktanliegen vom Nachbarplatz</translation>
    </message>
    <message>
        <source>Anything else, handled there and then</source>
        <translation>Weiteres Anliegen, gleich erledigt</translation>
    </message>
    <message>
        <source>Return visit: the fix failed</source>
        <translation>Folgebesuch: Behebung hielt nicht</translation>
    </message>
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
        <source>User knowledge (how to use it)</source>
        <translation>Wissen des Benutzers (Bedienung)</translation>
    </message>
    <message>
        <source>E-mail (sent by the server)</source>
        <translation>E-Mail (vom Server gesendet)</translation>
    </message>
    <message>
        <source>Phone call</source>
        <translation>Anruf</translation>
    </message>
    <message>
        <source>Text message</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>In person</source>
        <translation>Persönlich</translation>
    </message>
    <message>
        <source>come back another time</source>
        <translation>ein andermal wiederkommen</translation>
    </message>
    <message>
        <source>escalate</source>
        <translation>eskalieren</translation>
    </message>
    <message>
        <source>close the visit as declined</source>
        <translation>den Besuch als abgelehnt schließen</translation>
    </message>
    <message>
        <source>Resolved remotely</source>
        <translation>Aus der Ferne gelöst</translation>
    </message>
    <message>
        <source>Already fixed on arrival</source>
        <translation>Bei Ankunft bereits behoben</translation>
    </message>
    <message>
        <source>No fault found</source>
        <translation>Kein Fehler gefunden</translation>
    </message>
    <message>
        <source>No longer needed</source>
        <translation>Nicht mehr nötig</translation>
    </message>
    <message>
        <source>Scheduled, not confirmed yet</source>
        <translation>Geplant, noch nicht bestätigt</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <source>At the desk</source>
        <translation>Am Platz</translation>
    </message>
    <message>
        <source>Awaiting return</source>
        <translation>Wartet auf Rückkehr</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>In Arbeit</translation>
    </message>
    <message>
        <source>User choosing</source>
        <translation>Benutzer wählt</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Closed: declined by the user</source>
        <translation>Geschlossen: vom Benutzer abgelehnt</translation>
    </message>
    <message>
        <source>Closed: no repair needed at the desk</source>
        <translation>Geschlossen: keine Reparatur vor Ort nötig</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Storniert</translation>
    </message>
</context>
<context>
    <name>SyncBadge</name>
    <message numerus="yes">
        <source>Offline · %n change(s) kept on this laptop</source>
        <translation>
            <numerusform>Offline · %n Änderung auf diesem Laptop gespeichert</numerusform>
            <numerusform>Offline · %n Änderungen auf diesem Laptop gespeichert</numerusform>
        </translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>The server does not answer: you can carry on; what you record is kept on this laptop and sent when the server answers again.</source>
        <translation>Der Server antwortet nicht: Sie können weiterarbeiten; was Sie erfassen, bleibt auf diesem Laptop und wird gesendet, sobald der Server wieder antwortet.</translation>
    </message>
    <message numerus="yes">
        <source>Not connected yet · %n change(s) to send</source>
        <translation>
            <numerusform>Noch nicht verbunden · %n Änderung zu senden</numerusform>
            <numerusform>Noch nicht verbunden · %n Änderungen zu senden</numerusform>
        </translation>
    </message>
    <message>
        <source>Not connected yet</source>
        <translation>Noch nicht verbunden</translation>
    </message>
    <message>
        <source>The app has not reached the server yet; what you record is kept on this laptop.</source>
        <translation>Die App hat den Server noch nicht erreicht; was Sie erfassen, bleibt auf diesem Laptop.</translation>
    </message>
    <message numerus="yes">
        <source>Online · %n change(s) to send</source>
        <translation>
            <numerusform>Online · %n Änderung zu senden</numerusform>
            <numerusform>Online · %n Änderungen zu senden</numerusform>
        </translation>
    </message>
    <message>
        <source>Online · all sent</source>
        <translation>Online · alles gesendet</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) to this visit wait for the next sync.</source>
        <translation>
            <numerusform>%n Änderung an diesem Besuch wartet auf die nächste Synchronisierung.</numerusform>
            <numerusform>%n Änderungen an diesem Besuch warten auf die nächste Synchronisierung.</numerusform>
        </translation>
    </message>
    <message>
        <source>Everything recorded on this visit reached the server.</source>
        <translation>Alles zu diesem Besuch Erfasste hat den Server erreicht.</translation>
    </message>
    <message>
        <source>Connection and changes waiting to be sent</source>
        <translation>Verbindung und noch zu sendende Änderungen</translation>
    </message>
</context>
<context>
    <name>TeachPage</name>
    <message>
        <source>What you showed</source>
        <translation>Was Sie gezeigt haben</translation>
    </message>
    <message>
        <source>What you showed the user</source>
        <translation>Was Sie dem Benutzer gezeigt haben</translation>
    </message>
    <message>
        <source>&amp;What you showed:</source>
        <translation>&amp;Was Sie gezeigt haben:</translation>
    </message>
    <message>
        <source>Comment on declining</source>
        <translation>Kommentar zur Ablehnung</translation>
    </message>
    <message>
        <source>Optional, if they said no thanks</source>
        <translation>Optional, falls er „nein danke“ gesagt hat</translation>
    </message>
    <message>
        <source>Co&amp;mment:</source>
        <translation>Ko&amp;mmentar:</translation>
    </message>
    <message>
        <source>&amp;No thanks</source>
        <translation>&amp;Nein danke</translation>
    </message>
    <message>
        <source>&amp;Record teaching</source>
        <translation>Schulung e&amp;rfassen</translation>
    </message>
    <message>
        <source>Write what you showed, or record “No thanks”.</source>
        <translation>Schreiben Sie, was Sie gezeigt haben, oder erfassen Sie „Nein danke“.</translation>
    </message>
</context>
<context>
    <name>TeamSection</name>
    <message>
        <source>Only the technician who holds this visit, or a supervisor, can change who helps on it.</source>
        <translation>Nur der Techniker, der diesen Besuch hält, oder eine Vorgesetzte bzw. ein Vorgesetzter kann ändern, wer mithilft.</translation>
    </message>
    <message>
        <source>Holds the visit</source>
        <translation>Hält den Besuch</translation>
    </message>
    <message>
        <source>Assisting</source>
        <translation>Hilft mit</translation>
    </message>
    <message>
        <source>Recorded on it</source>
        <translation>Hat dazu erfasst</translation>
    </message>
    <message>
        <source>People on this visit</source>
        <translation>Personen bei diesem Besuch</translation>
    </message>
    <message>
        <source>Take off the team</source>
        <translation>Aus dem Team nehmen</translation>
    </message>
    <message>
        <source>Take the selected colleague off the team</source>
        <translation>Den gewählten Kollegen aus dem Team nehmen</translation>
    </message>
    <message>
        <source>A colleague you add sees this visit in their round and records on it, offline too; every event keeps who recorded it.</source>
        <translation>Ein Kollege, den Sie hinzufügen, sieht diesen Besuch in seiner Runde und erfasst dazu, auch offline; jedes Ereignis behält, wer es erfasst hat.</translation>
    </message>
    <message>
        <source>Colleague&apos;s username</source>
        <translation>Benutzername des Kollegen</translation>
    </message>
    <message>
        <source>e.g. tony</source>
        <translation>z. B. tony</translation>
    </message>
    <message>
        <source>Colleague:</source>
        <translation>Kollege:</translation>
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
        <source>Why (optional):</source>
        <translation>Warum (optional):</translation>
    </message>
    <message>
        <source>Add a colleague</source>
        <translation>Kollegen hinzufügen</translation>
    </message>
    <message>
        <source>Add a colleague to this visit</source>
        <translation>Einen Kollegen zu diesem Besuch hinzufügen</translation>
    </message>
    <message>
        <source>Select a colleague who is assisting.</source>
        <translation>Wählen Sie einen Kollegen, der mithilft.</translation>
    </message>
    <message>
        <source>Write your colleague&apos;s username.</source>
        <translation>Schreiben Sie den Benutzernamen Ihres Kollegen.</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>Waiting to sync</source>
        <translation>Wartet auf Synchronisierung</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Synchronisiert</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgewiesen</translation>
    </message>
    <message>
        <source>{state}: {reason}</source>
        <translation>{state}: {reason}</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>kein Grund angegeben</translation>
    </message>
    <message>
        <source>{state} (retrying: {reason})</source>
        <translation>{state} (neuer Versuch: {reason})</translation>
    </message>
    <message>
        <source>The server has not confirmed this event yet.</source>
        <translation>Der Server hat dieses Ereignis noch nicht bestätigt.</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>Timeline of the visit</source>
        <translation>Verlauf des Besuchs</translation>
    </message>
</context>
<context>
    <name>VisitFlow</name>
    <message>
        <source>Desk visit</source>
        <translation>Besuch am Platz</translation>
    </message>
    <message>
        <source>Problem reading the visit</source>
        <translation>Problem beim Lesen des Besuchs</translation>
    </message>
    <message>
        <source>Record this step</source>
        <translation>Diesen Schritt erfassen</translation>
    </message>
    <message>
        <source>Previous step</source>
        <translation>Vorheriger Schritt</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Nächster Schritt</translation>
    </message>
    <message>
        <source>Notes, files and promises: a new note</source>
        <translation>Notizen, Dateien und Zusagen: eine neue Notiz</translation>
    </message>
    <message>
        <source>Leave for now</source>
        <translation>Vorerst gehen</translation>
    </message>
    <message>
        <source>Lend equipment</source>
        <translation>Gerät verleihen</translation>
    </message>
    <message>
        <source>Scan asset tag</source>
        <translation>Inventarnummer scannen</translation>
    </message>
    <message>
        <source>A colleague joins or leaves</source>
        <translation>Ein Kollege kommt dazu oder geht</translation>
    </message>
    <message>
        <source>Could not read this visit: {reason}</source>
        <translation>Dieser Besuch konnte nicht gelesen werden: {reason}</translation>
    </message>
    <message>
        <source>What you typed could not be kept on this laptop: {reason}</source>
        <translation>Was Sie eingegeben haben, konnte auf diesem Laptop nicht gespeichert werden: {reason}</translation>
    </message>
</context>
<context>
    <name>VisitHeader</name>
    <message>
        <source>In their words</source>
        <translation>In ihren Worten</translation>
    </message>
    <message>
        <source>Already tried</source>
        <translation>Bereits versucht</translation>
    </message>
    <message>
        <source>Business impact</source>
        <translation>Geschäftliche Auswirkung</translation>
    </message>
    <message>
        <source>Skill level</source>
        <translation>Qualifikation</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>Störung</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>Coordinator</source>
        <translation>Koordination</translation>
    </message>
    <message>
        <source>Can take over</source>
        <translation>Kann übernehmen</translation>
    </message>
    <message numerus="yes">
        <source>%n trip(s) · {minutes} min on site</source>
        <translation>
            <numerusform>%n Einsatz · {minutes} Min. vor Ort</numerusform>
            <numerusform>%n Einsätze · {minutes} Min. vor Ort</numerusform>
        </translation>
    </message>
    <message>
        <source>away: {reason}</source>
        <translation>unterwegs: {reason}</translation>
    </message>
    <message>
        <source>User chose: resolving</source>
        <translation>Benutzer hat gewählt: wird behoben</translation>
    </message>
    <message>
        <source>Another time requested: pending</source>
        <translation>Anderer Termin erbeten: offen</translation>
    </message>
    <message>
        <source>The user asks for another time: {times}.</source>
        <translation>Der Benutzer bittet um einen anderen Termin: {times}.</translation>
    </message>
    <message>
        <source>Their note: “{note}”</source>
        <translation>Seine Notiz: „{note}“</translation>
    </message>
    <message>
        <source>Dispatch answers them.</source>
        <translation>Die Disposition antwortet ihm.</translation>
    </message>
    <message>
        <source>Confirmed by the user ({when}).</source>
        <translation>Vom Benutzer bestätigt ({when}).</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Besuch</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>Where the visit stands</source>
        <translation>Stand des Besuchs</translation>
    </message>
    <message>
        <source>Trips and time on site</source>
        <translation>Einsätze und Zeit vor Ort</translation>
    </message>
    <message>
        <source>Location and time window</source>
        <translation>Ort und Zeitfenster</translation>
    </message>
    <message>
        <source>Visit cancelled</source>
        <translation>Besuch storniert</translation>
    </message>
    <message>
        <source>The user&apos;s answer</source>
        <translation>Die Antwort des Benutzers</translation>
    </message>
    <message>
        <source>{caption}:</source>
        <translation>{caption}:</translation>
    </message>
    <message>
        <source>about {minutes} min</source>
        <translation>etwa {minutes} Min.</translation>
    </message>
    <message>
        <source>Dispatch cancelled this visit: {reason}</source>
        <translation>Die Disposition hat diesen Besuch storniert: {reason}</translation>
    </message>
    <message>
        <source>Dispatch cancelled this visit.</source>
        <translation>Die Disposition hat diesen Besuch storniert.</translation>
    </message>
    <message>
        <source>(deadline {when})</source>
        <translation>(Frist {when})</translation>
    </message>
    <message>
        <source>ext. {number}</source>
        <translation>Durchw. {number}</translation>
    </message>
</context>
<context>
    <name>VisitTabs</name>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>T&amp;imeline</source>
        <translation>&amp;Verlauf</translation>
    </message>
    <message>
        <source>Notes, files &amp;&amp; promises</source>
        <translation>Notizen, Dateien &amp;&amp; Zusagen</translation>
    </message>
    <message>
        <source>Notes, files, promises, borrowed parts and loans, at any time ({panel}; lend equipment: {lend}); the people on this visit ({colleague} adds a colleague)</source>
        <translation>Notizen, Dateien, Zusagen, ausgeliehene Teile und Leihgaben, jederzeit ({panel}; Gerät verleihen: {lend}); die Personen bei diesem Besuch ({colleague} fügt einen Kollegen hinzu)</translation>
    </message>
</context>
</TS>
