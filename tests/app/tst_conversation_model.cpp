// ConversationListModel under QAbstractItemModelTester: follows the store with row moves,
// inserts and removals (never resets), and switches to search results with snippets.
#include "conversation_list_model.h"
#include "storage_test_util.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

class TestConversationModel : public QObject {
    Q_OBJECT

    std::unique_ptr<StorageFixture> f;
    std::unique_ptr<ConversationListModel> model;
    std::unique_ptr<QAbstractItemModelTester> tester;

    QList<qint64> ids() const {
        QList<qint64> out;
        for (int r = 0; r < model->rowCount(); ++r)
            out << model->data(model->index(r), ConversationListModel::IdRole).toLongLong();
        return out;
    }
    QVariant at(int row, int role) const { return model->data(model->index(row), role); }

    qint64 create(const QString& title) {
        QThread::msleep(2);  // distinct update times, so the order is defined
        return f->store.createConversation(title).value();
    }

private slots:
    void init() {
        f = std::make_unique<StorageFixture>();
        QVERIFY(f->isOk());
        model = std::make_unique<ConversationListModel>();
        // Fatal: any inconsistency between the signals and the data aborts the test.
        tester = std::make_unique<QAbstractItemModelTester>(
            model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        model->setStore(&f->store);
    }
    void cleanup() {
        tester.reset();
        model.reset();
        f.reset();
    }

    void exposesRolesByName() {
        const QHash<int, QByteArray> names = model->roleNames();
        for (const char* role : {"id", "title", "pinned", "updated", "snippet"})
            QVERIFY2(names.values().contains(role), role);
    }

    void followsTheStoreWithoutResets() {
        QSignalSpy resets(model.get(), &QAbstractItemModel::modelReset);
        QSignalSpy inserts(model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy moves(model.get(), &QAbstractItemModel::rowsMoved);
        QSignalSpy removes(model.get(), &QAbstractItemModel::rowsRemoved);
        QSignalSpy changes(model.get(), &QAbstractItemModel::dataChanged);
        QSignalSpy count(model.get(), &ConversationListModel::countChanged);

        const qint64 a = create(QStringLiteral("a"));
        const qint64 b = create(QStringLiteral("b"));
        const qint64 c = create(QStringLiteral("c"));
        QCOMPARE(ids(), (QList<qint64>{c, b, a}));
        QCOMPARE(inserts.size(), 3);
        QCOMPARE(count.size(), 3);
        QCOMPARE(at(0, ConversationListModel::TitleRole).toString(), QStringLiteral("c"));
        QVERIFY(at(0, ConversationListModel::UpdatedRole).toDateTime().isValid());

        // A new message moves its conversation to the top: a move, not remove + insert.
        QThread::msleep(2);
        QVERIFY(
            f->store.appendMessage(newMessage(a, 0, QStringLiteral("user"), QStringLiteral("hi"))).isOk());
        QCOMPARE(ids(), (QList<qint64>{a, c, b}));
        QCOMPARE(moves.size(), 1);

        // Rename: data of one row.
        changes.clear();
        QVERIFY(model->rename(b, QStringLiteral("bee")));
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes[0].value(0).toModelIndex().row(), 2);
        QVERIFY(changes[0].value(2).value<QList<int>>().contains(ConversationListModel::TitleRole));
        QCOMPARE(at(2, ConversationListModel::TitleRole).toString(), QStringLiteral("bee"));

        // Pin: to the top.
        QVERIFY(model->setPinned(b, true));
        QCOMPARE(ids(), (QList<qint64>{b, a, c}));
        QCOMPARE(at(0, ConversationListModel::PinnedRole).toBool(), true);

        // Delete and undo.
        QVERIFY(model->remove(a));
        QCOMPARE(ids(), (QList<qint64>{b, c}));
        QCOMPARE(removes.size(), 1);
        QVERIFY(model->restore(a));
        QCOMPARE(ids(), (QList<qint64>{b, a, c}));
        QCOMPARE(model->rowOf(c), 2);
        QCOMPARE(model->rowOf(999), -1);

        QCOMPARE(resets.size(), 0);
        QVERIFY(!model->remove(a + 1000));  // refused, with a reason
        QVERIFY(!model->lastError().isEmpty());
    }

    void showsSearchResultsWithSnippets() {
        const qint64 a = create(QStringLiteral("Volcanoes"));
        const qint64 b = create(QStringLiteral("Bread"));
        QVERIFY(f->store
                    .appendMessage(
                        newMessage(b, 0, QStringLiteral("user"), QStringLiteral("Sourdough starter tips")))
                    .isOk());
        model->setSearchText(QStringLiteral("sourd"));
        QCOMPARE(ids(), QList<qint64>{b});
        QVERIFY(at(0, ConversationListModel::SnippetRole).toString().contains(u"<b>Sourdough</b>"));
        QVERIFY(at(0, ConversationListModel::MessageIdRole).toLongLong() > 0);

        // New matching text shows up while searching.
        QVERIFY(
            f->store
                .appendMessage(newMessage(a, 0, QStringLiteral("user"), QStringLiteral("sourdough on lava?")))
                .isOk());
        QCOMPARE(ids().size(), 2);

        model->setSearchText(QStringLiteral("\"unbalanced AND ("));
        QCOMPARE(ids(), QList<qint64>{});
        QVERIFY(model->lastError().isEmpty());

        model->setSearchText(QString());
        QCOMPARE(ids().size(), 2);
        QCOMPARE(at(0, ConversationListModel::SnippetRole).toString(), QString());
    }

    void emptiesWithoutAStore() {
        create(QStringLiteral("x"));
        QCOMPARE(model->rowCount(), 1);
        model->setStore(nullptr);
        QCOMPARE(model->rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestConversationModel)
#include "tst_conversation_model.moc"
