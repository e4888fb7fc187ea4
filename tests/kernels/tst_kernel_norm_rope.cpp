// Row-wise and element-wise kernels against the CPU reference (engine/src/cpu/ops.h):
// rms_norm, softmax, rope (NORM, NEOX, YaRN, frequency factors, partial rotation), and
// eltwise (add with a broadcast row, mul, scale, copy, a + s*b, SwiGLU, gpt-oss's clamped
// SwiGLU, f32 -> f16 copies for the KV cache), and the strided forms MLA uses (rope with an
// offset, copyRows, rmsNorm over part of wider rows), and rope over packed texts (each
// row's position counted from its text's first row, given per row as a segment start).
// Tolerances, all relative to the data:
//   rms_norm: |y| * eps * (depth / 2 + 6); depth = roundings on the sum-of-squares path.
//   softmax:  p * eps * (depth + 8 + 4 |z - max|) (exp is within a few ulps times |arg|).
//   rope:     (|a| + |b|) * m * (angle + 2^-18) + 4 eps |out|: the angle is the CPU's to the
//             bit (same f32 recurrence) except where a division (2.5 ulp in Vulkan) or the
//             YaRN blend enters, then 4 eps * pos; cos/sin of the reduced angle within 2^-18
//             (lavapipe is near exact; Vulkan only promises 2^-11, so a coarse GPU would need
//             this loosened).
//   eltwise:  add/mul/scale/copy exact; a + s*b one rounding of |a| + |s b|; SwiGLU forms
//             |out| eps (8 + 2|g|) (exp and a 2.5-ulp division).
#include <QtTest>

#include <cmath>

#include "cpu/ops.h"
#include "kernel_test_util.h"
#include "quant/quant.h"

using namespace ponder;
using ktest::HostBuffer;
using ktest::kEps;

class TestKernelNormRope : public QObject {
    Q_OBJECT
    ktest::Gpu m_gpu;

    double rowDepth(uint32_t n) const {
        const double wg = m_gpu.kernels->tuning.rowWorkgroup;
        return std::ceil(n / wg) + std::log2(wg) + wg / m_gpu.device->info.subgroupSize + 2;
    }

    template <typename F>
    void submit(F&& record) {
        vk::Batch batch(*m_gpu.device);
        auto r = record(batch);
        QVERIFY2(r, r ? "" : r.error().message.c_str());
        auto s = batch.submitAndWait();
        QVERIFY2(s, s ? "" : s.error().message.c_str());
    }

private slots:
    void initTestCase() { KTEST_OPEN_GPU(m_gpu); }

    void rmsNorm_data() {
        QTest::addColumn<uint32_t>("n");
        QTest::addColumn<uint32_t>("rows");
        QTest::addColumn<bool>("weighted");
        QTest::newRow("per-head 128, weighted") << 128u << 12u << true;
        QTest::newRow("2880 wide, weighted") << 2880u << 3u << true;
        QTest::newRow("odd 1001, plain") << 1001u << 2u << false;
        QTest::newRow("in place 576") << 576u << 5u << true;
    }

    void rmsNorm() {
        QFETCH(uint32_t, n);
        QFETCH(uint32_t, rows);
        QFETCH(bool, weighted);
        const bool inPlace = n == 576;
        std::mt19937 rng(n);
        const auto x = ktest::randomFloats(size_t(n) * rows, rng, -3.0f, 3.0f);
        const auto w = ktest::randomFloats(n, rng, 0.5f, 1.5f);
        HostBuffer xb(*m_gpu.device, x.size() * 4), wb(*m_gpu.device, n * 4), yb(*m_gpu.device, x.size() * 4);
        xb.fill(x);
        wb.fill(w);
        const HostBuffer& out = inPlace ? xb : yb;
        submit([&](vk::Batch& b) {
            return vk::rmsNorm(*m_gpu.kernels, b, xb, weighted ? vk::BufferSpan(wb.buffer()) : vk::BufferSpan(), out, n,
                               rows, 1e-5f);
        });
        const auto got = out.read<float>(x.size());
        double worst = 0;
        for (uint32_t r = 0; r < rows; ++r) {
            std::vector<float> ref(n);
            cpu::rmsNorm(x.data() + size_t(r) * n, weighted ? w.data() : nullptr, ref.data(), n, 1e-5f);
            for (uint32_t i = 0; i < n; ++i) {
                const double err = std::fabs(got[size_t(r) * n + i] - ref[i]);
                const double tol = std::fabs(ref[i]) * kEps * (rowDepth(n) / 2 + 6) + 1e-30;
                worst = std::max(worst, err / (kEps * std::fabs(ref[i]) + 1e-30));
                QVERIFY2(err <= tol, qPrintable(QString("row %1 [%2]: %3 vs %4").arg(r).arg(i).arg(got[size_t(r) * n + i]).arg(ref[i])));
            }
        }
        qInfo("max error %.2f eps * |y|", worst);
    }

