-- Schema version 3: document collections for offline question answering (app/docs).
--
-- A collection is a named set of sources (files or folders the user added). Every file found
-- under them is a row of documents with its own indexing state, so an indexer killed halfway
-- resumes at the first file that is not 'indexed', and a changed file (mtime, size, then
-- hash) is the only one indexed again. A document's chunks are replaced in one transaction
-- together with its state, which is what keeps a resumed run free of duplicates.

CREATE TABLE collections (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    -- GGUF path of the embedding model (Qwen3-Embedding), NULL for BM25 only. Vectors of
    -- different models are not comparable, so the choice belongs to the collection.
    embedding_model TEXT,
    created_at INTEGER NOT NULL
);

CREATE TABLE collection_sources (
    id INTEGER PRIMARY KEY,
    collection_id INTEGER NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    is_folder INTEGER NOT NULL DEFAULT 0,
    UNIQUE (collection_id, path)
);

CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    collection_id INTEGER NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
    source_id INTEGER REFERENCES collection_sources (id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'indexed', 'error')),
    mtime_ms INTEGER,
    size INTEGER,
    hash TEXT,
    pages INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    indexed_at INTEGER,
    UNIQUE (collection_id, path)
);

CREATE INDEX documents_state ON documents (collection_id, state);

CREATE TABLE chunks (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,          -- order within the document
    page INTEGER NOT NULL,         -- counted from 1; text files are one page
    line_start INTEGER NOT NULL,   -- counted from 1 within the page
    line_end INTEGER NOT NULL,
    text TEXT NOT NULL,
    embedding BLOB,                -- float32 little-endian, L2-normalised; NULL without a model
    UNIQUE (document_id, seq)
);

-- External content, as for conversations (002): snippets without a second copy of the text.
CREATE VIRTUAL TABLE chunks_fts USING fts5 (
    text,
    content = 'chunks',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER chunks_fts_after_insert AFTER INSERT ON chunks BEGIN
    INSERT INTO chunks_fts (rowid, text) VALUES (new.id, new.text);
END;

CREATE TRIGGER chunks_fts_after_delete AFTER DELETE ON chunks BEGIN
    INSERT INTO chunks_fts (chunks_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

CREATE TRIGGER chunks_fts_after_update AFTER UPDATE OF text ON chunks
WHEN old.text IS NOT new.text BEGIN
    INSERT INTO chunks_fts (chunks_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO chunks_fts (rowid, text) VALUES (new.id, new.text);
END;

-- Which collections a chat answers from.
CREATE TABLE conversation_collections (
    conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    collection_id INTEGER NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
    PRIMARY KEY (conversation_id, collection_id)
);
