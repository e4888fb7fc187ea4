// Retrieval: BM25 quality on a small labelled set with distractors, safe query escaping,
// the "nothing found" path, the prompt context (numbering, budget, chat attachments),
// citation parsing, and the fusion of a dense list with BM25.
#include "chunk_embedder.h"
#include "doc_indexer.h"
#include "docs_retriever.h"
#include "docs_test_util.h"

#include <QRandomGenerator>
#include <QtTest>

namespace {

// Stands in for an embedding model with known answers: texts about fruit point one way,
// everything else another, so the dense list is predictable.
class TopicEmbedder : public ChunkEmbedder {
public:
    QString modelPath() const override { return QStringLiteral("/models/topic.gguf"); }
    int dimension() const override { return 2; }
    bool embed(const QStringList& texts, QList<QVector<float>>& out, QString&) override {
        for (const QString& t : texts) {
            const bool fruit = t.contains(QStringLiteral("apple")) || t.contains(QStringLiteral("fruit"));
            out << (fruit ? QVector<float>{1.0f, 0.0f} : QVector<float>{0.0f, 1.0f});
        }
        ++calls;
        return true;
    }
    int calls = 0;
};

}  // namespace

class TstDocsRetrieval : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void labelledQuestions_data();
    void labelledQuestions();
    void queryTerms();
    void hostileQueriesAreSafe_data();
    void hostileQueriesAreSafe();
    void nothingFound_data();
    void nothingFound();
    void contextBudgetAndNumbering();
    void chatAttachments();
    void citationsUsed();
    void denseFusion();

private:
    DocsFixture m_f;
    qint64 m_col = 0;
};

void TstDocsRetrieval::initTestCase() {
    QVERIFY(m_f.isOk());
    const QString root = m_f.path(QStringLiteral("corpus"));
    for (const auto& [name, text] : labelledCorpus()) QVERIFY(writeFile(root + u'/' + name, text.toUtf8()));
    // Distractors: filler prose that shares the questions' common words.
    const QStringList common = {"planet", "dough", "ice", "stone", "water", "drive", "battery", "moon", "harvest",
                                "rice", "storm", "cell", "press", "leaves", "ocean", "light", "sugar", "data"};
    const QStringList filler = {"the", "a", "report", "notes", "about", "general", "various", "items", "today",
                                "meeting", "summary", "list", "project", "plan", "review", "draft"};
    QRandomGenerator rng(3);
    for (int f = 0; f < 30; ++f) {
        QString text;
        for (int p = 0; p < 6; ++p) {
            QStringList words;
            for (int w = 0; w < 25; ++w)
                words << (w % 6 == 0 ? common[rng.bounded(int(common.size()))] : filler[rng.bounded(int(filler.size()))]);
            text += words.join(u' ') + QStringLiteral(".\n\n");
        }
        QVERIFY(writeFile(root + QStringLiteral("/filler/f%1.txt").arg(f), text.toUtf8()));
    }
    m_col = m_f.store.createCollection(QStringLiteral("Labelled")).value();
    QVERIFY(m_f.store.addSource(m_col, root, true).isOk());
    IndexerOptions options;
    options.chunking = {160, 30};  // about a paragraph each, so the ranking has work to do
    const Result<IndexProgress> run = DocIndexer(m_f.store, nullptr, options).run(m_col);
    QVERIFY(run.isOk());
    QVERIFY2(run.value().chunks > 150, qPrintable(QString::number(run.value().chunks)));
}

void TstDocsRetrieval::labelledQuestions_data() {
    QTest::addColumn<QString>("question");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("phrase");
    QTest::newRow("red spot") << "Which planet has the Great Red Spot?" << "astronomy.md" << "Great Red Spot";
    QTest::newRow("rings") << "What are Saturn's rings made of?" << "astronomy.md" << "rings made of ice";
    QTest::newRow("europa") << "Which moon hides an ocean under the ice?" << "astronomy.md" << "salty ocean";
    QTest::newRow("bread") << "Why does bread dough rise?" << "cooking.txt" << "yeast ferments";
    QTest::newRow("knead") << "How long should I knead the dough?" << "cooking.txt" << "ten minutes";
    QTest::newRow("risotto") << "What rice is used for risotto?" << "cooking.txt" << "arborio";
    QTest::newRow("tomato") << "How much sunlight do tomatoes need?" << "garden.html" << "six hours";
    QTest::newRow("garlic") << "When should garlic be harvested?" << "garden.html" << "lower leaves";
    QTest::newRow("adler") << "What modulus does the Adler-32 checksum use?" << "checksum.py" << "65521";
    QTest::newRow("press") << "Who developed the printing press?" << "history.txt" << "Gutenberg";
    QTest::newRow("rosetta") << "Which scripts are on the Rosetta Stone?" << "history.txt" << "Demotic";
    QTest::newRow("battery") << "How should lithium-ion batteries be stored?" << "hardware.md" << "fully charged";
    QTest::newRow("ssd") << "Why does a solid-state drive wear out?" << "hardware.md" << "erase cycles";
}

