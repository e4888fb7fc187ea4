import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Ponder

// A strip above the chat for something the user must know (a damaged history set aside, a
// refused action, a failed load). Hidden while there is nothing to say.
Rectangle {
    id: root

    property string text

    signal dismissed()

    visible: text !== ""
    implicitHeight: visible ? row.implicitHeight + 2 * Theme.spacingSm : 0
    color: Theme.noticeBackground
    Accessible.role: Accessible.AlertMessage
    Accessible.name: text

    RowLayout {
        id: row

        anchors.fill: parent
        anchors.leftMargin: Theme.spacingXl
        anchors.rightMargin: Theme.spacingSm

        Text {
            Layout.fillWidth: true
            text: root.text
            color: Theme.text
            wrapMode: Text.Wrap
            font.pointSize: Theme.fontSizeBody
        }

        ToolButton {
            text: "✕"
            Accessible.name: qsTr("Dismiss")
            Accessible.description: qsTr("Hide this message")
            onClicked: root.dismissed()
        }
    }
}
