// Export to Markdown and JSON, import of JSON: round trip of a branched conversation, and
// bad input of every kind refused without storing anything and without crashing.
#include "conversation_export.h"
#include "conversation_import.h"
#include "message_tree.h"
#include "storage_test_util.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

namespace {

// JSON written with single quotes, readable in a C++ string (moc cannot parse raw strings).
QByteArray json(const char* singleQuoted) {
    return QByteArray(singleQuoted).replace('\'', '"');
}

}  // namespace

class TestExport : public QObject {
    Q_OBJECT

    std::unique_ptr<StorageFixture> f;
    qint64 m_conv = 0;

    qint64 add(qint64 parent, const QString& role, const QString& content, const QString& reasoning = {},
               MessageState state = MessageState::Complete) {
        NewMessage m = newMessage(m_conv, parent, role, content, reasoning);
        m.state = state;
        m.model = role == u"assistant" ? QStringLiteral("qwen3-8b") : QString();
        m.stats = {17, 42, 1200, 3400, 12.5, 640};
        if (state == MessageState::Error) m.errorText = QStringLiteral("device lost");
        return f->store.appendMessage(m).value();
    }

    int conversationCount() {
        return sqlScalar(f->db, QStringLiteral("SELECT count(*) FROM conversations")).toInt();
    }

private slots:
    void init() {
        f = std::make_unique<StorageFixture>();
        QVERIFY(f->isOk());
        m_conv = f->store
                     .createConversation(QStringLiteral("Trip <to> \"Lyon\""),
                                         QStringLiteral("Be concise.\nUse metric."),
                                         QStringLiteral("/models/q.gguf"))
                     .value();
        QVERIFY(f->store.setPinned(m_conv, true).isOk());
        const qint64 q1 = add(0, QStringLiteral("user"), QStringLiteral("Plan a day in Lyon 🙂"));
        const qint64 a1 = add(q1, QStringLiteral("assistant"), QStringLiteral("Morning: **Fourvière**."),
                              QStringLiteral("The user wants a plan.\n</details> sneaky"));
        add(q1, QStringLiteral("assistant"), QStringLiteral("Second try"), QString(),
            MessageState::Cancelled);
        const qint64 q2 = add(a1, QStringLiteral("user"), QStringLiteral("And dinner?"));
        add(q2, QStringLiteral("assistant"), QStringLiteral("Bouchon."), QString(), MessageState::Error);
        QVERIFY(f->store.selectBranch(a1).isOk());  // the first answer is the one shown
    }
    void cleanup() { f.reset(); }

    void markdownHasTitlePromptRolesAndFoldedReasoning() {
        const Result<QString> md = conversationexport::toMarkdown(f->store, m_conv);
        QVERIFY(md.isOk());
        const QString& text = md.value();
        QVERIFY(text.startsWith(u"# Trip <to> \"Lyon\"\n"));
        QVERIFY(text.contains(u"> Be concise.\n> Use metric."));
        QVERIFY(text.contains(u"### User\n\nPlan a day in Lyon 🙂"));
        QVERIFY(text.contains(u"### Assistant (qwen3-8b)"));
        QVERIFY(text.contains(u"<details>\n<summary>Reasoning (1.2 s)</summary>\n\nThe user wants a plan."));
        QVERIFY(text.contains(u"&lt;/details> sneaky"));  // cannot close the block early
        QCOMPARE(text.count(u"</details>"), 1);
        QVERIFY(text.contains(u"Morning: **Fourvière**."));
        QVERIFY(text.contains(u"Error: device lost"));
        // Only the active branch.
        QVERIFY(!text.contains(u"Second try"));
        QVERIFY(text.indexOf(u"Plan a day") < text.indexOf(u"And dinner?"));
    }

