<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>not logged in yet</source>
        <translation>noch nicht angemeldet</translation>
    </message>
    <message>
        <source>Logged in as</source>
        <translation>Angemeldet als</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>niemand</translation>
    </message>
    <message>
        <source>Cache</source>
        <translation>Lokale Daten</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Anhänge</translation>
    </message>
    <message>
        <source>Log folder</source>
        <translation>Protokollordner</translation>
    </message>
    <message>
        <source>no log file in this run</source>
        <translation>in diesem Lauf keine Protokolldatei</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Letzte Synchronisierung</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>About FieldApp</source>
        <translation>Über FieldApp</translation>
    </message>
    <message>
        <source>{label}:</source>
        <translation>{label}:</translation>
    </message>
    <message>
        <source>&amp;Copy diagnostics</source>
        <translation>Diagnose &amp;kopieren</translation>
    </message>
    <message>
        <source>Put the version, server, cache and log places on the clipboard for the support desk</source>
        <translation>Version, Server sowie Speicherorte der lokalen Daten und Protokolle für den Support in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Copy status</source>
        <translation>Kopierstatus</translation>
    </message>
    <message>
        <source>Copied: paste it into your message to the support desk.</source>
        <translation>Kopiert: Fügen Sie es in Ihre Nachricht an den Support ein.</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>Promise</source>
        <translation>Zusage</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Besuch</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Eintrag</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>Erfasst</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Was zu tun ist</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>The laptop ran out of memory.</source>
        <translation>Der Arbeitsspeicher des Laptops ist voll.</translation>
    </message>
    <message>
        <source>The laptop&apos;s disk is full.</source>
        <translation>Der Datenträger des Laptops ist voll.</translation>
    </message>
    <message>
        <source>FieldApp was not allowed to read or write a file ({file}).</source>
        <translation>FieldApp durfte eine Datei nicht lesen oder schreiben ({file}).</translation>
    </message>
    <message>
        <source>FieldApp was not allowed to read or write a file.</source>
        <translation>FieldApp durfte eine Datei nicht lesen oder schreiben.</translation>
    </message>
    <message>
        <source>Reading or writing a file or a connection failed: {reason}.</source>
        <translation>Das Lesen oder Schreiben einer Datei oder Verbindung ist fehlgeschlagen: {reason}.</translation>
    </message>
    <message>
        <source>FieldApp met an error it did not expect: a mistake in the app, not something you did ({error}).</source>
        <translation>FieldApp ist auf einen unerwarteten Fehler gestoßen: ein Fehler in der App, nicht etwas, das Sie getan haben ({error}).</translation>
    </message>
    <message>
        <source>FieldApp met a problem</source>
        <translation>FieldApp hatte ein Problem</translation>
    </message>
    <message>
        <source>Something went wrong. {summary}</source>
        <translation>Etwas ist schiefgegangen. {summary}</translation>
    </message>
    <message>
        <source>What went wrong</source>
        <translation>Was schiefgegangen ist</translation>
    </message>
    <message>
        <source>What you recorded before this is saved on this laptop. You can carry on; if FieldApp misbehaves, close it and start it again. If you call the support desk, choose Copy details and paste them in your message.</source>
        <translation>Was Sie vorher erfasst haben, ist auf diesem Laptop gespeichert. Sie können weiterarbeiten; verhält sich FieldApp seltsam, schließen Sie es und starten Sie es neu. Wenn Sie den Support anrufen, wählen Sie Details kopieren und fügen Sie sie in Ihre Nachricht ein.</translation>
    </message>
    <message>
        <source>The details are also in {file}.</source>
        <translation>Die Details stehen auch in {file}.</translation>
    </message>
    <message>
        <source>Details for the support desk</source>
        <translation>Details für den Support</translation>
    </message>
    <message>
        <source>&amp;Copy details</source>
        <translation>Details &amp;kopieren</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Details kopieren</translation>
    </message>
    <message>
        <source>&amp;Show details</source>
        <translation>Details &amp;anzeigen</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
</context>
<context>
    <name>EndDayDialog</name>
    <message>
        <source>End of the day</source>
        <translation>Tagesende</translation>
    </message>
    <message>
        <source>These visits are not solved yet. Tell each user where it stands and what comes next, so nobody is left wondering. E-mail goes with the next sync; for a call, make it and note what you said.</source>
        <translation>Diese Besuche sind noch nicht gelöst. Sagen Sie jedem Benutzer, wo es steht und was als Nächstes kommt, damit niemand im Ungewissen bleibt. E-Mails gehen mit der nächsten Synchronisierung; einen Anruf führen Sie selbst und notieren, was Sie gesagt haben.</translation>
    </message>
    <message>
        <source>&amp;Ask me every day at</source>
        <translation>&amp;Jeden Tag fragen um</translation>
    </message>
    <message>
        <source>&amp;Record what the users are told</source>
        <translation>&amp;Festhalten, was die Benutzer erfahren</translation>
    </message>
    <message>
        <source>Tell this user</source>
        <translation>Diesem Benutzer Bescheid geben</translation>
    </message>
    <message>
        <source>Told at {time} already</source>
        <translation>Schon um {time} Bescheid gegeben</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Wie</translation>
    </message>
    <message>
        <source>What the user is told</source>
        <translation>Was der Benutzer erfährt</translation>
    </message>
    <message>
        <source>Hello {name}, this is IT support about your visit {ref}: we have not solved the problem yet, and we are still working on it.</source>
        <translation>Hallo {name}, hier ist der IT-Support zu Ihrem Besuch {ref}: Wir haben das Problem noch nicht gelöst und arbeiten weiter daran.</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Nächster Schritt</translation>
    </message>
    <message>
        <source>e.g. I come back tomorrow at 9:00 with the new part</source>
        <translation>z. B. Ich komme morgen um 9:00 mit dem neuen Teil wieder</translation>
    </message>
    <message>
        <source>How:</source>
        <translation>Wie:</translation>
    </message>
    <message>
        <source>Message:</source>
        <translation>Nachricht:</translation>
    </message>
    <message>
        <source>Next step:</source>
        <translation>Nächster Schritt:</translation>
    </message>
    <message>
        <source>{ref}: say what the user is told and the next step.</source>
        <translation>{ref}: Geben Sie an, was der Benutzer erfährt, und den nächsten Schritt.</translation>
    </message>
</context>
<context>
    <name>FieldApp</name>
    <message>
        <source>Log in to sync your round.</source>
        <translation>Melden Sie sich an, um Ihre Runde zu synchronisieren.</translation>
    </message>
    <message>
        <source>Supervisors work online: log in to see the team.</source>
        <translation>Vorgesetzte arbeiten online: Melden Sie sich an, um das Team zu sehen.</translation>
    </message>
    <message>
        <source>Log in to {server} to use it.</source>
        <translation>Melden Sie sich bei {server} an, um ihn zu nutzen.</translation>
    </message>
    <message>
        <source>Not logged in: sync is paused. Your work stays on this laptop.</source>
        <translation>Nicht angemeldet: Die Synchronisierung ist pausiert. Ihre Arbeit bleibt auf diesem Laptop.</translation>
    </message>
    <message>
        <source>Log in…</source>
        <translation>Anmelden…</translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <source>&amp;Help</source>
        <translation>H&amp;ilfe</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts…</source>
        <translation>&amp;Tastenkürzel…</translation>
    </message>
    <message>
        <source>List this window&apos;s keyboard shortcuts ({keys})</source>
        <translation>Die Tastenkürzel dieses Fensters anzeigen ({keys})</translation>
    </message>
    <message>
        <source>&amp;About FieldApp…</source>
        <translation>Ü&amp;ber FieldApp…</translation>
    </message>
