// Matrix-matrix kernels (prompt) and the embedding lookup: every matmul_<type> and
// get_rows_<type> variant against the CPU reference (quant::dequantize, double sums), with
// shapes that are not multiples of the tiles, other tilings, and tensors split over
// several bindings.
//
// matmul tolerance (per output): eps_f32 * ((K + 2) * sum_k |w_k x_k| + 4 * sum_k maxblock_k
// |x_k|): every output is one sequential fma chain over K (K roundings at most), plus one
// rounding more or less per decoded weight than the CPU decoder (bounded by its block's
// largest |w|). get_rows: each element within 2 eps of its block's largest |w| (the decoder
// may fuse d * q + m into one fma; otherwise it is bit-exact).
#include <QtTest>

#include <cmath>

#include "kernel_test_util.h"
#include "quant/quant.h"

using namespace ponder;
using ktest::HostBuffer;

namespace {

std::vector<uint32_t> testCols(TensorType t) {
    const size_t qk = ktest::blockElements(t);
    if (qk == 256) return {256, 768};
    if (qk == 32) return {96, 352};
    return {44, 300};
}

std::vector<float> blockMax(const std::vector<float>& w, size_t block) {
    std::vector<float> m(w.size());
    for (size_t i = 0; i < w.size(); i += block) {
        float v = 0;
        for (size_t j = 0; j < block; ++j) v = std::max(v, std::fabs(w[i + j]));
        for (size_t j = 0; j < block; ++j) m[i + j] = v;
    }
    return m;
}

}  // namespace

class TestKernelMatmul : public QObject {
    Q_OBJECT
    ktest::Gpu m_gpu;

    std::string runMatmul(TensorType type, uint32_t cols, uint32_t rows, uint32_t n, size_t offset, double& worst) {
        vk::Device& dev = *m_gpu.device;
        std::mt19937 rng(cols + rows * 3 + n * 11 + uint32_t(type));
        const auto bytes = ktest::randomWeights(type, rows, cols, rng);
        const auto x = ktest::randomFloats(size_t(n) * cols, rng);
        HostBuffer wb(dev, offset + bytes.size()), xb(dev, x.size() * 4), yb(dev, size_t(n) * rows * 4);
        if (!wb.ok() || !xb.ok() || !yb.ok()) return "buffer allocation failed";
        wb.fill(bytes, offset);
        xb.fill(x);
        std::memset(yb.data<float>(), 0xFF, size_t(n) * rows * 4);
        vk::Batch batch(dev);
        if (auto r = vk::matmul(*m_gpu.kernels, batch, {type, &wb.buffer(), offset, cols, rows}, xb, yb, n); !r) {
            return r.error().message;
        }
        if (auto r = batch.submitAndWait(); !r) return r.error().message;
        const auto w = ktest::dequantRows(type, bytes.data(), rows, cols);
        const auto bm = blockMax(w, ktest::blockElements(type));
        const float* y = yb.data<float>();
        for (uint32_t c = 0; c < n; ++c) {
            for (uint32_t r = 0; r < rows; ++r) {
                double s = 0, mag = 0, blk = 0;
                for (uint32_t k = 0; k < cols; ++k) {
                    const double xv = x[size_t(c) * cols + k];
                    s += double(w[size_t(r) * cols + k]) * xv;
                    mag += std::fabs(double(w[size_t(r) * cols + k]) * xv);
                    blk += bm[size_t(r) * cols + k] * std::fabs(xv);
                }
                const double got = y[size_t(c) * rows + r];
                const double err = std::fabs(got - s);
                const double tol = ktest::kEps * ((cols + 2.0) * mag + 4 * blk);
                worst = std::max(worst, err / (ktest::kEps * mag));
                if (!(err <= tol)) {
                    return std::string(tensorTypeName(type)) + " Y[" + std::to_string(c) + "][" + std::to_string(r) +
                           "] = " + std::to_string(got) + ", expected " + std::to_string(s);
                }
            }
        }
        return {};
    }

    std::string runGetRows(TensorType type, uint32_t cols, uint32_t rows, size_t offset) {
        vk::Device& dev = *m_gpu.device;
        std::mt19937 rng(cols + uint32_t(type));
        const auto bytes = ktest::randomWeights(type, rows, cols, rng);
        const std::vector<int32_t> ids = {5, 0, int32_t(rows - 1), 5, 13, 2};
        HostBuffer wb(dev, offset + bytes.size()), ib(dev, ids.size() * 4), yb(dev, ids.size() * cols * 4);
        wb.fill(bytes, offset);
        ib.fill(ids);
        std::memset(yb.data<float>(), 0xFF, ids.size() * cols * 4);
        vk::Batch batch(dev);
        auto r = vk::getRows(*m_gpu.kernels, batch, {type, &wb.buffer(), offset, cols, rows}, ib, uint32_t(ids.size()), yb);
        if (!r) return r.error().message;
        if (auto s = batch.submitAndWait(); !s) return s.error().message;
        const auto w = ktest::dequantRows(type, bytes.data(), rows, cols);
        const auto bm = blockMax(w, ktest::blockElements(type));
        for (size_t i = 0; i < ids.size(); ++i) {
            for (uint32_t k = 0; k < cols; ++k) {
                const size_t src = size_t(ids[i]) * cols + k;
                const float got = yb.data<float>()[i * cols + k];
                if (!(std::fabs(got - w[src]) <= 2 * ktest::kEps * bm[src])) {
                    return std::string(tensorTypeName(type)) + " row " + std::to_string(ids[i]) + " element " +
                           std::to_string(k) + ": " + std::to_string(got) + " vs " + std::to_string(w[src]);
                }
            }
        }
        return {};
    }

private slots:
    void initTestCase() { KTEST_OPEN_GPU(m_gpu); }

