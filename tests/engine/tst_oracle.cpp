// Ponder's CPU forward pass against llama.cpp on freshly generated random models of one
// architecture (PONDER_ORACLE_ARCH), in F32 and in every block format, over 64 tokens.
// The seed comes from the clock (or PONDER_ORACLE_SEED) and is printed so a failure can be
// reproduced; a failing model file is kept under test-artifacts/oracle/.
#include <QDir>
#include <QFile>
#include <QtTest>
#include <chrono>
#include <cmath>
#include <map>

#include "model_gen.h"
#include "oracle_harness.h"
#include "ponder/model.h"

#ifndef PONDER_ORACLE_ARCH
#error "compile with -DPONDER_ORACLE_ARCH=\"llama\" (see tests/engine/oracle.cmake)"
#endif

using namespace ponder;
using namespace ponder::testoracle;

namespace {

constexpr int kPositions = 64;

bool isMoe(const std::string& arch) {
    return arch == "mixtral" || arch == "qwen3moe" || arch == "olmoe" || arch == "granitemoe";
}

// Small models: n_embd 256 (a whole K-quant block), 2 layers, 4 heads of 64 with GQA where
// the architecture allows it, 8 experts of which 2 are used, a 512-token vocabulary.
testgen::ModelSpec specFor(const std::string& arch, TensorType type, uint64_t seed) {
    testgen::ModelSpec s;
    s.arch = arch;
    s.type = type;
    s.seed = seed;
    s.nEmbd = 256;
    s.nLayer = 2;
    s.nHead = 4;
    s.nHeadKv = arch == "olmoe" ? 4 : 2;
    s.headDim = 64;
    s.nFf = 256;
    s.nVocab = 512;
    if (arch == "llama") {
        s.ropeFreqs = true;      // Llama-3 frequency divisors
        s.attnBiases = true;
    }
    if (arch == "qwen3") {
        s.yarnFactor = 4.0f;     // YaRN ramp and magnitude
        s.yarnOrigCtx = 32;
    }
    if (arch == "qwen2") s.tiedOutput = true;  // output head = token_embd
    if (arch == "granitemoe") s.nFfShexp = 256;
    return s;
}

// Tolerances, per weight type, on the median over positions of KL(llama.cpp || Ponder).
// F32: both sides compute in float with F32 weights and an F32 cache; only summation order
// differs (measured max |Δ log p| ~5e-6; median KL up to 1.1e-8 in optimised builds, whose
// vectorised sums reorder more), so 1e-7 stays two orders below any rounding of weights or
// activations (F16 already gives ~1e-7..1e-6). F16/BF16: llama.cpp rounds the activations to
// the weight's type before each dot product (2^-11 / 2^-8 relative). Block formats:
// llama.cpp quantizes activations to Q8_0/Q8_K (oracle.md: ~1e-3 median KL) while Ponder
// dequantizes the weights exactly; the coarser the weights the larger the spread.
bool isFloatType(TensorType t) { return t == TensorType::F32 || t == TensorType::F16 || t == TensorType::BF16; }

double klTolerance(TensorType t) {
    switch (t) {
        case TensorType::F32: return 1e-7;
        case TensorType::F16: return 2e-5;
        case TensorType::BF16: return 1e-3;
        default: return 5e-3;
    }
}

// A position counts as "agreeing" when its KL is within this many times the median
// tolerance; MoE models may fall outside on routing near-ties (oracle.md), dense ones not.
constexpr double kPositionFactor = 10.0;

const TensorType kTypes[] = {TensorType::F32,  TensorType::F16,    TensorType::BF16,   TensorType::Q4_0,
                             TensorType::Q4_1, TensorType::Q5_0,   TensorType::Q5_1,   TensorType::Q8_0,
                             TensorType::Q2_K, TensorType::Q3_K,   TensorType::Q4_K,   TensorType::Q5_K,
                             TensorType::Q6_K, TensorType::IQ4_NL, TensorType::IQ4_XS, TensorType::MXFP4};

// Only a clear winner must have the same argmax: a reference top-2 gap below this may flip
// on the noise of the type (about twice the largest |Δ log p| measured for it).
double argmaxMargin(TensorType t) {
    switch (t) {
        case TensorType::F32:
        case TensorType::F16: return 0.01;
        case TensorType::BF16: return 0.1;
        default: return 0.6;
    }
}

uint64_t seedForRun() {
    const QByteArray env = qgetenv("PONDER_ORACLE_SEED");
    if (!env.isEmpty()) return env.toULongLong();
    return uint64_t(std::chrono::system_clock::now().time_since_epoch().count()) % 1000000007ull;
}

}  // namespace