</context>
<context>
    <name>Launch</name>
    <message>
        <source>FieldApp is already open on this laptop&apos;s cache but does not answer. Close it (or end it in the task manager), then start FieldApp again.</source>
        <translation>FieldApp ist mit den lokalen Daten dieses Laptops bereits geöffnet, antwortet aber nicht. Schließen Sie es (oder beenden Sie es im Task-Manager) und starten Sie FieldApp dann erneut.</translation>
    </message>
    <message>
        <source>FieldApp is already running</source>
        <translation>FieldApp läuft bereits</translation>
    </message>
    <message>
        <source>{count} unsynced event was saved and will be sent at the next sync</source>
        <translation>{count} nicht synchronisierter Eintrag wurde gerettet und wird bei der nächsten Synchronisierung gesendet</translation>
    </message>
    <message>
        <source>{count} unsynced events were saved and will be sent at the next sync</source>
        <translation>{count} nicht synchronisierte Einträge wurden gerettet und werden bei der nächsten Synchronisierung gesendet</translation>
    </message>
    <message>
        <source>no unsynced work could be read from it</source>
        <translation>daraus konnte keine nicht synchronisierte Arbeit gelesen werden</translation>
    </message>
    <message>
        <source>The damaged cache was kept aside as {kept}; a new cache was started: {saved} (some could not be read: {lost}). The next sync downloads your round again.</source>
        <translation>Die beschädigten lokalen Daten wurden als {kept} beiseitegelegt; neue lokale Daten wurden angelegt: {saved} (einiges war nicht lesbar: {lost}). Die nächste Synchronisierung lädt Ihre Runde erneut herunter.</translation>
    </message>
    <message>
        <source>The damaged cache was kept aside as {kept}; a new cache was started: {saved}. The next sync downloads your round again.</source>
        <translation>Die beschädigten lokalen Daten wurden als {kept} beiseitegelegt; neue lokale Daten wurden angelegt: {saved}. Die nächste Synchronisierung lädt Ihre Runde erneut herunter.</translation>
    </message>
    <message>
        <source>FieldApp cannot open its cache</source>
        <translation>FieldApp kann seine lokalen Daten nicht öffnen</translation>
    </message>
    <message>
        <source>Start afresh</source>
        <translation>Neu beginnen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>FieldApp started afresh</source>
        <translation>FieldApp hat neu begonnen</translation>
    </message>
    <message>
        <source>FieldApp cannot start</source>
        <translation>FieldApp kann nicht starten</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Cannot reach the server at {server}. Check the address, and that this laptop is connected to the network, then try again.</source>
        <translation>Der Server unter {server} ist nicht erreichbar. Prüfen Sie die Adresse und ob dieser Laptop mit dem Netzwerk verbunden ist, und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>{error} Check them (the password is case-sensitive) and try again.</source>
        <translation>{error} Prüfen Sie die Angaben (beim Passwort zählt Groß- und Kleinschreibung) und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>{error} Wait {seconds} seconds, then try again.</source>
        <translation>{error} Warten Sie {seconds} Sekunden und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>{error} Wait a moment, then try again.</source>
        <translation>{error} Warten Sie einen Moment und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>Logging in failed unexpectedly ({error}). Try again, or tell IT.</source>
        <translation>Die Anmeldung ist unerwartet fehlgeschlagen ({error}). Versuchen Sie es erneut oder informieren Sie die IT.</translation>
    </message>
    <message>
        <source>Log in to FieldApp</source>
        <translation>Bei FieldApp anmelden</translation>
    </message>
    <message>
        <source>Why to log in</source>
        <translation>Warum Sie sich anmelden</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Login problem</source>
        <translation>Anmeldeproblem</translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation>Anmeldung läuft…</translation>
    </message>
    <message>
        <source>Login progress</source>
        <translation>Anmeldefortschritt</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>&amp;Log in</source>
        <translation>&amp;Anmelden</translation>
    </message>
    <message>
        <source>Enter the server address, your username and your password.</source>
        <translation>Geben Sie die Serveradresse, Ihren Benutzernamen und Ihr Passwort ein.</translation>
    </message>
</context>
<context>
    <name>Logout</name>
    <message>
        <source>Could not log out: {error}</source>
        <translation>Abmelden nicht möglich: {error}</translation>
    </message>
    <message>
        <source>Syncing first; choose Log out again once the sync is done.</source>
        <translation>Zuerst wird synchronisiert; wählen Sie Abmelden erneut, sobald die Synchronisierung fertig ist.</translation>
    </message>
    <message>
        <source>{done} Log in as the next user.</source>
        <translation>{done} Melden Sie sich als nächster Benutzer an.</translation>
    </message>
    <message>
        <source>Logging out did not finish: {error}</source>
        <translation>Das Abmelden wurde nicht abgeschlossen: {error}</translation>
    </message>
    <message>
        <source>{count} event the server has not confirmed</source>
        <translation>{count} Eintrag, den der Server noch nicht bestätigt hat</translation>
    </message>
    <message>
        <source>{count} events the server has not confirmed</source>
        <translation>{count} Einträge, die der Server noch nicht bestätigt hat</translation>
    </message>
    <message>
        <source>{count} unsaved draft</source>
        <translation>{count} nicht gespeicherten Entwurf</translation>
    </message>
    <message>
        <source>{count} unsaved drafts</source>
        <translation>{count} nicht gespeicherte Entwürfe</translation>
    </message>
    <message>
        <source>{events} and {drafts}</source>
        <translation>{events} und {drafts}</translation>
    </message>
    <message>
        <source>This laptop still holds {held}; logging out erases them. Sync first (and record or discard the drafts) to keep them.</source>
        <translation>Dieser Laptop enthält noch {held}; das Abmelden löscht sie. Synchronisieren Sie zuerst (und erfassen oder verwerfen Sie die Entwürfe), um sie zu behalten.</translation>
    </message>
    <message>
        <source>Unsynced work</source>
        <translation>Nicht synchronisierte Arbeit</translation>
    </message>
    <message>
        <source>Sync first</source>
        <translation>Zuerst synchronisieren</translation>
    </message>
    <message>
        <source>Log out and erase them</source>
        <translation>Abmelden und löschen</translation>
    </message>
</context>
<context>
    <name>MissingFilesDialog</name>
    <message>
        <source>The file is no longer on this laptop (deleted or moved).</source>
        <translation>Die Datei ist nicht mehr auf diesem Laptop (gelöscht oder verschoben).</translation>
    </message>
    <message>
        <source>The file on this laptop was changed or damaged since it was attached.</source>
        <translation>Die Datei auf diesem Laptop wurde seit dem Anhängen verändert oder beschädigt.</translation>
    </message>
    <message>
        <source>Re-attach {file}</source>
        <translation>{file} neu anhängen</translation>
    </message>
    <message>
        <source>Drop this file?</source>
        <translation>Diese Datei verwerfen?</translation>
    </message>
    <message>
        <source>This file is too large to attach (over {limit}).</source>
        <translation>Diese Datei ist zu groß zum Anhängen (über {limit}).</translation>
    </message>
    <message>
        <source>{file} could not be read: {why}.</source>
        <translation>{file} konnte nicht gelesen werden: {why}.</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Unterschrift</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>Anhang</translation>
    </message>
    <message>
        <source>Files missing</source>
        <translation>Fehlende Dateien</translation>
    </message>
    <message>
        <source>These events cannot be sent: their file is no longer on this laptop as it was attached. Re-attach the file (the same one, or another to send instead), or drop the attachment. Until then the visit&apos;s later events wait too.</source>
        <translation>Diese Einträge können nicht gesendet werden: Ihre Datei ist nicht mehr so auf diesem Laptop, wie sie angehängt wurde. Hängen Sie die Datei neu an (dieselbe oder eine andere, die stattdessen gesendet wird) oder verwerfen Sie den Anhang. Bis dahin warten auch die späteren Einträge des Besuchs.</translation>
    </message>
    <message>
        <source>Events whose file is missing</source>
        <translation>Einträge, deren Datei fehlt</translation>
    </message>
    <message>
        <source>No missing files: every file attached is on this laptop.</source>
        <translation>Keine fehlenden Dateien: Jede angehängte Datei ist auf diesem Laptop.</translation>
    </message>
    <message>
        <source>Missing files status</source>
        <translation>Status der fehlenden Dateien</translation>
    </message>
    <message>
        <source>&amp;Re-attach…</source>
        <translation>&amp;Neu anhängen…</translation>
    </message>
    <message>
        <source>Choose the file again; another file is sent in place of the lost one</source>
        <translation>Die Datei erneut wählen; eine andere Datei wird anstelle der verlorenen gesendet</translation>
    </message>
    <message>
        <source>&amp;Drop</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <source>Remove this attachment from the visit; it was never sent</source>
        <translation>Diesen Anhang aus dem Besuch entfernen; er wurde nie gesendet</translation>
    </message>
    <message>
        <source>Re-attached {file} on {visit}.</source>
        <translation>{file} bei {visit} neu angehängt.</translation>
    </message>
    <message>
        <source>Drop {file} from {visit}? It was never sent, so it will not reach the server.</source>
        <translation>{file} aus {visit} verwerfen? Die Datei wurde nie gesendet und erreicht den Server daher nicht.</translation>
    </message>
    <message>
        <source>Dropped {file} from {visit}.</source>
        <translation>{file} aus {visit} verworfen.</translation>
    </message>
