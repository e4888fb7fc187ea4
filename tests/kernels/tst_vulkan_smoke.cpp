// The Vulkan smoke test: a device can be created and a real compute shader that uses 8-bit
// and 16-bit storage and subgroup reductions gives the right answer. With no device the
// test FAILS (packagers may opt out with -DPONDER_TESTS_ALLOW_NO_VULKAN=ON).
#include <QtTest>

#include <cmath>
#include <cstring>
#include <random>

#include "ponder/gpu.h"
#include "shader_registry.h"
#include "common/push_constants.h"
#include "vk/buffer.h"
#include "vk/device.h"
#include "vk/pipeline.h"

using namespace ponder;

namespace {

// Exact fp16 bits of a float that is representable in half precision (the test only uses
// multiples of 1/8 below 256, which are). Independent of the engine's converters on purpose.
uint16_t exactHalf(float f) {
    if (f == 0.0f) return std::signbit(f) ? 0x8000 : 0;
    int e = 0;
    float m = std::frexp(std::fabs(f), &e);  // f = m * 2^e, m in [0.5, 1)
    const uint16_t sign = f < 0 ? 0x8000 : 0;
    const int exponent = e - 1 + 15;          // biased exponent of 1.xxx * 2^(e-1)
    const auto mantissa = static_cast<uint16_t>(std::lround((m * 2.0f - 1.0f) * 1024.0f));
    return static_cast<uint16_t>(sign | (exponent << 10) | mantissa);
}

}  // namespace

class TestVulkanSmoke : public QObject {
    Q_OBJECT

    std::unique_ptr<vk::Device> m_device;

private slots:
    void initTestCase() {
        auto device = vk::createDevice();
        if (!device) {
            const QString why = QString::fromStdString(device.error().message);
            if (PONDER_TESTS_ALLOW_NO_VULKAN) QSKIP(qPrintable("no Vulkan device (opt-out set): " + why));
            QFAIL(qPrintable("cannot create a Vulkan device: " + why));
        }
        m_device = std::move(*device);
        const GpuInfo& g = m_device->info;
        qInfo("device: %s (%s), Vulkan %s, subgroup %u, shared %u B, storage range %llu B", g.name.c_str(),
              gpuTypeName(g.type), g.apiVersion.c_str(), g.subgroupSize, g.maxSharedMemory,
              static_cast<unsigned long long>(g.maxStorageBufferRange));
    }

    void halfHelperIsRight() {
        QCOMPARE(exactHalf(1.0f), uint16_t(0x3C00));
        QCOMPARE(exactHalf(-2.0f), uint16_t(0xC000));
        QCOMPARE(exactHalf(0.125f), uint16_t(0x3000));
        QCOMPARE(exactHalf(1.5f), uint16_t(0x3E00));
    }

    void listsDevicesWithCapabilities() {
        auto gpus = listGpus();
        QVERIFY2(gpus.ok(), gpus.ok() ? "" : gpus.error().message.c_str());
        QVERIFY(!gpus->empty());
        const GpuInfo& g = m_device->info;
        QVERIFY(g.usable);
        QVERIFY(g.storage8 && g.storage16 && g.float16 && g.int8 && g.subgroupArithmetic);
        QVERIFY(g.subgroupSize >= 1 && (g.subgroupSize & (g.subgroupSize - 1)) == 0);
        QVERIFY(g.maxSharedMemory >= 16384);  // Vulkan's guaranteed minimum
        QVERIFY(g.maxStorageBufferRange >= (1u << 27));
    }

    void choosesByIndexAndName() {
        auto gpus = listGpus();
        QVERIFY(gpus.ok());
        auto byIndex = chooseGpu(*gpus, std::string("0"));
        QVERIFY(byIndex.ok() || !(*gpus)[0].usable);
        auto none = chooseGpu(*gpus, std::string("no such device name"));
        QVERIFY(!none.ok());
        QCOMPARE(none.error().code, ErrorCode::NoDevice);
        auto empty = chooseGpu({}, std::nullopt);
        QVERIFY(!empty.ok());
    }

