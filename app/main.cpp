// The composition root of the desktop app: parses the command line, builds the objects and
// loads the QML. Everything else lives in ponder_core (app/) and the Ponder module (ui/).
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(Ponder_CorePlugin)
Q_IMPORT_QML_PLUGIN(PonderPlugin)

int main(int argc, char* argv[]) {
    QGuiApplication app(argc, argv);
    QQmlApplicationEngine engine;
    engine.load(QUrl(QStringLiteral("qrc:/Ponder/Main.qml")));
    if (engine.rootObjects().isEmpty()) return 1;
    return app.exec();
}
