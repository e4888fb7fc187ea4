import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Ponder
import Ponder.Core

// The main window: the chat list on the left, the conversation on the right, dialogs for
// settings and the model, the undo snackbar and the keyboard shortcuts.
ApplicationWindow {
    id: window

    // Created by main.cpp (or a test) on the data folder and passed in as an initial property.
    required property ChatController controller

    function openCatalog() {
        modelPanel.close()
        catalogDialog.open()
    }

    objectName: "mainWindow"
    width: 1100
    height: 720
    minimumWidth: 640
    minimumHeight: 420
    visible: true
    title: controller.currentTitle !== "" ? qsTr("%1 – Ponder").arg(controller.currentTitle) : qsTr("Ponder")
    color: Theme.window

    // The Basic style colours its controls from the palette; feeding it the Theme keeps the
    // parts we do not draw ourselves (tooltips, scroll bars, menus) in the same scheme.
    palette.window: Theme.window
    palette.windowText: Theme.text
    palette.base: Theme.surface
    palette.text: Theme.text
    palette.button: Theme.surface
    palette.buttonText: Theme.text
    palette.highlight: Theme.accent
    palette.highlightedText: Theme.accentText
    palette.placeholderText: Theme.placeholder
    palette.toolTipBase: Theme.dark ? "#30343a" : "#2b2f36"
    palette.toolTipText: "#f2f3f5"
    palette.mid: Theme.border
    palette.dark: Theme.textMuted
    palette.disabled.text: Theme.textDisabled
    palette.disabled.buttonText: Theme.textDisabled
    palette.disabled.windowText: Theme.textDisabled

    Binding {
        target: Theme
        property: "colorScheme"
        value: window.controller.settings.colorScheme
    }

    Shortcut {
        sequence: "Ctrl+N"
        onActivated: {
            window.controller.newChat()
            chatView.focusInput()
        }
    }
    Shortcut {
        sequence: "Ctrl+K"
        onActivated: sidebar.focusSearch()
    }
    Shortcut {
        sequence: "Esc"
        enabled: window.controller.generating
        onActivated: window.controller.stop()
    }
    Shortcut {
        sequence: "Ctrl+,"
        onActivated: settingsDialog.open()
    }
    Shortcut {
        sequence: "Ctrl+O"
        onActivated: modelFileDialog.open()
    }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        Sidebar {
            id: sidebar

            objectName: "sidebar"
            Layout.preferredWidth: Theme.sidebarWidth
            Layout.fillHeight: true
            controller: window.controller
            onNewChatRequested: {
                window.controller.newChat()
                chatView.focusInput()
            }
            onSettingsRequested: settingsDialog.open()
            onImportRequested: importDialog.open()
            onDocumentsRequested: documentsDialog.open()
            onExportRequested: (id, title, format) => {
                exportDialog.conversationId = id
                exportDialog.format = format
                exportDialog.selectedFile = title.replace(/[\\/:*?"<>|]/g, "_")
                                            + (format === "json" ? ".json" : ".md")
                exportDialog.open()
            }
        }

        Separator {
            vertical: true
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 0

            NoticeBar {
                objectName: "noticeBar"
                Layout.fillWidth: true
                text: window.controller.notice
                onDismissed: window.controller.dismissNotice()
            }

            ChatView {
                id: chatView

                objectName: "chatView"
                Layout.fillWidth: true
                Layout.fillHeight: true
                controller: window.controller
                onOpenModelRequested: modelFileDialog.open()
                onModelInfoRequested: modelPanel.open()
                onDocumentsRequested: documentsDialog.open()
                onCitationRequested: citation => citationPanel.show(citation)
            }
        }
    }

    Snackbar {
        objectName: "undoSnackbar"
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Theme.spacingXxl * 3
        visible: window.controller.undoConversationId !== 0
        text: qsTr("Chat “%1” deleted").arg(window.controller.undoTitle)
        actionText: qsTr("Undo")
        actionHint: qsTr("Restore the deleted chat")
        onActionTriggered: window.controller.undoDelete()
        onDismissed: window.controller.dismissUndo()
    }

    DocumentsDialog {
        id: documentsDialog

        objectName: "documentsDialog"
        documents: window.controller.documents
    }

    CitationPanel {
        id: citationPanel

        objectName: "citationPanel"
    }

    SettingsDialog {
        id: settingsDialog

        settings: window.controller.settings
    }

    ModelPanel {
        id: modelPanel

        model: window.controller.model
        settings: window.controller.settings
        onOpenModelRequested: {
            close()
            modelFileDialog.open()
        }
        onCatalogRequested: window.openCatalog()
    }

    // Created here so that downloads go on while the catalog is closed; it asks the engine
    // for the GPU once, off the UI thread, and touches the network only on Download.
    DownloadManager {
        id: downloads

        modelsDir: window.controller.modelsDir
        contextLength: window.controller.settings.contextLength
        // "Fits your GPU" is about the GPU chosen in the settings.
        gpuChoice: window.controller.settings.gpuIndex
        gpuChoiceName: window.controller.settings.gpuName
    }

    CatalogDialog {
        id: catalogDialog

        objectName: "catalogDialog"
        downloads: downloads
        onOpenRequested: path => {
            close()
            window.controller.model.open(path)
        }
    }

    FileDialog {
        id: modelFileDialog

        title: qsTr("Open a model")
        nameFilters: [qsTr("GGUF models (*.gguf)"), qsTr("All files (*)")]
        onAccepted: window.controller.model.open(selectedFile)
    }

    FileDialog {
        id: exportDialog

        property var conversationId: 0
        property string format: "markdown"

        title: qsTr("Export chat")
        fileMode: FileDialog.SaveFile
        nameFilters: format === "json" ? [qsTr("JSON (*.json)")] : [qsTr("Markdown (*.md)")]
        onAccepted: window.controller.exportChat(conversationId, selectedFile, format)
    }

    FileDialog {
        id: importDialog

        title: qsTr("Import a chat")
        nameFilters: [qsTr("Ponder chat export (*.json)")]
        onAccepted: window.controller.importChat(selectedFile)
    }
}
