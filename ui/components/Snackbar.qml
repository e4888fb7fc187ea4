import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Ponder

// A message at the bottom of the window with an optional action ("Chat deleted · Undo").
Rectangle {
    id: root

    property string text
    property string actionText
    property string actionHint

    signal actionTriggered()
    signal dismissed()

    implicitWidth: Math.min(row.implicitWidth + 2 * Theme.spacingLg, 560)
    implicitHeight: row.implicitHeight + 2 * Theme.spacingSm
    radius: Theme.radiusSm
    color: Theme.snackbar
    Accessible.role: Accessible.AlertMessage
    Accessible.name: text

    RowLayout {
        id: row

        anchors.fill: parent
        anchors.leftMargin: Theme.spacingLg
        anchors.rightMargin: Theme.spacingSm
        spacing: Theme.spacingMd

        Text {
            Layout.fillWidth: true
            text: root.text
            color: Theme.snackbarText
            wrapMode: Text.Wrap
            font.pointSize: Theme.fontSizeBody
        }

        Button {
            objectName: "snackbarAction"
            visible: root.actionText !== ""
            text: root.actionText
            flat: true
            palette.buttonText: Theme.snackbarAction
            Accessible.name: text
            Accessible.description: root.actionHint
            onClicked: root.actionTriggered()
        }

        Button {
            text: "✕"
            flat: true
            palette.buttonText: Theme.snackbarText
            Accessible.name: qsTr("Dismiss")
            Accessible.description: qsTr("Hide this message")
            onClicked: root.dismissed()
        }
    }
}
