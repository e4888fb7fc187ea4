// ConversationStore and MessageTree: conversations, trash, messages, branches, change signals.
#include "message_tree.h"
#include "storage_test_util.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

class TestStorage : public QObject {
    Q_OBJECT

    std::unique_ptr<StorageFixture> f;

    qint64 append(qint64 c, qint64 parent, const QString& role, const QString& text) {
        const Result<qint64> id = f->store.appendMessage(newMessage(c, parent, role, text));
        if (!id) qWarning() << id.error().message();
        return id ? id.value() : -1;
    }

    QStringList activeTexts(qint64 c) {
        QStringList texts;
        for (const PathMessage& p : MessageTree(f->db).activePath(c).value())
            texts << p.message.content;
        return texts;
    }

private slots:
    void init() {
        f = std::make_unique<StorageFixture>();
        QVERIFY2(f->isOk(), f->opened ? "" : qPrintable(f->opened.error().message()));
    }
    void cleanup() { f.reset(); }

    void createsAndEditsConversations() {
        const Result<qint64> id = f->store.createConversation(
            QStringLiteral("Hello"), QStringLiteral("Be brief."), QStringLiteral("/m/a.gguf"));
        QVERIFY(id.isOk());
        Conversation c = f->store.conversation(id.value()).value();
        QCOMPARE(c.title, QStringLiteral("Hello"));
        QCOMPARE(c.systemPrompt, QStringLiteral("Be brief."));
        QCOMPARE(c.modelPath, QStringLiteral("/m/a.gguf"));
        QVERIFY(!c.pinned);
        QVERIFY(c.created.isValid());
        QVERIFY(!c.deleted.isValid());

        QVERIFY(f->store.renameConversation(id.value(), QStringLiteral("Renamed")).isOk());
        QVERIFY(f->store.setSystemPrompt(id.value(), QStringLiteral("Be verbose.")).isOk());
        QVERIFY(f->store.setModelPath(id.value(), QStringLiteral("/m/b.gguf")).isOk());
        QVERIFY(f->store.setPinned(id.value(), true).isOk());
        c = f->store.conversation(id.value()).value();
        QCOMPARE(c.title, QStringLiteral("Renamed"));
        QCOMPARE(c.systemPrompt, QStringLiteral("Be verbose."));
        QCOMPARE(c.modelPath, QStringLiteral("/m/b.gguf"));
        QVERIFY(c.pinned);

        QCOMPARE(f->store.renameConversation(999, QStringLiteral("x")).error().code(),
                 StorageError::Code::NotFound);
        QCOMPARE(f->store.conversation(999).error().code(), StorageError::Code::NotFound);
    }

    void listsPinnedFirstThenMostRecentlyUpdated() {
        const qint64 a = f->store.createConversation(QStringLiteral("a")).value();
        QThread::msleep(2);
        const qint64 b = f->store.createConversation(QStringLiteral("b")).value();
        QThread::msleep(2);
        const qint64 c = f->store.createConversation(QStringLiteral("c")).value();
        auto order = [&] {
            QList<qint64> ids;
            const Result<QList<Conversation>> list = f->store.listConversations();
            if (!list) qWarning() << list.error().message();
            for (const Conversation& x : list.value())
                ids << x.id;
            return ids;
        };
        QCOMPARE(order(), (QList<qint64>{c, b, a}));
        QThread::msleep(2);
        append(a, 0, QStringLiteral("user"), QStringLiteral("activity moves a to the top"));
        QCOMPARE(order(), (QList<qint64>{a, c, b}));
        QVERIFY(f->store.setPinned(b, true).isOk());
        QCOMPARE(order(), (QList<qint64>{b, a, c}));
        // Renaming is not activity.
        QVERIFY(f->store.renameConversation(c, QStringLiteral("c2")).isOk());
        QCOMPARE(order(), (QList<qint64>{b, a, c}));
    }

    void deleteIsUndoableUntilPurged() {
        const qint64 keep = f->store.createConversation(QStringLiteral("keep")).value();
        const qint64 gone = f->store.createConversation(QStringLiteral("gone")).value();
        const qint64 m = append(gone, 0, QStringLiteral("user"), QStringLiteral("secret words"));
        QVERIFY(f->store.softDeleteConversation(gone).isOk());
        QCOMPARE(f->store.listConversations().value().size(), 1);
        QCOMPARE(f->store.listTrash().value().size(), 1);
        QVERIFY(f->store.conversation(gone).value().deleted.isValid());
        // A trashed conversation takes no new messages, and cannot be trashed twice.
        QCOMPARE(f->store.appendMessage(newMessage(gone, m, QStringLiteral("user"), QStringLiteral("x")))
                     .error()
                     .code(),
                 StorageError::Code::NotFound);
        QCOMPARE(f->store.softDeleteConversation(gone).error().code(), StorageError::Code::NotFound);

        QVERIFY(f->store.restoreConversation(gone).isOk());  // undo
        QCOMPARE(f->store.listConversations().value().size(), 2);
        QCOMPARE(f->store.restoreConversation(gone).error().code(), StorageError::Code::NotFound);

        QVERIFY(f->store.softDeleteConversation(gone).isOk());
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QCOMPARE(f->store.purgeDeleted(30, now.addDays(29)).value(), 0);  // not yet
        QVERIFY(f->store.conversation(gone).isOk());
        QCOMPARE(f->store.purgeDeleted(30, now.addDays(31)).value(), 1);
        QCOMPARE(f->store.conversation(gone).error().code(), StorageError::Code::NotFound);
        QCOMPARE(f->store.message(m).error().code(), StorageError::Code::NotFound);  // cascaded
        QVERIFY(f->store.conversation(keep).isOk());                                 // live ones stay
        QCOMPARE(sqlScalar(f->db, QStringLiteral("SELECT count(*) FROM messages")).toInt(), 0);
        QVERIFY(ftsConsistent(f->db, "messages_fts"));
        QVERIFY(ftsConsistent(f->db, "conversations_fts"));
    }

