import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Ponder
import Ponder.Core

// Settings: sampling, context length, GPU, theme and language, and the About facts (version,
// git revision, Qt, Vulkan, the GPU in use). Every change is saved at once.
Dialog {
    id: root

    required property AppSettings settings

    title: qsTr("Settings")
    modal: true
    standardButtons: Dialog.Close
    width: Math.min(parent ? parent.width - 2 * Theme.spacingXxl : 640, 640)
    height: Math.min(parent ? parent.height - 2 * Theme.spacingXxl : 640, 680)
    anchors.centerIn: parent
    // The devices are listed off the UI thread each time the dialog opens (a GPU may have been
    // plugged in or its driver updated); the list and the About text follow when they arrive.
    onAboutToShow: settings.refreshGpus()

    ScrollView {
        anchors.fill: parent
        contentWidth: availableWidth

        ColumnLayout {
            width: parent.width
            spacing: Theme.spacingMd

            Label {
                text: qsTr("Sampling")
                font.pointSize: Theme.fontSizeTitle
                font.weight: Font.DemiBold
                Accessible.role: Accessible.Heading
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("Leave a field empty to use what the model file recommends.")
                color: Theme.textMuted
                wrapMode: Text.Wrap
            }
            NumberSetting {
                Layout.fillWidth: true
                label: qsTr("Temperature")
                hint: qsTr("Higher is more varied, lower more focused (0 to 2)")
                value: root.settings.temperature
                maximum: 2
                onEdited: v => root.settings.temperature = v
            }
            NumberSetting {
                Layout.fillWidth: true
                label: qsTr("Top-k")
                hint: qsTr("Sample only from the k most likely tokens (0: off)")
                value: root.settings.topK
                maximum: 1000
                integer: true
                onEdited: v => root.settings.topK = v
            }
            NumberSetting {
                Layout.fillWidth: true
                label: qsTr("Top-p")
                hint: qsTr("Sample from the smallest set of tokens whose probabilities add up to p (0 to 1)")
                value: root.settings.topP
                maximum: 1
                onEdited: v => root.settings.topP = v
            }
            NumberSetting {
                Layout.fillWidth: true
                label: qsTr("Min-p")
                hint: qsTr("Drop tokens less likely than p times the most likely one (0 to 1)")
                value: root.settings.minP
                maximum: 1
                onEdited: v => root.settings.minP = v
            }
            NumberSetting {
                Layout.fillWidth: true
                label: qsTr("Repeat penalty")
                hint: qsTr("Above 1 discourages repeating recent tokens")
                value: root.settings.repeatPenalty
                maximum: 3
                onEdited: v => root.settings.repeatPenalty = v
            }
            NumberSetting {
                Layout.fillWidth: true
                label: qsTr("Maximum answer length (tokens)")
                hint: qsTr("Empty: until the model stops or the context is full")
                value: root.settings.maxTokens
                minimum: 1
                maximum: 1000000
                integer: true
                onEdited: v => root.settings.maxTokens = v
            }
            Button {
                text: qsTr("Use the model's recommendations")
                Accessible.name: text
                Accessible.description: qsTr("Clear all sampling fields")
                onClicked: root.settings.resetSampling()
            }

            Label {
                text: qsTr("Model and hardware")
                font.pointSize: Theme.fontSizeTitle
                font.weight: Font.DemiBold
                Accessible.role: Accessible.Heading
            }
            RowLayout {
                Label {
                    Layout.preferredWidth: 180
                    text: qsTr("Context length")
                }
                SpinBox {
                    objectName: "contextLengthBox"
                    from: 256
                    to: 131072
                    stepSize: 256
                    editable: true
                    value: root.settings.contextLength
                    Accessible.name: qsTr("Context length")
                    Accessible.description: qsTr("Tokens the model can see at once; applies when a model is next opened")
                    onValueModified: root.settings.contextLength = value
                }
            }
            RowLayout {
                Label {
                    Layout.preferredWidth: 180
                    text: qsTr("GPU")
                }
                ComboBox {
                    objectName: "gpuBox"
                    Layout.fillWidth: true
                    // Entries: automatic, each Vulkan device (index = device index), CPU only.
                    model: [qsTr("Choose automatically")].concat(root.settings.gpuNames)
                                                          .concat([qsTr("CPU only (much slower)")])
                    currentIndex: root.settings.gpuIndex === -2 ? root.settings.gpuNames.length + 1
                                                                : root.settings.gpuIndex + 1
                    Accessible.name: qsTr("GPU")
                    Accessible.description: qsTr("The Vulkan device that will run models")
                    onActivated: index => root.settings.gpuIndex =
                                 index === root.settings.gpuNames.length + 1 ? -2 : index - 1
                }
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("Applies when a model is next opened. A model the GPU cannot run (too big, or an architecture Ponder does not run on Vulkan yet) runs on the CPU, and Ponder says so.")
                color: Theme.textMuted
                wrapMode: Text.Wrap
            }

            Label {
                text: qsTr("Appearance")
                font.pointSize: Theme.fontSizeTitle
                font.weight: Font.DemiBold
                Accessible.role: Accessible.Heading
            }
            RowLayout {
                Label {
                    Layout.preferredWidth: 180
                    text: qsTr("Theme")
                }
                ComboBox {
                    objectName: "themeBox"
                    Layout.fillWidth: true
                    model: [qsTr("Follow the system"), qsTr("Light"), qsTr("Dark")]
                    currentIndex: root.settings.colorScheme
                    Accessible.name: qsTr("Theme")
                    onActivated: index => root.settings.colorScheme = index
                }
            }
            CheckBox {
                objectName: "keepReasoningOpenBox"
                text: qsTr("Keep the reasoning open after the answer starts")
                checked: root.settings.keepReasoningOpen
                Accessible.name: text
                Accessible.description: qsTr("Otherwise it folds into one line, which a click opens again")
                onToggled: root.settings.keepReasoningOpen = checked
            }
            RowLayout {
                Label {
                    Layout.preferredWidth: 180
                    text: qsTr("Language")
                }
                ComboBox {
                    id: languageBox

                    objectName: "languageBox"
                    Layout.fillWidth: true
                    model: root.settings.languages()
                    textRole: "name"
                    valueRole: "code"
                    Accessible.name: qsTr("Language")
                    Accessible.description: qsTr("Changes the language of Ponder at once")
                    Component.onCompleted: currentIndex = indexOfValue(root.settings.language)
                    onActivated: root.settings.language = currentValue
                }
            }

            Label {
                text: qsTr("About Ponder")
                font.pointSize: Theme.fontSizeTitle
                font.weight: Font.DemiBold
                Accessible.role: Accessible.Heading
            }
            Label {
                id: aboutText

                objectName: "aboutText"
                Layout.fillWidth: true
                text: qsTr("Version %1 (git %2)\nQt %3\nVulkan %4\nGPU: %5")
                      .arg(AppInfo.version).arg(AppInfo.gitRevision).arg(AppInfo.qtVersion)
                      .arg(AppInfo.vulkanVersion !== "" ? AppInfo.vulkanVersion : qsTr("not available"))
                      .arg(root.settings.gpuInUse !== "" ? root.settings.gpuInUse : qsTr("looking for devices…"))
                textFormat: Text.PlainText
                wrapMode: Text.Wrap
                Accessible.role: Accessible.StaticText
                Accessible.name: text
            }
        }
    }
}
