<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>CacheError</name>
    <message>
        <source>recorded events</source>
        <translation>erfasste Einträge</translation>
    </message>
    <message>
        <source>the events waiting to be sent</source>
        <translation>die Einträge, die auf das Senden warten</translation>
    </message>
    <message>
        <source>the account details</source>
        <translation>die Kontodaten</translation>
    </message>
    <message>
        <source>the list of files</source>
        <translation>die Dateiliste</translation>
    </message>
    <message>
        <source>drafts</source>
        <translation>Entwürfe</translation>
    </message>
    <message>
        <source>visits</source>
        <translation>Besuche</translation>
    </message>
    <message>
        <source>it is not a database, or not one this laptop&apos;s key opens</source>
        <translation>es ist keine Datenbank oder keine, die der Schlüssel dieses Laptops öffnet</translation>
    </message>
    <message>
        <source>its contents are malformed</source>
        <translation>ihr Inhalt ist fehlerhaft</translation>
    </message>
    <message>
        <source>it is cut short</source>
        <translation>sie ist abgeschnitten</translation>
    </message>
    <message>
        <source>This laptop&apos;s cache ({cache}) is encrypted, but the system keyring no longer holds its key (the keyring was reset, or the cache was copied from another computer), so it cannot be read and work not synced from it cannot be recovered here. To keep it aside, save what can still be read (unsynced work first) and start afresh, run `main.py sync --start-afresh` or choose Start afresh in the app.</source>
        <translation>Die lokalen Daten dieses Laptops ({cache}) sind verschlüsselt, aber der System-Schlüsselbund enthält ihren Schlüssel nicht mehr (der Schlüsselbund wurde zurückgesetzt oder die Daten wurden von einem anderen Computer kopiert); sie sind daher nicht lesbar, und nicht synchronisierte Arbeit daraus lässt sich hier nicht wiederherstellen. Um sie beiseitezulegen, das noch Lesbare zu retten (zuerst nicht synchronisierte Arbeit) und neu zu beginnen, führen Sie `main.py sync --start-afresh` aus oder wählen Sie in der App Neu beginnen.</translation>
    </message>
    <message>
        <source>This laptop&apos;s cache ({cache}) is missing or empty, though this laptop synced before ({user} on {server}, last on {when} UTC): work recorded since that sync may be lost. If you have a copy of that file, put it back before going on; otherwise starting afresh downloads your round again.</source>
        <translation>Die lokalen Daten dieses Laptops ({cache}) fehlen oder sind leer, obwohl dieser Laptop schon synchronisiert hat ({user} auf {server}, zuletzt am {when} UTC): Seitdem erfasste Arbeit ist womöglich verloren. Wenn Sie eine Kopie dieser Datei haben, legen Sie sie zurück, bevor Sie fortfahren; sonst lädt ein Neubeginn Ihre Runde erneut herunter.</translation>
    </message>
    <message>
        <source>This laptop&apos;s cache ({cache}) is behind the one last used here ({user} on {server}, last on {when} UTC): it was replaced or restored from an older copy, and up to {count} event(s) recorded here are not in it. If you have the newer file, put it back before going on; otherwise starting afresh carries on with this one.</source>
        <translation>Die lokalen Daten dieses Laptops ({cache}) sind älter als die zuletzt hier verwendeten ({user} auf {server}, zuletzt am {when} UTC): Sie wurden ersetzt oder aus einer älteren Kopie wiederhergestellt, und bis zu {count} hier erfasste Einträge fehlen darin. Wenn Sie die neuere Datei haben, legen Sie sie zurück, bevor Sie fortfahren; sonst arbeitet ein Neubeginn mit diesen Daten weiter.</translation>
    </message>
    <message>
        <source>This laptop&apos;s cache ({cache}) is behind the one last used here ({user} on {server}, last on {when} UTC): it was replaced or restored from an older copy, and changes are not in it. If you have the newer file, put it back before going on; otherwise starting afresh carries on with this one.</source>
        <translation>Die lokalen Daten dieses Laptops ({cache}) sind älter als die zuletzt hier verwendeten ({user} auf {server}, zuletzt am {when} UTC): Sie wurden ersetzt oder aus einer älteren Kopie wiederhergestellt, und Änderungen fehlen darin. Wenn Sie die neuere Datei haben, legen Sie sie zurück, bevor Sie fortfahren; sonst arbeitet ein Neubeginn mit diesen Daten weiter.</translation>
    </message>
    <message>
        <source>This laptop&apos;s cache ({cache}) is damaged ({reason}), so FieldApp cannot read it. Nothing has been changed or sent yet. To keep it aside, save what can still be read (unsynced work first) and start afresh, run `main.py sync --start-afresh` or choose Start afresh in the app.</source>
        <translation>Die lokalen Daten dieses Laptops ({cache}) sind beschädigt ({reason}), daher kann FieldApp sie nicht lesen. Es wurde noch nichts geändert oder gesendet. Um sie beiseitezulegen, das noch Lesbare zu retten (zuerst nicht synchronisierte Arbeit) und neu zu beginnen, führen Sie `main.py sync --start-afresh` aus oder wählen Sie in der App Neu beginnen.</translation>
    </message>
