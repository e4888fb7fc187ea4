import QtQuick
import QtTest
import Ponder

// The input box: Send follows the text and the readiness, Ctrl+Enter sends, Enter adds a line.
Item {
    id: root

    width: 640
    height: 320

    Component {
        id: boxComponent

        InputBox {
            width: 560
        }
    }

    Component {
        id: spyComponent

        SignalSpy {
            signalName: "sendRequested"
        }
    }

    TestCase {
        name: "InputBox"
        when: windowShown

        function makeBox(ready) {
            const box = createTemporaryObject(boxComponent, root, { ready: ready })
            verify(box, "InputBox could not be created")
            const spy = createTemporaryObject(spyComponent, root, { target: box })
            box.textArea.forceActiveFocus()
            return { box: box, spy: spy }
        }

        function test_sendDisabledWithoutModel() {
            const t = makeBox(false)
            t.box.text = "hello"
            verify(!t.box.canSend)
            verify(!t.box.sendButton.enabled)
        }

        function test_sendFollowsText() {
            const t = makeBox(true)
            verify(!t.box.sendButton.enabled, "empty box must not send")
            t.box.text = "hi"
            verify(t.box.sendButton.enabled)
            t.box.text = "  \n\t"
            verify(!t.box.sendButton.enabled, "whitespace alone must not send")
            t.box.text = ""
            verify(!t.box.sendButton.enabled)
        }

        function test_ctrlEnterSends() {
            const t = makeBox(true)
            keyClick(Qt.Key_H)
            keyClick(Qt.Key_I)
            compare(t.box.text, "hi")
            keyClick(Qt.Key_Return, Qt.ControlModifier)
            compare(t.spy.count, 1)
            compare(t.spy.signalArguments[0][0], "hi")
            compare(t.box.text, "", "the box empties after sending")
        }

        function test_ctrlEnterWithoutModelKeepsText() {
            const t = makeBox(false)
            keyClick(Qt.Key_A)
            keyClick(Qt.Key_Return, Qt.ControlModifier)
            compare(t.spy.count, 0)
            compare(t.box.text, "a", "no stray line break, nothing lost")
        }

        function test_enterAddsLine() {
            const t = makeBox(true)
            keyClick(Qt.Key_A)
            keyClick(Qt.Key_Return)
            compare(t.box.text, "a\n")
            compare(t.spy.count, 0)
        }

        function test_clickSend() {
            const t = makeBox(true)
            t.box.text = "click"
            mouseClick(t.box.sendButton)
            compare(t.spy.count, 1)
            compare(t.spy.signalArguments[0][0], "click")
        }

        function test_stopWhileGenerating() {
            const t = makeBox(true)
            const stops = createTemporaryObject(spyComponent, root, { target: t.box, signalName: "stopRequested" })
            t.box.generating = true
            t.box.text = "next question"
            compare(t.box.sendButton.text, "Stop")
            verify(t.box.sendButton.enabled, "Stop works even with text in the box")
            keyClick(Qt.Key_Return, Qt.ControlModifier)
            compare(t.spy.count, 0, "no second message while one is answered")
            compare(t.box.text, "next question", "the draft is kept")
            mouseClick(t.box.sendButton)
            compare(stops.count, 1)
            compare(t.spy.count, 0)
            t.box.generating = false
            compare(t.box.sendButton.text, "Send")
        }

        function test_accessibleNames() {
            const t = makeBox(false)
            compare(t.box.sendButton.Accessible.name, "Send")
            compare(t.box.textArea.Accessible.name, "Message")
            verify(t.box.sendButton.Accessible.description.length > 0,
                   "a disabled Send says why")
        }
    }
}
