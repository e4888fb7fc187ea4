#include "conversation_store.h"

#include "storage_log.h"
#include "storage_rows.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

using storagerow::toMs;

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("Storage", text);
}

qint64 nowMs() {
    return QDateTime::currentMSecsSinceEpoch();
}

StorageError notFound(const QString& what) {
    return StorageError(StorageError::Code::NotFound, tr("%1 does not exist (any more).").arg(what));
}

QString conversationLabel(qint64 id) {
    return QStringLiteral("Conversation %1").arg(id);
}
QString messageLabel(qint64 id) {
    return QStringLiteral("Message %1").arg(id);
}

// A prepared statement with positional values; the caller checks the returned query.
bool run(QSqlQuery& q, const QString& sql, const QVariantList& values) {
    if (!q.prepare(sql)) return false;
    for (const QVariant& v : values) {
        // QtSql binds a null QString as SQL NULL, which the NOT NULL text columns refuse; a
        // default-constructed QString means "empty" everywhere in this API. A real NULL is
        // passed as an invalid QVariant instead.
        if (v.typeId() == QMetaType::QString && v.toString().isNull())
            q.addBindValue(QStringLiteral(""));
        else
            q.addBindValue(v);
    }
    return q.exec();
}

// NULL for "no parent" (0), so the foreign key and `parent_id IS ?` both see a real NULL.
QVariant parentValue(qint64 parentId) {
    return parentId == 0 ? QVariant() : QVariant(parentId);
}

}  // namespace

ConversationStore::ConversationStore(Database& db, QObject* parent) : QObject(parent), m_db(db) {}

// ---- notifications -------------------------------------------------------------------------

void ConversationStore::announce(Notice kind, qint64 conversationId, qint64 messageId) {
    if (m_transactionDepth == 0) {
        emitNotice(kind, conversationId, messageId);
        return;
    }
    const PendingNotice notice{kind, conversationId, messageId};
    if (m_pendingSet.insert(notice).second) m_pending.push_back(notice);
}

void ConversationStore::emitNotice(Notice kind, qint64 conversationId, qint64 messageId) {
    switch (kind) {
        case Notice::ConversationChanged:
            emit conversationChanged(conversationId);
            break;
        case Notice::MessageAdded:
            emit messageAdded(conversationId, messageId);
            break;
        case Notice::MessageUpdated:
            emit messageUpdated(conversationId, messageId);
            break;
        case Notice::ActivePathChanged:
            emit activePathChanged(conversationId);
            break;
    }
}

Status ConversationStore::transaction(const std::function<Status()>& work) {
    Database::Transaction tx(m_db);
    if (!tx.beginError().isOk()) return tx.beginError();
    const size_t pendingBefore = m_pending.size();
    ++m_transactionDepth;
    Status result = work();
    --m_transactionDepth;
    if (result) result = tx.commit();
    if (!result) {
        // The rolled-back work's notices describe changes that never happened.
        for (size_t i = pendingBefore; i < m_pending.size(); ++i)
            m_pendingSet.erase(m_pending[i]);
        m_pending.resize(pendingBefore);
        return result;
    }
    if (m_transactionDepth == 0) {
        const std::vector<PendingNotice> pending = std::move(m_pending);
        m_pending.clear();
        m_pendingSet.clear();
        for (const auto& [kind, conversationId, messageId] : pending)
            emitNotice(kind, conversationId, messageId);
    }
    return {};
}

// ---- conversations -------------------------------------------------------------------------

Result<qint64> ConversationStore::createConversation(const QString& title, const QString& systemPrompt,
                                                     const QString& modelPath) {
    QSqlQuery q(m_db.connection());
    const qint64 now = nowMs();
    if (!run(q,
             QStringLiteral("INSERT INTO conversations (title, system_prompt, model_path, created_at, "
                            "updated_at) VALUES (?, ?, ?, ?, ?)"),
             {title, systemPrompt, modelPath, now, now})) {
        return StorageError::fromSql(q.lastError(), QStringLiteral("creating a conversation"));
    }
    const qint64 id = q.lastInsertId().toLongLong();
    announce(Notice::ConversationChanged, id);
    return id;
}

