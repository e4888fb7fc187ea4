// The ChatController end to end below the QML: the scripted model (a real GGUF run by the
// real engine on the inference thread) answers; the store and the list models must show the
// streamed reasoning and answer, stops, siblings, branches, undo, search and a restart.
#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

#include "chat_controller.h"
#include "database.h"
#include "scripted_model.h"

namespace {

const QString kAnswer = QStringLiteral("Hello! I am Ponder's scripted test model, answering from a fixed script.");
const QString kReasoning = QStringLiteral(
    "The user wants a greeting.\n\nStep 1: notice they said hello.\n\nStep 2: answer warmly and briefly.");

QVariant cell(QAbstractItemModel* model, int row, int role) { return model->index(row, 0).data(role); }

}  // namespace

class TstChatController : public QObject {
    Q_OBJECT

    QTemporaryDir m_modelDir;
    QString m_model;

    // A controller on @p dir with the scripted model loaded; null (and a failed test) if not.
    std::unique_ptr<ChatController> open(const QString& dir, bool loadModel = true) {
        auto c = std::make_unique<ChatController>(dir);
        if (!loadModel) return c;
        c->settings()->setContextLength(512);
        QSignalSpy loaded(c->model(), &ModelManager::modelLoaded);
        c->model()->open(m_model);
        if (!loaded.wait(60000)) {
            qWarning() << "model did not load:" << c->model()->error();
            return nullptr;
        }
        return c;
    }

    static bool waitForAnswer(ChatController& c) {
        if (!c.generating()) return true;
        QSignalSpy ended(&c, &ChatController::answerEnded);
        return ended.wait(60000);
    }

