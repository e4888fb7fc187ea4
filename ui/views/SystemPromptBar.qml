import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Ponder

// The chat's system prompt: a one-line summary that opens into an editor.
ColumnLayout {
    id: root

    property string prompt
    property bool open: false

    signal promptEdited(string text)

    spacing: Theme.spacingXs

    ToolButton {
        objectName: "systemPromptToggle"
        text: (root.open ? "▾ " : "▸ ")
              + (root.prompt !== "" ? qsTr("System prompt: %1").arg(root.prompt.split("\n")[0])
                                    : qsTr("System prompt"))
        font.pointSize: Theme.fontSizeSmall
        Layout.maximumWidth: root.width
        Accessible.name: qsTr("System prompt")
        Accessible.description: qsTr("Instructions the model gets before this chat; shown or hidden")
        onClicked: root.open = !root.open

        contentItem: Text {
            text: parent.text
            font: parent.font
            color: Theme.textMuted
            elide: Text.ElideRight
        }
    }

    TextArea {
        id: editor

        objectName: "systemPromptEditor"
        Layout.fillWidth: true
        Layout.bottomMargin: Theme.spacingSm
        visible: root.open
        text: root.prompt
        placeholderText: qsTr("For example: You are a concise assistant. Answer in English.")
        wrapMode: TextEdit.Wrap
        color: Theme.text
        font.pointSize: Theme.fontSizeSmall
        Accessible.name: qsTr("System prompt")
        Accessible.description: qsTr("Saved when the field loses focus")
        onEditingFinished: root.promptEdited(text)
        background: Rectangle {
            radius: Theme.radiusSm
            color: Theme.surface
            border.color: editor.activeFocus ? Theme.borderFocus : Theme.border
        }
    }
}
