import QtQuick
import QtQuick.Layouts
import Ponder

// The right side: a header naming the model, the messages, and the input box.
Rectangle {
    id: root

    // Set once a model is loaded; nothing loads models yet.
    property bool modelLoaded: false
    readonly property alias messageList: messageList
    readonly property alias inputBox: inputBox

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
                Layout.fillWidth: true
                text: root.modelLoaded ? "" : qsTr("No model loaded")
                color: Theme.textMuted
                font.pointSize: Theme.fontSizeBody
                elide: Text.ElideRight
            }

            ActionButton {
                objectName: "modelPickerButton"
                text: qsTr("Choose model…")
                // A placeholder for the model picker: opening models comes with the model
                // catalog, and until then the button says so instead of pretending.
                available: false
                hint: qsTr("Opening models is not available in this version yet")
            }
        }

        Separator {}

        ListView {
            id: messageList

            objectName: "messageArea"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Messages")

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
        }
    }
}
