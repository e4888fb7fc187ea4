<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AppInfo</name>
    <message>
        <source>none (%1)</source>
        <translation>keine (%1)</translation>
    </message>
    <message>
        <source>none, models run on the CPU (chosen in the settings)</source>
        <translation>keine, Modelle laufen auf der CPU (in den Einstellungen gewählt)</translation>
    </message>
    <message>
        <source>%1 (%2, %3 GB, Vulkan %4)</source>
        <translation>%1 (%2, %3 GB, Vulkan %4)</translation>
    </message>
</context>
<context>
    <name>AppSettings</name>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
</context>
<context>
    <name>AttachCollectionsButton</name>
    <message>
        <source>Documents: %1</source>
        <translation>Dokumente: %1</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Dokumente</translation>
    </message>
    <message>
        <source>This chat answers from %1 collections</source>
        <translation>Dieser Chat antwortet aus %1 Sammlungen</translation>
    </message>
    <message>
        <source>Attach document collections to this chat</source>
        <translation>Dokumentsammlungen an diesen Chat anhängen</translation>
    </message>
    <message>
        <source>Answer from %1</source>
        <translation>Aus %1 antworten</translation>
    </message>
    <message>
        <source>Manage documents…</source>
        <translation>Dokumente verwalten …</translation>
    </message>
</context>
<context>
    <name>BranchSwitcher</name>
    <message>
        <source>Version %1 of %2</source>
        <translation>Version %1 von %2</translation>
    </message>
    <message>
        <source>Show the previous version</source>
        <translation>Vorherige Version anzeigen</translation>
    </message>
    <message>
        <source>Previous version</source>
        <translation>Vorherige Version</translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>Show the next version</source>
        <translation>Nächste Version anzeigen</translation>
    </message>
    <message>
        <source>Next version</source>
        <translation>Nächste Version</translation>
    </message>
</context>
<context>
    <name>CatalogDialog</name>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>Estimates are for %1 with %2 of memory and a context of %3 tokens.</source>
        <translation>Die Schätzungen gelten für %1 mit %2 Speicher und einem Kontext von %3 Token.</translation>
    </message>
    <message>
        <source>No GPU was found, so Ponder cannot say which models fit.</source>
        <translation>Es wurde keine GPU gefunden, daher kann Ponder nicht sagen, welche Modelle passen.</translation>
    </message>
    <message>
        <source>Downloads start only when you press Download. Files go to %1.</source>
        <translation>Downloads beginnen erst, wenn Sie auf „Herunterladen“ klicken. Die Dateien landen in %1.</translation>
    </message>
    <message>
        <source>Recommended</source>
        <translation>Empfohlen</translation>
    </message>
    <message>
        <source>%1 · %2 parameters, %3 active · %4</source>
        <translation>%1 · %2 Parameter, %3 aktiv · %4</translation>
    </message>
    <message>
        <source>%1 · %2 parameters · %3</source>
        <translation>%1 · %2 Parameter · %3</translation>
    </message>
    <message>
        <source>Download of %1</source>
        <translation>Download von %1</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>Download %1 (%2)</source>
        <translation>%1 herunterladen (%2)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Pause the download; it can be resumed later, also after a restart</source>
        <translation>Den Download anhalten; er kann später fortgesetzt werden, auch nach einem Neustart</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Continue the download where it stopped</source>
        <translation>Den Download dort fortsetzen, wo er aufgehört hat</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop the download and delete what was downloaded</source>
        <translation>Den Download beenden und das bereits Heruntergeladene löschen</translation>
    </message>
    <message>
        <source>Chat with it</source>
        <translation>Damit chatten</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>%1 öffnen</translation>
    </message>
    <message>
        <source>On this computer</source>
        <translation>Auf diesem Computer</translation>
    </message>
    <message>
        <source>No models in the models folder yet.</source>
        <translation>Noch keine Modelle im Modellordner.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Chat with %1</source>
        <translation>Mit %1 chatten</translation>
    </message>
</context>
<context>
    <name>CatalogModel</name>
    <message>
        <source>Checked with SHA-256 after download.</source>
        <translation>Wird nach dem Herunterladen mit SHA-256 geprüft.</translation>
    </message>
    <message>
        <source>No checksum is published in the catalog for this file: only its size is checked.</source>
        <translation>Für diese Datei steht keine Prüfsumme im Katalog: Nur ihre Größe wird geprüft.</translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <source>The chat history could not be opened, so nothing can be saved.</source>
        <translation>Der Chatverlauf konnte nicht geöffnet werden, daher kann nichts gespeichert werden.</translation>
    </message>
    <message>
        <source>Ponder is still answering. Stop the answer or wait for it to finish.</source>
        <translation>Ponder antwortet noch. Beenden Sie die Antwort oder warten Sie, bis sie fertig ist.</translation>
    </message>
    <message>
        <source>The model is still loading.</source>
        <translation>Das Modell wird noch geladen.</translation>
    </message>
    <message>
        <source>Open a model first.</source>
        <translation>Öffnen Sie zuerst ein Modell.</translation>
    </message>
    <message>
        <source>The chat could not be exported: %1</source>
        <translation>Der Chat konnte nicht exportiert werden: %1</translation>
    </message>
    <message>
        <source>The file could not be opened: %1</source>
        <translation>Die Datei konnte nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>The file is too large to be a Ponder chat export.</source>
        <translation>Die Datei ist zu groß für einen Ponder-Chatexport.</translation>
    </message>
    <message>
        <source>%1 runs on the CPU, which is much slower than a GPU. %2</source>
        <translation>%1 läuft auf der CPU, die viel langsamer ist als eine GPU. %2</translation>
    </message>
