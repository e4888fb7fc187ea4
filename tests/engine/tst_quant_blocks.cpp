// Hand-built blocks of every block format with the values they must decode to.
//
// Each block uses small, readable numbers (scales of 1.0 = f16 0x3C00, 0.5 = 0x3800, nibble
// ramps) and the expected floats were worked out by hand from engine-spec.md 3.2, written
// here as literals or as the spec's per-element formula; nothing expected comes from the code
// under test. A layout mistake (nibble order, bit position, scale packing) shows up as a
// mismatch at a named element.

#include <QtTest>

#include <cmath>
#include <cstring>
#include <vector>

#include "quant/quant.h"

using ponder::TensorType;
namespace quant = ponder::quant;

namespace {

using Bytes = std::vector<uint8_t>;

void putU16(Bytes& b, size_t offset, uint16_t v) {
    b[offset] = uint8_t(v);
    b[offset + 1] = uint8_t(v >> 8);
}

// f16 bit patterns used below, with their values.
constexpr uint16_t kHalfOne = 0x3C00;       // 1.0
constexpr uint16_t kHalfHalf = 0x3800;      // 0.5
constexpr uint16_t kHalfQuarter = 0x3400;   // 0.25
constexpr uint16_t kHalfTwo = 0x4000;       // 2.0
constexpr uint16_t kHalfMinusOne = 0xBC00;  // -1.0
constexpr uint16_t kHalfMinusTwo = 0xC000;  // -2.0

std::vector<float> decode(TensorType type, const Bytes& bytes, size_t n) {
    std::vector<float> out(n, NAN);
    const auto result = quant::dequantize(type, bytes.data(), out.data(), n);
    if (!result) return {};
    return out;
}

// Exact comparison (these values are all exactly representable); names the first mismatch.
QString mismatch(const std::vector<float>& got, const std::vector<float>& want) {
    if (got.size() != want.size()) {
        return QStringLiteral("decoded %1 values, expected %2").arg(got.size()).arg(want.size());
    }
    for (size_t i = 0; i < want.size(); ++i) {
        if (!(got[i] == want[i])) {
            return QStringLiteral("element %1: got %2, expected %3")
                .arg(i)
                .arg(double(got[i]), 0, 'g', 9)
                .arg(double(want[i]), 0, 'g', 9);
        }
    }
    return {};
}

#define EXPECT_DECODES(type, bytes, want)                                         \
    do {                                                                          \
        const QString why = mismatch(decode(type, bytes, (want).size()), (want)); \
        QVERIFY2(why.isEmpty(), qPrintable(why));                                 \
    } while (0)

}  // namespace

class TestQuantBlocks : public QObject {
    Q_OBJECT
private slots:
    void plainFloats();
    void q8_0();
    void q4_0();
    void q4_1();
    void q5_0();
    void q5_1();
    void q2_K();
    void q3_K();
    void q4_K();
    void q5_K();
    void q6_K();
    void iq4_nl();
    void iq4_xs();
    void mxfp4();
};

void TestQuantBlocks::plainFloats() {
    // F16: 1.0, -2.0, 65504 (largest half), 2^-24 (smallest subnormal).
    Bytes f16(8);
    putU16(f16, 0, kHalfOne);
    putU16(f16, 2, kHalfMinusTwo);
    putU16(f16, 4, 0x7BFF);
    putU16(f16, 6, 0x0001);
    EXPECT_DECODES(TensorType::F16, f16,
                   (std::vector<float>{1.0f, -2.0f, 65504.0f, 5.9604644775390625e-08f}));

    // BF16: 0x3F80 is the top half of 1.0f, 0xC040 of -3.0f, 0x3EAA of 0.33203125f.
    Bytes bf16(6);
    putU16(bf16, 0, 0x3F80);
    putU16(bf16, 2, 0xC040);
    putU16(bf16, 4, 0x3EAA);
    EXPECT_DECODES(TensorType::BF16, bf16, (std::vector<float>{1.0f, -3.0f, 0.33203125f}));

    // F32 is a little-endian copy: 0x3FC00000 = 1.5.
    const Bytes f32 = {0x00, 0x00, 0xC0, 0x3F};
    EXPECT_DECODES(TensorType::F32, f32, (std::vector<float>{1.5f}));
}

