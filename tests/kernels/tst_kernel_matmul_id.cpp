// Expert-grouped MoE prompt kernels: moe_group (the (token, slot) pairs of each expert)
// against a host grouping, and every matmul_id_<type> variant against the CPU reference
// (quant::dequantize, double sums) with a routing where some experts get no token, one
// expert is chosen by every token, and the token count is not a multiple of the column tile;
// with shared and per-slot inputs, with and without routing weights, with the weight tensor
// split over several bindings, and with merged gate/up tensors (an expert stride).
//
// Tolerance (per output): eps_f32 * ((K + 3) * sum_k |w_k x_k| + 4 * sum_k maxblock_k |x_k|):
// every output is one sequential fma chain over K (K roundings), one more for the routing
// weight, plus one rounding more or less per decoded weight than the CPU decoder (bounded by
// its block's largest |w|), as in tst_kernel_matmul.
#include <QtTest>

#include <chrono>
#include <cmath>
#include <numeric>

#include "kernel_test_util.h"
#include "quant/quant.h"

using namespace ponder;
using ktest::HostBuffer;

namespace {

std::vector<uint32_t> testCols(TensorType t) {
    const size_t qk = ktest::blockElements(t);
    if (qk == 256) return {256, 512};
    if (qk == 32) return {96, 160};
    return {44, 100};
}

// A routing of nTokens tokens over nExpert experts with nUsed slots: expert 0 in every token
// (at slot t % nUsed), the other slots drawn from experts 1 .. nExpert - 3 without repeats,
// so the last two experts get no token.
std::vector<int32_t> makeRouting(uint32_t nTokens, uint32_t nUsed, uint32_t nExpert, std::mt19937& rng) {
    std::vector<int32_t> ids(size_t(nTokens) * nUsed);
    for (uint32_t t = 0; t < nTokens; ++t) {
        std::vector<int32_t> pool;
        for (int32_t e = 1; e + 2 < int32_t(nExpert); ++e) pool.push_back(e);
        std::shuffle(pool.begin(), pool.end(), rng);
        for (uint32_t s = 0, next = 0; s < nUsed; ++s) ids[t * nUsed + s] = s == t % nUsed ? 0 : pool[next++];
    }
    return ids;
}

// What moe_group must write: counts, then each expert's pairs in token order.
std::vector<uint32_t> hostGroups(const std::vector<int32_t>& ids, uint32_t nTokens, uint32_t nUsed, uint32_t nExpert) {
    std::vector<uint32_t> g(vk::expertGroupsElements(nExpert, nTokens), 0xDEADBEEFu);
    for (uint32_t e = 0; e < nExpert; ++e) {
        uint32_t n = 0;
        for (uint32_t p = 0; p < nTokens * nUsed; ++p) {
            if (ids[p] == int32_t(e)) g[nExpert + size_t(e) * nTokens + n++] = p;
        }
        g[e] = n;
    }
    return g;
}

struct IdCase {
    TensorType type = TensorType::F32;
    uint32_t cols = 0, rows = 0, nExpert = 0, nUsed = 0, nTokens = 0;
    bool perSlot = false, weighted = false;
    size_t offset = 0;     // bytes before the tensor in its buffer
    uint32_t stride = 1;   // experts' matrices hold stride * rows rows (merged gate/up)
    uint32_t half = 0;     // which block of rows of each expert the view takes
};

}  // namespace

class TestKernelMatmulId : public QObject {
    Q_OBJECT
    ktest::Gpu m_gpu;

