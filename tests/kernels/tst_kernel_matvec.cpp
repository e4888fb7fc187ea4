// Matrix-vector kernels (decode): every matvec_<type> and matvec_id_<type> variant of the
// variants table against the CPU reference (quant::dequantize + a double-precision dot),
// several shapes that are not multiples of the rows per workgroup, other specialisations,
// weights split over several bindings, and one tensor larger than maxStorageBufferRange.
//
// Tolerance (per output): eps_f32 * (depth * sum_k |w_k x_k| + 4 * sum_k maxblock_k |x_k|):
// depth bounds the number of roundings on any path of the GPU's summation tree (4 in the
// vec4 dot, K / (4 WG) per thread, log2 WG in subgroupAdd, WG / subgroup across subgroups);
// the second term allows the decoder one rounding more or less per weight than the CPU
// (a fused multiply-add of d * q + m), bounded by the largest |w| of the weight's block.
#include <QtTest>

#include <chrono>
#include <cmath>

#include "common/push_constants.h"
#include "kernel_test_util.h"
#include "quant/quant.h"
#include "shader_registry.h"

using namespace ponder;
using ktest::HostBuffer;

namespace {

struct Reference {
    std::vector<double> y;    // exact-ish result
    std::vector<double> mag;  // sum |w x|
    std::vector<double> blk;  // sum maxblock |x|
};

// y[c][r] for W [rows][cols] (floats) and x [nCols][cols].
Reference reference(const std::vector<float>& w, const std::vector<float>& x, size_t rows, size_t cols, size_t nCols,
                    size_t block) {
    Reference ref;
    std::vector<float> blockMax(rows * cols);
    for (size_t i = 0; i < rows * cols; i += block) {
        float m = 0;
        for (size_t j = 0; j < block; ++j) m = std::max(m, std::fabs(w[i + j]));
        for (size_t j = 0; j < block; ++j) blockMax[i + j] = m;
    }
    for (size_t c = 0; c < nCols; ++c) {
        for (size_t r = 0; r < rows; ++r) {
            double s = 0, m = 0, b = 0;
            for (size_t k = 0; k < cols; ++k) {
                const double xv = x[c * cols + k];
                s += double(w[r * cols + k]) * xv;
                m += std::fabs(double(w[r * cols + k]) * xv);
                b += blockMax[r * cols + k] * std::fabs(xv);
            }
            ref.y.push_back(s);
            ref.mag.push_back(m);
            ref.blk.push_back(b);
        }
    }
    return ref;
}

double depthOf(const vk::Kernels& k, const vk::Device& d, uint32_t cols) {
    const double wg = k.tuning.matvecWorkgroup;
    return 4 + std::ceil(cols / (4 * wg)) + std::log2(wg) + wg / std::max(1u, d.info.subgroupSize) + 2;
}

// Compares got against the reference; returns "" or a message. worst = max err / (eps * mag).
std::string compare(const float* got, const Reference& ref, double depth, double& worst, const std::string& what,
                    size_t stride = 1) {
    for (size_t i = 0; i < ref.y.size(); ++i) {
        const double err = std::fabs(double(got[i * stride]) - ref.y[i]);
        const double tol = ktest::kEps * (depth * ref.mag[i] + 4 * ref.blk[i]) + 1e-30;
        worst = std::max(worst, err / (ktest::kEps * std::max(ref.mag[i], 1e-30)));
        if (!(err <= tol)) {
            return what + ": output " + std::to_string(i) + " = " + std::to_string(got[i * stride]) + ", expected " +
                   std::to_string(ref.y[i]) + " (tolerance " + std::to_string(tol) + ")";
        }
    }
    return {};
}

std::vector<uint32_t> testCols(TensorType t) {
    const size_t qk = ktest::blockElements(t);
    if (qk == 256) return {256, 768};
    if (qk == 32) return {96, 320};
    return {36, 260};
}

}  // namespace

class TestKernelMatvec : public QObject {
    Q_OBJECT
    ktest::Gpu m_gpu;

