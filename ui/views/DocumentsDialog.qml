import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Ponder
import Ponder.Core

// Documents: collections on the left (create, delete), the selected collection's files on
// the right with their indexing state, Add files / Add folder, overall progress. Indexing
// runs in the background; closing the dialog does not stop it.
Dialog {
    id: root

    required property DocumentsController documents
    readonly property DocumentLibrary library: documents.library

    title: qsTr("Documents")
    modal: true
    standardButtons: Dialog.Close
    width: Math.min(parent ? parent.width - 2 * Theme.spacingXxl : 900, 900)
    height: Math.min(parent ? parent.height - 2 * Theme.spacingXxl : 640, 640)
    anchors.centerIn: parent

    RowLayout {
        anchors.fill: parent
        spacing: Theme.spacingLg

        ColumnLayout {
            Layout.preferredWidth: 240
            Layout.fillHeight: true
            spacing: Theme.spacingSm

            Label {
                text: qsTr("Collections")
                font.weight: Font.DemiBold
                Accessible.role: Accessible.Heading
                Accessible.name: text
            }

            ListView {
                id: collectionList

                objectName: "collectionList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: root.documents.collections
                currentIndex: root.documents.collections.rowOf(root.documents.currentCollectionId)
                Accessible.role: Accessible.List
                Accessible.name: qsTr("Collections")

                delegate: ItemDelegate {
                    required property var collectionId
                    required property string name
                    required property int documents
                    required property int failed
                    required property string embeddingModel
                    required property int chunks
                    required property int embedded

                    width: collectionList.width
                    highlighted: ListView.isCurrentItem
                    text: failed > 0 ? qsTr("%1 (%2 files, %3 skipped)").arg(name).arg(documents).arg(failed)
                                     : qsTr("%1 (%2 files)").arg(name).arg(documents)
                    Accessible.name: text
                    onClicked: root.documents.currentCollectionId = collectionId
                }

                EmptyState {
                    anchors.centerIn: parent
                    width: parent.width - 2 * Theme.spacingSm
                    visible: collectionList.count === 0
                    title: qsTr("No collections yet")
                    body: qsTr("Create one, add files or folders, then attach it to a chat.")
                }
            }

            RowLayout {
                Layout.fillWidth: true

                TextField {
                    id: newName

                    objectName: "newCollectionName"
                    Layout.fillWidth: true
                    placeholderText: qsTr("New collection")
                    Accessible.name: qsTr("Name of the new collection")
                    onAccepted: createButton.clicked()
                }

                Button {
                    id: createButton

                    objectName: "createCollectionButton"
                    text: qsTr("Create")
                    enabled: newName.text.trim() !== ""
                    Accessible.name: qsTr("Create the collection")
                    onClicked: if (root.documents.createCollection(newName.text) > 0) newName.text = ""
                }
            }

            Button {
                objectName: "deleteCollectionButton"
                Layout.fillWidth: true
                text: qsTr("Delete collection…")
                enabled: root.documents.currentCollectionId > 0
                Accessible.name: qsTr("Delete the selected collection")
                onClicked: confirmDelete.open()
            }
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.spacingSm

            RowLayout {
                Layout.fillWidth: true

                Label {
                    Layout.fillWidth: true
                    text: qsTr("Files")
                    font.weight: Font.DemiBold
                    Accessible.role: Accessible.Heading
                    Accessible.name: text
                }

                Button {
                    objectName: "addFilesButton"
                    text: qsTr("Add files…")
                    enabled: root.documents.currentCollectionId > 0
                    Accessible.name: qsTr("Add files to the collection")
                    onClicked: filesDialog.open()
                }

                Button {
                    objectName: "addFolderButton"
                    text: qsTr("Add folder…")
                    enabled: root.documents.currentCollectionId > 0
                    Accessible.name: qsTr("Add a folder to the collection; it is watched for changes")
                    onClicked: folderDialog.open()
                }
            }

            // Search by meaning: the collection's embedding model, if any.
            RowLayout {
                readonly property var current: collectionList.currentItem
                readonly property string model: current ? current.embeddingModel : ""

                Layout.fillWidth: true
                visible: current !== null

                Label {
                    objectName: "embeddingModelLabel"
                    Layout.fillWidth: true
                    elide: Text.ElideMiddle
                    color: Theme.textMuted
                    text: parent.model === ""
                          ? qsTr("Search by words only. An embedding model (Qwen3-Embedding GGUF) also finds passages by meaning.")
                          : qsTr("Search by words and meaning: %1 (%2 of %3 passages embedded)")
                                .arg(parent.model.split("/").pop()).arg(parent.current.embedded).arg(parent.current.chunks)
                    wrapMode: Text.Wrap
                    Accessible.name: text
                }

                Button {
                    objectName: "chooseEmbeddingModelButton"
                    text: parent.model === "" ? qsTr("Choose embedding model…") : qsTr("Change…")
                    Accessible.name: qsTr("Choose the embedding model of the collection; its files are indexed again")
                    onClicked: embeddingDialog.open()
                }

                Button {
                    objectName: "clearEmbeddingModelButton"
                    visible: parent.model !== ""
                    text: qsTr("Words only")
                    Accessible.name: qsTr("Stop using the embedding model for this collection")
                    onClicked: root.documents.setEmbeddingModel(root.documents.currentCollectionId, "")
                }
            }

            ColumnLayout {
                Layout.fillWidth: true
                visible: root.library !== null && root.library.indexing

                Label {
                    Layout.fillWidth: true
                    text: root.library ? qsTr("Indexing: %1 of %2 files").arg(root.library.filesDone)
                                                                        .arg(root.library.filesTotal) : ""
                    color: Theme.textMuted
                }

                ProgressBar {
                    objectName: "indexProgress"
                    Layout.fillWidth: true
                    from: 0
                    to: root.library ? Math.max(1, root.library.filesTotal) : 1
                    value: root.library ? root.library.filesDone : 0
                    Accessible.name: qsTr("Indexing progress")
                }
            }

            ListView {
                id: documentList

                objectName: "documentList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: root.documents.documents
                Accessible.role: Accessible.List
                Accessible.name: qsTr("Files of the collection")
                ScrollBar.vertical: ScrollBar {}

                delegate: DocumentRow {
                    width: documentList.width
                    onRemoveRequested: id => root.documents.removeDocument(id)
                }

                EmptyState {
                    anchors.centerIn: parent
                    width: parent.width - 2 * Theme.spacingSm
                    visible: documentList.count === 0 && root.documents.currentCollectionId > 0
                    title: qsTr("No files yet")
                    body: qsTr("Text, Markdown, HTML, source code and PDF files can be added.")
                }
            }

            Label {
                objectName: "documentsError"
                Layout.fillWidth: true
                visible: text !== ""
                text: root.documents.error
                color: Theme.danger
                wrapMode: Text.Wrap
                Accessible.role: Accessible.AlertMessage
                Accessible.name: text
            }
        }
    }

    FileDialog {
        id: filesDialog

        title: qsTr("Add files")
        fileMode: FileDialog.OpenFiles
        nameFilters: [qsTr("Documents (*.txt *.md *.markdown *.html *.htm *.pdf)"), qsTr("All files (*)")]
        onAccepted: root.documents.addUrls(root.documents.currentCollectionId, selectedFiles)
    }

    FileDialog {
        id: embeddingDialog

        title: qsTr("Choose an embedding model")
        fileMode: FileDialog.OpenFile
        nameFilters: [qsTr("GGUF models (*.gguf)")]
        onAccepted: root.documents.setEmbeddingModel(root.documents.currentCollectionId, selectedFile)
    }

    FolderDialog {
        id: folderDialog

        title: qsTr("Add a folder")
        onAccepted: root.documents.addUrls(root.documents.currentCollectionId, [selectedFolder])
    }

    Dialog {
        id: confirmDelete

        title: qsTr("Delete collection")
        modal: true
        // A fixed width: the wrapping label would otherwise size the dialog that sizes it.
        width: Math.min(root.width, 420)
        anchors.centerIn: parent
        standardButtons: Dialog.Ok | Dialog.Cancel
        onAccepted: root.documents.removeCollection(root.documents.currentCollectionId)

        Label {
            text: qsTr("Delete the collection and its index? The files themselves stay where they are.")
            wrapMode: Text.Wrap
        }
    }
}