    // Groups, then runs matmulId for c; "" or why it failed. worst = max err / (eps * mag).
    std::string runId(const IdCase& c, double& worst) {
        vk::Device& dev = *m_gpu.device;
        std::mt19937 rng(c.cols * 7 + c.rows + c.nTokens * 13 + uint32_t(c.type) + c.perSlot + 2 * c.weighted);
        const uint32_t matRows = c.stride * c.rows;
        const auto bytes = ktest::randomWeights(c.type, size_t(c.nExpert) * matRows, c.cols, rng);
        const auto wf = ktest::dequantRows(c.type, bytes.data(), size_t(c.nExpert) * matRows, c.cols);
        const auto ids = makeRouting(c.nTokens, c.nUsed, c.nExpert, rng);
        const size_t pairs = size_t(c.nTokens) * c.nUsed;
        const auto rw = ktest::randomFloats(pairs, rng, -2.0f, 2.0f);
        const size_t xRows = c.perSlot ? pairs : c.nTokens;
        const auto x = ktest::randomFloats(xRows * c.cols, rng);
        const size_t groupBytes = vk::expertGroupsElements(c.nExpert, c.nTokens) * 4;
        HostBuffer wb(dev, c.offset + bytes.size()), xb(dev, x.size() * 4), ib(dev, pairs * 4), rb(dev, pairs * 4),
            gb(dev, groupBytes), yb(dev, pairs * c.rows * 4);
        if (!wb.ok() || !xb.ok() || !ib.ok() || !rb.ok() || !gb.ok() || !yb.ok()) return "buffer allocation failed";
        wb.fill(bytes, c.offset);
        xb.fill(x);
        ib.fill(ids);
        rb.fill(rw);
        std::memset(gb.data<uint8_t>(), 0xFF, groupBytes);
        std::memset(yb.data<float>(), 0xFF, pairs * c.rows * 4);  // NaN: unwritten outputs fail
        const uint64_t rowBytes = quant::rowBytes(c.type, c.cols);
        vk::WeightView w{c.type, &wb.buffer(), c.offset + c.half * c.rows * rowBytes, c.cols, c.rows, c.nExpert,
                         c.stride > 1 ? matRows * rowBytes : 0};
        vk::ExpertSelection sel{ib, c.weighted ? vk::BufferSpan(rb.buffer()) : vk::BufferSpan(), c.nUsed, c.nTokens,
                                c.perSlot};
        vk::Batch batch(dev);
        if (auto r = vk::groupExperts(*m_gpu.kernels, batch, sel, c.nExpert, gb); !r) return r.error().message;
        if (auto r = vk::matmulId(*m_gpu.kernels, batch, w, xb, sel, gb, yb); !r) return r.error().message;
        if (auto r = batch.submitAndWait(); !r) return r.error().message;
        const std::string what = std::string(tensorTypeName(c.type)) + (c.perSlot ? " per-slot" : " shared") +
                                 (c.weighted ? " weighted" : "");
        const auto want = hostGroups(ids, c.nTokens, c.nUsed, c.nExpert);
        const uint32_t* got = gb.data<uint32_t>();
        for (uint32_t e = 0; e < c.nExpert; ++e) {
            if (got[e] != want[e]) return what + ": expert " + std::to_string(e) + " count " + std::to_string(got[e]);
            for (uint32_t i = 0; i < want[e]; ++i) {
                const size_t at = c.nExpert + size_t(e) * c.nTokens + i;
                if (got[at] != want[at]) return what + ": expert " + std::to_string(e) + " pair " + std::to_string(i);
            }
        }

        const size_t blk = ktest::blockElements(c.type);
        for (size_t pair = 0; pair < pairs; ++pair) {
            const size_t first = (size_t(ids[pair]) * matRows + size_t(c.half) * c.rows) * c.cols;
            const float* xs = x.data() + (c.perSlot ? pair : pair / c.nUsed) * c.cols;
            const double scale = c.weighted ? rw[pair] : 1.0;
            for (uint32_t r = 0; r < c.rows; ++r) {
                const float* wr = wf.data() + first + size_t(r) * c.cols;
                double s = 0, mag = 0, bm = 0;
                for (uint32_t k0 = 0; k0 < c.cols; k0 += uint32_t(blk)) {
                    float m = 0;
                    for (size_t j = 0; j < blk; ++j) m = std::max(m, std::fabs(wr[k0 + j]));
                    for (size_t j = 0; j < blk; ++j) {
                        s += double(wr[k0 + j]) * xs[k0 + j];
                        mag += std::fabs(double(wr[k0 + j]) * xs[k0 + j]);
                        bm += m * std::fabs(xs[k0 + j]);
                    }
                }
                s *= scale;
                mag *= std::fabs(scale);
                bm *= std::fabs(scale);
                const double out = yb.data<float>()[pair * c.rows + r];
                const double err = std::fabs(out - s);
                const double tol = ktest::kEps * ((c.cols + 3.0) * mag + 4 * bm) + 1e-30;
                worst = std::max(worst, err / (ktest::kEps * std::max(mag, 1e-30)));
                if (!(err <= tol)) {
                    return what + ": y[pair " + std::to_string(pair) + "][" + std::to_string(r) +
                           "] = " + std::to_string(out) + ", expected " + std::to_string(s);
                }
            }
        }
        return {};
    }

private slots:
    void initTestCase() { KTEST_OPEN_GPU(m_gpu); }

