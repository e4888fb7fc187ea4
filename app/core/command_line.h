/// @brief Ponder's command line, parsed before any GUI object exists.
#pragma once

#include <QString>
#include <QStringList>

/// What main() does after parsing: run the app, or print `output` and exit.
struct CommandLine {
    enum class Action { Run, ExitSuccess, ExitFailure };

    Action action = Action::Run;
    /// For ExitSuccess: text for stdout (--version, --help); for ExitFailure: for stderr.
    QString output;
    /// From --data-dir; empty means the platform's default location.
    QString dataDir;
};

/// Parses `arguments` (program name first). Needs no QCoreApplication, so `--version` and
/// `--help` work on a machine without a display, where a QGuiApplication would abort.
CommandLine parseCommandLine(const QStringList& arguments);

/// argv as strings, decoded the way QCoreApplication decodes it.
QStringList argumentsFromArgv(int argc, char** argv);
