// MoE routing (moe_route) against cpu::routeExperts for every gating function and the
// per-model parameterisations of engine-spec.md 2.0.6 / 2.8, then a whole expert FFN on
// the GPU (route -> expert-routed gate/up -> SwiGLU -> weighted expert-routed down ->
// sumSlots) against a CPU composition of the references, and the weighted slot sum of
// gpt-oss's biased experts (bit-exact: one rounding per product and per add, as the CPU).
// Tolerances: ids exact (random logits have no near-ties); weights |w| eps (16 + 4 R) with
// R the logit range (exp error grows with its argument, normalisation adds a few roundings).
#include <QtTest>

#include <cmath>

#include "cpu/matmul.h"
#include "cpu/moe_routing.h"
#include "cpu/ops.h"
#include "kernel_test_util.h"
#include "quant/quant.h"

using namespace ponder;
using ktest::HostBuffer;
using ktest::kEps;

namespace {

struct RouteCase {
    uint32_t nExpert, nUsed;
    ExpertGating gating;
    bool norm;
    float scale;
    uint32_t groups, groupsUsed;
    bool bias;
};

}  // namespace

Q_DECLARE_METATYPE(RouteCase)

class TestKernelMoe : public QObject {
    Q_OBJECT
    ktest::Gpu m_gpu;

private slots:
    void initTestCase() { KTEST_OPEN_GPU(m_gpu); }

    void routing_data() {
        QTest::addColumn<RouteCase>("c");
        QTest::newRow("mixtral: softmax, norm, 2 of 8") << RouteCase{8, 2, ExpertGating::Softmax, true, 0, 0, 0, false};
        QTest::newRow("qwen3moe: softmax, norm, 8 of 128") << RouteCase{128, 8, ExpertGating::Softmax, true, 0, 0, 0, false};
        QTest::newRow("olmoe: softmax, 8 of 64") << RouteCase{64, 8, ExpertGating::Softmax, false, 0, 0, 0, false};
        QTest::newRow("deepseek-v2: groups 8/3, scale 16") << RouteCase{160, 6, ExpertGating::Softmax, false, 16, 8, 3, false};
        QTest::newRow("deepseek-v3: sigmoid, bias, groups 8/4, norm, x2.5")
            << RouteCase{256, 8, ExpertGating::Sigmoid, true, 2.5f, 8, 4, true};
        QTest::newRow("gpt-oss: softmax over the 4 best logits of 32")
            << RouteCase{32, 4, ExpertGating::SoftmaxWeight, false, 0, 0, 0, false};
        QTest::newRow("sqrt-softplus, bias, norm") << RouteCase{48, 6, ExpertGating::SqrtSoftplus, true, 1, 0, 0, true};
        QTest::newRow("512 experts, top 10") << RouteCase{512, 10, ExpertGating::Softmax, true, 0, 0, 0, false};
    }

    void routing() {
        QFETCH(RouteCase, c);
        vk::Device& dev = *m_gpu.device;
        const uint32_t nTokens = 5;
        std::mt19937 rng(c.nExpert * 3 + c.nUsed);
        const auto logits = ktest::randomFloats(size_t(nTokens) * c.nExpert, rng, -4.0f, 4.0f);
        const auto bias = ktest::randomFloats(c.nExpert, rng, -0.3f, 0.3f);
        HostBuffer lb(dev, logits.size() * 4), bb(dev, bias.size() * 4), ib(dev, nTokens * c.nUsed * 4),
            wb(dev, nTokens * c.nUsed * 4);
        lb.fill(logits);
        bb.fill(bias);
        vk::RouteConfig cfg{c.nExpert, c.nUsed, c.gating, c.norm, c.scale, c.groups, c.groupsUsed,
                            c.bias ? vk::BufferSpan(bb.buffer()) : vk::BufferSpan()};
        vk::Batch batch(dev);
        auto r = vk::moeRoute(*m_gpu.kernels, batch, lb, nTokens, cfg, ib, wb);
        QVERIFY2(r, r ? "" : r.error().message.c_str());
        auto s = batch.submitAndWait();
        QVERIFY2(s, s ? "" : s.error().message.c_str());
        const auto ids = ib.read<int32_t>(nTokens * c.nUsed);
        const auto w = wb.read<float>(nTokens * c.nUsed);
        cpu::RoutingParams p{c.nExpert, c.nUsed, c.gating, c.norm, c.scale, c.groups, c.groupsUsed,
                             c.bias ? bias.data() : nullptr};
        for (uint32_t t = 0; t < nTokens; ++t) {
            std::vector<int32_t> refIds(c.nUsed);
            std::vector<float> refW(c.nUsed);
            cpu::routeExperts(logits.data() + size_t(t) * c.nExpert, p, refIds.data(), refW.data());
            for (uint32_t k = 0; k < c.nUsed; ++k) {
                QCOMPARE(ids[t * c.nUsed + k], refIds[k]);
                const double tol = std::fabs(refW[k]) * kEps * (16 + 4 * 8.0 + c.nUsed) + 1e-30;
                QVERIFY2(std::fabs(w[t * c.nUsed + k] - refW[k]) <= tol,
                         qPrintable(QString("token %1 slot %2: %3 vs %4").arg(t).arg(k).arg(w[t * c.nUsed + k]).arg(refW[k])));
            }
        }
    }

