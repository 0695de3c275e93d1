<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ClientOptions</name>
    <message>
        <source>RecordLock desktop client: edit shared customer and claim records; everyone sees at once who is editing what.</source>
        <translation>RecordLock-Desktop-Client: gemeinsame Kunden- und Schadensdatensätze bearbeiten; alle sehen sofort, wer was bearbeitet.</translation>
    </message>
    <message>
        <source>url</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>User interface language, e.g. de or en (default: system).</source>
        <translation>Sprache der Oberfläche, z. B. de oder en (Standard: Systemsprache).</translation>
    </message>
    <message>
        <source>code</source>
        <translation>Kürzel</translation>
    </message>
    <message>
        <source>User name to sign in with. With the password in the RECORDLOCK_PASSWORD environment variable, signs in at once.</source>
        <translation>Benutzername für die Anmeldung. Steht das Passwort in der Umgebungsvariablen RECORDLOCK_PASSWORD, wird sofort angemeldet.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Window position and size in pixels.</source>
        <translation>Fensterposition und -größe in Pixeln.</translation>
    </message>
    <message>
        <source>x,y,w,h</source>
        <translation>x,y,b,h</translation>
    </message>
    <message>
        <source>Put the window on the left or right half of the screen.</source>
        <translation>Fenster in die linke oder rechte Bildschirmhälfte setzen.</translation>
    </message>
    <message>
        <source>left|right</source>
        <translation>left|right</translation>
    </message>
    <message>
        <source>Minutes without input before the idle warning (default 10).</source>
        <translation>Minuten ohne Eingabe bis zur Inaktivitätswarnung (Standard: 10).</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>Minuten</translation>
    </message>
    <message>
        <source>Use a dark colour scheme.</source>
        <translation>Dunkles Farbschema verwenden.</translation>
    </message>
    <message>
        <source>--server needs a ws:// or wss:// URL, e.g. ws://127.0.0.1:8765/ws</source>
        <translation>--server erwartet eine ws://- oder wss://-URL, z. B. ws://127.0.0.1:8765/ws</translation>
    </message>
    <message>
        <source>--geometry needs four numbers: x,y,width,height</source>
        <translation>--geometry erwartet vier Zahlen: x,y,Breite,Höhe</translation>
    </message>
    <message>
        <source>--position is left or right</source>
        <translation>--position ist left oder right</translation>
    </message>
    <message>
        <source>--idle-minutes needs a whole number of minutes, at least 1</source>
        <translation>--idle-minutes erwartet eine ganze Zahl von Minuten, mindestens 1</translation>
    </message>
    <message>
        <source>Also trust the CA certificates in this PEM file for wss:// servers (default: the RECORDLOCK_CA_CERT environment variable).</source>
        <translation>Zusätzlich den CA-Zertifikaten in dieser PEM-Datei für wss://-Server vertrauen (Standard: die Umgebungsvariable RECORDLOCK_CA_CERT).</translation>
    </message>
    <message>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>--ca-cert needs a file name</source>
        <translation>--ca-cert braucht einen Dateinamen</translation>
    </message>
    <message>
        <source>--ca-cert: cannot read %1: %2</source>
        <translation>--ca-cert: %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>--ca-cert: %1 holds no PEM certificate</source>
        <translation>--ca-cert: %1 enthält kein PEM-Zertifikat</translation>
    </message>
    <message>
        <source>Lock server WebSocket URL (default %1). Several servers of one installation: repeat the option or separate the URLs with commas; the client fails over to the next when one cannot be reached.</source>
        <translation>WebSocket-URL des Sperrservers (Standard: %1). Mehrere Server einer Installation: die Option wiederholen oder die URLs durch Kommas trennen; ist einer nicht erreichbar, wechselt der Client zum nächsten.</translation>
    </message>
    <message>
        <source>--server: &quot;%1&quot; is not a ws:// or wss:// URL, e.g. ws://127.0.0.1:8765/ws</source>
        <translation>--server: „%1“ ist keine ws://- oder wss://-URL, z. B. ws://127.0.0.1:8765/ws</translation>
    </message>