    void groupsLongRoutings_data() {
        QTest::addColumn<uint32_t>("workgroup");
        QTest::addColumn<uint32_t>("nTokens");
        QTest::newRow("tuned workgroup, 1 token") << 0u << 1u;
        QTest::newRow("tuned workgroup, 300 tokens") << 0u << 300u;
        QTest::newRow("96 threads, 257 tokens") << 96u << 257u;
        QTest::newRow("1 thread, 5 tokens") << 1u << 5u;
    }

    void groupsLongRoutings() {
        // Several rounds of the workgroup's prefix sum, and workgroups that are not powers of 2.
        QFETCH(uint32_t, workgroup);
        QFETCH(uint32_t, nTokens);
        const ktest::TuningGuard guard(*m_gpu.kernels);
        if (workgroup) m_gpu.kernels->tuning.rowWorkgroup = workgroup;
        vk::Device& dev = *m_gpu.device;
        const uint32_t nUsed = 3, nExpert = 11;
        std::mt19937 rng(nTokens + workgroup);
        const auto ids = makeRouting(nTokens, nUsed, nExpert, rng);
        const size_t groupBytes = vk::expertGroupsElements(nExpert, nTokens) * 4;
        HostBuffer ib(dev, ids.size() * 4), gb(dev, groupBytes);
        ib.fill(ids);
        std::memset(gb.data<uint8_t>(), 0xFF, groupBytes);
        vk::Batch batch(dev);
        auto r = vk::groupExperts(*m_gpu.kernels, batch, {ib, {}, nUsed, nTokens, false}, nExpert, gb);
        QVERIFY2(r, r ? "" : r.error().message.c_str());
        auto s = batch.submitAndWait();
        QVERIFY2(s, s ? "" : s.error().message.c_str());
        const auto want = hostGroups(ids, nTokens, nUsed, nExpert);
        const auto got = gb.read<uint32_t>(want.size());
        QCOMPARE(got[0], nTokens);                   // expert 0: every token
        QCOMPARE(got[nExpert - 1], 0u);              // the last two: none
        for (uint32_t e = 0; e < nExpert; ++e) {
            QCOMPARE(got[e], want[e]);
            for (uint32_t i = 0; i < want[e]; ++i) {
                const size_t at = nExpert + size_t(e) * nTokens + i;
                QCOMPARE(got[at], want[at]);
            }
        }
    }

    void everyMatmulIdVariant() {
        int tested = 0;
        for (const std::string& v : ktest::variantsWithPrefix("matmul_id_")) {
            auto type = ktest::weightTypeOf(v, "matmul_id_");
            QVERIFY2(type, qPrintable("variant without a testable weight type: " + QString::fromStdString(v)));
            double worst = 0;
            // 70 tokens over 7 experts: 20 per expert on average, so the narrow tiles (5
            // column tiles for expert 0, two for the others, the last ones partial); the
            // per-slot modes force the wide tiles (64: two column tiles, the second mostly
            // empty). 67 rows: row tiles with a partial last one.
            for (int mode = 0; mode < 4; ++mode) {
                const ktest::TuningGuard guard(*m_gpu.kernels);
                if (mode & 1) m_gpu.kernels->tuning.matmulIdWideFrom = 1;
                IdCase c{*type, testCols(*type)[0], 67, 7, 2, 70, (mode & 1) != 0, (mode & 2) != 0};
                const std::string err = runId(c, worst);
                QVERIFY2(err.empty(), (v + ": " + err).c_str());
            }
            qInfo("%-19s max error %.2f eps * sum|wx|", v.c_str(), worst);
            ++tested;
        }
        QCOMPARE(tested, 16);
    }

