#include "migrations.h"

#include "sql_script.h"
#include "storage_log.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

namespace migrations {
namespace {

// Where app/storage/sources.cmake embeds resources/sql.
const char kResourceDir[] = ":/ponder/sql";

Status exec(QSqlDatabase& db, const QString& sql, const QString& what) {
    QSqlQuery q(db);
    if (!q.exec(sql)) return StorageError::fromSql(q.lastError(), what);
    return {};
}

Status applyOne(QSqlDatabase& db, const Migration& m) {
    // SQLite's documented procedure for schema changes: foreign keys off outside the
    // transaction (a table rebuild would otherwise cascade deletes), then a foreign_key_check
    // before commit so a migration cannot leave dangling references behind.
    if (Status s = exec(db, QStringLiteral("PRAGMA foreign_keys = OFF"), m.name); !s) return s;
    if (Status s = exec(db, QStringLiteral("BEGIN IMMEDIATE"), m.name); !s) return s;
    auto fail = [&](const StorageError& e) {
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        QSqlQuery(db).exec(QStringLiteral("PRAGMA foreign_keys = ON"));
        qCWarning(lcStorage) << "migration" << m.name << "failed:" << e.message();
        return Status(e);
    };
    const QStringList statements = sqlscript::splitStatements(m.sql);
    for (const QString& statement : statements) {
        if (Status s = exec(db, statement, m.name); !s) return fail(s.error());
    }
    {
        QSqlQuery check(db);
        if (!check.exec(QStringLiteral("PRAGMA foreign_key_check")))
            return fail(StorageError::fromSql(check.lastError(), m.name));
        if (check.next()) {
            return fail(StorageError(StorageError::Code::Sql,
                                     QStringLiteral("Migration %1 left a broken reference in table %2")
                                         .arg(m.name, check.value(0).toString())));
        }
    }
    // PRAGMA cannot take a bound parameter; the version is our own integer.
    if (Status s = exec(db, QStringLiteral("PRAGMA user_version = %1").arg(m.version), m.name); !s)
        return fail(s.error());
    if (Status s = exec(db, QStringLiteral("COMMIT"), m.name); !s) return fail(s.error());
    qCInfo(lcStorage) << "applied migration" << m.name;
    return exec(db, QStringLiteral("PRAGMA foreign_keys = ON"), m.name);
}

}  // namespace

Result<QList<Migration>> embedded() {
    static const QRegularExpression pattern(QStringLiteral("^(\\d{3})_[a-z0-9_]+\\.sql$"));
    QList<Migration> list;
    const QStringList names = QDir(QString::fromLatin1(kResourceDir)).entryList(QDir::Files, QDir::Name);
    for (const QString& name : names) {
        const QRegularExpressionMatch match = pattern.match(name);
        if (!match.hasMatch()) continue;
        QFile file(QString::fromLatin1(kResourceDir) + u'/' + name);
        if (!file.open(QIODevice::ReadOnly))
            return StorageError(StorageError::Code::Sql, QStringLiteral("Cannot read %1").arg(name));
        list.append({match.captured(1).toInt(), name, QString::fromUtf8(file.readAll())});
    }
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (list[i].version != i + 1) {
            return StorageError(StorageError::Code::Sql,
                                QStringLiteral("Migration numbering is broken at %1 (expected %2)")
                                    .arg(list[i].name)
                                    .arg(i + 1));
        }
    }
    return list;
}

int latestVersion() {
    const Result<QList<Migration>> all = embedded();
    return all ? static_cast<int>(all.value().size()) : 0;
}

Result<int> userVersion(QSqlDatabase& db) {
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return StorageError::fromSql(q.lastError(), QStringLiteral("reading the schema version"));
    return q.value(0).toInt();
}

Status checkNotNewer(int version) {
    const int latest = latestVersion();
    if (version <= latest) return {};
    return StorageError(
        StorageError::Code::TooNew,
        QCoreApplication::translate(
            "Storage",
            "The conversation database was written by a newer version of Ponder (schema %1; "
            "this version knows up to %2). Please update Ponder; the file was left untouched.")
            .arg(version)
            .arg(latest));
}

Status migrate(QSqlDatabase& db, int targetVersion) {
    const Result<QList<Migration>> all = embedded();
    if (!all) return all.error();
    const int latest = static_cast<int>(all.value().size());
    const int target = targetVersion < 0 ? latest : targetVersion;
    const Result<int> current = userVersion(db);
    if (!current) return current.error();
    if (Status s = checkNotNewer(current.value()); !s) return s;
    for (const Migration& m : all.value()) {
        if (m.version <= current.value() || m.version > target) continue;
        if (Status s = applyOne(db, m); !s) return s;
    }
    return {};
}

}  // namespace migrations
