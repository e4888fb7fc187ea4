import QtQuick
import QtQuick.Controls
import Ponder

// A small flat button under a message (Copy, Edit, Regenerate), with its tooltip.
ToolButton {
    id: root

    property string hint

    font.pointSize: Theme.fontSizeSmall
    focusPolicy: Qt.StrongFocus
    Accessible.name: text
    Accessible.description: hint
    ToolTip.visible: hovered && hint !== ""
    ToolTip.delay: 600
    ToolTip.text: hint
}
