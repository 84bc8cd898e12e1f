<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
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
</context>
</TS>
