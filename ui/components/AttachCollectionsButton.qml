import QtQuick
import QtQuick.Controls
import Ponder
import Ponder.Core

// Which collections this chat answers from: a menu of checkable collections (chosen before
// a new chat's first message too) and the way to the Documents view.
ActionButton {
    id: root

    required property DocumentsController documents
    // 0: a new chat not yet created; the choice is kept until its first message.
    property var conversationId: 0
    property var attached: []

    signal manageRequested()

    function refresh() {
        attached = documents.attachedCollections(conversationId)
    }

    text: attached.length > 0 ? qsTr("Documents: %1").arg(attached.length) : qsTr("Documents")
    hint: attached.length > 0 ? qsTr("This chat answers from %1 collections").arg(attached.length)
                              : qsTr("Attach document collections to this chat")
    onClicked: menu.popup()
    onConversationIdChanged: refresh()
    Component.onCompleted: refresh()

    Connections {
        target: root.documents

        function onAttachmentsChanged() {
            root.refresh()
        }
    }

    Menu {
        id: menu

        Instantiator {
            model: root.documents.collections

            delegate: MenuItem {
                required property var collectionId
                required property string name

                text: name
                checkable: true
                checked: root.attached.indexOf(collectionId) >= 0
                Accessible.name: qsTr("Answer from %1").arg(name)
                onTriggered: {
                    root.documents.setAttached(root.conversationId, collectionId, checked)
                    // Clicking broke the binding; the stored state is the truth.
                    checked = Qt.binding(() => root.attached.indexOf(collectionId) >= 0)
                }
            }
            onObjectAdded: (index, object) => menu.insertItem(index, object)
            onObjectRemoved: (index, object) => menu.removeItem(object)
        }

        MenuSeparator {}

        MenuItem {
            objectName: "manageDocumentsItem"
            text: qsTr("Manage documents…")
            Accessible.name: text
            onTriggered: root.manageRequested()
        }
    }
}