</context>
<context>
    <name>FeedNews</name>
    <message>
        <source>Dispatch reassigned this visit to {holder}; what you recorded is kept for a supervisor to review.</source>
        <translation>Die Disposition hat diesen Besuch {holder} zugewiesen; was Sie erfasst haben, bleibt zur Prüfung durch Vorgesetzte erhalten.</translation>
    </message>
    <message>
        <source>Dispatch took this visit off your list; what you recorded is kept for a supervisor to review.</source>
        <translation>Die Disposition hat diesen Besuch von Ihrer Liste genommen; was Sie erfasst haben, bleibt zur Prüfung durch Vorgesetzte erhalten.</translation>
    </message>
    <message>
        <source>You are no longer on this visit&apos;s team; what you recorded is kept for a supervisor to review.</source>
        <translation>Sie gehören nicht mehr zum Team dieses Besuchs; was Sie erfasst haben, bleibt zur Prüfung durch Vorgesetzte erhalten.</translation>
    </message>
    <message>
        <source>Dispatch cancelled this visit before this arrived; what you recorded is kept for a supervisor to review.</source>
        <translation>Die Disposition hat diesen Besuch abgesagt, bevor dies ankam; was Sie erfasst haben, bleibt zur Prüfung durch Vorgesetzte erhalten.</translation>
    </message>
    <message>
        <source>Now with {holder}, reassigned by {by}.</source>
        <translation>Jetzt bei {holder}, neu zugewiesen von {by}.</translation>
    </message>
    <message>
        <source>{by} took this visit off your list.</source>
        <translation>{by} hat diesen Besuch von Ihrer Liste genommen.</translation>
    </message>
    <message>
        <source>{by} took you off this visit&apos;s team.</source>
        <translation>{by} hat Sie aus dem Team dieses Besuchs genommen.</translation>
    </message>
    <message>
        <source>Dispatch cancelled this visit: {why}</source>
        <translation>Die Disposition hat diesen Besuch abgesagt: {why}</translation>
    </message>
    <message>
        <source>The server took this visit off your round.</source>
        <translation>Der Server hat diesen Besuch aus Ihrer Runde genommen.</translation>
    </message>
