// MessageListModel under QAbstractItemModelTester: the active branch, rows appended as
// messages arrive, streaming as dataChanged on one row, branch switching with "1/2" info.
#include "message_list_model.h"
#include "storage_test_util.h"
#include "streaming_writer.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

class TestMessageModel : public QObject {
    Q_OBJECT

    std::unique_ptr<StorageFixture> f;
    std::unique_ptr<MessageListModel> model;
    std::unique_ptr<QAbstractItemModelTester> tester;
    qint64 m_conv = 0, m_q = 0, m_a = 0;

    QVariant at(int row, int role) const { return model->data(model->index(row), role); }
    QStringList contents() const {
        QStringList out;
        for (int r = 0; r < model->rowCount(); ++r)
            out << at(r, MessageListModel::ContentRole).toString();
        return out;
    }
    qint64 add(qint64 parent, const QString& role, const QString& text,
               MessageState state = MessageState::Complete) {
        NewMessage m = newMessage(m_conv, parent, role, text);
        m.state = state;
        return f->store.appendMessage(m).value();
    }

private slots:
    void init() {
        f = std::make_unique<StorageFixture>();
        QVERIFY(f->isOk());
        m_conv = f->store.createConversation(QStringLiteral("c")).value();
        m_q = add(0, QStringLiteral("user"), QStringLiteral("question"));
        m_a = add(m_q, QStringLiteral("assistant"), QStringLiteral("answer"));
        model = std::make_unique<MessageListModel>();
        tester = std::make_unique<QAbstractItemModelTester>(
            model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        model->setStore(&f->store);
        model->setConversationId(m_conv);
    }
    void cleanup() {
        tester.reset();
        model.reset();
        f.reset();
    }

    void showsTheActiveBranchWithAllRoles() {
        QCOMPARE(contents(), (QStringList{"question", "answer"}));
        const QHash<int, QByteArray> names = model->roleNames();
        for (const char* role :
             {"id", "role", "content", "reasoning", "state", "promptTokens", "completionTokens",
              "reasoningMs", "generationMs", "tokensPerSecond", "siblingIndex", "siblingCount"})
            QVERIFY2(names.values().contains(role), role);
        QCOMPARE(at(0, MessageListModel::RoleRole).toString(), QStringLiteral("user"));
        QCOMPARE(at(1, MessageListModel::IdRole).toLongLong(), m_a);
        QCOMPARE(at(1, MessageListModel::StateRole).toString(), QStringLiteral("complete"));
        QCOMPARE(at(1, MessageListModel::SiblingIndexRole).toInt(), 1);
        QCOMPARE(at(1, MessageListModel::SiblingCountRole).toInt(), 1);
    }

    void streamsIntoOneRowWithoutResets() {
        QSignalSpy resets(model.get(), &QAbstractItemModel::modelReset);
        QSignalSpy inserts(model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy removes(model.get(), &QAbstractItemModel::rowsRemoved);
        QSignalSpy changes(model.get(), &QAbstractItemModel::dataChanged);

        const qint64 q2 = add(m_a, QStringLiteral("user"), QStringLiteral("more?"));
        const qint64 a2 = add(q2, QStringLiteral("assistant"), QString(), MessageState::Streaming);
        QCOMPARE(inserts.size(), 2);
        QCOMPARE(model->rowCount(), 4);
        QCOMPARE(at(3, MessageListModel::StateRole).toString(), QStringLiteral("streaming"));

        StreamingWriter writer(f->store, a2);
        connect(&writer, &StreamingWriter::deltaAppended, model.get(), &MessageListModel::applyDelta);
        changes.clear();
        writer.appendReasoning(QStringLiteral("hmm "));
        writer.appendContent(QStringLiteral("Sure"));
        writer.appendContent(QStringLiteral(", here"));
        // Shown at once, before any flush, each as a change of that row only.
        QCOMPARE(at(3, MessageListModel::ContentRole).toString(), QStringLiteral("Sure, here"));
        QCOMPARE(at(3, MessageListModel::ReasoningRole).toString(), QStringLiteral("hmm "));
        QCOMPARE(changes.size(), 3);
        for (const QList<QVariant>& c : changes) {
            QCOMPARE(c.value(0).toModelIndex().row(), 3);
            QCOMPARE(c.value(1).toModelIndex().row(), 3);
        }
        QVERIFY(changes[0].value(2).value<QList<int>>().contains(MessageListModel::ReasoningRole));
        QVERIFY(changes[1].value(2).value<QList<int>>().contains(MessageListModel::ContentRole));

        // The flush re-reads the row: same text, so no extra change; finish changes the state.
        changes.clear();
        QVERIFY(writer.flush().isOk());
        QCOMPARE(changes.size(), 0);
        MessagePatch stats;
        stats.completionTokens = 3;
        QVERIFY(writer.finish(stats).isOk());
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes[0].value(0).toModelIndex().row(), 3);
        const QList<int> roles = changes[0].value(2).value<QList<int>>();
        QVERIFY(roles.contains(MessageListModel::StateRole));
        QVERIFY(roles.contains(MessageListModel::CompletionTokensRole));
        QVERIFY(!roles.contains(MessageListModel::ContentRole));
        QCOMPARE(at(3, MessageListModel::StateRole).toString(), QStringLiteral("complete"));
        QCOMPARE(at(3, MessageListModel::CompletionTokensRole).toLongLong(), qint64(3));
        QVERIFY(at(3, MessageListModel::GenerationMsRole).toLongLong() >= 0);

        QCOMPARE(resets.size(), 0);
        QCOMPARE(removes.size(), 0);
        QCOMPARE(inserts.size(), 2);
    }

    void updatesWithoutAppliedDeltasToo() {
        // A view that is not connected to the writer still sees every flush.
        const qint64 a2 = add(m_a, QStringLiteral("assistant"), QString(), MessageState::Streaming);
        StreamingWriter writer(f->store, a2);
        writer.appendContent(QStringLiteral("flushed text"));
        QCOMPARE(at(2, MessageListModel::ContentRole).toString(), QString());
        QVERIFY(writer.flush().isOk());
        QCOMPARE(at(2, MessageListModel::ContentRole).toString(), QStringLiteral("flushed text"));
    }

    void regenerateAndSwitchBranches() {
        QSignalSpy resets(model.get(), &QAbstractItemModel::modelReset);
        const qint64 a1b = add(m_q, QStringLiteral("assistant"), QStringLiteral("better answer"));
        QCOMPARE(contents(), (QStringList{"question", "better answer"}));
        QCOMPARE(at(1, MessageListModel::IdRole).toLongLong(), a1b);
        QCOMPARE(at(1, MessageListModel::SiblingIndexRole).toInt(), 2);
        QCOMPARE(at(1, MessageListModel::SiblingCountRole).toInt(), 2);

        QVERIFY(model->selectSibling(1, -1));
        QCOMPARE(contents(), (QStringList{"question", "answer"}));
        QCOMPARE(at(1, MessageListModel::SiblingIndexRole).toInt(), 1);
        QCOMPARE(at(1, MessageListModel::SiblingCountRole).toInt(), 2);
        QVERIFY(!model->selectSibling(1, -1));  // no sibling before the first
        QVERIFY(!model->selectSibling(7, 1));   // no such row

        // A follow-up under the first answer, then back to the second: the tail goes with it.
        add(m_a, QStringLiteral("user"), QStringLiteral("follow-up"));
        QCOMPARE(contents(), (QStringList{"question", "answer", "follow-up"}));
        QVERIFY(model->selectSibling(1, +1));
        QCOMPARE(contents(), (QStringList{"question", "better answer"}));
        QVERIFY(model->selectSibling(1, -1));
        QCOMPARE(contents(), (QStringList{"question", "answer", "follow-up"}));
        QCOMPARE(resets.size(), 0);
    }

    void switchingConversationsAndIgnoringOthers() {
        const qint64 other = f->store.createConversation(QStringLiteral("other")).value();
        QSignalSpy inserts(model.get(), &QAbstractItemModel::rowsInserted);
        QVERIFY(
            f->store.appendMessage(newMessage(other, 0, QStringLiteral("user"), QStringLiteral("elsewhere")))
                .isOk());
        QCOMPARE(inserts.size(), 0);
        model->setConversationId(other);
        QCOMPARE(contents(), QStringList{"elsewhere"});
        model->setConversationId(0);
        QCOMPARE(model->rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestMessageModel)
#include "tst_message_model.moc"