</context>
<context>
    <name>Moments</name>
    <message>
        <source>HH:mm</source>
        <translation>HH:mm</translation>
    </message>
    <message>
        <source>ddd d MMM</source>
        <translation>ddd d. MMM</translation>
    </message>
    <message>
        <source>dddd d MMMM yyyy</source>
        <translation>dddd, d. MMMM yyyy</translation>
    </message>
    <message>
        <source>dddd d MMMM</source>
        <translation>dddd, d. MMMM</translation>
    </message>
    <message>
        <source>{day}, {time}</source>
        <translation>{day}, {time}</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <source>Notice</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>Notice text</source>
        <translation>Hinweistext</translation>
    </message>
    <message>
        <source>Dismiss this notice</source>
        <translation>Diesen Hinweis schließen</translation>
    </message>
    <message>
        <source>Dismiss notice</source>
        <translation>Hinweis schließen</translation>
    </message>
</context>
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
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} Min.</translation>
    </message>
    <message>
        <source>{hours} h</source>
        <translation>{hours} Std.</translation>
    </message>
    <message>
        <source>Overdue by {amount} ({day} {time})</source>
        <translation>Überfällig seit {amount} ({day} {time})</translation>
    </message>
    <message>
        <source>{time} (in {minutes} min)</source>
        <translation>{time} (in {minutes} Min.)</translation>
    </message>
    <message>
        <source>{kind} for {who} is overdue since {time}: {what}.</source>
        <translation>{kind} für {who} ist seit {time} überfällig: {what}.</translation>
    </message>
    <message>
        <source>{kind} for {who} is due at {time}, in {minutes} min: {what}.</source>
        <translation>{kind} für {who} ist um {time} fällig, in {minutes} Min.: {what}.</translation>
    </message>
    <message>
        <source>Due {due}; promised {made}.</source>
        <translation>Fällig {due}; zugesagt {made}.</translation>
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
    <message>
        <source>Promises ({count})</source>
        <translation>Zusagen ({count})</translation>
    </message>
</context>
<context>
    <name>RejectedDialog</name>
    <message>
        <source>Nothing more can be recorded on this visit. If you did work there, tell the visit&apos;s coordinator what you did (quote the reference), then dismiss this event.</source>
        <translation>Bei diesem Besuch kann nichts mehr erfasst werden. Wenn Sie dort gearbeitet haben, teilen Sie der Koordination des Besuchs mit, was Sie getan haben (nennen Sie die Referenz), und verwerfen Sie dann diesen Eintrag.</translation>
    </message>
    <message>
        <source>The server&apos;s record of this visit differs from this laptop&apos;s. Open the visit, record the step it asks for first, then record this one again; dismiss this event afterwards.</source>
        <translation>Der Stand dieses Besuchs auf dem Server weicht von dem dieses Laptops ab. Öffnen Sie den Besuch, erfassen Sie zuerst den verlangten Schritt und dann diesen erneut; verwerfen Sie diesen Eintrag danach.</translation>
    </message>
    <message>
        <source>Dispatch cancelled this visit before your work reached the server. A supervisor reviews what you recorded (a borrowed part, say); keep this event until they decide, and tell the coordinator if a part is still out.</source>
        <translation>Die Disposition hat diesen Besuch abgesagt, bevor Ihre Arbeit den Server erreichte. Vorgesetzte prüfen, was Sie erfasst haben (etwa ein ausgeliehenes Teil); behalten Sie diesen Eintrag, bis sie entscheiden, und informieren Sie die Koordination, wenn noch ein Teil aussteht.</translation>
    </message>
    <message>
        <source>This visit is not yours any more. Tell the coordinator what you did (quote the reference) so the new technician knows, then dismiss this event.</source>
        <translation>Dieser Besuch gehört nicht mehr Ihnen. Teilen Sie der Koordination mit, was Sie getan haben (nennen Sie die Referenz), damit der neue Techniker Bescheid weiß, und verwerfen Sie dann diesen Eintrag.</translation>
    </message>
    <message>
        <source>The visit was already closed on the server. If what you recorded still matters, add it as a note, then dismiss this event.</source>
        <translation>Der Besuch war auf dem Server bereits geschlossen. Wenn das Erfasste noch wichtig ist, fügen Sie es als Notiz hinzu und verwerfen Sie dann diesen Eintrag.</translation>
    </message>
    <message>
        <source>Record this step again on the visit, then dismiss this event.</source>
        <translation>Erfassen Sie diesen Schritt beim Besuch erneut und verwerfen Sie dann diesen Eintrag.</translation>
    </message>
    <message>
        <source>Open the visit and record this step again with the details corrected, then dismiss this event.</source>
        <translation>Öffnen Sie den Besuch, erfassen Sie diesen Schritt mit korrigierten Angaben erneut und verwerfen Sie dann diesen Eintrag.</translation>
    </message>
    <message>
        <source>Refused by the server.</source>
        <translation>Vom Server abgelehnt.</translation>
    </message>
    <message>
        <source>Rejected events</source>
        <translation>Abgelehnte Einträge</translation>
    </message>
    <message>
        <source>The server refused these events. They are kept on this laptop and are not sent again. Read each reason, do what it says, then dismiss the event.</source>
        <translation>Der Server hat diese Einträge abgelehnt. Sie bleiben auf diesem Laptop und werden nicht erneut gesendet. Lesen Sie jeden Grund, tun Sie, was dort steht, und verwerfen Sie dann den Eintrag.</translation>
    </message>
    <message>
        <source>No rejected events: everything recorded was accepted.</source>
        <translation>Keine abgelehnten Einträge: Alles Erfasste wurde angenommen.</translation>
    </message>
    <message>
        <source>Rejected events status</source>
        <translation>Status der abgelehnten Einträge</translation>
    </message>
    <message>
        <source>&amp;Open visit</source>
        <translation>Besuch &amp;öffnen</translation>
    </message>
    <message>
        <source>Open the visit this event belongs to</source>
        <translation>Den Besuch öffnen, zu dem dieser Eintrag gehört</translation>
    </message>
    <message>
        <source>&amp;Dismiss</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <source>Remove this rejected event from the laptop once you have read it and acted on it</source>
        <translation>Diesen abgelehnten Eintrag vom Laptop entfernen, sobald Sie ihn gelesen und gehandelt haben</translation>
    </message>
    <message>
        <source>Could not read the rejected events: {error}</source>
        <translation>Die abgelehnten Einträge konnten nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <source>Dismissed: {event} on {visit}.</source>
        <translation>Verworfen: {event} bei {visit}.</translation>
    </message>