    void softmax_data() {
        QTest::addColumn<uint32_t>("n");
        QTest::addColumn<float>("scale");
        QTest::newRow("router 64") << 64u << 1.0f;
        QTest::newRow("vocab-like 5000, scaled") << 5000u << 0.5f;
        QTest::newRow("with -inf entries") << 300u << 1.0f;
    }

    void softmax() {
        QFETCH(uint32_t, n);
        QFETCH(float, scale);
        const uint32_t rows = 3;
        std::mt19937 rng(n + 1);
        auto x = ktest::randomFloats(size_t(n) * rows, rng, -8.0f, 8.0f);
        if (n == 300) {
            for (size_t i = 0; i < x.size(); i += 3) x[i] = -INFINITY;
            for (uint32_t i = 0; i < n; ++i) x[2 * n + i] = -INFINITY;  // a fully masked row
        }
        HostBuffer xb(*m_gpu.device, x.size() * 4), yb(*m_gpu.device, x.size() * 4);
        xb.fill(x);
        submit([&](vk::Batch& b) { return vk::softmax(*m_gpu.kernels, b, xb, yb, n, rows, scale); });
        const auto got = yb.read<float>(x.size());
        for (uint32_t r = 0; r < rows; ++r) {
            std::vector<float> ref(x.begin() + size_t(r) * n, x.begin() + size_t(r + 1) * n);
            float mx = -INFINITY;
            for (auto& v : ref) { v *= scale; mx = std::max(mx, v); }
            std::vector<float> z = ref;
            cpu::softmax(ref.data(), n);
            for (uint32_t i = 0; i < n; ++i) {
                const double rel = std::isfinite(z[i]) ? std::fabs(z[i] - mx) : 0.0;
                const double tol = ref[i] * kEps * (rowDepth(n) + 8 + 4 * rel) + 1e-37;
                QVERIFY2(std::fabs(got[size_t(r) * n + i] - ref[i]) <= tol,
                         qPrintable(QString("row %1 [%2]: %3 vs %4").arg(r).arg(i).arg(got[size_t(r) * n + i]).arg(ref[i])));
            }
        }
    }

    void rope_data() {
        QTest::addColumn<int>("type");  // RopeType
        QTest::addColumn<uint32_t>("headDim");
        QTest::addColumn<uint32_t>("nRot");
        QTest::addColumn<bool>("yarn");
        QTest::addColumn<bool>("freqFactors");
        QTest::addColumn<int>("pos0");
        QTest::newRow("norm llama 128") << int(RopeType::Norm) << 128u << 128u << false << false << 7;
        QTest::newRow("neox qwen 128, far positions") << int(RopeType::Neox) << 128u << 128u << false << false << 5000;
        QTest::newRow("neox gpt-oss 64, yarn x32") << int(RopeType::Neox) << 64u << 64u << true << false << 300;
        QTest::newRow("norm deepseek 64 of 192, yarn x40") << int(RopeType::Norm) << 192u << 64u << true << false << 1234;
        QTest::newRow("norm llama3 freq factors") << int(RopeType::Norm) << 128u << 128u << false << true << 2047;
        QTest::newRow("neox partial 32 of 80, factors + yarn") << int(RopeType::Neox) << 80u << 32u << true << true << 99;
    }