</context>
<context>
    <name>EditorMessageText</name>
    <message>
        <source>Not saved: this window no longer holds the lock. Your changes are kept as a draft.</source>
        <translation>Nicht gespeichert: Dieses Fenster hält die Sperre nicht mehr. Ihre Änderungen bleiben als Entwurf erhalten.</translation>
    </message>
    <message>
        <source>Not saved: someone else changed this record in the meantime. Your changes are kept; review the differences, then save again.</source>
        <translation>Nicht gespeichert: Jemand anderes hat den Datensatz inzwischen geändert. Ihre Änderungen bleiben erhalten; prüfen Sie die Unterschiede und speichern Sie dann erneut.</translation>
    </message>
    <message>
        <source>Not saved: the server or its database cannot be reached right now. Your changes are kept; save again in a moment.</source>
        <translation>Nicht gespeichert: Der Server oder seine Datenbank ist gerade nicht erreichbar. Ihre Änderungen bleiben erhalten; speichern Sie in einem Moment erneut.</translation>
    </message>
    <message>
        <source>Not saved: this record no longer exists. Your changes are kept as a draft.</source>
        <translation>Nicht gespeichert: Diesen Datensatz gibt es nicht mehr. Ihre Änderungen bleiben als Entwurf erhalten.</translation>
    </message>
    <message>
        <source>Not saved: a value is too long or not allowed. Your changes are kept.</source>
        <translation>Nicht gespeichert: Ein Wert ist zu lang oder nicht zulässig. Ihre Änderungen bleiben erhalten.</translation>
    </message>
    <message>
        <source>Not saved: you are not allowed to change this record. Your changes are kept as a draft.</source>
        <translation>Nicht gespeichert: Sie dürfen diesen Datensatz nicht ändern. Ihre Änderungen bleiben als Entwurf erhalten.</translation>
    </message>
    <message>
        <source>Not saved: the server is busy. Your changes are kept; try again in a moment.</source>
        <translation>Nicht gespeichert: Der Server ist ausgelastet. Ihre Änderungen bleiben erhalten; versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>Not saved because of a problem on the server. Your changes are kept; try again later.</source>
        <translation>Wegen eines Serverproblems nicht gespeichert. Ihre Änderungen bleiben erhalten; versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>%1 is editing this record, so it stays read-only. Anything you typed is kept as a draft.</source>
        <translation>%1 bearbeitet diesen Datensatz, daher bleibt er schreibgeschützt. Alles, was Sie eingegeben haben, bleibt als Entwurf erhalten.</translation>
    </message>
    <message>
        <source>Someone else is editing this record, so it stays read-only. Anything you typed is kept as a draft.</source>
        <translation>Jemand anderes bearbeitet diesen Datensatz, daher bleibt er schreibgeschützt. Alles, was Sie eingegeben haben, bleibt als Entwurf erhalten.</translation>
    </message>
    <message>
        <source>The lock cannot be requested right now: the server or its lock store is unreachable. Anything you typed is kept; try again in a moment.</source>
        <translation>Die Sperre kann gerade nicht angefordert werden: Der Server oder sein Sperrspeicher ist nicht erreichbar. Alles, was Sie eingegeben haben, bleibt erhalten; versuchen Sie es in einem Moment erneut.</translation>
    </message>
    <message>
        <source>This record no longer exists.</source>
        <translation>Diesen Datensatz gibt es nicht mehr.</translation>
    </message>
    <message>
        <source>The lock could not be requested because of a problem on the server. Try again later.</source>
        <translation>Die Sperre konnte wegen eines Serverproblems nicht angefordert werden. Versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>This record cannot be loaded while the server is unreachable. It loads as soon as the connection is back.</source>
        <translation>Der Datensatz kann nicht geladen werden, solange der Server nicht erreichbar ist. Er wird geladen, sobald die Verbindung wieder steht.</translation>
    </message>
    <message>
        <source>This record could not be loaded because of a problem on the server.</source>
        <translation>Der Datensatz konnte wegen eines Serverproblems nicht geladen werden.</translation>
    </message>
    <message>
        <source>Save is unavailable while offline; your changes are kept.</source>
        <translation>Speichern ist offline nicht möglich; Ihre Änderungen bleiben erhalten.</translation>
    </message>
    <message>
        <source>Save is unavailable until the conflicting changes are resolved.</source>
        <translation>Speichern ist erst möglich, wenn die widersprüchlichen Änderungen aufgelöst sind.</translation>
    </message>
    <message>
        <source>Save is unavailable: %1 is editing this record.</source>
        <translation>Speichern nicht möglich: %1 bearbeitet diesen Datensatz.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert …</translation>
    </message>
    <message>
        <source>Save is unavailable until you start editing (Ctrl+E).</source>
        <translation>Speichern ist erst möglich, wenn Sie mit dem Bearbeiten beginnen (Strg+E).</translation>
    </message>
    <message>
        <source>Save is unavailable: there are no changes.</source>
        <translation>Speichern nicht möglich: Es gibt keine Änderungen.</translation>
    </message>
    <message>
        <source>%1 %2 · version %3</source>
        <translation>%1 %2 · Version %3</translation>
    </message>
    <message>
        <source>%1 %2 · version %3 · last saved by %4 at %5</source>
        <translation>%1 %2 · Version %3 · zuletzt gespeichert von %4 um %5</translation>
    </message>
    <message>
        <source>An administrator took over editing. Your changes are kept as a draft.</source>
        <translation>Ein Administrator hat die Bearbeitung übernommen. Ihre Änderungen bleiben als Entwurf erhalten.</translation>
    </message>
    <message>
        <source>%1 took over editing. Your changes are kept as a draft.</source>
        <translation>%1 hat die Bearbeitung übernommen. Ihre Änderungen bleiben als Entwurf erhalten.</translation>
    </message>
    <message>
        <source>Nothing was taken over: the lock was released meanwhile and nobody holds it now. Close this dialog and click Edit to edit the record.</source>
        <translation>Nichts wurde übernommen: Die Sperre wurde inzwischen freigegeben, niemand hält sie jetzt. Schließen Sie diesen Dialog und klicken Sie auf Bearbeiten, um den Datensatz zu bearbeiten.</translation>
    </message>
    <message>
        <source>Nothing was taken over: %1 holds the lock now. Check the details above, then take over again if you still need to.</source>
        <translation>Nichts wurde übernommen: Jetzt hält %1 die Sperre. Prüfen Sie die Angaben oben und übernehmen Sie erneut, falls es noch nötig ist.</translation>
    </message>
    <message>
        <source>Nothing was taken over: only administrators may take over editing, and the server says your account is not one (any more).</source>
        <translation>Nichts wurde übernommen: Nur Administratoren dürfen die Bearbeitung übernehmen, und laut Server ist Ihr Konto (nicht mehr) eines davon.</translation>
    </message>
    <message>
        <source>Nothing was taken over: the reason must be 3 to 500 characters long.</source>
        <translation>Nichts wurde übernommen: Die Begründung muss 3 bis 500 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>Nothing was taken over: this record no longer exists.</source>
        <translation>Nichts wurde übernommen: Diesen Datensatz gibt es nicht mehr.</translation>
    </message>
    <message>
        <source>Nothing was taken over: the server or its lock store cannot be reached right now. Try again in a moment.</source>
        <translation>Nichts wurde übernommen: Der Server oder sein Sperrspeicher ist gerade nicht erreichbar. Versuchen Sie es in einem Moment erneut.</translation>
    </message>
    <message>
        <source>Nothing was taken over: the server is busy. Try again in a moment.</source>
        <translation>Nichts wurde übernommen: Der Server ist ausgelastet. Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>Nothing was taken over because of a problem on the server. Try again later.</source>
        <translation>Wegen eines Problems auf dem Server wurde nichts übernommen. Versuchen Sie es später erneut.</translation>
    </message>
