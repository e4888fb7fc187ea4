/// @brief The chat app's controller: the store, the inference service, the list models, actions.
#pragma once

#include <QtQml/qqmlregistration.h>
#include <QObject>
#include <QTimer>

#include <memory>

// Full types: moc registers the property types with QMetaType.
#include "app_settings.h"
#include "conversation_list_model.h"
#include "documents_controller.h"
#include "message_list_model.h"
#include "model_manager.h"

class Database;
class InferenceService;
class StreamingWriter;
struct GenerationStats;

/// Created by the composition root (main.cpp, tests) on a data folder and handed to the QML
/// window as its `controller` property. Opens the database there (a damaged file is set aside
/// and `notice` says so), recovers answers a crash left streaming, purges the trash after
/// 30 days. One generation runs at a time; its stream always goes into its own conversation's
/// row, whichever chat is shown.
class ChatController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The app creates the controller and passes it to the window.")
    Q_PROPERTY(bool ready READ ready CONSTANT)
    Q_PROPERTY(ConversationListModel* conversations READ conversations CONSTANT)
    Q_PROPERTY(MessageListModel* messages READ messages CONSTANT)
    Q_PROPERTY(ModelManager* model READ model CONSTANT)
    Q_PROPERTY(AppSettings* settings READ settings CONSTANT)
    /// Collections, their documents, which ones this chat answers from, citations.
    Q_PROPERTY(DocumentsController* documents READ documents CONSTANT)
    /// Where the model catalog downloads to and looks for models: <data dir>/models.
    Q_PROPERTY(QString modelsDir READ modelsDir CONSTANT)
    Q_PROPERTY(qint64 currentConversationId READ currentConversationId NOTIFY currentConversationChanged)
    Q_PROPERTY(QString currentTitle READ currentTitle NOTIFY currentConversationChanged)
    Q_PROPERTY(QString systemPrompt READ systemPrompt WRITE setSystemPrompt NOTIFY systemPromptChanged)
    Q_PROPERTY(bool generating READ generating NOTIFY generatingChanged)
    Q_PROPERTY(qint64 generatingConversationId READ generatingConversationId NOTIFY generatingChanged)
    Q_PROPERTY(qint64 streamingMessageId READ streamingMessageId NOTIFY generatingChanged)
    /// The answer waits for the passages of the chat's documents (before the model starts).
    Q_PROPERTY(bool searchingDocuments READ searchingDocuments NOTIFY generatingChanged)
    /// Something the user should read (startup problems, refused actions, errors); empty: none.
    Q_PROPERTY(QString notice READ notice NOTIFY noticeChanged)
    /// The conversation that was just deleted and can still be restored; 0: none.
    Q_PROPERTY(qint64 undoConversationId READ undoConversationId NOTIFY undoChanged)
    Q_PROPERTY(QString undoTitle READ undoTitle NOTIFY undoChanged)

