#include "conversation_search.h"

#include "storage_rows.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace {

// Private-use characters mark the matches inside snippet(): they cannot clash with the text,
// and survive HTML escaping, after which they become <b> and </b>.
constexpr char16_t kOpenMark = u'\uE000';
constexpr char16_t kCloseMark = u'\uE001';
// Tokens around a match in a snippet: about one sidebar line.
constexpr int kSnippetTokens = 12;

QString snippetToHtml(const QString& raw) {
    QString html = raw.simplified().toHtmlEscaped();
    html.replace(QChar(kOpenMark), QStringLiteral("<b>"));
    html.replace(QChar(kCloseMark), QStringLiteral("</b>"));
    return html;
}

}  // namespace

QString ConversationSearch::toMatchExpression(const QString& userText) {
    static const QRegularExpression whitespace(QStringLiteral("\\s+"));
    QStringList terms;
    for (const QString& word : userText.split(whitespace, Qt::SkipEmptyParts)) {
        // Words of punctuation only would be empty phrases after tokenizing: drop them.
        const bool searchable =
            std::any_of(word.begin(), word.end(), [](QChar c) { return c.isLetterOrNumber(); });
        if (!searchable) continue;
        QString escaped = word;
        escaped.replace(u'"', QStringLiteral("\"\""));
        terms << u'"' + escaped + QStringLiteral("\"*");
    }
    return terms.join(u' ');
}

Result<QList<SearchHit>> ConversationSearch::search(const QString& userText, int limit) {
    const QString match = toMatchExpression(userText);
    if (match.isEmpty()) return QList<SearchHit>{};
    // Title hits weigh double: a conversation named after the words is the likely target.
    // bm25() is lower-is-better; SQLite fills the bare columns (message_id, snip) from the
    // row that gave MIN(score), so each conversation shows its best passage.
    const QString sql =
        QStringLiteral(
            "WITH hits(conversation_id, message_id, score, snip) AS ("
            "  SELECT m.conversation_id, m.id, bm25(messages_fts),"
            "         snippet(messages_fts, -1, ?, ?, '…', %1)"
            "  FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid"
            "  WHERE messages_fts MATCH ?"
            "  UNION ALL"
            "  SELECT c.id, 0, bm25(conversations_fts) * 2.0,"
            "         snippet(conversations_fts, 0, ?, ?, '…', %1)"
            "  FROM conversations_fts JOIN conversations c ON c.id = conversations_fts.rowid"
            "  WHERE conversations_fts MATCH ?"
            ") "
            "SELECT c.id, c.title, c.pinned, c.updated_at, h.message_id, h.snip, MIN(h.score) AS best "
            "FROM hits h JOIN conversations c ON c.id = h.conversation_id "
            "WHERE c.deleted_at IS NULL "
            "GROUP BY c.id ORDER BY best, c.updated_at DESC LIMIT ?")
            .arg(kSnippetTokens);
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    if (!q.prepare(sql)) return StorageError::fromSql(q.lastError(), QStringLiteral("preparing the search"));
    const QString open(QChar{kOpenMark});
    const QString close(QChar{kCloseMark});
    for (const QVariant& v : {QVariant(open), QVariant(close), QVariant(match), QVariant(open),
                              QVariant(close), QVariant(match), QVariant(limit)}) {
        q.addBindValue(v);
    }
    if (!q.exec()) return StorageError::fromSql(q.lastError(), QStringLiteral("searching conversations"));
    QList<SearchHit> hits;
    while (q.next()) {
        SearchHit h;
        h.conversationId = q.value(0).toLongLong();
        h.title = q.value(1).toString();
        h.pinned = q.value(2).toBool();
        h.updated = storagerow::fromMs(q.value(3));
        h.messageId = q.value(4).toLongLong();
        h.snippet = snippetToHtml(q.value(5).toString());
        hits << h;
    }
    return hits;
}