</context>
<context>
    <name>FieldCatalog</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Claim number</source>
        <translation>Schadennummer</translation>
    </message>
    <message>
        <source>Policy number</source>
        <translation>Policennummer</translation>
    </message>
    <message>
        <source>Claimant</source>
        <translation>Anspruchsteller</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Incident date</source>
        <translation>Schadendatum</translation>
    </message>
    <message>
        <source>Adjuster</source>
        <translation>Sachbearbeiter</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Claim</source>
        <translation>Schadenfall</translation>
    </message>
</context>
<context>
    <name>LockBannerText</name>
    <message>
        <source>Nobody holds the lock now: click Edit to lock the record again.</source>
        <translation>Niemand hält jetzt die Sperre: Klicken Sie auf Bearbeiten, um den Datensatz wieder zu sperren.</translation>
    </message>
    <message>
        <source>Checking whether someone is editing this record…</source>
        <translation>Es wird geprüft, ob jemand diesen Datensatz bearbeitet …</translation>
    </message>
    <message>
        <source>Available — click Edit to edit</source>
        <translation>Frei — zum Bearbeiten auf Bearbeiten klicken</translation>
    </message>
    <message>
        <source>Nobody is editing this record. Typing in a field also starts editing.</source>
        <translation>Niemand bearbeitet diesen Datensatz. Auch Tippen in ein Feld beginnt die Bearbeitung.</translation>
    </message>
    <message>
        <source>Requesting the lock…</source>
        <translation>Sperre wird angefordert …</translation>
    </message>
    <message>
        <source>Waiting for the server. Anything you type is kept.</source>
        <translation>Warten auf den Server. Alles, was Sie eingeben, bleibt erhalten.</translation>
    </message>
    <message>
        <source>You are editing this record in another window</source>
        <translation>Sie bearbeiten diesen Datensatz in einem anderen Fenster</translation>
    </message>
    <message>
        <source>Since %1 · lock expires %2. Choose Edit here instead to continue in this window.</source>
        <translation>Seit %1 · Sperre läuft ab um %2. Wählen Sie „Stattdessen hier bearbeiten“, um in diesem Fenster weiterzumachen.</translation>
    </message>
    <message>
        <source>Now being edited by %1 since %2 · lock expires %3.</source>
        <translation>Jetzt in Bearbeitung durch %1 seit %2 · Sperre läuft ab um %3.</translation>
    </message>
    <message>
        <source>Offline — lock status unknown; your changes are kept; Save resumes when reconnected</source>
        <translation>Offline — Sperrstatus unbekannt; Ihre Änderungen bleiben erhalten; Speichern geht wieder, sobald die Verbindung steht</translation>
    </message>
    <message>
        <source>You were editing; the server keeps your lock for a short while, so you can carry on when the connection is back.</source>
        <translation>Sie haben bearbeitet; der Server hält Ihre Sperre noch eine Weile, sodass Sie weitermachen können, sobald die Verbindung wieder steht.</translation>
    </message>
    <message>
        <source>Last known: being edited by %1 until %2.</source>
        <translation>Zuletzt bekannt: in Bearbeitung durch %1 bis %2.</translation>
    </message>
    <message>
        <source>Are you still editing? The lock is released soon because of inactivity</source>
        <translation>Bearbeiten Sie noch? Die Sperre wird wegen Inaktivität bald freigegeben</translation>
    </message>
    <message>
        <source>Releasing in %1 · your changes are kept as a draft · choose Keep editing to continue.</source>
        <translation>Freigabe in %1 · Ihre Änderungen bleiben als Entwurf erhalten · wählen Sie „Weiter bearbeiten“, um fortzufahren.</translation>
    </message>
    <message>
        <source>Lock renewal is failing · your lock expires %1 · save soon</source>
        <translation>Sperre kann nicht verlängert werden · Ihre Sperre läuft ab um %1 · bald speichern</translation>
    </message>
    <message>
        <source>Expires in %1. Retrying automatically; your changes are kept as a draft.</source>
        <translation>Läuft ab in %1. Wird automatisch erneut versucht; Ihre Änderungen bleiben als Entwurf erhalten.</translation>
    </message>
    <message>
        <source>You are editing · lock renews automatically · expires %1</source>
        <translation>Sie bearbeiten · Sperre wird automatisch verlängert · läuft ab um %1</translation>
    </message>
    <message>
        <source>Others see that you are editing. Lock expires in %1 unless renewed.</source>
        <translation>Andere sehen, dass Sie bearbeiten. Die Sperre läuft in %1 ab, wenn sie nicht verlängert wird.</translation>
    </message>
    <message>
        <source>Being edited by %1 since %2 · lock expires %3 · %1 is disconnected</source>
        <translation>In Bearbeitung durch %1 seit %2 · Sperre läuft ab um %3 · %1 ist nicht verbunden</translation>
    </message>
    <message>
        <source>Read-only. The lock is freed at %1 (in %2) unless %3 reconnects.</source>
        <translation>Schreibgeschützt. Die Sperre wird um %1 (in %2) frei, falls sich %3 nicht wieder verbindet.</translation>
    </message>
    <message>
        <source>Being edited by %1 since %2 · lock expires %3</source>
        <translation>In Bearbeitung durch %1 seit %2 · Sperre läuft ab um %3</translation>
    </message>
    <message>
        <source>Read-only while %1 edits. Lock expires in %2 unless renewed; you will see at once when it is free.</source>
        <translation>Schreibgeschützt, solange %1 bearbeitet. Die Sperre läuft in %2 ab, wenn sie nicht verlängert wird; Sie sehen sofort, wenn sie frei wird.</translation>
    </message>
    <message>
        <source>your changes are kept as a draft</source>
        <translation>Ihre Änderungen bleiben als Entwurf erhalten</translation>
    </message>
    <message>
        <source>you have no unsaved changes</source>
        <translation>Sie haben keine ungespeicherten Änderungen</translation>
    </message>
    <message>
        <source>Your lock expired — %1</source>
        <translation>Ihre Sperre ist abgelaufen — %1</translation>
    </message>
    <message>
        <source>An administrator took over this record — %1</source>
        <translation>Ein Administrator hat diesen Datensatz übernommen — %1</translation>
    </message>
    <message>
        <source>Editing moved to your other window — %1</source>
        <translation>Die Bearbeitung ist in Ihr anderes Fenster gewechselt — %1</translation>
    </message>
    <message>
        <source>Your lock was freed while you were offline — %1</source>
        <translation>Ihre Sperre wurde freigegeben, während Sie offline waren — %1</translation>
    </message>
    <message>
        <source>Lock released after a period of inactivity — %1</source>
        <translation>Sperre nach längerer Inaktivität freigegeben — %1</translation>
    </message>
    <message>
        <source>Your lock was released — %1</source>
        <translation>Ihre Sperre wurde freigegeben — %1</translation>
    </message>
    <message>
        <source>You no longer hold the lock — %1</source>
        <translation>Sie halten die Sperre nicht mehr — %1</translation>
    </message>
    <message>
        <source>Read-only while %1 edits (since %2 · lock expires %3).</source>
        <translation>Schreibgeschützt, solange %1 bearbeitet (seit %2 · Sperre läuft ab um %3).</translation>
    </message>
    <message>
        <source>Your changes are kept as a draft; you can continue once the record is free.</source>
        <translation>Ihre Änderungen bleiben als Entwurf erhalten; Sie können weitermachen, sobald der Datensatz frei ist.</translation>
    </message>
    <message>
        <source>Nobody holds the lock now: click Edit to lock the record again and continue with your kept changes.</source>
        <translation>Niemand hält jetzt die Sperre: Klicken Sie auf Bearbeiten, um den Datensatz wieder zu sperren und mit Ihren aufbewahrten Änderungen weiterzumachen.</translation>
    </message>
    <message>
        <source>an administrator</source>
        <translation>einem Administrator</translation>
    </message>
    <message>
        <source>Taken over by %1</source>
        <translation>Übernommen von %1</translation>
    </message>
    <message>
        <source>Taken over by %1: %2</source>
        <translation>Übernommen von %1: %2</translation>
    </message>