void TestQuantBlocks::q8_0() {
    // d = 0.5, codes {0, 1, -1, 2, -128, 127, 10, -10}, the rest 0.
    Bytes b(34, 0);
    putU16(b, 0, kHalfHalf);
    const int8_t codes[] = {0, 1, -1, 2, -128, 127, 10, -10};
    for (int j = 0; j < 8; ++j)
        b[2 + j] = uint8_t(codes[j]);
    std::vector<float> want(32, 0.0f);
    const float head[] = {0, 0.5f, -0.5f, 1, -64, 63.5f, 5, -5};
    std::copy(std::begin(head), std::end(head), want.begin());
    EXPECT_DECODES(TensorType::Q8_0, b, want);
}

void TestQuantBlocks::q4_0() {
    // Block 0: d = 1, qs[j] = j | (15 − j) << 4 → y[j] = j − 8, y[j+16] = 7 − j.
    // Block 1: d = −2, every qs = 0x9A → y[0..15] = (10 − 8)·−2 = −4, y[16..31] = (9 − 8)·−2 = −2.
    Bytes b(36, 0);
    putU16(b, 0, kHalfOne);
    for (int j = 0; j < 16; ++j)
        b[2 + j] = uint8_t(j | ((15 - j) << 4));
    putU16(b, 18, kHalfMinusTwo);
    for (int j = 0; j < 16; ++j)
        b[20 + j] = 0x9A;
    const std::vector<float> want = {
        -8, -7, -6, -5, -4, -3, -2, -1, 0,  1,  2,  3,  4,  5,  6,  7,   // low nibbles
        7,  6,  5,  4,  3,  2,  1,  0,  -1, -2, -3, -4, -5, -6, -7, -8,  // high nibbles
        -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4,
        -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2};
    EXPECT_DECODES(TensorType::Q4_0, b, want);
}

void TestQuantBlocks::q4_1() {
    // d = 0.5, m = −1, qs[j] = j | (j/2) << 4 → y[j] = 0.5·j − 1, y[j+16] = 0.5·(j/2) − 1.
    Bytes b(20, 0);
    putU16(b, 0, kHalfHalf);
    putU16(b, 2, kHalfMinusOne);
    for (int j = 0; j < 16; ++j)
        b[4 + j] = uint8_t(j | ((j / 2) << 4));
    // clang-format off
    const std::vector<float> want = {
        -1, -0.5f, 0, 0.5f, 1, 1.5f, 2, 2.5f, 3, 3.5f, 4, 4.5f, 5, 5.5f, 6, 6.5f,
        -1, -1, -0.5f, -0.5f, 0, 0, 0.5f, 0.5f, 1, 1, 1.5f, 1.5f, 2, 2, 2.5f, 2.5f};
    // clang-format on
    EXPECT_DECODES(TensorType::Q4_1, b, want);
}

void TestQuantBlocks::q5_0() {
    // d = 1, qs[j] = j (high nibbles 0), qh = 0x00FF00F0 stored little-endian (F0 00 FF 00):
    // bits 4-7 give elements 4-7 their fifth bit, bits 16-23 give it to elements 16-23.
    // y = q − 16.
    Bytes b(22, 0);
    putU16(b, 0, kHalfOne);
    b[2] = 0xF0, b[3] = 0x00, b[4] = 0xFF, b[5] = 0x00;
    for (int j = 0; j < 16; ++j)
        b[6 + j] = uint8_t(j);
    // clang-format off
    const std::vector<float> want = {
        -16, -15, -14, -13, 4, 5, 6, 7, -8,  -7,  -6,  -5,  -4,  -3,  -2,  -1,
        0,   0,   0,   0,   0, 0, 0, 0, -16, -16, -16, -16, -16, -16, -16, -16};
    // clang-format on
    EXPECT_DECODES(TensorType::Q5_0, b, want);
}