</context>
<context>
    <name>StoreError</name>
    <message>
        <source>This visit is not on this laptop (any more).</source>
        <translation>Dieser Besuch ist nicht (mehr) auf diesem Laptop.</translation>
    </message>
    <message>
        <source>This visit is no longer assigned to you, so nothing more can be recorded.</source>
        <translation>Dieser Besuch ist Ihnen nicht mehr zugewiesen, daher kann nichts mehr erfasst werden.</translation>
    </message>
    <message>
        <source>this laptop could not write its files</source>
        <translation>dieser Laptop konnte seine Dateien nicht schreiben</translation>
    </message>
    <message>
        <source>try again</source>
        <translation>versuchen Sie es erneut</translation>
    </message>
    <message>
        <source>this laptop&apos;s disk is full</source>
        <translation>der Datenträger dieses Laptops ist voll</translation>
    </message>
    <message>
        <source>free some space (old downloads, the recycle bin)</source>
        <translation>schaffen Sie Platz (alte Downloads, der Papierkorb)</translation>
    </message>
    <message>
        <source>This laptop&apos;s disk is full, so nothing was saved. Free some space (old downloads, the recycle bin), then try again; what was saved before is safe.</source>
        <translation>Der Datenträger dieses Laptops ist voll, daher wurde nichts gespeichert. Schaffen Sie Platz (alte Downloads, der Papierkorb) und versuchen Sie es erneut; was vorher gespeichert wurde, ist sicher.</translation>
    </message>
    <message>
        <source>make the folder writable again (or ask IT)</source>
        <translation>machen Sie den Ordner wieder beschreibbar (oder fragen Sie die IT)</translation>
    </message>
    <message>
        <source>FieldApp&apos;s data folder is read-only</source>
        <translation>der Datenordner von FieldApp ist schreibgeschützt</translation>
    </message>
    <message>
        <source>FieldApp cannot write to its data folder ({folder}): it is read-only, so nothing new can be saved. What was saved before is safe. Make the folder writable again (or ask IT), then try again.</source>
        <translation>FieldApp kann nicht in seinen Datenordner ({folder}) schreiben: Er ist schreibgeschützt, daher kann nichts Neues gespeichert werden. Was vorher gespeichert wurde, ist sicher. Machen Sie den Ordner wieder beschreibbar (oder fragen Sie die IT) und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>FieldApp cannot write to its data folder: it is read-only, so nothing new can be saved. What was saved before is safe. Make the folder writable again (or ask IT), then try again.</source>
        <translation>FieldApp kann nicht in seinen Datenordner schreiben: Er ist schreibgeschützt, daher kann nichts Neues gespeichert werden. Was vorher gespeichert wurde, ist sicher. Machen Sie den Ordner wieder beschreibbar (oder fragen Sie die IT) und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>This is not the signature the sign-off was recorded with, and a signature cannot be swapped. Find the original file (a backup, the USB key it was copied to), or ask the customer to sign again by recording the sign-off anew.</source>
        <translation>Dies ist nicht die Unterschrift, mit der die Abnahme erfasst wurde, und eine Unterschrift kann nicht ausgetauscht werden. Suchen Sie die Originaldatei (eine Sicherung, den USB-Stick, auf den sie kopiert wurde) oder lassen Sie den Kunden erneut unterschreiben, indem Sie die Abnahme neu erfassen.</translation>
    </message>
    <message>
        <source>A sign-off cannot be dropped for a missing signature: re-attach the signature file, or ask the visit&apos;s coordinator what to do.</source>
        <translation>Eine Abnahme kann wegen einer fehlenden Unterschrift nicht verworfen werden: Hängen Sie die Unterschriftsdatei neu an oder fragen Sie die Koordination des Besuchs, was zu tun ist.</translation>
    </message>