    // One dense matvec: W at byte `offset` of its buffer; returns "" or why it failed.
    std::string runDense(TensorType type, uint32_t cols, uint32_t rows, uint32_t nCols, size_t offset, double& worst) {
        vk::Device& dev = *m_gpu.device;
        std::mt19937 rng(cols * 131 + rows * 7 + nCols + uint32_t(type));
        const auto bytes = ktest::randomWeights(type, rows, cols, rng);
        const auto x = ktest::randomFloats(size_t(nCols) * cols, rng);
        HostBuffer wb(dev, offset + bytes.size()), xb(dev, x.size() * 4), yb(dev, size_t(nCols) * rows * 4);
        if (!wb.ok() || !xb.ok() || !yb.ok()) return "buffer allocation failed";
        wb.fill(bytes, offset);
        xb.fill(x);
        std::memset(yb.data<float>(), 0xFF, size_t(nCols) * rows * 4);  // NaN: unwritten outputs fail
        vk::Batch batch(dev);
        vk::WeightView w{type, &wb.buffer(), offset, cols, rows};
        if (auto r = vk::matvec(*m_gpu.kernels, batch, w, xb, yb, nCols); !r) return r.error().message;
        if (auto r = batch.submitAndWait(); !r) return r.error().message;
        const auto ref = reference(ktest::dequantRows(type, bytes.data(), rows, cols), x, rows, cols, nCols,
                                   ktest::blockElements(type));
        return compare(yb.data<float>(), ref, depthOf(*m_gpu.kernels, dev, cols), worst,
                       std::string(tensorTypeName(type)) + " " + std::to_string(rows) + "x" + std::to_string(cols));
    }

private slots:
    void initTestCase() { KTEST_OPEN_GPU(m_gpu); }

    void everyDenseVariant() {
        const auto variants = ktest::variantsWithPrefix("matvec_");
        int tested = 0;
        for (const std::string& v : variants) {
            if (v.rfind("matvec_id_", 0) == 0) continue;
            auto type = ktest::weightTypeOf(v, "matvec_");
            QVERIFY2(type, qPrintable("variant without a testable weight type: " + QString::fromStdString(v)));
            double worst = 0;
            const auto cols = testCols(*type);
            for (auto [c, r, n] : {std::tuple{cols[0], 1u, 1u}, {cols[0], 67u, 1u}, {cols[1], 5u, 1u}, {cols[0], 5u, 3u}}) {
                const std::string err = runDense(*type, c, r, n, 0, worst);
                QVERIFY2(err.empty(), err.c_str());
            }
            qInfo("%-16s max error %.2f eps * sum|wx|", v.c_str(), worst);
            ++tested;
        }
        QCOMPARE(tested, 16);
    }

    void otherSpecialisations_data() {
        QTest::addColumn<uint32_t>("workgroup");
        QTest::addColumn<uint32_t>("rowsPerGroup");
        const uint32_t sg = m_gpu.device ? m_gpu.device->info.subgroupSize : 8;
        QTest::newRow("one subgroup, one row") << sg << 1u;
        QTest::newRow("256 threads, 4 rows") << 256u << 4u;
        QTest::newRow("64 threads, 3 rows") << 64u << 3u;
    }

    void otherSpecialisations() {
        QFETCH(uint32_t, workgroup);
        QFETCH(uint32_t, rowsPerGroup);
        const ktest::TuningGuard guard(*m_gpu.kernels);
        m_gpu.kernels->tuning.matvecWorkgroup = workgroup;
        m_gpu.kernels->tuning.matvecRows = rowsPerGroup;
        for (TensorType t : {TensorType::Q4_K, TensorType::Q8_0, TensorType::F16, TensorType::MXFP4}) {
            double worst = 0;
            const std::string err = runDense(t, testCols(t)[1], 13, 2, 0, worst);
            QVERIFY2(err.empty(), err.c_str());
        }
    }

