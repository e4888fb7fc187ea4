// The composition root of the desktop app: parses the command line, builds the objects and
// loads the QML. Everything else lives in ponder_core (app/) and the Ponder module (ui/).
#include <QtQml/qqmlextensionplugin.h>
#include <QGuiApplication>
#include <QLocale>
#include <QQmlApplicationEngine>

#include <cstdio>

#include "core/app_paths.h"
#include "core/command_line.h"
#include "quick_setup.h"
#include "translations.h"

Q_IMPORT_QML_PLUGIN(Ponder_CorePlugin)
Q_IMPORT_QML_PLUGIN(PonderPlugin)

namespace {

void print(std::FILE* stream, const QString& text) {
    std::fputs(text.toLocal8Bit().constData(), stream);
    std::fflush(stream);
}

}  // namespace

int main(int argc, char* argv[]) {
    // First: QStandardPaths builds the default data folder from it (~/.local/share/Ponder).
    QCoreApplication::setApplicationName(QStringLiteral("Ponder"));

    // Before QGuiApplication, which aborts without a display: --version and --help must
    // work in a terminal on a headless machine.
    const CommandLine commandLine = parseCommandLine(argumentsFromArgv(argc, argv));
    switch (commandLine.action) {
        case CommandLine::Action::ExitSuccess:
            print(stdout, commandLine.output);
            return 0;
        case CommandLine::Action::ExitFailure:
            print(stderr, commandLine.output);
            return 1;
        case CommandLine::Action::Run:
            break;
    }

    QString error;
    const AppPaths paths = AppPaths::resolve(commandLine.dataDir, &error);
    if (!paths.isValid()) {
        print(stderr, error + QLatin1Char('\n'));
        return 1;
    }

    QGuiApplication app(argc, argv);
    installTranslations(app, QLocale());

    ponder::ui::configureQuickStyle();
    QQmlApplicationEngine engine;
    ponder::ui::configureEngine(engine);
    engine.load(QUrl(QString::fromLatin1(ponder::ui::mainQmlUrl)));
    if (engine.rootObjects().isEmpty()) return 1;
    return app.exec();
}
