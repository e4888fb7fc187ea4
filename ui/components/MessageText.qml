import QtQuick
import QtQuick.Layouts
import Ponder

// An answer's text: its segments (cut in C++, see app/chat/markdown_segments.h) each drawn
// by the delegate that fits: Markdown prose, a highlighted code block, or display math.
ColumnLayout {
    id: root

    property var segments: []

    spacing: Theme.spacingSm

    Repeater {
        model: root.segments

        delegate: Loader {
            required property var modelData

            Layout.fillWidth: true
            sourceComponent: modelData.kind === "code" ? codeComponent
                           : modelData.kind === "math" ? mathComponent : proseComponent

            Component {
                id: proseComponent

                TextEdit {
                    text: modelData.text
                    textFormat: TextEdit.MarkdownText
                    readOnly: true
                    selectByMouse: true
                    wrapMode: TextEdit.Wrap
                    color: Theme.text
                    selectionColor: Theme.selection
                    font.pointSize: Theme.fontSizeBody
                    Accessible.role: Accessible.StaticText
                    Accessible.name: modelData.text
                    onLinkActivated: link => Qt.openUrlExternally(link)

                    HoverHandler {
                        enabled: parent.hoveredLink !== ""
                        cursorShape: Qt.PointingHandCursor
                    }
                }
            }

            Component {
                id: codeComponent

                CodeBlock {
                    code: modelData.text
                    language: modelData.language
                }
            }

            Component {
                id: mathComponent

                // Formulas as their LaTeX source in monospace: legible, copyable, honest.
                Rectangle {
                    implicitHeight: math.implicitHeight + 2 * Theme.spacingSm
                    radius: Theme.radiusSm
                    color: Theme.codeBackground
                    Accessible.role: Accessible.StaticText
                    Accessible.name: qsTr("Formula: %1").arg(modelData.text)

                    TextEdit {
                        id: math

                        anchors.fill: parent
                        anchors.margins: Theme.spacingSm
                        text: modelData.text
                        readOnly: true
                        selectByMouse: true
                        wrapMode: TextEdit.WrapAnywhere
                        horizontalAlignment: TextEdit.AlignHCenter
                        color: Theme.text
                        font.family: Theme.monospaceFamily
                        font.pointSize: Theme.fontSizeBody
                    }
                }
            }
        }
    }
}