    void rope() {
        QFETCH(int, type);
        QFETCH(uint32_t, headDim);
        QFETCH(uint32_t, nRot);
        QFETCH(bool, yarn);
        QFETCH(bool, freqFactors);
        QFETCH(int, pos0);
        const uint32_t nTokens = 3, nHeads = 5;
        std::mt19937 rng(headDim * 7 + nRot + pos0);
        const auto x = ktest::randomFloats(size_t(nTokens) * nHeads * headDim, rng, -2.0f, 2.0f);
        const auto ff = ktest::randomFloats(nRot / 2, rng, 1.0f, 8.0f);
        cpu::RopeParams p;
        p.type = RopeType(type);
        p.nRot = nRot;
        p.freqBase = yarn ? 150000.0f : 10000.0f;
        p.freqScale = yarn ? 1.0f / 32.0f : 1.0f;
        p.extFactor = yarn ? 1.0f : 0.0f;
        p.attnFactor = yarn ? 0.9f : 1.0f;
        p.betaFast = 32.0f;
        p.betaSlow = 1.0f;
        p.nCtxOrig = 4096;
        p.freqFactors = freqFactors ? ff.data() : nullptr;

        HostBuffer xb(*m_gpu.device, x.size() * 4), fb(*m_gpu.device, ff.size() * 4);
        xb.fill(x);
        fb.fill(ff);
        vk::RopeConfig cfg{p.type, nRot, p.freqBase, p.freqScale, p.extFactor, p.attnFactor, p.betaFast, p.betaSlow,
                           p.nCtxOrig, freqFactors ? vk::BufferSpan(fb.buffer()) : vk::BufferSpan()};
        submit([&](vk::Batch& b) { return vk::rope(*m_gpu.kernels, b, xb, nTokens, nHeads, headDim, pos0, cfg); });
        const auto got = xb.read<float>(x.size());

        const double m = p.attnFactor * (yarn ? 1.0 + 0.1 * std::log(1.0 / p.freqScale) : 1.0);
        double worst = 0;
        for (uint32_t t = 0; t < nTokens; ++t) {
            std::vector<float> ref(x.begin() + size_t(t) * nHeads * headDim, x.begin() + size_t(t + 1) * nHeads * headDim);
            cpu::rope(ref.data(), nHeads, headDim, pos0 + int(t), p);
            // The angle is bit-identical to the CPU's unless a division (frequency factors) or
            // the YaRN blend may round differently: then a few ulps of |angle| <= pos.
            const double angleTerm =
                (yarn || freqFactors ? 4 * kEps * std::max(1.0, double(pos0 + t)) : 0.0) + std::ldexp(1.0, -18);
            for (uint32_t h = 0; h < nHeads; ++h) {
                for (uint32_t i = 0; i < headDim; ++i) {
                    const size_t at = (size_t(t) * nHeads + h) * headDim + i;
                    const size_t local = size_t(h) * headDim + i;
                    if (i >= nRot) {  // pass-through must be untouched
                        QCOMPARE(got[at], x[at]);
                        continue;
                    }
                    // the pair partner of element i
                    const uint32_t half = nRot / 2;
                    const uint32_t j = p.type == RopeType::Neox ? (i < half ? i + half : i - half) : (i ^ 1u);
                    const double mag = std::fabs(x[at]) + std::fabs(x[at - i + j]);
                    const double tol = mag * m * angleTerm + 4 * kEps * std::fabs(ref[local]);
                    const double err = std::fabs(got[at] - ref[local]);
                    worst = std::max(worst, err / (mag * m));
                    QVERIFY2(err <= tol, qPrintable(QString("token %1 head %2 [%3]: %4 vs %5 (tol %6)")
                                                        .arg(t).arg(h).arg(i).arg(got[at]).arg(ref[local]).arg(tol)));
                }
            }
        }
        qInfo("max error %.3g * (|a|+|b|) m", worst);
    }

