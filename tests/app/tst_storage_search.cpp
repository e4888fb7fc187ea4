// Full-text search: prefix matching over titles, answers and reasoning, highlighted snippets,
// and user input that can never break the FTS5 query.
#include "conversation_search.h"
#include "storage_test_util.h"

#include <QTest>

class TestStorageSearch : public QObject {
    Q_OBJECT

    std::unique_ptr<StorageFixture> f;
    qint64 m_volcano = 0, m_bread = 0, m_code = 0;

    QList<qint64> found(const QString& text) {
        const Result<QList<SearchHit>> hits = ConversationSearch(f->db).search(text);
        if (!hits) {
            qWarning() << hits.error().message();
            return {-1};
        }
        QList<qint64> ids;
        for (const SearchHit& h : hits.value())
            ids << h.conversationId;
        return ids;
    }

private slots:
    void init() {
        f = std::make_unique<StorageFixture>();
        QVERIFY(f->isOk());
        ConversationStore& s = f->store;
        m_volcano = s.createConversation(QStringLiteral("Volcano trip")).value();
        const qint64 q = s.appendMessage(newMessage(m_volcano, 0, QStringLiteral("user"),
                                                    QStringLiteral("How tall is Etna?")))
                             .value();
        s.appendMessage(newMessage(m_volcano, q, QStringLiteral("assistant"),
                                   QStringLiteral("Etna is about 3,300 m tall."),
                                   QStringLiteral("The user asks about stratovolcanoes in Sicily.")));
        m_bread = s.createConversation(QStringLiteral("Baking")).value();
        s.appendMessage(newMessage(
            m_bread, 0, QStringLiteral("user"),
            QStringLiteral("Crème brûlée or sourdough <b>bread</b>? Use \"quotes\" AND NOT stuff")));
        m_code = s.createConversation(QStringLiteral("C++ question")).value();
        s.appendMessage(newMessage(m_code, 0, QStringLiteral("user"),
                                   QStringLiteral("What does std::move do in C++20?")));
    }
    void cleanup() { f.reset(); }

    void matchesPrefixesInAnswersReasoningAndTitles() {
        QCOMPARE(found(QStringLiteral("etn")), QList<qint64>{m_volcano});         // content, prefix
        QCOMPARE(found(QStringLiteral("stratovolc")), QList<qint64>{m_volcano});  // reasoning
        QCOMPARE(found(QStringLiteral("volc trip")), QList<qint64>{m_volcano});   // title, all words
        QCOMPARE(found(QStringLiteral("bak")), QList<qint64>{m_bread});           // title only
        QCOMPARE(found(QStringLiteral("creme brulee")), QList<qint64>{m_bread});  // diacritics folded
        QCOMPARE(found(QStringLiteral("SOURDOUGH")), QList<qint64>{m_bread});     // case folded
        QCOMPARE(found(QStringLiteral("etna sourdough")), QList<qint64>{});       // AND, not OR
        QCOMPARE(found(QStringLiteral("zebra")), QList<qint64>{});
    }

    void snippetsHighlightMatchesAndEscapeHtml() {
        const QList<SearchHit> hits = ConversationSearch(f->db).search(QStringLiteral("sourd")).value();
        QCOMPARE(hits.size(), 1);
        QVERIFY2(hits[0].snippet.contains(u"<b>sourdough</b>"), qPrintable(hits[0].snippet));
        // The message's own markup arrives as text, never as markup.
        QVERIFY2(hits[0].snippet.contains(u"&lt;b&gt;bread&lt;/b&gt;"), qPrintable(hits[0].snippet));
        QVERIFY(hits[0].messageId > 0);
        QCOMPARE(hits[0].title, QStringLiteral("Baking"));

        const QList<SearchHit> reasoning = ConversationSearch(f->db).search(QStringLiteral("sicily")).value();
        QCOMPARE(reasoning.size(), 1);
        QVERIFY(reasoning[0].snippet.contains(u"<b>Sicily</b>"));
    }