</context>
<context>
    <name>TimeText</name>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>TlsErrorText</name>
    <message>
        <source>The server&apos;s certificate is not trusted</source>
        <translation>Dem Zertifikat des Servers wird nicht vertraut</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is for another host name</source>
        <translation>Das Zertifikat des Servers gilt für einen anderen Hostnamen</translation>
    </message>
    <message>
        <source>The server&apos;s certificate has expired</source>
        <translation>Das Zertifikat des Servers ist abgelaufen</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not valid yet</source>
        <translation>Das Zertifikat des Servers ist noch nicht gültig</translation>
    </message>
    <message>
        <source>The server&apos;s certificate has been revoked</source>
        <translation>Das Zertifikat des Servers wurde widerrufen</translation>
    </message>
    <message>
        <source>The server&apos;s certificate was refused</source>
        <translation>Das Zertifikat des Servers wurde abgelehnt</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>recordlock::AdminMenu</name>
    <message>
        <source>&amp;Admin</source>
        <translation>&amp;Verwaltung</translation>
    </message>
    <message>
        <source>All &amp;locks…</source>
        <translation>Alle &amp;Sperren …</translation>
    </message>
    <message>
        <source>Every record someone is editing right now (Ctrl+Shift+K)</source>
        <translation>Alle Datensätze, die gerade jemand bearbeitet (Strg+Umschalt+K)</translation>
    </message>
</context>
<context>
    <name>recordlock::ConflictDialog</name>
    <message>
        <source>Resolve conflicting changes</source>
        <translation>Widersprüchliche Änderungen auflösen</translation>
    </message>
    <message>
        <source>Theirs (saved on the server)</source>
        <translation>Fremd (auf dem Server gespeichert)</translation>
    </message>
    <message>
        <source>Theirs (saved by %1)</source>
        <translation>Fremd (gespeichert von %1)</translation>
    </message>
    <message>
        <source>Someone else saved changes to fields you also changed. For each field, choose which value to keep. Nothing is saved until you press Save in the editor.</source>
        <translation>Jemand anderes hat Felder gespeichert, die Sie ebenfalls geändert haben. Wählen Sie für jedes Feld, welcher Wert bleiben soll. Gespeichert wird erst, wenn Sie im Editor auf Speichern drücken.</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>Meinen behalten</translation>
    </message>
    <message>
        <source>%1, mine: %2</source>
        <translation>%1, meiner: %2</translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation>Fremden übernehmen</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1, %2: %3</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Meiner</translation>
    </message>
    <message>
        <source>%1, mine</source>
        <translation>%1, meiner</translation>
    </message>
    <message>
        <source>%1, theirs</source>
        <translation>%1, fremd</translation>
    </message>
    <message>
        <source>Before both changes: %1</source>
        <translation>Vor beiden Änderungen: %1</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <source>&amp;Apply choices</source>
        <translation>Auswahl &amp;übernehmen</translation>
    </message>
    <message>
        <source>Keep all m&amp;ine</source>
        <translation>Alle &amp;meinen behalten</translation>
    </message>
    <message>
        <source>Take all t&amp;heirs</source>
        <translation>Alle &amp;fremden übernehmen</translation>
    </message>
    <message>
        <source>Decide later</source>
        <translation>Später entscheiden</translation>
    </message>