    void splitOverSeveralBindings() {
        // Parts of two experts each, the tensor at an offset that leaves every part a residue.
        for (const std::string& v : ktest::variantsWithPrefix("matmul_id_")) {
            auto type = ktest::weightTypeOf(v, "matmul_id_");
            QVERIFY(type);
            const uint32_t cols = testCols(*type)[1], rows = 21;
            const ktest::TuningGuard guard(*m_gpu.kernels);
            m_gpu.kernels->tuning.maxBindingRange =
                2 * rows * quant::rowBytes(*type, cols) + 2 * m_gpu.kernels->offsetAlignment;
            IdCase c{*type, cols, rows, 7, 3, 41, true, true};
            c.offset = *type == TensorType::F32 ? 12 : (*type == TensorType::MXFP4 ? 3 : 6);
            double worst = 0;
            const std::string err = runId(c, worst);
            QVERIFY2(err.empty(), (v + " split: " + err).c_str());
        }
    }

    void otherTilings_data() {
        QTest::addColumn<QList<uint32_t>>("tile");  // BM, BN, BK, TM, TN
        QTest::newRow("32x32, 2x2 per thread") << QList<uint32_t>{32, 32, 8, 2, 2};
        QTest::newRow("16x8, 2x1 per thread") << QList<uint32_t>{16, 8, 16, 2, 1};
        QTest::newRow("64x64, 4x4 per thread (the dense matmul's)") << QList<uint32_t>{64, 64, 16, 4, 4};
    }

    void otherTilings() {
        // Small column tiles: many tiles per expert, most past some experts' counts.
        QFETCH(QList<uint32_t>, tile);
        const ktest::TuningGuard guard(*m_gpu.kernels);
        vk::KernelTuning& t = m_gpu.kernels->tuning;
        t.matmulIdNarrow = t.matmulIdWide = {tile[0], tile[1], tile[2], tile[3], tile[4]};
        for (TensorType type : {TensorType::Q4_K, TensorType::Q5_1, TensorType::F16}) {
            double worst = 0;
            IdCase c{type, testCols(type)[1], 37, 6, 2, 45, false, true};
            const std::string err = runId(c, worst);
            QVERIFY2(err.empty(), err.c_str());
        }
    }

    void stridedExperts() {
        // A merged ffn_gate_up_exps tensor [E][2F][K]: each half is a view with an expert
        // stride of 2F rows; the buffer ends at the tensor's end (the up half's last expert
        // must not bind past it), unsplit and in parts of two experts.
        for (int split = 0; split < 2; ++split) {
            const ktest::TuningGuard guard(*m_gpu.kernels);
            const uint32_t cols = 64, rows = 9;
            if (split) {
                m_gpu.kernels->tuning.maxBindingRange =
                    4 * rows * quant::rowBytes(TensorType::Q8_0, cols) + 2 * m_gpu.kernels->offsetAlignment;
            }
            for (uint32_t half = 0; half < 2; ++half) {
                IdCase c{TensorType::Q8_0, cols, rows, 5, 2, 9, false, false};
                c.stride = 2;
                c.half = half;
                double worst = 0;
                const std::string err = runId(c, worst);
                QVERIFY2(err.empty(), ("half " + std::to_string(half) + ": " + err).c_str());
            }
        }
    }

