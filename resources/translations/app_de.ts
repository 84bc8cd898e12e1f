<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>Notifier</name>
    <message>
        <source>FieldApp</source>
        <translation>FieldApp</translation>
    </message>
</context>
<context>
    <name>Promises</name>
    <message>
        <source>Return visit</source>
        <translation>Folgebesuch</translation>
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
        <source>Loan due back</source>
        <translation>Leihgabe fällig</translation>
    </message>
    <message>
        <source>Promise</source>
        <translation>Zusage</translation>
    </message>
</context>
<context>
    <name>PromisesPanel</name>
    <message>
        <source>Promises</source>
        <translation>Zusagen</translation>
    </message>
    <message>
        <source>Open promises</source>
        <translation>Offene Zusagen</translation>
    </message>
    <message>
        <source>Open promises, soonest due first</source>
        <translation>Offene Zusagen, die nächstfälligen zuerst</translation>
    </message>
    <message>
        <source>No open promises.</source>
        <translation>Keine offenen Zusagen.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Used from the next start.</source>
        <translation>Gilt ab dem nächsten Start.</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
</context>
<context>
    <name>VisitWindow</name>
    <message>
        <source>Visit — FieldApp</source>
        <translation>Besuch — FieldApp</translation>
    </message>
    <message>
        <source>Close the visit window</source>
        <translation>Besuchsfenster schließen</translation>
    </message>
    <message>
        <source>{reference} — {customer} — FieldApp</source>
        <translation>{reference} — {customer} — FieldApp</translation>
    </message>
</context>
<context>
    <name>WalkUpDialog</name>
    <message>
        <source>New walk-up — FieldApp</source>
        <translation>Neues Direktanliegen — FieldApp</translation>
    </message>
    <message>
        <source>New walk-up</source>
        <translation>Neues Direktanliegen</translation>
    </message>
    <message>
        <source>Someone at the next desk asks for help: open a visit for it here, now. It goes on your round at once (offline too) and reaches dispatch with the next sync, as opened by you. The usual steps follow: greet, ask permission, fix, show it works.</source>
        <translation>Jemand am Nachbarplatz bittet um Hilfe: Eröffnen Sie hier sofort einen Besuch dafür. Er erscheint sofort in Ihrer Runde (auch offline) und erreicht die Disposition mit der nächsten Synchronisierung, als von Ihnen eröffnet. Es folgen die üblichen Schritte: begrüßen, um Erlaubnis fragen, beheben, zeigen, dass es funktioniert.</translation>
    </message>
    <message>
        <source>Who asks</source>
        <translation>Wer fragt</translation>
    </message>
    <message>
        <source>Their name</source>
        <translation>Name der Person</translation>
    </message>
    <message>
        <source>The problem</source>
        <translation>Das Problem</translation>
    </message>
    <message>
        <source>What they ask for, in their words</source>
        <translation>Was die Person möchte, in ihren Worten</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>Extension</source>
        <translation>Durchwahl</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>Gebäude</translation>
    </message>
    <message>
        <source>Floor</source>
        <translation>Stockwerk</translation>
    </message>
    <message>
        <source>Room or desk</source>
        <translation>Raum oder Arbeitsplatz</translation>
    </message>
    <message>
        <source>&amp;Who asks:</source>
        <translation>&amp;Wer fragt:</translation>
    </message>
    <message>
        <source>&amp;Problem:</source>
        <translation>&amp;Problem:</translation>
    </message>
    <message>
        <source>P&amp;hone:</source>
        <translation>&amp;Telefon:</translation>
    </message>
    <message>
        <source>E&amp;xtension:</source>
        <translation>Dur&amp;chwahl:</translation>
    </message>
    <message>
        <source>&amp;Building:</source>
        <translation>&amp;Gebäude:</translation>
    </message>
    <message>
        <source>&amp;Floor:</source>
        <translation>&amp;Stockwerk:</translation>
    </message>
    <message>
        <source>&amp;Room or desk:</source>
        <translation>&amp;Raum oder Arbeitsplatz:</translation>
    </message>
    <message>
        <source>Why the walk-up was not opened</source>
        <translation>Warum das Direktanliegen nicht eröffnet wurde</translation>
    </message>
    <message>
        <source>&amp;Open walk-up</source>
        <translation>Direktanliegen er&amp;öffnen</translation>
    </message>
    <message>
        <source>Open the walk-up visit</source>
        <translation>Den Besuch für das Direktanliegen eröffnen</translation>
    </message>
    <message>
        <source>Say who asks for help.</source>
        <translation>Sagen Sie, wer um Hilfe bittet.</translation>
    </message>
    <message>
        <source>Say what they ask for.</source>
        <translation>Sagen Sie, worum die Person bittet.</translation>
    </message>
</context>
</TS>
