import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Ponder

// The side panel a citation opens: the passage with its file, page and lines, and the file
// itself in the system's viewer.
Drawer {
    id: root

    // A map from DocumentsController.citations().
    property var citation: ({})

    function show(c) {
        citation = c
        open()
    }

    edge: Qt.RightEdge
    width: Math.min(parent ? parent.width * 0.45 : 420, 460)
    height: parent ? parent.height : 600

    ColumnLayout {
        anchors.fill: parent
        Accessible.role: Accessible.Pane
        Accessible.name: qsTr("Cited passage")
        anchors.margins: Theme.spacingLg
        spacing: Theme.spacingSm

        Label {
            objectName: "citationTitle"
            Layout.fillWidth: true
            text: qsTr("[%1] %2").arg(root.citation.number ?? "").arg(root.citation.fileName ?? "")
            font.pointSize: Theme.fontSizeTitle
            font.weight: Font.DemiBold
            elide: Text.ElideMiddle
            Accessible.role: Accessible.Heading
            Accessible.name: text
        }

        Label {
            objectName: "citationWhere"
            Layout.fillWidth: true
            text: qsTr("Page %1, lines %2–%3").arg(root.citation.page ?? "").arg(root.citation.lineStart ?? "")
                                                .arg(root.citation.lineEnd ?? "")
            color: Theme.textMuted
            Accessible.name: text
        }

        Label {
            Layout.fillWidth: true
            text: root.citation.path ?? ""
            color: Theme.textMuted
            font.pointSize: Theme.fontSizeSmall
            elide: Text.ElideMiddle
            Accessible.name: qsTr("File: %1").arg(text)
        }

        ScrollView {
            Layout.fillWidth: true
            Layout.fillHeight: true

            TextArea {
                objectName: "citationText"
                text: root.citation.text ?? ""
                readOnly: true
                wrapMode: TextEdit.Wrap
                selectByMouse: true
                Accessible.name: qsTr("Passage")
            }
        }

        RowLayout {
            Layout.fillWidth: true

            Button {
                objectName: "openCitedFileButton"
                text: qsTr("Open file")
                enabled: (root.citation.url ?? "") !== ""
                Accessible.name: text
                Accessible.description: qsTr("Opens the file in the program your system uses for it")
                onClicked: Qt.openUrlExternally(root.citation.url)
            }

            Item {
                Layout.fillWidth: true
            }

            Button {
                text: qsTr("Close")
                Accessible.name: qsTr("Close the passage")
                onClicked: root.close()
            }
        }
    }
}
