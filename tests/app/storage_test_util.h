// Shared by the storage, export and model tests: a store on a fresh database in a temporary
// folder, and small SQL helpers for checking what is really in the file.
#pragma once

#include "conversation_store.h"
#include "database.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QVariant>

#include <memory>

/// A fresh database in its own temporary folder; tests check isOk() before use.
struct StorageFixture {
    QTemporaryDir dir;
    Database db{dir.path()};
    ConversationStore store{db};
    Result<OpenReport> opened = db.open();

    bool isOk() const { return dir.isValid() && opened.isOk(); }
};

/// The first column of the first row of @p sql, or an invalid QVariant on error.
inline QVariant sqlScalar(Database& db, const QString& sql) {
    QSqlQuery q(db.connection());
    if (!q.exec(sql) || !q.next()) return {};
    return q.value(0);
}

/// Runs FTS5's own consistency check of an external-content index against its table.
inline bool ftsConsistent(Database& db, const char* table) {
    QSqlQuery q(db.connection());
    return q.exec(
        QStringLiteral("INSERT INTO %1 (%1, rank) VALUES ('integrity-check', 1)").arg(QLatin1String(table)));
}

inline NewMessage newMessage(qint64 conversationId, qint64 parentId, const QString& role,
                             const QString& content, const QString& reasoning = {}) {
    NewMessage m;
    m.conversationId = conversationId;
    m.parentId = parentId;
    m.role = role;
    m.content = content;
    m.reasoning = reasoning;
    return m;
}