Result<Conversation> ConversationStore::conversation(qint64 id) {
    QSqlQuery q(m_db.connection());
    if (!run(q,
             QStringLiteral("SELECT %1 FROM conversations c WHERE c.id = ?")
                 .arg(storagerow::conversationColumns()),
             {id})) {
        return StorageError::fromSql(q.lastError(), QStringLiteral("reading a conversation"));
    }
    if (!q.next()) return notFound(conversationLabel(id));
    return storagerow::readConversation(q);
}

Status ConversationStore::setConversationField(qint64 id, const char* column, const QVariant& value,
                                               bool touch) {
    QSqlQuery q(m_db.connection());
    // Column names come from this file only, never from callers.
    const QString sql = touch ? QStringLiteral("UPDATE conversations SET %1 = ?, updated_at = ? WHERE id = ?")
                              : QStringLiteral("UPDATE conversations SET %1 = ? WHERE id = ?");
    const QVariantList values = touch ? QVariantList{value, nowMs(), id} : QVariantList{value, id};
    if (!run(q, sql.arg(QLatin1String(column)), values))
        return StorageError::fromSql(q.lastError(), QStringLiteral("updating %1").arg(QLatin1String(column)));
    if (q.numRowsAffected() == 0) return notFound(conversationLabel(id));
    announce(Notice::ConversationChanged, id);
    return {};
}

Status ConversationStore::renameConversation(qint64 id, const QString& title) {
    // Renaming is not activity: the conversation keeps its place in the list.
    return setConversationField(id, "title", title, false);
}

Status ConversationStore::setSystemPrompt(qint64 id, const QString& systemPrompt) {
    return setConversationField(id, "system_prompt", systemPrompt, true);
}

Status ConversationStore::setModelPath(qint64 id, const QString& modelPath) {
    return setConversationField(id, "model_path", modelPath, false);
}

Status ConversationStore::setPinned(qint64 id, bool pinned) {
    return setConversationField(id, "pinned", pinned ? 1 : 0, false);
}

Result<QList<Conversation>> ConversationStore::listConversations() {
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT %1 FROM conversations c WHERE c.deleted_at IS NULL "
                               "ORDER BY c.pinned DESC, c.updated_at DESC, c.id DESC")
                    .arg(storagerow::conversationColumns()))) {
        return StorageError::fromSql(q.lastError(), QStringLiteral("listing conversations"));
    }
    QList<Conversation> list;
    while (q.next())
        list << storagerow::readConversation(q);
    return list;
}

Status ConversationStore::softDeleteConversation(qint64 id) {
    QSqlQuery q(m_db.connection());
    if (!run(q, QStringLiteral("UPDATE conversations SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL"),
             {nowMs(), id})) {
        return StorageError::fromSql(q.lastError(), QStringLiteral("moving a conversation to the trash"));
    }
    if (q.numRowsAffected() == 0) return notFound(conversationLabel(id));
    announce(Notice::ConversationChanged, id);
    return {};
}

Status ConversationStore::restoreConversation(qint64 id) {
    QSqlQuery q(m_db.connection());
    if (!run(q,
             QStringLiteral(
                 "UPDATE conversations SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL"),
             {id})) {
        return StorageError::fromSql(q.lastError(), QStringLiteral("restoring a conversation"));
    }
    if (q.numRowsAffected() == 0) return notFound(conversationLabel(id) + QStringLiteral(" in the trash"));
    announce(Notice::ConversationChanged, id);
    return {};
}

Result<QList<Conversation>> ConversationStore::listTrash() {
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("SELECT %1 FROM conversations c WHERE c.deleted_at IS NOT NULL "
                               "ORDER BY c.deleted_at DESC, c.id DESC")
                    .arg(storagerow::conversationColumns()))) {
        return StorageError::fromSql(q.lastError(), QStringLiteral("listing the trash"));
    }
    QList<Conversation> list;
    while (q.next())
        list << storagerow::readConversation(q);
    return list;
}

