// Bit-for-bit comparison of Ponder's block formats with llama.cpp's own code.
//
// node-llama-cpp (installed by scripts/setup-oracle, see shared/docs/oracle.md) ships ggml as
// a shared library, libggml-base.so, which exports ggml's scalar reference routines with
// plain C signatures: dequantize_row_<type>, quantize_row_<type>_ref and the f16/bf16 row
// conversions. Loading it with dlopen lets us run ggml's dequantizer on the same bytes as
// ours, which is the definition of "bit-exact with ggml", and compare our quantizers' error
// with ggml's reference quantizers on the same data.

#include <QtTest>

#include <dlfcn.h>

#include <bit>
#include <cmath>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "quant/quant.h"

using ponder::TensorType;
namespace quant = ponder::quant;

namespace {

using DequantizeRow = void (*)(const void* src, float* dst, int64_t n);
using QuantizeRow = void (*)(const float* src, void* dst, int64_t n);
using HalfToFloatRow = void (*)(const uint16_t* src, float* dst, int64_t n);
using FloatToHalfRow = void (*)(const float* src, uint16_t* dst, int64_t n);

const char* kLibrary =
    PONDER_ORACLE_DIR "/node_modules/@node-llama-cpp/linux-x64/bins/linux-x64/libggml-base.so";

struct TypeCase {
    TensorType type;
    const char* ggmlName;  // suffix of dequantize_row_<name> / quantize_row_<name>_ref
    size_t blockElements;
    size_t blockBytes;
    std::vector<size_t> f16Fields;  // byte offsets of f16 scales within a block
};

const std::vector<TypeCase> kCases = {
    {TensorType::Q4_0, "q4_0", 32, 18, {0}},       {TensorType::Q4_1, "q4_1", 32, 20, {0, 2}},
    {TensorType::Q5_0, "q5_0", 32, 22, {0}},       {TensorType::Q5_1, "q5_1", 32, 24, {0, 2}},
    {TensorType::Q8_0, "q8_0", 32, 34, {0}},       {TensorType::Q2_K, "q2_K", 256, 84, {80, 82}},
    {TensorType::Q3_K, "q3_K", 256, 110, {108}},   {TensorType::Q4_K, "q4_K", 256, 144, {0, 2}},
    {TensorType::Q5_K, "q5_K", 256, 176, {0, 2}},  {TensorType::Q6_K, "q6_K", 256, 210, {208}},
    {TensorType::Q8_K, "q8_K", 256, 292, {}},      {TensorType::IQ4_NL, "iq4_nl", 32, 18, {0}},
    {TensorType::IQ4_XS, "iq4_xs", 256, 136, {0}}, {TensorType::MXFP4, "mxfp4", 32, 17, {}},
};

// Same float, or both NaN (NaN payloads may legitimately differ between compilers).
bool sameFloat(float a, float b) {
    return std::bit_cast<uint32_t>(a) == std::bit_cast<uint32_t>(b) || (std::isnan(a) && std::isnan(b));
}

std::vector<float> gaussian(size_t n, unsigned seed, float sigma, float mean = 0) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> dist(mean, sigma);
    std::vector<float> x(n);
    for (float& v : x)
        v = dist(rng);
    return x;
}

double relativeError(const std::vector<float>& x, const std::vector<float>& y) {
    double err = 0, norm = 0;
    for (size_t i = 0; i < x.size(); ++i) {
        err += double(x[i] - y[i]) * double(x[i] - y[i]);
        norm += double(x[i]) * double(x[i]);
    }
    return std::sqrt(err / norm);
}

}  // namespace

class TestQuantOracle : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void dequantizeMatchesGgml_data();
    void dequantizeMatchesGgml();
    void quantizerErrorComparableToGgml_data();
    void quantizerErrorComparableToGgml();
    void halfConversionsMatchGgml();

private:
    template <typename Fn>
    Fn symbol(const std::string& name) {
        return reinterpret_cast<Fn>(dlsym(m_library, name.c_str()));
    }
    void* m_library = nullptr;
};

