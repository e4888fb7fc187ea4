import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Ponder

// One file of a collection in the Documents view: its name, its state (indexed with its
// chunk count, being read now, waiting, or the reason it was skipped) and Remove.
ItemDelegate {
    id: root

    required property var documentId
    required property string fileName
    required property string path
    required property string docState
    required property string error
    required property int chunks

    signal removeRequested(var documentId)

    readonly property string stateText: docState === "indexed" ? qsTr("Indexed, %1 passages").arg(chunks)
                                      : docState === "indexing" ? qsTr("Indexing…")
                                      : docState === "error" ? qsTr("Skipped: %1").arg(error)
                                      : qsTr("Waiting to be indexed")

    Accessible.role: Accessible.ListItem
    Accessible.name: qsTr("%1, %2").arg(fileName).arg(stateText)

    contentItem: RowLayout {
        spacing: Theme.spacingSm

        ColumnLayout {
            Layout.fillWidth: true
            spacing: 2

            Label {
                Layout.fillWidth: true
                text: root.fileName
                elide: Text.ElideMiddle
                ToolTip.visible: root.hovered
                ToolTip.delay: 800
                ToolTip.text: root.path
            }

            Label {
                objectName: "documentState"
                Layout.fillWidth: true
                text: root.stateText
                color: root.docState === "error" ? Theme.danger : Theme.textMuted
                font.pointSize: Theme.fontSizeSmall
                wrapMode: Text.Wrap
            }

            ProgressBar {
                Layout.fillWidth: true
                visible: root.docState === "indexing"
                indeterminate: true
                Accessible.name: qsTr("Indexing %1").arg(root.fileName)
            }
        }

        ToolButton {
            objectName: "removeDocumentButton"
            text: qsTr("Remove")
            Accessible.name: qsTr("Remove %1 from the collection").arg(root.fileName)
            ToolTip.visible: hovered
            ToolTip.delay: 600
            ToolTip.text: qsTr("Removes the file from the index; the file itself stays on disk")
            onClicked: root.removeRequested(root.documentId)
        }
    }
}