    void agreesWithMatvecIdAndTimesBoth() {
        // A qwen3moe-sized prompt (bench/compare's small model: 64 tokens, 16 experts, 4 used,
        // 256 x 512 Q4_K gate): the grouped matmul must give matvecId's result (within both
        // kernels' rounding), and the time of each is reported (grouping included).
        vk::Device& dev = *m_gpu.device;
        const TensorType type = TensorType::Q4_K;
        const uint32_t cols = 512, rows = 256, nExpert = 16, nUsed = 4, nTokens = 64;
        const size_t pairs = size_t(nTokens) * nUsed;
        std::mt19937 rng(2024);
        const auto bytes = ktest::randomWeights(type, size_t(nExpert) * rows, cols, rng);
        const auto x = ktest::randomFloats(size_t(nTokens) * cols, rng);
        std::vector<int32_t> ids(pairs);
        for (uint32_t t = 0; t < nTokens; ++t) {
            std::vector<int32_t> all(nExpert);
            std::iota(all.begin(), all.end(), 0);
            std::shuffle(all.begin(), all.end(), rng);
            std::copy_n(all.begin(), nUsed, ids.begin() + t * nUsed);
        }
        const size_t groupBytes = vk::expertGroupsElements(nExpert, nTokens) * 4;
        HostBuffer wb(dev, bytes.size()), xb(dev, x.size() * 4), ib(dev, pairs * 4), gb(dev, groupBytes),
            y1(dev, pairs * rows * 4), y2(dev, pairs * rows * 4);
        wb.fill(bytes);
        xb.fill(x);
        ib.fill(ids);
        const vk::WeightView w{type, &wb.buffer(), 0, cols, rows, nExpert};
        const vk::ExpertSelection sel{ib, {}, nUsed, nTokens, false};
        double seconds[2] = {1e30, 1e30};
        for (int rep = 0; rep < 3; ++rep) {  // the first run of each also builds its pipelines
            for (int grouped = 0; grouped < 2; ++grouped) {
                vk::Batch batch(dev);
                if (grouped) {
                    QVERIFY(vk::groupExperts(*m_gpu.kernels, batch, sel, nExpert, gb));
                    QVERIFY(vk::matmulId(*m_gpu.kernels, batch, w, xb, sel, gb, y2));
                } else {
                    QVERIFY(vk::matvecId(*m_gpu.kernels, batch, w, xb, sel, y1));
                }
                const auto start = std::chrono::steady_clock::now();
                QVERIFY(batch.submitAndWait());
                const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
                seconds[grouped] = std::min(seconds[grouped], s);
            }
        }
        const auto wf = ktest::dequantRows(type, bytes.data(), size_t(nExpert) * rows, cols);
        for (size_t pair = 0; pair < pairs; ++pair) {
            for (uint32_t r = 0; r < rows; ++r) {
                double mag = 0;
                const float* wr = wf.data() + (size_t(ids[pair]) * rows + r) * cols;
                for (uint32_t k = 0; k < cols; ++k) mag += std::fabs(double(wr[k]) * x[(pair / nUsed) * cols + k]);
                const double a = y1.data<float>()[pair * rows + r], b = y2.data<float>()[pair * rows + r];
                // Each within (K + 8) eps * sum|wx| + the decoder's block term of the CPU value.
                QVERIFY2(std::fabs(a - b) <= 2 * ktest::kEps * (cols + 8.0) * mag * 1.5,
                         qPrintable(QString("pair %1 row %2: matvecId %3, matmulId %4").arg(pair).arg(r).arg(a).arg(b)));
            }
        }
        qInfo("64 tokens x 4 of 16 experts, 256 x 512 Q4_K: matvecId %.2f ms, grouped matmul %.2f ms (%.1fx)",
              seconds[0] * 1e3, seconds[1] * 1e3, seconds[0] / seconds[1]);
    }

    void rejectsWhatItCannotCompute() {
        vk::Device& dev = *m_gpu.device;
        HostBuffer b(dev, 4096), small(dev, 16);
        vk::Batch batch(dev);
        const vk::ExpertSelection sel{b, {}, 2, 8, false};
        QVERIFY(!vk::groupExperts(*m_gpu.kernels, batch, sel, 4, small));  // 4 * 9 entries do not fit
        QVERIFY(!vk::groupExperts(*m_gpu.kernels, batch, {b, {}, 0, 8, false}, 4, b));
        const vk::WeightView w{TensorType::F32, &b.buffer(), 0, 8, 4, 4};
        QVERIFY(!vk::matmulId(*m_gpu.kernels, batch, w, b, sel, small, b));
        const vk::WeightView pastEnd{TensorType::F32, &b.buffer(), 0, 64, 8, 4};
        QVERIFY(!vk::matmulId(*m_gpu.kernels, batch, pastEnd, b, sel, b, b));
    }

    void cleanupTestCase() {
        m_gpu.kernels.reset();
        m_gpu.device.reset();
    }
};

QTEST_GUILESS_MAIN(TestKernelMatmulId)
#include "tst_kernel_matmul_id.moc"
