import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Ponder
import Ponder.Core

// One message of the chat (the delegate of the message list). The user's messages sit in a
// bubble on the right and can be edited (a new branch); answers fill the column with their
// reasoning panel, text, stats line and actions (copy, regenerate, branch arrows).
Item {
    id: root

    property ChatController controller
    // The row's roles (MessageListModel), passed as the delegate's `model` object: one role is
    // named "id", which cannot be a required property. No property here is required, so the
    // view keeps giving its delegates the `model` and `index` context properties.
    property var row: ({})
    property int rowIndex: -1
    readonly property var messageId: row.id
    readonly property string role: row.role ?? ""
    readonly property string content: row.content ?? ""
    readonly property var segments: row.segments ?? []
    readonly property string reasoning: row.reasoning ?? ""
    readonly property var reasoningSteps: row.reasoningSteps ?? []
    readonly property string messageState: row.state ?? ""
    readonly property string errorText: row.errorText ?? ""
    readonly property int siblingIndex: row.siblingIndex ?? 0
    readonly property int siblingCount: row.siblingCount ?? 0
    readonly property real reasoningMs: row.reasoningMs ?? 0
    readonly property int reasoningTokens: row.reasoningTokens ?? 0
    readonly property real completionTokens: row.completionTokens ?? 0
    readonly property real tokensPerSecond: row.tokensPerSecond ?? 0

    readonly property bool isUser: role === "user"
    readonly property bool streaming: messageState === "streaming"
    property bool editing: false
    // Before the model starts: the passages of the chat's documents are being looked up.
    readonly property bool searchingDocuments: streaming && controller !== null && controller.searchingDocuments
                                               && controller.streamingMessageId === messageId

    // The sources the answer cites (stored with it; see DocumentsController.citations).
    readonly property var citations: !isUser && !streaming && controller && messageId
                                     ? controller.documents.citations(messageId, content) : []

    // A [n] in the answer or a source under it was clicked: the window shows the passage.
    signal citationActivated(var citation)

    implicitHeight: column.implicitHeight + Theme.spacingLg
    Accessible.role: Accessible.ListItem
    Accessible.name: (isUser ? qsTr("You said: %1") : qsTr("Ponder answered: %1")).arg(content)

    ColumnLayout {
        id: column

        width: Math.min(parent.width, Theme.contentMaxWidth)
        anchors.horizontalCenter: parent.horizontalCenter
        spacing: Theme.spacingXs

        RowLayout {
            objectName: "searchingDocuments"
            visible: root.searchingDocuments
            spacing: Theme.spacingSm

            BusyIndicator {
                Layout.preferredWidth: Theme.fontSizeBody * 2
                Layout.preferredHeight: Theme.fontSizeBody * 2
                running: root.searchingDocuments
            }
            Label {
                text: qsTr("Searching your documents…")
                color: Theme.textMuted
                font.pointSize: Theme.fontSizeBody
            }
        }

        ReasoningPanel {
            Layout.fillWidth: true
            visible: !root.isUser && !root.searchingDocuments
                     && (root.reasoning !== "" || (root.streaming && root.content === ""))
            steps: root.reasoningSteps
            thinking: root.streaming && root.content === ""
            keepOpen: root.controller ? root.controller.settings.keepReasoningOpen : false
            reasoningMs: root.reasoningMs
            reasoningTokens: root.reasoningTokens
        }

        // The user's bubble, or its editor.
        Rectangle {
            Layout.alignment: Qt.AlignRight
            Layout.maximumWidth: column.width * 0.8
            visible: root.isUser && !root.editing
            implicitWidth: userText.implicitWidth + 2 * Theme.spacingMd
            implicitHeight: userText.implicitHeight + 2 * Theme.spacingSm
            radius: Theme.radiusMd
            color: Theme.userBubble

            TextEdit {
                id: userText

                anchors.fill: parent
                anchors.margins: Theme.spacingSm
                anchors.leftMargin: Theme.spacingMd
                anchors.rightMargin: Theme.spacingMd
                text: root.content
                readOnly: true
                selectByMouse: true
                wrapMode: TextEdit.Wrap
                textFormat: TextEdit.PlainText
                color: Theme.text
                selectionColor: Theme.selection
                font.pointSize: Theme.fontSizeBody
                Accessible.role: Accessible.StaticText
                Accessible.name: root.content
            }
        }

        ColumnLayout {
            Layout.fillWidth: true
            visible: root.editing

            TextArea {
                id: editor

                objectName: "editArea"
                Layout.fillWidth: true
                wrapMode: TextEdit.Wrap
                color: Theme.text
                font.pointSize: Theme.fontSizeBody
                Accessible.name: qsTr("Edit message")
                Accessible.description: qsTr("Ctrl+Enter sends the edited message as a new branch")
                Keys.onPressed: event => {
                    if ((event.key === Qt.Key_Return || event.key === Qt.Key_Enter)
                            && (event.modifiers & Qt.ControlModifier)) {
                        saveButton.clicked()
                        event.accepted = true
                    } else if (event.key === Qt.Key_Escape) {
                        root.editing = false
                        event.accepted = true
                    }
                }
                background: Rectangle {
                    radius: Theme.radiusSm
                    color: Theme.surface
                    border.color: Theme.borderFocus
                }
            }

            RowLayout {
                Layout.alignment: Qt.AlignRight

                ActionButton {
                    text: qsTr("Cancel")
                    hint: qsTr("Keep the message as it was (Esc)")
                    onClicked: root.editing = false
                }

                ActionButton {
                    id: saveButton

                    text: qsTr("Send edit")
                    accent: true
                    available: editor.text.trim() !== "" && !root.controller.generating
                    hint: qsTr("Send the edited message; the old one stays as another branch")
                    onClicked: {
                        if (root.controller.editAndResend(root.messageId, editor.text))
                            root.editing = false
                    }
                }
            }
        }

        MessageText {
            Layout.fillWidth: true
            visible: !root.isUser && root.content !== ""
            segments: root.isUser ? [] : root.segments
            citations: root.citations
            onCitationActivated: citation => root.citationActivated(citation)
        }

        CitationRow {
            objectName: "citationRow"
            Layout.fillWidth: true
            citations: root.citations
            onActivated: citation => root.citationActivated(citation)
        }

        Text {
            Layout.fillWidth: true
            visible: root.messageState === "error" && root.errorText !== ""
            text: root.errorText
            color: Theme.danger
            wrapMode: Text.Wrap
            font.pointSize: Theme.fontSizeSmall
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
        }

        RowLayout {
            Layout.alignment: root.isUser ? Qt.AlignRight : Qt.AlignLeft
            spacing: Theme.spacingXs
            visible: !root.streaming && !root.editing

            BranchSwitcher {
                visible: root.siblingCount > 1
                current: root.siblingIndex
                total: root.siblingCount
                onPrevious: root.controller.switchBranch(root.rowIndex, -1)
                onNext: root.controller.switchBranch(root.rowIndex, 1)
            }

            MessageAction {
                objectName: "copyMessageButton"
                text: qsTr("Copy")
                hint: qsTr("Copy the message text")
                onClicked: Clipboard.setText(root.content)
            }

            MessageAction {
                objectName: "editMessageButton"
                visible: root.isUser
                text: qsTr("Edit")
                hint: qsTr("Edit and resend; the old message and its answers stay as a branch")
                onClicked: {
                    editor.text = root.content
                    root.editing = true
                    editor.forceActiveFocus()
                }
            }

            MessageAction {
                objectName: "regenerateButton"
                visible: !root.isUser
                enabled: !root.controller.generating
                text: qsTr("Regenerate")
                hint: qsTr("Answer again; this answer stays as a branch")
                onClicked: root.controller.regenerate(root.messageId)
            }

            Text {
                visible: !root.isUser
                Layout.leftMargin: Theme.spacingSm
                text: root.messageState === "cancelled" ? qsTr("Stopped")
                      : root.tokensPerSecond > 0 ? qsTr("%1 tokens · %2 tokens/s")
                                                   .arg(root.completionTokens)
                                                   .arg(root.tokensPerSecond.toFixed(1))
                                                 : ""
                color: Theme.textMuted
                font.pointSize: Theme.fontSizeSmall
                Accessible.role: Accessible.StaticText
                Accessible.name: text
            }
        }
    }
}