void TestQuantOracle::initTestCase() {
    m_library = dlopen(kLibrary, RTLD_NOW | RTLD_LOCAL);
    QVERIFY2(m_library,
             qPrintable(QStringLiteral("cannot load llama.cpp's ggml (%1): %2; run scripts/setup-oracle")
                            .arg(QString::fromUtf8(kLibrary), QString::fromUtf8(dlerror()))));
}

void TestQuantOracle::cleanupTestCase() {
    if (m_library) dlclose(m_library);
}

void TestQuantOracle::dequantizeMatchesGgml_data() {
    QTest::addColumn<int>("caseIndex");
    for (size_t i = 0; i < kCases.size(); ++i)
        QTest::newRow(kCases[i].ggmlName) << int(i);
}

void TestQuantOracle::dequantizeMatchesGgml() {
    QFETCH(int, caseIndex);
    const TypeCase& c = kCases[size_t(caseIndex)];
    const auto ggmlDequantize = symbol<DequantizeRow>(std::string("dequantize_row_") + c.ggmlName);
    const auto ggmlQuantize = symbol<QuantizeRow>(std::string("quantize_row_") + c.ggmlName + "_ref");
    QVERIFY(ggmlDequantize && ggmlQuantize);

    // 1. Random bytes: every code, scale and bit pattern the format can hold. Half of the
    //    blocks get their f16 scales replaced by finite values of ordinary size, so the
    //    comparison is not dominated by NaN and infinite scales.
    const size_t blocks = 4096;
    std::mt19937 rng(42 + unsigned(caseIndex));
    std::vector<uint8_t> bytes(blocks * c.blockBytes);
    for (uint8_t& b : bytes)
        b = uint8_t(rng());
    std::normal_distribution<float> scale(0.0f, 0.05f);
    for (size_t b = 0; b < blocks; b += 2) {
        for (size_t offset : c.f16Fields) {
            const uint16_t h = quant::fp32ToFp16(scale(rng));
            bytes[b * c.blockBytes + offset] = uint8_t(h);
            bytes[b * c.blockBytes + offset + 1] = uint8_t(h >> 8);
        }
    }
    // 2. Realistic blocks: ggml's own quantization of Gaussian data.
    const size_t n = blocks * c.blockElements;
    const std::vector<float> x = gaussian(n, 7, 0.02f);
    std::vector<uint8_t> ggmlBlocks(bytes.size());
    ggmlQuantize(x.data(), ggmlBlocks.data(), int64_t(n));

    for (const std::vector<uint8_t>* input : {&bytes, &ggmlBlocks}) {
        std::vector<float> ours(n), theirs(n);
        QVERIFY(quant::dequantize(c.type, input->data(), ours.data(), n));
        ggmlDequantize(input->data(), theirs.data(), int64_t(n));
        for (size_t i = 0; i < n; ++i) {
            if (sameFloat(ours[i], theirs[i])) continue;  // (message built only on failure)
            QFAIL(qPrintable(QStringLiteral("%1 element %2 (block %3): ours %4, ggml %5")
                                 .arg(input == &bytes ? "random bytes" : "ggml-quantized")
                                 .arg(i)
                                 .arg(i / c.blockElements)
                                 .arg(double(ours[i]), 0, 'g', 9)
                                 .arg(double(theirs[i]), 0, 'g', 9)));
        }
    }
}

void TestQuantOracle::quantizerErrorComparableToGgml_data() {
    QTest::addColumn<int>("caseIndex");
    QTest::addColumn<int>("distribution");
    for (size_t i = 0; i < kCases.size(); ++i) {
        QTest::addRow("%s gaussian", kCases[i].ggmlName) << int(i) << 0;
        QTest::addRow("%s shifted", kCases[i].ggmlName) << int(i) << 1;
        QTest::addRow("%s outliers", kCases[i].ggmlName) << int(i) << 2;
    }
}

