#include "chat_controller.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QUrl>

#include "app_settings.h"
#include "chat_log.h"
#include "conversation_export.h"
#include "conversation_import.h"
#include "database.h"
#include "inference_service.h"
#include "message_tree.h"
#include "model_manager.h"
#include "ponder/reasoning_parser.h"
#include "streaming_writer.h"

/// The one generation in flight: which request, which row, and the writer batching its text.
struct ChatController::Run {
    quint64 requestId = 0;      // the generation; 0 while the documents are searched
    quint64 docsRequestId = 0;  // the document search in flight; 0 when none
    qint64 conversationId = 0;
    qint64 messageId = 0;
    QList<PromptMessage> prompt;  // kept until the passages are in
    std::unique_ptr<StreamingWriter> writer;
};

namespace {

QString localPath(const QString& fileUrl) {
    const QUrl url(fileUrl);
    return url.isLocalFile() ? url.toLocalFile() : fileUrl;
}

// The first line of the first message, shortened: what people scan the sidebar for.
QString titleFrom(const QString& text) {
    QString line = text.trimmed().section(QLatin1Char('\n'), 0, 0).simplified();
    if (line.size() > 60) line = line.left(57).trimmed() + QStringLiteral("…");
    return line.isEmpty() ? ChatController::tr("New chat") : line;
}

}  // namespace

ChatController::ChatController(const QString& dataDir, QObject* parent)
    : QObject(parent),
      m_db(std::make_unique<Database>(dataDir)),
      m_settings(new AppSettings(dataDir, this)),
      m_service(new InferenceService(this)),
      m_conversations(new ConversationListModel(this)),
      m_messages(new MessageListModel(this)),
      m_modelsDir(QDir(dataDir).filePath(QStringLiteral("models"))) {
    m_model = new ModelManager(*m_service, *m_settings, this);
    // Running on the CPU when the GPU was wanted is slow enough that the user must know why.
    connect(m_model, &ModelManager::modelLoaded, this, [this] {
        if (!m_model->deviceNote().isEmpty())
            setNotice(tr("%1 runs on the CPU, which is much slower than a GPU. %2")
                          .arg(m_model->name(), m_model->deviceNote()));
    });
    const Result<OpenReport> opened = m_db->open();
    if (!opened) {
        // Too new or unopenable: the app still starts, says why, and keeps the file untouched.
        setNotice(opened.error().message());
        qCWarning(lcChat) << "database not opened:" << opened.error().message();
    } else {
        m_ready = true;
        setNotice(opened.value().userMessage());
        m_store = std::make_unique<ConversationStore>(*m_db);
        const Result<int> recovered = m_store->recoverInterruptedMessages();
        if (recovered && recovered.value() > 0) qCInfo(lcChat) << "recovered" << recovered.value() << "answers";
        const Result<int> purged = m_store->purgeDeleted(kTrashDays);
        if (purged && purged.value() > 0) qCInfo(lcChat) << "purged" << purged.value() << "conversations";
        m_conversations->setStore(m_store.get());
        m_messages->setStore(m_store.get());
    }
    m_documents = new DocumentsController(dataDir, m_ready ? m_db.get() : nullptr, this);
    connect(m_documents, &DocumentsController::contextReady, this, &ChatController::onDocumentsContext);
    m_undoTimer.setSingleShot(true);
    m_undoTimer.setInterval(kUndoMs);
    connect(&m_undoTimer, &QTimer::timeout, this, &ChatController::clearUndo);

    connect(m_service, &InferenceService::reasoningDelta, this, &ChatController::onReasoning);
    connect(m_service, &InferenceService::answerDelta, this, &ChatController::onAnswer);
    connect(m_service, &InferenceService::generationFinished, this, &ChatController::onFinished);
    connect(m_service, &InferenceService::generationFailed, this, &ChatController::onFailed);
    if (m_store) {
        connect(m_store.get(), &ConversationStore::conversationChanged, this, [this](qint64 id) {
            if (id == m_current) emit currentConversationChanged();
        });
    }
}

ChatController::~ChatController() {
    // Closing mid-answer keeps the text as a stopped answer, not a crash to recover from.
    if (m_run) {
        m_service->cancel();
        m_run->writer->cancel();
        m_run.reset();
    }
}

QString ChatController::currentTitle() const {
    if (!m_store || m_current == 0) return {};
    const Result<Conversation> c = m_store->conversation(m_current);
    return c ? c.value().title : QString();
}

QString ChatController::systemPrompt() const {
    if (!m_store || m_current == 0) return m_draftSystemPrompt;
    const Result<Conversation> c = m_store->conversation(m_current);
    return c ? c.value().systemPrompt : QString();
}

