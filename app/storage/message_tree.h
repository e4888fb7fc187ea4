/// @brief Read-only queries over the branch tree of a conversation's messages.
#pragma once

#include "database.h"
#include "storage_result.h"
#include "storage_types.h"

/// A message on a path, with where it stands among its siblings ("2/3").
struct PathMessage {
    Message message;
    int siblingIndex = 1;  ///< 1-based, creation order
    int siblingCount = 1;
};

/// Messages form a tree (edits and regenerations add siblings). The active path follows, from
/// the root down, the sibling that was created or selected last (ConversationStore::selectBranch).
class MessageTree {
public:
    explicit MessageTree(Database& db) : m_db(db) {}

    /// Every message of the conversation, all branches, in creation order (parents first).
    Result<QList<Message>> allMessages(qint64 conversationId);
    /// Children of @p parentId in creation order; @p parentId 0 gives the conversation's roots.
    Result<QList<Message>> children(qint64 conversationId, qint64 parentId);
    /// The active path from the first message to the newest leaf.
    Result<QList<PathMessage>> activePath(qint64 conversationId);
    /// The last message of the active path (where the next message goes); 0 when empty.
    Result<qint64> activeLeaf(qint64 conversationId);
    /// From the root down to @p messageId (inclusive): the context of that message.
    Result<QList<Message>> pathTo(qint64 messageId);
    Result<SiblingInfo> siblingInfo(qint64 messageId);

private:
    Database& m_db;
};