    void appendsAndUpdatesMessages() {
        const qint64 c = f->store.createConversation(QStringLiteral("c")).value();
        NewMessage n = newMessage(c, 0, QStringLiteral("assistant"), QString(), QString());
        n.state = MessageState::Streaming;
        n.model = QStringLiteral("qwen3");
        const qint64 id = f->store.appendMessage(n).value();
        Message m = f->store.message(id).value();
        QCOMPARE(m.state, MessageState::Streaming);
        QCOMPARE(m.model, QStringLiteral("qwen3"));
        QCOMPARE(m.parentId, qint64(0));

        MessagePatch patch;
        patch.content = QStringLiteral("Answer");
        patch.completionTokens = 42;
        patch.reasoningTokens = 17;
        patch.tokensPerSecond = 31.5;
        patch.state = MessageState::Complete;
        QVERIFY(f->store.updateMessage(id, patch).isOk());
        m = f->store.message(id).value();
        QCOMPARE(m.content, QStringLiteral("Answer"));
        QCOMPARE(m.reasoning, QString());  // untouched fields stay
        QCOMPARE(m.stats.completionTokens, qint64(42));
        QCOMPARE(m.stats.reasoningTokens, qint64(17));
        QCOMPARE(m.stats.tokensPerSecond, 31.5);
        QCOMPARE(m.state, MessageState::Complete);
        QCOMPARE(f->store.updateMessage(12345, patch).error().code(), StorageError::Code::NotFound);

        // Invalid appends are refused with a reason, not stored.
        QCOMPARE(f->store.appendMessage(newMessage(c, 0, QStringLiteral("wizard"), QStringLiteral("x")))
                     .error()
                     .code(),
                 StorageError::Code::InvalidArgument);
        const qint64 other = f->store.createConversation(QStringLiteral("other")).value();
        QCOMPARE(f->store.appendMessage(newMessage(other, id, QStringLiteral("user"), QStringLiteral("x")))
                     .error()
                     .code(),
                 StorageError::Code::InvalidArgument);
        QCOMPARE(f->store.appendMessage(newMessage(c, 777, QStringLiteral("user"), QStringLiteral("x")))
                     .error()
                     .code(),
                 StorageError::Code::NotFound);
        QCOMPARE(sqlScalar(f->db, QStringLiteral("SELECT count(*) FROM messages")).toInt(), 1);
    }

    void editAndRegenerateKeepTheOldBranch() {
        const qint64 c = f->store.createConversation(QStringLiteral("c")).value();
        const qint64 q1 = append(c, 0, QStringLiteral("user"), QStringLiteral("q1"));
        const qint64 a1 = append(c, q1, QStringLiteral("assistant"), QStringLiteral("a1"));
        const qint64 q2 = append(c, a1, QStringLiteral("user"), QStringLiteral("q2"));
        const qint64 a2 = append(c, q2, QStringLiteral("assistant"), QStringLiteral("a2"));
        QCOMPARE(activeTexts(c), (QStringList{"q1", "a1", "q2", "a2"}));
        MessageTree tree(f->db);
        QCOMPARE(tree.activeLeaf(c).value(), a2);

        // Regenerate a2: a sibling under q2 becomes active; a2 stays.
        const qint64 a2b = append(c, q2, QStringLiteral("assistant"), QStringLiteral("a2 again"));
        QCOMPARE(activeTexts(c), (QStringList{"q1", "a1", "q2", "a2 again"}));
        QCOMPARE(tree.children(c, q2).value().size(), 2);
        SiblingInfo info = tree.siblingInfo(a2b).value();
        QCOMPARE(info.index, 2);
        QCOMPARE(info.count, 2);
        QCOMPARE(info.siblingIds, (QList<qint64>{a2, a2b}));
        const QList<PathMessage> path = tree.activePath(c).value();
        QCOMPARE(path.last().siblingIndex, 2);
        QCOMPARE(path.last().siblingCount, 2);
        QCOMPARE(path.first().siblingCount, 1);

        // Edit q1: a new first message with its own answer; the whole old tree stays.
        const qint64 q1b = append(c, 0, QStringLiteral("user"), QStringLiteral("q1 edited"));
        append(c, q1b, QStringLiteral("assistant"), QStringLiteral("a1 for edit"));
        QCOMPARE(activeTexts(c), (QStringList{"q1 edited", "a1 for edit"}));
        QCOMPARE(tree.children(c, 0).value().size(), 2);
        QCOMPARE(tree.siblingInfo(q1).value().index, 1);

        // Going back to the first q1 restores the branch below it as it was last shown.
        QVERIFY(f->store.selectBranch(q1).isOk());
        QCOMPARE(activeTexts(c), (QStringList{"q1", "a1", "q2", "a2 again"}));
        // Selecting a deep message selects its ancestors too.
        QVERIFY(f->store.selectBranch(q1b).isOk());
        QVERIFY(f->store.selectBranch(a2).isOk());
        QCOMPARE(activeTexts(c), (QStringList{"q1", "a1", "q2", "a2"}));

        QList<qint64> ids;
        for (const Message& m : tree.pathTo(a2b).value())
            ids << m.id;
        QCOMPARE(ids, (QList<qint64>{q1, a1, q2, a2b}));
        QCOMPARE(tree.allMessages(c).value().size(), 7);
        QCOMPARE(tree.siblingInfo(4242).error().code(), StorageError::Code::NotFound);
    }