void ChatController::setSystemPrompt(const QString& prompt) {
    if (prompt == systemPrompt()) return;
    if (m_current == 0)
        m_draftSystemPrompt = prompt;
    else if (!check(m_store->setSystemPrompt(m_current, prompt)))
        return;
    emit systemPromptChanged();
}

bool ChatController::generating() const { return m_run != nullptr; }
qint64 ChatController::generatingConversationId() const { return m_run ? m_run->conversationId : 0; }
qint64 ChatController::streamingMessageId() const { return m_run ? m_run->messageId : 0; }

void ChatController::setCurrent(qint64 conversationId) {
    if (conversationId == m_current) return;
    m_current = conversationId;
    m_messages->setConversationId(conversationId);
    emit currentConversationChanged();
    emit systemPromptChanged();
}

void ChatController::newChat() {
    m_draftSystemPrompt.clear();
    setCurrent(0);
}

void ChatController::selectChat(qint64 conversationId) {
    if (!m_store) return;
    setCurrent(conversationId);
    // A search hit names the message that matched: scroll there.
    const int row = m_conversations->rowOf(conversationId);
    if (row >= 0) {
        const QModelIndex index = m_conversations->index(row);
        const qint64 messageId = index.data(ConversationListModel::MessageIdRole).toLongLong();
        if (messageId > 0) emit revealMessage(messageId);
    }
}

bool ChatController::refuseWhileBusy() {
    if (!m_store) {
        setNotice(tr("The chat history could not be opened, so nothing can be saved."));
        return true;
    }
    if (m_run) {
        setNotice(tr("Ponder is still answering. Stop the answer or wait for it to finish."));
        return true;
    }
    if (!m_model->loaded()) {
        setNotice(m_model->loading() ? tr("The model is still loading.") : tr("Open a model first."));
        return true;
    }
    return false;
}

bool ChatController::send(const QString& text) {
    const QString message = text.trimmed();
    if (message.isEmpty() || refuseWhileBusy()) return false;
    qint64 conversationId = m_current;
    qint64 parentId = 0;
    const Status stored = m_store->transaction([&]() -> Status {
        if (conversationId == 0) {
            Result<qint64> created = m_store->createConversation(titleFrom(message), m_draftSystemPrompt, m_model->path());
            if (!created) return created.error();
            conversationId = created.value();
        } else {
            const Result<qint64> leaf = MessageTree(*m_db).activeLeaf(conversationId);
            if (!leaf) return leaf.error();
            parentId = leaf.value();
        }
        NewMessage user;
        user.conversationId = conversationId;
        user.parentId = parentId;
        user.role = QStringLiteral("user");
        user.content = message;
        const Result<qint64> added = m_store->appendMessage(user);
        if (!added) return added.error();
        parentId = added.value();
        return {};
    });
    if (!check(stored)) return false;
    m_draftSystemPrompt.clear();
    m_documents->adoptDraft(conversationId);
    setCurrent(conversationId);
    return startAnswer(conversationId, parentId);
}

bool ChatController::startAnswer(qint64 conversationId, qint64 parentId) {
    const Result<Conversation> conversation = m_store->conversation(conversationId);
    const Result<QList<Message>> path = MessageTree(*m_db).pathTo(parentId);
    if (!check(conversation.isOk() ? Status() : conversation.error()) || !check(path.isOk() ? Status() : path.error()))
        return false;
    QList<PromptMessage> prompt;
    if (!conversation.value().systemPrompt.trimmed().isEmpty())
        prompt.append({PromptMessage::Role::System, conversation.value().systemPrompt, {}});
    for (const Message& m : path.value()) {
        if (m.role == QLatin1String("user")) {
            prompt.append({PromptMessage::Role::User, m.content, {}});
        } else if (m.role == QLatin1String("assistant") && !m.content.isEmpty()) {
            // The template decides whether earlier reasoning goes back into the prompt.
            prompt.append({PromptMessage::Role::Assistant, m.content, m.reasoning});
        }
    }
    NewMessage answer;
    answer.conversationId = conversationId;
    answer.parentId = parentId;
    answer.role = QStringLiteral("assistant");
    answer.model = m_model->name();
    answer.state = MessageState::Streaming;
    const Result<qint64> added = m_store->appendMessage(answer);
    if (!check(added.isOk() ? Status() : added.error())) return false;

    m_run = std::make_unique<Run>();
    m_run->conversationId = conversationId;
    m_run->messageId = added.value();
    m_run->writer = std::make_unique<StreamingWriter>(*m_store, added.value());
    // The visible list shows text at once; the store gets it every 250 ms. applyDelta ignores
    // messages not shown, so another selected chat is never touched.
    connect(m_run->writer.get(), &StreamingWriter::deltaAppended, m_messages, &MessageListModel::applyDelta);
    connect(m_run->writer.get(), &StreamingWriter::writeFailed, this,
            [this](qint64, const QString& message) { setNotice(message); });
    // With documents attached, the passages come first, from the retrieval thread; the
    // answer's row already shows that Ponder is searching.
    if (!prompt.isEmpty() && prompt.last().role == PromptMessage::Role::User) {
        // A third of the context for passages leaves room for the history and the answer.
        m_run->docsRequestId =
            m_documents->requestContext(conversationId, prompt.last().content, m_settings->contextLength() / 3);
    }
    m_run->prompt = std::move(prompt);
    if (m_run->docsRequestId == 0) generate();
    emit generatingChanged();
    return true;
}

