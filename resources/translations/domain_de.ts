<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>Codes</name>
    <message>
        <source>Second line</source>
        <translation>Second Level</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <source>Hardware</source>
        <translation>Hardware</translation>
    </message>
    <message>
        <source>Software</source>
        <translation>Software</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <source>Accounts and access</source>
        <translation>Konten und Zugriffe</translation>
    </message>
    <message>
        <source>new to computers</source>
        <translation>Computer-Neuling</translation>
    </message>
    <message>
        <source>everyday user</source>
        <translation>Alltagsnutzer</translation>
    </message>
    <message>
        <source>confident user</source>
        <translation>sicherer Nutzer</translation>
    </message>
    <message>
        <source>IT professional</source>
        <translation>IT-Fachkraft</translation>
    </message>
</context>
<context>
    <name>DeviceHistory</name>
    <message>
        <source>{category}: {findings}</source>
        <translation>{category}: {findings}</translation>
    </message>
    <message>
        <source>{outcome}: {explanation}</source>
        <translation>{outcome}: {explanation}</translation>
    </message>
    <message>
        <source>escalated to {team}: {reason}</source>
        <translation>an {team} eskaliert: {reason}</translation>
    </message>
    <message>
        <source>{promise} (kept)</source>
        <translation>{promise} (gehalten)</translation>
    </message>
    <message>
        <source>{promise} (open)</source>
        <translation>{promise} (offen)</translation>
    </message>
</context>
<context>
    <name>Level</name>
    <message>
        <source>Low</source>
        <translation>Niedrig</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Hoch</translation>
    </message>
</context>
<context>
    <name>Promises</name>
    <message>
        <source>Get back the {item} lent to {lent_to}</source>
        <translation>{item} zurückholen (verliehen an {lent_to})</translation>
    </message>
    <message>
        <source>Come back at the agreed time</source>
        <translation>Zur vereinbarten Zeit wiederkommen</translation>
    </message>
    <message>
        <source>Follow-up call</source>
        <translation>Nachfassanruf</translation>
    </message>
    <message>
        <source>Next update on the escalation to {team}</source>
        <translation>Nächste Rückmeldung zur Eskalation an {team}</translation>
    </message>
    <message>
        <source>Come back at the time agreed with {agreed_with}</source>
        <translation>Zur mit {agreed_with} vereinbarten Zeit wiederkommen</translation>
    </message>