    void emptyConversationHasEmptyPath() {
        const qint64 c = f->store.createConversation(QStringLiteral("empty")).value();
        QVERIFY(MessageTree(f->db).activePath(c).value().isEmpty());
        QCOMPARE(MessageTree(f->db).activeLeaf(c).value(), qint64(0));
    }

    void recoversAnswersInterruptedByACrash() {
        const qint64 c = f->store.createConversation(QStringLiteral("c")).value();
        NewMessage n = newMessage(c, 0, QStringLiteral("assistant"), QStringLiteral("half an ans"));
        n.state = MessageState::Streaming;
        const qint64 id = f->store.appendMessage(n).value();
        QCOMPARE(f->store.recoverInterruptedMessages().value(), 1);
        const Message m = f->store.message(id).value();
        QCOMPARE(m.state, MessageState::Error);
        QCOMPARE(m.content, QStringLiteral("half an ans"));
        QVERIFY(!m.errorText.isEmpty());
        QCOMPARE(f->store.recoverInterruptedMessages().value(), 0);
    }

    void signalsFollowCommitsOnly() {
        QSignalSpy changed(&f->store, &ConversationStore::conversationChanged);
        QSignalSpy added(&f->store, &ConversationStore::messageAdded);
        QSignalSpy updated(&f->store, &ConversationStore::messageUpdated);
        QSignalSpy path(&f->store, &ConversationStore::activePathChanged);
        const qint64 c = f->store.createConversation(QStringLiteral("c")).value();
        QCOMPARE(changed.size(), 1);
        const qint64 a = append(c, 0, QStringLiteral("user"), QStringLiteral("a"));
        QCOMPARE(added.size(), 1);
        QCOMPARE(added.last().value(1).toLongLong(), a);
        MessagePatch p;
        p.content = QStringLiteral("a!");
        QVERIFY(f->store.updateMessage(a, p).isOk());
        QCOMPARE(updated.size(), 1);
        const qint64 b = append(c, 0, QStringLiteral("user"), QStringLiteral("b"));
        QVERIFY(f->store.selectBranch(a).isOk());
        QCOMPARE(path.size(), 1);
        QVERIFY(f->store.selectBranch(a).isOk());  // already active: no news
        QCOMPARE(path.size(), 1);
        Q_UNUSED(b);

        // Inside a transaction the signals wait for the commit, once per distinct change...
        changed.clear();
        added.clear();
        qsizetype seenInside = -1;
        QVERIFY(f->store
                    .transaction([&]() -> Status {
                        append(c, 0, QStringLiteral("user"), QStringLiteral("x"));
                        append(c, 0, QStringLiteral("user"), QStringLiteral("y"));
                        seenInside = added.size();
                        return {};
                    })
                    .isOk());
        QCOMPARE(seenInside, 0);
        QCOMPARE(added.size(), 2);
        QCOMPARE(changed.size(), 1);
        // ...and a rolled-back transaction announces nothing.
        added.clear();
        QVERIFY(!f->store
                     .transaction([&]() -> Status {
                         append(c, 0, QStringLiteral("user"), QStringLiteral("z"));
                         return StorageError(StorageError::Code::InvalidArgument, QStringLiteral("abort"));
                     })
                     .isOk());
        QCOMPARE(added.size(), 0);
        QCOMPARE(MessageTree(f->db).children(c, 0).value().size(), 4);
    }
};

QTEST_GUILESS_MAIN(TestStorage)
#include "tst_storage.moc"
