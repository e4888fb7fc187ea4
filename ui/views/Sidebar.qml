import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Ponder
import Ponder.Core

// The left column: app title, New chat, search (Ctrl+K), the list of chats (or search
// results with the matching passage), Import and Settings.
Rectangle {
    id: root

    required property ChatController controller
    property alias chatList: chatList
    property alias searchField: searchField

    signal newChatRequested()
    signal settingsRequested()
    signal importRequested()
    signal documentsRequested()
    signal exportRequested(var conversationId, string title, string format)

    function focusSearch() {
        searchField.forceActiveFocus()
        searchField.selectAll()
    }

    color: Theme.sidebar

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.spacingLg
        spacing: Theme.spacingMd

        Text {
            Layout.fillWidth: true
            Layout.bottomMargin: Theme.spacingXs
            text: qsTr("Ponder")
            color: Theme.text
            font.pointSize: Theme.fontSizeTitle
            font.weight: Font.DemiBold
            Accessible.role: Accessible.Heading
            Accessible.name: text
        }

        ActionButton {
            objectName: "newChatButton"
            Layout.fillWidth: true
            text: qsTr("New chat")
            available: root.controller.ready
            hint: qsTr("Start a new chat (Ctrl+N)")
            onClicked: root.newChatRequested()
        }

        SearchField {
            id: searchField

            objectName: "searchField"
            Layout.fillWidth: true
            enabled: root.controller.ready
            Accessible.description: qsTr("Searches titles, messages and reasoning (Ctrl+K)")
            onTextChanged: root.controller.setSearchText(text)
            Keys.onEscapePressed: text = ""
            Keys.onDownPressed: chatList.forceActiveFocus()
        }

        ListView {
            id: chatList

            objectName: "chatList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: Theme.spacingXs
            model: root.controller.conversations
            keyNavigationEnabled: true
            Accessible.role: Accessible.List
            Accessible.name: searchField.text !== "" ? qsTr("Search results") : qsTr("Chats")
            ScrollBar.vertical: ScrollBar {}

            delegate: ChatListItem {
                width: chatList.width
                controller: root.controller
                row: model
                onExportRequested: (id, title, format) => root.exportRequested(id, title, format)
            }

            EmptyState {
                anchors.centerIn: parent
                width: parent.width - 2 * Theme.spacingSm
                visible: chatList.count === 0
                title: searchField.text !== "" ? qsTr("Nothing found") : qsTr("No chats yet")
                body: searchField.text !== ""
                      ? qsTr("No chat contains all of these words.")
                      : qsTr("Your conversations will appear here. They are stored only on this computer.")
            }
        }

        ActionButton {
            objectName: "documentsButton"
            Layout.fillWidth: true
            text: qsTr("Documents")
            available: root.controller.ready
            hint: qsTr("Collections of your files that chats can answer from")
            onClicked: root.documentsRequested()
        }

        RowLayout {
            Layout.fillWidth: true

            ActionButton {
                objectName: "importButton"
                Layout.fillWidth: true
                text: qsTr("Import…")
                available: root.controller.ready
                hint: qsTr("Open a chat exported as JSON")
                onClicked: root.importRequested()
            }

            ActionButton {
                objectName: "settingsButton"
                Layout.fillWidth: true
                text: qsTr("Settings")
                hint: qsTr("Sampling, context length, GPU, theme and language (Ctrl+,)")
                onClicked: root.settingsRequested()
            }
        }

        Text {
            Layout.fillWidth: true
            text: qsTr("Version %1").arg(AppInfo.version)
            color: Theme.textMuted
            font.pointSize: Theme.fontSizeSmall
            elide: Text.ElideRight
        }
    }
}
