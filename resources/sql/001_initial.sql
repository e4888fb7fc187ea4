-- Schema version 1: conversations and their messages.
-- Applied by app/storage/migrations.cpp inside one transaction together with
-- PRAGMA user_version = 1; so no BEGIN/COMMIT or PRAGMA here.
-- Times are milliseconds since the Unix epoch, UTC.

CREATE TABLE conversations (
    id            INTEGER PRIMARY KEY,
    title         TEXT    NOT NULL DEFAULT '',
    system_prompt TEXT    NOT NULL DEFAULT '',
    model_path    TEXT    NOT NULL DEFAULT '',
    pinned        INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    -- NULL while the conversation is live; set when it goes to the trash, so delete can be
    -- undone and the purge can tell how long it has been there.
    deleted_at    INTEGER
);

-- The sidebar's order: live first, pinned first, most recently updated first.
CREATE INDEX conversations_by_list_order
    ON conversations (deleted_at, pinned DESC, updated_at DESC);

CREATE TABLE messages (
    id                INTEGER PRIMARY KEY,
    conversation_id   INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    -- Messages form a tree: edit and regenerate add a sibling instead of overwriting, so the
    -- old branch stays. NULL for the first message(s) of a conversation.
    parent_id         INTEGER REFERENCES messages (id) ON DELETE CASCADE,
    -- Among siblings, the one with the highest rank (then the highest id) is on the active
    -- path. A rank rather than a "selected child" pointer cannot dangle.
    branch_rank       INTEGER NOT NULL DEFAULT 0,
    role              TEXT    NOT NULL CHECK (role IN ('system', 'user', 'assistant', 'tool')),
    content           TEXT    NOT NULL DEFAULT '',
    reasoning         TEXT    NOT NULL DEFAULT '',
    model             TEXT    NOT NULL DEFAULT '',
    prompt_tokens     INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    reasoning_ms      INTEGER NOT NULL DEFAULT 0,
    generation_ms     INTEGER NOT NULL DEFAULT 0,
    tokens_per_second REAL    NOT NULL DEFAULT 0,
    created_at        INTEGER NOT NULL,
    state             TEXT    NOT NULL DEFAULT 'complete'
                      CHECK (state IN ('streaming', 'complete', 'cancelled', 'error')),
    error_text        TEXT    NOT NULL DEFAULT ''
);

-- Children of a message (and roots of a conversation) in one index range.
CREATE INDEX messages_by_parent ON messages (conversation_id, parent_id, id);
-- ON DELETE CASCADE on parent_id looks children up by parent alone.
CREATE INDEX messages_by_parent_only ON messages (parent_id);