</context>
<context>
    <name>RoundColumns</name>
    <message>
        <source>Window</source>
        <translation>Zeitfenster</translation>
    </message>
    <message>
        <source>When the customer expects you</source>
        <translation>Wann der Kunde Sie erwartet</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referenz</translation>
    </message>
    <message>
        <source>The reference the customer can quote</source>
        <translation>Die Referenz, die der Kunde angeben kann</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Who asked for help</source>
        <translation>Wer um Hilfe gebeten hat</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Building, floor and room or desk</source>
        <translation>Gebäude, Etage und Raum oder Arbeitsplatz</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>From impact and urgency</source>
        <translation>Aus Auswirkung und Dringlichkeit</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Where the visit stands</source>
        <translation>Wo der Besuch steht</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Events not yet accepted by the server</source>
        <translation>Einträge, die der Server noch nicht angenommen hat</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>The problem in the customer&apos;s words</source>
        <translation>Das Problem in den Worten des Kunden</translation>
    </message>
</context>
<context>
    <name>RoundCustomer</name>
    <message>
        <source>Tell the selected visit&apos;s user you are on your way ({keys})</source>
        <translation>Dem Benutzer des gewählten Besuchs sagen, dass Sie unterwegs sind ({keys})</translation>
    </message>
    <message>
        <source>On my w&amp;ay</source>
        <translation>Unterwe&amp;gs</translation>
    </message>
    <message>
        <source>Running la&amp;te…</source>
        <translation>&amp;Verspätung…</translation>
    </message>
    <message>
        <source>Tell the selected visit&apos;s user you are running late ({keys})</source>
        <translation>Dem Benutzer des gewählten Besuchs eine Verspätung melden ({keys})</translation>
    </message>
    <message>
        <source>End &amp;day…</source>
        <translation>&amp;Tagesende…</translation>
    </message>
    <message>
        <source>Tell each user whose visit is not solved where it stands and what is next</source>
        <translation>Jedem Benutzer mit ungelöstem Besuch sagen, wo es steht und was als Nächstes kommt</translation>
    </message>
    <message>
        <source>Choose the visit first, then tell its user.</source>
        <translation>Wählen Sie zuerst den Besuch, dann geben Sie dem Benutzer Bescheid.</translation>
    </message>
    <message>
        <source>Hello {name}, this is IT support: I am on my way to you for your visit {ref} and will be with you in a few minutes.</source>
        <translation>Hallo {name}, hier ist der IT-Support: Ich bin auf dem Weg zu Ihnen für Ihren Besuch {ref} und bin in wenigen Minuten bei Ihnen.</translation>
    </message>
    <message>
        <source>{name} is told you are running {minutes} min late ({ref}).</source>
        <translation>{name} erfährt, dass Sie {minutes} Min. später kommen ({ref}).</translation>
    </message>
    <message>
        <source>{name} is told you are on your way ({ref}).</source>
        <translation>{name} erfährt, dass Sie unterwegs sind ({ref}).</translation>
    </message>
    <message>
        <source>The mail goes with the next sync.</source>
        <translation>Die E-Mail geht mit der nächsten Synchronisierung.</translation>
    </message>
    <message>
        <source>Every visit of the day is solved: nothing to tell anyone.</source>
        <translation>Jeder Besuch des Tages ist gelöst: Niemandem ist etwas mitzuteilen.</translation>
    </message>
    <message>
        <source>{count} user told where their visit stands.</source>
        <translation>{count} Benutzer hat erfahren, wo sein Besuch steht.</translation>
    </message>
    <message>
        <source>{count} users told where their visit stands.</source>
        <translation>{count} Benutzer haben erfahren, wo ihr Besuch steht.</translation>
    </message>
</context>
<context>
    <name>RoundFilters</name>
    <message>
        <source>&amp;Today</source>
        <translation>&amp;Heute</translation>
    </message>
    <message>
        <source>Open visits whose window is today</source>
        <translation>Offene Besuche mit Zeitfenster heute</translation>
    </message>
    <message>
        <source>&amp;Upcoming</source>
        <translation>&amp;Kommende</translation>
    </message>
    <message>
        <source>Open visits after today</source>
        <translation>Offene Besuche nach heute</translation>
    </message>
    <message>
        <source>Ov&amp;erdue</source>
        <translation>Über&amp;fällig</translation>
    </message>
    <message>
        <source>Open visits whose window has passed</source>
        <translation>Offene Besuche, deren Zeitfenster vorbei ist</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Erledigt</translation>
    </message>
    <message>
        <source>Completed, escalated and cancelled visits</source>
        <translation>Abgeschlossene, eskalierte und abgesagte Besuche</translation>
    </message>
    <message>
        <source>&amp;All</source>
        <translation>A&amp;lle</translation>
    </message>
    <message>
        <source>Every visit on this laptop</source>
        <translation>Alle Besuche auf diesem Laptop</translation>
    </message>
    <message>
        <source>Round order</source>
        <translation>Rundenreihenfolge</translation>
    </message>
    <message>
        <source>Time window</source>
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
        <source>Sync status</source>
        <translation>Sync-Status</translation>
    </message>
    <message>
        <source>{tab} ({count})</source>
        <translation>{tab} ({count})</translation>
    </message>
    <message>
        <source>{count}+ visits match “{text}”</source>
        <translation>{count}+ Besuche passen zu „{text}“</translation>
    </message>
    <message>
        <source>{count} visit matches “{text}”</source>
        <translation>{count} Besuch passt zu „{text}“</translation>
    </message>
    <message>
        <source>{count} visits match “{text}”</source>
        <translation>{count} Besuche passen zu „{text}“</translation>
    </message>
    <message>
        <source>No visit in {tab} matches “{text}”.</source>
        <translation>Kein Besuch unter {tab} passt zu „{text}“.</translation>
    </message>
    <message>
        <source>Search all visits with Ctrl+5.</source>
        <translation>Mit Strg+5 alle Besuche durchsuchen.</translation>
    </message>
    <message>
        <source>No open visits today.</source>
        <translation>Heute keine offenen Besuche.</translation>
    </message>
    <message>
        <source>No upcoming visits.</source>
        <translation>Keine kommenden Besuche.</translation>
    </message>
    <message>
        <source>Nothing overdue.</source>
        <translation>Nichts überfällig.</translation>
    </message>
    <message>
        <source>No finished visits on this laptop yet.</source>
        <translation>Noch keine erledigten Besuche auf diesem Laptop.</translation>
    </message>
    <message>
        <source>No visits on this laptop yet: sync to fetch your round (F5).</source>
        <translation>Noch keine Besuche auf diesem Laptop: Synchronisieren Sie, um Ihre Runde zu holen (F5).</translation>
    </message>
</context>
<context>
    <name>RoundScan</name>
    <message>
        <source>Scan asset tag…</source>
        <translation>Inventarnummer scannen…</translation>
    </message>
    <message>
        <source>Scan asset tag</source>
        <translation>Inventarnummer scannen</translation>
    </message>
    <message>
        <source>Scan or type an asset tag: open the visit of your round that names it</source>
        <translation>Inventarnummer scannen oder eintippen: den Besuch Ihrer Runde öffnen, der sie nennt</translation>
    </message>
    <message>
        <source>Scan the asset tag, or type it and press Enter:</source>
        <translation>Inventarnummer scannen oder eintippen und Eingabe drücken:</translation>
    </message>
    <message>
        <source>Found {device}: its visit is open.</source>
        <translation>{device} gefunden: sein Besuch ist geöffnet.</translation>
    </message>
    <message>
        <source>{device}: no visit of your round names it; this laptop keeps earlier visits of it.</source>
        <translation>{device}: kein Besuch Ihrer Runde nennt es; dieser Laptop hat frühere Besuche dazu.</translation>
    </message>
    <message>
        <source>{device}: no visit of your round names it.</source>
        <translation>{device}: kein Besuch Ihrer Runde nennt es.</translation>
    </message>
