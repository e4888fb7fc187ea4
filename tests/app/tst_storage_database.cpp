// The database file itself: migrations from every older schema, refusal of newer ones,
// corrupt or unreadable files set aside (never deleted), pragmas, write errors as errors.
#include "conversation_search.h"
#include "migrations.h"
#include "sql_script.h"
#include "storage_test_util.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTest>

#include <unistd.h>

namespace {

QByteArray fileHash(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

QStringList setAsideFiles(const QString& dir) {
    return QDir(dir).entryList({QStringLiteral("*.corrupt-*")},
                               QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
}

// A raw connection without Database's recovery logic, for building old or odd files.
class RawConnection {
public:
    explicit RawConnection(const QString& path) : m_name(QStringLiteral("raw-%1").arg(++s_counter)) {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        m_db.setDatabaseName(path);
        m_db.open();
    }
    ~RawConnection() {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    QSqlDatabase& db() { return m_db; }
    bool exec(const QString& sql) {
        QSqlQuery q(m_db);
        const bool ok = q.exec(sql);
        if (!ok) qWarning() << sql << q.lastError().text();
        return ok;
    }

private:
    static inline int s_counter = 0;
    QString m_name;
    QSqlDatabase m_db;
};

}  // namespace

class TestStorageDatabase : public QObject {
    Q_OBJECT

private slots:
    void splitsStatementsOutsideLiteralsAndTriggerBodies() {
        const QString script = QStringLiteral(
            "-- a comment; with a semicolon\n"
            "CREATE TABLE t (a TEXT DEFAULT 'x;y', \"b;\" INTEGER);\n"
            "/* block; comment */ INSERT INTO t VALUES ('it''s; fine', 1);\n"
            "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n"
            "  UPDATE t SET a = CASE WHEN new.a = ';' THEN 'semi' ELSE 'x' END;\n"
            "  DELETE FROM t WHERE 0;\n"
            "END;\n"
            "-- trailing comment only\n");
        const QStringList statements = sqlscript::splitStatements(script);
        QCOMPARE(statements.size(), 3);
        QVERIFY(statements[0].contains(u"CREATE TABLE t"));
        QVERIFY(statements[1].endsWith(u"1)"));
        QVERIFY(statements[2].startsWith(u"CREATE TRIGGER"));
        QVERIFY(statements[2].endsWith(u"END"));
    }

    void embedsEveryMigrationOfTheSourceTree() {
        const QStringList files = QDir(QStringLiteral(PONDER_SOURCE_DIR "/resources/sql"))
                                      .entryList({QStringLiteral("*.sql")}, QDir::Files);
        const Result<QList<Migration>> embedded = migrations::embedded();
        QVERIFY2(embedded.isOk(), qPrintable(embedded.error().message()));
        QCOMPARE(embedded.value().size(), files.size());
        QVERIFY(migrations::latestVersion() >= 2);
    }

    void freshDatabaseIsConfiguredAndCurrent() {
        StorageFixture f;
        QVERIFY2(f.isOk(), qPrintable(f.opened.error().message()));
        QVERIFY(!f.opened.value().wasSetAside());
        QCOMPARE(sqlScalar(f.db, QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
        QCOMPARE(sqlScalar(f.db, QStringLiteral("PRAGMA foreign_keys")).toInt(), 1);
        QCOMPARE(sqlScalar(f.db, QStringLiteral("PRAGMA synchronous")).toInt(), 1);  // NORMAL
        QVERIFY(sqlScalar(f.db, QStringLiteral("PRAGMA busy_timeout")).toInt() >= 1000);
        QCOMPARE(sqlScalar(f.db, QStringLiteral("PRAGMA user_version")).toInt(), migrations::latestVersion());
        QCOMPARE(f.db.filePath(), QDir(f.dir.path()).filePath(QStringLiteral("conversations.sqlite3")));
        // Opening again changes nothing.
        f.db.close();
        const Result<OpenReport> again = f.db.open();
        QVERIFY(again.isOk());
        QVERIFY(again.value().backupPath.isEmpty());
    }

    void createsMissingDataFolder() {
        QTemporaryDir tmp;
        Database db(tmp.filePath(QStringLiteral("a/b/c")));
        QVERIFY(db.open().isOk());
        QVERIFY(QFileInfo::exists(tmp.filePath(QStringLiteral("a/b/c/conversations.sqlite3"))));
    }

    void migratesFromEveryOlderSchema_data() {
        QTest::addColumn<int>("fromVersion");
        for (int v = 0; v < migrations::latestVersion(); ++v)
            QTest::addRow("from v%d", v) << v;
    }

    void migratesFromEveryOlderSchema() {
        QFETCH(int, fromVersion);
        QTemporaryDir tmp;
        const QString path = QDir(tmp.path()).filePath(QStringLiteral("conversations.sqlite3"));
        {
            RawConnection raw(path);
            QVERIFY(raw.db().isOpen());
            QVERIFY(raw.exec(QStringLiteral("PRAGMA journal_mode = WAL")));
            const Status s = migrations::migrate(raw.db(), fromVersion);
            QVERIFY2(s.isOk(), qPrintable(s.error().message()));
            QCOMPARE(migrations::userVersion(raw.db()).value(), fromVersion);
            if (fromVersion >= 1) {
                // Data as version 1 wrote it (plain SQL: the current store code may not fit).
                QVERIFY(raw.exec(
                    QStringLiteral("INSERT INTO conversations (id, title, created_at, updated_at, pinned) "
                                   "VALUES (7, 'Volcano trip', 1000, 2000, 1)")));
                QVERIFY(raw.exec(QStringLiteral(
                    "INSERT INTO messages (id, conversation_id, parent_id, role, content, created_at) "
                    "VALUES (70, 7, NULL, 'user', 'How tall is Etna?', 1500)")));
                QVERIFY(raw.exec(QStringLiteral(
                    "INSERT INTO messages (id, conversation_id, parent_id, role, content, reasoning, "
                    "completion_tokens, created_at) VALUES (71, 7, 70, 'assistant', 'About 3300 m.', "
                    "'Stratovolcano heights vary', 12, 1600)")));
            }
        }
        Database db(tmp.path());
        const Result<OpenReport> opened = db.open();
        QVERIFY2(opened.isOk(), qPrintable(opened.error().message()));
        QVERIFY(!opened.value().wasSetAside());
        QCOMPARE(migrations::userVersion(db.connection()).value(), migrations::latestVersion());
        QVERIFY(db.integrityCheck().isOk());
        QVERIFY(ftsConsistent(db, "messages_fts"));
        QVERIFY(ftsConsistent(db, "conversations_fts"));
        if (fromVersion == 0) {
            QVERIFY(opened.value().backupPath.isEmpty());  // nothing to back up
            return;
        }
        // A copy of the old file was kept before upgrading, at its old version.
        QVERIFY(QFileInfo::exists(opened.value().backupPath));
        {
            RawConnection backup(opened.value().backupPath);
            QCOMPARE(migrations::userVersion(backup.db()).value(), fromVersion);
        }
        ConversationStore store(db);
        const Result<Conversation> c = store.conversation(7);
        QVERIFY(c.isOk());
        QCOMPARE(c.value().title, QStringLiteral("Volcano trip"));
        QVERIFY(c.value().pinned);
        const Result<Message> answer = store.message(71);
        QVERIFY(answer.isOk());
        QCOMPARE(answer.value().content, QStringLiteral("About 3300 m."));
        QCOMPARE(answer.value().parentId, qint64(70));
        QCOMPARE(answer.value().stats.completionTokens, qint64(12));
        QCOMPARE(answer.value().stats.reasoningTokens, qint64(0));  // unknown before schema 4
        // Rows written before the search index existed are searchable after the upgrade.
        ConversationSearch search(db);
        QCOMPARE(search.search(QStringLiteral("etna")).value().size(), 1);
        QCOMPARE(search.search(QStringLiteral("stratovolc")).value().size(), 1);
        QCOMPARE(search.search(QStringLiteral("volcano")).value().value(0).conversationId, qint64(7));
        // And the upgraded database takes new data like a fresh one.
        QVERIFY(
            store.appendMessage(newMessage(7, 71, QStringLiteral("user"), QStringLiteral("And Vesuvius?"))));
        QCOMPARE(search.search(QStringLiteral("vesuv")).value().size(), 1);
    }

    void failedMigrationLeavesTheOldVersion() {
        QTemporaryDir tmp;
        const QString path = QDir(tmp.path()).filePath(QStringLiteral("conversations.sqlite3"));
        {
            RawConnection raw(path);
            QVERIFY(migrations::migrate(raw.db(), 1).isOk());
            QVERIFY(
                raw.exec(QStringLiteral("INSERT INTO conversations (title, created_at, updated_at) "
                                        "VALUES ('keep me', 1, 1)")));
            // Makes migration 2 fail midway: its triggers come after this name clashes.
            QVERIFY(raw.exec(QStringLiteral("CREATE TABLE messages_fts (x)")));
        }
        Database db(tmp.path());
        const Result<OpenReport> opened = db.open();
        QVERIFY(!opened.isOk());
        QCOMPARE(opened.error().code(), StorageError::Code::Sql);
        QVERIFY(setAsideFiles(tmp.path()).isEmpty());  // a failed upgrade is not corruption
        RawConnection raw(path);
        QCOMPARE(migrations::userVersion(raw.db()).value(), 1);
        QSqlQuery q(raw.db());
        QVERIFY(q.exec(
            QStringLiteral("SELECT count(*) FROM sqlite_schema WHERE name LIKE 'conversations_fts%'")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0);  // the statements before the failure were rolled back
        QVERIFY(q.exec(QStringLiteral("SELECT title FROM conversations")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("keep me"));
    }

    void refusesDatabaseFromNewerVersion() {
        QTemporaryDir tmp;
        const QString path = QDir(tmp.path()).filePath(QStringLiteral("conversations.sqlite3"));
        {
            RawConnection raw(path);
            QVERIFY(migrations::migrate(raw.db()).isOk());
            QVERIFY(
                raw.exec(QStringLiteral("PRAGMA user_version = %1").arg(migrations::latestVersion() + 1)));
        }
        const QByteArray before = fileHash(path);
        Database db(tmp.path());
        const Result<OpenReport> opened = db.open();
        QVERIFY(!opened.isOk());
        QCOMPARE(opened.error().code(), StorageError::Code::TooNew);
        QVERIFY(opened.error().message().contains(u"newer version"));
        QVERIFY(!db.isOpen());
        QCOMPARE(fileHash(path), before);  // never downgraded, never touched
        QVERIFY(setAsideFiles(tmp.path()).isEmpty());
    }

    void setsAsideUnreadableFiles_data() {
        QTest::addColumn<QString>("kind");
        QTest::newRow("garbage bytes") << QStringLiteral("garbage");
        QTest::newRow("sqlite header then garbage") << QStringLiteral("header");
        QTest::newRow("truncated to 100 bytes") << QStringLiteral("trunc100");
        QTest::newRow("truncated to half") << QStringLiteral("trunchalf");
        QTest::newRow("damaged pages") << QStringLiteral("pages");
        QTest::newRow("a directory") << QStringLiteral("directory");
        QTest::newRow("no permission") << QStringLiteral("permission");
    }

    void setsAsideUnreadableFiles() {
        QFETCH(QString, kind);
        QTemporaryDir tmp;
        const QString path = QDir(tmp.path()).filePath(QStringLiteral("conversations.sqlite3"));
        QByteArray valid;
        {
            // A real database with content, to damage below.
            Database source(tmp.filePath(QStringLiteral("source")));
            QVERIFY(source.open().isOk());
            ConversationStore store(source);
            const qint64 c = store.createConversation(QStringLiteral("original")).value();
            for (int i = 0; i < 200; ++i)
                store.appendMessage(
                    newMessage(c, 0, QStringLiteral("user"), QString(500, QChar(u'a' + i % 26))));
            QSqlQuery(source.connection()).exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
            source.close();
            QFile f(source.filePath());
            QVERIFY(f.open(QIODevice::ReadOnly));
            valid = f.readAll();
            QVERIFY(valid.size() > 16 * 4096);
        }
        if (kind == u"garbage") {
            QByteArray bytes(70000, '\0');
            for (qsizetype i = 0; i < bytes.size(); ++i)
                bytes[i] = char((i * 7919 + 13) % 251);
            QVERIFY(writeFile(path, bytes));
        } else if (kind == u"header") {
            QVERIFY(writeFile(path, QByteArray("SQLite format 3\0", 16) + QByteArray(5000, '\xAB')));
        } else if (kind == u"trunc100") {
            QVERIFY(writeFile(path, valid.left(100)));
        } else if (kind == u"trunchalf") {
            QVERIFY(writeFile(path, valid.left(valid.size() / 2)));
        } else if (kind == u"pages") {
            QByteArray bytes = valid;
            // Overwrite the b-tree pages (not the header page) with junk.
            for (qsizetype i = 4096; i < bytes.size(); i += 3)
                bytes[i] = char(0x5A);
            QVERIFY(writeFile(path, bytes));
        } else if (kind == u"directory") {
            QVERIFY(QDir().mkpath(path + QStringLiteral("/inside")));
        } else if (kind == u"permission") {
            if (geteuid() == 0) QSKIP("root reads files regardless of permissions");
            QVERIFY(writeFile(path, valid));
            QVERIFY(QFile::setPermissions(path, QFileDevice::Permissions()));
        }
        // (Of the bytes written: the unreadable file cannot be hashed from here.)
        const QByteArray before = kind == u"directory" ? QByteArray()
                                  : kind == u"permission"
                                      ? QCryptographicHash::hash(valid, QCryptographicHash::Sha256)
                                      : fileHash(path);

        Database db(tmp.path());
        const Result<OpenReport> opened = db.open();
        QVERIFY2(opened.isOk(), qPrintable(opened.error().message()));
        const OpenReport& report = opened.value();
        QVERIFY(report.wasSetAside());
        QVERIFY(!report.problem.isEmpty());
        QVERIFY(report.setAsidePath.startsWith(path + QStringLiteral(".corrupt-")));
        QVERIFY(report.userMessage().contains(QDir::toNativeSeparators(report.setAsidePath)));
        // The old bytes are kept exactly, under the new name.
        if (kind == u"directory") {
            QVERIFY(QFileInfo(report.setAsidePath + QStringLiteral("/inside")).isDir());
        } else {
            QFile::setPermissions(report.setAsidePath, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
            QCOMPARE(fileHash(report.setAsidePath), before);
        }
        QCOMPARE(setAsideFiles(tmp.path()).size(), 1);
        // And the app works on a fresh database in the old place.
        QVERIFY(QFileInfo(path).isFile());
        ConversationStore store(db);
        QVERIFY(store.createConversation(QStringLiteral("new")).isOk());
        QCOMPARE(store.listConversations().value().size(), 1);
        QVERIFY(db.integrityCheck().isOk());
    }

    void setAsideTakesTheWalAlongAndNeverOverwrites() {
        QTemporaryDir tmp;
        const QString path = QDir(tmp.path()).filePath(QStringLiteral("conversations.sqlite3"));
        QStringList kept;
        for (int round = 0; round < 2; ++round) {
            // Same second twice: the second set-aside must pick another name.
            QVERIFY(writeFile(path, QByteArray(8192, char('x' + round))));
            QVERIFY(writeFile(path + QStringLiteral("-wal"), QByteArray(100, char('w' + round))));
            Database db(tmp.path());
            const Result<OpenReport> opened = db.open();
            QVERIFY(opened.isOk());
            const QString aside = opened.value().setAsidePath;
            QVERIFY(!kept.contains(aside));
            kept << aside;
            QCOMPARE(QFileInfo(aside).size(), qint64(8192));
            QCOMPARE(QFileInfo(aside + QStringLiteral("-wal")).size(), qint64(100));
            db.close();
            QVERIFY(QFile::remove(path));  // make room for the next round's damaged file
            QFile::remove(path + QStringLiteral("-wal"));
            QFile::remove(path + QStringLiteral("-shm"));
        }
        QFile first(kept[0]);
        QVERIFY(first.open(QIODevice::ReadOnly));
        QCOMPARE(first.readAll(), QByteArray(8192, 'x'));  // round 0's bytes survived round 1
    }

    void fullDiskIsAnErrorNotACrash() {
        StorageFixture f;
        QVERIFY(f.isOk());
        const qint64 c = f.store.createConversation(QStringLiteral("full")).value();
        // max_page_count makes SQLite behave exactly as on a full disk (SQLITE_FULL).
        const int pages = sqlScalar(f.db, QStringLiteral("PRAGMA page_count")).toInt();
        QVERIFY(sqlScalar(f.db, QStringLiteral("PRAGMA max_page_count = %1").arg(pages)).isValid());
        const Result<qint64> big =
            f.store.appendMessage(newMessage(c, 0, QStringLiteral("user"), QString(200000, u'z')));
        QVERIFY(!big.isOk());
        QCOMPARE(big.error().code(), StorageError::Code::DiskFull);
        QVERIFY(big.error().message().contains(u"disk is full"));
        // Nothing half-written, and the database keeps working once there is room again.
        QCOMPARE(sqlScalar(f.db, QStringLiteral("SELECT count(*) FROM messages")).toInt(), 0);
        sqlScalar(f.db, QStringLiteral("PRAGMA max_page_count = 1000000"));
        QVERIFY(
            f.store.appendMessage(newMessage(c, 0, QStringLiteral("user"), QString(200000, u'z'))).isOk());
        QVERIFY(f.db.integrityCheck().isOk());
    }

    void nestedTransactionsRollBackTheInnerPartOnly() {
        StorageFixture f;
        QVERIFY(f.isOk());
        const Status outer = f.store.transaction([&]() -> Status {
            f.store.createConversation(QStringLiteral("outer"));
            const Status inner = f.store.transaction([&]() -> Status {
                f.store.createConversation(QStringLiteral("inner"));
                return StorageError(StorageError::Code::InvalidArgument, QStringLiteral("no"));
            });
            return inner.isOk() ? StorageError(StorageError::Code::Sql, QStringLiteral("?")) : Status();
        });
        QVERIFY(outer.isOk());
        const QList<Conversation> list = f.store.listConversations().value();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list[0].title, QStringLiteral("outer"));
    }
};

QTEST_GUILESS_MAIN(TestStorageDatabase)
#include "tst_storage_database.moc"
