// The CPU reference ops against values worked out by hand (expected numbers come from the
// formulas in engine-spec.md 2.0, never from the code under test).
#include <QtTest>
#include <cmath>
#include <limits>
#include <vector>

#include "cpu/attention.h"
#include "cpu/matmul.h"
#include "cpu/moe_routing.h"
#include "cpu/ops.h"

using namespace ponder;
using namespace ponder::cpu;

class TstCpuOps : public QObject {
    Q_OBJECT

private slots:
    void rmsNormScalesByRootMeanSquare() {
        // mean(x^2) = (1+4+9+16)/4 = 7.5; 1/sqrt(7.5) = 0.36514837
        const float x[4] = {1, 2, 3, 4}, w[4] = {1, 1, 2, 0.5f};
        float y[4];
        rmsNorm(x, w, y, 4, 0.0f);
        const float s = 0.36514837f;
        const float want[4] = {1 * s, 2 * s, 6 * s, 2 * s};
        for (int i = 0; i < 4; ++i) QVERIFY(std::abs(y[i] - want[i]) < 1e-6f);
        // eps enters under the root: x = [0, 0] gives 0, not NaN.
        const float z[2] = {0, 0};
        float yz[2];
        rmsNorm(z, nullptr, yz, 2, 1e-5f);
        QCOMPARE(yz[0], 0.0f);
    }

    void softmaxOfLogs() {
        float x[4] = {0.0f, std::log(2.0f), std::log(3.0f), -std::numeric_limits<float>::infinity()};
        softmax(x, 4);
        QVERIFY(std::abs(x[0] - 1.0f / 6) < 1e-6f);
        QVERIFY(std::abs(x[1] - 2.0f / 6) < 1e-6f);
        QVERIFY(std::abs(x[2] - 3.0f / 6) < 1e-6f);
        QCOMPARE(x[3], 0.0f);
    }

    void swigluIsSiluTimesUp() {
        float g[2] = {0.0f, 1.0f};
        const float u[2] = {5.0f, 2.0f};
        swiglu(g, u, 2);
        QCOMPARE(g[0], 0.0f);                                   // silu(0) = 0
        QVERIFY(std::abs(g[1] - 2.0f * 0.7310586f) < 1e-6f);    // silu(1) = 1/(1+e^-1)
    }

    void ropeNormRotatesAdjacentPairs() {
        // n_rot 4, base 10000, position 1: pair 0 turns by 1 rad, pair 1 by 10000^(-1/2) = 0.01.
        RopeParams p;
        p.type = RopeType::Norm;
        p.nRot = 4;
        float h[4] = {1, 0, 1, 0};
        rope(h, 1, 4, 1, p);
        QVERIFY(std::abs(h[0] - 0.5403023f) < 1e-6f);
        QVERIFY(std::abs(h[1] - 0.8414710f) < 1e-6f);
        QVERIFY(std::abs(h[2] - 0.99995f) < 1e-6f);
        QVERIFY(std::abs(h[3] - 0.00999983f) < 1e-6f);
    }

    void ropeNeoxRotatesHalves() {
        RopeParams p;
        p.type = RopeType::Neox;
        p.nRot = 4;
        float h[6] = {1, 1, 0, 0, 7, 8};  // elements past n_rot pass through
        rope(h, 1, 6, 1, p);
        QVERIFY(std::abs(h[0] - 0.5403023f) < 1e-6f);   // pair (0, 2) by 1 rad
        QVERIFY(std::abs(h[2] - 0.8414710f) < 1e-6f);
        QVERIFY(std::abs(h[1] - 0.99995f) < 1e-6f);     // pair (1, 3) by 0.01 rad
        QVERIFY(std::abs(h[3] - 0.00999983f) < 1e-6f);
        QCOMPARE(h[4], 7.0f);
        QCOMPARE(h[5], 8.0f);
        float same[4] = {1, 2, 3, 4};
        rope(same, 1, 4, 0, p);  // position 0 is the identity
        QCOMPARE(same[1], 2.0f);
    }

    void ropeFrequencyFactorsDivideTheAngle() {
        RopeParams p;
        p.nRot = 2;
        const float ff[1] = {2.0f};
        p.freqFactors = ff;
        float h[2] = {1, 0};
        rope(h, 1, 2, 1, p);  // angle 1/2
        QVERIFY(std::abs(h[0] - std::cos(0.5f)) < 1e-6f);
        QVERIFY(std::abs(h[1] - std::sin(0.5f)) < 1e-6f);
    }

    void yarnCorrectionDimsAndMagnitude() {
        // engine-spec.md 2.5.4: n_rot 64, base 10000, orig ctx 4096 -> corr(32) = 10.47 -> 10,
        // corr(1) = 22.51 -> 23.
        float dims[2];
        ropeYarnCorrDims(64, 4096, 10000.0f, 32.0f, 1.0f, dims);
        QCOMPARE(dims[0], 10.0f);
        QCOMPARE(dims[1], 23.0f);

        RopeParams p;
        p.nRot = 64;
        p.freqScale = 1.0f / 40;
        p.extFactor = 1.0f;
        p.nCtxOrig = 4096;
        std::vector<float> cs(64);
        ropeCache(1, p, cs.data());
        const float m = 1.0f + 0.1f * std::log(40.0f);  // 1.368888
        // Pair 0 (below the ramp) keeps the original angle 1 rad; pair 31 (past it) is
        // interpolated: 10000^(-62/64) / 40.
        QVERIFY(std::abs(cs[0] - m * std::cos(1.0f)) < 1e-5f);
        QVERIFY(std::abs(cs[1] - m * std::sin(1.0f)) < 1e-5f);
        const float a31 = std::pow(10000.0f, -62.0f / 64.0f) / 40.0f;
        QVERIFY(std::abs(cs[63] - m * std::sin(a31)) < 1e-7f);
        // Pair 16 sits inside the ramp: mix = 1 - (16 - 10) / 13.
        const float ext = std::pow(10000.0f, -32.0f / 64.0f), mix = 1.0f - 6.0f / 13.0f;
        const float a16 = ext / 40.0f * (1 - mix) + ext * mix;
        QVERIFY(std::abs(cs[33] - m * std::sin(a16)) < 1e-5f);
    }

