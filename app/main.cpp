// The composition root of the desktop app: parses the command line, builds the objects and
// loads the QML. Everything else lives in ponder_core (app/) and the Ponder module (ui/).
#include <QtQml/qqmlextensionplugin.h>
#include <QGuiApplication>
#include <QLocale>
#include <QQmlApplicationEngine>
#include <QQuickWindow>

#include <cstdio>

#include "app_settings.h"
#include "chat_controller.h"
#include "core/app_paths.h"
#include "core/command_line.h"
#include "core/e2e_driver.h"
#include "docs_cli.h"
#include "language_switcher.h"
#include "model_manager.h"
#include "quick_setup.h"

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

    // `ponder docs ...` is a terminal tool (app/docs/docs_cli.h): no window, no display.
    if (argc > 1 && qstrcmp(argv[1], "docs") == 0) {
        QCoreApplication app(argc, argv);
        return runDocsCommand(QCoreApplication::arguments().mid(2), QString());
    }

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
    ponder::ui::configureQuickStyle();
    // Before the engine, so it outlives the QML that binds to it.
    ChatController controller(paths.dataDir());
    QQmlApplicationEngine engine;
    ponder::ui::configureEngine(engine);

    // The language: the saved choice (or the system's) now, and again whenever it changes,
    // re-translating the loaded QML in place.
    LanguageSwitcher languages(&engine);
    AppSettings* settings = controller.settings();
    languages.apply(settings->language());
    QObject::connect(settings, &AppSettings::languageChanged, &languages,
                     [&] { languages.apply(settings->language()); });

    engine.setInitialProperties({{QStringLiteral("controller"), QVariant::fromValue(&controller)}});
    engine.load(QUrl(QString::fromLatin1(ponder::ui::mainQmlUrl)));
    if (engine.rootObjects().isEmpty()) return 1;
    auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().constFirst());

    if (!commandLine.modelPath.isEmpty()) controller.model()->open(commandLine.modelPath);

    E2eDriver driver(controller);
    if (!commandLine.e2eScript.isEmpty()) {
        if (!E2eDriver::hooksEnabled()) {
            print(stderr, QStringLiteral("--e2e-script is a test hook; it needs PONDER_ENABLE_TEST_HOOKS=1.\n"));
            return 1;
        }
        if (!driver.load(commandLine.e2eScript, &error)) {
            print(stderr, QStringLiteral("Cannot read the test script: %1\n").arg(error));
            return 1;
        }
        QObject::connect(&driver, &E2eDriver::screenshotRequested, window, [window](const QString& path) {
            if (window) window->grabWindow().save(path);
        });
        driver.start();
    }
    return app.exec();
}