    void ropeOffsetAndStrides() {
        // DeepSeek's MLA layout: heads of n + r with only the r-element tail rotated, located
        // by an element offset and strides. The rotated tails must equal a packed rope of the
        // same values bit for bit (same thread arithmetic), everything else stays untouched.
        const uint32_t nTokens = 5, nHeads = 3, nope = 24, r = 16, head = nope + r;
        std::mt19937 rng(17);
        const auto x = ktest::randomFloats(size_t(nTokens) * nHeads * head, rng, -2.0f, 2.0f);
        std::vector<float> packed;
        for (uint32_t t = 0; t < nTokens * nHeads; ++t) packed.insert(packed.end(), x.begin() + t * head + nope, x.begin() + (t + 1) * head);
        HostBuffer xb(*m_gpu.device, x.size() * 4), pb(*m_gpu.device, packed.size() * 4);
        xb.fill(x);
        pb.fill(packed);
        vk::RopeConfig cfg{RopeType::Norm, r, 10000.0f, 0.25f, 1.0f, 1.0f, 32.0f, 1.0f, 64, {}};
        submit([&](vk::Batch& b) -> Result<void> {
            PONDER_TRY(vk::rope(*m_gpu.kernels, b, xb, nTokens, nHeads, r, 9, cfg, nHeads * head, head, nope));
            return vk::rope(*m_gpu.kernels, b, pb, nTokens, nHeads, r, 9, cfg);
        });
        const auto got = xb.read<float>(x.size());
        const auto want = pb.read<float>(packed.size());
        for (size_t i = 0; i < x.size(); ++i) {
            const size_t row = i / head, c = i % head;
            if (c < nope) QCOMPARE(got[i], x[i]);
            else QCOMPARE(got[i], want[row * r + c - nope]);
        }
        // Some tail element really rotated (the comparison above is not vacuous).
        QVERIFY(want != packed);
    }

    void ropePackedTexts() {
        // A chunk of rows [pos0, pos0 + nTokens) of packed texts (embedding batches), starting
        // mid-text: row r must be rotated as position r - segStart[r] of a text run alone.
        // Same tolerance as rope() without YaRN or factors: the angle is the CPU's to the bit.
        const uint32_t nHeads = 3, headDim = 64, pos0 = 3000, nTokens = 40;
        std::vector<int32_t> segStart(pos0 + nTokens, 0);
        const uint32_t starts[] = {0, 2990, 3001, 3002, 3020};  // texts of 2990, 11, 1, 18 and 20 rows
        for (uint32_t r = 0; r < segStart.size(); ++r) {
            for (uint32_t st : starts) segStart[r] = r >= st ? int32_t(st) : segStart[r];
        }
        for (int type : {int(RopeType::Neox), int(RopeType::Norm)}) {
            std::mt19937 rng(41 + type);
            const auto x = ktest::randomFloats(size_t(nTokens) * nHeads * headDim, rng, -2.0f, 2.0f);
            cpu::RopeParams p;
            p.type = RopeType(type);
            p.nRot = headDim;
            p.freqBase = 1000000.0f;
            HostBuffer xb(*m_gpu.device, x.size() * 4), sb(*m_gpu.device, segStart.size() * 4);
            xb.fill(x);
            sb.fill(segStart);
            vk::RopeConfig cfg{p.type, headDim, p.freqBase, 1.0f, 0.0f, 1.0f, 32.0f, 1.0f, 0, {}, sb};
            submit([&](vk::Batch& b) { return vk::rope(*m_gpu.kernels, b, xb, nTokens, nHeads, headDim, int32_t(pos0), cfg); });
            const auto got = xb.read<float>(x.size());
            for (uint32_t t = 0; t < nTokens; ++t) {
                std::vector<float> ref(x.begin() + size_t(t) * nHeads * headDim, x.begin() + size_t(t + 1) * nHeads * headDim);
                const uint32_t row = pos0 + t;
                cpu::rope(ref.data(), nHeads, headDim, int(row) - segStart[row], p);
                for (uint32_t i = 0; i < nHeads * headDim; ++i) {
                    const uint32_t d = i % headDim, half = headDim / 2;
                    const uint32_t j = p.type == RopeType::Neox ? (d < half ? d + half : d - half) : (d ^ 1u);
                    const size_t at = size_t(t) * nHeads * headDim + i;
                    const double mag = std::fabs(x[at]) + std::fabs(x[at - d + j]);
                    const double tol = mag * std::ldexp(1.0, -18) + 4 * kEps * std::fabs(ref[i]);
                    QVERIFY2(std::fabs(got[at] - ref[i]) <= tol,
                             qPrintable(QString("type %1 row %2 [%3]: %4 vs %5").arg(type).arg(row).arg(i).arg(got[at]).arg(ref[i])));
                }
            }
        }
    }