</context>
<context>
    <name>Rules</name>
    <message>
        <source>A part of that name is already out on this visit; name this one apart (for example with whose it is).</source>
        <translation>Ein Teil dieses Namens ist bei diesem Besuch bereits ausgeliehen; benennen Sie dieses anders (zum Beispiel mit dem Eigentümer).</translation>
    </message>
    <message>
        <source>That part is not on the list of borrowed parts.</source>
        <translation>Dieses Teil steht nicht auf der Liste der ausgeliehenen Teile.</translation>
    </message>
    <message>
        <source>A loan&apos;s due date must come after it is lent.</source>
        <translation>Das Rückgabedatum einer Leihgabe muss nach dem Verleihen liegen.</translation>
    </message>
    <message>
        <source>That loan is not out on this visit.</source>
        <translation>Diese Leihgabe ist bei diesem Besuch nicht verliehen.</translation>
    </message>
    <message>
        <source>A loan&apos;s promise is kept when the loan comes back: record its return, or what became of it.</source>
        <translation>Das Versprechen einer Leihgabe gilt als gehalten, wenn sie zurückkommt: Erfassen Sie die Rückgabe oder was daraus wurde.</translation>
    </message>
    <message>
        <source>You left the desk (to fetch a part); check in again when you are back before carrying on.</source>
        <translation>Sie haben den Arbeitsplatz verlassen (um ein Teil zu holen); melden Sie sich bei Ihrer Rückkehr wieder an, bevor Sie weitermachen.</translation>
    </message>
    <message>
        <source>You left the desk (the user needed the PC back); check in again when you are back before carrying on.</source>
        <translation>Sie haben den Arbeitsplatz verlassen (der Benutzer brauchte den PC zurück); melden Sie sich bei Ihrer Rückkehr wieder an, bevor Sie weitermachen.</translation>
    </message>
    <message>
        <source>You left the desk (to carry on later); check in again when you are back before carrying on.</source>
        <translation>Sie haben den Arbeitsplatz verlassen (um später weiterzumachen); melden Sie sich bei Ihrer Rückkehr wieder an, bevor Sie weitermachen.</translation>
    </message>
    <message>
        <source>You left the desk (for another reason); check in again when you are back before carrying on.</source>
        <translation>Sie haben den Arbeitsplatz verlassen (aus einem anderen Grund); melden Sie sich bei Ihrer Rückkehr wieder an, bevor Sie weitermachen.</translation>
    </message>
    <message>
        <source>You left the desk (away); check in again when you are back before carrying on.</source>
        <translation>Sie haben den Arbeitsplatz verlassen (abwesend); melden Sie sich bei Ihrer Rückkehr wieder an, bevor Sie weitermachen.</translation>
    </message>
    <message>
        <source>This visit is already signed off; only notes, attachments, promises, loans and what became of borrowed parts can be added.</source>
        <translation>Dieser Besuch ist bereits abgeschlossen; nur Notizen, Anhänge, Zusagen, Leihgaben und der Verbleib ausgeliehener Teile können noch ergänzt werden.</translation>
    </message>
    <message>
        <source>This visit is already escalated; only notes, attachments, promises, loans and what became of borrowed parts can be added.</source>
        <translation>Dieser Besuch ist bereits eskaliert; nur Notizen, Anhänge, Zusagen, Leihgaben und der Verbleib ausgeliehener Teile können noch ergänzt werden.</translation>
    </message>
    <message>
        <source>This visit is already closed as declined by the user; only notes, attachments, promises, loans and what became of borrowed parts can be added.</source>
        <translation>Dieser Besuch ist bereits geschlossen, weil der Benutzer abgelehnt hat; nur Notizen, Anhänge, Zusagen, Leihgaben und der Verbleib ausgeliehener Teile können noch ergänzt werden.</translation>
    </message>
    <message>
        <source>This visit is already closed with no repair at the desk; only notes, attachments, promises, loans and what became of borrowed parts can be added.</source>
        <translation>Dieser Besuch ist bereits ohne Reparatur vor Ort geschlossen; nur Notizen, Anhänge, Zusagen, Leihgaben und der Verbleib ausgeliehener Teile können noch ergänzt werden.</translation>
    </message>
    <message>
        <source>Dispatch cancelled this visit, so nothing more can be recorded on it.</source>
        <translation>Die Disposition hat diesen Besuch storniert; es kann nichts mehr erfasst werden.</translation>
    </message>
    <message>
        <source>This visit already exists; a visit is opened only by its first event.</source>
        <translation>Diesen Besuch gibt es bereits; ein Besuch wird nur durch sein erstes Ereignis eröffnet.</translation>
    </message>
    <message>
        <source>You are already at the desk; confirm before arriving.</source>
        <translation>Sie sind bereits vor Ort; bestätigen Sie vor der Ankunft.</translation>
    </message>
    <message>
        <source>You have already checked in at this visit.</source>
        <translation>Sie haben sich bei diesem Besuch bereits angemeldet.</translation>
    </message>
    <message>
        <source>Check in at the desk before asking for permission.</source>
        <translation>Melden Sie sich vor Ort an, bevor Sie um Erlaubnis fragen.</translation>
    </message>
    <message>
        <source>Permission has already been recorded for this arrival.</source>
        <translation>Die Erlaubnis wurde für diese Ankunft bereits erfasst.</translation>
    </message>
    <message>
        <source>The user was not recorded as absent at this arrival, so there is no return to record.</source>
        <translation>Der Benutzer wurde bei dieser Ankunft nicht als abwesend erfasst, daher gibt es keine Rückkehr zu erfassen.</translation>
    </message>
    <message>
        <source>Ask the user&apos;s permission to use their machine before diagnosing or fixing it.</source>
        <translation>Fragen Sie den Benutzer um Erlaubnis, sein Gerät zu benutzen, bevor Sie es untersuchen oder reparieren.</translation>
    </message>
    <message>
        <source>Diagnose the problem before offering choices.</source>
        <translation>Stellen Sie die Diagnose, bevor Sie Möglichkeiten anbieten.</translation>
    </message>
    <message>
        <source>Offer the choices before recording which one was chosen.</source>
        <translation>Bieten Sie die Möglichkeiten an, bevor Sie die gewählte erfassen.</translation>
    </message>
    <message>
        <source>The chosen option is not one of those offered.</source>
        <translation>Die gewählte Möglichkeit gehört nicht zu den angebotenen.</translation>
    </message>
    <message>
        <source>Record the diagnosis before the resolution.</source>
        <translation>Erfassen Sie die Diagnose vor der Lösung.</translation>
    </message>
    <message>
        <source>The user has not chosen between the options offered yet.</source>
        <translation>Der Benutzer hat noch nicht zwischen den angebotenen Möglichkeiten gewählt.</translation>
    </message>
    <message>
        <source>Resolve the problem before teaching about it.</source>
        <translation>Lösen Sie das Problem, bevor Sie dazu schulen.</translation>
    </message>
    <message>
        <source>Teaching was already offered.</source>
        <translation>Eine Schulung wurde bereits angeboten.</translation>
    </message>
    <message>
        <source>Resolve this problem before asking if there is anything else.</source>
        <translation>Lösen Sie dieses Problem, bevor Sie nach weiteren Anliegen fragen.</translation>
    </message>
    <message>
        <source>A promise with this id was already made.</source>
        <translation>Eine Zusage mit dieser ID wurde bereits gemacht.</translation>
    </message>
    <message>
        <source>There is no such promise on this visit.</source>
        <translation>Diese Zusage gibt es bei diesem Besuch nicht.</translation>
    </message>
    <message>
        <source>This promise has already been kept.</source>
        <translation>Diese Zusage wurde bereits gehalten.</translation>
    </message>
    <message>
        <source>Only a signed-off visit can be reopened; this one is not signed off.</source>
        <translation>Nur ein abgeschlossener Besuch kann wieder geöffnet werden; dieser ist nicht abgeschlossen.</translation>
    </message>
    <message>
        <source>This visit was already reopened; carry on in its return visit.</source>
        <translation>Dieser Besuch wurde bereits wieder geöffnet; machen Sie im Folgebesuch weiter.</translation>
    </message>
    <message>
        <source>Record the resolution before sign-off; if it cannot be fixed now, escalate.</source>
        <translation>Erfassen Sie die Lösung vor dem Abschluss; lässt es sich jetzt nicht beheben, eskalieren Sie.</translation>
    </message>
    <message>
        <source>Show the user it works (or record why that was impossible) before sign-off.</source>
        <translation>Zeigen Sie dem Benutzer, dass es funktioniert (oder erfassen Sie, warum das nicht möglich war), bevor Sie abschließen.</translation>
    </message>
    <message>
        <source>The user was absent: log the admin account off and leave a note on the desk before sign-off.</source>
        <translation>Der Benutzer war abwesend: Melden Sie das Administratorkonto ab und hinterlassen Sie eine Notiz am Arbeitsplatz, bevor Sie abschließen.</translation>
    </message>
    <message>
        <source>Return the borrowed parts ({parts}) before sign-off, or record what became of one that cannot go back.</source>
        <translation>Geben Sie die ausgeliehenen Teile ({parts}) vor dem Abschluss zurück oder erfassen Sie den Verbleib eines Teils, das nicht zurück kann.</translation>
    </message>
    <message>
        <source>You are not checked in at this visit, so there is no departure to record.</source>
        <translation>Sie sind bei diesem Besuch nicht angemeldet, daher gibt es kein Verlassen zu erfassen.</translation>
    </message>
    <message>
        <source>The user is absent: log the admin account off and leave a note on the desk before you leave.</source>
        <translation>Der Benutzer ist abwesend: Melden Sie das Administratorkonto ab und hinterlassen Sie eine Notiz am Arbeitsplatz, bevor Sie gehen.</translation>
    </message>
    <message>
        <source>You are at the desk: record what you found here (already fixed, no fault found) rather than a remote resolution.</source>
        <translation>Sie sind vor Ort: Erfassen Sie, was Sie hier vorgefunden haben (bereits behoben, kein Fehler gefunden), statt einer Fernlösung.</translation>
    </message>
    <message>
        <source>Check in at the desk before recording that the problem was already fixed.</source>
        <translation>Melden Sie sich vor Ort an, bevor Sie erfassen, dass das Problem bereits behoben war.</translation>
    </message>
    <message>
        <source>You diagnosed a fault at this arrival: resolve it or escalate it instead.</source>
        <translation>Sie haben bei dieser Ankunft einen Fehler diagnostiziert: Beheben oder eskalieren Sie ihn stattdessen.</translation>
    </message>
    <message>
        <source>Check in at the desk to hear from the user that it is no longer needed; only dispatch cancels a visit from afar.</source>
        <translation>Melden Sie sich vor Ort an, um vom Benutzer zu hören, dass es nicht mehr nötig ist; nur die Disposition storniert einen Besuch aus der Ferne.</translation>
    </message>
    <message>
        <source>Ask the user&apos;s permission to use their machine before checking it for a fault.</source>
        <translation>Fragen Sie den Benutzer um Erlaubnis, sein Gerät zu benutzen, bevor Sie es auf Fehler prüfen.</translation>
    </message>
    <message>
        <source>The user was absent: log the admin account off and leave a note on the desk before closing the visit.</source>
        <translation>Der Benutzer war abwesend: Melden Sie das Administratorkonto ab und hinterlassen Sie eine Notiz am Arbeitsplatz, bevor Sie den Besuch schließen.</translation>
    </message>
    <message>
        <source>{username} is already helping on this visit.</source>
        <translation>{username} hilft bei diesem Besuch bereits mit.</translation>
    </message>
    <message>
        <source>{username} is not helping on this visit.</source>
        <translation>{username} hilft bei diesem Besuch nicht mit.</translation>
    </message>
    <message>
        <source>An asset tag is text.</source>
        <translation>Eine Inventarnummer ist Text.</translation>
    </message>
    <message>
        <source>The asset tag is empty.</source>
        <translation>Die Inventarnummer ist leer.</translation>
    </message>
    <message>
        <source>An asset tag is at most {limit} characters long.</source>
        <translation>Eine Inventarnummer hat höchstens {limit} Zeichen.</translation>
    </message>
    <message>
        <source>&apos;{tag}&apos; is not an asset tag (letters, digits and . _ / : # - only).</source>
        <translation>„{tag}“ ist keine Inventarnummer (nur Buchstaben, Ziffern und . _ / : # -).</translation>
    </message>
    <message>
        <source>The field &apos;{name}&apos; holds no asset tag (letters, digits and . _ / : # -, at most {limit} characters).</source>
        <translation>Das Feld „{name}“ enthält keine Inventarnummer (Buchstaben, Ziffern und . _ / : # -, höchstens {limit} Zeichen).</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a visit event type this version knows.</source>
        <translation>&apos;{value}&apos; ist kein Besuchsereignis, das diese Version kennt.</translation>
    </message>
    <message>
        <source>A &apos;{event}&apos; event has no field &apos;{name}&apos;.</source>
        <translation>Ein Ereignis &apos;{event}&apos; hat kein Feld &apos;{name}&apos;.</translation>
    </message>
    <message>
        <source>A &apos;{event}&apos; event needs the field &apos;{name}&apos;.</source>
        <translation>Ein Ereignis &apos;{event}&apos; braucht das Feld &apos;{name}&apos;.</translation>
    </message>
    <message>
        <source>The field &apos;{name}&apos; must be text.</source>
        <translation>Das Feld &apos;{name}&apos; muss Text sein.</translation>
    </message>
    <message>
        <source>The field &apos;{name}&apos; contains a NUL character.</source>
        <translation>Das Feld &apos;{name}&apos; enthält ein NUL-Zeichen.</translation>
    </message>
    <message>
        <source>The field &apos;{name}&apos; contains a lone UTF-16 surrogate (not a character).</source>
        <translation>Das Feld &apos;{name}&apos; enthält ein einzelnes UTF-16-Surrogat (kein Zeichen).</translation>
    </message>
    <message>
        <source>The field &apos;{name}&apos; must not be empty.</source>
        <translation>Das Feld &apos;{name}&apos; darf nicht leer sein.</translation>
    </message>
    <message>
        <source>The field &apos;{name}&apos; is longer than {limit} characters.</source>
        <translation>Das Feld &apos;{name}&apos; ist länger als {limit} Zeichen.</translation>
    </message>
    <message>
        <source>The field &apos;{name}&apos; must be one of: {values}.</source>
        <translation>Das Feld &apos;{name}&apos; muss eines davon sein: {values}.</translation>
    </message>
    <message>
        <source>The field &apos;{name}&apos; must be true or false.</source>
        <translation>Das Feld &apos;{name}&apos; muss wahr oder falsch sein.</translation>
    </message>
    <message>
        <source>The field &apos;{name}&apos; must be a whole number from {low} to {high}.</source>
        <translation>Das Feld &apos;{name}&apos; muss eine ganze Zahl von {low} bis {high} sein.</translation>
    </message>
    <message>
        <source>The field &apos;{name}&apos; must be a date and time in ISO 8601 form.</source>
        <translation>Das Feld &apos;{name}&apos; muss ein Datum mit Uhrzeit im ISO-8601-Format sein.</translation>
    </message>
    <message>
        <source>The field &apos;{name}&apos; must include a time zone.</source>
        <translation>Das Feld &apos;{name}&apos; muss eine Zeitzone enthalten.</translation>
    </message>
    <message>
        <source>The field &apos;{name}&apos; must be between the years 1900 and 2199.</source>
        <translation>Das Feld &apos;{name}&apos; muss zwischen den Jahren 1900 und 2199 liegen.</translation>
    </message>
    <message>
        <source>The field &apos;{name}&apos; must be a SHA-256 hash in lower-case hex.</source>
        <translation>Das Feld &apos;{name}&apos; muss ein SHA-256-Hash in hexadezimalen Kleinbuchstaben sein.</translation>
    </message>
    <message>
        <source>The field &apos;{name}&apos; must be a list of at most {limit} texts.</source>
        <translation>Das Feld &apos;{name}&apos; muss eine Liste von höchstens {limit} Texten sein.</translation>
    </message>
    <message>
        <source>The field &apos;{name}&apos; must list between 2 and 10 options (one option is not a choice).</source>
        <translation>Das Feld &apos;{name}&apos; muss zwischen 2 und 10 Möglichkeiten nennen (eine einzige ist keine Wahl).</translation>
    </message>
    <message>
        <source>The field &apos;{name}&apos; must have key, description and minutes.</source>
        <translation>Das Feld &apos;{name}&apos; muss key, description und minutes enthalten.</translation>
    </message>
    <message>
        <source>The field &apos;{name}&apos; has the key &apos;{key}&apos; twice.</source>
        <translation>Das Feld &apos;{name}&apos; enthält den Schlüssel &apos;{key}&apos; zweimal.</translation>
    </message>
    <message>
        <source>A visit opened from another one names it in the field &apos;opened_from&apos;.</source>
        <translation>Ein aus einem anderen Besuch eröffneter Besuch nennt diesen im Feld &apos;opened_from&apos;.</translation>
    </message>
    <message>
        <source>Give both &apos;window_start&apos; and &apos;window_end&apos; of the new visit, or neither.</source>
        <translation>Geben Sie &apos;window_start&apos; und &apos;window_end&apos; des neuen Besuchs an, oder keines von beiden.</translation>
    </message>
    <message>
        <source>The new visit&apos;s window must end after it starts (&apos;window_end&apos;).</source>
        <translation>Das Zeitfenster des neuen Besuchs muss nach seinem Beginn enden (&apos;window_end&apos;).</translation>
    </message>
    <message>
        <source>When the user asks for something else, say what they asked for in the field &apos;request&apos;.</source>
        <translation>Wenn der Benutzer noch etwas möchte, geben Sie im Feld &apos;request&apos; an, was.</translation>
    </message>
    <message>
        <source>A request handled now is a &apos;yes&apos; with the new visit&apos;s id in &apos;new_visit_id&apos;.</source>
        <translation>Ein gleich erledigtes Anliegen ist ein „Ja“ mit der ID des neuen Besuchs in &apos;new_visit_id&apos;.</translation>
    </message>
    <message>
        <source>A request that is out of scope or against ICT policy is recorded with the polite answer given, in the field &apos;answer_given&apos;.</source>
        <translation>Eine Anfrage außerhalb des Zuständigkeitsbereichs oder gegen die IT-Richtlinie wird mit der gegebenen höflichen Antwort im Feld &apos;answer_given&apos; erfasst.</translation>
    </message>
    <message>
        <source>A return time is agreed with someone: give both &apos;return_at&apos; and &apos;agreed_with&apos;, or neither.</source>
        <translation>Eine Rückkehrzeit wird mit jemandem vereinbart: Geben Sie &apos;return_at&apos; und &apos;agreed_with&apos; an, oder keines von beiden.</translation>
    </message>
    <message>
        <source>When the reason for leaving is &apos;other&apos;, say why in &apos;note&apos;.</source>
        <translation>Ist der Grund für das Gehen &apos;other&apos;, geben Sie ihn in &apos;note&apos; an.</translation>
    </message>
    <message>
        <source>When the user did not show the problem, say why in the field &apos;not_shown_reason&apos;.</source>
        <translation>Hat der Benutzer das Problem nicht gezeigt, geben Sie im Feld &apos;not_shown_reason&apos; an, warum.</translation>
    </message>
    <message>
        <source>The field &apos;not_shown_reason&apos; is only for a diagnosis where the user did not show the problem (shown_by_user false).</source>
        <translation>Das Feld &apos;not_shown_reason&apos; ist nur für eine Diagnose, bei der der Benutzer das Problem nicht gezeigt hat (shown_by_user false).</translation>
    </message>
    <message>
        <source>A request for another time needs at least one time.</source>
        <translation>Eine Bitte um einen anderen Termin braucht mindestens eine Zeit.</translation>
    </message>
    <message>
        <source>An accepted request names the time the visit moved to.</source>
        <translation>Eine angenommene Bitte nennt die Zeit, auf die der Besuch verschoben wurde.</translation>
    </message>
    <message>
        <source>The user has no request for another time waiting on this visit.</source>
        <translation>Für diesen Besuch wartet keine Bitte des Benutzers um einen anderen Termin.</translation>
    </message>
    <message>
        <source>You are already at the desk; the user knows you are there.</source>
        <translation>Sie sind bereits vor Ort; der Benutzer weiß, dass Sie da sind.</translation>
    </message>
    <message>
        <source>The matrix needs a row for each impact: {levels}.</source>
        <translation>Die Matrix braucht eine Zeile für jede Auswirkung: {levels}.</translation>
    </message>
    <message>
        <source>The row for impact “{impact}” needs a priority for each urgency: {levels}.</source>
        <translation>Die Zeile für die Auswirkung „{impact}“ braucht eine Priorität für jede Dringlichkeit: {levels}.</translation>
    </message>
    <message>
        <source>Impact “{impact}”, urgency “{urgency}”: the priority must be one of {priorities}.</source>
        <translation>Auswirkung „{impact}“, Dringlichkeit „{urgency}“: Die Priorität muss eine von {priorities} sein.</translation>
    </message>
    <message>
        <source>With impact “{impact}”, urgency “{urgency}” gives a lower priority than urgency “{lower}”: more urgency never lowers the priority.</source>
        <translation>Bei Auswirkung „{impact}“ ergibt Dringlichkeit „{urgency}“ eine niedrigere Priorität als Dringlichkeit „{lower}“: Mehr Dringlichkeit senkt die Priorität nie.</translation>
    </message>
    <message>
        <source>With urgency “{urgency}”, impact “{impact}” gives a lower priority than impact “{lower}”: more impact never lowers the priority.</source>
        <translation>Bei Dringlichkeit „{urgency}“ ergibt Auswirkung „{impact}“ eine niedrigere Priorität als Auswirkung „{lower}“: Mehr Auswirkung senkt die Priorität nie.</translation>
    </message>
</context>
</TS>
