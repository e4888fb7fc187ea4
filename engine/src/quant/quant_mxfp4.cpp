// MXFP4 (engine-spec.md 3.2.13): OCP microscaling FP4, 32 E2M1 values sharing one E8M0
// power-of-two exponent; the format of gpt-oss's expert weights.
//
// ggml keeps the E2M1 values doubled so they are integers ({0, 1, 2, 3, 4, 6, 8, 12}) and
// halves the scale to compensate: value = doubled[code] · 2^(e − 128). The product is the
// same number as E2M1(code) · 2^(e − 127), but we follow ggml's form so that the rare cases
// where the result is subnormal or the exponent byte is extreme come out identical.

#include <algorithm>
#include <bit>
#include <cmath>

#include "quant_internal.h"

namespace ponder::quant::detail {
namespace {

constexpr int kBlock = 32;

// Codes 0-7 are +0, 0.5, 1, 1.5, 2, 3, 4, 6 (doubled here); bit 3 is the sign.
constexpr int8_t kDoubledE2M1[16] = {0, 1, 2, 3, 4, 6, 8, 12, 0, -1, -2, -3, -4, -6, -8, -12};

// 2^(e − 128) as ggml's E8M0-to-float "half" helper builds it. e = 0 and 1 give the
// subnormals 2^-128 and 2^-127; e = 255 (NaN in the OCP spec) is not special: 2^127.
float e8m0Half(uint8_t e) {
    const uint32_t bits = e < 2 ? (0x00200000u << e) : (uint32_t(e - 1) << 23);
    return std::bit_cast<float>(bits);
}

// Nearest code for x at the given (half) scale; ties go to the smaller magnitude.
int nearestCode(float x, float halfScale) {
    const float magnitude = std::fabs(x) / halfScale;
    int best = 0;
    for (int k = 1; k < 8; ++k) {
        if (std::fabs(magnitude - float(kDoubledE2M1[k])) <
            std::fabs(magnitude - float(kDoubledE2M1[best]))) {
            best = k;
        }
    }
    return (x < 0 && best != 0) ? best | 8 : best;
}

double blockError(const float* x, uint8_t e) {
    const float halfScale = e8m0Half(e);
    double error = 0;
    for (int j = 0; j < kBlock; ++j) {
        const double diff =
            double(x[j]) - double(float(kDoubledE2M1[nearestCode(x[j], halfScale)]) * halfScale);
        error += diff * diff;
    }
    return error;
}

}  // namespace

// Layout: e u8 @0, qs[16] @1; element j from the low nibble of qs[j], j+16 from its high one.
void dequantizeRowMxfp4(const uint8_t* src, float* dst, size_t blocks) {
    for (size_t b = 0; b < blocks; ++b, src += 17, dst += kBlock) {
        const float d = e8m0Half(src[0]);
        const uint8_t* qs = src + 1;
        for (int j = 0; j < kBlock / 2; ++j) {
            dst[j] = float(kDoubledE2M1[qs[j] & 0xF]) * d;
            dst[j + kBlock / 2] = float(kDoubledE2M1[qs[j] >> 4]) * d;
        }
    }
}

void quantizeRowMxfp4(const float* src, uint8_t* dst, size_t blocks) {
    for (size_t b = 0; b < blocks; ++b, src += kBlock, dst += 17) {
        float amax = 0;
        for (int j = 0; j < kBlock; ++j)
            amax = std::fmax(amax, std::fabs(src[j]));
        uint8_t e = 0;
        if (amax > 0 && std::isfinite(amax)) {
            // Smallest exponent whose largest value (12 · 2^(e−128)) reaches amax, and its
            // neighbours: clipping the extreme a little can lower the error of the rest.
            // Clamped so the three candidates stay within 0..254 for absurdly small or large blocks.
            const int fits = std::clamp(128 + int(std::ceil(std::log2(amax / 12.0f))), 1, 253);
            double bestError = INFINITY;
            for (int candidate = fits - 1; candidate <= fits + 1; ++candidate) {
                const double error = blockError(src, uint8_t(candidate));
                if (error < bestError) {
                    bestError = error;
                    e = uint8_t(candidate);
                }
            }
        }
        dst[0] = e;
        const float halfScale = e8m0Half(e);
        for (int j = 0; j < kBlock / 2; ++j) {
            dst[1 + j] =
                uint8_t(nearestCode(src[j], halfScale) | (nearestCode(src[j + kBlock / 2], halfScale) << 4));
        }
    }
}

}  // namespace ponder::quant::detail