</context>
<context>
    <name>SyncError</name>
    <message>
        <source>Wrong user name or password.</source>
        <translation>Falscher Benutzername oder falsches Passwort.</translation>
    </message>
    <message>
        <source>Your login has expired; please log in again.</source>
        <translation>Ihre Anmeldung ist abgelaufen; bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>You were logged out of the server; please log in again.</source>
        <translation>Sie wurden vom Server abgemeldet; bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>Please log in to the server to sync.</source>
        <translation>Bitte melden Sie sich beim Server an, um zu synchronisieren.</translation>
    </message>
    <message>
        <source>Your account has been disabled on the server; ask your supervisor.</source>
        <translation>Ihr Konto wurde auf dem Server deaktiviert; wenden Sie sich an Ihre Vorgesetzten.</translation>
    </message>
    <message>
        <source>The server speaks a newer protocol (version {server}) than this app (version {app}); please update FieldApp.</source>
        <translation>Der Server spricht ein neueres Protokoll (Version {server}) als diese App (Version {app}); bitte aktualisieren Sie FieldApp.</translation>
    </message>
    <message>
        <source>The server is too old for this app (protocol version {server}, this app needs {app}); ask IT to update the server.</source>
        <translation>Der Server ist zu alt für diese App (Protokollversion {server}, diese App braucht {app}); bitten Sie die IT, den Server zu aktualisieren.</translation>
    </message>
    <message>
        <source>This FieldApp ({app}) is too old for the server, which needs version {needed} or newer: it cannot sync until it is updated. Please update FieldApp from {url}.</source>
        <translation>Diese FieldApp ({app}) ist zu alt für den Server, der Version {needed} oder neuer braucht: Sie kann erst nach einem Update synchronisieren. Bitte aktualisieren Sie FieldApp über {url}.</translation>
    </message>
    <message>
        <source>This FieldApp ({app}) is too old for the server, which needs version {needed} or newer: it cannot sync until it is updated. Please update FieldApp.</source>
        <translation>Diese FieldApp ({app}) ist zu alt für den Server, der Version {needed} oder neuer braucht: Sie kann erst nach einem Update synchronisieren. Bitte aktualisieren Sie FieldApp.</translation>
    </message>
    <message>
        <source>This server does not offer the FieldApp sync protocol this app needs ({prefix}); check the address or ask IT to update it.</source>
        <translation>Dieser Server bietet das Sync-Protokoll, das diese App braucht ({prefix}), nicht an; prüfen Sie die Adresse oder bitten Sie die IT, ihn zu aktualisieren.</translation>
    </message>
    <message>
        <source>The server sent a different file than the one asked for; nothing was kept.</source>
        <translation>Der Server hat eine andere als die angeforderte Datei gesendet; nichts wurde gespeichert.</translation>
    </message>
    <message>
        <source>This version of FieldApp is too old for the server; please update.</source>
        <translation>Diese Version von FieldApp ist zu alt für den Server; bitte aktualisieren Sie sie.</translation>
    </message>
    <message>
        <source>The server is busy; please try again in a moment.</source>
        <translation>Der Server ist ausgelastet; bitte versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>The server had a problem (HTTP {status}); your work is kept and will be sent later.</source>
        <translation>Der Server hatte ein Problem (HTTP {status}); Ihre Arbeit bleibt erhalten und wird später gesendet.</translation>
    </message>
    <message>
        <source>The server refused the request (HTTP {status}).</source>
        <translation>Der Server hat die Anfrage abgelehnt (HTTP {status}).</translation>
    </message>
    <message>
        <source>The server&apos;s answer to your work could not be read: the server may have stored part of it. Everything is kept on this laptop; the next sync settles it, without duplicates.</source>
        <translation>Die Antwort des Servers auf Ihre Arbeit war nicht lesbar: Der Server hat sie womöglich teilweise gespeichert. Alles bleibt auf diesem Laptop erhalten; die nächste Synchronisierung klärt es, ohne Duplikate.</translation>
    </message>
    <message>
        <source>The server sent an answer this app cannot read; nothing was changed. The server may be misconfigured or a network device may have altered it.</source>
        <translation>Der Server hat eine Antwort gesendet, die diese App nicht lesen kann; nichts wurde geändert. Der Server ist womöglich falsch eingerichtet, oder ein Netzwerkgerät hat die Antwort verändert.</translation>
    </message>
    <message>
        <source>The server keeps asking for a full download; sync stopped. Please tell IT.</source>
        <translation>Der Server verlangt immer wieder einen vollständigen Download; die Synchronisierung wurde angehalten. Bitte informieren Sie die IT.</translation>
    </message>
    <message>
        <source>The server&apos;s change feed does not move forward; sync stopped.</source>
        <translation>Die Änderungsliste des Servers kommt nicht voran; die Synchronisierung wurde angehalten.</translation>
    </message>
    <message>
        <source>The server sent changes this app cannot apply; nothing was changed.</source>
        <translation>Der Server hat Änderungen gesendet, die diese App nicht übernehmen kann; nichts wurde geändert.</translation>
    </message>
    <message>
        <source>The server received your work and answered, but this laptop could not note the answer: {cause}. Nothing is lost: {remedy}; the next sync then settles it, without duplicates.</source>
        <translation>Der Server hat Ihre Arbeit erhalten und geantwortet, aber dieser Laptop konnte die Antwort nicht festhalten: {cause}. Nichts geht verloren: {remedy}; die nächste Synchronisierung klärt es dann, ohne Duplikate.</translation>
    </message>
    <message>
        <source>The connection to {server} is not secure: its certificate could not be verified. Check the server address, or ask IT for the server&apos;s CA certificate.</source>
        <translation>Die Verbindung zu {server} ist nicht sicher: Sein Zertifikat konnte nicht geprüft werden. Prüfen Sie die Serveradresse oder fragen Sie die IT nach dem CA-Zertifikat des Servers.</translation>
    </message>
    <message>
        <source>Cannot reach the server at {server} (no network, or the server is down); nothing was sent. Your work is kept and will be sent later.</source>
        <translation>Der Server unter {server} ist nicht erreichbar (kein Netz, oder der Server ist ausgefallen); nichts wurde gesendet. Ihre Arbeit bleibt erhalten und wird später gesendet.</translation>
    </message>
    <message>
        <source>The server at {server} did not answer in time after your work was sent: it may have stored part of it. Everything is kept on this laptop; the next sync settles it, without duplicates.</source>
        <translation>Der Server unter {server} hat nach dem Senden Ihrer Arbeit nicht rechtzeitig geantwortet: Er hat sie womöglich teilweise gespeichert. Alles bleibt auf diesem Laptop erhalten; die nächste Synchronisierung klärt es, ohne Duplikate.</translation>
    </message>
    <message>
        <source>The server&apos;s answer was cut off after your work was sent: the server may have stored part of it. Everything is kept on this laptop; the next sync settles it, without duplicates.</source>
        <translation>Die Antwort des Servers brach nach dem Senden Ihrer Arbeit ab: Der Server hat sie womöglich teilweise gespeichert. Alles bleibt auf diesem Laptop erhalten; die nächste Synchronisierung klärt es, ohne Duplikate.</translation>
    </message>
    <message>
        <source>The connection to the server at {server} broke after your work was sent, before the server&apos;s answer arrived: the server may have stored part of it. Everything is kept on this laptop; the next sync settles it, without duplicates.</source>
        <translation>Die Verbindung zum Server unter {server} brach nach dem Senden Ihrer Arbeit ab, bevor seine Antwort kam: Der Server hat sie womöglich teilweise gespeichert. Alles bleibt auf diesem Laptop erhalten; die nächste Synchronisierung klärt es, ohne Duplikate.</translation>
    </message>
    <message>
        <source>The server at {server} did not answer in time; your work is kept and will be sent later.</source>
        <translation>Der Server unter {server} hat nicht rechtzeitig geantwortet; Ihre Arbeit bleibt erhalten und wird später gesendet.</translation>
    </message>
    <message>
        <source>The server&apos;s answer was cut off or garbled; nothing was changed. Try again.</source>
        <translation>Die Antwort des Servers war abgeschnitten oder verstümmelt; nichts wurde geändert. Versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The connection to the server at {server} broke before its answer arrived; your work is kept and will be sent later.</source>
        <translation>Die Verbindung zum Server unter {server} brach ab, bevor seine Antwort kam; Ihre Arbeit bleibt erhalten und wird später gesendet.</translation>
    </message>
    <message>
        <source>Talking to the server at {server} failed.</source>
        <translation>Die Verbindung mit dem Server unter {server} ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>The download from the server was interrupted; nothing was saved. Try again.</source>
        <translation>Der Download vom Server wurde unterbrochen; nichts wurde gespeichert. Versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Could not save {file}: {why}.</source>
        <translation>{file} konnte nicht gespeichert werden: {why}.</translation>
    </message>
    <message>
        <source>{file}: only .csv and .json files can be imported.</source>
        <translation>{file}: Nur .csv- und .json-Dateien können importiert werden.</translation>
    </message>
    <message>
        <source>Could not read {file}: {why}; nothing was imported.</source>
        <translation>{file} konnte nicht gelesen werden: {why}; nichts wurde importiert.</translation>
    </message>
    <message>
        <source>The CA bundle {bundle} cannot be used: it is missing, unreadable or holds no PEM certificate. Choose another in Settings, or clear it.</source>
        <translation>Das CA-Bundle {bundle} ist nicht verwendbar: Es fehlt, ist nicht lesbar oder enthält kein PEM-Zertifikat. Wählen Sie in den Einstellungen ein anderes oder entfernen Sie es.</translation>
    </message>
    <message>
        <source>FieldApp {version} is available (this laptop has {mine}). Get it from {url}. Syncing goes on meanwhile.</source>
        <translation>FieldApp {version} ist verfügbar (dieser Laptop hat {mine}). Sie erhalten sie unter {url}. Die Synchronisierung läuft währenddessen weiter.</translation>
    </message>
    <message>
        <source>FieldApp {version} is available (this laptop has {mine}). Ask IT how to install it. Syncing goes on meanwhile.</source>
        <translation>FieldApp {version} ist verfügbar (dieser Laptop hat {mine}). Fragen Sie die IT, wie Sie sie installieren. Die Synchronisierung läuft währenddessen weiter.</translation>
    </message>
    <message>
        <source>No system keyring is available to keep your login safely. Install and unlock a Secret Service provider such as gnome-keyring or KWallet, then log in again.</source>
        <translation>Es ist kein System-Schlüsselbund verfügbar, um Ihre Anmeldung sicher aufzubewahren. Installieren und entsperren Sie einen Secret-Service-Anbieter wie gnome-keyring oder KWallet und melden Sie sich dann erneut an.</translation>
    </message>
    <message>
        <source>Logged out: this laptop&apos;s cache and files were erased.</source>
        <translation>Abgemeldet: Die lokalen Daten und Dateien dieses Laptops wurden gelöscht.</translation>
    </message>
    <message>
        <source>Logged out: this laptop&apos;s cache and files were erased, and the server ended every session of this account, on every device.</source>
        <translation>Abgemeldet: Die lokalen Daten und Dateien dieses Laptops wurden gelöscht, und der Server hat jede Sitzung dieses Kontos auf jedem Gerät beendet.</translation>
    </message>
    <message>
        <source>Logged out: this laptop&apos;s cache and files were erased, and the server revoked the login.</source>
        <translation>Abgemeldet: Die lokalen Daten und Dateien dieses Laptops wurden gelöscht, und der Server hat die Anmeldung widerrufen.</translation>
    </message>
    <message>
        <source>Logged out: this laptop&apos;s cache and files were erased, and the server could not be told, so the login expires there by itself.</source>
        <translation>Abgemeldet: Die lokalen Daten und Dateien dieses Laptops wurden gelöscht; der Server konnte nicht benachrichtigt werden, daher läuft die Anmeldung dort von selbst ab.</translation>
    </message>
</context>
</TS>
