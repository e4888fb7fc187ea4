/// @brief Splits a migration file into single statements (QSqlQuery runs one at a time).
#pragma once

#include <QString>
#include <QStringList>

namespace sqlscript {

/// Splits @p script at the semicolons that end statements: not those inside string literals,
/// quoted identifiers, comments, CASE ... END, or the BEGIN ... END body of CREATE TRIGGER.
/// Comments are kept inside statements (SQLite ignores them); empty statements are dropped.
QStringList splitStatements(const QString& script);

}  // namespace sqlscript
