// Model loading (hyper-parameters, weight binding and its errors), parameter counts, and
// the Session's KV cache: batch == token-by-token decode, truncate + re-evaluate == fresh.
#include <QDir>
#include <QtTest>
#include <cstring>

#include "model_gen.h"
#include "ponder/model.h"

using namespace ponder;

namespace {

QString artifact(const QString& name) {
    QDir().mkpath(QStringLiteral(PONDER_ARTIFACTS_DIR "/model"));
    return QStringLiteral(PONDER_ARTIFACTS_DIR "/model/") + name;
}

std::unique_ptr<Model> loadOrFail(const testgen::ModelSpec& spec, const QString& name) {
    const QString path = artifact(name);
    auto w = testgen::writeModel(spec, path.toStdString());
    if (!w) qFatal("cannot write %s: %s", qPrintable(name), w.error().message.c_str());
    auto m = Model::load(path.toStdString());
    if (!m) qFatal("cannot load %s: %s", qPrintable(name), m.error().message.c_str());
    return std::move(m.value());
}

// The error a deliberately broken model gets at load.
Error loadError(const testgen::ModelSpec& spec, const QString& name) {
    const QString path = artifact(name);
    auto w = testgen::writeModel(spec, path.toStdString());
    if (!w) return w.error();
    auto m = Model::load(path.toStdString());
    if (m) return makeError(ErrorCode::Ok, "loaded");
    return m.error();
}

std::vector<int32_t> someTokens(size_t n, uint32_t salt) {
    std::vector<int32_t> t(n);
    for (size_t i = 0; i < n; ++i) t[i] = int32_t((i * 131 + salt * 17 + 7) % 512);
    return t;
}

bool sameBits(const std::vector<float>& a, const float* b, size_t n) {
    return a.size() >= n && std::memcmp(a.data(), b, n * sizeof(float)) == 0;
}

}  // namespace

class TstModel : public QObject {
    Q_OBJECT

private slots:
    void hyperParametersAndCounts() {
        testgen::ModelSpec s;
        s.arch = "qwen3moe";
        s.nEmbd = 64;
        s.nHead = 4;
        s.nHeadKv = 2;
        s.headDim = 32;
        s.nFf = 96;
        s.nExpert = 6;
        s.nExpertUsed = 2;
        s.nFfExp = 32;
        s.nLayer = 3;
        auto m = loadOrFail(s, QStringLiteral("counts.gguf"));
        const HyperParams& hp = m->hparams();
        QCOMPARE(hp.arch, Architecture::Qwen3Moe);
        QCOMPARE(hp.nLayer, 3u);
        QCOMPARE(hp.nVocab, 512u);
        QCOMPARE(hp.nHeadKv[2], 2u);
        QCOMPARE(hp.headDimK, 32u);
        QCOMPARE(hp.nFfExp, 32u);
        QCOMPARE(hp.ropeType, RopeType::Neox);
        QCOMPARE(hp.qkNorm, QkNorm::PerHead);
        QVERIFY(hp.expertWeightsNorm);
        // Counted by hand from the shapes the generator writes:
        // embeddings 64*512, output 64*512, output_norm 64; per layer: attn_norm 64,
        // q 64*128, k 64*64, v 64*64, o 128*64, q/k norms 32+32, ffn_norm 64,
        // router 64*6, experts 3*64*32*6.
        const uint64_t perLayerDense = 64 + 64 * 128 + 64 * 64 * 2 + 128 * 64 + 64 + 64 + 64 * 6;
        const uint64_t perLayerExperts = 3ull * 64 * 32 * 6;
        const uint64_t total = 2ull * 64 * 512 + 64 + 3 * (perLayerDense + perLayerExperts);
        QCOMPARE(m->parameterCounts().total, total);
        const uint64_t active = 64 + 64 * 512 + 64 + 3 * (perLayerDense + perLayerExperts / 3);
        QCOMPARE(m->parameterCounts().activePerToken, active);
    }

