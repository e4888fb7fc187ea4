/// @brief Plain value types of the conversation store: conversations, messages, search hits.
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

/// Where a message is in its life; only assistant answers are ever anything but Complete.
enum class MessageState { Streaming, Complete, Cancelled, Error };

/// "streaming", "complete", ...: the spelling in the database and in the JSON export.
QString messageStateName(MessageState state);
/// Inverse of messageStateName; nullopt for unknown text (imports must reject it).
std::optional<MessageState> messageStateFromName(const QString& name);

/// Roles a message may have; the schema's CHECK constraint lists the same set.
bool isValidRole(const QString& role);

struct Conversation {
    qint64 id = 0;
    QString title;
    QString systemPrompt;
    QString modelPath;
    bool pinned = false;
    QDateTime created;
    QDateTime updated;
    QDateTime deleted;  ///< invalid while live; set while the conversation is in the trash
};

/// Token counts and timings of one answer, kept with the message for the "thought for 12 s,
/// 640 tokens, 35 tok/s" line.
struct MessageStats {
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    qint64 reasoningMs = 0;
    qint64 generationMs = 0;
    double tokensPerSecond = 0;
    qint64 reasoningTokens = 0;  // tokens sampled while thinking (schema 4; 0 before)
};

struct Message {
    qint64 id = 0;
    qint64 conversationId = 0;
    qint64 parentId = 0;  ///< 0 for a first message (no parent)
    QString role;         ///< "user", "assistant", "system" or "tool"
    QString content;
    QString reasoning;
    QString model;
    MessageStats stats;
    QDateTime created;
    MessageState state = MessageState::Complete;
    QString errorText;
};

/// What appendMessage needs; id, creation time and branch order are assigned by the store.
struct NewMessage {
    qint64 conversationId = 0;
    qint64 parentId = 0;  ///< 0: a root message; else a message of the same conversation
    QString role;
    QString content;
    QString reasoning;
    QString model;
    MessageStats stats;
    MessageState state = MessageState::Complete;
    QString errorText;
    QDateTime created;  ///< invalid: now (imports pass the original time)
};

/// A partial update of a message: only the fields that are set are written.
struct MessagePatch {
    std::optional<QString> content;
    std::optional<QString> reasoning;
    std::optional<QString> model;
    std::optional<qint64> promptTokens;
    std::optional<qint64> completionTokens;
    std::optional<qint64> reasoningMs;
    std::optional<qint64> reasoningTokens;
    std::optional<qint64> generationMs;
    std::optional<double> tokensPerSecond;
    std::optional<MessageState> state;
    std::optional<QString> errorText;

    bool isEmpty() const;
};

/// Position of a message among its siblings (alternative answers or edits), for "< 2/3 >".
struct SiblingInfo {
    int index = 0;  ///< 1-based position among siblings, in creation order
    int count = 0;
    QList<qint64> siblingIds;  ///< all siblings (the message included), in creation order
};

/// One conversation found by a search, with the best-matching passage.
struct SearchHit {
    qint64 conversationId = 0;
    QString title;
    bool pinned = false;
    QDateTime updated;
    qint64 messageId = 0;  ///< the matching message, 0 when only the title matched
    /// The passage, HTML-escaped, with matches wrapped in <b>...</b>: safe for rich text.
    QString snippet;
};