    void jsonRoundTripKeepsTheWholeTree() {
        const Result<QByteArray> json = conversationexport::toJson(f->store, m_conv);
        QVERIFY(json.isOk());
        const QJsonObject root = QJsonDocument::fromJson(json.value()).object();
        QCOMPARE(root.value(u"format").toString(), QStringLiteral("ponder-conversation"));
        QCOMPARE(root.value(u"version").toInt(), 1);
        QCOMPARE(root.value(u"messages").toArray().size(), 5);

        const Result<qint64> imported = conversationimport::fromJson(f->store, json.value());
        QVERIFY2(imported.isOk(), qPrintable(imported.error().message()));
        QVERIFY(imported.value() != m_conv);
        const Conversation a = f->store.conversation(m_conv).value();
        const Conversation b = f->store.conversation(imported.value()).value();
        QCOMPARE(b.title, a.title);
        QCOMPARE(b.systemPrompt, a.systemPrompt);
        QCOMPARE(b.modelPath, a.modelPath);
        QCOMPARE(b.pinned, a.pinned);

        MessageTree tree(f->db);
        const QList<Message> before = tree.allMessages(m_conv).value();
        const QList<Message> after = tree.allMessages(imported.value()).value();
        QCOMPARE(after.size(), before.size());
        QHash<qint64, qint64> idMap;  // old id -> new id
        for (qsizetype i = 0; i < before.size(); ++i) {
            const Message& x = before[i];
            const Message& y = after[i];
            idMap.insert(x.id, y.id);
            QCOMPARE(y.parentId, x.parentId == 0 ? 0 : idMap.value(x.parentId));
            QCOMPARE(y.role, x.role);
            QCOMPARE(y.content, x.content);
            QCOMPARE(y.reasoning, x.reasoning);
            QCOMPARE(y.model, x.model);
            QCOMPARE(y.state, x.state);
            QCOMPARE(y.errorText, x.errorText);
            QCOMPARE(y.created, x.created);
            QCOMPARE(y.stats.promptTokens, x.stats.promptTokens);
            QCOMPARE(y.stats.completionTokens, x.stats.completionTokens);
            QCOMPARE(y.stats.reasoningMs, x.stats.reasoningMs);
            QCOMPARE(y.stats.reasoningTokens, x.stats.reasoningTokens);
            QCOMPARE(y.stats.generationMs, x.stats.generationMs);
            QCOMPARE(y.stats.tokensPerSecond, x.stats.tokensPerSecond);
        }
        // The branch that was shown is shown again.
        QList<qint64> pathBefore, pathAfter;
        for (const PathMessage& p : tree.activePath(m_conv).value())
            pathBefore << idMap.value(p.message.id);
        for (const PathMessage& p : tree.activePath(imported.value()).value())
            pathAfter << p.message.id;
        QCOMPARE(pathAfter, pathBefore);
        // And exporting the copy gives the same document (apart from the export time).
        QJsonObject again =
            QJsonDocument::fromJson(conversationexport::toJson(f->store, imported.value()).value()).object();
        QJsonObject first = root;
        for (QJsonObject* o : {&again, &first}) {
            o->remove(u"exportedAt");
            QJsonObject c = o->value(u"conversation").toObject();
            c.remove(u"createdAt");
            c.remove(u"updatedAt");
            o->insert(u"conversation", c);
        }
        QCOMPARE(again, first);
    }

    void streamingStateImportsAsCancelled() {
        const QByteArray file = json(
            "{'format':'ponder-conversation','version':1,'conversation':{},"
            "'messages':[{'id':1,'role':'assistant','content':'half','state':'streaming'}]}");
        const Result<qint64> id = conversationimport::fromJson(f->store, file);
        QVERIFY2(id.isOk(), qPrintable(id.error().message()));
        const QList<Message> messages = MessageTree(f->db).allMessages(id.value()).value();
        QCOMPARE(messages.size(), 1);
        QCOMPARE(messages[0].state, MessageState::Cancelled);
        QVERIFY(!f->store.conversation(id.value()).value().title.isEmpty());
    }