void ChatController::generate() {
    GenerationSettings settings = m_settings->generationSettings();
    settings.tokenDelayMs = m_tokenDelayMs;
    m_run->requestId = m_service->generate(m_run->prompt, settings);
    m_run->prompt.clear();
    qCInfo(lcChat) << "generation" << m_run->requestId << "into message" << m_run->messageId;
}

void ChatController::onDocumentsContext(quint64 requestId, const DocsContext& docs, const QString& error) {
    if (!m_run || m_run->docsRequestId != requestId) return;  // stopped or deleted meanwhile
    m_run->docsRequestId = 0;
    if (!error.isEmpty()) {
        check(m_run->writer->fail(error));
        setNotice(error);
        endRun();
        return;
    }
    if (docs.nothingFound) {
        // Said by Ponder, not the model: with no passage to stand on it would invent one.
        m_run->writer->appendContent(docs.message);
        check(m_run->writer->finish());
        endRun();
        return;
    }
    if (!docs.citations.isEmpty()) check(m_documents->saveCitations(m_run->messageId, docs.citations));
    if (!docs.promptAddition.isEmpty()) {
        PromptMessage& question = m_run->prompt.last();
        question.content = docs.promptAddition + QStringLiteral("\nQuestion: ") + question.content;
    }
    generate();
    emit generatingChanged();
}

void ChatController::stop() {
    if (!m_run) return;
    if (m_run->docsRequestId == 0) {
        m_service->cancel();
        return;
    }
    // Still searching: no generation to cancel; the empty answer is kept as stopped.
    check(m_run->writer->cancel());
    endRun();
}

bool ChatController::searchingDocuments() const { return m_run && m_run->docsRequestId != 0; }

bool ChatController::regenerate(qint64 assistantMessageId) {
    if (refuseWhileBusy()) return false;
    const Result<Message> old = m_store->message(assistantMessageId);
    if (!check(old.isOk() ? Status() : old.error())) return false;
    if (old.value().role != QLatin1String("assistant")) return false;
    return startAnswer(old.value().conversationId, old.value().parentId);
}

bool ChatController::editAndResend(qint64 userMessageId, const QString& text) {
    const QString message = text.trimmed();
    if (message.isEmpty() || refuseWhileBusy()) return false;
    const Result<Message> old = m_store->message(userMessageId);
    if (!check(old.isOk() ? Status() : old.error())) return false;
    if (old.value().role != QLatin1String("user")) return false;
    NewMessage edited;
    edited.conversationId = old.value().conversationId;
    edited.parentId = old.value().parentId;
    edited.role = QStringLiteral("user");
    edited.content = message;
    const Result<qint64> added = m_store->appendMessage(edited);
    if (!check(added.isOk() ? Status() : added.error())) return false;
    return startAnswer(edited.conversationId, added.value());
}

bool ChatController::switchBranch(int row, int offset) { return m_messages->selectSibling(row, offset); }

void ChatController::onReasoning(quint64 requestId, const QString& text) {
    if (m_run && m_run->requestId == requestId) m_run->writer->appendReasoning(text);
}

void ChatController::onAnswer(quint64 requestId, const QString& text) {
    if (m_run && m_run->requestId == requestId) m_run->writer->appendContent(text);
}

