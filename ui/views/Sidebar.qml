import QtQuick
import QtQuick.Layouts
import Ponder
import Ponder.Core

// The left column: app title, New chat, search, and the list of chats.
Rectangle {
    id: root

    // The conversation store does not exist yet, so the list is empty and the actions that
    // need it are disabled, each with a tooltip that says why.
    property alias chatList: chatList

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
            available: false
            hint: qsTr("Load a model to start a chat")
        }

        SearchField {
            objectName: "searchField"
            Layout.fillWidth: true
            // Nothing to search in an empty list.
            enabled: chatList.count > 0
        }

        ListView {
            id: chatList

            objectName: "chatList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: Theme.spacingXs
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Chats")

            EmptyState {
                anchors.centerIn: parent
                width: parent.width - 2 * Theme.spacingSm
                visible: chatList.count === 0
                title: qsTr("No chats yet")
                body: qsTr("Your conversations will appear here. They are stored only on this computer.")
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