</context>
<context>
    <name>recordlock::ConnectionIndicator</name>
    <message>
        <source>Retry now</source>
        <translation>Jetzt erneut versuchen</translation>
    </message>
    <message>
        <source>Reconnect to the server now (F5)</source>
        <translation>Jetzt erneut mit dem Server verbinden (F5)</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>Reconnecting in %1 s (attempt %2)</source>
        <translation>Neuer Verbindungsversuch in %1 s (Versuch %2)</translation>
    </message>
    <message>
        <source>Reconnecting… (attempt %1)</source>
        <translation>Verbindung wird wiederhergestellt … (Versuch %1)</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbindung wird hergestellt …</translation>
    </message>
    <message>
        <source>Offline — this session was opened in another window</source>
        <translation>Offline — diese Sitzung wurde in einem anderen Fenster geöffnet</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>%1 — trying again in %2 s</source>
        <translation>%1 — neuer Versuch in %2 s</translation>
    </message>
    <message>
        <source>Connected — the certificate of %1 was refused</source>
        <translation>Verbunden — das Zertifikat von %1 wurde abgelehnt</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>Verbunden mit %1</translation>
    </message>
    <message>
        <source>Connecting to %1</source>
        <translation>Verbindung zu %1 wird aufgebaut</translation>
    </message>
    <message>
        <source>Not connected; next attempt: %1</source>
        <translation>Nicht verbunden; nächster Versuch: %1</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Not connected; servers: %1</source>
        <translation>Nicht verbunden; Server: %1</translation>
    </message>
    <message>
        <source>Certificate of %1 refused: %2</source>
        <translation>Zertifikat von %1 abgelehnt: %2</translation>
    </message>
</context>
<context>
    <name>recordlock::EditorAdminActions</name>
    <message>
        <source>&amp;Take over editing…</source>
        <translation>Bearbeitung über&amp;nehmen …</translation>
    </message>
    <message>
        <source>End the holder&apos;s editing of this record and edit it yourself (Ctrl+Shift+T)</source>
        <translation>Die Bearbeitung dieses Datensatzes durch den Sperrinhaber beenden und selbst bearbeiten (Strg+Umschalt+T)</translation>
    </message>
    <message>
        <source>Lock &amp;history…</source>
        <translation>Sperr&amp;verlauf …</translation>
    </message>
    <message>
        <source>Who held the lock of this record and when (Ctrl+H)</source>
        <translation>Wer die Sperre dieses Datensatzes wann hielt (Strg+H)</translation>
    </message>
</context>
<context>
    <name>recordlock::HeldLocksModel</name>
    <message>
        <source>Record</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>Inhaber</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Seit</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>%1 (you, this window)</source>
        <translation>%1 (Sie, dieses Fenster)</translation>
    </message>
    <message>
        <source>%1 (you, another window)</source>
        <translation>%1 (Sie, anderes Fenster)</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No, freed at %1</source>
        <translation>Nein, frei um %1</translation>
    </message>
</context>
<context>
    <name>recordlock::HistoryDialog</name>
    <message>
        <source>Lock history — %1</source>
        <translation>Sperrverlauf — %1</translation>
    </message>
    <message>
        <source>&amp;Who held the lock of %1 and when, newest first. Times are your local time.</source>
        <translation>&amp;Wer die Sperre von %1 wann hielt, neueste Einträge zuerst. Zeiten in Ihrer Ortszeit.</translation>
    </message>
    <message>
        <source>Lock history of %1</source>
        <translation>Sperrverlauf von %1</translation>
    </message>
    <message>
        <source>Load &amp;older</source>
        <translation>Ä&amp;ltere laden</translation>
    </message>
    <message>
        <source>Show the next older entries</source>
        <translation>Die nächsten älteren Einträge anzeigen</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>No lock history for this record yet.</source>
        <translation>Für diesen Datensatz gibt es noch keinen Sperrverlauf.</translation>
    </message>
    <message numerus="yes">
        <source>%n entries shown; older ones exist.</source>
        <translation>
            <numerusform>%n Eintrag angezeigt; es gibt ältere.</numerusform>
            <numerusform>%n Einträge angezeigt; es gibt ältere.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries shown; this is the whole history.</source>
        <translation>
            <numerusform>%n Eintrag angezeigt; das ist der ganze Verlauf.</numerusform>
            <numerusform>%n Einträge angezeigt; das ist der ganze Verlauf.</numerusform>
        </translation>
    </message>
    <message>
        <source>Only administrators can see the lock history.</source>
        <translation>Nur Administratoren können den Sperrverlauf sehen.</translation>
    </message>
    <message>
        <source>This record no longer exists.</source>
        <translation>Diesen Datensatz gibt es nicht mehr.</translation>
    </message>
    <message>
        <source>The history cannot be loaded while the server is unreachable. Try Refresh when reconnected.</source>
        <translation>Der Verlauf kann nicht geladen werden, solange der Server nicht erreichbar ist. Wählen Sie Aktualisieren, sobald die Verbindung wieder steht.</translation>
    </message>
    <message>
        <source>The history could not be loaded because of a problem on the server.</source>
        <translation>Der Verlauf konnte wegen eines Problems auf dem Server nicht geladen werden.</translation>
    </message>
</context>
<context>
    <name>recordlock::HistoryModel</name>
    <message>
        <source>Started editing</source>
        <translation>Bearbeitung begonnen</translation>
    </message>
    <message>
        <source>Stopped editing</source>
        <translation>Bearbeitung beendet</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Abgemeldet</translation>
    </message>
    <message>
        <source>Moved to another window</source>
        <translation>In ein anderes Fenster verschoben</translation>
    </message>
    <message>
        <source>Lock expired</source>
        <translation>Sperre abgelaufen</translation>
    </message>
    <message>
        <source>Connection lost, lock freed</source>
        <translation>Verbindung verloren, Sperre freigegeben</translation>
    </message>
    <message>
        <source>Taken over</source>
        <translation>Übernommen</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Gespeichert</translation>
    </message>
    <message>
        <source>(automatic)</source>
        <translation>(automatisch)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Vorgang</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Durch</translation>
    </message>
    <message>
        <source>Holder affected</source>
        <translation>Betroffener Inhaber</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Begründung</translation>
    </message>