</context>
<context>
    <name>ChatListItem</name>
    <message>
        <source>Pinned: %1</source>
        <translation>Angeheftet: %1</translation>
    </message>
    <message>
        <source>Open this chat</source>
        <translation>Diesen Chat öffnen</translation>
    </message>
    <message>
        <source>New title</source>
        <translation>Neuer Titel</translation>
    </message>
    <message>
        <source>Chat actions</source>
        <translation>Chat-Aktionen</translation>
    </message>
    <message>
        <source>Rename, pin, export or delete this chat</source>
        <translation>Diesen Chat umbenennen, anheften, exportieren oder löschen</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>Lösen</translation>
    </message>
    <message>
        <source>Pin</source>
        <translation>Anheften</translation>
    </message>
    <message>
        <source>Export as Markdown…</source>
        <translation>Als Markdown exportieren…</translation>
    </message>
    <message>
        <source>Export as JSON…</source>
        <translation>Als JSON exportieren…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <source>No model loaded</source>
        <translation>Kein Modell geladen</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>Start the conversation</source>
        <translation>Beginnen Sie das Gespräch</translation>
    </message>
    <message>
        <source>Open a model to start</source>
        <translation>Öffnen Sie ein Modell, um zu beginnen</translation>
    </message>
    <message>
        <source>Ponder runs language models on your own computer. Nothing you write here leaves it.</source>
        <translation>Ponder führt Sprachmodelle auf Ihrem eigenen Computer aus. Nichts, was Sie hier schreiben, verlässt ihn.</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <source>Loading the model</source>
        <translation>Modell wird geladen</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 wird geladen…</translation>
    </message>
    <message>
        <source>Model information, recent models and the model catalog</source>
        <translation>Modellinformationen, zuletzt verwendete Modelle und der Modellkatalog</translation>
    </message>
    <message>
        <source>Open model…</source>
        <translation>Modell öffnen…</translation>
    </message>
    <message>
        <source>A model is loading</source>
        <translation>Ein Modell wird geladen</translation>
    </message>
    <message>
        <source>Open a GGUF model file from this computer</source>
        <translation>Eine GGUF-Modelldatei von diesem Computer öffnen</translation>
    </message>
    <message>
        <source>Loading %1… %2%</source>
        <translation>%1 wird geladen … %2 %</translation>
    </message>
</context>
<context>
    <name>CitationPanel</name>
    <message>
        <source>Cited passage</source>
        <translation>Zitierte Textstelle</translation>
    </message>
    <message>
        <source>[%1] %2</source>
        <translation>[%1] %2</translation>
    </message>
    <message>
        <source>Page %1, lines %2–%3</source>
        <translation>Seite %1, Zeilen %2–%3</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>Datei: %1</translation>
    </message>
    <message>
        <source>Passage</source>
        <translation>Textstelle</translation>
    </message>
    <message>
        <source>Open file</source>
        <translation>Datei öffnen</translation>
    </message>
    <message>
        <source>Opens the file in the program your system uses for it</source>
        <translation>Öffnet die Datei in dem Programm, das Ihr System dafür verwendet</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Close the passage</source>
        <translation>Textstelle schließen</translation>
    </message>
</context>
<context>
    <name>CitationRow</name>
    <message>
        <source>Sources</source>
        <translation>Quellen</translation>
    </message>
    <message>
        <source>[%1] %2, p. %3</source>
        <translation>[%1] %2, S. %3</translation>
    </message>
    <message>
        <source>Show the passage this answer cites</source>
        <translation>Die Textstelle zeigen, die diese Antwort zitiert</translation>
    </message>
</context>
<context>
    <name>CodeBlock</name>
    <message>
        <source>Code block, %1</source>
        <translation>Codeblock, %1</translation>
    </message>
    <message>
        <source>Code block</source>
        <translation>Codeblock</translation>
    </message>
    <message>
        <source>code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>Code kopieren</translation>
    </message>
    <message>
        <source>Copy this code block to the clipboard</source>
        <translation>Diesen Codeblock in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
</context>
<context>
    <name>ConversationStore</name>
    <message>
        <source>Ponder stopped while this answer was being written; the text up to that point was kept.</source>
        <translation>Ponder wurde beendet, während diese Antwort geschrieben wurde; der Text bis dahin wurde behalten.</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>The data folder %1 cannot be created.</source>
        <translation>Der Datenordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>%1 is not a file</source>
        <translation>%1 ist keine Datei</translation>
    </message>
    <message>
        <source>no permission to read and write %1</source>
        <translation>keine Berechtigung, %1 zu lesen und zu schreiben</translation>
    </message>
    <message>
        <source>The SQLite driver of Qt (QSQLITE) is missing.</source>
        <translation>Der SQLite-Treiber von Qt (QSQLITE) fehlt.</translation>
    </message>
    <message>
        <source>opening %1</source>
        <translation>beim Öffnen von %1</translation>
    </message>
    <message>
        <source>checking %1</source>
        <translation>beim Prüfen von %1</translation>
    </message>
    <message>
        <source>damaged database: %1</source>
        <translation>beschädigte Datenbank: %1</translation>
    </message>
    <message>
        <source>The conversation database %1 cannot be read (%2) and could not be moved aside; nothing was changed.</source>
        <translation>Die Gesprächsdatenbank %1 kann nicht gelesen werden (%2) und konnte nicht beiseitegelegt werden; nichts wurde verändert.</translation>
    </message>
    <message>
        <source>%1 could not be moved aside; no new database was created.</source>
        <translation>%1 konnte nicht beiseitegelegt werden; es wurde keine neue Datenbank angelegt.</translation>
    </message>
</context>
<context>
    <name>DocumentRow</name>
    <message>
        <source>Indexed, %1 passages</source>
        <translation>Indiziert, %1 Textstellen</translation>
    </message>
    <message>
        <source>Indexing…</source>
        <translation>Wird indiziert …</translation>
    </message>
    <message>
        <source>Skipped: %1</source>
        <translation>Übersprungen: %1</translation>
    </message>
    <message>
        <source>Waiting to be indexed</source>
        <translation>Wartet auf die Indizierung</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Indexing %1</source>
        <translation>%1 wird indiziert</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove %1 from the collection</source>
        <translation>%1 aus der Sammlung entfernen</translation>
    </message>
    <message>
        <source>Removes the file from the index; the file itself stays on disk</source>
        <translation>Entfernt die Datei aus dem Index; die Datei selbst bleibt auf der Festplatte</translation>
    </message>
