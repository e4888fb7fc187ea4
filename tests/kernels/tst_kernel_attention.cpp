// Flash attention (flash_attn_f16 / flash_attn_f32, and attn_reduce for split-KV) against
// the CPU reference cpu::attention: decode and prompt, GQA and MQA with more query heads
// per KV head than one workgroup serves, causal mask, sliding window, sinks, head sizes
// 64/128/192-128/256 and DeepSeek MLA's 576/512 (V a view of the K rows), explicit and
// automatic key splits; packed texts (block-diagonal causal mask from segment starts), also
// for a chunk that begins mid-text, against cpu::attention run on each text's own rows.
//
// Tolerance (per output element d of a row): S_d * (2 dz + (n_keys + 16) eps), where
// S_d = sum_j P_j |v_jd| (the output's magnitude), dz bounds the error of any score z_j:
// kqScale * sum_e |q_e k_je| * (DK + 2) eps (an fma chain over the head) plus exp's few ulps
// times |z_j - max|. A score error dz moves each P_j by at most 2 dz relative; the output
// sums n_keys products (plus one rescale per key block).
#include <QtTest>

#include <cmath>

#include "cpu/attention.h"
#include "kernel_test_util.h"
#include "quant/quant.h"

using namespace ponder;
using ktest::HostBuffer;
using ktest::kEps;

namespace {

struct Case {
    uint32_t nHead, nHeadKv, dk, dv, nTokens, startPos, window;
    bool sinks, mla;
    uint32_t nSplit;  // 0 = automatic (scratch given), 1 = none
    // Packed texts: lengths of consecutive texts filling cache rows [0, startPos + nTokens)
    // (the last one cut there); empty = one sequence.
    std::vector<uint32_t> texts = {};
};

}  // namespace

// Declared before any use: with optimisation, QFETCH's instantiation would come first.
Q_DECLARE_METATYPE(Case)

class TestKernelAttention : public QObject {
    Q_OBJECT
    ktest::Gpu m_gpu;