void TestQuantBlocks::q5_1() {
    // d = 0.25, m = 2, qs[j] = j | j << 4, qh = 0xFFFF0000 (bytes 00 00 FF FF): the high
    // half gets +16. y[j] = 0.25·j + 2, y[j+16] = 0.25·(j + 16) + 2 = 6 + 0.25·j.
    Bytes b(24, 0);
    putU16(b, 0, kHalfQuarter);
    putU16(b, 2, kHalfTwo);
    b[6] = 0xFF, b[7] = 0xFF;
    for (int j = 0; j < 16; ++j)
        b[8 + j] = uint8_t(j | (j << 4));
    // clang-format off
    const std::vector<float> want = {
        2, 2.25f, 2.5f, 2.75f, 3, 3.25f, 3.5f, 3.75f, 4, 4.25f, 4.5f, 4.75f, 5, 5.25f, 5.5f, 5.75f,
        6, 6.25f, 6.5f, 6.75f, 7, 7.25f, 7.5f, 7.75f, 8, 8.25f, 8.5f, 8.75f, 9, 9.25f, 9.5f, 9.75f};
    // clang-format on
    EXPECT_DECODES(TensorType::Q5_1, b, want);
}

void TestQuantBlocks::q2_K() {
    // Block 0 (scales): d = 1, dmin = 0.5, scales[t] = t | (15 − t) << 4, every qs byte 0xE4
    // (2-bit fields 0,1,2,3 from the bottom, so q = j, the shift index). Sub-block t holds
    // elements 16t..16t+15 with j = (t mod 8)/2: y = t·j − 0.5·(15 − t).
    // Block 1 (positions): d = 1, dmin = 0, scales all 0x01, qs[i] = i: y[e] is bits 2j of
    // byte 32·h + r for e = 128·h + 32·j + r.
    Bytes b(168, 0);
    for (int t = 0; t < 16; ++t)
        b[t] = uint8_t(t | ((15 - t) << 4));
    for (int i = 0; i < 64; ++i)
        b[16 + i] = 0xE4;
    putU16(b, 80, kHalfOne);
    putU16(b, 82, kHalfHalf);
    for (int t = 0; t < 16; ++t)
        b[84 + t] = 0x01;
    for (int i = 0; i < 64; ++i)
        b[84 + 16 + i] = uint8_t(i);
    putU16(b, 84 + 80, kHalfOne);
    putU16(b, 84 + 82, 0x0000);

    std::vector<float> want(512);
    for (int e = 0; e < 256; ++e) {
        const int t = e / 16, j = (e % 128) / 32;
        want[e] = float(t * j) - 0.5f * float(15 - t);
        const int h = e / 128, r = e % 32;
        want[256 + e] = float(((32 * h + r) >> (2 * j)) & 3);
    }
    // Spot values worked out by hand.
    QCOMPARE(want[0], -7.5f);         // t=0, j=0
    QCOMPARE(want[32], -4.5f);        // t=2, j=1: 2 − 6.5
    QCOMPARE(want[112], 17.0f);       // t=7, j=3: 21 − 4
    QCOMPARE(want[255], 45.0f);       // t=15, j=3
    QCOMPARE(want[256 + 5], 1.0f);    // byte 5 = 0b101, bits 0-1
    QCOMPARE(want[256 + 44], 3.0f);   // byte 12 = 0b1100, bits 2-3
    QCOMPARE(want[256 + 208], 3.0f);  // h=1, j=2, r=16: byte 48 = 0b110000, bits 4-5
    EXPECT_DECODES(TensorType::Q2_K, b, want);
}

