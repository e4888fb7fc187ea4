#include "quick_setup.h"

#include <QQmlEngine>
#include <QQuickStyle>

namespace ponder::ui {

void configureQuickStyle() {
    // Basic draws everything itself from the palette, so the app looks the same on every
    // desktop, and our Theme colours reach every control. Native styles (macOS, Windows)
    // would also refuse the customised backgrounds the components use.
    QQuickStyle::setStyle(QStringLiteral("Basic"));
}

void configureEngine(QQmlEngine& engine) {
    // The modules use RESOURCE_PREFIX / (qrc:/Ponder, qrc:/Ponder/Core). Qt 6.4 does not look
    // in the resource root on its own (6.5 added qrc:/qt/qml instead), so add it here.
    engine.addImportPath(QStringLiteral("qrc:/"));
}

}  // namespace ponder::ui
