import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Ponder

// Where the user writes a message: a growing multi-line field and a Send button.
// Enter starts a new line; Ctrl+Enter sends, like the button.
FocusScope {
    id: root

    // Whether a message can be taken now (a model is loaded). Until then Send stays disabled
    // and its tooltip says why.
    property bool ready: false
    // While an answer streams the button stops it instead of sending (Esc does the same).
    property bool generating: false
    property alias text: textArea.text
    readonly property bool canSend: ready && text.trim().length > 0
    // Exposed so tests and the window can reach them without knowing the inside.
    readonly property alias textArea: textArea
    readonly property alias sendButton: sendAction.button

    signal sendRequested(string text)
    signal stopRequested()

    // Emits sendRequested and empties the field; returns whether anything was sent.
    function send() {
        if (!canSend || generating)
            return false
        const message = textArea.text
        textArea.clear()
        sendRequested(message)
        return true
    }

    implicitHeight: layout.implicitHeight
    implicitWidth: 480

    ColumnLayout {
        id: layout

        anchors.fill: parent
        spacing: Theme.spacingXs

        Rectangle {
            id: frame

            Layout.fillWidth: true
            implicitHeight: row.implicitHeight + 2 * Theme.spacingSm
            radius: Theme.radiusLg
            color: Theme.surface
            border.width: 1
            border.color: textArea.activeFocus ? Theme.borderFocus : Theme.border

            RowLayout {
                id: row

                anchors.fill: parent
                anchors.margins: Theme.spacingSm
                spacing: Theme.spacingSm

                ScrollView {
                    id: scroll

                    Layout.fillWidth: true
                    Layout.alignment: Qt.AlignVCenter
                    // Grows with the text up to about eight lines, then scrolls.
                    Layout.preferredHeight: Math.min(textArea.implicitHeight, 200)

                    TextArea {
                        id: textArea

                        focus: true
                        placeholderText: qsTr("Write a message…")
                        placeholderTextColor: Theme.placeholder
                        color: Theme.text
                        selectionColor: Theme.selection
                        selectedTextColor: Theme.text
                        font.pointSize: Theme.fontSizeBody
                        wrapMode: TextEdit.Wrap
                        selectByMouse: true
                        background: null
                        leftPadding: Theme.spacingSm
                        rightPadding: Theme.spacingSm
                        Accessible.name: qsTr("Message")
                        Accessible.description: qsTr("Press Ctrl+Enter to send")

                        Keys.onPressed: event => {
                            const isEnter = event.key === Qt.Key_Return || event.key === Qt.Key_Enter
                            if (isEnter && (event.modifiers & Qt.ControlModifier)) {
                                // Swallowed even when sending is impossible, so Ctrl+Enter
                                // never inserts a stray line break.
                                root.send()
                                event.accepted = true
                            }
                        }
                    }
                }

                ActionButton {
                    id: sendAction

                    Layout.alignment: Qt.AlignBottom
                    text: root.generating ? qsTr("Stop") : qsTr("Send")
                    accent: true
                    available: root.generating || root.canSend
                    hint: root.generating ? qsTr("Stop the answer; the text so far is kept (Esc)")
                        : root.ready ? qsTr("Send the message (Ctrl+Enter)")
                                     : qsTr("Load a model to send messages")
                    onClicked: root.generating ? root.stopRequested() : root.send()
                }
            }
        }

        Text {
            Layout.fillWidth: true
            Layout.leftMargin: Theme.spacingMd
            text: qsTr("Enter adds a line · Ctrl+Enter sends")
            color: Theme.textMuted
            font.pointSize: Theme.fontSizeSmall
            elide: Text.ElideRight
        }
    }
}
