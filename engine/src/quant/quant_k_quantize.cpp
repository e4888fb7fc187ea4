// Reference quantizers for Q2_K, Q3_K, Q4_K, Q5_K and Q6_K (layouts in quant_k.cpp).
//
// Two passes per super-block, as in ggml's reference quantizers: first fit a float scale
// (and min) per sub-block, then quantize those to the few bits the format stores relative
// to one f16 super-scale, and finally pick every element's code against the scale a reader
// will actually reconstruct (d·scale, computed exactly as the dequantizer does), so the
// rounding of the scales is not compounded by codes chosen for the unrounded scale.

#include <cmath>
#include <cstring>

#include "quant_internal.h"

namespace ponder::quant::detail {
namespace {

constexpr int kSuper = 256;

float inverseOrZero(float d) {
    return d != 0 ? 1.0f / d : 0.0f;
}

// Sub-block scales and offsets of one super-block, reduced to integers relative to two
// f16 super-scales: scale ≈ d·scaleCode, offset ≈ dmin·minCode with codes in 0..maxCode.
struct AffineScales {
    float d = 0;
    float dmin = 0;
    int scaleCodes[16] = {};
    int minCodes[16] = {};
};

AffineScales fitAffineSuperBlock(const float* x, int subBlocks, int subSize, int qmax, int maxCode) {
    AffineFit fits[16];
    float maxScale = 0, maxOffset = 0;
    for (int t = 0; t < subBlocks; ++t) {
        fits[t] = fitAffine(x + t * subSize, subSize, qmax);
        maxScale = std::fmax(maxScale, fits[t].scale);
        maxOffset = std::fmax(maxOffset, fits[t].offset);
    }
    AffineScales out;
    out.d = roundTripF16(maxScale / float(maxCode));
    out.dmin = roundTripF16(maxOffset / float(maxCode));
    const float invD = inverseOrZero(out.d), invDmin = inverseOrZero(out.dmin);
    for (int t = 0; t < subBlocks; ++t) {
        out.scaleCodes[t] = roundClamp(fits[t].scale * invD, 0, maxCode);
        out.minCodes[t] = roundClamp(fits[t].offset * invDmin, 0, maxCode);
    }
    return out;
}

// Codes 0..qmax of one sub-block for y = (d·scaleCode)·q − dmin·minCode.
void affineCodes(const float* x, int n, float d, float dmin, int scaleCode, int minCode, int qmax,
                 int* codes) {
    const float dl = d * float(scaleCode);
    const float ml = dmin * float(minCode);
    const float inv = inverseOrZero(dl);
    for (int i = 0; i < n; ++i)
        codes[i] = roundClamp((x[i] + ml) * inv, 0, qmax);
}

// Sub-block scales of a symmetric format as signed integer codes times one f16 d. As with
// the values themselves, the largest-magnitude scale maps to the most negative code.
void fitSignedSuperBlock(const float* x, int qmin, int qmax, int scaleMin, int scaleMax, float& d,
                         int* scaleCodes) {
    float scales[16];
    float extreme = 0;
    for (int t = 0; t < 16; ++t) {
        scales[t] = fitSignedScale(x + 16 * t, 16, qmin, qmax);
        if (std::fabs(scales[t]) > std::fabs(extreme)) extreme = scales[t];
    }
    d = roundTripF16(extreme / float(scaleMin));
    const float inv = inverseOrZero(d);
    for (int t = 0; t < 16; ++t)
        scaleCodes[t] = roundClamp(scales[t] * inv, scaleMin, scaleMax);
}

// Signed codes of one sub-block of 16 for y = (d·scaleCode)·q.
void signedCodes(const float* x, float d, int scaleCode, int qmin, int qmax, int* codes) {
    const float inv = inverseOrZero(d * float(scaleCode));
    for (int i = 0; i < 16; ++i)
        codes[i] = roundClamp(x[i] * inv, qmin, qmax);
}

}  // namespace

void quantizeRowQ2_K(const float* src, uint8_t* dst, size_t blocks) {
    for (size_t b = 0; b < blocks; ++b, src += kSuper, dst += 84) {
        const AffineScales s = fitAffineSuperBlock(src, 16, 16, 3, 15);
        std::memset(dst, 0, 84);
        for (int t = 0; t < 16; ++t) {
            dst[t] = uint8_t(s.scaleCodes[t] | (s.minCodes[t] << 4));
            int codes[16];
            affineCodes(src + 16 * t, 16, s.d, s.dmin, s.scaleCodes[t], s.minCodes[t], 3, codes);
            // Sub-block t = 8·h + 2·j + sub holds elements 128·h + 32·j + 16·sub + l.
            const int h = t / 8, j = (t % 8) / 2, sub = t % 2;
            for (int l = 0; l < 16; ++l)
                dst[16 + 32 * h + 16 * sub + l] |= uint8_t(codes[l] << (2 * j));
        }
        storeF16(dst + 80, s.d);
        storeF16(dst + 82, s.dmin);
    }
}

void quantizeRowQ3_K(const float* src, uint8_t* dst, size_t blocks) {
    for (size_t b = 0; b < blocks; ++b, src += kSuper, dst += 110) {
        float d = 0;
        int scaleCodes[16];
        fitSignedSuperBlock(src, -4, 3, -32, 31, d, scaleCodes);
        std::memset(dst, 0, 110);
        for (int t = 0; t < 16; ++t) {
            int codes[16];
            signedCodes(src + 16 * t, d, scaleCodes[t], -4, 3, codes);
            const int h = t / 8, j = (t % 8) / 2, sub = t % 2;
            for (int l = 0; l < 16; ++l) {
                const int r = 16 * sub + l;
                const int stored = codes[l] + 4;  // 0..7: bit 2 set means "no minus 4"
                dst[32 + 32 * h + r] |= uint8_t((stored & 3) << (2 * j));
                dst[r] |= uint8_t((stored >> 2) << (4 * h + j));
            }
        }
        packScalesQ3K(scaleCodes, dst + 96);
        storeF16(dst + 108, d);
    }
}

namespace {

// Q4_K and Q5_K share everything but the fifth bit.
void quantizeRowQ45_K(const float* src, uint8_t* dst, size_t blocks, bool fiveBits) {
    const int qmax = fiveBits ? 31 : 15;
    const size_t blockBytes = fiveBits ? 176 : 144;
    const int qsOffset = fiveBits ? 48 : 16;
    for (size_t b = 0; b < blocks; ++b, src += kSuper, dst += blockBytes) {
        const AffineScales s = fitAffineSuperBlock(src, 8, 32, qmax, 63);
        std::memset(dst, 0, blockBytes);
        storeF16(dst, s.d);
        storeF16(dst + 2, s.dmin);
        packScaleMinK4(s.scaleCodes, s.minCodes, dst + 4);
        for (int t = 0; t < 8; ++t) {
            int codes[32];
            affineCodes(src + 32 * t, 32, s.d, s.dmin, s.scaleCodes[t], s.minCodes[t], qmax, codes);
            // Sub-block t = 2k + sub: nibble `sub` of qs[32k + l], and bit t of qh[l].
            uint8_t* qs = dst + qsOffset + 32 * (t / 2);
            for (int l = 0; l < 32; ++l) {
                qs[l] |= uint8_t((codes[l] & 0xF) << (4 * (t % 2)));
                if (fiveBits) dst[16 + l] |= uint8_t((codes[l] >> 4) << t);
            }
        }
    }
}

}  // namespace

void quantizeRowQ4_K(const float* src, uint8_t* dst, size_t blocks) {
    quantizeRowQ45_K(src, dst, blocks, false);
}

void quantizeRowQ5_K(const float* src, uint8_t* dst, size_t blocks) {
    quantizeRowQ45_K(src, dst, blocks, true);
}

void quantizeRowQ6_K(const float* src, uint8_t* dst, size_t blocks) {
    for (size_t b = 0; b < blocks; ++b, src += kSuper, dst += 210) {
        float d = 0;
        int scaleCodes[16];
        fitSignedSuperBlock(src, -32, 31, -128, 127, d, scaleCodes);
        std::memset(dst, 0, 210);
        for (int t = 0; t < 16; ++t) {
            int codes[16];
            signedCodes(src + 16 * t, d, scaleCodes[t], -32, 31, codes);
            dst[192 + t] = uint8_t(int8_t(scaleCodes[t]));
            // Element 128·h + 32·quad + l with l = 16·(t%2) + i.
            const int h = t / 8, quad = (t % 8) / 2;
            for (int i = 0; i < 16; ++i) {
                const int l = 16 * (t % 2) + i;
                const int stored = codes[i] + 32;  // 0..63
                dst[64 * h + 32 * (quad & 1) + l] |= uint8_t((stored & 0xF) << (quad < 2 ? 0 : 4));
                dst[128 + 32 * h + l] |= uint8_t((stored >> 4) << (2 * quad));
            }
        }
        storeF16(dst + 208, d);
    }
}

}  // namespace ponder::quant::detail
