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
    /// From --model: a GGUF file to load at start; empty: none.
    QString modelPath;
    /// From --e2e-script: a JSON script for the end-to-end test hook (e2e_driver.h). It runs
    /// only when PONDER_ENABLE_TEST_HOOKS=1 is set as well, so it cannot start by accident.
    QString e2eScript;
};

/// Parses `arguments` (program name first). Needs no QCoreApplication, so `--version` and
/// `--help` work on a machine without a display, where a QGuiApplication would abort.
CommandLine parseCommandLine(const QStringList& arguments);

/// argv as strings, decoded the way QCoreApplication decodes it.
QStringList argumentsFromArgv(int argc, char** argv);