</context>
<context>
    <name>RoundStatus</name>
    <message>
        <source>Never synced</source>
        <translation>Nie synchronisiert</translation>
    </message>
    <message>
        <source>Last sync {time}</source>
        <translation>Synchronisiert {time}</translation>
    </message>
    <message>
        <source>Last successful sync: {when}</source>
        <translation>Letzte erfolgreiche Synchronisierung: {when}</translation>
    </message>
    <message>
        <source>{count} to sync</source>
        <translation>{count} zu senden</translation>
    </message>
    <message>
        <source>All sent</source>
        <translation>Alles gesendet</translation>
    </message>
    <message>
        <source>{count} event recorded on this laptop waits to be sent</source>
        <translation>{count} auf diesem Laptop erfasster Eintrag wartet auf das Senden</translation>
    </message>
    <message>
        <source>{count} events recorded on this laptop wait to be sent</source>
        <translation>{count} auf diesem Laptop erfasste Einträge warten auf das Senden</translation>
    </message>
    <message>
        <source>Everything recorded on this laptop reached the server</source>
        <translation>Alles auf diesem Laptop Erfasste ist beim Server angekommen</translation>
    </message>
    <message>
        <source>{count} rejected</source>
        <translation>{count} abgelehnt</translation>
    </message>
    <message>
        <source>The server refused some events: see why and what to do (Ctrl+Shift+E)</source>
        <translation>Der Server hat Einträge abgelehnt: sehen Sie, warum und was zu tun ist (Strg+Umschalt+E)</translation>
    </message>
    <message>
        <source>{count} file missing</source>
        <translation>{count} Datei fehlt</translation>
    </message>
    <message>
        <source>{count} files missing</source>
        <translation>{count} Dateien fehlen</translation>
    </message>
</context>
<context>
    <name>RoundSync</name>
    <message>
        <source>Syncing…</source>
        <translation>Synchronisiere…</translation>
    </message>
    <message>
        <source>Not connected yet</source>
        <translation>Noch nicht verbunden</translation>
    </message>
    <message>
        <source>The app has not reached the server yet</source>
        <translation>Die App hat den Server noch nicht erreicht</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>The server answered the last sync</source>
        <translation>Der Server hat bei der letzten Synchronisierung geantwortet</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Working from this laptop&apos;s copy; sync resumes when the server answers</source>
        <translation>Sie arbeiten mit der Kopie auf diesem Laptop; die Synchronisierung läuft weiter, sobald der Server antwortet</translation>
    </message>
</context>
<context>
    <name>RoundTableModel</name>
    <message>
        <source>Could not read the visits from this laptop&apos;s cache: {error}</source>
        <translation>Die Besuche konnten nicht aus den lokalen Daten dieses Laptops gelesen werden: {error}</translation>
    </message>
    <message>
        <source>{day}, {start} to {end}</source>
        <translation>{day}, {start} bis {end}</translation>
    </message>
    <message>
        <source>{window} — the user asked you back at {day} {time} (that time has passed)</source>
        <translation>{window} — der Benutzer hat Sie für {day} {time} zurückgebeten (diese Zeit ist vorbei)</translation>
    </message>
    <message>
        <source>{window} — the user asked you back at {day} {time}</source>
        <translation>{window} — der Benutzer hat Sie für {day} {time} zurückgebeten</translation>
    </message>
    <message>
        <source>{window} — the window has passed</source>
        <translation>{window} — das Zeitfenster ist vorbei</translation>
    </message>
    <message>
        <source>Due soon and not confirmed with the customer yet.</source>
        <translation>Bald fällig und noch nicht mit dem Kunden bestätigt.</translation>
    </message>
    <message>
        <source>The server refused some events: see Rejected events (Ctrl+Shift+E).</source>
        <translation>Der Server hat Einträge abgelehnt: siehe Abgelehnte Einträge (Strg+Umschalt+E).</translation>
    </message>
    <message>
        <source>{count} event recorded here waits to be sent to the server.</source>
        <translation>{count} hier erfasster Eintrag wartet darauf, an den Server gesendet zu werden.</translation>
    </message>
    <message>
        <source>{count} events recorded here wait to be sent to the server.</source>
        <translation>{count} hier erfasste Einträge warten darauf, an den Server gesendet zu werden.</translation>
    </message>
</context>
<context>
    <name>RoundWindow</name>
    <message>
        <source>&amp;Sync now</source>
        <translation>Jetzt &amp;synchronisieren</translation>
    </message>
    <message>
        <source>Switch &amp;user…</source>
        <translation>Benutzer &amp;wechseln…</translation>
    </message>
    <message>
        <source>&amp;Log out…</source>
        <translation>Ab&amp;melden…</translation>
    </message>
    <message>
        <source>Log out &amp;everywhere…</source>
        <translation>&amp;Überall abmelden…</translation>
    </message>
    <message>
        <source>End every session of your account, on this laptop and any other (a laptop lost or a password seen), then log out here</source>
        <translation>Alle Sitzungen Ihres Kontos beenden, auf diesem und jedem anderen Laptop (ein verlorener Laptop, ein gesehenes Passwort), dann hier abmelden</translation>
    </message>
    <message>
        <source>Send what you recorded and fetch changes (F5)</source>
        <translation>Erfasstes senden und Änderungen holen (F5)</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>Su&amp;chen</translation>
    </message>
    <message>
        <source>&amp;Round order</source>
        <translation>&amp;Rundenreihenfolge</translation>
    </message>
    <message>
        <source>Order by building and floor, keeping the time windows (Ctrl+R)</source>
        <translation>Nach Gebäude und Etage ordnen, die Zeitfenster bleiben gewahrt (Strg+R)</translation>
    </message>
    <message>
        <source>Re&amp;verse order</source>
        <translation>Reihenfolge &amp;umkehren</translation>
    </message>
    <message>
        <source>Re&amp;jected events…</source>
        <translation>&amp;Abgelehnte Einträge…</translation>
    </message>
    <message>
        <source>&amp;Missing files…</source>
        <translation>&amp;Fehlende Dateien…</translation>
    </message>
    <message>
        <source>&amp;Open visit</source>
        <translation>Besuch &amp;öffnen</translation>
    </message>
    <message>
        <source>New &amp;walk-up…</source>
        <translation>Neues &amp;Direktanliegen…</translation>
    </message>
    <message>
        <source>Someone at the next desk asks for help: open a visit for it now ({keys})</source>
        <translation>Jemand am Nachbarplatz bittet um Hilfe: jetzt einen Besuch dafür eröffnen ({keys})</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>Schl&amp;ießen</translation>
    </message>
    <message>
        <source>Visits of the round</source>
        <translation>Besuche der Runde</translation>
    </message>
    <message>
        <source>Enter opens the selected visit; Ctrl+F searches; Ctrl+1 to Ctrl+5 change the list.</source>
        <translation>Eingabe öffnet den gewählten Besuch; Strg+F sucht; Strg+1 bis Strg+5 wechseln die Liste.</translation>
    </message>
    <message>
        <source>No visits</source>
        <translation>Keine Besuche</translation>
    </message>
    <message>
        <source>Search reference, customer, location or problem (Ctrl+F)…</source>
        <translation>Referenz, Kunde, Ort oder Problem suchen (Strg+F)…</translation>
    </message>
    <message>
        <source>Search visits</source>
        <translation>Besuche suchen</translation>
    </message>
    <message>
        <source>Order of the visits</source>
        <translation>Reihenfolge der Besuche</translation>
    </message>
    <message>
        <source>&amp;Order:</source>
        <translation>S&amp;ortierung:</translation>
    </message>
    <message>
        <source>Reverse order</source>
        <translation>Reihenfolge umkehren</translation>
    </message>
    <message>
        <source>Reverse the order (Ctrl+Shift+O)</source>
        <translation>Die Reihenfolge umkehren (Strg+Umschalt+O)</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>Runde</translation>
    </message>
    <message>
        <source>Which visits to show</source>
        <translation>Welche Besuche gezeigt werden</translation>
    </message>
    <message>
        <source>{tip} ({keys})</source>
        <translation>{tip} ({keys})</translation>
    </message>
    <message>
        <source>Search result</source>
        <translation>Suchergebnis</translation>
    </message>
    <message>
        <source>&amp;Promises</source>
        <translation>&amp;Zusagen</translation>
    </message>
    <message>
        <source>Show or hide the open promises (Ctrl+P)</source>
        <translation>Die offenen Zusagen zeigen oder ausblenden (Strg+P)</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Letzte Synchronisierung</translation>
    </message>
    <message>
        <source>Events waiting to sync</source>
        <translation>Einträge, die auf das Senden warten</translation>
    </message>
    <message>
        <source>Rejected events</source>
        <translation>Abgelehnte Einträge</translation>
    </message>
    <message>
        <source>Files missing</source>
        <translation>Fehlende Dateien</translation>
    </message>
    <message>
        <source>Some attachments cannot be sent: their file is gone. Re-attach or drop them</source>
        <translation>Einige Anhänge können nicht gesendet werden: Ihre Datei fehlt. Hängen Sie sie neu an oder verwerfen Sie sie</translation>
    </message>
    <message>
        <source>&amp;Round</source>
        <translation>&amp;Runde</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>FieldApp — {user}</source>
        <translation>FieldApp — {user}</translation>
    </message>
    <message>
        <source>Could not read the local cache: {error}</source>
        <translation>Die lokalen Daten konnten nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <source>Promise due</source>
        <translation>Zusage fällig</translation>
    </message>
    <message>
        <source>Open visit</source>
        <translation>Besuch öffnen</translation>
    </message>