void TestQuantBlocks::q3_K() {
    // Block 0: d = 0.5, scale t stored as 4t + 3 (6 bits), i.e. sc_t = 4t − 29: low nibbles
    // 3,7,11,15 repeating → bytes 0-7 = 33 77 BB FF 33 77 BB FF; high 2 bits t/4 at bit
    // 2·(t/4) of byte 8 + t%4 → bytes 8-11 = E4. hmask all FF (no −4), qs all 0x55 (q = 1):
    // y = 0.5·(4t − 29) with t = e/16.
    // Block 1: d = 1, every scale +1 (stored 33 = low 1, high 2 → bytes 0-7 = 11, 8-11 = AA),
    // qs all 0xE4 (low2 = j), hmask[r] = 0x0F (high bit set for h = 0 only):
    // y = j for the first 128 elements, j − 4 for the last 128.
    Bytes b(220, 0);
    const uint8_t scales0[12] = {0x33, 0x77, 0xBB, 0xFF, 0x33, 0x77, 0xBB, 0xFF, 0xE4, 0xE4, 0xE4, 0xE4};
    for (int i = 0; i < 32; ++i)
        b[i] = 0xFF;
    for (int i = 0; i < 64; ++i)
        b[32 + i] = 0x55;
    std::memcpy(&b[96], scales0, 12);
    putU16(b, 108, kHalfHalf);
    const uint8_t scales1[12] = {0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0xAA, 0xAA, 0xAA, 0xAA};
    for (int i = 0; i < 32; ++i)
        b[110 + i] = 0x0F;
    for (int i = 0; i < 64; ++i)
        b[110 + 32 + i] = 0xE4;
    std::memcpy(&b[110 + 96], scales1, 12);
    putU16(b, 110 + 108, kHalfOne);

    std::vector<float> want(512);
    for (int e = 0; e < 256; ++e) {
        want[e] = 0.5f * float(4 * (e / 16) - 29);
        const int j = (e % 128) / 32;
        want[256 + e] = float(e < 128 ? j : j - 4);
    }
    QCOMPARE(want[0], -14.5f);
    QCOMPARE(want[128], 1.5f);   // t = 8: 32 − 29 = 3
    QCOMPARE(want[255], 15.5f);  // t = 15: 60 − 29 = 31
    QCOMPARE(want[256 + 130], -4.0f);
    QCOMPARE(want[256 + 255], -1.0f);
    EXPECT_DECODES(TensorType::Q3_K, b, want);
}

// Q4_K/Q5_K scale bytes for sc = {10, 17, 24, 31, 38, 45, 52, 59} and
// mn = {60, 52, 44, 36, 28, 20, 12, 4}, packed by hand:
//   bytes 0-3 = sc0-3 | (sc4-7 >> 4) << 6 = 0A|80, 11|80, 18|C0, 1F|C0
//   bytes 4-7 = mn0-3 | (mn4-7 >> 4) << 6 = 3C|40, 34|40, 2C, 24
//   bytes 8-11 = (sc4-7 & 15) | (mn4-7 & 15) << 4 = C6, 4D, C4, 4B
const uint8_t kK4Scales[12] = {0x8A, 0x91, 0xD8, 0xDF, 0x7C, 0x74, 0x2C, 0x24, 0xC6, 0x4D, 0xC4, 0x4B};

