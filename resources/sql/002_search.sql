-- Schema version 2: full-text search over conversation titles, answers and reasoning.
--
-- Why external-content FTS5 tables: the index refers to the rows of conversations/messages
-- instead of holding a second copy of every answer (long reasoning would double the file),
-- yet snippet() and highlight() still work because FTS5 reads the text back from the content
-- table. (A contentless table would also avoid the copy but cannot produce snippets.) The
-- price is that the index must be kept in sync by the triggers below, which hand FTS5 the
-- exact old values on update and delete. Two tables, because external content maps one
-- FTS table to one content table.

CREATE VIRTUAL TABLE conversations_fts USING fts5 (
    title,
    content = 'conversations',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

CREATE VIRTUAL TABLE messages_fts USING fts5 (
    content,
    reasoning,
    content = 'messages',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

CREATE TRIGGER conversations_fts_after_insert AFTER INSERT ON conversations BEGIN
    INSERT INTO conversations_fts (rowid, title) VALUES (new.id, new.title);
END;

CREATE TRIGGER conversations_fts_after_delete AFTER DELETE ON conversations BEGIN
    INSERT INTO conversations_fts (conversations_fts, rowid, title)
        VALUES ('delete', old.id, old.title);
END;

-- Only a changed title touches the index; pin, rename of the prompt etc. do not.
CREATE TRIGGER conversations_fts_after_update AFTER UPDATE OF title ON conversations
WHEN old.title IS NOT new.title BEGIN
    INSERT INTO conversations_fts (conversations_fts, rowid, title)
        VALUES ('delete', old.id, old.title);
    INSERT INTO conversations_fts (rowid, title) VALUES (new.id, new.title);
END;

CREATE TRIGGER messages_fts_after_insert AFTER INSERT ON messages BEGIN
    INSERT INTO messages_fts (rowid, content, reasoning)
        VALUES (new.id, new.content, new.reasoning);
END;

CREATE TRIGGER messages_fts_after_delete AFTER DELETE ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, content, reasoning)
        VALUES ('delete', old.id, old.content, old.reasoning);
END;

-- Streaming flushes rewrite content every 250 ms; metadata-only updates (state, timings)
-- skip the re-indexing.
CREATE TRIGGER messages_fts_after_update AFTER UPDATE OF content, reasoning ON messages
WHEN old.content IS NOT new.content OR old.reasoning IS NOT new.reasoning BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, content, reasoning)
        VALUES ('delete', old.id, old.content, old.reasoning);
    INSERT INTO messages_fts (rowid, content, reasoning)
        VALUES (new.id, new.content, new.reasoning);
END;

-- Databases created at version 1 already hold conversations: index them now.
INSERT INTO conversations_fts (conversations_fts) VALUES ('rebuild');
INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');
