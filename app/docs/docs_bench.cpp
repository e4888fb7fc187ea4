#include "docs_bench.h"

#include "chunk_embedder.h"
#include "doc_indexer.h"
#include "docs_retriever.h"
#include "docs_store.h"
#include "simple_pdf.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

namespace {

void out(const QString& s) {
    std::fputs((s + u'\n').toUtf8().constData(), stdout);
    std::fflush(stdout);
}

// Deterministic pseudo-English: syllable words drawn with Zipf frequencies, so FTS5 sees a
// realistic mix of very common and rare terms.
class Prose {
public:
    explicit Prose(quint32 seed) : m_rng(seed) {
        const char* syl[] = {"ka", "lo", "mi", "ren", "tas", "vo", "pel", "dri", "sun", "ar", "en", "ol",
                             "bri", "cha", "dun", "fe", "gor", "hal", "ist", "jun", "ko", "lum", "nor", "pra"};
        for (int i = 0; i < 8000; ++i) {
            QString w;
            const int n = 2 + int(m_rng.bounded(3));
            for (int k = 0; k < n; ++k) w += QLatin1String(syl[m_rng.bounded(int(std::size(syl)))]);
            m_words << w;
            m_cumulative << (m_cumulative.isEmpty() ? 0.0 : m_cumulative.last()) + 1.0 / double(i + 1);
        }
    }
    QString word() {
        const double r = m_rng.generateDouble() * m_cumulative.last();
        const qsizetype i = std::lower_bound(m_cumulative.begin(), m_cumulative.end(), r) - m_cumulative.begin();
        return m_words[std::min(i, m_words.size() - 1)];
    }
    QString rareWord() { return m_words[500 + m_rng.bounded(7000)]; }
    QString line(int words) {
        QStringList l;
        for (int i = 0; i < words; ++i) l << word();
        return l.join(u' ');
    }

private:
    QRandomGenerator m_rng;
    QStringList m_words;
    QList<double> m_cumulative;
};

// Stands in for the model in the query-latency runs: what is measured there is the brute
// force over stored vectors and the fusion, not the model (its speed is measured apart).
class RandomEmbedder : public ChunkEmbedder {
public:
    explicit RandomEmbedder(int dim) : m_dim(dim) {}
    QString modelPath() const override { return QStringLiteral("bench-random"); }
    int dimension() const override { return m_dim; }
    bool embed(const QStringList& texts, QList<QVector<float>>& vectors, QString&) override {
        for (qsizetype i = 0; i < texts.size(); ++i) vectors << unitVector(m_rng);
        return true;
    }
    QVector<float> unitVector(QRandomGenerator& rng) const {
        QVector<float> v(m_dim);
        double n = 0;
        for (float& x : v) {
            x = float(rng.generateDouble() - 0.5);
            n += double(x) * x;
        }
        for (float& x : v) x = float(x / std::sqrt(n));
        return v;
    }

private:
    int m_dim;
    QRandomGenerator m_rng{7};
};

double median(QList<double> v) {
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0.0 : v[v.size() / 2];
}

struct Bench {
    QTemporaryDir tmp;
    Prose prose{42};
};

// Indexes @p folder into a fresh collection; returns the run's progress and seconds.
bool indexFolder(const QString& dataDir, const QString& folder, ChunkEmbedder* embedder, IndexProgress& p, double& s) {
    Database db(dataDir);
    if (!db.open()) return false;
    DocsStore store(db);
    const Result<qint64> col = store.createCollection(QStringLiteral("bench"), embedder ? embedder->modelPath() : QString());
    if (!col || !store.addSource(col.value(), folder, true)) return false;
    DocIndexer indexer(store, embedder);
    QElapsedTimer t;
    t.start();
    const Result<IndexProgress> run = indexer.run(col.value());
    s = double(t.nsecsElapsed()) / 1e9;
    if (!run) return false;
    p = run.value();
    return true;
}

void benchIndexing(Bench& b, const QString& embeddingModel, int embedChunks) {
    const QString text = b.tmp.filePath(QStringLiteral("text")), pdf = b.tmp.filePath(QStringLiteral("pdf"));
    QDir().mkpath(text);
    QDir().mkpath(pdf);
    for (int f = 0; f < 40; ++f) {  // 40 files of ~30 KB
        QFile file(QStringLiteral("%1/doc%2.txt").arg(text).arg(f));
        if (!file.open(QIODevice::WriteOnly)) return;
        for (int l = 0; l < 400; ++l) file.write((b.prose.line(12) + u'\n').toUtf8());
    }
    for (int f = 0; f < 4; ++f) {  // 4 PDFs of 50 pages, 50 lines each
        QList<QStringList> pages;
        for (int pg = 0; pg < 50; ++pg) {
            QStringList lines;
            for (int l = 0; l < 50; ++l) lines << b.prose.line(10);
            pages << lines;
        }
        simplepdf::write(QStringLiteral("%1/doc%2.pdf").arg(pdf).arg(f), pages);
    }
    out(QStringLiteral("| Corpus | Files | Pages | Chunks | Seconds | Pages/s | Chunks/s |"));
    out(QStringLiteral("|---|---|---|---|---|---|---|"));
    for (const auto& [name, folder] : {std::pair{QStringLiteral("text (40 × 30 KB), BM25"), text},
                                       std::pair{QStringLiteral("PDF (4 × 50 pages), BM25"), pdf}}) {
        IndexProgress p;
        double s = 0;
        if (!indexFolder(b.tmp.filePath(QStringLiteral("db-") + QFileInfo(folder).fileName()), folder, nullptr, p, s))
            continue;
        out(QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 | %7 |")
                .arg(name).arg(p.filesDone).arg(p.pages).arg(p.chunks)
                .arg(s, 0, 'f', 2).arg(double(p.pages) / s, 0, 'f', 1).arg(double(p.chunks) / s, 0, 'f', 0));
    }
    if (embeddingModel.isEmpty()) return;
    const QString small = b.tmp.filePath(QStringLiteral("small"));
    QDir().mkpath(small);
    QFile file(small + QStringLiteral("/doc.txt"));
    if (!file.open(QIODevice::WriteOnly)) return;
    // ~16 lines of 12 words fill one 1200-character chunk (with the overlap, a little more).
    for (int l = 0; l < 16 * embedChunks; ++l) file.write((b.prose.line(12) + u'\n').toUtf8());
    file.close();
    // The same chunks embedded by the engine's Vulkan backend and by its CPU reference.
    for (const bool gpu : {true, false}) {
        QString error;
        auto embedder = EngineEmbedder::open(embeddingModel, error, 512, gpu);
        if (!embedder) {
            out(QStringLiteral("embedding model unusable: ") + error);
            return;
        }
        if (gpu && !embedder->onGpu()) continue;  // no Vulkan device: the CPU row follows
        IndexProgress p;
        double s = 0;
        const QString db = QStringLiteral("db-embed-") + (gpu ? QStringLiteral("gpu") : QStringLiteral("cpu"));
        if (!indexFolder(b.tmp.filePath(db), small, embedder.get(), p, s)) return;
        out(QStringLiteral("| text, BM25 + embeddings (%1, dim %2, %3) | 1 | %4 | %5 | %6 | %7 | %8 (embedding alone: %9) |")
                .arg(QFileInfo(embeddingModel).fileName()).arg(embedder->dimension())
                .arg(gpu ? QStringLiteral("Vulkan") : QStringLiteral("CPU")).arg(p.pages).arg(p.chunks)
                .arg(s, 0, 'f', 2).arg(double(p.pages) / s, 0, 'g', 3).arg(double(p.chunks) / s, 0, 'g', 3)
                .arg(double(p.embeddedChunks) / std::max(1e-9, p.embedSeconds), 0, 'g', 3));
    }
}

void benchQueries(Bench& b, const QList<int>& sizes, int dim) {
    out(QString());
    out(QStringLiteral("| Chunks | Build s | BM25 query ms (median) | BM25 + dense (dim %1) ms (median) |").arg(dim));
    out(QStringLiteral("|---|---|---|---|"));
    RandomEmbedder embedder(dim);
    QRandomGenerator vrng(11);
    for (int n : sizes) {
        Database db(b.tmp.filePath(QStringLiteral("q%1").arg(n)));
        if (!db.open()) return;
        DocsStore store(db);
        const Result<qint64> col = store.createCollection(QStringLiteral("q"), embedder.modelPath());
        const Result<qint64> src = col ? store.addSource(col.value(), QStringLiteral("/bench"), true) : Result<qint64>(StorageError());
        if (!src) return;
        QElapsedTimer t;
        t.start();
        const int perDoc = 1000;
        QStringList paths;  // syncDocuments sets the source's whole file list
        for (int d = 0; d * perDoc < n; ++d) {
            paths << QStringLiteral("/bench/doc%1.txt").arg(d);
            if (!store.syncDocuments(col.value(), src.value(), paths)) return;
            QList<TextChunk> chunks;
            QList<QByteArray> blobs;
            for (int c = 0; c < std::min(perDoc, n - d * perDoc); ++c) {
                chunks.append({1, c * 10 + 1, c * 10 + 10, b.prose.line(100)});
                blobs.append(embedding::toBlob(embedder.unitVector(vrng)));
            }
            const Result<QList<DocumentInfo>> docs = store.documents(col.value());
            if (!docs || !store.replaceChunks(docs.value().last().id, chunks, blobs, 0, 0, QString(), 1)) return;
        }
        const double build = double(t.nsecsElapsed()) / 1e9;
        const Result<CollectionStats> st = store.stats(col.value());
        if (!st || st.value().chunks != n || st.value().embedded != n) {
            out(QStringLiteral("bench corpus wrong: %1 chunks stored").arg(st ? st.value().chunks : -1));
            return;
        }
        QList<double> bm25, hybrid;
        DocsRetriever plain(store);
        DocsRetriever dense(store);
        dense.setEmbedder(&embedder);
        for (int q = 0; q < 15; ++q) {
            const QString query = b.prose.rareWord() + u' ' + b.prose.word() + u' ' + b.prose.rareWord();
            t.restart();
            if (!plain.search({col.value()}, query, 5)) return;
            bm25 << double(t.nsecsElapsed()) / 1e6;
            if (q < 5) {  // the brute force is slow enough that five runs give a stable median
                t.restart();
                if (!dense.search({col.value()}, query, 5)) return;
                hybrid << double(t.nsecsElapsed()) / 1e6;
            }
        }
        out(QStringLiteral("| %1 | %2 | %3 | %4 |").arg(n).arg(build, 0, 'f', 1)
                .arg(median(bm25), 0, 'f', 2).arg(median(hybrid), 0, 'f', 1));
    }
}

}  // namespace

int runDocsBench(const QCommandLineParser& parser, const QStringList&) {
    Bench b;
    if (!b.tmp.isValid()) return 1;
    benchIndexing(b, parser.value(QStringLiteral("embedding-model")),
                  std::max(1, parser.value(QStringLiteral("embed-chunks")).toInt()));
    QList<int> sizes;
    for (const QString& s : parser.value(QStringLiteral("chunks")).split(u',', Qt::SkipEmptyParts)) {
        if (s.toInt() > 0) sizes << s.toInt();
    }
    benchQueries(b, sizes, 1024);
    return 0;
}