void TestQuantBlocks::q4_K() {
    // Block 0: d = dmin = 1, kK4Scales, qs all 0x21 (q = 1 in even sub-blocks, 2 in odd):
    // y = sc·q − mn per sub-block of 32 = {10−60, 34−52, 24−44, 62−36, 38−28, 90−20, 52−12, 118−4}.
    // Block 1: d = 1, dmin = 0, all sc = 1 and mn = 0 (bytes 0-3 = 01, 4-7 = 00, 8-11 = 01),
    // qs[i] = i: element e = 64k + w reads byte 32k + w%32, low nibble if w < 32.
    Bytes b(288, 0);
    putU16(b, 0, kHalfOne);
    putU16(b, 2, kHalfOne);
    std::memcpy(&b[4], kK4Scales, 12);
    for (int i = 0; i < 128; ++i)
        b[16 + i] = 0x21;
    putU16(b, 144, kHalfOne);
    putU16(b, 146, 0x0000);
    const uint8_t ones[12] = {1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1};
    std::memcpy(&b[148], ones, 12);
    for (int i = 0; i < 128; ++i)
        b[160 + i] = uint8_t(i);

    const float perSubBlock[8] = {-50, -18, -20, 26, 10, 70, 40, 114};
    std::vector<float> want(512);
    for (int e = 0; e < 256; ++e) {
        want[e] = perSubBlock[e / 32];
        const int k = e / 64, w = e % 64, byte = 32 * k + w % 32;
        want[256 + e] = float(w < 32 ? byte & 0xF : byte >> 4);
    }
    QCOMPARE(want[256 + 17], 1.0f);   // byte 17, low nibble
    QCOMPARE(want[256 + 63], 1.0f);   // byte 31, high nibble
    QCOMPARE(want[256 + 100], 2.0f);  // byte 36, high nibble
    QCOMPARE(want[256 + 255], 7.0f);  // byte 127, high nibble
    EXPECT_DECODES(TensorType::Q4_K, b, want);
}

void TestQuantBlocks::q5_K() {
    // Block 0: as Q4_K block 0 plus qh all 0xA5 (bits 0, 2, 5, 7): sub-blocks 0, 2, 5, 7 get
    // +16: y = {10·17−60, 34−52, 24·17−44, 62−36, 38−28, 45·18−20, 52−12, 59·18−4}.
    // Block 1: d = 1, dmin = 0, sc = 1, mn = 0, qs all 0, qh[l] = l: y = 16 · bit t of l,
    // with t = e/32 and l = e%32.
    Bytes b(352, 0);
    putU16(b, 0, kHalfOne);
    putU16(b, 2, kHalfOne);
    std::memcpy(&b[4], kK4Scales, 12);
    for (int i = 0; i < 32; ++i)
        b[16 + i] = 0xA5;
    for (int i = 0; i < 128; ++i)
        b[48 + i] = 0x21;
    putU16(b, 176, kHalfOne);
    const uint8_t ones[12] = {1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1};
    std::memcpy(&b[180], ones, 12);
    for (int l = 0; l < 32; ++l)
        b[192 + l] = uint8_t(l);

    const float perSubBlock[8] = {110, -18, 364, 26, 10, 790, 40, 1058};
    std::vector<float> want(512);
    for (int e = 0; e < 256; ++e) {
        want[e] = perSubBlock[e / 32];
        want[256 + e] = float(16 * (((e % 32) >> (e / 32)) & 1));
    }
    QCOMPARE(want[256 + 1], 16.0f);       // t=0, l=1
    QCOMPARE(want[256 + 34], 16.0f);      // t=1, l=2
    QCOMPARE(want[256 + 64 + 3], 0.0f);   // t=2, l=3 = 0b011
    QCOMPARE(want[256 + 64 + 5], 16.0f);  // t=2, l=5 = 0b101
    EXPECT_DECODES(TensorType::Q5_K, b, want);
}

