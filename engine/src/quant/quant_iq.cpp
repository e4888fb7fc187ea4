// Non-linear 4-bit codebook formats (engine-spec.md 3.2.11-3.2.12): IQ4_NL (blocks of 32,
// one f16 scale) and IQ4_XS (super-blocks of 256 with 6-bit sub-block scales).
//
// Both index the same 16-entry codebook, denser near zero where weights concentrate.
// Quantization searches the scale that best fits the codebook (quant_fit.cpp); there is no
// importance matrix, so this is the plain, non-imatrix flavour of ggml's quantizers.

#include <cmath>
#include <cstring>

#include "quant_internal.h"

namespace ponder::quant::detail {

const int8_t kIq4NlCodebook[16] = {-127, -104, -83, -65, -49, -35, -22, -10, 1, 13, 25, 38, 53, 69, 89, 113};

namespace {

constexpr int kBlock = 32;
constexpr int kSuper = 256;

float inverseOrZero(float d) {
    return d != 0 ? 1.0f / d : 0.0f;
}

// 32 codebook indices for x ≈ scale·T[k], packed split-half like Q4_0.
void packCodebookIndices(const float* x, float scale, uint8_t* qs) {
    const float inv = inverseOrZero(scale);
    int k[kBlock];
    for (int j = 0; j < kBlock; ++j)
        k[j] = nearestCodebookIndex(x[j] * inv, kIq4NlCodebook, 16);
    for (int j = 0; j < kBlock / 2; ++j)
        qs[j] = uint8_t(k[j] | (k[j + kBlock / 2] << 4));
}

}  // namespace

// IQ4_NL: d @0, qs[16] @2; element j from the low nibble of qs[j], j+16 from its high nibble.
void dequantizeRowIq4Nl(const uint8_t* src, float* dst, size_t blocks) {
    for (size_t b = 0; b < blocks; ++b, src += 18, dst += kBlock) {
        const float d = loadF16(src);
        const uint8_t* qs = src + 2;
        for (int j = 0; j < kBlock / 2; ++j) {
            dst[j] = d * float(kIq4NlCodebook[qs[j] & 0xF]);
            dst[j + kBlock / 2] = d * float(kIq4NlCodebook[qs[j] >> 4]);
        }
    }
}

// IQ4_XS: d @0, scales_h u16 @2, scales_l[4] @4, qs[128] @8. Sub-block t's 6-bit scale has
// its low nibble in scales_l[t/2] (nibble t%2) and its top 2 bits at bit 2t of scales_h,
// stored with a bias of 32. Each sub-block of 32 is packed like one IQ4_NL block.
void dequantizeRowIq4Xs(const uint8_t* src, float* dst, size_t blocks) {
    for (size_t b = 0; b < blocks; ++b, src += 136) {
        const float d = loadF16(src);
        const uint16_t scalesHigh = loadU16(src + 2);
        const uint8_t* scalesLow = src + 4;
        for (int t = 0; t < 8; ++t, dst += kBlock) {
            const int ls = ((scalesLow[t / 2] >> (4 * (t % 2))) & 0xF) | (((scalesHigh >> (2 * t)) & 3) << 4);
            const float dl = d * float(ls - 32);
            const uint8_t* qs = src + 8 + 16 * t;
            for (int j = 0; j < kBlock / 2; ++j) {
                dst[j] = dl * float(kIq4NlCodebook[qs[j] & 0xF]);
                dst[j + kBlock / 2] = dl * float(kIq4NlCodebook[qs[j] >> 4]);
            }
        }
    }
}

void quantizeRowIq4Nl(const float* src, uint8_t* dst, size_t blocks) {
    for (size_t b = 0; b < blocks; ++b, src += kBlock, dst += 18) {
        const float d = roundTripF16(fitCodebookScale(src, kBlock, kIq4NlCodebook, 16));
        storeF16(dst, d);
        packCodebookIndices(src, d, dst + 2);
    }
}

void quantizeRowIq4Xs(const float* src, uint8_t* dst, size_t blocks) {
    for (size_t b = 0; b < blocks; ++b, src += kSuper, dst += 136) {
        float scales[8];
        float extreme = 0;
        for (int t = 0; t < 8; ++t) {
            scales[t] = fitCodebookScale(src + kBlock * t, kBlock, kIq4NlCodebook, 16);
            if (std::fabs(scales[t]) > std::fabs(extreme)) extreme = scales[t];
        }
        // Sub-block scales are (ls − 32)·d with ls in 0..63: the extreme one maps to −32.
        const float d = roundTripF16(extreme / -32.0f);
        const float inv = inverseOrZero(d);
        std::memset(dst, 0, 136);
        storeF16(dst, d);
        uint16_t scalesHigh = 0;
        for (int t = 0; t < 8; ++t) {
            const int code = roundClamp(scales[t] * inv, -32, 31);
            const int ls = code + 32;
            dst[4 + t / 2] |= uint8_t((ls & 0xF) << (4 * (t % 2)));
            scalesHigh = uint16_t(scalesHigh | ((ls >> 4) << (2 * t)));
            packCodebookIndices(src + kBlock * t, d * float(code), dst + 8 + 16 * t);
        }
        storeU16(dst + 2, scalesHigh);
    }
}

}  // namespace ponder::quant::detail
