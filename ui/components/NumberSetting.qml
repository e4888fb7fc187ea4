import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Ponder

// A labelled number field for a setting where empty means "the model's recommendation"
// (stored as -1).
RowLayout {
    id: root

    property string label
    property string hint
    property real value: -1
    property real minimum: 0
    property real maximum: 100
    property bool integer: false

    signal edited(real value)

    spacing: Theme.spacingMd

    Label {
        Layout.preferredWidth: 180
        text: root.label
        color: Theme.text
        font.pointSize: Theme.fontSizeBody
    }

    TextField {
        id: field

        Layout.fillWidth: true
        text: root.value < 0 ? "" : String(root.value)
        placeholderText: qsTr("Model default")
        inputMethodHints: Qt.ImhFormattedNumbersOnly
        validator: DoubleValidator {
            bottom: root.minimum
            top: root.maximum
            decimals: root.integer ? 0 : 3
            notation: DoubleValidator.StandardNotation
            locale: "C"
        }
        Accessible.name: root.label
        Accessible.description: root.hint
        onEditingFinished: root.edited(text === "" ? -1 : Number(text))
    }
}
