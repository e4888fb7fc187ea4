// The 32-element "legacy" formats (engine-spec.md 3.2.1-3.2.5): Q4_0, Q4_1, Q5_0, Q5_1, Q8_0.
//
// Dequantization repeats ggml's arithmetic operation by operation (int code converted to
// float, times the scale, plus the min) so the floats are bit-identical (see sources.cmake
// on why that is robust). All of them store element j and j+16 in the low and high nibble
// of byte j ("split halves"), not adjacent elements in one byte.
//
// Quantization follows the shape of ggml's reference quantizers: one scale from the block's
// extreme value, codes rounded against the f16-rounded scale actually stored.

#include <cmath>
#include <cstring>

#include "quant_internal.h"

namespace ponder::quant::detail {
namespace {

constexpr int kBlock = 32;
constexpr int kHalf = kBlock / 2;

// The element with the largest magnitude, with its sign (the symmetric formats map it to
// the most negative code, which is one step longer than the positive side).
float signedAbsMax(const float* x) {
    float best = 0;
    for (int j = 0; j < kBlock; ++j) {
        if (std::fabs(x[j]) > std::fabs(best)) best = x[j];
    }
    return best;
}

void minMax(const float* x, float& lo, float& hi) {
    lo = hi = x[0];
    for (int j = 1; j < kBlock; ++j) {
        lo = std::fmin(lo, x[j]);
        hi = std::fmax(hi, x[j]);
    }
}

float inverseOrZero(float d) {
    return d != 0 ? 1.0f / d : 0.0f;
}

// Packs 32 codes of 0..15 into split-half nibbles.
void packNibbles(const int* codes, uint8_t* qs) {
    for (int j = 0; j < kHalf; ++j)
        qs[j] = uint8_t(codes[j] | (codes[j + kHalf] << 4));
}

// Packs 32 codes of 0..31: low nibbles as packNibbles, bit 4 of element j into bit j of qh.
void packFiveBit(const int* codes, uint8_t* qh, uint8_t* qs) {
    uint32_t high = 0;
    int low[kBlock];
    for (int j = 0; j < kBlock; ++j) {
        low[j] = codes[j] & 0xF;
        high |= uint32_t(codes[j] >> 4) << j;
    }
    storeU32(qh, high);
    packNibbles(low, qs);
}

}  // namespace

// --- dequantize ------------------------------------------------------------------------

void dequantizeRowQ4_0(const uint8_t* src, float* dst, size_t blocks) {
    for (size_t b = 0; b < blocks; ++b, src += 18, dst += kBlock) {
        const float d = loadF16(src);
        const uint8_t* qs = src + 2;
        for (int j = 0; j < kHalf; ++j) {
            dst[j] = float((qs[j] & 0xF) - 8) * d;
            dst[j + kHalf] = float((qs[j] >> 4) - 8) * d;
        }
    }
}

void dequantizeRowQ4_1(const uint8_t* src, float* dst, size_t blocks) {
    for (size_t b = 0; b < blocks; ++b, src += 20, dst += kBlock) {
        const float d = loadF16(src);
        const float m = loadF16(src + 2);
        const uint8_t* qs = src + 4;
        for (int j = 0; j < kHalf; ++j) {
            dst[j] = float(qs[j] & 0xF) * d + m;
            dst[j + kHalf] = float(qs[j] >> 4) * d + m;
        }
    }
}

void dequantizeRowQ5_0(const uint8_t* src, float* dst, size_t blocks) {
    for (size_t b = 0; b < blocks; ++b, src += 22, dst += kBlock) {
        const float d = loadF16(src);
        const uint32_t qh = loadU32(src + 2);
        const uint8_t* qs = src + 6;
        for (int j = 0; j < kHalf; ++j) {
            const int lo = (qs[j] & 0xF) | int(((qh >> j) & 1) << 4);
            const int hi = (qs[j] >> 4) | int(((qh >> (j + kHalf)) & 1) << 4);
            dst[j] = float(lo - 16) * d;
            dst[j + kHalf] = float(hi - 16) * d;
        }
    }
}

void dequantizeRowQ5_1(const uint8_t* src, float* dst, size_t blocks) {
    for (size_t b = 0; b < blocks; ++b, src += 24, dst += kBlock) {
        const float d = loadF16(src);
        const float m = loadF16(src + 2);
        const uint32_t qh = loadU32(src + 4);
        const uint8_t* qs = src + 8;
        for (int j = 0; j < kHalf; ++j) {
            const int lo = (qs[j] & 0xF) | int(((qh >> j) & 1) << 4);
            const int hi = (qs[j] >> 4) | int(((qh >> (j + kHalf)) & 1) << 4);
            dst[j] = float(lo) * d + m;
            dst[j + kHalf] = float(hi) * d + m;
        }
    }
}

void dequantizeRowQ8_0(const uint8_t* src, float* dst, size_t blocks) {
    for (size_t b = 0; b < blocks; ++b, src += 34, dst += kBlock) {
        const float d = loadF16(src);
        for (int j = 0; j < kBlock; ++j)
            dst[j] = float(int8_t(src[2 + j])) * d;
    }
}

// --- quantize ----------------------------------------------------------------------------

void quantizeRowQ4_0(const float* src, uint8_t* dst, size_t blocks) {
    for (size_t b = 0; b < blocks; ++b, src += kBlock, dst += 18) {
        const float d = roundTripF16(signedAbsMax(src) / -8.0f);
        const float inv = inverseOrZero(d);
        int codes[kBlock];
        for (int j = 0; j < kBlock; ++j)
            codes[j] = roundClamp(src[j] * inv, -8, 7) + 8;
        storeF16(dst, d);
        packNibbles(codes, dst + 2);
    }
}

void quantizeRowQ4_1(const float* src, uint8_t* dst, size_t blocks) {
    for (size_t b = 0; b < blocks; ++b, src += kBlock, dst += 20) {
        float lo = 0, hi = 0;
        minMax(src, lo, hi);
        const float d = roundTripF16((hi - lo) / 15.0f);
        const float m = roundTripF16(lo);
        const float inv = inverseOrZero(d);
        int codes[kBlock];
        for (int j = 0; j < kBlock; ++j)
            codes[j] = roundClamp((src[j] - m) * inv, 0, 15);
        storeF16(dst, d);
        storeF16(dst + 2, m);
        packNibbles(codes, dst + 4);
    }
}

void quantizeRowQ5_0(const float* src, uint8_t* dst, size_t blocks) {
    for (size_t b = 0; b < blocks; ++b, src += kBlock, dst += 22) {
        const float d = roundTripF16(signedAbsMax(src) / -16.0f);
        const float inv = inverseOrZero(d);
        int codes[kBlock];
        for (int j = 0; j < kBlock; ++j)
            codes[j] = roundClamp(src[j] * inv, -16, 15) + 16;
        storeF16(dst, d);
        packFiveBit(codes, dst + 2, dst + 6);
    }
}

void quantizeRowQ5_1(const float* src, uint8_t* dst, size_t blocks) {
    for (size_t b = 0; b < blocks; ++b, src += kBlock, dst += 24) {
        float lo = 0, hi = 0;
        minMax(src, lo, hi);
        const float d = roundTripF16((hi - lo) / 31.0f);
        const float m = roundTripF16(lo);
        const float inv = inverseOrZero(d);
        int codes[kBlock];
        for (int j = 0; j < kBlock; ++j)
            codes[j] = roundClamp((src[j] - m) * inv, 0, 31);
        storeF16(dst, d);
        storeF16(dst + 2, m);
        packFiveBit(codes, dst + 4, dst + 8);
    }
}

void quantizeRowQ8_0(const float* src, uint8_t* dst, size_t blocks) {
    for (size_t b = 0; b < blocks; ++b, src += kBlock, dst += 34) {
        const float d = roundTripF16(std::fabs(signedAbsMax(src)) / 127.0f);
        const float inv = inverseOrZero(d);
        storeF16(dst, d);
        for (int j = 0; j < kBlock; ++j)
            dst[2 + j] = uint8_t(int8_t(roundClamp(src[j] * inv, -127, 127)));
    }
}

}  // namespace ponder::quant::detail
