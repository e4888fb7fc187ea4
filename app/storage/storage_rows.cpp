#include "storage_rows.h"

#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

namespace storagerow {
namespace {

QString prefixed(const QString& alias, const QStringList& names) {
    QStringList out;
    for (const QString& n : names)
        out << alias + u'.' + n;
    return out.join(QStringLiteral(", "));
}

}  // namespace

QDateTime fromMs(const QVariant& ms) {
    if (ms.isNull()) return {};
    return QDateTime::fromMSecsSinceEpoch(ms.toLongLong(), Qt::UTC);
}

qint64 toMs(const QDateTime& time) {
    return time.toMSecsSinceEpoch();
}

QString messageColumns(const QString& alias) {
    return prefixed(
        alias, {QStringLiteral("id"), QStringLiteral("conversation_id"), QStringLiteral("parent_id"),
                QStringLiteral("role"), QStringLiteral("content"), QStringLiteral("reasoning"),
                QStringLiteral("model"), QStringLiteral("prompt_tokens"), QStringLiteral("completion_tokens"),
                QStringLiteral("reasoning_ms"), QStringLiteral("generation_ms"),
                QStringLiteral("tokens_per_second"), QStringLiteral("created_at"), QStringLiteral("state"),
                QStringLiteral("error_text"), QStringLiteral("reasoning_tokens"), QStringLiteral("branch_rank")});
}

Message readMessage(const QSqlQuery& q, int first) {
    Message m;
    int i = first;
    m.id = q.value(i++).toLongLong();
    m.conversationId = q.value(i++).toLongLong();
    m.parentId = q.value(i++).toLongLong();  // NULL reads as 0, our "no parent"
    m.role = q.value(i++).toString();
    m.content = q.value(i++).toString();
    m.reasoning = q.value(i++).toString();
    m.model = q.value(i++).toString();
    m.stats.promptTokens = q.value(i++).toLongLong();
    m.stats.completionTokens = q.value(i++).toLongLong();
    m.stats.reasoningMs = q.value(i++).toLongLong();
    m.stats.generationMs = q.value(i++).toLongLong();
    m.stats.tokensPerSecond = q.value(i++).toDouble();
    m.created = fromMs(q.value(i++));
    m.state = messageStateFromName(q.value(i++).toString()).value_or(MessageState::Complete);
    m.errorText = q.value(i++).toString();
    m.stats.reasoningTokens = q.value(i++).toLongLong();
    return m;  // branch_rank (the last column) is internal to the tree and not exposed
}

QString conversationColumns(const QString& alias) {
    return prefixed(alias,
                    {QStringLiteral("id"), QStringLiteral("title"), QStringLiteral("system_prompt"),
                     QStringLiteral("model_path"), QStringLiteral("pinned"), QStringLiteral("created_at"),
                     QStringLiteral("updated_at"), QStringLiteral("deleted_at")});
}

Conversation readConversation(const QSqlQuery& q, int first) {
    Conversation c;
    int i = first;
    c.id = q.value(i++).toLongLong();
    c.title = q.value(i++).toString();
    c.systemPrompt = q.value(i++).toString();
    c.modelPath = q.value(i++).toString();
    c.pinned = q.value(i++).toBool();
    c.created = fromMs(q.value(i++));
    c.updated = fromMs(q.value(i++));
    c.deleted = fromMs(q.value(i++));
    return c;
}

}  // namespace storagerow
