import QtQuick
import QtQuick.Layouts
import Ponder

// A one-pixel line between regions; subtle on purpose, the layout carries the structure.
Rectangle {
    property bool vertical: false

    color: Theme.separator
    implicitWidth: vertical ? 1 : 0
    implicitHeight: vertical ? 0 : 1
    Layout.fillWidth: !vertical
    Layout.fillHeight: vertical
    Accessible.ignored: true
}
