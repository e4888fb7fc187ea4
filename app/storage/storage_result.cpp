#include "storage_result.h"

#include <QCoreApplication>
#include <QSqlError>

namespace {

// SQLite primary result codes (sqlite3.h). QtSql reports them as the native error code; we
// do not include sqlite3.h because Qt may bundle its own SQLite on other platforms.
constexpr int kSqlitePerm = 3;
constexpr int kSqliteBusy = 5;
constexpr int kSqliteLocked = 6;
constexpr int kSqliteReadOnly = 8;
constexpr int kSqliteIoErr = 10;
constexpr int kSqliteCorrupt = 11;
constexpr int kSqliteFull = 13;
constexpr int kSqliteCantOpen = 14;
constexpr int kSqliteNotADb = 26;

QString tr(const char* text) {
    return QCoreApplication::translate("Storage", text);
}

}  // namespace

StorageError StorageError::fromSql(const QSqlError& error, const QString& what) {
    bool numeric = false;
    // Extended codes carry the primary code in their low byte.
    const int native = error.nativeErrorCode().toInt(&numeric) & 0xff;
    Code code = Code::Sql;
    QString sentence;
    switch (numeric ? native : -1) {
        case kSqliteFull:
            code = Code::DiskFull;
            sentence = tr("The disk is full, so the conversation could not be saved.");
            break;
        case kSqliteReadOnly:
        case kSqlitePerm:
            code = Code::ReadOnly;
            sentence = tr("The conversation database cannot be written (read-only file or folder).");
            break;
        case kSqliteBusy:
        case kSqliteLocked:
            code = Code::Busy;
            sentence = tr("The conversation database is in use by another program.");
            break;
        case kSqliteIoErr:
            code = Code::Io;
            sentence = tr("The disk reported an error while reading or writing conversations.");
            break;
        case kSqliteCorrupt:
        case kSqliteNotADb:
            code = Code::Corrupt;
            sentence = tr("The conversation database is damaged.");
            break;
        case kSqliteCantOpen:
            code = Code::CannotOpen;
            sentence = tr("The conversation database cannot be opened.");
            break;
        default:
            sentence = tr("A database operation failed.");
            break;
    }
    // The technical part stays in English on purpose: it is for bug reports, not for reading.
    const QString detail = error.text().trimmed();
    return StorageError(code, QStringLiteral("%1 (%2: %3)").arg(sentence, what, detail));
}