void ChatController::onFinished(quint64 requestId, const GenerationStats& stats) {
    if (!m_run || m_run->requestId != requestId) return;
    MessagePatch patch;
    patch.promptTokens = stats.promptTokens;
    patch.completionTokens = stats.generatedTokens;
    patch.generationMs = qint64(stats.totalSeconds * 1000);
    patch.tokensPerSecond = stats.tokensPerSecond;
    // The engine knows where the reasoning ended in generation time; the writer only sees
    // when the deltas arrived. Zero reasoning time stays unset so the writer's is used.
    if (stats.reasoningSeconds > 0) patch.reasoningMs = qint64(stats.reasoningSeconds * 1000);
    patch.reasoningTokens = stats.reasoningTokens;
    const bool cancelled = stats.stopReason == QLatin1String("cancelled");
    check(cancelled ? m_run->writer->cancel(patch) : m_run->writer->finish(patch));
    endRun();
}

void ChatController::onFailed(quint64 requestId, const QString& message) {
    if (!m_run || m_run->requestId != requestId) return;
    check(m_run->writer->fail(message));
    setNotice(message);
    endRun();
}

void ChatController::endRun() {
    const qint64 messageId = m_run->messageId;
    m_run.reset();
    emit generatingChanged();
    emit answerEnded(messageId);
}

bool ChatController::rename(qint64 conversationId, const QString& title) {
    if (!m_store || title.trimmed().isEmpty()) return false;
    return check(m_store->renameConversation(conversationId, title.trimmed()));
}

bool ChatController::setPinned(qint64 conversationId, bool pinned) {
    return m_store && check(m_store->setPinned(conversationId, pinned));
}

bool ChatController::deleteChat(qint64 conversationId) {
    if (!m_store) return false;
    if (m_run && m_run->conversationId == conversationId) stop();
    const Result<Conversation> c = m_store->conversation(conversationId);
    if (!check(m_store->softDeleteConversation(conversationId))) return false;
    m_undoId = conversationId;
    m_undoTitle = c ? c.value().title : QString();
    m_undoTimer.start();
    emit undoChanged();
    if (conversationId == m_current) newChat();
    return true;
}

bool ChatController::undoDelete() {
    if (!m_store || m_undoId == 0) return false;
    const qint64 id = m_undoId;
    clearUndo();
    if (!check(m_store->restoreConversation(id))) return false;
    setCurrent(id);
    return true;
}

void ChatController::clearUndo() {
    m_undoTimer.stop();
    if (m_undoId == 0) return;
    m_undoId = 0;
    m_undoTitle.clear();
    emit undoChanged();
}

void ChatController::setSearchText(const QString& text) { m_conversations->setSearchText(text); }

bool ChatController::exportChat(qint64 conversationId, const QString& fileUrl, const QString& format) {
    if (!m_store) return false;
    QByteArray bytes;
    if (format == QLatin1String("json")) {
        const Result<QByteArray> json = conversationexport::toJson(*m_store, conversationId);
        if (!check(json.isOk() ? Status() : json.error())) return false;
        bytes = json.value();
    } else {
        const Result<QString> md = conversationexport::toMarkdown(*m_store, conversationId);
        if (!check(md.isOk() ? Status() : md.error())) return false;
        bytes = md.value().toUtf8();
    }
    // QSaveFile: an export interrupted half way never leaves a truncated file behind.
    QSaveFile file(localPath(fileUrl));
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        setNotice(tr("The chat could not be exported: %1").arg(file.errorString()));
        return false;
    }
    return true;
}

bool ChatController::importChat(const QString& fileUrl) {
    if (!m_store) return false;
    QFile file(localPath(fileUrl));
    if (!file.open(QIODevice::ReadOnly)) {
        setNotice(tr("The file could not be opened: %1").arg(file.errorString()));
        return false;
    }
    if (file.size() > conversationimport::kMaxBytes) {
        setNotice(tr("The file is too large to be a Ponder chat export."));
        return false;
    }
    const Result<qint64> imported = conversationimport::fromJson(*m_store, file.readAll());
    if (!check(imported.isOk() ? Status() : imported.error())) return false;
    setCurrent(imported.value());
    return true;
}

void ChatController::dismissNotice() { setNotice({}); }

void ChatController::setNotice(const QString& text) {
    if (text == m_notice) return;
    m_notice = text;
    emit noticeChanged();
}

bool ChatController::check(const Status& status) {
    if (status) return true;
    qCWarning(lcChat) << status.error().message();
    setNotice(status.error().message());
    return false;
}

QStringList ChatController::reasoningSteps(const QString& reasoning) {
    QStringList steps;
    const QByteArray utf8 = reasoning.toUtf8();
    for (const std::string& s : ponder::splitReasoningSteps(std::string_view(utf8.constData(), size_t(utf8.size()))))
        steps << QString::fromStdString(s);
    return steps;
}
