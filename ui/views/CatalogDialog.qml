import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Ponder
import Ponder.Core

// The model catalog: recommended GGUF files with their size and whether they fit the GPU,
// downloads with progress, pause, resume and cancel, and the models already on this computer.
// Everything it shows comes from the DownloadManager; nothing here touches the network.
Dialog {
    id: root

    required property DownloadManager downloads

    // The user chose a downloaded file to chat with.
    signal openRequested(string path)

    title: qsTr("Models")
    modal: true
    standardButtons: Dialog.Close
    width: Math.min(parent ? parent.width - 2 * Theme.spacingXxl : 760, 760)
    height: Math.min(parent ? parent.height - 2 * Theme.spacingXl : 720, 720)
    anchors.centerIn: parent
    onAboutToShow: downloads.rescan()

    function fitColor(verdict) {
        return verdict === "tooBig" ? Theme.danger : verdict === "tight" ? Theme.textMuted : Theme.text
    }

    ScrollView {
        id: scroll

        anchors.fill: parent
        contentWidth: availableWidth

        ColumnLayout {
            width: scroll.availableWidth
            spacing: Theme.spacingMd

            Label {
                objectName: "gpuSummary"
                Layout.fillWidth: true
                text: root.downloads.gpuName !== ""
                      ? qsTr("Estimates are for %1 with %2 of memory and a context of %3 tokens.")
                            .arg(root.downloads.gpuName)
                            .arg(Qt.locale().formattedDataSize(root.downloads.gpuMemoryBytes, 1))
                            .arg(root.downloads.contextLength)
                      : qsTr("No GPU was found, so Ponder cannot say which models fit.")
                color: Theme.textMuted
                wrapMode: Text.Wrap
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("Downloads start only when you press Download. Files go to %1.")
                      .arg(root.downloads.modelsDir)
                color: Theme.textMuted
                wrapMode: Text.WrapAnywhere
            }

            Label {
                text: qsTr("Recommended")
                font.pointSize: Theme.fontSizeTitle
                font.weight: Font.DemiBold
                Accessible.role: Accessible.Heading
            }

            Repeater {
                model: root.downloads.catalog

                delegate: Rectangle {
                    id: entry

                    required property string entryId
                    required property string name
                    required property string architecture
                    required property string paramsText
                    required property string activeParamsText
                    required property int experts
                    required property string quantization
                    required property string sizeText
                    required property string description
                    required property string checkNote
                    required property string fitVerdict
                    required property string fitText
                    required property bool downloaded
                    required property bool downloading
                    required property bool paused
                    required property real progress
                    required property string status
                    required property string error

                    objectName: "catalogEntry_" + entryId
                    Layout.fillWidth: true
                    implicitHeight: body.implicitHeight + 2 * Theme.spacingMd
                    radius: Theme.radiusMd
                    color: Theme.surface
                    border.color: Theme.border
                    Accessible.role: Accessible.ListItem
                    Accessible.name: name + ", " + sizeText + ", " + fitText

                    ColumnLayout {
                        id: body

                        anchors.fill: parent
                        anchors.margins: Theme.spacingMd
                        spacing: Theme.spacingXs

                        RowLayout {
                            Layout.fillWidth: true
                            Label {
                                Layout.fillWidth: true
                                text: entry.name
                                font.weight: Font.DemiBold
                                elide: Text.ElideRight
                            }
                            Label {
                                text: entry.sizeText
                                color: Theme.textMuted
                            }
                        }
                        Label {
                            Layout.fillWidth: true
                            text: entry.experts > 0
                                  ? qsTr("%1 · %2 parameters, %3 active · %4")
                                        .arg(entry.architecture).arg(entry.paramsText)
                                        .arg(entry.activeParamsText).arg(entry.quantization)
                                  : qsTr("%1 · %2 parameters · %3")
                                        .arg(entry.architecture).arg(entry.paramsText).arg(entry.quantization)
                            color: Theme.textMuted
                            wrapMode: Text.Wrap
                        }
                        Label {
                            Layout.fillWidth: true
                            visible: entry.description !== ""
                            text: entry.description
                            wrapMode: Text.Wrap
                        }
                        Label {
                            objectName: "fitText"
                            Layout.fillWidth: true
                            text: entry.fitText
                            color: root.fitColor(entry.fitVerdict)
                            wrapMode: Text.Wrap
                        }
                        ProgressBar {
                            Layout.fillWidth: true
                            visible: entry.downloading || entry.paused
                            value: entry.progress
                            Accessible.name: qsTr("Download of %1").arg(entry.name)
                        }
                        Label {
                            objectName: "statusText"
                            Layout.fillWidth: true
                            visible: entry.status !== ""
                            text: entry.status
                            color: entry.error !== "" ? Theme.danger : Theme.textMuted
                            wrapMode: Text.Wrap
                            Accessible.role: entry.error !== "" ? Accessible.AlertMessage : Accessible.StaticText
                            Accessible.name: text
                        }
                        RowLayout {
                            Layout.fillWidth: true
                            spacing: Theme.spacingSm

                            Label {
                                Layout.fillWidth: true
                                text: entry.checkNote
                                color: Theme.textMuted
                                font.pointSize: Theme.fontSizeSmall
                                wrapMode: Text.Wrap
                            }
                            ActionButton {
                                objectName: "downloadButton"
                                visible: !entry.downloaded && !entry.downloading && !entry.paused
                                accent: true
                                text: qsTr("Download")
                                hint: qsTr("Download %1 (%2)").arg(entry.name).arg(entry.sizeText)
                                onClicked: root.downloads.start(entry.entryId)
                            }
                            ActionButton {
                                objectName: "pauseButton"
                                visible: entry.downloading
                                text: qsTr("Pause")
                                hint: qsTr("Pause the download; it can be resumed later, also after a restart")
                                onClicked: root.downloads.pause(entry.entryId)
                            }
                            ActionButton {
                                objectName: "resumeButton"
                                visible: entry.paused && !entry.downloading
                                accent: true
                                text: qsTr("Resume")
                                hint: qsTr("Continue the download where it stopped")
                                onClicked: root.downloads.resume(entry.entryId)
                            }
                            ActionButton {
                                objectName: "cancelButton"
                                visible: entry.downloading || entry.paused
                                text: qsTr("Cancel")
                                hint: qsTr("Stop the download and delete what was downloaded")
                                onClicked: root.downloads.cancel(entry.entryId)
                            }
                            ActionButton {
                                objectName: "openButton"
                                visible: entry.downloaded
                                accent: true
                                text: qsTr("Chat with it")
                                hint: qsTr("Open %1").arg(entry.name)
                                onClicked: root.openRequested(root.downloads.pathOf(entry.entryId))
                            }
                        }
                    }
                }
            }

            Label {
                text: qsTr("On this computer")
                font.pointSize: Theme.fontSizeTitle
                font.weight: Font.DemiBold
                Accessible.role: Accessible.Heading
            }
            Label {
                Layout.fillWidth: true
                visible: root.downloads.localModels.count === 0
                text: qsTr("No models in the models folder yet.")
                color: Theme.textMuted
            }
            Repeater {
                model: root.downloads.localModels

                delegate: RowLayout {
                    id: local

                    required property string fileName
                    required property string path
                    required property string sizeText

                    Layout.fillWidth: true
                    Label {
                        Layout.fillWidth: true
                        text: local.fileName
                        elide: Text.ElideMiddle
                    }
                    Label {
                        text: local.sizeText
                        color: Theme.textMuted
                    }
                    ActionButton {
                        objectName: "openLocal_" + local.fileName
                        text: qsTr("Open")
                        hint: qsTr("Chat with %1").arg(local.fileName)
                        onClicked: root.openRequested(local.path)
                    }
                }
            }
        }
    }
}
