import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Ponder

// A fenced code block: a header with the language and a Copy button, then the code in a
// monospace, syntax-highlighted, selectable text.
Rectangle {
    id: root

    property string code
    property string language
    property bool copied: false

    implicitHeight: layout.implicitHeight
    radius: Theme.radiusSm
    color: Theme.codeBackground
    border.width: 1
    border.color: Theme.separator
    Accessible.role: Accessible.Grouping
    Accessible.name: language !== "" ? qsTr("Code block, %1").arg(language) : qsTr("Code block")

    ColumnLayout {
        id: layout

        anchors.left: parent.left
        anchors.right: parent.right
        spacing: 0

        RowLayout {
            Layout.fillWidth: true
            Layout.leftMargin: Theme.spacingMd
            Layout.rightMargin: Theme.spacingXs

            Text {
                Layout.fillWidth: true
                text: root.language !== "" ? root.language : qsTr("code")
                color: Theme.textMuted
                font.pointSize: Theme.fontSizeSmall
            }

            ToolButton {
                objectName: "copyCodeButton"
                text: root.copied ? qsTr("Copied") : qsTr("Copy")
                font.pointSize: Theme.fontSizeSmall
                Accessible.name: qsTr("Copy code")
                Accessible.description: qsTr("Copy this code block to the clipboard")
                onClicked: {
                    Clipboard.setText(root.code)
                    root.copied = true
                    copiedTimer.restart()
                }
            }
        }

        Separator {}

        TextEdit {
            id: edit

            Layout.fillWidth: true
            Layout.margins: Theme.spacingMd
            text: root.code
            readOnly: true
            selectByMouse: true
            wrapMode: TextEdit.WrapAnywhere
            textFormat: TextEdit.PlainText
            color: Theme.text
            selectionColor: Theme.selection
            font.family: Theme.monospaceFamily
            font.pointSize: Theme.fontSizeSmall
            Accessible.role: Accessible.EditableText
            Accessible.name: qsTr("Code")
            Accessible.readOnly: true
        }
    }

    CodeHighlighter {
        textDocument: edit.textDocument
        language: root.language
        dark: Theme.dark
    }

    Timer {
        id: copiedTimer

        interval: 1500
        onTriggered: root.copied = false
    }
}