class TstOracle : public QObject {
    Q_OBJECT

private:
    const std::string m_arch = PONDER_ORACLE_ARCH;
    uint64_t m_seed = 0;
    QString m_dir;
    std::vector<int32_t> m_tokens;
    std::map<int, QString> m_paths;          // type -> generated model
    std::map<int, OracleResult> m_reference; // type -> llama.cpp's log-probabilities

private slots:
    // Generates one model per type and runs llama.cpp once over all of them.
    void initTestCase() {
        m_seed = seedForRun();
        qInfo("arch %s, seed %llu (rerun with PONDER_ORACLE_SEED=%llu)", m_arch.c_str(),
              (unsigned long long)m_seed, (unsigned long long)m_seed);
        m_dir = QStringLiteral(PONDER_ARTIFACTS_DIR "/oracle/") + QString::fromStdString(m_arch);
        QVERIFY(QDir().mkpath(m_dir));
        uint64_t s = m_seed;
        for (int i = 0; i < kPositions; ++i) {
            s = s * 6364136223846793005ull + 1442695040888963407ull;
            m_tokens.push_back(int32_t((s >> 33) % 512));
        }
        QStringList paths;
        for (TensorType t : kTypes) {
            const QString path = QStringLiteral("%1/%2-%3-%4.gguf")
                                     .arg(m_dir, QString::fromStdString(m_arch),
                                          QString::fromLatin1(tensorTypeName(t).data()))
                                     .arg(m_seed);
            auto written = testgen::writeModel(specFor(m_arch, t, m_seed + uint64_t(t)), path.toStdString());
            QVERIFY2(written.ok(), written.ok() ? "" : written.error().message.c_str());
            m_paths[int(t)] = path;
            paths << path;
        }
        auto results = runOracle(paths, m_tokens, QStringLiteral("f32"));
        for (size_t i = 0; i < results.size(); ++i) m_reference[int(kTypes[i])] = std::move(results[i]);
    }

    void matchesLlamaCpp_data() {
        QTest::addColumn<int>("type");
        for (TensorType t : kTypes) QTest::newRow(tensorTypeName(t).data()) << int(t);
    }

    void matchesLlamaCpp() {
        QFETCH(int, type);
        const auto t = TensorType(type);
        const QString path = m_paths[type];
        const OracleResult& ref = m_reference[type];
        QVERIFY2(ref.ok, qPrintable(ref.error));

        auto model = Model::load(path.toStdString());
        QVERIFY2(model.ok(), model.ok() ? "" : model.error().message.c_str());
        SessionOptions opt;
        opt.kvType = KvCacheType::F32;
        opt.contextLength = kPositions;
        opt.threads = 2;
        auto session = Session::create(**model, opt);
        QVERIFY(session.ok());
        auto logits = (*session)->forward(m_tokens, 0);
        QVERIFY2(logits.ok(), logits.ok() ? "" : logits.error().message.c_str());
        const uint32_t nVocab = (*model)->hparams().nVocab;
        QCOMPARE(ref.nVocab, nVocab);

        const auto stats = compare(ref.logprobs, logSoftmaxRows(*logits, nVocab), nVocab);
        QCOMPARE(int(stats.size()), kPositions);
        std::vector<double> kls;
        double maxKl = 0, maxDiff = 0;
        int within = 0, argmaxMisses = 0;
        const double tol = klTolerance(t);
        for (const auto& st : stats) {
            kls.push_back(st.kl);
            maxKl = std::max(maxKl, st.kl);
            maxDiff = std::max(maxDiff, st.maxAbsDiff);
            if (st.kl <= tol * kPositionFactor) ++within;
            if (!st.sameArgmax && st.refTopGap > argmaxMargin(t)) ++argmaxMisses;
        }
        const double med = median(kls);
        qInfo("%-6s median KL %.3g  max KL %.3g  max|dlogp| %.3g  within %d/%d  argmax misses %d",
              tensorTypeName(t).data(), med, maxKl, maxDiff, within, kPositions, argmaxMisses);

        const bool moe = isMoe(m_arch);
        // Routing near-ties also move the median of MoE models (Mixtral measured up to 4.5e-3
        // on block formats), so their median gets twice the room; the per-position and
        // argmax checks below stay as strict.
        const double medianTol = moe && !isFloatType(t) ? 2 * tol : tol;
        QVERIFY2(med <= medianTol, qPrintable(QStringLiteral("median KL %1 > %2 (%3)").arg(med).arg(medianTol).arg(path)));
        // Dense: every position within tolerance; MoE: routing flips allowed on a few.
        const int needWithin = moe ? kPositions * 85 / 100 : kPositions;
        QVERIFY2(within >= needWithin, qPrintable(QStringLiteral("%1 of %2 positions within tolerance (%3)")
                                                      .arg(within).arg(kPositions).arg(path)));
        QVERIFY2(argmaxMisses <= (moe ? kPositions / 10 : 0),
                 qPrintable(QStringLiteral("%1 clear argmax disagreements (%2)").arg(argmaxMisses).arg(path)));
        if (t == TensorType::F32 && !moe) QVERIFY2(maxDiff < 1e-4, qPrintable(QString::number(maxDiff)));
        QFile::remove(path);  // kept only when a check above failed
    }
};

QTEST_GUILESS_MAIN(TstOracle)
#include "tst_oracle.moc"