</context>
<context>
    <name>Documents</name>
    <message>
        <source>The file no longer exists.</source>
        <translation>Die Datei existiert nicht mehr.</translation>
    </message>
    <message>
        <source>The file cannot be read: %1</source>
        <translation>Die Datei kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The embedding model failed: %1</source>
        <translation>Das Embedding-Modell ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>The attached documents contain nothing that answers this question, so Ponder will not answer from them.</source>
        <translation>Die angehängten Dokumente enthalten nichts, was diese Frage beantwortet, daher antwortet Ponder nicht aus ihnen.</translation>
    </message>
    <message>
        <source>A collection needs a name.</source>
        <translation>Eine Sammlung braucht einen Namen.</translation>
    </message>
</context>
<context>
    <name>DocumentsController</name>
    <message>
        <source>A collection named “%1” exists already.</source>
        <translation>Eine Sammlung namens „%1“ gibt es bereits.</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 existiert nicht.</translation>
    </message>
</context>
<context>
    <name>DocumentsDialog</name>
    <message>
        <source>Documents</source>
        <translation>Dokumente</translation>
    </message>
    <message>
        <source>Collections</source>
        <translation>Sammlungen</translation>
    </message>
    <message>
        <source>%1 (%2 files, %3 skipped)</source>
        <translation>%1 (%2 Dateien, %3 übersprungen)</translation>
    </message>
    <message>
        <source>%1 (%2 files)</source>
        <translation>%1 (%2 Dateien)</translation>
    </message>
    <message>
        <source>No collections yet</source>
        <translation>Noch keine Sammlungen</translation>
    </message>
    <message>
        <source>Create one, add files or folders, then attach it to a chat.</source>
        <translation>Legen Sie eine an, fügen Sie Dateien oder Ordner hinzu und hängen Sie sie dann an einen Chat an.</translation>
    </message>
    <message>
        <source>New collection</source>
        <translation>Neue Sammlung</translation>
    </message>
    <message>
        <source>Name of the new collection</source>
        <translation>Name der neuen Sammlung</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Anlegen</translation>
    </message>
    <message>
        <source>Create the collection</source>
        <translation>Die Sammlung anlegen</translation>
    </message>
    <message>
        <source>Delete collection…</source>
        <translation>Sammlung löschen …</translation>
    </message>
    <message>
        <source>Delete the selected collection</source>
        <translation>Die ausgewählte Sammlung löschen</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>Dateien hinzufügen …</translation>
    </message>
    <message>
        <source>Add files to the collection</source>
        <translation>Dateien zur Sammlung hinzufügen</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>Ordner hinzufügen …</translation>
    </message>
    <message>
        <source>Add a folder to the collection; it is watched for changes</source>
        <translation>Einen Ordner zur Sammlung hinzufügen; er wird auf Änderungen überwacht</translation>
    </message>
    <message>
        <source>Indexing: %1 of %2 files</source>
        <translation>Indizierung: %1 von %2 Dateien</translation>
    </message>
    <message>
        <source>Indexing progress</source>
        <translation>Fortschritt der Indizierung</translation>
    </message>
    <message>
        <source>Files of the collection</source>
        <translation>Dateien der Sammlung</translation>
    </message>
    <message>
        <source>No files yet</source>
        <translation>Noch keine Dateien</translation>
    </message>
    <message>
        <source>Text, Markdown, HTML, source code and PDF files can be added.</source>
        <translation>Text-, Markdown-, HTML-, Quellcode- und PDF-Dateien können hinzugefügt werden.</translation>
    </message>
    <message>
        <source>Add files</source>
        <translation>Dateien hinzufügen</translation>
    </message>
    <message>
        <source>Documents (*.txt *.md *.markdown *.html *.htm *.pdf)</source>
        <translation>Dokumente (*.txt *.md *.markdown *.html *.htm *.pdf)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Add a folder</source>
        <translation>Einen Ordner hinzufügen</translation>
    </message>
    <message>
        <source>Delete collection</source>
        <translation>Sammlung löschen</translation>
    </message>
    <message>
        <source>Delete the collection and its index? The files themselves stay where they are.</source>
        <translation>Die Sammlung und ihren Index löschen? Die Dateien selbst bleiben, wo sie sind.</translation>
    </message>
    <message>
        <source>Search by words only. An embedding model (Qwen3-Embedding GGUF) also finds passages by meaning.</source>
        <translation>Suche nur nach Wörtern. Ein Embedding-Modell (Qwen3-Embedding-GGUF) findet Textstellen auch nach ihrer Bedeutung.</translation>
    </message>
    <message>
        <source>Search by words and meaning: %1 (%2 of %3 passages embedded)</source>
        <translation>Suche nach Wörtern und Bedeutung: %1 (%2 von %3 Textstellen eingebettet)</translation>
    </message>
    <message>
        <source>Choose embedding model…</source>
        <translation>Embedding-Modell wählen…</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>Ändern…</translation>
    </message>
    <message>
        <source>Choose the embedding model of the collection; its files are indexed again</source>
        <translation>Das Embedding-Modell der Sammlung wählen; ihre Dateien werden neu indiziert</translation>
    </message>
    <message>
        <source>Words only</source>
        <translation>Nur Wörter</translation>
    </message>
    <message>
        <source>Stop using the embedding model for this collection</source>
        <translation>Das Embedding-Modell für diese Sammlung nicht mehr verwenden</translation>
    </message>
    <message>
        <source>Choose an embedding model</source>
        <translation>Ein Embedding-Modell wählen</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF-Modelle (*.gguf)</translation>
    </message>
