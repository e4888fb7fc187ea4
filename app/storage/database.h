/// @brief The SQLite connection of the conversation store: open, recover, configure, migrate.
#pragma once

#include "storage_result.h"

#include <QSqlDatabase>
#include <QString>

/// What happened while opening, for the app to tell the user (e.g. where a damaged file went).
struct OpenReport {
    /// Non-empty when the old file could not be used and was renamed; a fresh database was
    /// created in its place.
    QString setAsidePath;
    /// Why the old file was set aside (the error SQLite or the file system gave).
    QString problem;
    /// Non-empty when an older schema was upgraded and a copy of the old file was kept first.
    QString backupPath;

    bool wasSetAside() const { return !setAsidePath.isEmpty(); }
    /// A translated sentence for a notification, empty when there is nothing to say.
    QString userMessage() const;
};

/// One connection to `<dir>/<fileName>`. QtSql connections belong to the thread that opened
/// them, so each thread that touches the store (UI, worker) opens its own Database on the same
/// folder; WAL mode lets readers and one writer work side by side.
class Database {
public:
    static constexpr const char* kDefaultFileName = "conversations.sqlite3";

    /// @p dir is the app data folder (created when missing). Nothing is opened yet.
    explicit Database(QString dir, QString fileName = QString::fromLatin1(kDefaultFileName));
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    /// Opens the file, checks it (PRAGMA quick_check), sets it up (WAL, foreign keys, busy
    /// timeout, synchronous=NORMAL) and migrates it to the current schema. A damaged or
    /// unreadable file is renamed to `<name>.corrupt-<timestamp>` (with its -wal/-shm files)
    /// and a fresh database is created; a file from a newer Ponder is refused untouched.
    Result<OpenReport> open();
    void close();
    bool isOpen() const;

    QSqlDatabase& connection() { return m_db; }
    QString filePath() const;
    QString dir() const { return m_dir; }

    /// Runs PRAGMA integrity_check (thorough, slow on big files; quick_check runs at open).
    Status integrityCheck();

    /// The primitive behind every store call that runs more than one statement: a SAVEPOINT,
    /// so calls nest (an import wraps many appends) and each level commits or rolls back whole.
    class Transaction {
    public:
        explicit Transaction(Database& db);
        ~Transaction();  ///< rolls back unless committed
        Transaction(const Transaction&) = delete;
        Transaction& operator=(const Transaction&) = delete;

        const StorageError& beginError() const { return m_beginError; }
        Status commit();

    private:
        Database& m_db;
        QString m_name;
        StorageError m_beginError;
        bool m_done = false;
    };

private:
    enum class Attempt { Ok, SetAside, Fail };
    Attempt tryOpen(StorageError& error);
    Status configure();
    Status setAside(const QString& problem, OpenReport& report);
    Status backupBeforeUpgrade(int fromVersion, OpenReport& report);
    QString walCopyPath() const;

    QString m_dir;
    QString m_fileName;
    QString m_connectionName;
    QSqlDatabase m_db;
    int m_savepointCounter = 0;
};