void TstDocsRetrieval::labelledQuestions() {
    QFETCH(QString, question);
    QFETCH(QString, file);
    QFETCH(QString, phrase);
    DocsRetriever r(m_f.store);
    const Result<QList<Passage>> top = r.search({m_col}, question, 3);
    QVERIFY(top.isOk());
    QStringList seen;
    bool found = false;
    for (const Passage& p : top.value()) {
        seen << QFileInfo(p.path).fileName() + QStringLiteral(": ") + p.text.left(60);
        found = found || (p.path.endsWith(file) && p.text.contains(phrase));
    }
    QVERIFY2(found, qPrintable(seen.join(QStringLiteral(" | "))));
    const Result<DocsContext> ctx = r.buildContextFor({m_col}, question);
    QVERIFY(ctx.isOk());
    QVERIFY(!ctx.value().nothingFound);
}

void TstDocsRetrieval::queryTerms() {
    QCOMPARE(DocsRetriever::queryTerms(QStringLiteral("What are the studies of sleeping cats?")),
             (QStringList{QStringLiteral("stud"), QStringLiteral("sleep"), QStringLiteral("cat")}));
    QCOMPARE(DocsRetriever::toMatchExpression(QStringLiteral("Saturn's rings")),
             QStringLiteral("\"saturn\"* OR \"ring\"*"));
    QVERIFY(DocsRetriever::toMatchExpression(QStringLiteral("?? !! the of")).isEmpty());
}

void TstDocsRetrieval::hostileQueriesAreSafe_data() {
    QTest::addColumn<QString>("query");
    QTest::newRow("quote") << "\"unbalanced Jupiter";
    QTest::newRow("operators") << "Jupiter AND OR NOT NEAR";
    QTest::newRow("near()") << "NEAR(Jupiter storm, 2)";
    QTest::newRow("column") << "text:Jupiter";
    QTest::newRow("star") << "* Jupiter*";
    QTest::newRow("caret") << "^Jupiter";
    QTest::newRow("sql") << "Jupiter'; DROP TABLE chunks; --";
    QTest::newRow("parens") << "(Jupiter) OR (";
    QTest::newRow("plus minus") << "+Jupiter -storm";
}

void TstDocsRetrieval::hostileQueriesAreSafe() {
    QFETCH(QString, query);
    DocsRetriever r(m_f.store);
    const Result<QList<Passage>> top = r.search({m_col}, query, 3);
    QVERIFY2(top.isOk(), qPrintable(top.isOk() ? QString() : top.error().message()));
    QVERIFY(!top.value().isEmpty());
    QVERIFY(top.value().first().text.contains(QStringLiteral("Jupiter")));
    QVERIFY(docsScalar(m_f.db, QStringLiteral("SELECT COUNT(*) FROM chunks")).toInt() > 0);
}

void TstDocsRetrieval::nothingFound_data() {
    QTest::addColumn<QString>("question");
    QTest::newRow("no hit") << "What is the boiling point of mercury?";
    QTest::newRow("one word of four") << "What is the population of Jupiter's capital city?";
    QTest::newRow("only stop words") << "What is it?";
    QTest::newRow("punctuation") << "?!";
}

void TstDocsRetrieval::nothingFound() {
    QFETCH(QString, question);
    DocsRetriever r(m_f.store);
    const Result<DocsContext> ctx = r.buildContextFor({m_col}, question);
    QVERIFY(ctx.isOk());
    QVERIFY(ctx.value().nothingFound);
    QVERIFY(ctx.value().promptAddition.isEmpty());
    QVERIFY(ctx.value().citations.isEmpty());
    QVERIFY(ctx.value().message.contains(QStringLiteral("nothing")));
}

