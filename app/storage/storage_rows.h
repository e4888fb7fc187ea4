/// @brief Reading message and conversation rows (shared by the store, the tree and search).
#pragma once

#include "storage_types.h"

class QSqlQuery;

namespace storagerow {

/// "m.id, m.conversation_id, ..." in the order read by readMessage (alias without the dot).
QString messageColumns(const QString& alias = QStringLiteral("m"));
constexpr int kMessageColumnCount = 17;
Message readMessage(const QSqlQuery& q, int first = 0);

/// Same pair for conversations.
QString conversationColumns(const QString& alias = QStringLiteral("c"));
constexpr int kConversationColumnCount = 8;
Conversation readConversation(const QSqlQuery& q, int first = 0);

/// Times are stored as UTC milliseconds since the epoch: sortable integers, no time zones.
QDateTime fromMs(const QVariant& ms);
qint64 toMs(const QDateTime& time);

}  // namespace storagerow
