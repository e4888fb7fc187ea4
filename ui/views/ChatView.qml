import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Ponder
import Ponder.Core

// The right side: a header with the chat's title and the model, the optional system prompt,
// the messages, and the input box.
Rectangle {
    id: root

    required property ChatController controller
    readonly property bool modelLoaded: controller.model.loaded
    readonly property alias messageList: messageList
    readonly property alias inputBox: inputBox

    signal openModelRequested()
    signal modelInfoRequested()
    signal documentsRequested()
    signal citationRequested(var citation)

    function focusInput() {
        inputBox.textArea.forceActiveFocus()
    }

    color: Theme.window

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        RowLayout {
            Layout.fillWidth: true
            Layout.preferredHeight: 56
            Layout.leftMargin: Theme.spacingXl
            Layout.rightMargin: Theme.spacingLg
            spacing: Theme.spacingMd

            Text {
                objectName: "chatTitle"
                Layout.fillWidth: true
                text: root.controller.currentTitle !== "" ? root.controller.currentTitle : qsTr("New chat")
                color: Theme.text
                font.pointSize: Theme.fontSizeTitle
                font.weight: Font.DemiBold
                elide: Text.ElideRight
                Accessible.role: Accessible.Heading
                Accessible.name: text
            }

            BusyIndicator {
                visible: root.controller.model.loading
                running: visible
                Layout.preferredWidth: 24
                Layout.preferredHeight: 24
                Accessible.name: qsTr("Loading the model")
            }

            AttachCollectionsButton {
                objectName: "attachCollectionsButton"
                documents: root.controller.documents
                conversationId: root.controller.currentConversationId
                onManageRequested: root.documentsRequested()
            }

            ActionButton {
                objectName: "modelInfoButton"
                Layout.maximumWidth: 280
                text: root.controller.model.loading
                      ? (root.controller.model.loadProgress >= 0
                         ? qsTr("Loading %1… %2%").arg(root.controller.model.fileName)
                                                  .arg(Math.round(root.controller.model.loadProgress * 100))
                         : qsTr("Loading %1…").arg(root.controller.model.fileName))
                    : root.modelLoaded ? root.controller.model.name : qsTr("No model loaded")
                hint: qsTr("Model information, recent models and the model catalog")
                onClicked: root.modelInfoRequested()
            }

            ActionButton {
                objectName: "modelPickerButton"
                text: qsTr("Open model…")
                available: !root.controller.model.loading
                hint: root.controller.model.loading ? qsTr("A model is loading")
                                                    : qsTr("Open a GGUF model file from this computer")
                onClicked: root.openModelRequested()
            }
        }

        Separator {}

        SystemPromptBar {
            objectName: "systemPromptBar"
            Layout.fillWidth: true
            Layout.maximumWidth: Theme.contentMaxWidth
            Layout.alignment: Qt.AlignHCenter
            Layout.leftMargin: Theme.spacingXl
            Layout.rightMargin: Theme.spacingXl
            prompt: root.controller.systemPrompt
            onPromptEdited: text => root.controller.systemPrompt = text
        }

        ListView {
            id: messageList

            // Follows the newest text while the user has not scrolled up.
            property bool stickToBottom: true

            objectName: "messageArea"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: Theme.spacingSm
            topMargin: Theme.spacingLg
            bottomMargin: Theme.spacingLg
            leftMargin: Theme.spacingXl
            rightMargin: Theme.spacingXl
            model: root.controller.messages
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Messages")
            ScrollBar.vertical: ScrollBar {}

            delegate: MessageBubble {
                width: messageList.width - messageList.leftMargin - messageList.rightMargin
                controller: root.controller
                row: model
                rowIndex: index
                onCitationActivated: citation => root.citationRequested(citation)
            }

            onContentHeightChanged: if (stickToBottom) positionViewAtEnd()
            onCountChanged: if (stickToBottom) positionViewAtEnd()
            onMovementEnded: stickToBottom = atYEnd

            Connections {
                target: root.controller

                function onRevealMessage(messageId) {
                    const row = root.controller.messages.rowOf(messageId)
                    if (row >= 0) {
                        messageList.stickToBottom = false
                        messageList.positionViewAtIndex(row, ListView.Center)
                    }
                }

                function onCurrentConversationChanged() {
                    messageList.stickToBottom = true
                }
            }

            EmptyState {
                anchors.centerIn: parent
                width: Math.min(parent.width - 2 * Theme.spacingXxl, 460)
                visible: messageList.count === 0
                large: true
                title: root.modelLoaded ? qsTr("Start the conversation")
                                        : qsTr("Open a model to start")
                body: qsTr("Ponder runs language models on your own computer. Nothing you write here leaves it.")
            }
        }

        InputBox {
            id: inputBox

            objectName: "inputBox"
            Layout.fillWidth: true
            Layout.maximumWidth: Theme.contentMaxWidth
            Layout.alignment: Qt.AlignHCenter
            Layout.leftMargin: Theme.spacingXl
            Layout.rightMargin: Theme.spacingXl
            Layout.bottomMargin: Theme.spacingLg
            focus: true
            ready: root.modelLoaded
            generating: root.controller.generating
            onSendRequested: text => {
                messageList.stickToBottom = true
                root.controller.send(text)
            }
            onStopRequested: root.controller.stop()
        }
    }
}
