import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Ponder

// The model's thinking: streams open, step by step, while the model reasons; folds into
// "Thought for 12 s, 640 tokens" once the answer begins, and opens again on a click.
ColumnLayout {
    id: root

    property var steps: []
    // True while reasoning still streams (the answer has not started yet).
    property bool thinking: false
    // Stay open after the answer begins (a setting); a click still decides.
    property bool keepOpen: false
    property real reasoningMs: 0
    property int reasoningTokens: 0
    // A click decides from then on; until then the panel is open exactly while thinking.
    property bool userToggled: false
    property bool userExpanded: false
    readonly property bool expanded: userToggled ? userExpanded : thinking || keepOpen

    function toggle() {
        userExpanded = !expanded
        userToggled = true
    }

    spacing: Theme.spacingXs

    readonly property string summary: {
        if (thinking)
            return qsTr("Thinking…")
        // Milliseconds below a second, tenths below ten: "1 s" for 80 ms would not be true.
        if (reasoningMs > 0 && reasoningMs < 1000)
            return reasoningTokens > 0 ? qsTr("Thought for %1 ms, %2 tokens").arg(Math.round(reasoningMs)).arg(reasoningTokens)
                                       : qsTr("Thought for %1 ms").arg(Math.round(reasoningMs))
        const seconds = reasoningMs < 10000 ? (reasoningMs / 1000).toFixed(1) : Math.round(reasoningMs / 1000)
        if (reasoningMs > 0 && reasoningTokens > 0)
            return qsTr("Thought for %1 s, %2 tokens").arg(seconds).arg(reasoningTokens)
        if (reasoningMs > 0)
            return qsTr("Thought for %1 s").arg(seconds)
        return qsTr("Reasoning")
    }

    AbstractButton {
        id: header

        objectName: "reasoningHeader"
        Layout.fillWidth: true
        implicitHeight: headerRow.implicitHeight + Theme.spacingSm
        focusPolicy: Qt.StrongFocus
        Accessible.role: Accessible.Button
        Accessible.name: root.summary
        Accessible.description: root.expanded ? qsTr("Hide the model's reasoning")
                                              : qsTr("Show the model's reasoning step by step")
        onClicked: root.toggle()

        RowLayout {
            id: headerRow

            anchors.verticalCenter: parent.verticalCenter
            spacing: Theme.spacingSm

            BusyIndicator {
                visible: root.thinking
                running: root.thinking
                Layout.preferredWidth: 18
                Layout.preferredHeight: 18
            }

            Text {
                text: (root.expanded ? "▾ " : "▸ ") + root.summary
                color: header.visualFocus ? Theme.accent : Theme.textMuted
                font.pointSize: Theme.fontSizeSmall
                font.weight: Font.Medium
            }
        }
    }

    Rectangle {
        objectName: "reasoningSteps"
        Layout.fillWidth: true
        visible: root.expanded && root.steps.length > 0
        implicitHeight: stepsColumn.implicitHeight + 2 * Theme.spacingMd
        radius: Theme.radiusSm
        color: Theme.reasoningBackground
        border.width: 1
        border.color: Theme.separator
        Accessible.role: Accessible.List
        Accessible.name: qsTr("Reasoning steps")

        ColumnLayout {
            id: stepsColumn

            anchors.fill: parent
            anchors.margins: Theme.spacingMd
            spacing: Theme.spacingSm

            Repeater {
                model: root.steps

                RowLayout {
                    required property string modelData
                    required property int index

                    Layout.fillWidth: true
                    spacing: Theme.spacingSm
                    Accessible.role: Accessible.ListItem
                    Accessible.name: qsTr("Step %1: %2").arg(index + 1).arg(modelData)

                    Rectangle {
                        Layout.alignment: Qt.AlignTop
                        implicitWidth: 20
                        implicitHeight: 20
                        radius: 10
                        color: Theme.surfaceHover

                        Text {
                            anchors.centerIn: parent
                            text: index + 1
                            color: Theme.textMuted
                            font.pointSize: Theme.fontSizeSmall * 0.9
                        }
                    }

                    TextEdit {
                        Layout.fillWidth: true
                        text: modelData
                        readOnly: true
                        selectByMouse: true
                        wrapMode: TextEdit.Wrap
                        textFormat: TextEdit.PlainText
                        color: Theme.textMuted
                        selectionColor: Theme.selection
                        font.pointSize: Theme.fontSizeSmall
                    }
                }
            }
        }
    }
}