</context>
<context>
    <name>RoundWords</name>
    <message>
        <source>{day} {times}</source>
        <translation>{day} {times}</translation>
    </message>
    <message>
        <source>Not confirmed</source>
        <translation>Nicht bestätigt</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>Vor Ort</translation>
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
        <source>Diagnosed</source>
        <translation>Diagnose gestellt</translation>
    </message>
    <message>
        <source>Choosing</source>
        <translation>Auswahl</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Behoben</translation>
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
        <source>Declined</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Closed without repair</source>
        <translation>Ohne Reparatur geschlossen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgesagt</translation>
    </message>
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
        <source>Conflict</source>
        <translation>Konflikt</translation>
    </message>
    <message>
        <source>{count} rejected</source>
        <translation>{count} abgelehnt</translation>
    </message>
    <message>
        <source>{count} to sync</source>
        <translation>{count} zu senden</translation>
    </message>
    <message>
        <source>floor {floor}</source>
        <translation>Etage {floor}</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Tomorrow</source>
        <translation>Morgen</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Gestern</translation>
    </message>
    <message>
        <source>Back at {time}</source>
        <translation>Zurück um {time}</translation>
    </message>
    <message>
        <source>Back tomorrow at {time}</source>
        <translation>Zurück morgen um {time}</translation>
    </message>
    <message>
        <source>Back yesterday at {time}</source>
        <translation>Zurück gestern um {time}</translation>
    </message>
    <message>
        <source>Back {day} at {time}</source>
        <translation>Zurück {day} um {time}</translation>
    </message>
    <message>
        <source>User asks for another time</source>
        <translation>Bittet um anderen Termin</translation>
    </message>
    <message>
        <source>Confirmed by the user</source>
        <translation>Vom Benutzer bestätigt</translation>
    </message>
    <message>
        <source>{priority} (VIP)</source>
        <translation>{priority} (VIP)</translation>
    </message>
    <message>
        <source>Assisting · {step}</source>
        <translation>Hilft mit · {step}</translation>
    </message>
</context>
<context>
    <name>RunningLateDialog</name>
    <message>
        <source>Running late — {ref}</source>
        <translation>Verspätung — {ref}</translation>
    </message>
    <message>
        <source>Running late</source>
        <translation>Verspätung</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>Minutes late</source>
        <translation>Minuten Verspätung</translation>
    </message>
    <message>
        <source>Message to the user</source>
        <translation>Nachricht an den Benutzer</translation>
    </message>
    <message>
        <source>Running late &amp;by:</source>
        <translation>Verspätung &amp;um:</translation>
    </message>
    <message>
        <source>&amp;Message:</source>
        <translation>&amp;Nachricht:</translation>
    </message>
    <message>
        <source>It is mailed to the user when the laptop next syncs.</source>
        <translation>Sie geht per E-Mail an den Benutzer, sobald der Laptop das nächste Mal synchronisiert.</translation>
    </message>
    <message>
        <source>Tell the user</source>
        <translation>Benutzer benachrichtigen</translation>
    </message>
    <message>
        <source>Hello {name}, this is IT support about your visit {ref}: I am running about {minutes} minutes late and will be with you at about {time}. Sorry for the wait.</source>
        <translation>Hallo {name}, hier ist der IT-Support zu Ihrem Besuch {ref}: Ich komme etwa {minutes} Minuten später und bin gegen {time} bei Ihnen. Entschuldigen Sie die Wartezeit.</translation>
    </message>