</context>
<context>
    <name>DownloadManager</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>Downloaded</source>
        <translation>Heruntergeladen</translation>
    </message>
    <message>
        <source>Paused at %1 of %2.</source>
        <translation>Angehalten bei %1 von %2.</translation>
    </message>
    <message>
        <source>Part %1 of %2: </source>
        <translation>Teil %1 von %2: </translation>
    </message>
    <message>
        <source>checking the partial download…</source>
        <translation>der unvollständige Download wird geprüft …</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source> at %1/s</source>
        <translation> mit %1/s</translation>
    </message>
    <message>
        <source>, about %1 left</source>
        <translation>, noch etwa %1</translation>
    </message>
</context>
<context>
    <name>EngineError</name>
    <message>
        <source>The model file could not be found or opened.</source>
        <translation>Die Modelldatei wurde nicht gefunden oder konnte nicht geöffnet werden.</translation>
    </message>
    <message>
        <source>Reading or writing a file failed (is the disk full or the file in use?).</source>
        <translation>Eine Datei konnte nicht gelesen oder geschrieben werden (ist die Festplatte voll oder die Datei in Benutzung?).</translation>
    </message>
    <message>
        <source>The model file is damaged, incomplete or not a GGUF file.</source>
        <translation>Die Modelldatei ist beschädigt, unvollständig oder keine GGUF-Datei.</translation>
    </message>
    <message>
        <source>This model uses something Ponder cannot run yet.</source>
        <translation>Dieses Modell verwendet etwas, das Ponder noch nicht ausführen kann.</translation>
    </message>
    <message>
        <source>There is not enough memory for this model. Try a smaller model or a shorter context.</source>
        <translation>Für dieses Modell reicht der Speicher nicht. Versuchen Sie ein kleineres Modell oder einen kürzeren Kontext.</translation>
    </message>
    <message>
        <source>The GPU stopped responding. Your chat is safe; load the model again to continue.</source>
        <translation>Die GPU reagiert nicht mehr. Ihr Chat ist sicher; laden Sie das Modell erneut, um fortzufahren.</translation>
    </message>
    <message>
        <source>No usable GPU was found. Check that a Vulkan driver is installed.</source>
        <translation>Es wurde keine nutzbare GPU gefunden. Prüfen Sie, ob ein Vulkan-Treiber installiert ist.</translation>
    </message>
    <message>
        <source>The GPU driver reported an error.</source>
        <translation>Der GPU-Treiber hat einen Fehler gemeldet.</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Angehalten.</translation>
    </message>
    <message>
        <source>The request could not be carried out.</source>
        <translation>Die Anfrage konnte nicht ausgeführt werden.</translation>
    </message>
    <message>
        <source>Something went wrong inside Ponder.</source>
        <translation>In Ponder ist etwas schiefgelaufen.</translation>
    </message>
    <message>
        <source>Ponder cannot run this model on this GPU yet.</source>
        <translation>Ponder kann dieses Modell auf dieser GPU noch nicht ausführen.</translation>
    </message>
    <message>
        <source>The GPU does not have enough memory for this model; a shorter context may let it fit.</source>
        <translation>Die GPU hat nicht genug Speicher für dieses Modell; mit einem kürzeren Kontext passt es vielleicht.</translation>
    </message>
    <message>
        <source>The chosen GPU was not found. Check the GPU in the settings and that a Vulkan driver is installed.</source>
        <translation>Die gewählte GPU wurde nicht gefunden. Prüfen Sie die GPU in den Einstellungen und ob ein Vulkan-Treiber installiert ist.</translation>
    </message>
    <message>
        <source>The GPU stopped responding while the model was loading.</source>
        <translation>Die GPU hat beim Laden des Modells nicht mehr reagiert.</translation>
    </message>
</context>
<context>
    <name>Import</name>
    <message>
        <source>This file cannot be imported: %1</source>
        <translation>Diese Datei kann nicht importiert werden: %1</translation>
    </message>
    <message>
        <source>Imported conversation</source>
        <translation>Importiertes Gespräch</translation>
    </message>
</context>
<context>
    <name>IndexWorker</name>
    <message>
        <source>The embedding model cannot be used (%1); searching by words only.</source>
        <translation>Das Embedding-Modell kann nicht verwendet werden (%1); es wird nur nach Wörtern gesucht.</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 existiert nicht.</translation>
    </message>
</context>
<context>
    <name>InferenceWorker</name>
    <message>
        <source>No model is loaded.</source>
        <translation>Es ist kein Modell geladen.</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
