// Packed embedding batches on Vulkan: Embedder::embed puts consecutive texts into one forward
// pass (concatenated rows, RoPE positions from each text's start, block-diagonal causal
// attention). Each vector must be the one the text gets alone: compared with one text a pass
// on Vulkan (forwardLastHidden, the path before batching) and with the CPU reference, for
// texts of 1 token up to maxTokens, more of them than one pass holds, passes cut into prompt
// chunks mid-text. Tolerance as tst_docs_embedding's vulkanMatchesCpu (unit vectors of 64
// floats, f32 kernels summing in other orders: ~1e-6 apart): cosine > 0.99999 and every
// element within 1e-3. A text attending to a neighbour's rows, or rotated at its row instead
// of its position, lands far outside that.
#include <QtTest>

#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "model_gen.h"
#include "ponder/embedding.h"
#include "model/arch.h"
#include "vk/model_runner.h"

namespace ponder {
const model::ModelData& modelData(const Model& m);  // model.cpp
}

using namespace ponder;

class TstEmbeddingBatch : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    std::string m_model;
    static constexpr uint32_t kMaxTokens = 200;  // > 128: long texts cross prompt chunks

    static std::string words(int n) {
        std::string s;
        for (int i = 0; i < n; ++i) s += "w" + std::to_string(i * 7 % 31) + " ";
        return s;
    }

    static void compare(const std::vector<float>& a, const std::vector<float>& b, size_t dim, size_t t,
                        const char* what) {
        double dot = 0, maxDiff = 0;
        for (size_t i = 0; i < dim; ++i) {
            dot += double(a[t * dim + i]) * b[t * dim + i];
            maxDiff = std::max(maxDiff, std::abs(double(a[t * dim + i]) - b[t * dim + i]));
        }
        QVERIFY2(dot > 0.99999 && maxDiff < 1e-3,
                 qPrintable(QStringLiteral("%1, text %2: cosine %3, max diff %4").arg(what).arg(t).arg(dot).arg(maxDiff)));
    }

