import QtQuick
import QtQuick.Layouts
import Ponder

// An answer's text: its segments (cut in C++, see app/chat/markdown_segments.h) each drawn
// by the delegate that fits: Markdown prose, a highlighted code block, or display math.
ColumnLayout {
    id: root

    property var segments: []
    // The answer's citations (maps with number, fileName, page...): each [n] of the prose
    // becomes a link that opens its passage.
    property var citations: []

    signal citationActivated(var citation)

    function linkCitations(text) {
        if (citations.length === 0)
            return text
        return text.replace(/\[(\d+)\]/g, (match, n) => citations.some(c => c.number === Number(n))
                            ? "[\\[" + n + "\\]](ponder-cite:" + n + ")" : match)
    }

    function openLink(link) {
        if (link.startsWith("ponder-cite:")) {
            const n = Number(link.substring(12))
            const c = citations.find(x => x.number === n)
            if (c)
                citationActivated(c)
        } else {
            Qt.openUrlExternally(link)
        }
    }

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
                    objectName: "proseText"
                    text: root.linkCitations(modelData.text)
                    textFormat: TextEdit.MarkdownText
                    readOnly: true
                    selectByMouse: true
                    wrapMode: TextEdit.Wrap
                    color: Theme.text
                    selectionColor: Theme.selection
                    font.pointSize: Theme.fontSizeBody
                    Accessible.role: Accessible.StaticText
                    Accessible.name: modelData.text
                    onLinkActivated: link => root.openLink(link)

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
