<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ChatView</name>
    <message>
        <source>No model loaded</source>
        <translation>Kein Modell geladen</translation>
    </message>
    <message>
        <source>Choose model…</source>
        <translation>Modell wählen…</translation>
    </message>
    <message>
        <source>Opening models is not available in this version yet</source>
        <translation>Das Öffnen von Modellen ist in dieser Version noch nicht verfügbar</translation>
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
</context>
<context>
    <name>Main</name>
    <message>
        <source>Ponder</source>
        <translation>Ponder</translation>
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
        <source>Load a model to start a chat</source>
        <translation>Laden Sie ein Modell, um einen Chat zu beginnen</translation>
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
</context>
<context>
    <name>Storage</name>
    <message>
        <source>The conversation database was written by a newer version of Ponder (schema %1; this version knows up to %2). Please update Ponder; the file was left untouched.</source>
        <translation>Die Gesprächsdatenbank wurde von einer neueren Ponder-Version geschrieben (Schema %1; diese Version kennt bis %2). Bitte aktualisieren Sie Ponder; die Datei wurde nicht verändert.</translation>
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
</TS>