    void everyMatmulVariant() {
        int tested = 0;
        for (const std::string& v : ktest::variantsWithPrefix("matmul_")) {
            if (v.rfind("matmul_id_", 0) == 0) continue;  // tst_kernel_matmul_id
            auto type = ktest::weightTypeOf(v, "matmul_");
            QVERIFY2(type, qPrintable("variant without a testable weight type: " + QString::fromStdString(v)));
            const auto cols = testCols(*type);
            double worst = 0;
            for (auto [c, r, n] : {std::tuple{cols[0], 67u, 5u}, {cols[1], 130u, 70u}, {cols[0], 1u, 1u}}) {
                const std::string err = runMatmul(*type, c, r, n, 0, worst);
                QVERIFY2(err.empty(), (v + ": " + err).c_str());
            }
            qInfo("%-16s max error %.2f eps * sum|wx|", v.c_str(), worst);
            ++tested;
        }
        QCOMPARE(tested, 16);
    }

    void otherTilings_data() {
        QTest::addColumn<QList<uint32_t>>("tile");  // BM, BN, BK, TM, TN
        QTest::newRow("32x32, 2x2 per thread") << QList<uint32_t>{32, 32, 8, 2, 2};
        QTest::newRow("64x16, 4x1 per thread") << QList<uint32_t>{64, 16, 16, 4, 1};
        QTest::newRow("16x64, 1x4 per thread, deep K") << QList<uint32_t>{16, 64, 32, 1, 4};
    }

    void otherTilings() {
        QFETCH(QList<uint32_t>, tile);
        const ktest::TuningGuard guard(*m_gpu.kernels);
        vk::KernelTuning& t = m_gpu.kernels->tuning;
        t.matmulTileM = tile[0];
        t.matmulTileN = tile[1];
        t.matmulTileK = tile[2];
        t.matmulThreadM = tile[3];
        t.matmulThreadN = tile[4];
        for (TensorType type : {TensorType::Q4_K, TensorType::Q5_0, TensorType::BF16}) {
            double worst = 0;
            const std::string err = runMatmul(type, testCols(type)[1], 45, 37, 0, worst);
            QVERIFY2(err.empty(), err.c_str());
        }
    }

    void matmulSplitOverBindings() {
        const ktest::TuningGuard guard(*m_gpu.kernels);
        m_gpu.kernels->tuning.maxBindingRange = 5000 + m_gpu.kernels->offsetAlignment;
        for (TensorType type : {TensorType::Q6_K, TensorType::Q8_0, TensorType::F32, TensorType::MXFP4}) {
            double worst = 0;
            const size_t offset = type == TensorType::F32 ? 20 : (type == TensorType::MXFP4 ? 5 : 10);
            const std::string err = runMatmul(type, testCols(type)[1], 41, 9, offset, worst);
            QVERIFY2(err.empty(), err.c_str());
        }
    }

    void everyGetRowsVariant() {
        int tested = 0;
        for (const std::string& v : ktest::variantsWithPrefix("get_rows_")) {
            auto type = ktest::weightTypeOf(v, "get_rows_");
            QVERIFY2(type, qPrintable("variant without a testable weight type: " + QString::fromStdString(v)));
            const std::string err = runGetRows(*type, testCols(*type)[1], 23, 0);
            QVERIFY2(err.empty(), err.c_str());
            ++tested;
        }
        QCOMPARE(tested, 16);
    }

    void getRowsFromATableSplitOverBindings() {
        const ktest::TuningGuard guard(*m_gpu.kernels);
        m_gpu.kernels->tuning.maxBindingRange = 2000 + m_gpu.kernels->offsetAlignment;
        for (TensorType type : {TensorType::Q4_K, TensorType::Q4_0, TensorType::F16, TensorType::MXFP4}) {
            const size_t offset = type == TensorType::MXFP4 ? 1 : 2;
            const std::string err = runGetRows(type, testCols(type)[1], 23, offset);
            QVERIFY2(err.empty(), err.c_str());
        }
    }

    void cleanupTestCase() {
        m_gpu.kernels.reset();
        m_gpu.device.reset();
    }
};

QTEST_GUILESS_MAIN(TestKernelMatmul)
#include "tst_kernel_matmul.moc"