void TestQuantBlocks::q6_K() {
    // Block 0: d = 1, scales[t] = t − 8, ql all 0x21, qh all 0xE4. For quadrant quad of each
    // half: low4 = 1 (quad 0,1) or 2 (quad 2,3), high2 = quad, so q = {−31, −15, 2, 18};
    // y = (t − 8)·q with t = e/16.
    // Block 1: d = 1, scales 1, ql[i] = i, qh = 0: y = low4 − 32 with low4 the nibble of
    // ql[64h + l + 32·(quad&1)] (low for quad < 2).
    // Block 2: d = 1, scales 1, ql = 0, qh[i] = i: y = (bits 2·quad of qh[32h + l]) · 16 − 32.
    Bytes b(630, 0);
    for (int i = 0; i < 128; ++i)
        b[i] = 0x21;
    for (int i = 0; i < 64; ++i)
        b[128 + i] = 0xE4;
    for (int t = 0; t < 16; ++t)
        b[192 + t] = uint8_t(int8_t(t - 8));
    putU16(b, 208, kHalfOne);
    for (int i = 0; i < 128; ++i)
        b[210 + i] = uint8_t(i);
    for (int t = 0; t < 16; ++t)
        b[210 + 192 + t] = 1;
    putU16(b, 210 + 208, kHalfOne);
    for (int i = 0; i < 64; ++i)
        b[420 + 128 + i] = uint8_t(i);
    for (int t = 0; t < 16; ++t)
        b[420 + 192 + t] = 1;
    putU16(b, 420 + 208, kHalfOne);

    const int qPerQuad[4] = {-31, -15, 2, 18};
    std::vector<float> want(768);
    for (int e = 0; e < 256; ++e) {
        const int h = e / 128, quad = (e % 128) / 32, l = e % 32;
        want[e] = float((e / 16 - 8) * qPerQuad[quad]);
        const int qlByte = 64 * h + l + 32 * (quad & 1);
        want[256 + e] = float((quad < 2 ? qlByte & 0xF : qlByte >> 4) - 32);
        want[512 + e] = float((((32 * h + l) >> (2 * quad)) & 3) * 16 - 32);
    }
    QCOMPARE(want[0], 248.0f);          // −8 · −31
    QCOMPARE(want[32], 90.0f);          // −6 · −15
    QCOMPARE(want[96], -36.0f);         // −2 · 18
    QCOMPARE(want[200], 8.0f);          // t = 12 (sc 4), quad 2 (q 2)
    QCOMPARE(want[255], 126.0f);        // 7 · 18
    QCOMPARE(want[256 + 113], -29.0f);  // quad 3, l = 17: ql[49] >> 4 = 3
    QCOMPARE(want[256 + 255], -25.0f);  // ql[127] >> 4 = 7
    QCOMPARE(want[512 + 39], -16.0f);   // quad 1, l = 7: qh[7] = 0b000111, bits 2-3 = 1
    QCOMPARE(want[512 + 197], 0.0f);    // h = 1, quad 2, l = 5: qh[37] = 0b100101, bits 4-5 = 2
    EXPECT_DECODES(TensorType::Q6_K, b, want);
}

void TestQuantBlocks::iq4_nl() {
    // d = 0.5, qs[j] = j | (15 − j) << 4: y[j] = T[j]/2, y[j+16] = T[15 − j]/2 with
    // T = {−127, −104, −83, −65, −49, −35, −22, −10, 1, 13, 25, 38, 53, 69, 89, 113}.
    Bytes b(18, 0);
    putU16(b, 0, kHalfHalf);
    for (int j = 0; j < 16; ++j)
        b[2 + j] = uint8_t(j | ((15 - j) << 4));
    // clang-format off
    const std::vector<float> want = {
        -63.5f, -52, -41.5f, -32.5f, -24.5f, -17.5f, -11, -5, 0.5f, 6.5f, 12.5f, 19, 26.5f, 34.5f, 44.5f, 56.5f,
        56.5f, 44.5f, 34.5f, 26.5f, 19, 12.5f, 6.5f, 0.5f, -5, -11, -17.5f, -24.5f, -32.5f, -41.5f, -52, -63.5f};
    // clang-format on
    EXPECT_DECODES(TensorType::IQ4_NL, b, want);
}

