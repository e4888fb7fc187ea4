#include "core/command_line.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include "core/app_info.h"
#include "settings/app_settings.h"

// The options are described in English only: they are parsed before the translations can
// be installed (installing them needs the application object, which needs a display).

CommandLine parseCommandLine(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Ponder: private, offline chat with language models on your own GPU."));
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")},
                                        QStringLiteral("Show this help and exit."));
    const QCommandLineOption versionOption({QStringLiteral("v"), QStringLiteral("version")},
                                           QStringLiteral("Show the version and exit."));
    const QCommandLineOption dataDirOption(
        QStringLiteral("data-dir"),
        QStringLiteral("Keep chats and settings in <dir> instead of the default location."),
        QStringLiteral("dir"));
    const QCommandLineOption modelOption(QStringLiteral("model"),
                                         QStringLiteral("Load the GGUF model <file> at start."),
                                         QStringLiteral("file"));
    // Hidden from --help: a test hook, not a feature.
    QCommandLineOption e2eOption(QStringLiteral("e2e-script"), QStringLiteral("Test hook."),
                                 QStringLiteral("json"));
    e2eOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(helpOption);
    parser.addOption(modelOption);
    parser.addOption(e2eOption);
    parser.addOption(versionOption);
    parser.addOption(dataDirOption);

    CommandLine result;
    if (!parser.parse(arguments)) {
        result.action = CommandLine::Action::ExitFailure;
        result.output = parser.errorText() + QStringLiteral("\nTry --help.\n");
        return result;
    }
    if (parser.isSet(helpOption)) {
        result.action = CommandLine::Action::ExitSuccess;
        // Without an application object Qt cannot name the program in the usage line.
        const QString program = QFileInfo(arguments.value(0, QStringLiteral("ponder"))).fileName();
        result.output = parser.helpText().replace(QStringLiteral("<executable_name>"), program);
        return result;
    }
    if (parser.isSet(versionOption)) {
        result.action = CommandLine::Action::ExitSuccess;
        // The GPU the settings choose, read without creating anything: --version must not
        // leave a data folder behind.
        QString dataDir = parser.value(dataDirOption);
        if (dataDir.isEmpty()) dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        int gpuIndex = GpuChoice::Automatic;
        QString gpuName;
        if (QFileInfo::exists(QDir(dataDir).filePath(QStringLiteral("settings.ini")))) {
            const AppSettings settings(dataDir);
            gpuIndex = settings.gpuIndex();
            gpuName = settings.gpuName();
        }
        result.output = AppInfo().versionText(gpuIndex, gpuName);
        return result;
    }
    if (!parser.positionalArguments().isEmpty()) {
        result.action = CommandLine::Action::ExitFailure;
        result.output = QStringLiteral("Unexpected argument: %1\nTry --help.\n")
                            .arg(parser.positionalArguments().constFirst());
        return result;
    }
    result.dataDir = parser.value(dataDirOption);
    if (parser.isSet(dataDirOption) && result.dataDir.isEmpty()) {
        result.action = CommandLine::Action::ExitFailure;
        result.output = QStringLiteral("--data-dir needs a folder.\n");
    }
    result.modelPath = parser.value(modelOption);
    if (parser.isSet(modelOption) && result.modelPath.isEmpty()) {
        result.action = CommandLine::Action::ExitFailure;
        result.output = QStringLiteral("--model needs a file.\n");
    }
    result.e2eScript = parser.value(e2eOption);
    return result;
}

QStringList argumentsFromArgv(int argc, char** argv) {
    QStringList arguments;
    arguments.reserve(argc);
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    return arguments;
}