private slots:
    void initTestCase() {
        QVERIFY(m_tmp.isValid());
        m_model = m_tmp.filePath(QStringLiteral("qwen3-embedding.gguf")).toStdString();
        const auto written = testgen::writeModel(testgen::tinyEmbeddingSpec(11), m_model);
        QVERIFY2(written.ok(), written.ok() ? "" : written.error().message.c_str());
    }

    void packedMatchesOneAtATimeAndCpu() {
        EmbedderOptions o;
        o.maxTokens = kMaxTokens;
        auto cpu = Embedder::open(m_model, o);
        QVERIFY(cpu.ok());
        o.backend = Backend::Vulkan;
        auto packed = Embedder::open(m_model, o);
        QVERIFY2(packed.ok(), packed.ok() ? "" : packed.error().message.c_str());
        o.maxTextsPerPass = 1;
        auto single = Embedder::open(m_model, o);
        QVERIFY2(single.ok(), single.ok() ? "" : single.error().message.c_str());
        QCOMPARE((*packed)->batchTokens(), 4 * kMaxTokens);
        QCOMPARE((*single)->batchTokens(), kMaxTokens);

        // "" is the end-of-text token alone (1 token); the longest are cut to maxTokens.
        const std::vector<int> lengths = {0, 3, 500, 1, 40, 12, 0, 90, 300, 2, 60, 150, 7, 33, 400, 5, 0, 21};
        std::vector<std::string> texts;
        for (int n : lengths) texts.push_back(words(n));
        size_t total = 0, shortest = kMaxTokens, longest = 0;
        for (const std::string& t : texts) {
            const size_t n = (*packed)->inputTokens(t).size();
            total += n;
            shortest = std::min(shortest, n);
            longest = std::max(longest, n);
        }
        QCOMPARE(shortest, size_t(1));
        QCOMPARE(longest, size_t(kMaxTokens));
        QVERIFY2(total > 2 * (*packed)->batchTokens(), qPrintable(QString::number(total)));  // three passes or more

        const auto a = (*packed)->embed(texts);
        QVERIFY2(a.ok(), a.ok() ? "" : a.error().message.c_str());
        const auto b = (*single)->embed(texts);
        QVERIFY2(b.ok(), b.ok() ? "" : b.error().message.c_str());
        const auto c = (*cpu)->embed(texts);
        QVERIFY(c.ok());
        const size_t dim = (*packed)->dimension();
        QCOMPARE(a->size(), texts.size() * dim);
        for (size_t t = 0; t < texts.size(); ++t) {
            compare(*a, *b, dim, t, "packed vs one a pass");
            compare(*a, *c, dim, t, "packed vs CPU");
        }
        // Not vacuous: the texts' vectors differ from each other.
        double dot = 0;
        for (size_t i = 0; i < dim; ++i) dot += double((*a)[i]) * (*a)[dim + i];
        QVERIFY(dot < 0.999);
    }

    void passLimitAndOrder() {
        // Two texts a pass: the same vectors in the same order as one big pass.
        EmbedderOptions o;
        o.maxTokens = kMaxTokens;
        o.backend = Backend::Vulkan;
        auto all = Embedder::open(m_model, o);
        QVERIFY(all.ok());
        o.maxTextsPerPass = 2;
        auto two = Embedder::open(m_model, o);
        QVERIFY(two.ok());
        const std::vector<std::string> texts = {words(5), words(1), words(80), "", words(30)};
        const auto a = (*all)->embed(texts);
        const auto b = (*two)->embed(texts);
        QVERIFY(a.ok() && b.ok());
        for (size_t t = 0; t < texts.size(); ++t) compare(*a, *b, (*all)->dimension(), t, "one pass vs two a pass");
    }

    void runnerRejectsBadBatches() {
        auto model = Model::load(m_model);
        QVERIFY(model.ok());
        SessionOptions so;
        so.backend = Backend::Vulkan;
        so.kvType = KvCacheType::F32;
        auto runner = vk::ModelRunner::create(modelData(**model), so, 8);
        QVERIFY2(runner.ok(), runner.ok() ? "" : runner.error().message.c_str());
        const std::vector<int32_t> five = {1, 2, 3, 4, 5}, none, bad = {1, 100000};
        std::vector<float> rows;
        using Texts = std::vector<std::span<const int32_t>>;
        const auto code = [&](const Texts& t) {
            auto r = (*runner)->forwardLastHiddenBatch(t, rows);
            return r ? ErrorCode(-1) : r.error().code;
        };
        QCOMPARE(code({}), ErrorCode::InvalidArgument);
        QCOMPARE(code({five, five}), ErrorCode::InvalidArgument);  // 10 tokens > capacity 8
        QCOMPARE(code({five, none}), ErrorCode::InvalidArgument);
        QCOMPARE(code({bad}), ErrorCode::InvalidArgument);
        QCOMPARE(code({five, std::span<const int32_t>(five).first(3)}), ErrorCode(-1));  // exactly full
        QCOMPARE(rows.size(), 2 * size_t(modelData(**model).hp.nEmbd));

        // Only the llama-family graph packs texts.
        testgen::ModelSpec ds = testgen::tinyEmbeddingSpec(3);
        ds.arch = "deepseek2";
        ds.nHeadKv = ds.nHead;
        ds.nExpert = 4;
        ds.nExpertUsed = 2;
        ds.nFfExp = 64;
        const std::string dsPath = m_tmp.filePath(QStringLiteral("deepseek2.gguf")).toStdString();
        const auto written = testgen::writeModel(ds, dsPath);
        QVERIFY2(written.ok(), written.ok() ? "" : written.error().message.c_str());
        auto dsModel = Model::load(dsPath);
        QVERIFY(dsModel.ok());
        auto dsRunner = vk::ModelRunner::create(modelData(**dsModel), so, 8);
        QVERIFY2(dsRunner.ok(), dsRunner.ok() ? "" : dsRunner.error().message.c_str());
        auto r = (*dsRunner)->forwardLastHiddenBatch(Texts{five}, rows);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Unsupported);
    }
};

QTEST_GUILESS_MAIN(TstEmbeddingBatch)
#include "tst_embedding_batch.moc"
