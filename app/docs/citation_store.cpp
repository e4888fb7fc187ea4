#include "citation_store.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace citationstore {

Status save(Database& db, qint64 messageId, const QList<Citation>& citations) {
    QSqlDatabase c = db.connection();
    // Nested in a caller's transaction is fine: SQLite refuses the inner BEGIN, the outer one
    // keeps all-or-nothing.
    const bool own = c.transaction();
    QSqlQuery q(c);
    auto fail = [&](const char* what) -> Status {
        const Status s = StorageError::fromSql(q.lastError(), QString::fromLatin1(what));
        if (own) c.rollback();
        return s;
    };
    if (!q.prepare(QStringLiteral("DELETE FROM message_citations WHERE message_id = ?"))) return fail("citations");
    q.addBindValue(messageId);
    if (!q.exec()) return fail("clearing citations");
    if (!q.prepare(QStringLiteral("INSERT INTO message_citations (message_id, number, path, page, line_start, "
                                  "line_end, text) VALUES (?, ?, ?, ?, ?, ?, ?)")))
        return fail("citations");
    for (const Citation& cit : citations) {
        for (const QVariant& v : {QVariant(messageId), QVariant(cit.number), QVariant(cit.path), QVariant(cit.page),
                                  QVariant(cit.lineStart), QVariant(cit.lineEnd), QVariant(cit.text)})
            q.addBindValue(v);
        if (!q.exec()) return fail("saving a citation");
    }
    if (own && !c.commit()) return fail("saving citations");
    return {};
}

Result<QList<Citation>> load(Database& db, qint64 messageId) {
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    if (!q.prepare(QStringLiteral("SELECT number, path, page, line_start, line_end, text FROM message_citations "
                                  "WHERE message_id = ? ORDER BY number")))
        return StorageError::fromSql(q.lastError(), QStringLiteral("reading citations"));
    q.addBindValue(messageId);
    if (!q.exec()) return StorageError::fromSql(q.lastError(), QStringLiteral("reading citations"));
    QList<Citation> out;
    while (q.next())
        out.append({q.value(0).toInt(), q.value(1).toString(), q.value(2).toInt(), q.value(3).toInt(),
                    q.value(4).toInt(), q.value(5).toString(), 0});
    return out;
}

}  // namespace citationstore