    void int8TimesF16WithSubgroupReduction_data() {
        QTest::addColumn<uint32_t>("n");
        QTest::addColumn<uint32_t>("rows");
        QTest::addColumn<uint32_t>("workgroup");
        QTest::newRow("tiny") << 5u << 3u << 32u;
        QTest::newRow("one-subgroup-per-row") << 64u << 9u << 64u;
        QTest::newRow("uneven") << 1000u << 17u << 128u;
        QTest::newRow("wide") << 4096u << 4u << 256u;
    }

    void int8TimesF16WithSubgroupReduction() {
        QFETCH(uint32_t, n);
        QFETCH(uint32_t, rows);
        QFETCH(uint32_t, workgroup);
        vk::Device& dev = *m_device;
        std::mt19937 rng(1234 + n);
        std::uniform_int_distribution<int> weight(-127, 127);
        std::uniform_int_distribution<int> eighths(-64, 64);

        std::vector<int8_t> a(size_t(rows) * n);
        std::vector<float> x(n);
        for (auto& v : a) v = static_cast<int8_t>(weight(rng));
        for (auto& v : x) v = eighths(rng) / 8.0f;

        auto bufA = vk::createBuffer(dev, a.size(), vk::MemoryKind::HostVisible);
        auto bufX = vk::createBuffer(dev, x.size() * 2, vk::MemoryKind::HostVisible);
        auto bufOut = vk::createBuffer(dev, rows * sizeof(float), vk::MemoryKind::HostVisible);
        QVERIFY(bufA.ok() && bufX.ok() && bufOut.ok());
        std::memcpy(bufA->mapped, a.data(), a.size());
        auto* xh = static_cast<uint16_t*>(bufX->mapped);
        for (uint32_t i = 0; i < n; ++i) xh[i] = exactHalf(x[i]);
        std::memset(bufOut->mapped, 0xFF, rows * sizeof(float));  // NaN: untouched rows fail

        const uint32_t spec[] = {workgroup};
        auto pipe = vk::createPipeline(dev, "smoke_i8_f16", 3, sizeof(vk::SmokePush), spec);
        QVERIFY2(pipe.ok(), pipe.ok() ? "" : pipe.error().message.c_str());
        vk::SmokePush push{n, rows, 0.5f};
        const vk::Buffer* bindings[] = {&*bufA, &*bufX, &*bufOut};
        auto run = vk::dispatchOnce(dev, *pipe, bindings, &push, {rows, 1, 1});
        QVERIFY2(run.ok(), run.ok() ? "" : run.error().message.c_str());

        const auto* out = static_cast<const float*>(bufOut->mapped);
        for (uint32_t r = 0; r < rows; ++r) {
            double exact = 0, magnitude = 0;
            for (uint32_t i = 0; i < n; ++i) {
                exact += double(a[size_t(r) * n + i]) * x[i];
                magnitude += std::fabs(double(a[size_t(r) * n + i]) * x[i]);
            }
            exact *= 0.5;
            // Each product is exact in f32; only the f32 additions round: bound by n * eps * sum|terms|.
            const double tolerance = 0.5 * magnitude * n * 1.2e-7 + 1e-6;
            QVERIFY2(std::fabs(out[r] - exact) <= tolerance,
                     qPrintable(QString("row %1: got %2, expected %3 (tol %4)").arg(r).arg(out[r]).arg(exact).arg(tolerance)));
        }
        vk::destroyPipeline(dev, *pipe);
        vk::destroyBuffer(dev, *bufA);
        vk::destroyBuffer(dev, *bufX);
        vk::destroyBuffer(dev, *bufOut);
    }

    void everyEmbeddedVariantIsSpirv() {
        // The embedding step kept every variant intact (pipelines and numerics of each
        // variant are tested with its kernel).
        QVERIFY(!shaders::all().empty());
        for (const auto& blob : shaders::all()) {
            QVERIFY2(blob.wordCount > 5 && blob.words[0] == 0x07230203u, blob.name);  // SPIR-V magic
        }
    }

    void cleanupTestCase() { m_device.reset(); }
};

QTEST_GUILESS_MAIN(TestVulkanSmoke)
#include "tst_vulkan_smoke.moc"
