// Runs the Qt Quick Test cases in qml/ against the Ponder module as the app loads it: the
// static plugins, the Basic style and the qrc:/ import path.
#include <QtQml/qqmlextensionplugin.h>
#include <QQmlEngine>
#include <QtQuickTest>

#include "quick_setup.h"

Q_IMPORT_QML_PLUGIN(Ponder_CorePlugin)
Q_IMPORT_QML_PLUGIN(PonderPlugin)

class Setup : public QObject {
    Q_OBJECT

public slots:
    void applicationAvailable() { ponder::ui::configureQuickStyle(); }
    void qmlEngineAvailable(QQmlEngine* engine) { ponder::ui::configureEngine(*engine); }
};

QUICK_TEST_MAIN_WITH_SETUP(tst_ui_components, Setup)

#include "tst_ui_components.moc"