    void bindingErrorsNameTheTensor() {
        testgen::ModelSpec s;
        s.omitTensors = {"blk.1.ffn_up.weight"};
        Error e = loadError(s, QStringLiteral("missing.gguf"));
        QCOMPARE(e.code, ErrorCode::InvalidFormat);
        QVERIFY2(QString::fromStdString(e.message).contains("missing tensor 'blk.1.ffn_up.weight'"), e.message.c_str());

        s = {};
        s.extraTensors = {"blk.0.mystery.weight"};
        e = loadError(s, QStringLiteral("extra.gguf"));
        QVERIFY2(QString::fromStdString(e.message).contains("unexpected tensor 'blk.0.mystery.weight'"), e.message.c_str());

        s = {};  // metadata says 96 but the tensors are 128 wide
        s.tweakMetadata = [](gguf::Writer& w) { w.setU32("llama.feed_forward_length", 96); };
        e = loadError(s, QStringLiteral("shape.gguf"));
        QVERIFY2(QString::fromStdString(e.message).contains("tensor 'blk.0.ffn_gate.weight' has shape [64, 128], expected [64, 96]"),
                 e.message.c_str());
    }

    void hostileHyperParametersAreRejected_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<uint>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("zero heads") << "attention.head_count" << 0u << "zero attention heads";
        QTest::newRow("zero kv heads") << "attention.head_count_kv" << 0u << "head_count_kv is zero";
        QTest::newRow("heads not multiple of kv") << "attention.head_count_kv" << 3u << "not a multiple";
        QTest::newRow("more used than experts") << "expert_used_count" << 9u << "exceeds expert_count";
        QTest::newRow("zero used") << "expert_used_count" << 0u << "expert_used_count is zero";
        QTest::newRow("too many experts") << "expert_count" << 100000u << "exceeds 512";
        QTest::newRow("odd rope") << "rope.dimension_count" << 7u << "rope.dimension_count";
        QTest::newRow("no layers") << "block_count" << 0u << "block_count 0";
    }

    void hostileHyperParametersAreRejected() {
        QFETCH(QString, key);
        QFETCH(uint, value);
        QFETCH(QString, expected);
        testgen::ModelSpec s;
        s.arch = "mixtral";
        const std::string k = "llama." + key.toStdString();
        s.tweakMetadata = [k, value](gguf::Writer& w) { w.setU32(k, value); };
        const Error e = loadError(s, QStringLiteral("hostile.gguf"));
        QVERIFY2(e.code != ErrorCode::Ok, "a broken model loaded");
        QVERIFY2(QString::fromStdString(e.message).contains(expected), e.message.c_str());
    }

    void wrongKeyTypeIsAnError() {
        testgen::ModelSpec s;
        s.tweakMetadata = [](gguf::Writer& w) { w.setString("llama.embedding_length", "sixty-four"); };
        const Error e = loadError(s, QStringLiteral("keytype.gguf"));
        QVERIFY2(QString::fromStdString(e.message).contains("llama.embedding_length"), e.message.c_str());
    }

    void unknownArchitectureIsUnsupported() {
        testgen::ModelSpec s;
        s.tweakMetadata = [](gguf::Writer& w) { w.setString("general.architecture", "mamba"); };
        const Error e = loadError(s, QStringLiteral("arch.gguf"));
        QCOMPARE(e.code, ErrorCode::Unsupported);
    }

    void batchEqualsTokenByTokenDecode_data() {
        QTest::addColumn<QString>("arch");
        QTest::addColumn<int>("type");
        QTest::addColumn<int>("kv");
        QTest::newRow("llama F32 f32-kv") << "llama" << int(TensorType::F32) << int(KvCacheType::F32);
        QTest::newRow("qwen3 Q4_K f16-kv") << "qwen3" << int(TensorType::Q4_K) << int(KvCacheType::F16);
        QTest::newRow("qwen3moe Q8_0 f16-kv") << "qwen3moe" << int(TensorType::Q8_0) << int(KvCacheType::F16);
        QTest::newRow("granitemoe Q4_0 f32-kv") << "granitemoe" << int(TensorType::Q4_0) << int(KvCacheType::F32);
    }

    void batchEqualsTokenByTokenDecode() {
        QFETCH(QString, arch);
        QFETCH(int, type);
        QFETCH(int, kv);
        testgen::ModelSpec s;
        s.arch = arch.toStdString();
        s.type = TensorType(type);
        s.nEmbd = 256;
        s.nFf = 256;
        auto m = loadOrFail(s, QStringLiteral("decode-%1.gguf").arg(arch));
        SessionOptions o;
        o.kvType = KvCacheType(kv);
        o.contextLength = 32;
        auto batch = Session::create(*m, o);
        auto single = Session::create(*m, o);
        QVERIFY(batch.ok() && single.ok());
        const auto tokens = someTokens(24, 1);
        auto all = (*batch)->forward(tokens, 0);
        QVERIFY(all.ok());
        const size_t V = m->hparams().nVocab;
        for (size_t t = 0; t < tokens.size(); ++t) {
            auto one = (*single)->append(std::span(&tokens[t], 1));
            QVERIFY(one.ok());
            QVERIFY2(sameBits(*one, all->data() + t * V, V), qPrintable(QStringLiteral("position %1 differs").arg(t)));
        }
        QCOMPARE((*single)->position(), 24u);
    }

    void truncateThenReevaluateEqualsFresh() {
        testgen::ModelSpec s;
        s.arch = "qwen2";
        auto m = loadOrFail(s, QStringLiteral("truncate.gguf"));
        SessionOptions o;
        o.kvType = KvCacheType::F16;
        o.contextLength = 40;
        const size_t V = m->hparams().nVocab;
        const auto first = someTokens(20, 2), edit = someTokens(10, 3);

        auto session = Session::create(*m, o);
        QVERIFY(session.ok());
        QVERIFY((*session)->forward(first, 0).ok());
        (*session)->truncate(10);
        QCOMPARE((*session)->position(), 10u);
        auto edited = (*session)->append(edit);
        QVERIFY(edited.ok());

        std::vector<int32_t> joined(first.begin(), first.begin() + 10);
        joined.insert(joined.end(), edit.begin(), edit.end());
        auto fresh = Session::create(*m, o);
        auto ref = (*fresh)->forward(joined, 0);
        QVERIFY(ref.ok());
        QVERIFY(sameBits(*edited, ref->data() + 10 * V, 10 * V));

        // forward() from an earlier position drops the rest implicitly (regenerate).
        auto again = (*session)->forward(std::span(edit.data(), 5), 10);
        QVERIFY(again.ok());
        QVERIFY(sameBits(*again, ref->data() + 10 * V, 5 * V));
        QCOMPARE((*session)->position(), 15u);
    }

    void sessionRejectsBadRequests() {
        auto m = loadOrFail(testgen::ModelSpec{}, QStringLiteral("requests.gguf"));
        SessionOptions o;
        o.contextLength = 8;
        auto s = Session::create(*m, o);
        QVERIFY(s.ok());
        const std::vector<int32_t> bad = {1, 512};
        auto r = (*s)->forward(bad, 0);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
        QVERIFY(!(*s)->forward(someTokens(2, 0), 3).ok());   // past the cached positions
        QVERIFY(!(*s)->forward(someTokens(9, 0), 0).ok());   // longer than the context
        QVERIFY((*s)->forward(someTokens(8, 0), 0).ok());
    }

    void f16CacheStaysCloseToF32() {
        auto m = loadOrFail(testgen::ModelSpec{}, QStringLiteral("kvtype.gguf"));
        SessionOptions a, b;
        a.kvType = KvCacheType::F32;
        b.kvType = KvCacheType::F16;
        a.contextLength = b.contextLength = 16;
        auto sa = Session::create(*m, a), sb = Session::create(*m, b);
        const auto tokens = someTokens(16, 4);
        auto la = (*sa)->forward(tokens, 0), lb = (*sb)->forward(tokens, 0);
        QVERIFY(la.ok() && lb.ok());
        double maxDiff = 0;
        bool anyDiff = false;
        for (size_t i = 0; i < la->size(); ++i) {
            maxDiff = std::max(maxDiff, double(std::abs((*la)[i] - (*lb)[i])));
            anyDiff = anyDiff || (*la)[i] != (*lb)[i];
        }
        // Half precision keeps 11 bits: logits of size ~3 move by a few 1e-3 at most.
        QVERIFY2(maxDiff < 0.05, qPrintable(QString::number(maxDiff)));
        QVERIFY2(anyDiff, "the F16 cache did not round anything");
    }
};

QTEST_GUILESS_MAIN(TstModel)
#include "tst_model.moc"
