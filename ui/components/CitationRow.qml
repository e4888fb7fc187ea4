import QtQuick
import QtQuick.Controls
import Ponder

// The sources an answer cites, as [n] buttons under it; each opens the passage.
Flow {
    id: root

    // Maps from DocumentsController.citations(): number, fileName, page, lineStart, ...
    property var citations: []

    signal activated(var citation)

    spacing: Theme.spacingXs
    visible: citations.length > 0
    Accessible.role: Accessible.List
    Accessible.name: qsTr("Sources")

    Repeater {
        model: root.citations

        delegate: MessageAction {
            required property var modelData

            objectName: "citation" + modelData.number
            text: qsTr("[%1] %2, p. %3").arg(modelData.number).arg(modelData.fileName).arg(modelData.page)
            hint: qsTr("Show the passage this answer cites")
            onClicked: root.activated(modelData)
        }
    }
}
