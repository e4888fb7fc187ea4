#include "conversation_export.h"

#include "message_tree.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace conversationexport {
namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("Export", text);
}

QString isoTime(const QDateTime& t) {
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QString roleHeading(const QString& role) {
    if (role == u"user") return tr("User");
    if (role == u"assistant") return tr("Assistant");
    if (role == u"system") return tr("System");
    return tr("Tool");
}

QString seconds(qint64 ms) {
    return QString::number(double(ms) / 1000.0, 'f', 1);
}

// Text inside <details> must not close the block early.
QString guardDetails(QString text) {
    text.replace(QStringLiteral("</details>"), QStringLiteral("&lt;/details>"), Qt::CaseInsensitive);
    return text.trimmed();
}

void appendMessage(QString& md, const Message& m) {
    md += QStringLiteral("### %1").arg(roleHeading(m.role));
    if (!m.model.isEmpty() && m.role == u"assistant") md += QStringLiteral(" (%1)").arg(m.model);
    md += QStringLiteral("\n\n");
    if (!m.reasoning.trimmed().isEmpty()) {
        const QString summary = m.stats.reasoningMs > 0
                                    ? tr("Reasoning (%1 s)").arg(seconds(m.stats.reasoningMs))
                                    : tr("Reasoning");
        // Blank lines around the body let Markdown renderers format the text inside.
        md += QStringLiteral("<details>\n<summary>%1</summary>\n\n%2\n\n</details>\n\n")
                  .arg(summary, guardDetails(m.reasoning));
    }
    if (!m.content.trimmed().isEmpty()) md += m.content.trimmed() + QStringLiteral("\n\n");
    if (m.state == MessageState::Cancelled)
        md += QStringLiteral("*%1*\n\n").arg(tr("Stopped before the end."));
    if (m.state == MessageState::Streaming) md += QStringLiteral("*%1*\n\n").arg(tr("Still being written."));
    if (m.state == MessageState::Error)
        md += QStringLiteral("*%1*\n\n").arg(tr("Error: %1").arg(m.errorText.simplified()));
}

QJsonObject messageToJson(const Message& m, qint64 localId, qint64 localParent) {
    return QJsonObject{
        {QStringLiteral("id"), localId},
        {QStringLiteral("parentId"), localParent == 0 ? QJsonValue() : QJsonValue(localParent)},
        {QStringLiteral("role"), m.role},
        {QStringLiteral("content"), m.content},
        {QStringLiteral("reasoning"), m.reasoning},
        {QStringLiteral("model"), m.model},
        {QStringLiteral("promptTokens"), m.stats.promptTokens},
        {QStringLiteral("completionTokens"), m.stats.completionTokens},
        {QStringLiteral("reasoningMs"), m.stats.reasoningMs},
        {QStringLiteral("reasoningTokens"), m.stats.reasoningTokens},
        {QStringLiteral("generationMs"), m.stats.generationMs},
        {QStringLiteral("tokensPerSecond"), m.stats.tokensPerSecond},
        {QStringLiteral("createdAt"), isoTime(m.created)},
        {QStringLiteral("state"), messageStateName(m.state)},
        {QStringLiteral("errorText"), m.errorText},
    };
}

}  // namespace

Result<QString> toMarkdown(ConversationStore& store, qint64 conversationId) {
    const Result<Conversation> c = store.conversation(conversationId);
    if (!c) return c.error();
    const Result<QList<PathMessage>> path = MessageTree(store.database()).activePath(conversationId);
    if (!path) return path.error();

    const Conversation& conv = c.value();
    const QString title =
        conv.title.simplified().isEmpty() ? tr("Untitled conversation") : conv.title.simplified();
    QString md = QStringLiteral("# %1\n\n").arg(title);
    md +=
        QStringLiteral("*%1*\n\n")
            .arg(
                tr("Exported from Ponder on %1.").arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODate)));
    if (!conv.systemPrompt.trimmed().isEmpty()) {
        md += QStringLiteral("## %1\n\n").arg(tr("System prompt"));
        // A quote block keeps the prompt visibly apart from the conversation.
        for (const QString& line : conv.systemPrompt.trimmed().split(u'\n'))
            md += (line.isEmpty() ? QStringLiteral(">") : QStringLiteral("> ") + line) + u'\n';
        md += u'\n';
    }
    md += QStringLiteral("---\n\n");
    for (const PathMessage& p : path.value())
        appendMessage(md, p.message);
    return md;
}

Result<QByteArray> toJson(ConversationStore& store, qint64 conversationId) {
    const Result<Conversation> c = store.conversation(conversationId);
    if (!c) return c.error();
    MessageTree tree(store.database());
    const Result<QList<Message>> all = tree.allMessages(conversationId);
    if (!all) return all.error();
    const Result<QList<PathMessage>> path = tree.activePath(conversationId);
    if (!path) return path.error();

    // Ids in the file are renumbered 1..n in creation order: stable between exports of the
    // same conversation and independent of the database they came from.
    QHash<qint64, qint64> localIds;
    QJsonArray messages;
    for (const Message& m : all.value()) {
        const qint64 local = localIds.size() + 1;
        localIds.insert(m.id, local);
        messages.append(messageToJson(m, local, localIds.value(m.parentId, 0)));
    }
    QJsonArray activePath;
    for (const PathMessage& p : path.value())
        activePath.append(localIds.value(p.message.id));

    const Conversation& conv = c.value();
    const QJsonObject root{
        {QStringLiteral("format"), QString::fromLatin1(kFormatName)},
        {QStringLiteral("version"), kFormatVersion},
        {QStringLiteral("exportedAt"), isoTime(QDateTime::currentDateTimeUtc())},
        {QStringLiteral("conversation"), QJsonObject{{QStringLiteral("title"), conv.title},
                                                     {QStringLiteral("systemPrompt"), conv.systemPrompt},
                                                     {QStringLiteral("modelPath"), conv.modelPath},
                                                     {QStringLiteral("pinned"), conv.pinned},
                                                     {QStringLiteral("createdAt"), isoTime(conv.created)},
                                                     {QStringLiteral("updatedAt"), isoTime(conv.updated)}}},
        {QStringLiteral("messages"), messages},
        {QStringLiteral("activePath"), activePath},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

}  // namespace conversationexport
