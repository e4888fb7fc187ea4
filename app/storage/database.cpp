#include "database.h"

#include "migrations.h"
#include "storage_log.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("Storage", text);
}

// Long enough to ride out the other thread's flush, short enough that a stuck lock surfaces
// as an error rather than a frozen window.
constexpr int kBusyTimeoutMs = 5000;

// SQLite's companion files, which belong to the main file and must travel with it: a stale
// -wal next to a fresh database would be replayed into it.
const char* const kSidecars[] = {"-wal", "-shm", "-journal"};

QString timestamp() {
    return QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
}

// `<base><suffix>` where neither it nor its sidecars exist yet, adding -2, -3 ... if needed:
// setting aside must never overwrite an earlier set-aside file.
QString freeName(const QString& base) {
    for (int n = 1;; ++n) {
        const QString candidate = n == 1 ? base : QStringLiteral("%1-%2").arg(base).arg(n);
        bool taken = QFileInfo::exists(candidate);
        for (const char* s : kSidecars)
            taken = taken || QFileInfo::exists(candidate + QLatin1String(s));
        if (!taken) return candidate;
    }
}

// Errors that say the file itself is unusable. Busy, I/O and the rest may pass (another
// process, a network drive coming back), so they are reported and the file is left alone.
bool isFileProblem(const StorageError& e) {
    return e.code() == StorageError::Code::Corrupt || e.code() == StorageError::Code::CannotOpen;
}

Status exec(QSqlDatabase& db, const QString& sql) {
    QSqlQuery q(db);
    if (!q.exec(sql)) return StorageError::fromSql(q.lastError(), sql);
    return {};
}

}  // namespace

QString OpenReport::userMessage() const {
    if (!wasSetAside()) return {};
    return QCoreApplication::translate(
               "Storage",
               "Ponder could not read its conversation database (%1). The file was kept and moved "
               "to %2; Ponder started with an empty history.")
        .arg(problem, QDir::toNativeSeparators(setAsidePath));
}

Database::Database(QString dir, QString fileName) : m_dir(std::move(dir)), m_fileName(std::move(fileName)) {
    static QAtomicInt counter;
    m_connectionName = QStringLiteral("ponder.storage.%1").arg(counter.fetchAndAddRelaxed(1));
}

Database::~Database() {
    close();
    // The handle must be released before the connection is removed, or Qt warns that it is
    // still in use.
    m_db = QSqlDatabase();
    if (QSqlDatabase::contains(m_connectionName)) QSqlDatabase::removeDatabase(m_connectionName);
}

QString Database::filePath() const {
    return QDir(m_dir).filePath(m_fileName);
}

QString Database::walCopyPath() const {
    // Per process and connection: the UI and the worker thread may open the file at once.
    return filePath() + QStringLiteral(".wal-before-open.%1.%2")
                            .arg(QCoreApplication::applicationPid())
                            .arg(m_connectionName.section(u'.', -1));
}

bool Database::isOpen() const {
    return m_db.isOpen();
}

void Database::close() {
    if (m_db.isOpen()) m_db.close();
}

Result<OpenReport> Database::open() {
    close();
    OpenReport report;
    if (!QDir().mkpath(m_dir)) {
        return StorageError(StorageError::Code::CannotOpen,
                            tr("The data folder %1 cannot be created.").arg(QDir::toNativeSeparators(m_dir)));
    }
    StorageError error;
    Attempt attempt = tryOpen(error);
    if (attempt == Attempt::SetAside) {
        close();
        if (Status s = setAside(error.message(), report); !s) return s.error();
        attempt = tryOpen(error);
    }
    if (attempt != Attempt::Ok) {
        close();
        return error;
    }
    QFile::remove(walCopyPath());  // the file is sound: SQLite has taken the -wal in
    const Result<int> version = migrations::userVersion(m_db);
    if (!version) {
        close();
        return version.error();
    }
    // Before configure(): switching to WAL rewrites the header, and a newer Ponder's file
    // must stay byte for byte as it was.
    if (Status s = migrations::checkNotNewer(version.value()); !s) {
        close();
        return s.error();
    }
    if (Status s = configure(); !s) {
        close();
        return s.error();
    }
    if (version.value() > 0 && version.value() < migrations::latestVersion()) {
        // Failure here is logged, not fatal: the migration itself is still transactional.
        backupBeforeUpgrade(version.value(), report);
    }
    if (Status s = migrations::migrate(m_db); !s) {
        close();
        return s.error();
    }
    return report;
}