    void copyRowsAndStridedNorm() {
        // copyRows: a strided slice into another strided layout (f32 exact, f16 rounded once);
        // rmsNorm over the first n elements of wider rows (DeepSeek's c_kv inside [c_kv | k_pe]).
        const uint32_t rows = 7, n = 12, aStride = 20, outStride = 30, aOff = 3, outOff = 5;
        std::mt19937 rng(23);
        const auto a = ktest::randomFloats(size_t(aOff) + rows * aStride, rng, -4.0f, 4.0f);
        const size_t outN = outOff + size_t(rows) * outStride;
        for (bool f16 : {false, true}) {
            HostBuffer ab(*m_gpu.device, a.size() * 4), ob(*m_gpu.device, outN * 4);
            ab.fill(a);
            std::memset(ob.data<float>(), 0x7F, outN * 4);
            submit([&](vk::Batch& b) {
                return vk::copyRows(*m_gpu.kernels, b, ab, {aOff, aStride}, ob, {outOff, outStride}, n, rows, f16);
            });
            const auto got32 = ob.read<float>(outN);
            const auto got16 = ob.read<uint16_t>(outN);
            for (uint32_t r = 0; r < rows; ++r) {
                for (uint32_t i = 0; i < n; ++i) {
                    const float ref = a[aOff + r * aStride + i];
                    const size_t at = outOff + size_t(r) * outStride + i;
                    if (f16) QCOMPARE(quant::fp16ToFp32(got16[at]), quant::fp16ToFp32(quant::fp32ToFp16(ref)));
                    else QCOMPARE(got32[at], ref);
                }
            }
            // Nothing outside the slice was written (elements of the output's own width).
            const auto raw = ob.read<uint32_t>(outN);
            for (size_t e = 0; e < outN; ++e) {
                const bool inside = e >= outOff && (e - outOff) / outStride < rows && (e - outOff) % outStride < n;
                if (inside) continue;
                if (f16) QCOMPARE(got16[e], uint16_t(0x7F7F));
                else QCOMPARE(raw[e], 0x7F7F7F7Fu);
            }
        }

        const uint32_t width = 20, c = 16;
        const auto x = ktest::randomFloats(size_t(rows) * width, rng, -3.0f, 3.0f);
        const auto w = ktest::randomFloats(c, rng, 0.5f, 1.5f);
        HostBuffer xb(*m_gpu.device, x.size() * 4), wb(*m_gpu.device, w.size() * 4);
        xb.fill(x);
        wb.fill(w);
        submit([&](vk::Batch& b) { return vk::rmsNorm(*m_gpu.kernels, b, xb, wb, xb, c, rows, 1e-6f, width, width); });
        const auto got = xb.read<float>(x.size());
        for (uint32_t r = 0; r < rows; ++r) {
            std::vector<float> ref(c);
            cpu::rmsNorm(x.data() + r * width, w.data(), ref.data(), c, 1e-6f);
            for (uint32_t i = 0; i < width; ++i) {
                const size_t at = size_t(r) * width + i;
                if (i >= c) {
                    QCOMPARE(got[at], x[at]);  // k_pe untouched
                    continue;
                }
                QVERIFY2(std::fabs(got[at] - ref[i]) <= std::fabs(ref[i]) * kEps * (rowDepth(c) / 2 + 6),
                         qPrintable(QString("row %1 [%2]: %3 vs %4").arg(r).arg(i).arg(got[at]).arg(ref[i])));
            }
        }
    }

