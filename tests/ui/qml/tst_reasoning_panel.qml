import QtQuick
import QtTest
import Ponder

// The reasoning panel: open while the model thinks, folded to a summary afterwards, a click
// reopens it; the summary says how long and how many tokens.
Item {
    id: root

    width: 640
    height: 480

    Component {
        id: panelComponent

        ReasoningPanel {
            width: 560
            steps: ["The user wants a greeting.", "Step 1: notice they said hello."]
        }
    }

    TestCase {
        name: "ReasoningPanel"
        when: windowShown

        function stepsBox(panel) {
            return findChild(panel, "reasoningSteps")
        }

        function test_openWhileThinkingThenFolds() {
            const panel = createTemporaryObject(panelComponent, root, { thinking: true })
            verify(panel.expanded)
            verify(stepsBox(panel).visible)
            compare(panel.summary, "Thinking…")
            panel.thinking = false
            panel.reasoningMs = 12400
            panel.reasoningTokens = 640
            verify(!panel.expanded)
            verify(!stepsBox(panel).visible)
            compare(panel.summary, "Thought for 12 s, 640 tokens")
        }

        function test_clickReopens() {
            const panel = createTemporaryObject(panelComponent, root, { reasoningMs: 2500 })
            verify(!panel.expanded)
            compare(panel.summary, "Thought for 2.5 s")
            mouseClick(findChild(panel, "reasoningHeader"))
            verify(panel.expanded)
            verify(stepsBox(panel).visible)
            mouseClick(findChild(panel, "reasoningHeader"))
            verify(!panel.expanded)
        }

        function test_shortThinkingInMilliseconds() {
            const panel = createTemporaryObject(panelComponent, root, { reasoningMs: 80, reasoningTokens: 4 })
            compare(panel.summary, "Thought for 80 ms, 4 tokens")
        }

        function test_keepOpenSetting() {
            const panel = createTemporaryObject(panelComponent, root, { keepOpen: true, reasoningMs: 1000 })
            verify(panel.expanded)
        }
    }
}