    void splitOverSeveralBindings() {
        // A binding limit of ~3 KiB forces several parts per tensor; the tensor starts at an
        // offset that is not a multiple of the binding alignment, so every part has a residue.
        const ktest::TuningGuard guard(*m_gpu.kernels);
        m_gpu.kernels->tuning.maxBindingRange = 3000 + m_gpu.kernels->offsetAlignment;
        for (const std::string& v : ktest::variantsWithPrefix("matvec_")) {
            if (v.rfind("matvec_id_", 0) == 0) continue;
            auto type = ktest::weightTypeOf(v, "matvec_");
            QVERIFY(type);
            const size_t offset = *type == TensorType::F32 ? 12 : (*type == TensorType::MXFP4 ? 3 : 6);
            double worst = 0;
            const std::string err = runDense(*type, testCols(*type)[1], 29, 1, offset, worst);
            QVERIFY2(err.empty(), (v + ": " + err).c_str());
        }
    }

    void everyExpertRoutedVariant() {
        vk::Device& dev = *m_gpu.device;
        int tested = 0;
        for (const std::string& v : ktest::variantsWithPrefix("matvec_id_")) {
            auto type = ktest::weightTypeOf(v, "matvec_id_");
            QVERIFY2(type, qPrintable("variant without a testable weight type: " + QString::fromStdString(v)));
            const uint32_t cols = testCols(*type)[0], rows = 19, nExpert = 6, nUsed = 2, nTokens = 2;
            std::mt19937 rng(77 + uint32_t(*type));
            const auto bytes = ktest::randomWeights(*type, size_t(nExpert) * rows, cols, rng);
            const auto wf = ktest::dequantRows(*type, bytes.data(), size_t(nExpert) * rows, cols);
            const std::vector<int32_t> ids = {4, 1, 0, 4};  // token 0: experts 4, 1; token 1: 0, 4
            const std::vector<float> rw = {0.75f, -0.5f, 1.25f, 2.0f};
            double worst = 0;
            for (int mode = 0; mode < 4; ++mode) {
                const bool perSlot = mode & 1, weighted = mode & 2;
                // mode 3 also splits the tensor so that each part holds two experts.
                const ktest::TuningGuard guard(*m_gpu.kernels);
                if (mode == 3) {
                    m_gpu.kernels->tuning.maxBindingRange =
                        2 * bytes.size() / nExpert + 2 * m_gpu.kernels->offsetAlignment;
                }
                const size_t xn = size_t(nTokens) * (perSlot ? nUsed : 1) * cols;
                const auto x = ktest::randomFloats(xn, rng);
                HostBuffer wb(dev, bytes.size()), xb(dev, xn * 4), ib(dev, 16), rb(dev, 16),
                    yb(dev, size_t(nTokens) * nUsed * rows * 4);
                wb.fill(bytes);
                xb.fill(x);
                ib.fill(ids);
                rb.fill(rw);
                std::memset(yb.data<float>(), 0xFF, size_t(nTokens) * nUsed * rows * 4);
                vk::Batch batch(dev);
                vk::WeightView w{*type, &wb.buffer(), 0, cols, rows, nExpert};
                vk::ExpertSelection sel{ib, weighted ? vk::BufferSpan(rb.buffer()) : vk::BufferSpan(), nUsed, nTokens,
                                        perSlot};
                auto r = vk::matvecId(*m_gpu.kernels, batch, w, xb, sel, yb);
                QVERIFY2(r, r ? "" : r.error().message.c_str());
                auto s = batch.submitAndWait();
                QVERIFY2(s, s ? "" : s.error().message.c_str());
                for (uint32_t t = 0; t < nTokens; ++t) {
                    for (uint32_t slot = 0; slot < nUsed; ++slot) {
                        const size_t pair = t * nUsed + slot;
                        const std::vector<float> we(wf.begin() + size_t(ids[pair]) * rows * cols,
                                                    wf.begin() + size_t(ids[pair] + 1) * rows * cols);
                        const size_t xo = (perSlot ? pair : t) * cols;
                        const std::vector<float> xs(x.begin() + xo, x.begin() + xo + cols);
                        Reference ref = reference(we, xs, rows, cols, 1, ktest::blockElements(*type));
                        const double scale = weighted ? rw[pair] : 1.0;
                        for (size_t i = 0; i < rows; ++i) {
                            ref.y[i] *= scale;
                            ref.mag[i] *= std::fabs(scale) * 1.0000002;
                            ref.blk[i] *= std::fabs(scale);
                        }
                        const std::string err = compare(yb.data<float>() + pair * rows, ref,
                                                        depthOf(*m_gpu.kernels, dev, cols) + 1, worst,
                                                        v + " mode " + std::to_string(mode));
                        QVERIFY2(err.empty(), err.c_str());
                    }
                }
            }
            qInfo("%-19s max error %.2f eps * sum|wx|", v.c_str(), worst);
            ++tested;
        }
        QCOMPARE(tested, 16);
    }