    void eltwise_data() {
        QTest::addColumn<int>("op");
        QTest::addColumn<bool>("f16");
        QTest::newRow("add, broadcast row") << int(vk::EltwiseOp::Add) << false;
        QTest::newRow("mul, broadcast row") << int(vk::EltwiseOp::Mul) << false;
        QTest::newRow("scale") << int(vk::EltwiseOp::Scale) << false;
        QTest::newRow("copy") << int(vk::EltwiseOp::Copy) << false;
        QTest::newRow("add scaled") << int(vk::EltwiseOp::AddScaled) << false;
        QTest::newRow("swiglu") << int(vk::EltwiseOp::SwiGlu) << false;
        QTest::newRow("swiglu oai") << int(vk::EltwiseOp::SwiGluOai) << false;
        QTest::newRow("copy to f16") << int(vk::EltwiseOp::Copy) << true;
    }

    void eltwise() {
        QFETCH(int, op);
        QFETCH(bool, f16);
        const auto o = vk::EltwiseOp(op);
        const bool broadcast = o == vk::EltwiseOp::Add || o == vk::EltwiseOp::Mul;
        const uint32_t n = 70000, nb = broadcast ? 700 : 0;  // > 65535 / 256 groups: wraps nothing, but odd sizes
        std::mt19937 rng(op);
        const auto a = ktest::randomFloats(n, rng, -10.0f, 10.0f);
        const auto bv = ktest::randomFloats(broadcast ? nb : n, rng, -10.0f, 10.0f);
        const float scale = o == vk::EltwiseOp::SwiGluOai ? 1.702f : 0.37f;
        const float limit = 7.0f;
        HostBuffer ab(*m_gpu.device, n * 4), bb(*m_gpu.device, bv.size() * 4), ob(*m_gpu.device, n * 4);
        ab.fill(a);
        bb.fill(bv);
        const bool oneInput = o == vk::EltwiseOp::Scale || o == vk::EltwiseOp::Copy;
        submit([&](vk::Batch& b) {
            return vk::eltwise(*m_gpu.kernels, b, o, ab, oneInput ? vk::BufferSpan() : vk::BufferSpan(bb.buffer()), ob, n,
                               nb, scale, limit, f16);
        });
        const auto got32 = ob.read<float>(n);
        const auto got16 = ob.read<uint16_t>(n);
        for (uint32_t i = 0; i < n; ++i) {
            const double x = a[i], y = bv[nb ? i % nb : i];
            double ref = 0, tol = 0;
            switch (o) {
            case vk::EltwiseOp::Add: ref = float(x + y); break;
            case vk::EltwiseOp::Mul: ref = float(x * y); break;
            case vk::EltwiseOp::Scale: ref = float(x * scale); break;
            case vk::EltwiseOp::Copy: ref = x; break;
            case vk::EltwiseOp::AddScaled:
                ref = x + double(scale) * y;
                tol = 2 * kEps * (std::fabs(x) + std::fabs(scale * y));
                break;
            case vk::EltwiseOp::SwiGlu:
                ref = cpu::silu(float(x)) * y;
                tol = std::fabs(ref) * kEps * (8 + 2 * std::fabs(x));
                break;
            case vk::EltwiseOp::SwiGluOai: {
                // engine-spec.md 2.6: gate clamped from above only, up on both sides, +1.
                const double g = std::min(x, double(limit)), u = std::clamp(y, -double(limit), double(limit));
                ref = g / (1.0 + std::exp(-scale * g)) * (u + 1.0);
                tol = std::fabs(ref) * kEps * (8 + 2 * scale * std::fabs(g)) + kEps * std::fabs(g) * 1e-6;
                break;
            }
            default: break;
            }
            if (f16) {
                const double got = quant::fp16ToFp32(got16[i]);
                QVERIFY2(std::fabs(got - ref) <= std::fabs(ref) * std::ldexp(1.0, -10) + std::ldexp(1.0, -24),
                         qPrintable(QString("[%1] %2 vs %3").arg(i).arg(got).arg(ref)));
            } else {
                QVERIFY2(std::fabs(got32[i] - ref) <= tol,
                         qPrintable(QString("[%1] %2 vs %3 (tol %4)").arg(i).arg(got32[i]).arg(ref).arg(tol)));
            }
        }
    }

    void cleanupTestCase() {
        m_gpu.kernels.reset();
        m_gpu.device.reset();
    }
};

QTEST_GUILESS_MAIN(TestKernelNormRope)
#include "tst_kernel_norm_rope.moc"
