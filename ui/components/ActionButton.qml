import QtQuick
import QtQuick.Controls
import Ponder

// A button that can explain why it is unavailable. Qt Quick delivers no hover events to a
// disabled control, so the tooltip hangs on this wrapper, which stays enabled.
Item {
    id: root

    property alias text: button.text
    // Whether the action can run now; `hint` says why not (shown as tooltip and read by
    // screen readers), or what the action does.
    property bool available: true
    property string hint: ""
    property bool accent: false
    property alias button: button

    signal clicked()

    implicitWidth: button.implicitWidth
    implicitHeight: button.implicitHeight
    Accessible.ignored: true

    Button {
        id: button

        anchors.fill: parent
        enabled: root.available
        focusPolicy: Qt.StrongFocus
        leftPadding: Theme.spacingLg
        rightPadding: Theme.spacingLg
        topPadding: Theme.spacingSm
        bottomPadding: Theme.spacingSm
        font.pointSize: Theme.fontSizeBody
        Accessible.name: root.text
        Accessible.description: root.hint
        onClicked: root.clicked()

        contentItem: Text {
            text: button.text
            font: button.font
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
            elide: Text.ElideRight
            color: !button.enabled ? Theme.textDisabled
                                   : root.accent ? Theme.accentText : Theme.text
        }

        background: Rectangle {
            implicitHeight: Theme.controlHeight
            radius: Theme.radiusSm
            color: {
                if (root.accent)
                    return !button.enabled ? Theme.accentDisabled
                                           : button.hovered || button.down ? Theme.accentHover
                                                                           : Theme.accent
                return button.down ? Theme.surfacePressed
                                   : button.hovered ? Theme.surfaceHover : Theme.surface
            }
            border.width: root.accent ? 0 : 1
            border.color: button.visualFocus ? Theme.borderFocus : Theme.border
        }
    }

    HoverHandler {
        id: hover
    }

    ToolTip {
        parent: root
        visible: hover.hovered && root.hint !== ""
        delay: 600
        text: root.hint
    }
}
