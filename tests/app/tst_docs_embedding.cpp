// Embeddings end to end on a generated Qwen3 model (random weights): the engine's Embedder
// against the model's own output head, its pooling and normalisation, batching, and the
// document pipeline storing and searching its vectors.
#include "chunk_embedder.h"
#include "doc_indexer.h"
#include "docs_retriever.h"
#include "docs_test_util.h"
#include "model_gen.h"

#include <QtTest>

#include <cmath>

#include "ponder/embedding.h"
#include "ponder/gguf.h"
#include "ponder/model.h"

class TstDocsEmbedding : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void hiddenStateMatchesOutputHead();
    void unitVectorsDeterministicBatched();
    void truncationKeepsEndToken();
    void vulkanMatchesCpu();
    void badModelFiles();
    void pipelineEndToEnd();

private:
    QTemporaryDir m_tmp;
    QString m_model;
};

void TstDocsEmbedding::initTestCase() {
    QVERIFY(m_tmp.isValid());
    m_model = m_tmp.filePath(QStringLiteral("qwen3-embedding.gguf"));
    ponder::testgen::ModelSpec spec = ponder::testgen::tinyEmbeddingSpec(5);
    spec.tiedOutput = true;  // the output head is then token_embd, which the test reads back
    const auto written = ponder::testgen::writeModel(spec, m_model.toStdString());
    QVERIFY2(written.ok(), written.ok() ? "" : written.error().message.c_str());
}

// With tied embeddings, logits = E · norm(h_last): the embedding e = norm(h)/|norm(h)| must
// reproduce the session's last logits up to one positive factor. This pins down that the
// hook returns the final-norm state of the last token, not some other layer or position.
void TstDocsEmbedding::hiddenStateMatchesOutputHead() {
    auto embedder = ponder::Embedder::open(m_model.toStdString());
    QVERIFY2(embedder.ok(), embedder.ok() ? "" : embedder.error().message.c_str());
    ponder::Embedder& emb = **embedder;
    QCOMPARE(emb.dimension(), 64u);
    const std::string text = "the quick brown fox jumps over the lazy dog";
    const std::vector<int32_t> ids = emb.inputTokens(text);
    QVERIFY(ids.size() > 3);
    QCOMPARE(ids.back(), emb.tokenizer().eos());
    const auto e = emb.embed(std::vector<std::string>{text});
    QVERIFY(e.ok());

    ponder::SessionOptions so;
    so.kvType = ponder::KvCacheType::F32;
    auto session = ponder::Session::create(emb.model(), so);
    QVERIFY(session.ok());
    const auto logits = (*session)->forward(ids, 0, ponder::LogitsRows::Last);
    QVERIFY(logits.ok());
    const ponder::gguf::TensorInfo* tok = emb.model().file().findTensor("token_embd.weight");
    QVERIFY(tok && tok->type == ponder::TensorType::F32);
    const auto* table = reinterpret_cast<const float*>(tok->data);  // [n_vocab][n_embd]
    const size_t nVocab = logits->size(), dim = emb.dimension();
    std::vector<double> r(nVocab);
    double lr = 0, rr = 0, lmax = 0;
    for (size_t j = 0; j < nVocab; ++j) {
        for (size_t i = 0; i < dim; ++i) r[j] += double(table[j * dim + i]) * (*e)[i];
        lr += (*logits)[j] * r[j];
        rr += r[j] * r[j];
        lmax = std::max(lmax, std::abs(double((*logits)[j])));
    }
    const double c = lr / rr;  // = |norm(h)|
    QVERIFY(c > 0);
    for (size_t j = 0; j < nVocab; ++j)
        QVERIFY2(std::abs((*logits)[j] - c * r[j]) <= 1e-4 * lmax + 1e-6, qPrintable(QString::number(j)));
}

void TstDocsEmbedding::unitVectorsDeterministicBatched() {
    auto embedder = ponder::Embedder::open(m_model.toStdString());
    QVERIFY(embedder.ok());
    const std::vector<std::string> texts = {"alpha beta", "gamma delta epsilon", "alpha beta"};
    const auto batch = (*embedder)->embed(texts);
    QVERIFY(batch.ok());
    const size_t dim = (*embedder)->dimension();
    QCOMPARE(batch->size(), 3 * dim);
    for (size_t t = 0; t < 3; ++t) {
        double n = 0;
        for (size_t i = 0; i < dim; ++i) n += double((*batch)[t * dim + i]) * (*batch)[t * dim + i];
        QVERIFY(std::abs(n - 1.0) < 1e-5);
    }
    double same = 0, other = 0;
    for (size_t i = 0; i < dim; ++i) {
        same += double((*batch)[i]) * (*batch)[2 * dim + i];
        other += double((*batch)[i]) * (*batch)[dim + i];
    }
    QVERIFY(std::abs(same - 1.0) < 1e-6);  // same text, same vector, even after another text
    QVERIFY(other < 0.9999);
    const auto single = (*embedder)->embed(std::vector<std::string>{texts[1]});
    QVERIFY(single.ok());
    for (size_t i = 0; i < dim; ++i) QCOMPARE((*single)[i], (*batch)[dim + i]);
}