    void stridedExperts() {
        // A merged ffn_gate_up_exps tensor [E][2F][K]: gate = the first F rows of each expert,
        // up = the next F, both with an expert stride of 2F rows. The buffer ends exactly at
        // the tensor's end, so the up view's last expert must not bind past it; the second
        // pass splits the tensor into parts of two experts (every part's tail checked).
        vk::Device& dev = *m_gpu.device;
        const TensorType type = TensorType::Q8_0;
        const uint32_t cols = 64, F = 9, nExpert = 5, nUsed = 2, nTokens = 2;
        const uint64_t rowBytes = quant::rowBytes(type, cols), stride = 2ull * F * rowBytes;
        std::mt19937 rng(91);
        const auto bytes = ktest::randomWeights(type, size_t(nExpert) * 2 * F, cols, rng);
        const auto wf = ktest::dequantRows(type, bytes.data(), size_t(nExpert) * 2 * F, cols);
        const std::vector<int32_t> ids = {4, 1, 0, 4};  // the last expert twice
        const auto x = ktest::randomFloats(size_t(nTokens) * cols, rng);
        HostBuffer wb(dev, bytes.size()), xb(dev, x.size() * 4), ib(dev, 16), yb(dev, size_t(nTokens) * nUsed * F * 4);
        QCOMPARE(wb.buffer().size, VkDeviceSize(bytes.size()));
        wb.fill(bytes);
        xb.fill(x);
        ib.fill(ids);
        double worst = 0;
        for (int split = 0; split < 2; ++split) {
            const ktest::TuningGuard guard(*m_gpu.kernels);
            if (split) m_gpu.kernels->tuning.maxBindingRange = 2 * stride + 2 * m_gpu.kernels->offsetAlignment;
            for (uint32_t half = 0; half < 2; ++half) {
                std::memset(yb.data<float>(), 0xFF, size_t(nTokens) * nUsed * F * 4);
                vk::Batch batch(dev);
                vk::WeightView w{type, &wb.buffer(), half * F * rowBytes, cols, F, nExpert, stride};
                vk::ExpertSelection sel{ib, {}, nUsed, nTokens, false};
                auto r = vk::matvecId(*m_gpu.kernels, batch, w, xb, sel, yb);
                QVERIFY2(r, r ? "" : r.error().message.c_str());
                auto sub = batch.submitAndWait();
                QVERIFY2(sub, sub ? "" : sub.error().message.c_str());
                for (uint32_t pair = 0; pair < nTokens * nUsed; ++pair) {
                    const size_t first = (size_t(ids[pair]) * 2 * F + half * F) * cols;
                    const std::vector<float> we(wf.begin() + first, wf.begin() + first + size_t(F) * cols);
                    const std::vector<float> xs(x.begin() + (pair / nUsed) * cols, x.begin() + (pair / nUsed + 1) * cols);
                    const Reference ref = reference(we, xs, F, cols, 1, ktest::blockElements(type));
                    const std::string err = compare(yb.data<float>() + pair * F, ref,
                                                    depthOf(*m_gpu.kernels, dev, cols) + 1, worst,
                                                    "strided experts half " + std::to_string(half));
                    QVERIFY2(err.empty(), err.c_str());
                }
            }
        }
        // A stride below one expert's bytes is refused.
        vk::Batch batch(dev);
        vk::WeightView bad{type, &wb.buffer(), 0, cols, F, nExpert, F * rowBytes - 1};
        QVERIFY(!vk::matvecId(*m_gpu.kernels, batch, bad, xb, {ib, {}, nUsed, nTokens, false}, yb));
    }

