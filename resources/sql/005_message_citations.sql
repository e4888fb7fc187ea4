-- Schema version 5: the passages an answer was given, numbered as in its [1], [2]... so the
-- citations still open after a restart. The passage text, file, page and lines are copied
-- rather than referenced: re-indexing a changed file replaces its chunks, and an old answer
-- must keep showing what it was actually shown then.
-- Applied by app/storage/migrations.cpp inside one transaction with PRAGMA user_version = 5.

CREATE TABLE message_citations (
    message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    number INTEGER NOT NULL,       -- the n of [n]
    path TEXT NOT NULL,
    page INTEGER NOT NULL,         -- counted from 1
    line_start INTEGER NOT NULL,   -- counted from 1 within the page
    line_end INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (message_id, number)
);