</context>
<context>
    <name>ServiceReport</name>
    <message>
        <source>ddd dd MMM yyyy</source>
        <translation>ddd d. MMM yyyy</translation>
    </message>
    <message>
        <source>{count}: {trips} ({minutes} min at your desk in all)</source>
        <translation>{count}: {trips} (insgesamt {minutes} Min. an Ihrem Arbeitsplatz)</translation>
    </message>
    <message>
        <source>ext. {extension}</source>
        <translation>Durchwahl {extension}</translation>
    </message>
    <message>
        <source>building {building}</source>
        <translation>Gebäude {building}</translation>
    </message>
    <message>
        <source>floor {floor}</source>
        <translation>Etage {floor}</translation>
    </message>
    <message>
        <source>room {room}</source>
        <translation>Raum {room}</translation>
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
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Scheduled window</source>
        <translation>Geplantes Zeitfenster</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>Techniker</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>Angekommen</translation>
    </message>
    <message>
        <source>Trips to your desk</source>
        <translation>Besuche an Ihrem Arbeitsplatz</translation>
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
        <source>Closed as you declined</source>
        <translation>Geschlossen, da Sie abgelehnt haben</translation>
    </message>
    <message>
        <source>Closed, no repair needed</source>
        <translation>Geschlossen, keine Reparatur nötig</translation>
    </message>
    <message>
        <source>{how}, {when}</source>
        <translation>{how}, {when}</translation>
    </message>
    <message>
        <source>As reported</source>
        <translation>Gemeldet</translation>
    </message>
    <message>
        <source>In your words</source>
        <translation>In Ihren Worten</translation>
    </message>
    <message>
        <source>Where it came from</source>
        <translation>Ursache</translation>
    </message>
    <message>
        <source>What we found</source>
        <translation>Was wir festgestellt haben</translation>
    </message>
    <message>
        <source>{option} (about {minutes} min)</source>
        <translation>{option} (etwa {minutes} Min.)</translation>
    </message>
    <message>
        <source>Your choice</source>
        <translation>Ihre Wahl</translation>
    </message>
    <message>
        <source>It was shown working by repeating what you were trying to do; you confirmed it works.</source>
        <translation>Die Funktion wurde gezeigt, indem wiederholt wurde, was Sie tun wollten; Sie haben bestätigt, dass es funktioniert.</translation>
    </message>
    <message>
        <source>It was shown working by repeating what you were trying to do.</source>
        <translation>Die Funktion wurde gezeigt, indem wiederholt wurde, was Sie tun wollten.</translation>
    </message>
    <message>
        <source>no reason was recorded</source>
        <translation>es wurde kein Grund erfasst</translation>
    </message>
    <message>
        <source>It could not be shown working: {reason}</source>
        <translation>Die Funktion konnte nicht gezeigt werden: {reason}</translation>
    </message>
    <message>
        <source>What we did</source>
        <translation>Was wir getan haben</translation>
    </message>
    <message>
        <source>Shown working</source>
        <translation>Funktion gezeigt</translation>
    </message>
    <message>
        <source>How to avoid it</source>
        <translation>So vermeiden Sie es</translation>
    </message>
    <message>
        <source>You preferred not to go through it this time.</source>
        <translation>Sie wollten es diesmal nicht durchgehen.</translation>
    </message>
    <message>
        <source>handled there and then, as its own visit</source>
        <translation>gleich vor Ort erledigt, als eigener Besuch</translation>
    </message>
    <message>
        <source>booked as a follow-up visit</source>
        <translation>als Folgebesuch eingeplant</translation>
    </message>
    <message>
        <source>Yes: {request} ({booked})</source>
        <translation>Ja: {request} ({booked})</translation>
    </message>
    <message>
        <source>Nothing else was needed.</source>
        <translation>Sonst wurde nichts benötigt.</translation>
    </message>
    <message>
        <source>{promise} – by {when}</source>
        <translation>{promise} – bis {when}</translation>
    </message>
    <message>
        <source>{item} ({whose}), due back by {when}</source>
        <translation>{item} ({whose}), Rückgabe bis {when}</translation>
    </message>
    <message>
        <source>Passed to {team}; next update by {when}.</source>
        <translation>Weitergegeben an {team}; nächste Rückmeldung bis {when}.</translation>
    </message>
    <message>
        <source>Anything else?</source>
        <translation>Sonst noch etwas?</translation>
    </message>
    <message>
        <source>Follow-up call</source>
        <translation>Rückruf</translation>
    </message>
    <message>
        <source>We promised</source>
        <translation>Unsere Zusagen</translation>
    </message>
    <message>
        <source>Lent to you</source>
        <translation>Ihnen geliehen</translation>
    </message>
    <message>
        <source>Requests we could not do</source>
        <translation>Wünsche, die wir nicht erfüllen konnten</translation>
    </message>
    <message>
        <source>{rating} out of 5</source>
        <translation>{rating} von 5</translation>
    </message>
    <message>
        <source>Not given</source>
        <translation>Nicht angegeben</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>Zufriedenheit</translation>
    </message>
    <message>
        <source>Your comment</source>
        <translation>Ihr Kommentar</translation>
    </message>
    <message>
        <source>Not signed.</source>
        <translation>Nicht unterschrieben.</translation>
    </message>
    <message>
        <source>Service report · {reference}</source>
        <translation>Servicebericht · {reference}</translation>
    </message>
    <message>
        <source>{customer}; your IT field support visit. Quote the reference when you contact us about it.</source>
        <translation>{customer}; Ihr Besuch des IT-Vor-Ort-Supports. Bitte nennen Sie die Referenz, wenn Sie uns dazu kontaktieren.</translation>
    </message>
    <message>
        <source>The visit</source>
        <translation>Der Besuch</translation>
    </message>
    <message>
        <source>What was wrong</source>
        <translation>Was nicht stimmte</translation>
    </message>
    <message>
        <source>What was done</source>
        <translation>Was getan wurde</translation>
    </message>
    <message>
        <source>What we showed you</source>
        <translation>Was wir Ihnen gezeigt haben</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Weiteres Vorgehen</translation>
    </message>
    <message>
        <source>Sign-off</source>
        <translation>Abnahme</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Unterschrift</translation>
    </message>
    <message>
        <source>Service report {reference}</source>
        <translation>Servicebericht {reference}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>The server address must look like https://fieldapp.example.org.</source>
        <translation>Die Serveradresse muss wie https://fieldapp.example.org aussehen.</translation>
    </message>
    <message>
        <source>The server address cannot contain spaces.</source>
        <translation>Die Serveradresse darf keine Leerzeichen enthalten.</translation>
    </message>
    <message>
        <source>{count} minute</source>
        <translation>{count} Minute</translation>
    </message>
    <message>
        <source>{count} minutes</source>
        <translation>{count} Minuten</translation>
    </message>
    <message>
        <source>FieldApp settings</source>
        <translation>FieldApp-Einstellungen</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>Changing it asks you to log in there; this laptop&apos;s round then comes from that server (sync your work first).</source>
        <translation>Eine Änderung verlangt eine Anmeldung dort; die Runde dieses Laptops kommt dann von diesem Server (synchronisieren Sie Ihre Arbeit vorher).</translation>
    </message>
    <message>
        <source>CA bundle</source>
        <translation>CA-Bundle</translation>
    </message>
    <message>
        <source>None (this computer&apos;s store only)</source>
        <translation>Keins (nur der Zertifikatspeicher dieses Computers)</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>Choose a CA bundle file</source>
        <translation>Eine CA-Bundle-Datei wählen</translation>
    </message>
    <message>
        <source>Cl&amp;ear</source>
        <translation>&amp;Leeren</translation>
    </message>
    <message>
        <source>Clear the CA bundle</source>
        <translation>Das CA-Bundle leeren</translation>
    </message>
    <message>
        <source>This computer&apos;s certificate store is always trusted (a company proxy&apos;s too). Name a PEM file of CA certificates only for a server with its own CA.</source>
        <translation>Dem Zertifikatspeicher dieses Computers wird immer vertraut (auch dem eines Firmen-Proxys). Geben Sie eine PEM-Datei mit CA-Zertifikaten nur für einen Server mit eigener CA an.</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Design</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Used from the next start.</source>
        <translation>Gilt ab dem nächsten Start.</translation>
    </message>
    <message>
        <source>Sync every</source>
        <translation>Synchronisieren alle</translation>
    </message>
    <message>
        <source>While the server answers; F5 syncs at any time, and what you record is sent within seconds.</source>
        <translation>Solange der Server antwortet; F5 synchronisiert jederzeit, und Erfasstes wird binnen Sekunden gesendet.</translation>
    </message>
    <message>
        <source>End-of-day list</source>
        <translation>Liste zum Tagesende</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source>Then the round lists the visits not solved, to tell each user where it stands.</source>
        <translation>Dann listet die Runde die ungelösten Besuche auf, damit jeder Benutzer erfährt, wo es steht.</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>&amp;Server address:</source>
        <translation>Server&amp;adresse:</translation>
    </message>
    <message>
        <source>&amp;CA bundle:</source>
        <translation>&amp;CA-Bundle:</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>D&amp;esign:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>S&amp;ync every:</source>
        <translation>S&amp;ynchronisieren alle:</translation>
    </message>
    <message>
        <source>&amp;End of the day:</source>
        <translation>&amp;Tagesende:</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Version:</translation>
    </message>
    <message>
        <source>Choose a CA bundle</source>
        <translation>Ein CA-Bundle wählen</translation>
    </message>
    <message>
        <source>CA certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>CA-Zertifikate (*.pem *.crt *.cer);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Setti&amp;ngs…</source>
        <translation>Einstellu&amp;ngen…</translation>
    </message>
    <message>
        <source>Server, certificates, theme, language and sync interval ({keys})</source>
        <translation>Server, Zertifikate, Design, Sprache und Sync-Intervall ({keys})</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>Shortcuts of this window. A visit window lists its own (F1 there).</source>
        <translation>Tastenkürzel dieses Fensters. Ein Besuchsfenster zeigt seine eigenen (dort F1).</translation>
    </message>
</context>
<context>
    <name>SinceLastSyncDialog</name>
    <message>
        <source>Since last sync</source>
        <translation>Seit der letzten Synchronisierung</translation>
    </message>
    <message>
        <source>Changes to your round</source>
        <translation>Änderungen an Ihrer Runde</translation>
    </message>
    <message>
        <source>Visits that came to your round or left it at each sync, the latest first.</source>
        <translation>Besuche, die bei jeder Synchronisierung zu Ihrer Runde kamen oder sie verließen, die neuesten zuerst.</translation>
    </message>
    <message>
        <source>No visit has come to your round or left it since the app started.</source>
        <translation>Seit dem Start der App ist kein Besuch zu Ihrer Runde gekommen oder aus ihr gegangen.</translation>
    </message>
</context>
<context>
    <name>SyncError</name>
    <message>
        <source>Log in to the server to sync.</source>
        <translation>Melden Sie sich beim Server an, um zu synchronisieren.</translation>
    </message>
    <message>
        <source>Log in to fetch files from the server.</source>
        <translation>Melden Sie sich an, um Dateien vom Server zu holen.</translation>
    </message>