Database::Attempt Database::tryOpen(StorageError& error) {
    const QString path = filePath();
    const QFileInfo info(path);
    if (info.exists() || info.isSymLink()) {
        if (!info.isFile()) {
            error = StorageError(StorageError::Code::Corrupt, tr("%1 is not a file").arg(path));
            return Attempt::SetAside;
        }
        if (!info.isReadable() || !info.isWritable()) {
            error =
                StorageError(StorageError::Code::Corrupt, tr("no permission to read and write %1").arg(path));
            return Attempt::SetAside;
        }
    }
    const bool existed = info.exists();
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE"))) {
        // A packaging fault, not the file's: never set a good database aside for it.
        error =
            StorageError(StorageError::Code::CannotOpen, tr("The SQLite driver of Qt (QSQLITE) is missing."));
        return Attempt::Fail;
    }
    // SQLite resets a -wal file it cannot use when it opens the database, and a damaged
    // database's -wal may hold the latest conversations. Keep a copy until the file has been
    // judged; a -wal only exists after a crash, and is small (checkpoints bound it).
    const QString walCopy = walCopyPath();
    QFile::remove(walCopy);  // our own copy from an earlier open of this connection
    const QString wal = path + QStringLiteral("-wal");
    if (QFileInfo(wal).size() > 0 && !QFile::copy(wal, walCopy))
        qCWarning(lcStorage) << "could not keep a copy of" << wal << "before opening";
    if (!QSqlDatabase::contains(m_connectionName))
        QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db = QSqlDatabase::database(m_connectionName, false);
    m_db.setDatabaseName(path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kBusyTimeoutMs));
    if (!m_db.open()) {
        error = StorageError::fromSql(m_db.lastError(), tr("opening %1").arg(path));
        return existed && isFileProblem(error) ? Attempt::SetAside : Attempt::Fail;
    }
    // SQLite opens lazily: garbage or truncated files only show up at the first read, which
    // is this check. A busy or I/O error is not the file's fault and is reported, not acted on.
    QSqlQuery check(m_db);
    if (!check.exec(QStringLiteral("PRAGMA quick_check"))) {
        error = StorageError::fromSql(check.lastError(), tr("checking %1").arg(path));
        return existed && isFileProblem(error) ? Attempt::SetAside : Attempt::Fail;
    }
    QStringList problems;
    while (check.next())
        problems << check.value(0).toString();
    check.finish();
    if (problems != QStringList{QStringLiteral("ok")}) {
        error = StorageError(StorageError::Code::Corrupt,
                             tr("damaged database: %1").arg(problems.mid(0, 3).join(QStringLiteral("; "))));
        return Attempt::SetAside;
    }
    return Attempt::Ok;
}

Status Database::configure() {
    // WAL: readers do not block the writer, and a commit is one append, which is what makes
    // flushing a streaming answer every 250 ms cheap. NORMAL sync is safe in WAL mode against
    // application crashes (only a power cut may lose the last commits), at a fraction of the
    // fsyncs of FULL.
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("PRAGMA journal_mode = WAL")) || !q.next())
        return StorageError::fromSql(q.lastError(), QStringLiteral("PRAGMA journal_mode"));
    if (q.value(0).toString().compare(u"wal", Qt::CaseInsensitive) != 0) {
        // Some network file systems cannot do WAL; the store still works, only slower.
        qCWarning(lcStorage) << "WAL mode unavailable, journal mode is" << q.value(0).toString();
    }
    q.finish();
    for (const QString& pragma :
         {QStringLiteral("PRAGMA synchronous = NORMAL"), QStringLiteral("PRAGMA foreign_keys = ON"),
          QStringLiteral("PRAGMA busy_timeout = %1").arg(kBusyTimeoutMs)}) {
        if (Status s = exec(m_db, pragma); !s) return s;
    }
    return {};
}

