import QtQuick
import QtQuick.Layouts
import Ponder

// The friendly text shown where a list has nothing in it yet.
ColumnLayout {
    id: root

    property string title
    property string body
    property bool large: false

    spacing: Theme.spacingSm

    Text {
        Layout.fillWidth: true
        text: root.title
        color: root.large ? Theme.text : Theme.textMuted
        font.pointSize: root.large ? Theme.fontSizeHeading : Theme.fontSizeBody
        font.weight: root.large ? Font.DemiBold : Font.Medium
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.Wrap
    }

    Text {
        Layout.fillWidth: true
        visible: root.body !== ""
        text: root.body
        color: Theme.textMuted
        font.pointSize: root.large ? Theme.fontSizeBody : Theme.fontSizeSmall
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.Wrap
        lineHeight: 1.15
    }
}