    void wholeExpertFfn() {
        // Qwen3-MoE-like: 16 experts, top 4, Q4_K gate/up [256][256], Q6_K down [256][256], 2 tokens.
        vk::Device& dev = *m_gpu.device;
        vk::Kernels& kr = *m_gpu.kernels;
        const uint32_t E = 16, k = 4, nEmbd = 256, nFf = 256, T = 2;
        std::mt19937 rng(42);
        const auto gateW = ktest::randomWeights(TensorType::Q4_K, size_t(E) * nFf, nEmbd, rng);
        const auto upW = ktest::randomWeights(TensorType::Q4_K, size_t(E) * nFf, nEmbd, rng);
        const auto downW = ktest::randomWeights(TensorType::Q6_K, size_t(E) * nEmbd, nFf, rng);
        const auto logits = ktest::randomFloats(size_t(T) * E, rng, -3.0f, 3.0f);
        const auto h = ktest::randomFloats(size_t(T) * nEmbd, rng);
        HostBuffer gb(dev, gateW.size()), ub(dev, upW.size()), db(dev, downW.size()), lb(dev, logits.size() * 4),
            hb(dev, h.size() * 4), ids(dev, T * k * 4), wts(dev, T * k * 4), gate(dev, T * k * nFf * 4),
            up(dev, T * k * nFf * 4), act(dev, T * k * nFf * 4), down(dev, T * k * nEmbd * 4), out(dev, T * nEmbd * 4);
        gb.fill(gateW);
        ub.fill(upW);
        db.fill(downW);
        lb.fill(logits);
        hb.fill(h);
        vk::Batch b(dev);
        vk::RouteConfig rc{E, k, ExpertGating::Softmax, true, 0, 0, 0, {}};
        QVERIFY(vk::moeRoute(kr, b, lb, T, rc, ids, wts));
        vk::ExpertSelection shared{ids, {}, k, T, false};
        b.autoBarrier = false;  // gate and up are independent
        QVERIFY(vk::matvecId(kr, b, {TensorType::Q4_K, &gb.buffer(), 0, nEmbd, nFf, E}, hb, shared, gate));
        QVERIFY(vk::matvecId(kr, b, {TensorType::Q4_K, &ub.buffer(), 0, nEmbd, nFf, E}, hb, shared, up));
        b.autoBarrier = true;
        b.barrier();
        QVERIFY(vk::eltwise(kr, b, vk::EltwiseOp::SwiGlu, gate, up, act, T * k * nFf));
        vk::ExpertSelection perSlot{ids, wts, k, T, true};
        QVERIFY(vk::matvecId(kr, b, {TensorType::Q6_K, &db.buffer(), 0, nFf, nEmbd, E}, act, perSlot, down));
        // Sum the k weighted expert outputs of each token (slot order 0..k-1, as llama.cpp).
        QVERIFY(vk::sumSlots(kr, b, down, out, nEmbd, k, T));
        auto s = b.submitAndWait();
        QVERIFY2(s, s ? "" : s.error().message.c_str());

        // CPU composition of the references.
        const auto gf = ktest::dequantRows(TensorType::Q4_K, gateW.data(), size_t(E) * nFf, nEmbd);
        const auto uf = ktest::dequantRows(TensorType::Q4_K, upW.data(), size_t(E) * nFf, nEmbd);
        const auto df = ktest::dequantRows(TensorType::Q6_K, downW.data(), size_t(E) * nEmbd, nFf);
        const auto got = out.read<float>(T * nEmbd);
        cpu::RoutingParams p{E, k, ExpertGating::Softmax, true, 0, 0, 0, nullptr};
        for (uint32_t t = 0; t < T; ++t) {
            std::vector<int32_t> rid(k);
            std::vector<float> rw(k);
            cpu::routeExperts(logits.data() + t * E, p, rid.data(), rw.data());
            std::vector<double> ref(nEmbd, 0.0), mag(nEmbd, 0.0);
            for (uint32_t slot = 0; slot < k; ++slot) {
                std::vector<float> a(nFf);
                double amag = 0;
                for (uint32_t i = 0; i < nFf; ++i) {
                    double g = 0, u = 0;
                    for (uint32_t e = 0; e < nEmbd; ++e) {
                        g += double(gf[(size_t(rid[slot]) * nFf + i) * nEmbd + e]) * h[t * nEmbd + e];
                        u += double(uf[(size_t(rid[slot]) * nFf + i) * nEmbd + e]) * h[t * nEmbd + e];
                    }
                    a[i] = cpu::silu(float(g)) * float(u);
                    amag = std::max(amag, std::fabs(double(a[i])));
                }
                for (uint32_t o = 0; o < nEmbd; ++o) {
                    double d = 0, m = 0;
                    for (uint32_t i = 0; i < nFf; ++i) {
                        d += double(df[(size_t(rid[slot]) * nEmbd + o) * nFf + i]) * a[i];
                        m += std::fabs(double(df[(size_t(rid[slot]) * nEmbd + o) * nFf + i])) * amag;
                    }
                    ref[o] += rw[slot] * d;
                    mag[o] += std::fabs(rw[slot]) * m;
                }
            }
            for (uint32_t o = 0; o < nEmbd; ++o) {
                // The activations carry the gate/up rounding (a few hundred eps after SwiGLU
                // at most); relative 1e-4 of the magnitude bounds the whole chain generously
                // while any wrong expert, weight or slot would be off by O(1).
                QVERIFY2(std::fabs(got[t * nEmbd + o] - ref[o]) <= 1e-4 * mag[o] + 1e-6,
                         qPrintable(QString("token %1 [%2]: %3 vs %4").arg(t).arg(o).arg(got[t * nEmbd + o]).arg(ref[o])));
            }
        }
    }