// The Vulkan backend (lavapipe where there is no GPU) must give the CPU's vectors: same
// pooled row, same norm. A long text crosses prompt chunks (128 tokens), a short one not.
void TstDocsEmbedding::vulkanMatchesCpu() {
    auto cpu = ponder::Embedder::open(m_model.toStdString());
    QVERIFY(cpu.ok());
    ponder::EmbedderOptions o;
    o.backend = ponder::Backend::Vulkan;
    auto gpu = ponder::Embedder::open(m_model.toStdString(), o);
    QVERIFY2(gpu.ok(), gpu.ok() ? "" : gpu.error().message.c_str());
    std::string longText;
    for (int i = 0; i < 200; ++i) longText += "word" + std::to_string(i) + " ";
    const std::vector<std::string> texts = {"alpha beta", longText, "Europa hides a salty ocean", "x"};
    const auto a = (*cpu)->embed(texts);
    const auto b = (*gpu)->embed(texts);
    QVERIFY(a.ok());
    QVERIFY2(b.ok(), b.ok() ? "" : b.error().message.c_str());
    QCOMPARE(b->size(), a->size());
    const size_t dim = (*cpu)->dimension();
    for (size_t t = 0; t < texts.size(); ++t) {
        double dot = 0, maxDiff = 0;
        for (size_t i = 0; i < dim; ++i) {
            dot += double((*a)[t * dim + i]) * (*b)[t * dim + i];
            maxDiff = std::max(maxDiff, std::abs(double((*a)[t * dim + i]) - (*b)[t * dim + i]));
        }
        // Unit vectors of 64 floats: f32 kernels summing in another order differ by ~1e-6.
        QVERIFY2(dot > 0.99999 && maxDiff < 1e-3,
                 qPrintable(QStringLiteral("text %1: cosine %2, max diff %3").arg(t).arg(dot).arg(maxDiff)));
    }
    QVERIFY((*gpu)->inputTokens(longText).size() > 128);
}

void TstDocsEmbedding::truncationKeepsEndToken() {
    ponder::EmbedderOptions o;
    o.maxTokens = 32;
    auto embedder = ponder::Embedder::open(m_model.toStdString(), o);
    QVERIFY(embedder.ok());
    std::string longText;
    for (int i = 0; i < 500; ++i) longText += "word ";
    const std::vector<int32_t> ids = (*embedder)->inputTokens(longText);
    QCOMPARE(ids.size(), size_t(32));
    QCOMPARE(ids.back(), (*embedder)->tokenizer().eos());
    QVERIFY((*embedder)->embed(std::vector<std::string>{longText}).ok());
}

void TstDocsEmbedding::badModelFiles() {
    QString error;
    QVERIFY(!EngineEmbedder::open(m_tmp.filePath(QStringLiteral("missing.gguf")), error));
    QVERIFY(!error.isEmpty());
    const QString junk = m_tmp.filePath(QStringLiteral("junk.gguf"));
    QVERIFY(writeFile(junk, "GGUF but not really"));
    error.clear();
    QVERIFY(!EngineEmbedder::open(junk, error));
    QVERIFY(!error.isEmpty());
}

void TstDocsEmbedding::pipelineEndToEnd() {
    DocsFixture f;
    QVERIFY(f.isOk());
    for (const auto& [name, text] : labelledCorpus()) QVERIFY(writeFile(f.path(QStringLiteral("c/") + name), text.toUtf8()));
    QString error;
    std::unique_ptr<EngineEmbedder> embedder = EngineEmbedder::open(m_model, error);
    QVERIFY2(embedder, qPrintable(error));
    QCOMPARE(embedder->dimension(), 64);
    const qint64 col = f.store.createCollection(QStringLiteral("Vectors"), m_model).value();
    QVERIFY(f.store.addSource(col, f.path(QStringLiteral("c")), true).isOk());
    IndexerOptions options;
    options.chunking = {160, 30};
    options.embedBatch = 4;
    const Result<IndexProgress> run = DocIndexer(f.store, embedder.get(), options).run(col);
    QVERIFY(run.isOk());
    const CollectionStats st = f.store.stats(col).value();
    QVERIFY(st.chunks > 6);
    QCOMPARE(st.embedded, st.chunks);
    QCOMPARE(run.value().embeddedChunks, st.chunks);
    QVERIFY(run.value().embedSeconds > 0);
    qInfo("embedding: %.1f chunks/s on the generated model", double(run.value().embeddedChunks) / run.value().embedSeconds);
    // What is stored is what the model says for that chunk's text.
    QSqlQuery q(f.db.connection());
    QVERIFY(q.exec(QStringLiteral("SELECT text, embedding FROM chunks ORDER BY id LIMIT 1")) && q.next());
    const QVector<float> stored = embedding::fromBlob(q.value(1).toByteArray());
    QCOMPARE(stored.size(), 64);
    QList<QVector<float>> fresh;
    QVERIFY(embedder->embed({q.value(0).toString()}, fresh, error));
    for (int i = 0; i < 64; ++i) QCOMPARE(stored[i], fresh[0][i]);
    // Search runs both lists: every BM25 hit also carries its cosine.
    DocsRetriever r(f.store);
    r.setEmbedder(embedder.get());
    const QList<Passage> hits = r.search({col}, QStringLiteral("Gutenberg printing press"), 5).value();
    QVERIFY(!hits.isEmpty());
    for (const Passage& p : hits) QVERIFY(p.cosine >= -1.0001 && p.cosine <= 1.0001);
    bool gutenberg = false;
    for (const Passage& p : hits) gutenberg = gutenberg || p.text.contains(QStringLiteral("Gutenberg"));
    QVERIFY(gutenberg);
}

QTEST_GUILESS_MAIN(TstDocsEmbedding)
#include "tst_docs_embedding.moc"
