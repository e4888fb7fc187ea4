#include "message_tree.h"

#include "storage_rows.h"

#include <QSqlError>
#include <QSqlQuery>

namespace {

// Siblings share conversation and parent; `IS` so that NULL parents (roots) compare equal.
const char kSameParent[] = "s.conversation_id = m.conversation_id AND s.parent_id IS m.parent_id";

}  // namespace

Result<QList<Message>> MessageTree::children(qint64 conversationId, qint64 parentId) {
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT %1 FROM messages m WHERE m.conversation_id = ? AND m.parent_id IS ? "
                             "ORDER BY m.id")
                  .arg(storagerow::messageColumns()));
    q.addBindValue(conversationId);
    q.addBindValue(parentId == 0 ? QVariant() : QVariant(parentId));
    if (!q.exec()) return StorageError::fromSql(q.lastError(), QStringLiteral("reading replies"));
    QList<Message> list;
    while (q.next())
        list << storagerow::readMessage(q);
    return list;
}

Result<QList<Message>> MessageTree::allMessages(qint64 conversationId) {
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM messages m WHERE m.conversation_id = ? ORDER BY m.id")
                  .arg(storagerow::messageColumns()));
    q.addBindValue(conversationId);
    if (!q.exec()) return StorageError::fromSql(q.lastError(), QStringLiteral("reading messages"));
    QList<Message> list;
    while (q.next())
        list << storagerow::readMessage(q);
    return list;
}

Result<QList<PathMessage>> MessageTree::activePath(qint64 conversationId) {
    // One recursive query instead of one round trip per level: start at the top-ranked root,
    // then repeatedly take the top-ranked child, until a leaf.
    const QString sql =
        QStringLiteral(
            "WITH RECURSIVE path(id, depth) AS ("
            "  SELECT (SELECT id FROM messages WHERE conversation_id = :c AND parent_id IS NULL"
            "          ORDER BY branch_rank DESC, id DESC LIMIT 1), 0"
            "  UNION ALL"
            "  SELECT (SELECT id FROM messages WHERE parent_id = path.id"
            "          ORDER BY branch_rank DESC, id DESC LIMIT 1), path.depth + 1"
            "  FROM path WHERE path.id IS NOT NULL"
            ") "
            "SELECT %1,"
            " (SELECT COUNT(*) FROM messages s WHERE %2 AND s.id <= m.id),"
            " (SELECT COUNT(*) FROM messages s WHERE %2) "
            "FROM path JOIN messages m ON m.id = path.id ORDER BY path.depth")
            .arg(storagerow::messageColumns(), QLatin1String(kSameParent));
    QSqlQuery q(m_db.connection());
    q.prepare(sql);
    q.bindValue(QStringLiteral(":c"), conversationId);
    if (!q.exec()) return StorageError::fromSql(q.lastError(), QStringLiteral("reading the active branch"));
    QList<PathMessage> path;
    while (q.next()) {
        PathMessage p;
        p.message = storagerow::readMessage(q);
        p.siblingIndex = q.value(storagerow::kMessageColumnCount).toInt();
        p.siblingCount = q.value(storagerow::kMessageColumnCount + 1).toInt();
        path << p;
    }
    return path;
}

Result<qint64> MessageTree::activeLeaf(qint64 conversationId) {
    const Result<QList<PathMessage>> path = activePath(conversationId);
    if (!path) return path.error();
    return path.value().isEmpty() ? 0 : path.value().constLast().message.id;
}

Result<QList<Message>> MessageTree::pathTo(qint64 messageId) {
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("WITH RECURSIVE up(id, depth) AS ("
                             "  SELECT ?, 0"
                             "  UNION ALL"
                             "  SELECT m.parent_id, up.depth + 1 FROM messages m JOIN up ON m.id = up.id"
                             "  WHERE m.parent_id IS NOT NULL"
                             ") SELECT %1 FROM up JOIN messages m ON m.id = up.id ORDER BY up.depth DESC")
                  .arg(storagerow::messageColumns()));
    q.addBindValue(messageId);
    if (!q.exec()) return StorageError::fromSql(q.lastError(), QStringLiteral("reading a branch"));
    QList<Message> path;
    while (q.next())
        path << storagerow::readMessage(q);
    if (path.isEmpty())
        return StorageError(StorageError::Code::NotFound,
                            QStringLiteral("Message %1 does not exist").arg(messageId));
    return path;
}

Result<SiblingInfo> MessageTree::siblingInfo(qint64 messageId) {
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT s.id FROM messages m JOIN messages s ON %1 WHERE m.id = ? ORDER BY s.id")
                  .arg(QLatin1String(kSameParent)));
    q.addBindValue(messageId);
    if (!q.exec()) return StorageError::fromSql(q.lastError(), QStringLiteral("reading sibling messages"));
    SiblingInfo info;
    while (q.next()) {
        const qint64 id = q.value(0).toLongLong();
        info.siblingIds << id;
        if (id == messageId) info.index = static_cast<int>(info.siblingIds.size());
    }
    if (info.siblingIds.isEmpty())
        return StorageError(StorageError::Code::NotFound,
                            QStringLiteral("Message %1 does not exist").arg(messageId));
    info.count = static_cast<int>(info.siblingIds.size());
    return info;
}