    void refusesBadInput_data() {
        QTest::addColumn<QByteArray>("file");
        const QByteArray head =
            json("{'format':'ponder-conversation','version':1,'conversation':{'title':'t'},");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("not json") << QByteArray("hello");
        QTest::newRow("truncated") << QByteArray(json("{'format':'ponder-conversation','version':1,'mess"));
        QTest::newRow("array") << QByteArray("[1,2,3]");
        QTest::newRow("other format") << QByteArray(json("{'format':'chatgpt','version':1}"));
        QTest::newRow("no version") << QByteArray(json("{'format':'ponder-conversation'}"));
        QTest::newRow("version text") << QByteArray(json("{'format':'ponder-conversation','version':'1'}"));
        QTest::newRow("newer version") << QByteArray(
            json("{'format':'ponder-conversation','version':2,'conversation':{},'messages':[]}"));
        QTest::newRow("no messages") << QByteArray(
            json("{'format':'ponder-conversation','version':1,'conversation':{}}"));
        QTest::newRow("title number") << QByteArray(
            json("{'format':'ponder-conversation','version':1,'conversation':{'title':5},'messages':[]}"));
        QTest::newRow("message not object") << head + json("'messages':[7]}");
        QTest::newRow("no id") << head + json("'messages':[{'role':'user'}]}");
        QTest::newRow("negative id") << head + json("'messages':[{'id':-3,'role':'user'}]}");
        QTest::newRow("fractional id") << head + json("'messages':[{'id':1.5,'role':'user'}]}");
        QTest::newRow("huge id") << head + json("'messages':[{'id':1e300,'role':'user'}]}");
        QTest::newRow("duplicate id")
            << head + json("'messages':[{'id':1,'role':'user'},{'id':1,'role':'user'}]}");
        QTest::newRow("unknown parent") << head + json("'messages':[{'id':1,'parentId':9,'role':'user'}]}");
        QTest::newRow("self parent") << head + json("'messages':[{'id':1,'parentId':1,'role':'user'}]}");
        QTest::newRow("child first")
            << head + json("'messages':[{'id':2,'parentId':1,'role':'user'},{'id':1,'role':'user'}]}");
        QTest::newRow("bad role") << head + json("'messages':[{'id':1,'role':'admin'}]}");
        QTest::newRow("bad state") << head + json("'messages':[{'id':1,'role':'user','state':'done'}]}");
        QTest::newRow("content object") << head + json("'messages':[{'id':1,'role':'user','content':{}}]}");
        QTest::newRow("negative tokens")
            << head + json("'messages':[{'id':1,'role':'user','promptTokens':-1}]}");
        QTest::newRow("bad date") << head +
                                         json("'messages':[{'id':1,'role':'user','createdAt':'yesterday'}]}");
        QTest::newRow("path not chain")
            << head + json("'messages':[{'id':1,'role':'user'},{'id':2,'role':'user'}],'activePath':[1,2]}");
        QTest::newRow("path unknown id")
            << head + json("'messages':[{'id':1,'role':'user'}],'activePath':[4]}");
        QTest::newRow("path not list") << head + json("'messages':[],'activePath':'1'}");
        // The first message is fine, the second is not: nothing at all may be stored.
        QTest::newRow("late error") << head + json(
                                                  "'messages':[{'id':1,'role':'user','content':'ok'},{'id':2,"
                                                  "'parentId':1,'role':'robot'}]}");
    }

    void refusesBadInput() {
        QFETCH(QByteArray, file);
        const int before = conversationCount();
        const Result<qint64> id = conversationimport::fromJson(f->store, file);
        QVERIFY(!id.isOk());
        QCOMPARE(id.error().code(), StorageError::Code::InvalidImport);
        QVERIFY(id.error().message().startsWith(u"This file cannot be imported"));
        QCOMPARE(conversationCount(), before);
    }

    void survivesRandomDamage() {
        // Mutations of a valid export: each import either succeeds or says why it failed.
        const QByteArray valid = conversationexport::toJson(f->store, m_conv).value();
        QRandomGenerator rng(20240611);  // fixed seed: a failure can be replayed
        int accepted = 0;
        for (int round = 0; round < 300; ++round) {
            QByteArray damaged = valid;
            const int edits = 1 + int(rng.bounded(4));
            for (int e = 0; e < edits; ++e) {
                const qsizetype at = rng.bounded(int(damaged.size()));
                switch (rng.bounded(3)) {
                    case 0:
                        damaged[at] = char(rng.bounded(256));
                        break;
                    case 1:
                        damaged.remove(at, 1 + rng.bounded(20));
                        break;
                    default:
                        damaged.insert(at, "\"}]{,:1e999"[rng.bounded(11)]);
                        break;
                }
            }
            const Result<qint64> id = conversationimport::fromJson(f->store, damaged);
            if (id.isOk()) {
                ++accepted;
                QVERIFY(f->store.conversation(id.value()).isOk());
            } else {
                QCOMPARE(id.error().code(), StorageError::Code::InvalidImport);
            }
        }
        QVERIFY(f->db.integrityCheck().isOk());
        QVERIFY(ftsConsistent(f->db, "messages_fts"));
        qInfo() << accepted << "of 300 damaged files were still valid";
    }

    void refusesOversizedInput() {
        const Result<qint64> id =
            conversationimport::fromJson(f->store, QByteArray(conversationimport::kMaxBytes + 1, ' '));
        QVERIFY(!id.isOk());
        QCOMPARE(id.error().code(), StorageError::Code::InvalidImport);
    }
};

QTEST_GUILESS_MAIN(TestExport)
#include "tst_export.moc"
