// PONDER_VK_PROFILE: off by default (no table grows), and when set, every dispatch of a
// submission is timed and counted under its shader variant.
#include <QtTest>

#include <cmath>

#include "kernel_test_util.h"
#include "vk/batch.h"
#include "vk/dispatch_profile.h"
#include "vk/kernels.h"

using namespace ponder;

class TestDispatchProfile : public QObject {
    Q_OBJECT
    ktest::Gpu m_gpu;

    // Two RMS norms and a softmax over 8 rows of 256 in one submission: y = softmax(norm(x)),
    // x = norm(x).
    void runThreeDispatches() {
        vk::Device& dev = *m_gpu.device;
        const uint32_t n = 256, rows = 8;
        ktest::HostBuffer x(dev, n * rows * 4), y(dev, n * rows * 4);
        QVERIFY(x.ok() && y.ok());
        std::vector<float> values(n * rows);
        for (size_t i = 0; i < values.size(); ++i) values[i] = float(i % 17) - 8.0f;
        x.fill(values);
        vk::Batch batch(dev);
        QVERIFY(vk::rmsNorm(*m_gpu.kernels, batch, x, {}, y, n, rows, 1e-6f));
        QVERIFY(vk::softmax(*m_gpu.kernels, batch, y, y, n, rows));
        QVERIFY(vk::rmsNorm(*m_gpu.kernels, batch, x, {}, x, n, rows, 1e-6f));
        QVERIFY(batch.submitAndWait());
        // The work itself is unchanged by profiling: a softmax row sums to 1, a normalised
        // row has mean square 1.
        double sum = 0, sq = 0;
        for (uint32_t i = 0; i < n; ++i) {
            sum += y.data<float>()[i];
            sq += double(x.data<float>()[i]) * x.data<float>()[i];
        }
        QVERIFY(std::abs(sum - 1.0) < 1e-4);
        QVERIFY(std::abs(sq / n - 1.0) < 1e-4);
    }

private slots:
    void initTestCase() {
        qunsetenv("PONDER_VK_PROFILE");
        KTEST_OPEN_GPU(m_gpu);
    }

    void offByDefault() {
        runThreeDispatches();
        QVERIFY(vk::DispatchProfiler::totals().empty());
    }

    void timesEveryDispatchByVariant() {
        qputenv("PONDER_VK_PROFILE", "1");
        runThreeDispatches();
        qunsetenv("PONDER_VK_PROFILE");
        const auto totals = vk::DispatchProfiler::totals();
        QCOMPARE(totals.size(), size_t(2));
        QVERIFY(totals.count("rms_norm") && totals.count("softmax"));
        QCOMPARE(totals.at("rms_norm").dispatches, uint64_t(2));
        QCOMPARE(totals.at("softmax").dispatches, uint64_t(1));
        QVERIFY(totals.at("rms_norm").nanoseconds > 0);
        QVERIFY(totals.at("softmax").nanoseconds > 0);
    }
};

QTEST_GUILESS_MAIN(TestDispatchProfile)
#include "tst_dispatch_profile.moc"