void TestQuantBlocks::iq4_xs() {
    // d = 1. Sub-block scales ls = {33, 31, 34, 30, 36, 24, 63, 0} → ls − 32 =
    // {1, −1, 2, −2, 4, −8, 31, −32}. Low nibbles {1, F, 2, E, 4, 8, F, 0} pair up into
    // scales_l = F1 E2 84 0F; high 2 bits {2, 1, 2, 1, 2, 1, 3, 0} at bit 2t give
    // scales_h = 0x3666 (2 + 4 + 32 + 64 + 512 + 1024 + 12288).
    // qs: sub-block 0 uses j | (15 − j) << 4 (as the IQ4_NL test); the others 0x98, i.e.
    // T[8] = 1 for the first 16 elements and T[9] = 13 for the last 16.
    Bytes b(136, 0);
    putU16(b, 0, kHalfOne);
    putU16(b, 2, 0x3666);
    b[4] = 0xF1, b[5] = 0xE2, b[6] = 0x84, b[7] = 0x0F;
    for (int j = 0; j < 16; ++j)
        b[8 + j] = uint8_t(j | ((15 - j) << 4));
    for (int i = 16; i < 128; ++i)
        b[8 + i] = 0x98;

    const int8_t T[16] = {-127, -104, -83, -65, -49, -35, -22, -10, 1, 13, 25, 38, 53, 69, 89, 113};
    const float dl[8] = {1, -1, 2, -2, 4, -8, 31, -32};
    std::vector<float> want(256);
    for (int j = 0; j < 16; ++j) {
        want[j] = float(T[j]);
        want[16 + j] = float(T[15 - j]);
    }
    for (int t = 1; t < 8; ++t) {
        for (int j = 0; j < 16; ++j) {
            want[32 * t + j] = dl[t];
            want[32 * t + 16 + j] = dl[t] * 13;
        }
    }
    QCOMPARE(want[32 * 5 + 16], -104.0f);
    QCOMPARE(want[32 * 6 + 16], 403.0f);
    QCOMPARE(want[32 * 7 + 16], -416.0f);
    EXPECT_DECODES(TensorType::IQ4_XS, b, want);
}

void TestQuantBlocks::mxfp4() {
    // value = E2M1(code) · 2^(e − 127), E2M1 magnitudes 0, .5, 1, 1.5, 2, 3, 4, 6, bit 3 = sign.
    // Block 0: e = 128 (×2), qs[j] = j | (15 − j) << 4 → the doubled table, then reversed.
    // Block 1: e = 127 (×1), qs = 0x7F → −6 then 6.
    // Block 2: e = 130 (×8), qs = 0xA1 → 0.5·8 = 4 then −1·8 = −8.
    // Block 3: e = 0: ggml's scale 2^-128 (subnormal) times doubled codes; qs[0] = 0x12:
    //   y[0] = code 2 (1.0) · 2^-127, y[16] = code 1 (0.5) · 2^-127 = 2^-128.
    // Block 4: e = 255 (NaN in OCP, not special in ggml): code 1 → 0.5 · 2^128 = 2^127.
    Bytes b(85, 0);
    b[0] = 128;
    for (int j = 0; j < 16; ++j)
        b[1 + j] = uint8_t(j | ((15 - j) << 4));
    b[17] = 127;
    for (int j = 0; j < 16; ++j)
        b[18 + j] = 0x7F;
    b[34] = 130;
    for (int j = 0; j < 16; ++j)
        b[35 + j] = 0xA1;
    b[51] = 0;
    b[52] = 0x12;
    b[68] = 255;
    b[69] = 0x01;

    // clang-format off
    std::vector<float> want = {
        0,   1,  2,  3,  4,  6,  8,  12,    -0.0f, -1, -2, -3, -4, -6, -8, -12,
        -12, -8, -6, -4, -3, -2, -1, -0.0f, 12,    8,  6,  4,  3,  2,  1,  0};
    // clang-format on
    want.insert(want.end(), 16, -6.0f);
    want.insert(want.end(), 16, 6.0f);
    want.insert(want.end(), 16, 4.0f);
    want.insert(want.end(), 16, -8.0f);
    std::vector<float> block3(32, 0.0f);
    block3[0] = std::ldexp(1.0f, -127);
    block3[16] = std::ldexp(1.0f, -128);
    want.insert(want.end(), block3.begin(), block3.end());
    std::vector<float> block4(32, 0.0f);
    block4[0] = std::ldexp(1.0f, 127);
    want.insert(want.end(), block4.begin(), block4.end());
    EXPECT_DECODES(TensorType::MXFP4, b, want);
}

QTEST_GUILESS_MAIN(TestQuantBlocks)
#include "tst_quant_blocks.moc"