</context>
<context>
    <name>recordlock::LockBanner</name>
    <message>
        <source>Edit &amp;here instead</source>
        <translation>Stattdessen &amp;hier bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Keep editing</source>
        <translation>&amp;Weiter bearbeiten</translation>
    </message>
    <message>
        <source>Move the lock from your other window to this one</source>
        <translation>Die Sperre aus Ihrem anderen Fenster in dieses holen</translation>
    </message>
    <message>
        <source>Cancel the countdown and keep the lock</source>
        <translation>Countdown abbrechen und die Sperre behalten</translation>
    </message>
    <message>
        <source>&amp;Take over editing…</source>
        <translation>Bearbeitung über&amp;nehmen …</translation>
    </message>
    <message>
        <source>End the holder&apos;s editing and edit the record yourself (administrators only)</source>
        <translation>Die Bearbeitung durch den Sperrinhaber beenden und den Datensatz selbst bearbeiten (nur Administratoren)</translation>
    </message>
</context>
<context>
    <name>recordlock::LocksDialog</name>
    <message>
        <source>All current locks</source>
        <translation>Alle aktuellen Sperren</translation>
    </message>
    <message>
        <source>Current locks</source>
        <translation>Aktuelle Sperren</translation>
    </message>
    <message>
        <source>&amp;Take over…</source>
        <translation>Ü&amp;bernehmen …</translation>
    </message>
    <message>
        <source>Open the selected record and take over its lock</source>
        <translation>Den ausgewählten Datensatz öffnen und seine Sperre übernehmen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Offline: showing the locks as last known. The list updates again once reconnected.</source>
        <translation>Offline: Die Sperren werden wie zuletzt bekannt angezeigt. Die Liste wird wieder aktuell, sobald die Verbindung steht.</translation>
    </message>
    <message>
        <source>Nobody is editing any record right now.</source>
        <translation>Gerade bearbeitet niemand einen Datensatz.</translation>
    </message>
    <message>
        <source>Locked records: %1. The list updates live; select one and choose Take over to edit it yourself.</source>
        <translation>Gesperrte Datensätze: %1. Die Liste ist stets aktuell; wählen Sie einen aus und dann Übernehmen, um ihn selbst zu bearbeiten.</translation>
    </message>
</context>
<context>
    <name>recordlock::MainWindow</name>
    <message>
        <source>Releasing locks…</source>
        <translation>Sperren werden freigegeben …</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>Daten&amp;satz</translation>
    </message>
    <message>
        <source>&amp;Next record</source>
        <translation>&amp;Nächster Datensatz</translation>
    </message>
    <message>
        <source>&amp;Previous record</source>
        <translation>&amp;Vorheriger Datensatz</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen …</translation>
    </message>
    <message>
        <source>Go to the &amp;list</source>
        <translation>Zur &amp;Liste</translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation>Angemeldet als %1</translation>
    </message>
    <message>
        <source>RecordLock — %1</source>
        <translation>RecordLock — %1</translation>
    </message>
    <message>
        <source>Signing out…</source>
        <translation>Abmeldung läuft …</translation>
    </message>
    <message>
        <source>Sign &amp;in…</source>
        <translation>&amp;Anmelden …</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Ab&amp;melden</translation>
    </message>
</context>
<context>
    <name>recordlock::OverrideDialog</name>
    <message>
        <source>Taking over…</source>
        <translation>Wird übernommen …</translation>
    </message>
    <message>
        <source>Take over editing — %1</source>
        <translation>Bearbeitung übernehmen — %1</translation>
    </message>
    <message>
        <source>Holder:</source>
        <translation>Inhaber:</translation>
    </message>
    <message>
        <source>Editing since:</source>
        <translation>Bearbeitet seit:</translation>
    </message>
    <message>
        <source>Connection:</source>
        <translation>Verbindung:</translation>
    </message>
    <message>
        <source>Lock expires:</source>
        <translation>Sperre läuft ab:</translation>
    </message>
    <message>
        <source>&amp;Take over</source>
        <translation>Über&amp;nehmen</translation>
    </message>
    <message>
        <source>Take the lock from its holder and start editing</source>
        <translation>Dem Inhaber die Sperre abnehmen und mit dem Bearbeiten beginnen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Reason for taking over</source>
        <translation>Begründung für die Übernahme</translation>
    </message>
    <message>
        <source>Offline: who holds the lock of %1 is not known right now.</source>
        <translation>Offline: Wer die Sperre von %1 hält, ist gerade nicht bekannt.</translation>
    </message>
    <message>
        <source>%1 is editing %2.</source>
        <translation>%1 bearbeitet %2.</translation>
    </message>
    <message>
        <source>You hold the lock of %1 yourself.</source>
        <translation>Sie halten die Sperre von %1 selbst.</translation>
    </message>
    <message>
        <source>Nobody is editing %1 now: close this dialog and click Edit.</source>
        <translation>Niemand bearbeitet %1 gerade: Schließen Sie diesen Dialog und klicken Sie auf Bearbeiten.</translation>
    </message>
    <message>
        <source>Nobody</source>
        <translation>Niemand</translation>
    </message>
    <message>
        <source>%1 (%2 ago)</source>
        <translation>%1 (vor %2)</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>Disconnected: the lock is freed at %1 (in %2) unless %3 reconnects.</source>
        <translation>Nicht verbunden: Die Sperre wird um %1 (in %2) frei, wenn %3 sich nicht wieder verbindet.</translation>
    </message>
    <message>
        <source>%1 (in %2) unless renewed</source>
        <translation>%1 (in %2), wenn nicht verlängert</translation>
    </message>
    <message>
        <source>Taking over ends %1&apos;s editing at once: their window becomes read-only and keeps their unsaved changes as a draft. They see your name and the reason, and the take-over is kept in the record&apos;s lock history.</source>
        <translation>Die Übernahme beendet die Bearbeitung durch %1 sofort: Das Fenster wird schreibgeschützt und bewahrt die ungespeicherten Änderungen als Entwurf auf. Ihr Name und die Begründung werden angezeigt, und die Übernahme wird im Sperrverlauf des Datensatzes festgehalten.</translation>
    </message>
    <message>
        <source>&amp;Reason (shown to %1 and kept in the lock history):</source>
        <translation>&amp;Begründung (wird %1 angezeigt und im Sperrverlauf festgehalten):</translation>
    </message>
    <message>
        <source>%1 / %2 characters · at least %3</source>
        <translation>%1 / %2 Zeichen · mindestens %3</translation>
    </message>
    <message>
        <source>Taking over ends the holder&apos;s editing at once and is kept in the record&apos;s lock history.</source>
        <translation>Die Übernahme beendet die Bearbeitung durch den Inhaber sofort und wird im Sperrverlauf des Datensatzes festgehalten.</translation>
    </message>
    <message>
        <source>&amp;Reason (shown to the holder and kept in the lock history):</source>
        <translation>&amp;Begründung (wird dem Inhaber angezeigt und im Sperrverlauf festgehalten):</translation>
    </message>