    void weightedSumSlots() {
        // gpt-oss combine: out[t][i] = sum_s w[t][s] * y[t][s][i] in slot order, each product
        // rounded and then added, exactly the CPU's float loop (acc = 0; acc += w * v).
        const uint32_t n = 300, k = 4, T = 3;
        std::mt19937 rng(8);
        const auto y = ktest::randomFloats(size_t(T) * k * n, rng, -5.0f, 5.0f);
        const auto w = ktest::randomFloats(size_t(T) * k, rng, 0.0f, 1.0f);
        HostBuffer yb(*m_gpu.device, y.size() * 4), wb(*m_gpu.device, w.size() * 4), ob(*m_gpu.device, T * n * 4);
        yb.fill(y);
        wb.fill(w);
        vk::Batch b(*m_gpu.device);
        QVERIFY(vk::sumSlots(*m_gpu.kernels, b, yb, ob, n, k, T, wb));
        auto sub = b.submitAndWait();
        QVERIFY2(sub, sub ? "" : sub.error().message.c_str());
        const auto got = ob.read<float>(T * n);
        for (uint32_t t = 0; t < T; ++t) {
            for (uint32_t i = 0; i < n; ++i) {
                float acc = 0.0f;
                for (uint32_t s = 0; s < k; ++s) {
                    const float prod = w[t * k + s] * y[(size_t(t) * k + s) * n + i];
                    acc += prod;
                }
                QCOMPARE(got[t * n + i], acc);
            }
        }
    }

    void rejectsBadCounts() {
        vk::Device& dev = *m_gpu.device;
        HostBuffer b(dev, 4096);
        vk::Batch batch(dev);
        vk::RouteConfig tooMany{1024, 8, ExpertGating::Softmax, false, 0, 0, 0, {}};
        QVERIFY(!vk::moeRoute(*m_gpu.kernels, batch, b, 1, tooMany, b, b));
        vk::RouteConfig badGroups{60, 4, ExpertGating::Softmax, false, 0, 8, 2, {}};
        QVERIFY(!vk::moeRoute(*m_gpu.kernels, batch, b, 1, badGroups, b, b));
    }

    void cleanupTestCase() {
        m_gpu.kernels.reset();
        m_gpu.device.reset();
    }
};

QTEST_GUILESS_MAIN(TestKernelMoe)
#include "tst_kernel_moe.moc"