    void hostileInputNeverBreaksTheQuery_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("findsBread");
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("spaces") << QStringLiteral("   \t ") << false;
        QTest::newRow("lone quote") << QStringLiteral("\"") << false;
        QTest::newRow("unbalanced quote") << QStringLiteral("\"quotes") << true;
        QTest::newRow("quoted phrase") << QStringLiteral("\"quotes\"") << true;
        QTest::newRow("operators") << QStringLiteral("AND") << true;
        QTest::newRow("NOT at start") << QStringLiteral("NOT stuff") << true;
        QTest::newRow("OR between") << QStringLiteral("bread OR") << true;
        QTest::newRow("NEAR call") << QStringLiteral("NEAR(bread stuff, 2)") << false;
        QTest::newRow("column filter") << QStringLiteral("content:bread") << false;
        QTest::newRow("star") << QStringLiteral("*") << false;
        QTest::newRow("caret") << QStringLiteral("^bread") << true;
        QTest::newRow("minus") << QStringLiteral("-bread") << true;
        QTest::newRow("parens") << QStringLiteral("(((") << false;
        QTest::newRow("braces") << QStringLiteral("{content reasoning}: bread") << false;
        QTest::newRow("sql") << QStringLiteral("'; DROP TABLE messages; --") << false;
        QTest::newRow("plus (prefix c matches crème)") << QStringLiteral("C++") << true;
        QTest::newRow("emoji") << QStringLiteral("🍞 bread") << true;
        QTest::newRow("long") << QString(5000, u'b') << false;
    }

    void hostileInputNeverBreaksTheQuery() {
        QFETCH(QString, text);
        QFETCH(bool, findsBread);
        const Result<QList<SearchHit>> hits = ConversationSearch(f->db).search(text);
        QVERIFY2(hits.isOk(), qPrintable(hits.error().message()));
        bool bread = false;
        for (const SearchHit& h : hits.value())
            bread = bread || h.conversationId == m_bread;
        QCOMPARE(bread, findsBread);
        QCOMPARE(sqlScalar(f->db, QStringLiteral("SELECT count(*) FROM messages")).toInt(), 4);
    }

    void matchExpressionQuotesEveryWord() {
        QCOMPARE(ConversationSearch::toMatchExpression(QStringLiteral("a \"b\" c*")),
                 QStringLiteral("\"a\"* \"\"\"b\"\"\"* \"c*\"*"));
        QCOMPARE(ConversationSearch::toMatchExpression(QStringLiteral("-- ** \"")), QString());
        QVERIFY(found(QStringLiteral("c++")).contains(m_code));
    }

    void followsEditsDeletesAndTheTrash() {
        QVERIFY(f->store.renameConversation(m_bread, QStringLiteral("Pastry")).isOk());
        QCOMPARE(found(QStringLiteral("baking")), QList<qint64>{});
        QCOMPARE(found(QStringLiteral("pastr")), QList<qint64>{m_bread});
        const qint64 msg =
            ConversationSearch(f->db).search(QStringLiteral("etna")).value().value(0).messageId;
        MessagePatch p;
        p.content = QStringLiteral("Mount Fuji instead");
        QVERIFY(f->store.updateMessage(msg, p).isOk());
        QCOMPARE(found(QStringLiteral("fuji")), QList<qint64>{m_volcano});
        QVERIFY(f->store.softDeleteConversation(m_volcano).isOk());
        QCOMPARE(found(QStringLiteral("fuji")), QList<qint64>{});  // the trash is not searched
        QVERIFY(f->store.restoreConversation(m_volcano).isOk());
        QCOMPARE(found(QStringLiteral("fuji")), QList<qint64>{m_volcano});
        QVERIFY(ftsConsistent(f->db, "messages_fts"));
        QVERIFY(ftsConsistent(f->db, "conversations_fts"));
    }

    void ranksTitleMatchesAndLimits() {
        const qint64 etnaTitle = f->store.createConversation(QStringLiteral("Etna")).value();
        const QList<qint64> ids = found(QStringLiteral("etna"));
        QCOMPARE(ids.size(), 2);
        QCOMPARE(ids.first(), etnaTitle);
        QCOMPARE(ConversationSearch(f->db).search(QStringLiteral("etna"), 1).value().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestStorageSearch)
#include "tst_storage_search.moc"