</context>
<context>
    <name>recordlock::RecordEditor</name>
    <message>
        <source>Saved as version %1.</source>
        <translation>Als Version %1 gespeichert.</translation>
    </message>
    <message>
        <source>Your unsaved changes from last time were restored. Click Edit to continue, or Cancel to discard them.</source>
        <translation>Ihre ungespeicherten Änderungen vom letzten Mal wurden wiederhergestellt. Klicken Sie auf Bearbeiten, um weiterzumachen, oder auf Abbrechen, um sie zu verwerfen.</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>Lock the record and start editing (Ctrl+E)</source>
        <translation>Datensatz sperren und mit dem Bearbeiten beginnen (Strg+E)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Save your changes (Ctrl+S)</source>
        <translation>Ihre Änderungen speichern (Strg+S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop editing and release the lock (Esc)</source>
        <translation>Bearbeitung beenden und die Sperre freigeben (Esc)</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Erneut versuchen</translation>
    </message>
    <message>
        <source>Select a record in the list to open it.</source>
        <translation>Wählen Sie einen Datensatz in der Liste, um ihn zu öffnen.</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet …</translation>
    </message>
    <message>
        <source>%1 saved changes at %2: %3</source>
        <translation>%1 hat um %2 Änderungen gespeichert: %3</translation>
    </message>
    <message>
        <source>Someone else changed fields you also changed: %1. Choose which values to keep.</source>
        <translation>Jemand anderes hat Felder geändert, die Sie ebenfalls geändert haben: %1. Wählen Sie, welche Werte bleiben sollen.</translation>
    </message>
    <message>
        <source>&amp;Resolve…</source>
        <translation>&amp;Auflösen …</translation>
    </message>
    <message>
        <source>Discard your unsaved changes? Press Esc again to discard them.</source>
        <translation>Ungespeicherte Änderungen verwerfen? Drücken Sie erneut Esc, um sie zu verwerfen.</translation>
    </message>
    <message>
        <source>&amp;Discard changes</source>
        <translation>Änderungen &amp;verwerfen</translation>
    </message>
    <message>
        <source>Keep &amp;them</source>
        <translation>&amp;Behalten</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert …</translation>
    </message>
    <message>
        <source>Saving</source>
        <translation>Speichern läuft</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Saves your changes (Ctrl+S).</source>
        <translation>Speichert Ihre Änderungen (Strg+S).</translation>
    </message>
</context>
<context>
    <name>recordlock::RecordFilterProxy</name>
    <message>
        <source>Nobody is editing this record</source>
        <translation>Niemand bearbeitet diesen Datensatz</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Frei</translation>
    </message>
    <message>
        <source>Requesting the lock…</source>
        <translation>Sperre wird angefordert …</translation>
    </message>
    <message>
        <source>You are editing this record; the lock expires %1 unless renewed</source>
        <translation>Sie bearbeiten diesen Datensatz; die Sperre läuft um %1 ab, wenn sie nicht verlängert wird</translation>
    </message>
    <message>
        <source>You, until %1</source>
        <translation>Sie, bis %1</translation>
    </message>
    <message>
        <source>You are editing this record in another window</source>
        <translation>Sie bearbeiten diesen Datensatz in einem anderen Fenster</translation>
    </message>
    <message>
        <source>You (other window), until %1</source>
        <translation>Sie (anderes Fenster), bis %1</translation>
    </message>
    <message>
        <source>%1 is disconnected; the lock is freed at %2 unless they return</source>
        <translation>%1 ist nicht verbunden; die Sperre wird um %2 frei, falls sich %1 nicht wieder verbindet</translation>
    </message>
    <message>
        <source>%1 (disconnected), until %2</source>
        <translation>%1 (nicht verbunden), bis %2</translation>
    </message>
    <message>
        <source>Being edited by %1; the lock expires %2 unless renewed</source>
        <translation>In Bearbeitung durch %1; die Sperre läuft um %2 ab, wenn sie nicht verlängert wird</translation>
    </message>
    <message>
        <source>%1, until %2</source>
        <translation>%1, bis %2</translation>
    </message>
    <message>
        <source>Offline: lock status unknown</source>
        <translation>Offline: Sperrstatus unbekannt</translation>
    </message>
    <message>
        <source>Unknown (offline)</source>
        <translation>Unbekannt (offline)</translation>
    </message>
</context>
<context>
    <name>recordlock::RecordForm</name>
    <message>
        <source>Changed, not saved yet</source>
        <translation>Geändert, noch nicht gespeichert</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>Schreibgeschützt</translation>
    </message>
    <message>
        <source>%1 (changed):</source>
        <translation>%1 (geändert):</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1:</translation>
    </message>
</context>
<context>
    <name>recordlock::RecordListModel</name>
    <message>
        <source>Available</source>
        <translation>Frei</translation>
    </message>
    <message>
        <source>Requesting…</source>
        <translation>Wird angefordert …</translation>
    </message>
    <message>
        <source>You, until %1</source>
        <translation>Sie, bis %1</translation>
    </message>
    <message>
        <source>You (another window), until %1</source>
        <translation>Sie (anderes Fenster), bis %1</translation>
    </message>
    <message>
        <source>%1 (disconnected)</source>
        <translation>%1 (nicht verbunden)</translation>
    </message>
    <message>
        <source>%1, until %2</source>
        <translation>%1, bis %2</translation>
    </message>
    <message>
        <source>Unknown (offline)</source>
        <translation>Unbekannt (offline)</translation>
    </message>
    <message>
        <source>Claim</source>
        <translation>Schadenfall</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Sperre</translation>
    </message>
</context>
<context>
    <name>recordlock::RecordListView</name>
    <message>
        <source>Search by name or id (Ctrl+F)</source>
        <translation>Nach Name oder ID suchen (Strg+F)</translation>
    </message>
    <message>
        <source>Search records</source>
        <translation>Datensätze durchsuchen</translation>
    </message>
    <message>
        <source>All records</source>
        <translation>Alle Datensätze</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <source>Claims</source>
        <translation>Schadenfälle</translation>
    </message>
    <message>
        <source>Record type</source>
        <translation>Datensatzart</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Datensätze</translation>
    </message>
    <message>
        <source>Loading records…</source>
        <translation>Datensätze werden geladen …</translation>
    </message>
    <message>
        <source>The record list cannot be loaded while offline.</source>
        <translation>Die Datensatzliste kann offline nicht geladen werden.</translation>
    </message>
    <message>
        <source>The record list could not be loaded.</source>
        <translation>Die Datensatzliste konnte nicht geladen werden.</translation>
    </message>
    <message>
        <source>Records: %1</source>
        <translation>Datensätze: %1</translation>
    </message>
    <message>
        <source>Showing %1 of %2 records</source>
        <translation>%1 von %2 Datensätzen</translation>
    </message>
</context>
<context>
    <name>recordlock::SignInDialog</name>
    <message>
        <source>&amp;Remember me on this computer</source>
        <translation>Auf diesem Computer &amp;merken</translation>
    </message>
    <message>
        <source>Sign in to RecordLock</source>
        <translation>Bei RecordLock anmelden</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>Benutzername oder Passwort ist falsch.</translation>
    </message>
    <message>
        <source>Your session has expired. Please sign in again.</source>
        <translation>Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>Your session is no longer valid. Please sign in again.</source>
        <translation>Ihre Sitzung ist nicht mehr gültig. Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>The server at %1 cannot be reached. Check the address and your network, then try again.</source>
        <translation>Der Server unter %1 ist nicht erreichbar. Prüfen Sie die Adresse und Ihr Netzwerk und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>This window&apos;s session belongs to another user. Close the window and open a new one.</source>
        <translation>Die Sitzung dieses Fensters gehört einem anderen Benutzer. Schließen Sie das Fenster und öffnen Sie ein neues.</translation>
    </message>
    <message>
        <source>Too many sign-in attempts. Wait a moment, then try again.</source>
        <translation>Zu viele Anmeldeversuche. Warten Sie einen Moment und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>Signing in failed because of a problem on the server. Try again later.</source>
        <translation>Die Anmeldung ist wegen eines Serverproblems fehlgeschlagen. Versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>Enter a server address such as ws://127.0.0.1:8765/ws.</source>
        <translation>Geben Sie eine Serveradresse wie ws://127.0.0.1:8765/ws ein.</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>Geben Sie Ihren Benutzernamen ein.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Geben Sie Ihr Passwort ein.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Anmeldung läuft …</translation>
    </message>
    <message>
        <source>Signs you in at the next start without asking: the session is kept in the desktop&apos;s keychain. The password is never stored.</source>
        <translation>Meldet Sie beim nächsten Start ohne Nachfrage an: Die Sitzung wird im Schlüsselbund des Desktops aufbewahrt. Das Passwort wird nie gespeichert.</translation>
    </message>
    <message>
        <source>No keychain is available on this desktop; RecordLock cannot remember you.</source>
        <translation>Auf diesem Desktop ist kein Schlüsselbund verfügbar; RecordLock kann sich Ihre Anmeldung nicht merken.</translation>
    </message>
    <message>
        <source>%1. If your company runs its own certificate authority, start RecordLock with --ca-cert and its certificate.</source>
        <translation>%1. Wenn Ihr Unternehmen eine eigene Zertifizierungsstelle betreibt, starten Sie RecordLock mit --ca-cert und deren Zertifikat.</translation>
    </message>
    <message>
        <source>You are signed in from too many windows. Close some of them, then try again.</source>
        <translation>Sie sind in zu vielen Fenstern angemeldet. Schließen Sie einige davon und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>The lock server&apos;s address. Several servers of one installation: separate their addresses with commas; RecordLock switches to the next when one fails.</source>
        <translation>Die Adresse des Sperrservers. Mehrere Server einer Installation: die Adressen durch Kommas trennen; fällt einer aus, wechselt RecordLock zum nächsten.</translation>
    </message>
    <message>
        <source>None of the servers (%1) can be reached. Check the addresses and your network, then try again.</source>
        <translation>Keiner der Server (%1) ist erreichbar. Prüfen Sie die Adressen und Ihr Netzwerk und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>“%1” is not a server address. Enter addresses such as ws://127.0.0.1:8765/ws, several separated by commas.</source>
        <translation>„%1“ ist keine Serveradresse. Geben Sie Adressen wie ws://127.0.0.1:8765/ws ein, mehrere durch Kommas getrennt.</translation>
    </message>
</context>
</TS>
