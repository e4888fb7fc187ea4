import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Ponder
import Ponder.Core

// The model panel: facts about the loaded model, the last load error, the way back after a
// lost GPU, recent models, and the way to the model catalog.
Dialog {
    id: root

    required property ModelManager model
    required property AppSettings settings

    signal openModelRequested()
    signal catalogRequested()

    title: qsTr("Model")
    modal: true
    standardButtons: Dialog.Close
    width: Math.min(parent ? parent.width - 2 * Theme.spacingXxl : 560, 560)
    anchors.centerIn: parent

    // A lost GPU closes the model mid-chat: offer the way back at once instead of leaving the
    // user to find out why the send button went grey.
    Connections {
        target: root.model

        function onStateChanged() {
            if (root.model.gpuLost && !root.opened) root.open()
        }
    }

    component InfoRow: RowLayout {
        property string label
        property string value

        visible: value !== "" && value !== "0"
        Layout.fillWidth: true
        Accessible.role: Accessible.StaticText
        Accessible.name: label + ": " + value

        Label {
            Layout.preferredWidth: 170
            text: parent.label
            color: Theme.textMuted
        }
        Label {
            Layout.fillWidth: true
            text: parent.value
            color: Theme.text
            wrapMode: Text.WrapAnywhere
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacingSm

        Label {
            Layout.fillWidth: true
            visible: !root.model.loaded && !root.model.loading && root.model.error === ""
            text: qsTr("No model is loaded. Open a GGUF file to start chatting.")
            wrapMode: Text.Wrap
        }

        RowLayout {
            visible: root.model.loading
            BusyIndicator {
                running: root.model.loading
                Accessible.name: qsTr("Loading")
            }
            Label {
                text: qsTr("Loading %1…").arg(root.model.fileName)
            }
        }
        ProgressBar {
            objectName: "uploadProgress"
            Layout.fillWidth: true
            visible: root.model.loading && root.model.loadProgress >= 0
            value: Math.max(0, root.model.loadProgress)
            Accessible.name: qsTr("Copying the model to the GPU")
        }

        Label {
            objectName: "modelError"
            Layout.fillWidth: true
            visible: root.model.error !== ""
            text: root.model.error
            color: Theme.danger
            wrapMode: Text.Wrap
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
        }

        // After a lost GPU: the way back, on the GPU again or on the CPU, one click each.
        Label {
            objectName: "gpuLostText"
            Layout.fillWidth: true
            visible: root.model.gpuLost && !root.model.loading
            text: qsTr("The GPU stopped responding, so %1 was closed. Your chats are safe.")
                  .arg(root.model.fileName)
            color: Theme.danger
            wrapMode: Text.Wrap
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
        }
        RowLayout {
            visible: root.model.gpuLost && !root.model.loading
            spacing: Theme.spacingSm

            ActionButton {
                objectName: "reopenOnGpuButton"
                accent: true
                text: qsTr("Open again")
                hint: qsTr("Open %1 again on the GPU").arg(root.model.fileName)
                onClicked: root.model.reopen(false)
            }
            ActionButton {
                objectName: "reopenOnCpuButton"
                text: qsTr("Open on the CPU")
                hint: qsTr("Open %1 on the CPU this time: slower, but it does not depend on the GPU")
                      .arg(root.model.fileName)
                onClicked: root.model.reopen(true)
            }
        }

        ColumnLayout {
            Layout.fillWidth: true
            visible: root.model.loaded
            spacing: Theme.spacingXs

            InfoRow { label: qsTr("Name"); value: root.model.name }
            InfoRow { label: qsTr("File"); value: root.model.path }
            InfoRow { label: qsTr("Architecture"); value: root.model.architecture }
            InfoRow { label: qsTr("File size"); value: root.model.fileSizeText }
            InfoRow { label: qsTr("Parameters"); value: root.model.parametersText }
            InfoRow {
                label: qsTr("Active per token")
                value: root.model.experts > 0 ? root.model.activeParametersText : ""
            }
            InfoRow {
                label: qsTr("Experts")
                value: root.model.experts > 0 ? qsTr("%1 of %2 used per token")
                                                .arg(root.model.expertsUsed).arg(root.model.experts) : ""
            }
            InfoRow { label: qsTr("Quantization"); value: root.model.quantization }
            InfoRow {
                label: qsTr("Context length")
                value: qsTr("%1 tokens (trained for %2)").arg(root.model.contextLength)
                                                          .arg(root.model.trainedContextLength)
            }
            InfoRow { label: qsTr("Chat format"); value: root.model.chatFormat }
            InfoRow { label: qsTr("Runs on"); value: root.model.device }
            Label {
                objectName: "deviceNote"
                Layout.fillWidth: true
                visible: root.model.deviceNote !== ""
                text: qsTr("Not on the GPU: %1").arg(root.model.deviceNote)
                color: Theme.danger
                wrapMode: Text.Wrap
                Accessible.role: Accessible.AlertMessage
                Accessible.name: text
            }
        }

        Label {
            Layout.topMargin: Theme.spacingMd
            visible: root.settings.recentModels.length > 0
            text: qsTr("Recent models")
            font.weight: Font.DemiBold
            Accessible.role: Accessible.Heading
        }

        Repeater {
            model: root.settings.recentModels

            ItemDelegate {
                required property string modelData

                Layout.fillWidth: true
                text: modelData.split("/").pop()
                enabled: !root.model.loading
                Accessible.name: qsTr("Open %1").arg(text)
                Accessible.description: modelData
                ToolTip.visible: hovered
                ToolTip.text: modelData
                onClicked: {
                    root.model.open(modelData)
                    root.close()
                }
            }
        }

        RowLayout {
            Layout.topMargin: Theme.spacingMd

            ActionButton {
                text: qsTr("Open model…")
                available: !root.model.loading
                hint: qsTr("Open a GGUF model file from this computer")
                onClicked: root.openModelRequested()
            }

            ActionButton {
                objectName: "catalogButton"
                text: qsTr("Browse models…")
                hint: qsTr("Recommended models, what fits your GPU, downloads")
                onClicked: root.catalogRequested()
            }
        }
    }
}