    static int rowOfRole(MessageListModel* m, int nth, const QString& role) {
        for (int r = 0, seen = 0; r < m->count(); ++r)
            if (cell(m, r, MessageListModel::RoleRole).toString() == role && seen++ == nth) return r;
        return -1;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_modelDir.isValid());
        m_model = m_modelDir.filePath(QStringLiteral("scripted.gguf"));
        auto written = ponder::testgen::writeScriptedModel(m_model.toStdString());
        QVERIFY2(written.ok(), written.ok() ? "" : written.error().message.c_str());
    }

    void sendStreamsReasoningAndAnswer() {
        QTemporaryDir dir;
        auto c = open(dir.path());
        QVERIFY(c);
        QVERIFY(c->ready());
        QAbstractItemModelTester messagesTester(c->messages(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester listTester(c->conversations(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        // Streamed: the reasoning shows in the visible list before the answer is complete.
        bool reasoningSeenWhileStreaming = false;
        connect(c->messages(), &QAbstractItemModel::dataChanged, this,
                [&](const QModelIndex& tl, const QModelIndex&, const QList<int>& roles) {
                    if (roles.contains(MessageListModel::ReasoningRole) &&
                        tl.data(MessageListModel::StateRole).toString() == QLatin1String("streaming"))
                        reasoningSeenWhileStreaming = true;
                });
        QVERIFY(c->send(QStringLiteral("hello")));
        QVERIFY(c->generating());
        QVERIFY(c->currentConversationId() > 0);
        QCOMPARE(c->currentTitle(), QStringLiteral("hello"));
        QVERIFY(waitForAnswer(*c));
        QVERIFY(reasoningSeenWhileStreaming);

        MessageListModel* m = c->messages();
        QCOMPARE(m->count(), 2);
        QCOMPARE(cell(m, 0, MessageListModel::ContentRole).toString(), QStringLiteral("hello"));
        QCOMPARE(cell(m, 1, MessageListModel::ContentRole).toString(), kAnswer);
        QCOMPARE(cell(m, 1, MessageListModel::ReasoningRole).toString(), kReasoning);
        QCOMPARE(cell(m, 1, MessageListModel::StateRole).toString(), QStringLiteral("complete"));
        QVERIFY(cell(m, 1, MessageListModel::CompletionTokensRole).toLongLong() > 0);
        QVERIFY(cell(m, 1, MessageListModel::ReasoningTokensRole).toInt() > 0);
        QCOMPARE(cell(m, 1, MessageListModel::ReasoningStepsRole).toStringList().size(), 3);
        QCOMPARE(ChatController::reasoningSteps(kReasoning).value(1), QStringLiteral("Step 1: notice they said hello."));
        // The store holds the same text (the list is not ahead of the database).
        const qint64 id = cell(m, 1, MessageListModel::IdRole).toLongLong();
        const Result<Message> stored = c->store()->message(id);
        QVERIFY(stored);
        QCOMPARE(stored.value().content, kAnswer);
        QCOMPARE(stored.value().reasoning, kReasoning);
        QCOMPARE(stored.value().state, MessageState::Complete);
        // "Thought for N s, M tokens" survives a restart: both numbers are in the row.
        QCOMPARE(stored.value().stats.reasoningTokens, cell(m, 1, MessageListModel::ReasoningTokensRole).toLongLong());
        QVERIFY(stored.value().stats.reasoningMs >= 0);

        // A second turn continues the same conversation below the first answer.
        QVERIFY(c->send(QStringLiteral("again")));
        QVERIFY(waitForAnswer(*c));
        QCOMPARE(m->count(), 4);
        QCOMPARE(c->conversations()->count(), 1);
    }

    void refusesWithoutModelOrWhileBusy() {
        QTemporaryDir dir;
        auto c = open(dir.path(), false);
        QVERIFY(!c->send(QStringLiteral("hello")));
        QVERIFY(!c->notice().isEmpty());
        QCOMPARE(c->conversations()->count(), 0);
    }

    void stopLeavesCancelledPartialAnswer() {
        QTemporaryDir dir;
        auto c = open(dir.path());
        QVERIFY(c);
        c->setTokenDelayForTests(150);
        QVERIFY(c->send(QStringLiteral("hello")));
        MessageListModel* m = c->messages();
        QTRY_VERIFY_WITH_TIMEOUT(!cell(m, 1, MessageListModel::ContentRole).toString().isEmpty(), 30000);
        QVERIFY(!c->send(QStringLiteral("second")));  // one answer at a time
        c->stop();
        QVERIFY(waitForAnswer(*c));
        const QString partial = cell(m, 1, MessageListModel::ContentRole).toString();
        QCOMPARE(cell(m, 1, MessageListModel::StateRole).toString(), QStringLiteral("cancelled"));
        QVERIFY2(!partial.isEmpty() && partial.size() < kAnswer.size(), qPrintable(partial));
        QVERIFY(kAnswer.startsWith(partial));
        const Result<Message> stored = c->store()->message(cell(m, 1, MessageListModel::IdRole).toLongLong());
        QCOMPARE(stored.value().state, MessageState::Cancelled);
        QCOMPARE(stored.value().content, partial);
    }

    void regenerateEditAndBranches() {
        QTemporaryDir dir;
        auto c = open(dir.path());
        QVERIFY(c);
        QAbstractItemModelTester tester(c->messages(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        MessageListModel* m = c->messages();
        QVERIFY(c->send(QStringLiteral("hello")));
        QVERIFY(waitForAnswer(*c));
        const qint64 userId = cell(m, 0, MessageListModel::IdRole).toLongLong();
        const qint64 firstAnswer = cell(m, 1, MessageListModel::IdRole).toLongLong();

        QVERIFY(c->regenerate(firstAnswer));
        QVERIFY(waitForAnswer(*c));
        QCOMPARE(m->count(), 2);
        QVERIFY(cell(m, 1, MessageListModel::IdRole).toLongLong() != firstAnswer);
        QCOMPARE(cell(m, 1, MessageListModel::SiblingIndexRole).toInt(), 2);
        QCOMPARE(cell(m, 1, MessageListModel::SiblingCountRole).toInt(), 2);
        QVERIFY(c->switchBranch(1, -1));
        QCOMPARE(cell(m, 1, MessageListModel::IdRole).toLongLong(), firstAnswer);
        QVERIFY(!c->switchBranch(1, -1));  // no sibling before the first

        QVERIFY(c->editAndResend(userId, QStringLiteral("hello, edited")));
        QVERIFY(waitForAnswer(*c));
        QCOMPARE(m->count(), 2);
        QCOMPARE(cell(m, 0, MessageListModel::ContentRole).toString(), QStringLiteral("hello, edited"));
        QCOMPARE(cell(m, 0, MessageListModel::SiblingCountRole).toInt(), 2);
        QCOMPARE(cell(m, 1, MessageListModel::ContentRole).toString(), kAnswer);
        // Back to the original question: its answers (the first one selected last) come back.
        QVERIFY(c->switchBranch(0, -1));
        QCOMPARE(cell(m, 0, MessageListModel::IdRole).toLongLong(), userId);
        QCOMPARE(cell(m, 1, MessageListModel::IdRole).toLongLong(), firstAnswer);
        QCOMPARE(cell(m, 1, MessageListModel::SiblingCountRole).toInt(), 2);
    }

    void switchingChatsWhileGenerating() {
        QTemporaryDir dir;
        auto c = open(dir.path());
        QVERIFY(c);
        c->setTokenDelayForTests(60);
        QVERIFY(c->send(QStringLiteral("first chat")));
        const qint64 first = c->currentConversationId();
        c->newChat();
        QCOMPARE(c->messages()->count(), 0);
        QVERIFY(c->generating());
        QCOMPARE(c->generatingConversationId(), first);
        QVERIFY(waitForAnswer(*c));
        QCOMPARE(c->messages()->count(), 0);  // the shown (new) chat got nothing
        c->selectChat(first);
        QCOMPARE(c->messages()->count(), 2);
        QCOMPARE(cell(c->messages(), 1, MessageListModel::ContentRole).toString(), kAnswer);
    }

    void deleteWithUndo() {
        QTemporaryDir dir;
        auto c = open(dir.path());
        QVERIFY(c);
        QVERIFY(c->send(QStringLiteral("keep me")));
        QVERIFY(waitForAnswer(*c));
        const qint64 id = c->currentConversationId();
        QSignalSpy undo(c.get(), &ChatController::undoChanged);
        QVERIFY(c->deleteChat(id));
        QCOMPARE(c->conversations()->count(), 0);
        QCOMPARE(c->currentConversationId(), 0);
        QCOMPARE(c->undoConversationId(), id);
        QCOMPARE(c->undoTitle(), QStringLiteral("keep me"));
        QVERIFY(c->undoDelete());
        QCOMPARE(c->conversations()->count(), 1);
        QCOMPARE(c->currentConversationId(), id);
        QCOMPARE(c->messages()->count(), 2);
        QCOMPARE(c->undoConversationId(), 0);
        QVERIFY(!c->undoDelete());
        // Undo offered for kUndoMs only; the chat then stays in the trash.
        QVERIFY(c->deleteChat(id));
        QTRY_COMPARE_WITH_TIMEOUT(c->undoConversationId(), 0, ChatController::kUndoMs + 2000);
        QCOMPARE(c->conversations()->count(), 0);
    }

    void renamePinAndSearchFindsReasoning() {
        QTemporaryDir dir;
        auto c = open(dir.path());
        QVERIFY(c);
        QVERIFY(c->send(QStringLiteral("hello")));
        QVERIFY(waitForAnswer(*c));
        const qint64 id = c->currentConversationId();
        QVERIFY(c->rename(id, QStringLiteral("Greetings")));
        QCOMPARE(c->currentTitle(), QStringLiteral("Greetings"));
        QVERIFY(c->setPinned(id, true));
        c->setSearchText(QStringLiteral("warmly"));  // only in the reasoning
        QCOMPARE(c->conversations()->count(), 1);
        const QString snippet = cell(c->conversations(), 0, ConversationListModel::SnippetRole).toString();
        QVERIFY2(snippet.contains(QStringLiteral("<b>warmly</b>")), qPrintable(snippet));
        QSignalSpy reveal(c.get(), &ChatController::revealMessage);
        c->newChat();
        c->selectChat(id);
        QCOMPARE(c->currentConversationId(), id);
        QCOMPARE(reveal.size(), 1);
        c->setSearchText(QStringLiteral("nothing like this"));
        QCOMPARE(c->conversations()->count(), 0);
        c->setSearchText(QString());
        QCOMPARE(c->conversations()->count(), 1);
        QVERIFY(cell(c->conversations(), 0, ConversationListModel::PinnedRole).toBool());
    }

    void systemPromptExportImport() {
        QTemporaryDir dir;
        auto c = open(dir.path());
        QVERIFY(c);
        c->setSystemPrompt(QStringLiteral("Be brief."));
        QVERIFY(c->send(QStringLiteral("hello")));
        QVERIFY(waitForAnswer(*c));
        QCOMPARE(c->systemPrompt(), QStringLiteral("Be brief."));
        const qint64 id = c->currentConversationId();
        const QString md = dir.filePath(QStringLiteral("chat.md"));
        const QString json = dir.filePath(QStringLiteral("chat.json"));
        QVERIFY(c->exportChat(id, QUrl::fromLocalFile(md).toString(), QStringLiteral("markdown")));
        QVERIFY(c->exportChat(id, json, QStringLiteral("json")));
        QFile mdFile(md);
        QVERIFY(mdFile.open(QIODevice::ReadOnly));
        QVERIFY(QString::fromUtf8(mdFile.readAll()).contains(kAnswer));
        QVERIFY(c->importChat(QUrl::fromLocalFile(json).toString()));
        QVERIFY(c->currentConversationId() != id);
        QCOMPARE(c->conversations()->count(), 2);
        QCOMPARE(c->messages()->count(), 2);
        QCOMPARE(c->systemPrompt(), QStringLiteral("Be brief."));
        QVERIFY(!c->importChat(md));  // Markdown is not an import format
        QVERIFY(!c->notice().isEmpty());
    }

    void restartFindsEverything() {
        QTemporaryDir dir;
        qint64 id = 0;
        {
            auto c = open(dir.path());
            QVERIFY(c);
            QVERIFY(c->send(QStringLiteral("remember this")));
            QVERIFY(waitForAnswer(*c));
            QVERIFY(c->regenerate(cell(c->messages(), 1, MessageListModel::IdRole).toLongLong()));
            QVERIFY(waitForAnswer(*c));
            id = c->currentConversationId();
            c->settings()->setTemperature(0.5);
        }
        auto c = open(dir.path(), false);
        QCOMPARE(c->conversations()->count(), 1);
        QCOMPARE(cell(c->conversations(), 0, ConversationListModel::IdRole).toLongLong(), id);
        c->selectChat(id);
        MessageListModel* m = c->messages();
        QCOMPARE(m->count(), 2);
        QCOMPARE(cell(m, 0, MessageListModel::ContentRole).toString(), QStringLiteral("remember this"));
        QCOMPARE(cell(m, 1, MessageListModel::ContentRole).toString(), kAnswer);
        QCOMPARE(cell(m, 1, MessageListModel::ReasoningRole).toString(), kReasoning);
        QCOMPARE(cell(m, 1, MessageListModel::SiblingCountRole).toInt(), 2);
        QCOMPARE(c->settings()->temperature(), 0.5);
        QCOMPARE(c->settings()->recentModels().value(0), QFileInfo(m_model).absoluteFilePath());
    }

    void startupRecoversInterruptedAnswers() {
        QTemporaryDir dir;
        qint64 answer = 0;
        {
            Database db(dir.path());
            QVERIFY(db.open());
            ConversationStore store(db);
            const qint64 conv = store.createConversation(QStringLiteral("crashed")).value();
            NewMessage m{conv, 0, QStringLiteral("user"), QStringLiteral("hi")};
            const qint64 user = store.appendMessage(m).value();
            NewMessage a{conv, user, QStringLiteral("assistant"), QStringLiteral("partial")};
            a.state = MessageState::Streaming;
            answer = store.appendMessage(a).value();
        }
        auto c = open(dir.path(), false);
        const Result<Message> m = c->store()->message(answer);
        QVERIFY(m);
        QCOMPARE(m.value().state, MessageState::Error);
        QCOMPARE(m.value().content, QStringLiteral("partial"));
    }

    void damagedDatabaseIsReported() {
        QTemporaryDir dir;
        QFile f(dir.filePath(QString::fromLatin1(Database::kDefaultFileName)));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, 'x'));
        f.close();
        auto c = open(dir.path(), false);
        QVERIFY(c->ready());  // a fresh database took its place
        QVERIFY2(c->notice().contains(QStringLiteral("corrupt")), qPrintable(c->notice()));
    }

    void loadErrorIsASentence() {
        QTemporaryDir dir;
        auto c = open(dir.path(), false);
        QSignalSpy failed(c->model(), &ModelManager::loadFailed);
        c->model()->open(dir.filePath(QStringLiteral("missing.gguf")));
        QVERIFY(c->model()->loading());
        QVERIFY(failed.wait(20000));
        QVERIFY(!c->model()->loading());
        QVERIFY(!c->model()->loaded());
        QVERIFY2(c->model()->error().contains(QStringLiteral("could not be found")), qPrintable(c->model()->error()));
    }
};

QTEST_GUILESS_MAIN(TstChatController)
#include "tst_chat_controller.moc"
