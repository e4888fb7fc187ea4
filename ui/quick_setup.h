/// @brief Prepares Qt Quick and a QML engine the same way for the app and its tests.
#pragma once

class QQmlEngine;

namespace ponder::ui {

/// The URL of the main window, a resource of the Ponder module.
inline constexpr const char* mainQmlUrl = "qrc:/Ponder/Main.qml";

/// Picks the Controls style. Call before the first QML file that imports QtQuick.Controls
/// is loaded (the style cannot change afterwards).
void configureQuickStyle();

/// Lets `engine` find the Ponder and Ponder.Core modules in the resources.
void configureEngine(QQmlEngine& engine);

}  // namespace ponder::ui
