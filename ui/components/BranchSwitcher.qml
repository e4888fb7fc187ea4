import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Ponder

// "‹ 2/3 ›": which of the alternative versions of a message is shown, and arrows to switch.
RowLayout {
    id: root

    property int current: 1
    property int total: 1

    signal previous()
    signal next()

    spacing: 0
    Accessible.role: Accessible.Grouping
    Accessible.name: qsTr("Version %1 of %2").arg(current).arg(total)

    MessageAction {
        objectName: "previousBranchButton"
        text: "‹"
        enabled: root.current > 1
        hint: qsTr("Show the previous version")
        Accessible.name: qsTr("Previous version")
        onClicked: root.previous()
    }

    Text {
        text: qsTr("%1/%2").arg(root.current).arg(root.total)
        color: Theme.textMuted
        font.pointSize: Theme.fontSizeSmall
    }

    MessageAction {
        objectName: "nextBranchButton"
        text: "›"
        enabled: root.current < root.total
        hint: qsTr("Show the next version")
        Accessible.name: qsTr("Next version")
        onClicked: root.next()
    }
}
