/// @brief Full-text search (FTS5) over conversation titles, answers and reasoning.
#pragma once

#include "database.h"
#include "storage_result.h"
#include "storage_types.h"

/// Searches live conversations; one hit per conversation, best match first.
class ConversationSearch {
public:
    explicit ConversationSearch(Database& db) : m_db(db) {}

    /// @p userText is what the person typed: every word matches as a prefix ("infer" finds
    /// "inference"), all words must occur. Quotes, operators (AND, NEAR, -, *) and other
    /// punctuation are taken literally, never as FTS5 syntax, so no input makes the query fail.
    Result<QList<SearchHit>> search(const QString& userText, int limit = 50);

    /// The FTS5 MATCH expression for @p userText: each word as a quoted phrase with prefix
    /// star, quotes doubled. Empty when the text has no searchable word.
    static QString toMatchExpression(const QString& userText);

private:
    Database& m_db;
};
