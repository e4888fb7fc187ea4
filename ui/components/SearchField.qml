import QtQuick
import QtQuick.Controls
import Ponder

// A rounded single-line field for filtering lists.
TextField {
    id: field

    placeholderText: qsTr("Search chats")
    placeholderTextColor: Theme.placeholder
    color: enabled ? Theme.text : Theme.textDisabled
    selectionColor: Theme.selection
    selectedTextColor: Theme.text
    font.pointSize: Theme.fontSizeBody
    leftPadding: Theme.spacingMd
    rightPadding: Theme.spacingMd
    selectByMouse: true
    Accessible.name: placeholderText

    background: Rectangle {
        implicitHeight: Theme.controlHeight
        radius: Theme.radiusSm
        color: Theme.surface
        border.width: 1
        border.color: field.activeFocus ? Theme.borderFocus : Theme.border
        opacity: field.enabled ? 1 : 0.6
    }
}