    std::string run(const Case& c, KvCacheType kvType, double& worst) {
        vk::Device& dev = *m_gpu.device;
        std::mt19937 rng(c.nHead * 31 + c.dk + c.nTokens * 7 + c.startPos + (kvType == KvCacheType::F16));
        const uint32_t kvLen = c.startPos + c.nTokens;
        const uint32_t kStride = c.nHeadKv * c.dk, vStride = c.mla ? kStride : c.nHeadKv * c.dv;
        const auto q = ktest::randomFloats(size_t(c.nTokens) * c.nHead * c.dk, rng);
        auto kf = ktest::randomFloats(size_t(kvLen) * kStride, rng);
        auto vf = ktest::randomFloats(size_t(kvLen) * vStride, rng, -2.0f, 2.0f);
        const auto sinks = ktest::randomFloats(c.nHead, rng, -2.0f, 3.0f);
        if (c.mla) vf = kf;
        const size_t elt = kvType == KvCacheType::F16 ? 2 : 4;
        std::vector<uint16_t> kh(kf.size()), vh(vf.size());
        if (kvType == KvCacheType::F16) {
            for (size_t i = 0; i < kf.size(); ++i) kf[i] = quant::fp16ToFp32(kh[i] = quant::fp32ToFp16(kf[i]));
            for (size_t i = 0; i < vf.size(); ++i) vf[i] = quant::fp16ToFp32(vh[i] = quant::fp32ToFp16(vf[i]));
        }
        HostBuffer qb(dev, q.size() * 4), kb(dev, kf.size() * elt), vb(dev, vf.size() * elt), sb(dev, sinks.size() * 4),
            ob(dev, size_t(c.nTokens) * c.nHead * c.dv * 4);
        qb.fill(q);
        sb.fill(sinks);
        if (kvType == KvCacheType::F16) {
            kb.fill(kh);
            vb.fill(vh);
        } else {
            kb.fill(kf);
            vb.fill(vf);
        }
        std::memset(ob.data<float>(), 0xFF, size_t(c.nTokens) * c.nHead * c.dv * 4);

        vk::AttentionConfig cfg;
        cfg.nHead = c.nHead;
        cfg.nHeadKv = c.nHeadKv;
        cfg.headDimK = c.dk;
        cfg.headDimV = c.dv;
        cfg.kqScale = c.mla ? 0.135234f : 1.0f / std::sqrt(float(c.dk));
        cfg.window = c.window;
        cfg.kvType = kvType;
        if (c.sinks) cfg.sinks = sb;
        if (c.mla) cfg.vStride = kStride;  // V = the first dv elements of each K row
        cfg.nSplit = c.nSplit;
        HostBuffer scratch(dev, vk::attentionScratchFloats(cfg, c.nTokens, 64) * 4);
        if (c.nSplit != 1) cfg.scratch = scratch;
        // segStart[row]: the first row of the row's text (0 everywhere for one sequence).
        std::vector<int32_t> segStart(kvLen, 0);
        for (uint32_t row = 0, first = 0, i = 0; row < kvLen && !c.texts.empty(); first = row, ++i) {
            for (uint32_t n = 0; n < c.texts[i % c.texts.size()] && row < kvLen; ++n) segStart[row++] = int32_t(first);
        }
        HostBuffer segb(dev, segStart.size() * 4);
        segb.fill(segStart);
        if (!c.texts.empty()) cfg.segStart = segb;
        {
            vk::Batch batch(dev);
            auto r = vk::attention(*m_gpu.kernels, batch, qb, kb, c.mla ? vk::BufferSpan(kb.buffer()) : vk::BufferSpan(vb.buffer()),
                                   ob, c.nTokens, c.startPos, cfg);
            if (!r) return r.error().message;
            if (c.nSplit != 1 && batch.dispatchCount() < 2) return "expected a split (attention + reduce)";
            if (auto s = batch.submitAndWait(); !s) return s.error().message;
        }

        // Reference values from the engine's CPU attention, tolerance from the data.
        std::vector<float> ref(size_t(c.nTokens) * c.nHead * c.dv);
        cpu::AttentionParams p{c.nHead, c.nHeadKv, c.dk, c.dv, cfg.kqScale, c.window, c.sinks ? sinks.data() : nullptr};
        const void* kData = kvType == KvCacheType::F16 ? static_cast<const void*>(kh.data()) : kf.data();
        const void* vData = kvType == KvCacheType::F16 ? static_cast<const void*>(vh.data()) : vf.data();
        // Packed texts: each text's query rows against its own rows only, as if it ran alone.
        const size_t elt0 = kvType == KvCacheType::F16 ? 2 : 4;
        for (uint32_t t = 0; t < c.nTokens;) {
            const uint32_t first = uint32_t(segStart[c.startPos + t]);
            uint32_t n = 1;
            while (t + n < c.nTokens && uint32_t(segStart[c.startPos + t + n]) == first) ++n;
            const auto* kAt = static_cast<const char*>(kData) + size_t(first) * kStride * elt0;
            const auto* vAt = static_cast<const char*>(c.mla ? kData : vData) + size_t(first) * vStride * elt0;
            cpu::attention(q.data() + size_t(t) * c.nHead * c.dk, n, c.startPos + t - first, {kvType, kAt, kStride},
                           {kvType, vAt, vStride}, p, ref.data() + size_t(t) * c.nHead * c.dv, 1);
            t += n;
        }
        const float* got = ob.data<float>();
        const uint32_t ratio = c.nHead / c.nHeadKv;
        for (uint32_t t = 0; t < c.nTokens; ++t) {
            for (uint32_t h = 0; h < c.nHead; ++h) {
                const uint32_t g = h / ratio, pq = c.startPos + t;
                const uint32_t first = std::max<uint32_t>(c.window && pq + 1 > c.window ? pq + 1 - c.window : 0,
                                                          uint32_t(segStart[pq]));
                std::vector<double> z, mag;
                double mx = c.sinks ? sinks[h] : -INFINITY;
                for (uint32_t j = first; j <= pq; ++j) {
                    double s = 0, m = 0;
                    for (uint32_t e = 0; e < c.dk; ++e) {
                        const double prod = double(q[(size_t(t) * c.nHead + h) * c.dk + e]) * kf[size_t(j) * kStride + g * c.dk + e];
                        s += prod;
                        m += std::fabs(prod);
                    }
                    z.push_back(s * cfg.kqScale);
                    mag.push_back(m * cfg.kqScale);
                    mx = std::max(mx, z.back());
                }
                double sum = c.sinks ? std::exp(sinks[h] - mx) : 0.0, dz = 0;
                for (size_t j = 0; j < z.size(); ++j) {
                    sum += std::exp(z[j] - mx);
                    dz = std::max(dz, mag[j] * (c.dk + 2) * kEps + 8 * kEps * (1 + std::fabs(z[j] - mx)));
                }
                for (uint32_t d = 0; d < c.dv; ++d) {
                    double sd = 0;
                    for (size_t j = 0; j < z.size(); ++j) {
                        sd += std::exp(z[j] - mx) / sum * std::fabs(vf[size_t(first + j) * vStride + g * (c.mla ? 0 : c.dv) + d]);
                    }
                    const size_t at = (size_t(t) * c.nHead + h) * c.dv + d;
                    const double err = std::fabs(double(got[at]) - ref[at]);
                    const double tol = sd * (2 * dz + (z.size() + 16) * kEps) + 1e-30;
                    worst = std::max(worst, err / (sd * kEps + 1e-30));
                    if (!(err <= tol)) {
                        return "token " + std::to_string(t) + " head " + std::to_string(h) + " [" + std::to_string(d) +
                               "]: " + std::to_string(got[at]) + " vs " + std::to_string(ref[at]) + " (tol " +
                               std::to_string(tol) + ")";
                    }
                }
            }
        }
        return {};
    }

private slots:
    void initTestCase() { KTEST_OPEN_GPU(m_gpu); }