    void softmaxRoutingPicksTopKAndRenormalises() {
        const float logits[4] = {0.0f, std::log(2.0f), std::log(3.0f), std::log(4.0f)};  // probs .1 .2 .3 .4
        RoutingParams r;
        r.nExpert = 4;
        r.nExpertUsed = 2;
        int32_t ids[2];
        float w[2];
        routeExperts(logits, r, ids, w);
        QCOMPARE(ids[0], 3);
        QCOMPARE(ids[1], 2);
        QVERIFY(std::abs(w[0] - 0.4f) < 1e-6f && std::abs(w[1] - 0.3f) < 1e-6f);
        r.normWeights = true;
        r.weightScale = 2.0f;
        routeExperts(logits, r, ids, w);
        QVERIFY(std::abs(w[0] - 8.0f / 7) < 1e-6f && std::abs(w[1] - 6.0f / 7) < 1e-6f);
    }

    void selectionBiasChoosesButDoesNotWeigh() {
        const float logits[4] = {0, 0, 0, 0};  // sigmoid -> 0.5 each
        const float bias[4] = {0, 0, 1.0f, 0.5f};
        RoutingParams r;
        r.nExpert = 4;
        r.nExpertUsed = 2;
        r.gating = ExpertGating::Sigmoid;
        r.selectionBias = bias;
        int32_t ids[2];
        float w[2];
        routeExperts(logits, r, ids, w);
        QCOMPARE(ids[0], 2);
        QCOMPARE(ids[1], 3);
        QCOMPARE(w[0], 0.5f);
        QCOMPARE(w[1], 0.5f);
    }

    void groupLimitedRoutingUsesTopTwoSum() {
        // Groups of two: {0.9, 0.0} sums to 0.9, {0.6, 0.5} to 1.1, the others lower. With one
        // group kept, the best single expert (0) loses to group 1's experts 2 and 3.
        const float logits[8] = {0.9f, 0.0f, 0.6f, 0.5f, 0.1f, 0.1f, 0.2f, 0.3f};
        RoutingParams r;
        r.nExpert = 8;
        r.nExpertUsed = 2;
        r.gating = ExpertGating::SoftmaxWeight;  // raw scores select; softmax over the winners
        r.nGroups = 4;
        r.nGroupUsed = 1;
        int32_t ids[2];
        float w[2];
        routeExperts(logits, r, ids, w);
        QCOMPARE(ids[0], 2);
        QCOMPARE(ids[1], 3);
        const float e = std::exp(0.1f);  // softmax([0.6, 0.5])
        QVERIFY(std::abs(w[0] - e / (e + 1)) < 1e-6f);
    }

    void attentionCausalWindowSinksGqa() {
        // One KV head of size 2 at positions 0 and 1; two query heads share it (GQA).
        const float k[4] = {1, 0, 0, 1}, v[4] = {1, 2, 3, 4};
        const KvRows kr{KvCacheType::F32, k, 2}, vr{KvCacheType::F32, v, 2};
        const float q[4] = {0, std::log(3.0f), 0, std::log(3.0f)};  // token at position 1
        AttentionParams p;
        p.nHead = 2;
        p.nHeadKv = 1;
        p.headDimK = p.headDimV = 2;
        float out[4];
        attention(q, 1, 1, kr, vr, p, out, 1);  // scores [0, ln 3] -> P = [1/4, 3/4]
        QVERIFY(std::abs(out[0] - 2.5f) < 1e-6f && std::abs(out[1] - 3.5f) < 1e-6f);
        QCOMPARE(out[2], out[0]);
        p.window = 1;  // only the current position remains
        attention(q, 1, 1, kr, vr, p, out, 1);
        QVERIFY(std::abs(out[0] - 3.0f) < 1e-6f && std::abs(out[1] - 4.0f) < 1e-6f);
        p.window = 0;
        const float sinks[2] = {0.0f, 0.0f};  // e^0 joins the denominator: P = [1/5, 3/5]
        p.sinks = sinks;
        attention(q, 1, 1, kr, vr, p, out, 1);
        QVERIFY(std::abs(out[0] - 2.0f) < 1e-6f && std::abs(out[1] - 2.8f) < 1e-6f);
        // Causality: the token at position 0 sees only key 0.
        p.sinks = nullptr;
        attention(q, 1, 0, kr, vr, p, out, 1);
        QVERIFY(std::abs(out[0] - 1.0f) < 1e-6f && std::abs(out[1] - 2.0f) < 1e-6f);
    }

    void matmulOverRows() {
        // W = [[1, 2], [3, 4], [5, 6]] (3 rows of 2), two tokens.
        const float w[6] = {1, 2, 3, 4, 5, 6};
        Matrix m{TensorType::F32, 2, 3, 8, reinterpret_cast<const uint8_t*>(w)};
        const float x[4] = {1, 1, 2, -1};
        float y[6];
        QVERIFY(matmul(m, x, 2, 2, y, 3, 2).ok());
        const float want[6] = {3, 7, 11, 0, 2, 4};
        for (int i = 0; i < 6; ++i) QCOMPARE(y[i], want[i]);
    }
};

QTEST_GUILESS_MAIN(TstCpuOps)
#include "tst_cpu_ops.moc"