    void tensorLargerThanOneBinding() {
        // A real Q8_0 tensor just over maxStorageBufferRange (128 MiB on lavapipe): the layer
        // must split it into parts. Checked on a sample of rows, including every part edge.
        vk::Device& dev = *m_gpu.device;
        const uint64_t limit = m_gpu.kernels->tuning.maxBindingRange;
        if (limit > (512ull << 20)) QSKIP("the device's binding range is too large to exceed in a test");
        const TensorType type = TensorType::Q8_0;
        const uint32_t cols = 4096;
        const uint64_t rowBytes = quant::rowBytes(type, cols);
        const uint32_t rows = uint32_t(limit / rowBytes + 100);
        std::mt19937 rng(5);
        const auto bytes = ktest::randomWeights(type, rows, cols, rng);
        QVERIFY(bytes.size() > dev.info.maxStorageBufferRange);
        const auto x = ktest::randomFloats(cols, rng);
        HostBuffer wb(dev, bytes.size()), xb(dev, cols * 4), yb(dev, rows * 4ull);
        QVERIFY(wb.ok() && xb.ok() && yb.ok());
        wb.fill(bytes);
        xb.fill(x);
        std::memset(yb.data<float>(), 0xFF, rows * 4ull);
        vk::Batch batch(dev);
        auto r = vk::matvec(*m_gpu.kernels, batch, {type, &wb.buffer(), 0, cols, rows}, xb, yb);
        QVERIFY2(r, r ? "" : r.error().message.c_str());
        const auto start = std::chrono::steady_clock::now();
        auto s = batch.submitAndWait();
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        QVERIFY2(s, s ? "" : s.error().message.c_str());
        QVERIFY(batch.dispatchCount() == 0);  // reset after the submission
        // Decode is bandwidth bound: report the weight bytes streamed per second.
        qInfo("weight read rate %.2f GB/s (%.3f s for one submission of every part)",
              bytes.size() / seconds / 1e9, seconds);
        const uint32_t perPart = uint32_t((limit - m_gpu.kernels->offsetAlignment) / rowBytes);
        std::vector<uint32_t> sample = {0, perPart - 1, perPart, perPart + 1, rows - 1};
        for (uint32_t i = 0; i < rows; i += 997) sample.push_back(i);
        double worst = 0;
        for (uint32_t row : sample) {
            const auto wf = ktest::dequantRows(type, bytes.data() + row * rowBytes, 1, cols);
            const Reference ref = reference(wf, x, 1, cols, 1, 32);
            const std::string err = compare(yb.data<float>() + row, ref, depthOf(*m_gpu.kernels, dev, cols), worst,
                                            "row " + std::to_string(row));
            QVERIFY2(err.empty(), err.c_str());
        }
        qInfo("%u rows x %u Q8_0 (%.1f MiB) in parts of %u rows: max error %.2f eps * sum|wx|", rows, cols,
              bytes.size() / 1048576.0, perPart, worst);
    }

    void rejectsWhatItCannotCompute() {
        vk::Device& dev = *m_gpu.device;
        HostBuffer b(dev, 4096);
        vk::Batch batch(dev);
        auto bad = vk::matvec(*m_gpu.kernels, batch, {TensorType::Q4_K, &b.buffer(), 0, 100, 2}, b, b);
        QVERIFY(!bad);  // 100 is not a whole number of 256-element blocks
        auto unsupported = vk::matvec(*m_gpu.kernels, batch, {TensorType::IQ2_XXS, &b.buffer(), 0, 256, 2}, b, b);
        QVERIFY(!unsupported);
        QCOMPARE(unsupported.error().code, ErrorCode::Unsupported);
        auto pastEnd = vk::matvec(*m_gpu.kernels, batch, {TensorType::F32, &b.buffer(), 0, 1024, 2}, b, b);
        QVERIFY(!pastEnd);
    }

    void cleanupTestCase() {
        m_gpu.kernels.reset();
        m_gpu.device.reset();
    }
};

QTEST_GUILESS_MAIN(TestKernelMatvec)
#include "tst_kernel_matvec.moc"