Status Database::setAside(const QString& problem, OpenReport& report) {
    const QString path = filePath();
    const QString target = freeName(path + QStringLiteral(".corrupt-") + timestamp());
    // Renaming (never copying and deleting) keeps the bytes exactly as they were, for recovery.
    if (!QDir().rename(path, target)) {
        return StorageError(StorageError::Code::CannotOpen,
                            tr("The conversation database %1 cannot be read (%2) and could not be "
                               "moved aside; nothing was changed.")
                                .arg(QDir::toNativeSeparators(path), problem));
    }
    const QString walCopy = walCopyPath();
    for (const char* suffix : kSidecars) {
        const QString sidecar = path + QLatin1String(suffix);
        if (qstrcmp(suffix, "-wal") == 0 && QFileInfo::exists(walCopy)) {
            // The copy taken before SQLite saw the file is the original; what is left at
            // -wal is SQLite's reset of it.
            if (QDir().rename(walCopy, target + QLatin1String(suffix)) &&
                (!QFileInfo::exists(sidecar) || QFile::remove(sidecar))) {
                continue;
            }
            return StorageError(StorageError::Code::CannotOpen,
                                tr("%1 could not be moved aside; no new database was created.")
                                    .arg(QDir::toNativeSeparators(sidecar)));
        }
        if (QFileInfo::exists(sidecar) && !QDir().rename(sidecar, target + QLatin1String(suffix))) {
            // A fresh database must not meet the old -wal file; stop rather than mix them.
            return StorageError(StorageError::Code::CannotOpen,
                                tr("%1 could not be moved aside; no new database was created.")
                                    .arg(QDir::toNativeSeparators(sidecar)));
        }
    }
    qCWarning(lcStorage) << "database" << path << "set aside as" << target << "because:" << problem;
    report.setAsidePath = target;
    report.problem = problem;
    return {};
}

Status Database::backupBeforeUpgrade(int fromVersion, OpenReport& report) {
    // VACUUM INTO writes a consistent copy including what is still in the -wal file, which a
    // plain file copy would miss. Upgrades are rare, so one copy each is affordable.
    const QString target =
        freeName(filePath() + QStringLiteral(".backup-v%1-").arg(fromVersion) + timestamp());
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("VACUUM INTO ?"));
    q.addBindValue(target);
    if (!q.exec()) {
        const StorageError e = StorageError::fromSql(q.lastError(), QStringLiteral("backup before upgrade"));
        qCWarning(lcStorage) << "no backup before upgrading:" << e.message();
        return e;
    }
    report.backupPath = target;
    return {};
}

Status Database::integrityCheck() {
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("PRAGMA integrity_check")))
        return StorageError::fromSql(q.lastError(), QStringLiteral("PRAGMA integrity_check"));
    QStringList problems;
    while (q.next())
        problems << q.value(0).toString();
    if (problems == QStringList{QStringLiteral("ok")}) return {};
    return StorageError(StorageError::Code::Corrupt, problems.join(QStringLiteral("; ")));
}

Database::Transaction::Transaction(Database& db)
    : m_db(db), m_name(QStringLiteral("ponder_sp%1").arg(++db.m_savepointCounter)) {
    if (Status s = exec(m_db.m_db, QStringLiteral("SAVEPOINT ") + m_name); !s) m_beginError = s.error();
}

Database::Transaction::~Transaction() {
    if (m_done || !m_beginError.isOk()) return;
    // ROLLBACK TO undoes the work but keeps the savepoint open; RELEASE then closes it.
    exec(m_db.m_db, QStringLiteral("ROLLBACK TO ") + m_name);
    exec(m_db.m_db, QStringLiteral("RELEASE ") + m_name);
}

Status Database::Transaction::commit() {
    if (!m_beginError.isOk()) return m_beginError;
    // The outermost RELEASE is the COMMIT, where a full disk shows up; the savepoint then
    // stays open and the destructor rolls it back.
    if (Status s = exec(m_db.m_db, QStringLiteral("RELEASE ") + m_name); !s) return s;
    m_done = true;
    return {};
}
