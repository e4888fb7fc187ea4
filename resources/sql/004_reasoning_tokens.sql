-- Schema version 4: the number of tokens an answer spent thinking, so the folded reasoning
-- still reads "Thought for 12 s, 640 tokens" after a restart. Older answers keep 0, which the
-- window shows as the time alone.
-- Applied by app/storage/migrations.cpp inside one transaction with PRAGMA user_version = 4.

ALTER TABLE messages ADD COLUMN reasoning_tokens INTEGER NOT NULL DEFAULT 0;