public:
    static constexpr int kUndoMs = 8000;
    static constexpr int kTrashDays = 30;

    explicit ChatController(const QString& dataDir, QObject* parent = nullptr);
    ~ChatController() override;

    bool ready() const { return m_ready; }
    ConversationListModel* conversations() const { return m_conversations; }
    MessageListModel* messages() const { return m_messages; }
    ModelManager* model() const { return m_model; }
    AppSettings* settings() const { return m_settings; }
    DocumentsController* documents() const { return m_documents; }
    ConversationStore* store() const { return m_store.get(); }
    qint64 currentConversationId() const { return m_current; }
    QString currentTitle() const;
    QString systemPrompt() const;
    void setSystemPrompt(const QString& prompt);
    bool generating() const;
    qint64 generatingConversationId() const;
    qint64 streamingMessageId() const;
    bool searchingDocuments() const;
    QString notice() const { return m_notice; }
    QString modelsDir() const { return m_modelsDir; }
    qint64 undoConversationId() const { return m_undoId; }
    QString undoTitle() const { return m_undoTitle; }
    /// Milliseconds the worker pauses after each token (end-to-end tests only; 0 normally).
    void setTokenDelayForTests(int ms) { m_tokenDelayMs = ms; }

    /// An empty chat: the conversation is created by the first send (no empty chats pile up).
    Q_INVOKABLE void newChat();
    Q_INVOKABLE void selectChat(qint64 conversationId);
    /// Appends the user's message and starts the answer. False (and a notice) when refused.
    Q_INVOKABLE bool send(const QString& text);
    /// Stops the running answer; what was written so far stays, marked cancelled.
    Q_INVOKABLE void stop();
    /// A new answer beside @p assistantMessageId (the old one stays a sibling).
    Q_INVOKABLE bool regenerate(qint64 assistantMessageId);
    /// A new user message beside @p userMessageId with @p text, answered afresh.
    Q_INVOKABLE bool editAndResend(qint64 userMessageId, const QString& text);
    /// Shows the previous (-1) or next (+1) sibling of the message at @p row.
    Q_INVOKABLE bool switchBranch(int row, int offset);
    Q_INVOKABLE bool rename(qint64 conversationId, const QString& title);
    Q_INVOKABLE bool setPinned(qint64 conversationId, bool pinned);
    /// To the trash, restorable for kUndoMs through undoDelete() (and from the trash until
    /// the purge).
    Q_INVOKABLE bool deleteChat(qint64 conversationId);
    Q_INVOKABLE bool undoDelete();
    /// Hides the undo offer; the chat stays in the trash.
    Q_INVOKABLE void dismissUndo() { clearUndo(); }
    Q_INVOKABLE void setSearchText(const QString& text);
    /// Writes the conversation to @p fileUrl as "markdown" or "json".
    Q_INVOKABLE bool exportChat(qint64 conversationId, const QString& fileUrl, const QString& format);
    /// Reads a JSON export and opens it as a new chat.
    Q_INVOKABLE bool importChat(const QString& fileUrl);
    Q_INVOKABLE void dismissNotice();
    /// The reasoning text cut into the steps the panel lists (engine's splitReasoningSteps).
    Q_INVOKABLE static QStringList reasoningSteps(const QString& reasoning);

signals:
    void currentConversationChanged();
    void systemPromptChanged();
    void generatingChanged();
    void noticeChanged();
    void undoChanged();
    /// The view should scroll to this message (a search hit was opened).
    void revealMessage(qint64 messageId);
    /// A generation ended (finished, stopped or failed) for @p messageId.
    void answerEnded(qint64 messageId);

private:
    struct Run;
    bool startAnswer(qint64 conversationId, qint64 parentId);
    /// Starts the answer's generation from the run's prompt.
    void generate();
    void onDocumentsContext(quint64 requestId, const DocsContext& docs, const QString& error);
    bool refuseWhileBusy();
    void setCurrent(qint64 conversationId);
    void setNotice(const QString& text);
    bool check(const Status& status);
    void onReasoning(quint64 requestId, const QString& text);
    void onAnswer(quint64 requestId, const QString& text);
    void onFinished(quint64 requestId, const GenerationStats& stats);
    void onFailed(quint64 requestId, const QString& message);
    void endRun();
    void clearUndo();

    // Order matters: the run's writer flushes into the store when destroyed, so it is
    // declared (and destroyed) after the database and store.
    std::unique_ptr<Database> m_db;
    std::unique_ptr<ConversationStore> m_store;
    AppSettings* m_settings = nullptr;
    InferenceService* m_service = nullptr;
    ModelManager* m_model = nullptr;
    DocumentsController* m_documents = nullptr;
    ConversationListModel* m_conversations = nullptr;
    MessageListModel* m_messages = nullptr;
    QString m_modelsDir;
    std::unique_ptr<Run> m_run;
    bool m_ready = false;
    qint64 m_current = 0;
    QString m_draftSystemPrompt;
    QString m_notice;
    qint64 m_undoId = 0;
    QString m_undoTitle;
    QTimer m_undoTimer;
    int m_tokenDelayMs = 0;
};