Result<int> ConversationStore::purgeDeleted(int days, const QDateTime& now) {
    const qint64 cutoff = toMs(now) - qint64(days) * 24 * 3600 * 1000;
    QList<qint64> ids;
    const Status s = transaction([&]() -> Status {
        QSqlQuery q(m_db.connection());
        if (!run(q,
                 QStringLiteral(
                     "SELECT id FROM conversations WHERE deleted_at IS NOT NULL AND deleted_at <= ?"),
                 {cutoff})) {
            return StorageError::fromSql(q.lastError(), QStringLiteral("finding old trash"));
        }
        while (q.next())
            ids << q.value(0).toLongLong();
        q.finish();
        // Messages go with their conversation (ON DELETE CASCADE), their index entries with
        // them (the FTS triggers fire for cascaded deletes too).
        if (!run(q,
                 QStringLiteral("DELETE FROM conversations WHERE deleted_at IS NOT NULL AND deleted_at <= ?"),
                 {cutoff})) {
            return StorageError::fromSql(q.lastError(), QStringLiteral("emptying the trash"));
        }
        for (qint64 id : ids)
            announce(Notice::ConversationChanged, id);
        return {};
    });
    if (!s) return s.error();
    if (!ids.isEmpty()) qCInfo(lcStorage) << "purged" << ids.size() << "conversations from the trash";
    return static_cast<int>(ids.size());
}

// ---- messages ------------------------------------------------------------------------------

Status ConversationStore::requireLiveConversation(qint64 id) {
    QSqlQuery q(m_db.connection());
    if (!run(q, QStringLiteral("SELECT deleted_at IS NULL FROM conversations WHERE id = ?"), {id}))
        return StorageError::fromSql(q.lastError(), QStringLiteral("reading a conversation"));
    if (!q.next() || !q.value(0).toBool()) return notFound(conversationLabel(id));
    return {};
}

Result<qint64> ConversationStore::conversationOfMessage(qint64 messageId) {
    QSqlQuery q(m_db.connection());
    if (!run(q, QStringLiteral("SELECT conversation_id FROM messages WHERE id = ?"), {messageId}))
        return StorageError::fromSql(q.lastError(), QStringLiteral("reading a message"));
    if (!q.next()) return notFound(messageLabel(messageId));
    return q.value(0).toLongLong();
}

Result<qint64> ConversationStore::appendMessage(const NewMessage& m) {
    if (!isValidRole(m.role)) {
        return StorageError(StorageError::Code::InvalidArgument,
                            QStringLiteral("Unknown role '%1'").arg(m.role));
    }
    qint64 id = 0;
    const Status s = transaction([&]() -> Status {
        if (Status live = requireLiveConversation(m.conversationId); !live) return live;
        if (m.parentId != 0) {
            const Result<qint64> parentConversation = conversationOfMessage(m.parentId);
            if (!parentConversation) return parentConversation.error();
            if (parentConversation.value() != m.conversationId) {
                return StorageError(
                    StorageError::Code::InvalidArgument,
                    QStringLiteral("Message %1 belongs to another conversation").arg(m.parentId));
            }
        }
        const qint64 created = m.created.isValid() ? toMs(m.created) : nowMs();
        QSqlQuery q(m_db.connection());
        // The new message outranks its siblings, so it becomes the active branch.
        const bool ok = run(
            q,
            QStringLiteral(
                "INSERT INTO messages (conversation_id, parent_id, branch_rank, role, content, reasoning, "
                "model, "
                "prompt_tokens, completion_tokens, reasoning_ms, reasoning_tokens, generation_ms, "
                "tokens_per_second, created_at, "
                "state, error_text) VALUES (?, ?, (SELECT COALESCE(MAX(branch_rank), 0) + 1 FROM messages "
                "WHERE conversation_id = ? AND parent_id IS ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {m.conversationId, parentValue(m.parentId), m.conversationId, parentValue(m.parentId), m.role,
             m.content, m.reasoning, m.model, m.stats.promptTokens, m.stats.completionTokens,
             m.stats.reasoningMs, m.stats.reasoningTokens, m.stats.generationMs, m.stats.tokensPerSecond, created,
             messageStateName(m.state), m.errorText});
        if (!ok) return StorageError::fromSql(q.lastError(), QStringLiteral("adding a message"));
        id = q.lastInsertId().toLongLong();
        if (!run(q, QStringLiteral("UPDATE conversations SET updated_at = MAX(updated_at, ?) WHERE id = ?"),
                 {created, m.conversationId})) {
            return StorageError::fromSql(q.lastError(), QStringLiteral("touching a conversation"));
        }
        announce(Notice::MessageAdded, m.conversationId, id);
        announce(Notice::ConversationChanged, m.conversationId);
        return {};
    });
    if (!s) return s.error();
    return id;
}

Result<Message> ConversationStore::message(qint64 id) {
    QSqlQuery q(m_db.connection());
    if (!run(q, QStringLiteral("SELECT %1 FROM messages m WHERE m.id = ?").arg(storagerow::messageColumns()),
             {id}))
        return StorageError::fromSql(q.lastError(), QStringLiteral("reading a message"));
    if (!q.next()) return notFound(messageLabel(id));
    return storagerow::readMessage(q);
}