    void everyVariant_data() {
        QTest::addColumn<Case>("c");
        //                                   heads kv  dk   dv  tok  start win sinks mla split
        QTest::newRow("decode GQA 4:1, 64") << Case{8, 2, 64, 64, 1, 100, 0, false, false, 1};
        QTest::newRow("decode 128, auto split, sinks") << Case{4, 2, 128, 128, 1, 700, 0, true, false, 0};
        QTest::newRow("decode gpt-oss-like: window, sinks, split 5") << Case{8, 1, 64, 64, 1, 300, 128, true, false, 5};
        QTest::newRow("decode 16 heads per kv head") << Case{16, 1, 64, 64, 1, 45, 0, false, false, 1};
        QTest::newRow("prompt MHA 128 from 0") << Case{4, 4, 128, 128, 37, 0, 0, false, false, 1};
        QTest::newRow("prompt GQA, window 16, sinks") << Case{8, 2, 64, 64, 50, 100, 16, true, false, 1};
        QTest::newRow("prompt 256-wide heads") << Case{4, 2, 256, 256, 5, 40, 0, false, false, 1};
        QTest::newRow("prompt deepseek legacy 192/128") << Case{3, 3, 192, 128, 9, 11, 0, false, false, 1};
        QTest::newRow("prompt MLA 576/512, V aliases K") << Case{4, 1, 576, 512, 3, 30, 0, false, true, 1};
        QTest::newRow("decode MLA 576/512, split") << Case{4, 1, 576, 512, 1, 200, 0, false, true, 3};
        QTest::newRow("prompt with split and sinks") << Case{4, 2, 64, 64, 6, 250, 0, true, false, 4};
        // Packed texts (embedding batches): texts of 1 to 40 rows, a chunk starting mid-text,
        // texts shorter than a workgroup's rows, a decode-sized chunk with split keys.
        QTest::newRow("packed texts from 0") << Case{8, 2, 64, 64, 70, 0, 0, false, false, 1, {5, 1, 17, 40, 3, 2}};
        QTest::newRow("packed chunk mid-text") << Case{4, 2, 128, 128, 45, 30, 0, false, false, 1, {1, 9, 33, 2, 60}};
        QTest::newRow("packed one-row texts, MHA") << Case{4, 4, 64, 64, 12, 3, 0, false, false, 1, {1}};
        QTest::newRow("packed, window, sinks") << Case{8, 2, 64, 64, 40, 25, 8, true, false, 1, {3, 30, 12}};
        QTest::newRow("packed last row, auto split") << Case{4, 2, 64, 64, 1, 300, 0, false, false, 0, {100, 150, 200}};
    }

    void everyVariant() {
        QFETCH(Case, c);
        int tested = 0;
        for (const std::string& v : ktest::variantsWithPrefix("flash_attn_")) {
            const KvCacheType kv = v == "flash_attn_f16" ? KvCacheType::F16 : KvCacheType::F32;
            QVERIFY2(v == "flash_attn_f16" || v == "flash_attn_f32", ("untested variant " + v).c_str());
            double worst = 0;
            const std::string err = run(c, kv, worst);
            QVERIFY2(err.empty(), (v + ": " + err).c_str());
            qInfo("%s: max error %.2f eps * sum P|v|", v.c_str(), worst);
            ++tested;
        }
        QCOMPARE(tested, 2);
    }

    void smallKeyBlocks() {
        // Key blocks of 4 force many online-softmax rescales per row.
        const ktest::TuningGuard guard(*m_gpu.kernels);
        m_gpu.kernels->tuning.attnKeyBlock = 4;
        m_gpu.kernels->tuning.attnMaxRows = 2;
        double worst = 0;
        const std::string err = run(Case{6, 2, 64, 64, 7, 33, 10, true, false, 1}, KvCacheType::F16, worst);
        QVERIFY2(err.empty(), err.c_str());
    }

    void cleanupTestCase() {
        m_gpu.kernels.reset();
        m_gpu.device.reset();
    }
};

QTEST_GUILESS_MAIN(TestKernelAttention)
#include "tst_kernel_attention.moc"
