import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Ponder
import Ponder.Core

// One chat in the sidebar: title (and the matching passage while searching), pin mark, and
// a menu with rename, pin, export and delete. Enter or a click opens it; F2 renames.
ItemDelegate {
    id: root

    property ChatController controller
    // The row's roles (ConversationListModel) as the delegate's `model` object: one role is
    // named "id", which cannot be a required property (and any required property would hide
    // the `model` context property).
    property var row: ({})
    readonly property var conversationId: row.id
    readonly property string title: row.title ?? ""
    readonly property bool pinned: row.pinned ?? false
    readonly property string snippet: row.snippet ?? ""
    readonly property bool current: conversationId === controller.currentConversationId
    property bool renaming: false

    signal exportRequested(var conversationId, string title, string format)

    function startRename() {
        renameField.text = root.title
        renaming = true
        renameField.forceActiveFocus()
        renameField.selectAll()
    }

    highlighted: current
    padding: Theme.spacingSm
    Accessible.role: Accessible.ListItem
    Accessible.name: (root.pinned ? qsTr("Pinned: %1") : "%1").arg(root.title)
    Accessible.description: root.snippet !== "" ? root.snippet.replace(/<[^>]*>/g, "") : qsTr("Open this chat")
    onClicked: controller.selectChat(conversationId)
    Keys.onReturnPressed: controller.selectChat(conversationId)
    Keys.onDeletePressed: controller.deleteChat(conversationId)
    Keys.onPressed: event => {
        if (event.key === Qt.Key_F2) {
            startRename()
            event.accepted = true
        }
    }

    background: Rectangle {
        radius: Theme.radiusSm
        color: root.current ? Theme.surfacePressed : root.hovered ? Theme.surfaceHover : "transparent"
        border.width: root.visualFocus ? 1 : 0
        border.color: Theme.borderFocus
    }

    contentItem: RowLayout {
        spacing: Theme.spacingXs

        ColumnLayout {
            Layout.fillWidth: true
            spacing: 2

            Text {
                Layout.fillWidth: true
                visible: !root.renaming
                text: (root.pinned ? "📌 " : "") + root.title
                color: Theme.text
                font.pointSize: Theme.fontSizeBody
                elide: Text.ElideRight
            }

            TextField {
                id: renameField

                Layout.fillWidth: true
                visible: root.renaming
                font.pointSize: Theme.fontSizeBody
                Accessible.name: qsTr("New title")
                onAccepted: {
                    root.controller.rename(root.conversationId, text)
                    root.renaming = false
                }
                Keys.onEscapePressed: root.renaming = false
                onActiveFocusChanged: if (!activeFocus) root.renaming = false
            }

            Text {
                Layout.fillWidth: true
                visible: root.snippet !== ""
                text: root.snippet
                textFormat: Text.StyledText
                color: Theme.textMuted
                font.pointSize: Theme.fontSizeSmall
                wrapMode: Text.Wrap
                maximumLineCount: 2
                elide: Text.ElideRight
            }
        }

        ToolButton {
            objectName: "chatMenuButton"
            text: "⋯"
            visible: root.hovered || root.current || menu.opened
            Accessible.name: qsTr("Chat actions")
            Accessible.description: qsTr("Rename, pin, export or delete this chat")
            onClicked: menu.popup()

            Menu {
                id: menu

                MenuItem {
                    text: qsTr("Rename")
                    onTriggered: root.startRename()
                }
                MenuItem {
                    text: root.pinned ? qsTr("Unpin") : qsTr("Pin")
                    onTriggered: root.controller.setPinned(root.conversationId, !root.pinned)
                }
                MenuItem {
                    text: qsTr("Export as Markdown…")
                    onTriggered: root.exportRequested(root.conversationId, root.title, "markdown")
                }
                MenuItem {
                    text: qsTr("Export as JSON…")
                    onTriggered: root.exportRequested(root.conversationId, root.title, "json")
                }
                MenuSeparator {}
                MenuItem {
                    text: qsTr("Delete")
                    onTriggered: root.controller.deleteChat(root.conversationId)
                }
            }
        }
    }
}