Status ConversationStore::updateMessage(qint64 id, const MessagePatch& patch) {
    if (patch.isEmpty()) return {};
    QStringList sets;
    QVariantList values;
    auto set = [&](const char* column, const auto& field) {
        if (!field) return;
        sets << QStringLiteral("%1 = ?").arg(QLatin1String(column));
        values << QVariant::fromValue(*field);
    };
    set("content", patch.content);
    set("reasoning", patch.reasoning);
    set("model", patch.model);
    set("prompt_tokens", patch.promptTokens);
    set("completion_tokens", patch.completionTokens);
    set("reasoning_ms", patch.reasoningMs);
    set("reasoning_tokens", patch.reasoningTokens);
    set("generation_ms", patch.generationMs);
    set("tokens_per_second", patch.tokensPerSecond);
    if (patch.state) {
        sets << QStringLiteral("state = ?");
        values << messageStateName(*patch.state);
    }
    set("error_text", patch.errorText);
    values << id;
    QSqlQuery q(m_db.connection());
    if (!run(q,
             QStringLiteral("UPDATE messages SET %1 WHERE id = ? RETURNING conversation_id")
                 .arg(sets.join(QStringLiteral(", "))),
             values)) {
        return StorageError::fromSql(q.lastError(), QStringLiteral("updating a message"));
    }
    if (!q.next()) return notFound(messageLabel(id));
    const qint64 conversationId = q.value(0).toLongLong();
    q.finish();
    announce(Notice::MessageUpdated, conversationId, id);
    return {};
}

Status ConversationStore::selectBranch(qint64 messageId) {
    qint64 conversationId = 0;
    bool changed = false;
    const Status s = transaction([&]() -> Status {
        QSqlQuery q(m_db.connection());
        qint64 node = messageId;
        // Walk up to the root; each step lifts the node above its siblings if it is not on top.
        while (node != 0) {
            if (!run(q,
                     QStringLiteral("SELECT m.conversation_id, m.parent_id, m.branch_rank, "
                                    "(SELECT MAX(s.branch_rank) FROM messages s WHERE s.conversation_id = "
                                    "m.conversation_id AND s.parent_id IS m.parent_id AND s.id <> m.id) "
                                    "FROM messages m WHERE m.id = ?"),
                     {node})) {
                return StorageError::fromSql(q.lastError(), QStringLiteral("selecting a branch"));
            }
            if (!q.next()) return notFound(messageLabel(node));
            conversationId = q.value(0).toLongLong();
            const qint64 parent = q.value(1).toLongLong();
            const qint64 rank = q.value(2).toLongLong();
            const QVariant otherMax = q.value(3);
            q.finish();
            if (!otherMax.isNull() && otherMax.toLongLong() >= rank) {
                if (!run(q, QStringLiteral("UPDATE messages SET branch_rank = ? WHERE id = ?"),
                         {otherMax.toLongLong() + 1, node})) {
                    return StorageError::fromSql(q.lastError(), QStringLiteral("selecting a branch"));
                }
                changed = true;
            }
            node = parent;
        }
        if (changed) announce(Notice::ActivePathChanged, conversationId);
        return {};
    });
    return s;
}

Result<int> ConversationStore::recoverInterruptedMessages() {
    QList<std::pair<qint64, qint64>> fixed;
    const Status s = transaction([&]() -> Status {
        QSqlQuery q(m_db.connection());
        if (!run(q,
                 QStringLiteral(
                     "UPDATE messages SET state = 'error', error_text = ? WHERE state = 'streaming' "
                     "RETURNING conversation_id, id"),
                 {tr("Ponder stopped while this answer was being written; the text up to that point "
                     "was kept.")})) {
            return StorageError::fromSql(q.lastError(), QStringLiteral("recovering interrupted answers"));
        }
        while (q.next())
            fixed.append({q.value(0).toLongLong(), q.value(1).toLongLong()});
        for (const auto& [conversationId, id] : fixed)
            announce(Notice::MessageUpdated, conversationId, id);
        return {};
    });
    if (!s) return s.error();
    if (!fixed.isEmpty()) qCWarning(lcStorage) << fixed.size() << "answers were interrupted by a crash";
    return static_cast<int>(fixed.size());
}
