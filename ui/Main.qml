import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Ponder

// The main window: the chat list on the left, the conversation on the right.
ApplicationWindow {
    id: window

    objectName: "mainWindow"
    width: 1100
    height: 720
    minimumWidth: 640
    minimumHeight: 420
    visible: true
    title: qsTr("Ponder")
    color: Theme.window

    // The Basic style colours its controls from the palette; feeding it the Theme keeps the
    // parts we do not draw ourselves (tooltips, scroll bars, menus) in the same scheme.
    palette.window: Theme.window
    palette.windowText: Theme.text
    palette.base: Theme.surface
    palette.text: Theme.text
    palette.button: Theme.surface
    palette.buttonText: Theme.text
    palette.highlight: Theme.accent
    palette.highlightedText: Theme.accentText
    palette.placeholderText: Theme.placeholder
    palette.toolTipBase: Theme.dark ? "#30343a" : "#2b2f36"
    palette.toolTipText: "#f2f3f5"
    palette.mid: Theme.border
    palette.dark: Theme.textMuted
    palette.disabled.text: Theme.textDisabled
    palette.disabled.buttonText: Theme.textDisabled
    palette.disabled.windowText: Theme.textDisabled

    RowLayout {
        anchors.fill: parent
        spacing: 0

        Sidebar {
            objectName: "sidebar"
            Layout.preferredWidth: Theme.sidebarWidth
            Layout.fillHeight: true
        }

        Separator {
            vertical: true
        }

        ChatView {
            objectName: "chatView"
            Layout.fillWidth: true
            Layout.fillHeight: true
        }
    }
}
