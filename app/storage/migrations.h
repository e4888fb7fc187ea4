/// @brief The numbered SQL migrations embedded from resources/sql and the code that applies them.
#pragma once

#include "storage_result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

/// One migration file: NNN_name.sql, applied to move a database from version NNN-1 to NNN.
struct Migration {
    int version = 0;
    QString name;  ///< file name, for logs and errors
    QString sql;
};

namespace migrations {

/// All embedded migrations, sorted by version. Fails when the numbering has a gap or a
/// duplicate, which is a packaging bug that must not reach a user's database.
Result<QList<Migration>> embedded();

/// The schema version this build writes: the highest embedded migration number.
int latestVersion();

/// Reads PRAGMA user_version.
Result<int> userVersion(QSqlDatabase& db);

/// TooNew when @p version is beyond latestVersion(): such a file is never migrated or changed.
Status checkNotNewer(int version);

/// Applies the embedded migrations (current user_version, @p targetVersion] in order, each in
/// its own transaction together with `PRAGMA user_version = N`, so a failure leaves the
/// database at the last complete version. @p targetVersion -1 means latestVersion(); tests
/// pass smaller numbers to build databases of older schemas.
Status migrate(QSqlDatabase& db, int targetVersion = -1);

}  // namespace migrations