</context>
<context>
    <name>InputBox</name>
    <message>
        <source>Write a message…</source>
        <translation>Nachricht schreiben…</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Press Ctrl+Enter to send</source>
        <translation>Strg+Eingabe zum Senden drücken</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Send the message (Ctrl+Enter)</source>
        <translation>Nachricht senden (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Load a model to send messages</source>
        <translation>Laden Sie ein Modell, um Nachrichten zu senden</translation>
    </message>
    <message>
        <source>Enter adds a line · Ctrl+Enter sends</source>
        <translation>Eingabe fügt eine Zeile hinzu · Strg+Eingabe sendet</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Stop the answer; the text so far is kept (Esc)</source>
        <translation>Antwort beenden; der bisherige Text bleibt erhalten (Esc)</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Ponder</source>
        <translation>Ponder</translation>
    </message>
    <message>
        <source>%1 – Ponder</source>
        <translation>%1 – Ponder</translation>
    </message>
    <message>
        <source>Chat “%1” deleted</source>
        <translation>Chat „%1“ gelöscht</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Restore the deleted chat</source>
        <translation>Den gelöschten Chat wiederherstellen</translation>
    </message>
    <message>
        <source>Open a model</source>
        <translation>Ein Modell öffnen</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF-Modelle (*.gguf)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Export chat</source>
        <translation>Chat exportieren</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>Import a chat</source>
        <translation>Einen Chat importieren</translation>
    </message>
    <message>
        <source>Ponder chat export (*.json)</source>
        <translation>Ponder-Chatexport (*.json)</translation>
    </message>
</context>
<context>
    <name>MessageBubble</name>
    <message>
        <source>You said: %1</source>
        <translation>Sie sagten: %1</translation>
    </message>
    <message>
        <source>Ponder answered: %1</source>
        <translation>Ponder antwortete: %1</translation>
    </message>
    <message>
        <source>Edit message</source>
        <translation>Nachricht bearbeiten</translation>
    </message>
    <message>
        <source>Ctrl+Enter sends the edited message as a new branch</source>
        <translation>Strg+Eingabe sendet die bearbeitete Nachricht als neuen Zweig</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Keep the message as it was (Esc)</source>
        <translation>Die Nachricht unverändert lassen (Esc)</translation>
    </message>
    <message>
        <source>Send edit</source>
        <translation>Änderung senden</translation>
    </message>
    <message>
        <source>Send the edited message; the old one stays as another branch</source>
        <translation>Die bearbeitete Nachricht senden; die alte bleibt als weiterer Zweig erhalten</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the message text</source>
        <translation>Den Nachrichtentext kopieren</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Edit and resend; the old message and its answers stay as a branch</source>
        <translation>Bearbeiten und erneut senden; die alte Nachricht und ihre Antworten bleiben als Zweig erhalten</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Neu erzeugen</translation>
    </message>
    <message>
        <source>Answer again; this answer stays as a branch</source>
        <translation>Erneut antworten; diese Antwort bleibt als Zweig erhalten</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>%1 tokens · %2 tokens/s</source>
        <translation>%1 Tokens · %2 Tokens/s</translation>
    </message>
    <message>
        <source>Searching your documents…</source>
        <translation>Ihre Dokumente werden durchsucht…</translation>
    </message>
</context>
<context>
    <name>MessageText</name>
    <message>
        <source>Formula: %1</source>
        <translation>Formel: %1</translation>
    </message>
</context>
<context>
    <name>ModelDownloader</name>
    <message>
        <source>The server answered %1 %2 for %3.</source>
        <translation>Der Server antwortete %1 %2 für %3.</translation>
    </message>
    <message>
        <source>The file needs a login or is not public.</source>
        <translation>Die Datei erfordert eine Anmeldung oder ist nicht öffentlich.</translation>
    </message>
    <message>
        <source>The file is no longer at this address.</source>
        <translation>Die Datei ist nicht mehr unter dieser Adresse.</translation>
    </message>
    <message>
        <source>The server has a problem; try again later.</source>
        <translation>Der Server hat ein Problem; versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>Only http and https addresses can be downloaded, not “%1”.</source>
        <translation>Nur http- und https-Adressen können heruntergeladen werden, nicht „%1“.</translation>
    </message>
    <message>
        <source>“%1” is not a model file name Ponder will write.</source>
        <translation>„%1“ ist kein Modelldateiname, den Ponder schreibt.</translation>
    </message>
    <message>
        <source>The models folder %1 could not be created.</source>
        <translation>Der Modellordner %1 konnte nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Not enough free disk space: the download needs %1 more, but only %2 is free in %3.</source>
        <translation>Nicht genug freier Speicherplatz: Der Download braucht noch %1, aber in %3 sind nur %2 frei.</translation>
    </message>
    <message>
        <source>Could not write the download&apos;s notes in %1: %2</source>
        <translation>Die Notizen des Downloads konnten nicht in %1 geschrieben werden: %2</translation>
    </message>
    <message>
        <source>There is no interrupted download of %1 to resume.</source>
        <translation>Es gibt keinen unterbrochenen Download von %1, der fortgesetzt werden könnte.</translation>
    </message>
    <message>
        <source>The partial download %1 could not be read: %2</source>
        <translation>Der unvollständige Download %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Could not open %1 for writing: %2</source>
        <translation>%1 konnte nicht zum Schreiben geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Could not prepare %1: %2</source>
        <translation>%1 konnte nicht vorbereitet werden: %2</translation>
    </message>
    <message>
        <source>The server gave an unexpected answer (%1 %2).</source>
        <translation>Der Server gab eine unerwartete Antwort (%1 %2).</translation>
    </message>
    <message>
        <source>The server offers %1 bytes, but the catalog expects %2. The file may have changed; the download was stopped.</source>
        <translation>Der Server bietet %1 Bytes an, der Katalog erwartet aber %2. Die Datei hat sich vielleicht geändert; der Download wurde angehalten.</translation>
    </message>
    <message>
        <source>Not enough free disk space: the download needs %1 more, but only %2 is free.</source>
        <translation>Nicht genug freier Speicherplatz: Der Download braucht noch %1, aber nur %2 sind frei.</translation>
    </message>
    <message>
        <source>Writing %1 failed: %2. Free some disk space, then resume.</source>
        <translation>Das Schreiben von %1 ist fehlgeschlagen: %2. Geben Sie Speicherplatz frei und setzen Sie dann fort.</translation>
    </message>
    <message>
        <source>the server stopped sending data</source>
        <translation>der Server hat aufgehört, Daten zu senden</translation>
    </message>
    <message>
        <source>The download was interrupted (%1). Resume continues where it stopped.</source>
        <translation>Der Download wurde unterbrochen (%1). Fortsetzen macht dort weiter, wo er aufgehört hat.</translation>
    </message>
    <message>
        <source>The connection closed after %1 of %2. Resume continues where it stopped.</source>
        <translation>Die Verbindung wurde nach %1 von %2 geschlossen. Fortsetzen macht dort weiter, wo sie aufgehört hat.</translation>
    </message>
    <message>
        <source>The download has %1 bytes instead of %2; it was deleted.</source>
        <translation>Der Download hat %1 Bytes statt %2; er wurde gelöscht.</translation>
    </message>
    <message>
        <source>The downloaded file is damaged: its SHA-256 checksum does not match the catalog. It was deleted; start the download again.</source>
        <translation>Die heruntergeladene Datei ist beschädigt: Ihre SHA-256-Prüfsumme stimmt nicht mit dem Katalog überein. Sie wurde gelöscht; starten Sie den Download erneut.</translation>
    </message>
    <message>
        <source>The server did not send a GGUF model file; it was deleted.</source>
        <translation>Der Server hat keine GGUF-Modelldatei gesendet; sie wurde gelöscht.</translation>
    </message>
    <message>
        <source>%1 already exists in the models folder.</source>
        <translation>%1 existiert bereits im Modellordner.</translation>
    </message>
    <message>
        <source>The finished download could not be renamed to %1.</source>
        <translation>Der fertige Download konnte nicht in %1 umbenannt werden.</translation>
    </message>
</context>
<context>
    <name>ModelPanel</name>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>No model is loaded. Open a GGUF file to start chatting.</source>
        <translation>Es ist kein Modell geladen. Öffnen Sie eine GGUF-Datei, um zu chatten.</translation>
    </message>
    <message>
        <source>Loading</source>
        <translation>Wird geladen</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 wird geladen…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Architektur</translation>
    </message>
    <message>
        <source>File size</source>
        <translation>Dateigröße</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Active per token</source>
        <translation>Aktiv pro Token</translation>
    </message>
    <message>
        <source>Experts</source>
        <translation>Experten</translation>
    </message>
    <message>
        <source>%1 of %2 used per token</source>
        <translation>%1 von %2 pro Token verwendet</translation>
    </message>
    <message>
        <source>Quantization</source>
        <translation>Quantisierung</translation>
    </message>
    <message>
        <source>Context length</source>
        <translation>Kontextlänge</translation>
    </message>
    <message>
        <source>%1 tokens (trained for %2)</source>
        <translation>%1 Tokens (trainiert für %2)</translation>
    </message>
    <message>
        <source>Chat format</source>
        <translation>Chatformat</translation>
    </message>
    <message>
        <source>Runs on</source>
        <translation>Läuft auf</translation>
    </message>
    <message>
        <source>Recent models</source>
        <translation>Zuletzt verwendete Modelle</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>%1 öffnen</translation>
    </message>
    <message>
        <source>Open model…</source>
        <translation>Modell öffnen…</translation>
    </message>
    <message>
        <source>Open a GGUF model file from this computer</source>
        <translation>Eine GGUF-Modelldatei von diesem Computer öffnen</translation>
    </message>
    <message>
        <source>Browse models…</source>
        <translation>Modelle durchsuchen…</translation>
    </message>
    <message>
        <source>Recommended models, what fits your GPU, downloads</source>
        <translation>Empfohlene Modelle, was auf Ihre GPU passt, Downloads</translation>
    </message>
    <message>
        <source>Copying the model to the GPU</source>
        <translation>Das Modell wird auf die GPU kopiert</translation>
    </message>
    <message>
        <source>Not on the GPU: %1</source>
        <translation>Nicht auf der GPU: %1</translation>
    </message>
    <message>
        <source>The GPU stopped responding, so %1 was closed. Your chats are safe.</source>
        <translation>Die GPU reagierte nicht mehr, deshalb wurde %1 geschlossen. Ihre Chats sind sicher.</translation>
    </message>
    <message>
        <source>Open again</source>
        <translation>Erneut öffnen</translation>
    </message>
    <message>
        <source>Open %1 again on the GPU</source>
        <translation>%1 erneut auf der GPU öffnen</translation>
    </message>
    <message>
        <source>Open on the CPU</source>
        <translation>Auf der CPU öffnen</translation>
    </message>
    <message>
        <source>Open %1 on the CPU this time: slower, but it does not depend on the GPU</source>
        <translation>%1 diesmal auf der CPU öffnen: langsamer, aber unabhängig von der GPU</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Hide this message</source>
        <translation>Diese Meldung ausblenden</translation>
    </message>
</context>
<context>
    <name>NumberSetting</name>
    <message>
        <source>Model default</source>
        <translation>Modellvorgabe</translation>
    </message>
</context>
<context>
    <name>ReasoningPanel</name>
    <message>
        <source>Thinking…</source>
        <translation>Denkt nach…</translation>
    </message>
    <message>
        <source>Thought for %1 ms, %2 tokens</source>
        <translation>%1 ms nachgedacht, %2 Tokens</translation>
    </message>
    <message>
        <source>Thought for %1 ms</source>
        <translation>%1 ms nachgedacht</translation>
    </message>
    <message>
        <source>Thought for %1 s, %2 tokens</source>
        <translation>%1 s nachgedacht, %2 Tokens</translation>
    </message>
    <message>
        <source>Thought for %1 s</source>
        <translation>%1 s nachgedacht</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>Überlegungen</translation>
    </message>
    <message>
        <source>Hide the model&apos;s reasoning</source>
        <translation>Die Überlegungen des Modells ausblenden</translation>
    </message>
    <message>
        <source>Show the model&apos;s reasoning step by step</source>
        <translation>Die Überlegungen des Modells Schritt für Schritt zeigen</translation>
    </message>
    <message>
        <source>Reasoning steps</source>
        <translation>Denkschritte</translation>
    </message>
    <message>
        <source>Step %1: %2</source>
        <translation>Schritt %1: %2</translation>
    </message>
</context>
<context>
    <name>RetrievalWorker</name>
    <message>
        <source>The embedding model cannot be used (%1); searching your documents by words only.</source>
        <translation>Das Embedding-Modell kann nicht verwendet werden (%1); Ihre Dokumente werden nur nach Wörtern durchsucht.</translation>
    </message>
    <message>
        <source>The documents cannot be searched: %1</source>
        <translation>Die Dokumente können nicht durchsucht werden: %1</translation>
    </message>
</context>
<context>
    <name>SearchField</name>
    <message>
        <source>Search chats</source>
        <translation>Chats durchsuchen</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>Sampling</translation>
    </message>
    <message>
        <source>Leave a field empty to use what the model file recommends.</source>
        <translation>Lassen Sie ein Feld leer, um die Empfehlung der Modelldatei zu verwenden.</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <source>Higher is more varied, lower more focused (0 to 2)</source>
        <translation>Höher ist abwechslungsreicher, niedriger fokussierter (0 bis 2)</translation>
    </message>
    <message>
        <source>Top-k</source>
        <translation>Top-k</translation>
    </message>
    <message>
        <source>Sample only from the k most likely tokens (0: off)</source>
        <translation>Nur aus den k wahrscheinlichsten Tokens wählen (0: aus)</translation>
    </message>
    <message>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <source>Sample from the smallest set of tokens whose probabilities add up to p (0 to 1)</source>
        <translation>Aus der kleinsten Menge von Tokens wählen, deren Wahrscheinlichkeiten zusammen p ergeben (0 bis 1)</translation>
    </message>
    <message>
        <source>Min-p</source>
        <translation>Min-p</translation>
    </message>
    <message>
        <source>Drop tokens less likely than p times the most likely one (0 to 1)</source>
        <translation>Tokens verwerfen, die weniger wahrscheinlich sind als p mal das wahrscheinlichste (0 bis 1)</translation>
    </message>
    <message>
        <source>Repeat penalty</source>
        <translation>Wiederholungsstrafe</translation>
    </message>
    <message>
        <source>Above 1 discourages repeating recent tokens</source>
        <translation>Über 1 hält davon ab, kürzlich verwendete Tokens zu wiederholen</translation>
    </message>
    <message>
        <source>Maximum answer length (tokens)</source>
        <translation>Maximale Antwortlänge (Tokens)</translation>
    </message>
    <message>
        <source>Empty: until the model stops or the context is full</source>
        <translation>Leer: bis das Modell aufhört oder der Kontext voll ist</translation>
    </message>
    <message>
        <source>Use the model&apos;s recommendations</source>
        <translation>Empfehlungen des Modells verwenden</translation>
    </message>
    <message>
        <source>Clear all sampling fields</source>
        <translation>Alle Sampling-Felder leeren</translation>
    </message>
    <message>
        <source>Model and hardware</source>
        <translation>Modell und Hardware</translation>
    </message>
    <message>
        <source>Context length</source>
        <translation>Kontextlänge</translation>
    </message>
    <message>
        <source>Tokens the model can see at once; applies when a model is next opened</source>
        <translation>Tokens, die das Modell auf einmal sieht; gilt beim nächsten Öffnen eines Modells</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>Choose automatically</source>
        <translation>Automatisch wählen</translation>
    </message>
    <message>
        <source>The Vulkan device that will run models</source>
        <translation>Das Vulkan-Gerät, das die Modelle ausführen wird</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Darstellung</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Farbschema</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Keep the reasoning open after the answer starts</source>
        <translation>Überlegungen nach Beginn der Antwort geöffnet lassen</translation>
    </message>
    <message>
        <source>Otherwise it folds into one line, which a click opens again</source>
        <translation>Sonst werden sie zu einer Zeile zusammengeklappt, die ein Klick wieder öffnet</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Changes the language of Ponder at once</source>
        <translation>Ändert die Sprache von Ponder sofort</translation>
    </message>
    <message>
        <source>Version %1 (git %2)
Qt %3
Vulkan %4
GPU: %5</source>
        <translation>Version %1 (git %2)
Qt %3
Vulkan %4
GPU: %5</translation>
    </message>
    <message>
        <source>not available</source>
        <translation>nicht verfügbar</translation>
    </message>
    <message>
        <source>CPU only (much slower)</source>
        <translation>Nur CPU (viel langsamer)</translation>
    </message>
    <message>
        <source>Applies when a model is next opened. A model the GPU cannot run (too big, or an architecture Ponder does not run on Vulkan yet) runs on the CPU, and Ponder says so.</source>
        <translation>Gilt ab dem nächsten Öffnen eines Modells. Ein Modell, das die GPU nicht ausführen kann (zu groß oder eine Architektur, die Ponder noch nicht auf Vulkan ausführt), läuft auf der CPU, und Ponder sagt es.</translation>
    </message>
    <message>
        <source>About Ponder</source>
        <translation>Über Ponder</translation>
    </message>
    <message>
        <source>looking for devices…</source>
        <translation>Geräte werden gesucht …</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>Ponder</source>
        <translation>Ponder</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <source>Chats</source>
        <translation>Chats</translation>
    </message>
    <message>
        <source>No chats yet</source>
        <translation>Noch keine Chats</translation>
    </message>
    <message>
        <source>Your conversations will appear here. They are stored only on this computer.</source>
        <translation>Ihre Unterhaltungen erscheinen hier. Sie werden nur auf diesem Computer gespeichert.</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>Start a new chat (Ctrl+N)</source>
        <translation>Einen neuen Chat beginnen (Strg+N)</translation>
    </message>
    <message>
        <source>Searches titles, messages and reasoning (Ctrl+K)</source>
        <translation>Durchsucht Titel, Nachrichten und Überlegungen (Strg+K)</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Suchergebnisse</translation>
    </message>
    <message>
        <source>Nothing found</source>
        <translation>Nichts gefunden</translation>
    </message>
    <message>
        <source>No chat contains all of these words.</source>
        <translation>Kein Chat enthält alle diese Wörter.</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Importieren…</translation>
    </message>
    <message>
        <source>Open a chat exported as JSON</source>
        <translation>Einen als JSON exportierten Chat öffnen</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Sampling, context length, GPU, theme and language (Ctrl+,)</source>
        <translation>Sampling, Kontextlänge, GPU, Farbschema und Sprache (Strg+,)</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Dokumente</translation>
    </message>
    <message>
        <source>Collections of your files that chats can answer from</source>
        <translation>Sammlungen Ihrer Dateien, aus denen Chats antworten können</translation>
    </message>
</context>
<context>
    <name>Snackbar</name>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Hide this message</source>
        <translation>Diese Meldung ausblenden</translation>
    </message>
</context>
<context>
    <name>Storage</name>
    <message>
        <source>The conversation database was written by a newer version of Ponder (schema %1; this version knows up to %2). Please update Ponder; the file was left untouched.</source>
        <translation>Die Gesprächsdatenbank wurde von einer neueren Ponder-Version geschrieben (Schema %1; diese Version kennt bis %2). Bitte aktualisieren Sie Ponder; die Datei wurde nicht verändert.</translation>
    </message>
    <message>
        <source>Ponder could not read its conversation database (%1). The file was kept and moved to %2; Ponder started with an empty history.</source>
        <translation>Ponder konnte seine Gesprächsdatenbank nicht lesen (%1). Die Datei wurde behalten und nach %2 verschoben; Ponder hat mit einem leeren Verlauf begonnen.</translation>
    </message>
</context>
<context>
    <name>StorageError</name>
    <message>
        <source>The disk is full, so the conversation could not be saved.</source>
        <translation>Der Datenträger ist voll, daher konnte das Gespräch nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>The conversation database cannot be written (read-only file or folder).</source>
        <translation>Die Gesprächsdatenbank kann nicht geschrieben werden (schreibgeschützte Datei oder schreibgeschützter Ordner).</translation>
    </message>
    <message>
        <source>The conversation database is in use by another program.</source>
        <translation>Die Gesprächsdatenbank wird von einem anderen Programm verwendet.</translation>
    </message>
    <message>
        <source>The disk reported an error while reading or writing conversations.</source>
        <translation>Der Datenträger meldete beim Lesen oder Schreiben von Gesprächen einen Fehler.</translation>
    </message>
    <message>
        <source>The conversation database is damaged.</source>
        <translation>Die Gesprächsdatenbank ist beschädigt.</translation>
    </message>
    <message>
        <source>The conversation database cannot be opened.</source>
        <translation>Die Gesprächsdatenbank kann nicht geöffnet werden.</translation>
    </message>
    <message>
        <source>A database operation failed.</source>
        <translation>Ein Datenbankvorgang ist fehlgeschlagen.</translation>
    </message>
</context>
<context>
    <name>SystemPromptBar</name>
    <message>
        <source>System prompt: %1</source>
        <translation>Systemprompt: %1</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>Systemprompt</translation>
    </message>
    <message>
        <source>Instructions the model gets before this chat; shown or hidden</source>
        <translation>Anweisungen, die das Modell vor diesem Chat erhält; ein- oder ausblenden</translation>
    </message>
    <message>
        <source>For example: You are a concise assistant. Answer in English.</source>
        <translation>Zum Beispiel: Du bist ein knapper Assistent. Antworte auf Deutsch.</translation>
    </message>
    <message>
        <source>Saved when the field loses focus</source>
        <translation>Wird gespeichert, wenn das Feld den Fokus verliert</translation>
    </message>
</context>
<context>
    <name>conversationexport</name>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>Assistent</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>Werkzeug</translation>
    </message>
    <message>
        <source>Reasoning (%1 s)</source>
        <translation>Überlegungen (%1 s)</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>Überlegungen</translation>
    </message>
    <message>
        <source>Stopped before the end.</source>
        <translation>Vor dem Ende angehalten.</translation>
    </message>
    <message>
        <source>Still being written.</source>
        <translation>Wird noch geschrieben.</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>Untitled conversation</source>
        <translation>Unbenanntes Gespräch</translation>
    </message>
    <message>
        <source>Exported from Ponder on %1.</source>
        <translation>Aus Ponder exportiert am %1.</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>Systemprompt</translation>
    </message>
</context>
<context>
    <name>textextract</name>
    <message>
        <source>The PDF is password-protected.</source>
        <translation>Das PDF ist passwortgeschützt.</translation>
    </message>
    <message>
        <source>The file cannot be opened.</source>
        <translation>Die Datei kann nicht geöffnet werden.</translation>
    </message>
    <message>
        <source>The PDF is damaged or not a PDF.</source>
        <translation>Das PDF ist beschädigt oder kein PDF.</translation>
    </message>
    <message>
        <source>The PDF cannot be read (error %1).</source>
        <translation>Das PDF kann nicht gelesen werden (Fehler %1).</translation>
    </message>
    <message>
        <source>The PDF has no pages.</source>
        <translation>Das PDF hat keine Seiten.</translation>
    </message>
    <message>
        <source>The file no longer exists.</source>
        <translation>Die Datei existiert nicht mehr.</translation>
    </message>
    <message>
        <source>Not a regular file.</source>
        <translation>Keine normale Datei.</translation>
    </message>
    <message>
        <source>This file type is not supported.</source>
        <translation>Dieser Dateityp wird nicht unterstützt.</translation>
    </message>
    <message>
        <source>Word documents (.docx) are not supported yet; save as PDF or text.</source>
        <translation>Word-Dokumente (.docx) werden noch nicht unterstützt; speichern Sie sie als PDF oder Text.</translation>
    </message>
    <message>
        <source>The file is too large to index (%1 MiB; the limit is %2 MiB).</source>
        <translation>Die Datei ist zu groß zum Indizieren (%1 MiB; die Grenze ist %2 MiB).</translation>
    </message>
    <message>
        <source>The file cannot be read: %1</source>
        <translation>Die Datei kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The file is not text.</source>
        <translation>Die Datei ist kein Text.</translation>
    </message>
</context>
</TS>
