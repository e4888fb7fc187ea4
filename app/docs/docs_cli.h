/// @brief `ponder docs ...`: the document index from a terminal, no window opened.
#pragma once

#include <QString>
#include <QStringList>

/// Runs `ponder docs <command> ...` (add, index, list, search, ask, remove, bench) with a
/// QCoreApplication already constructed. @p args are the words after `docs`; @p dataDir is
/// the default data folder, which `--data-dir` in @p args overrides (empty: the platform's).
/// Results go to stdout as JSON, progress and errors to stderr. Returns the exit code.
int runDocsCommand(const QStringList& args, const QString& dataDir);