void TstDocsRetrieval::contextBudgetAndNumbering() {
    RetrievalOptions o;
    o.contextTokens = 120;
    o.maxPassages = 8;
    DocsRetriever r(m_f.store, o);
    int calls = 0;
    r.setTokenCounter([&](const QString& s) {  // a word counter stands in for a tokenizer
        ++calls;
        return int(s.split(u' ', Qt::SkipEmptyParts).size());
    });
    const Result<DocsContext> ctx = r.buildContextFor({m_col}, QStringLiteral("planet moon ocean ice storm"));
    QVERIFY(ctx.isOk());
    QVERIFY(!ctx.value().nothingFound);
    QVERIFY(calls > 0);
    QVERIFY2(ctx.value().tokensUsed <= 120, qPrintable(QString::number(ctx.value().tokensUsed)));
    QVERIFY(ctx.value().citations.size() >= 2);
    for (qsizetype i = 0; i < ctx.value().citations.size(); ++i) {
        const Citation& c = ctx.value().citations[i];
        QCOMPARE(c.number, int(i) + 1);
        QVERIFY(ctx.value().promptAddition.contains(QStringLiteral("[%1] (").arg(c.number)));
        QVERIFY(ctx.value().promptAddition.contains(c.text));
        QVERIFY(c.lineStart >= 1 && c.lineEnd >= c.lineStart && c.page == 1);
    }
    // Without a tokenizer the estimate is chars/4.
    QCOMPARE(DocsRetriever::estimateTokens(QStringLiteral("abcdefghi")), 3);
}

void TstDocsRetrieval::chatAttachments() {
    QVERIFY(QSqlQuery(m_f.db.connection())
                .exec(QStringLiteral("INSERT INTO conversations (id, title, created_at, updated_at) VALUES (9, 'Q', 1, 1)")));
    DocsRetriever r(m_f.store);
    const QString question = QStringLiteral("Who developed the printing press?");
    Result<DocsContext> ctx = r.buildContext(9, question);
    QVERIFY(ctx.isOk());
    QVERIFY(!ctx.value().nothingFound);  // no collection attached: a normal chat
    QVERIFY(ctx.value().promptAddition.isEmpty());
    QVERIFY(m_f.store.attach(9, m_col).isOk());
    ctx = r.buildContext(9, question);
    QVERIFY(ctx.isOk());
    QVERIFY(ctx.value().citations.first().text.contains(QStringLiteral("Gutenberg")));
    QVERIFY(m_f.store.detach(9, m_col).isOk());
    QVERIFY(r.buildContext(9, question).value().citations.isEmpty());
}

void TstDocsRetrieval::citationsUsed() {
    QList<Citation> all;
    for (int i = 1; i <= 3; ++i) all.append({i, QStringLiteral("/f%1").arg(i), 1, 1, 1, QString(), i});
    const QList<Citation> used =
        DocsRetriever::citationsUsed(QStringLiteral("Gutenberg [2] built it [1, 2]. Not [7], not [x]."), all);
    QCOMPARE(used.size(), 2);
    QCOMPARE(used[0].number, 2);
    QCOMPARE(used[1].number, 1);
}

void TstDocsRetrieval::denseFusion() {
    DocsFixture f;
    QVERIFY(f.isOk());
    QVERIFY(writeFile(f.path(QStringLiteral("d/a.txt")), "A red apple a day keeps the doctor away.\n"));
    QVERIFY(writeFile(f.path(QStringLiteral("d/b.txt")), "The train leaves the station at noon.\n"));
    TopicEmbedder embedder;
    const qint64 col = f.store.createCollection(QStringLiteral("Dense"), embedder.modelPath()).value();
    QVERIFY(f.store.addSource(col, f.path(QStringLiteral("d")), true).isOk());
    QVERIFY(DocIndexer(f.store, &embedder).run(col).isOk());
    QCOMPARE(f.store.stats(col).value().embedded, 2);
    DocsRetriever r(f.store);
    r.setEmbedder(&embedder);
    // "fruit" is in no text: BM25 finds nothing, the dense list finds the apple.
    const QList<Passage> hits = r.search({col}, QStringLiteral("fruit"), 2).value();
    QCOMPARE(hits.size(), 2);
    QVERIFY(hits[0].text.contains(QStringLiteral("apple")));
    QCOMPARE(hits[0].bm25, 0.0);
    QCOMPARE(hits[0].cosine, 1.0);
    const DocsContext ctx = r.buildContextFor({col}, QStringLiteral("fruit")).value();
    QVERIFY(!ctx.nothingFound);
    QCOMPARE(ctx.citations.size(), 1);  // the train scores cosine 0: not relevant
    // First in both lists beats second in both.
    const QList<Passage> both = r.search({col}, QStringLiteral("red apple train"), 2).value();
    QVERIFY(both[0].text.contains(QStringLiteral("apple")));
    QVERIFY(both[0].score > both[1].score);
    // A collection indexed with another model gets no dense list.
    QVERIFY(f.store.setEmbeddingModel(col, QStringLiteral("/models/other.gguf")).isOk());
    QVERIFY(r.search({col}, QStringLiteral("fruit"), 2).value().isEmpty());
}

QTEST_GUILESS_MAIN(TstDocsRetrieval)
#include "tst_docs_retrieval.moc"