void TestQuantOracle::quantizerErrorComparableToGgml() {
    QFETCH(int, caseIndex);
    QFETCH(int, distribution);
    const TypeCase& c = kCases[size_t(caseIndex)];
    const auto ggmlDequantize = symbol<DequantizeRow>(std::string("dequantize_row_") + c.ggmlName);
    const auto ggmlQuantize = symbol<QuantizeRow>(std::string("quantize_row_") + c.ggmlName + "_ref");
    QVERIFY(ggmlDequantize && ggmlQuantize);

    const size_t n = 64 * 256;
    std::vector<float> x = gaussian(n, 11 + unsigned(distribution), distribution == 1 ? 0.25f : 1.0f,
                                    distribution == 1 ? 0.5f : 0.0f);
    if (distribution == 2) {
        for (size_t i = 0; i < n; i += 97)
            x[i] *= 10.0f;  // sparse large weights
    }
    std::vector<uint8_t> bytes(n / c.blockElements * c.blockBytes);
    std::vector<float> y(n);
    QVERIFY(quant::quantize(c.type, x.data(), bytes.data(), n));
    QVERIFY(quant::dequantize(c.type, bytes.data(), y.data(), n));
    const double ours = relativeError(x, y);
    ggmlQuantize(x.data(), bytes.data(), int64_t(n));
    ggmlDequantize(bytes.data(), y.data(), int64_t(n));
    const double theirs = relativeError(x, y);
    qInfo("relative RMS error: ours %.5f, ggml reference %.5f", ours, theirs);
    // "Comparable": no more than 5% worse than ggml's reference quantizer.
    QVERIFY2(ours <= 1.05 * theirs, qPrintable(QStringLiteral("ours %1, ggml %2").arg(ours).arg(theirs)));
}

void TestQuantOracle::halfConversionsMatchGgml() {
    const auto toFloat = symbol<HalfToFloatRow>("ggml_fp16_to_fp32_row");
    const auto toHalf = symbol<FloatToHalfRow>("ggml_fp32_to_fp16_row");
    const auto bf16ToFloat = symbol<HalfToFloatRow>("ggml_bf16_to_fp32_row");
    const auto toBf16 = symbol<FloatToHalfRow>("ggml_fp32_to_bf16_row_ref");
    QVERIFY(toFloat && toHalf && bf16ToFloat && toBf16);

    std::vector<uint16_t> halves(0x10000);
    for (uint32_t h = 0; h < 0x10000; ++h)
        halves[h] = uint16_t(h);
    std::vector<float> theirs(halves.size());
    toFloat(halves.data(), theirs.data(), int64_t(halves.size()));
    for (uint32_t h = 0; h < 0x10000; ++h)
        QVERIFY(sameFloat(quant::fp16ToFp32(uint16_t(h)), theirs[h]));
    bf16ToFloat(halves.data(), theirs.data(), int64_t(halves.size()));
    for (uint32_t h = 0; h < 0x10000; ++h)
        QVERIFY(sameFloat(quant::bf16ToFp32(uint16_t(h)), theirs[h]));

    // Random bit patterns (every exponent, subnormals, NaNs) plus values near half ties.
    std::mt19937 rng(3);
    std::vector<float> floats(1 << 20);
    for (size_t i = 0; i < floats.size(); ++i) {
        floats[i] = (i % 2) ? std::bit_cast<float>(uint32_t(rng()))
                            : std::ldexp(float(rng() % 4096) + 0.5f, int(rng() % 44) - 40);
    }
    std::vector<uint16_t> ggmlHalves(floats.size());
    toHalf(floats.data(), ggmlHalves.data(), int64_t(floats.size()));
    for (size_t i = 0; i < floats.size(); ++i) {
        const uint16_t ours = quant::fp32ToFp16(floats[i]);
        const bool bothNan =
            std::isnan(floats[i]) && (ours & 0x7FFF) > 0x7C00 && (ggmlHalves[i] & 0x7FFF) > 0x7C00;
        if (ours == ggmlHalves[i] || bothNan) continue;
        QFAIL(qPrintable(QStringLiteral("f16 of %1: ours %2, ggml %3")
                             .arg(std::bit_cast<uint32_t>(floats[i]), 8, 16)
                             .arg(ours, 4, 16)
                             .arg(ggmlHalves[i], 4, 16)));
    }
    toBf16(floats.data(), ggmlHalves.data(), int64_t(floats.size()));
    for (size_t i = 0; i < floats.size(); ++i)
        QCOMPARE(quant::fp32ToBf16(floats[i]), ggmlHalves[i]);
}

QTEST_GUILESS_MAIN(TestQuantOracle)
#include "tst_quant_oracle.moc"