</context>
<context>
    <name>SyncNews</name>
    <message>
        <source>{reference} ({customer})</source>
        <translation>{reference} ({customer})</translation>
    </message>
    <message>
        <source>{visit}: {message}</source>
        <translation>{visit}: {message}</translation>
    </message>
    <message>
        <source>Your unsent work on it stays on this laptop, marked as a conflict.</source>
        <translation>Ihre nicht gesendete Arbeit daran bleibt auf diesem Laptop, als Konflikt markiert.</translation>
    </message>
    <message>
        <source>{visit}: new on your round.</source>
        <translation>{visit}: neu auf Ihrer Runde.</translation>
    </message>
    <message>
        <source>{visit}: the user confirmed the visit.</source>
        <translation>{visit}: Der Benutzer hat den Besuch bestätigt.</translation>
    </message>
    <message>
        <source>{visit}: the user asks for another time: {times}.</source>
        <translation>{visit}: Der Benutzer bittet um einen anderen Termin: {times}.</translation>
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
        <source>{visit}: moved to {when}, as the user asked.</source>
        <translation>{visit}: auf {when} verlegt, wie vom Benutzer gewünscht.</translation>
    </message>
    <message>
        <source>{visit}: dispatch declined the user&apos;s request for another time: {reason}</source>
        <translation>{visit}: Die Disposition hat die Bitte um einen anderen Termin abgelehnt: {reason}</translation>
    </message>
    <message>
        <source>sent {count} update</source>
        <translation>{count} Änderung gesendet</translation>
    </message>
    <message>
        <source>sent {count} updates</source>
        <translation>{count} Änderungen gesendet</translation>
    </message>
    <message>
        <source>{count} new visit</source>
        <translation>{count} neuer Besuch</translation>
    </message>
    <message>
        <source>{count} new visits</source>
        <translation>{count} neue Besuche</translation>
    </message>
    <message>
        <source>{reference} left your round</source>
        <translation>{reference} hat Ihre Runde verlassen</translation>
    </message>
    <message>
        <source>{count} visits left your round</source>
        <translation>{count} Besuche haben Ihre Runde verlassen</translation>
    </message>
    <message>
        <source>{count} visit updated</source>
        <translation>{count} Besuch aktualisiert</translation>
    </message>
    <message>
        <source>{count} visits updated</source>
        <translation>{count} Besuche aktualisiert</translation>
    </message>
    <message>
        <source>{count} user asking for another time</source>
        <translation>{count} Benutzer bittet um einen anderen Termin</translation>
    </message>
    <message>
        <source>{count} users asking for another time</source>
        <translation>{count} Benutzer bitten um einen anderen Termin</translation>
    </message>
    <message>
        <source>your round downloaded afresh</source>
        <translation>Ihre Runde neu heruntergeladen</translation>
    </message>
    <message>
        <source>{count} update refused by the server (see Rejected events, Ctrl+Shift+E)</source>
        <translation>{count} Änderung vom Server abgelehnt (siehe Abgelehnte Einträge, Strg+Umschalt+E)</translation>
    </message>
    <message>
        <source>{count} updates refused by the server (see Rejected events, Ctrl+Shift+E)</source>
        <translation>{count} Änderungen vom Server abgelehnt (siehe Abgelehnte Einträge, Strg+Umschalt+E)</translation>
    </message>
    <message>
        <source>{count} update to send again later</source>
        <translation>{count} Änderung wird später erneut gesendet</translation>
    </message>
    <message>
        <source>{count} updates to send again later</source>
        <translation>{count} Änderungen werden später erneut gesendet</translation>
    </message>
    <message>
        <source>{count} file sent</source>
        <translation>{count} Datei gesendet</translation>
    </message>
    <message>
        <source>{count} files sent</source>
        <translation>{count} Dateien gesendet</translation>
    </message>
    <message>
        <source>{count} file not sent: gone from this laptop (re-attach or drop under Round &gt; Missing files)</source>
        <translation>{count} Datei nicht gesendet: nicht mehr auf diesem Laptop (unter Runde &gt; Fehlende Dateien neu anhängen oder verwerfen)</translation>
    </message>
    <message>
        <source>{count} files not sent: gone from this laptop (re-attach or drop under Round &gt; Missing files)</source>
        <translation>{count} Dateien nicht gesendet: nicht mehr auf diesem Laptop (unter Runde &gt; Fehlende Dateien neu anhängen oder verwerfen)</translation>
    </message>
    <message>
        <source>{count} file from colleagues fetched</source>
        <translation>{count} Datei von Kollegen geholt</translation>
    </message>
    <message>
        <source>{count} files from colleagues fetched</source>
        <translation>{count} Dateien von Kollegen geholt</translation>
    </message>
    <message>
        <source>{count} visit in conflict</source>
        <translation>{count} Besuch im Konflikt</translation>
    </message>
    <message>
        <source>{count} visits in conflict</source>
        <translation>{count} Besuche im Konflikt</translation>
    </message>
    <message>
        <source>received {count} change</source>
        <translation>{count} Änderung empfangen</translation>
    </message>
    <message>
        <source>received {count} changes</source>
        <translation>{count} Änderungen empfangen</translation>
    </message>
    <message>
        <source>Sync done: {parts}.</source>
        <translation>Synchronisiert: {parts}.</translation>
    </message>
    <message>
        <source>Sync done: nothing new.</source>
        <translation>Synchronisiert: nichts Neues.</translation>
    </message>
    <message>
        <source>Since last s&amp;ync…</source>
        <translation>Seit letzter S&amp;ynchronisierung…</translation>
    </message>
    <message>
        <source>Visits that came to your round or left it ({keys})</source>
        <translation>Besuche, die zu Ihrer Runde kamen oder sie verließen ({keys})</translation>
    </message>
    <message>
        <source>Click for what changed since the last sync ({keys})</source>
        <translation>Klicken Sie, um zu sehen, was sich seit der letzten Synchronisierung geändert hat ({keys})</translation>
    </message>
    <message>
        <source>And {count} more.</source>
        <translation>Und {count} weitere.</translation>
    </message>
    <message>
        <source>Your round changed</source>
        <translation>Ihre Runde hat sich geändert</translation>
    </message>
    <message>
        <source>Show changes</source>
        <translation>Änderungen zeigen</translation>
    </message>
</context>
<context>
    <name>Theme</name>
    <message>
        <source>&amp;System</source>
        <translation>&amp;System</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Design</translation>
    </message>
</context>
<context>
    <name>UpdateNotice</name>
    <message>
        <source>FieldApp {mine}: the newest the server knows of.</source>
        <translation>FieldApp {mine}: die neueste, die der Server kennt.</translation>
    </message>
    <message>
        <source>FieldApp {mine}. &lt;b&gt;FieldApp {version} is available&lt;/b&gt; (ask IT how to install it).</source>
        <translation>FieldApp {mine}. &lt;b&gt;FieldApp {version} ist verfügbar&lt;/b&gt; (fragen Sie die IT, wie Sie sie installieren).</translation>
    </message>
    <message>
        <source>FieldApp {mine}. &lt;b&gt;FieldApp {version} is available&lt;/b&gt; from {link}.</source>
        <translation>FieldApp {mine}. &lt;b&gt;FieldApp {version} ist verfügbar&lt;/b&gt; unter {link}.</translation>
    </message>
    <message>
        <source>Update available</source>
        <translation>Update verfügbar</translation>
    </message>
    <message>
        <source>Update: FieldApp {version} &lt;a href=&quot;{url}&quot;&gt;Get it&lt;/a&gt;</source>
        <translation>Update: FieldApp {version} &lt;a href=&quot;{url}&quot;&gt;Holen&lt;/a&gt;</translation>
    </message>
    <message>
        <source>Update: FieldApp {version}</source>
        <translation>Update: FieldApp {version}</translation>
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
