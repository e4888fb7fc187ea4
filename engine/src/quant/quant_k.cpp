// K-quant layouts and dequantization (engine-spec.md 3.2.6-3.2.10, 3.2.14): Q2_K, Q3_K,
// Q4_K, Q5_K, Q6_K and the CPU-only intermediate Q8_K. Super-blocks of 256 elements.
//
// Every format here splits its block into sub-blocks of contiguous elements (16 or 32);
// what makes them tricky is where each sub-block's codes and scales sit in the bytes. The
// loops below walk the bytes in the order ggml's dequantize_row_* does and form each value
// with the same operations in the same order (d·scale first, then ·code, then −d_min·min),
// so the results are bit-identical to ggml's.

#include <bit>
#include <cmath>

#include "quant_internal.h"

namespace ponder::quant::detail {
namespace {

constexpr int kSuper = 256;

}  // namespace

// --- scale packing -----------------------------------------------------------------------

// Bytes 0-3: scales 0-3 in bits 0-5, bits 4-5 of scales 4-7 in bits 6-7.
// Bytes 4-7: mins 0-3 in bits 0-5, bits 4-5 of mins 4-7 in bits 6-7.
// Bytes 8-11: low nibble = bits 0-3 of scale 4-7, high nibble = bits 0-3 of min 4-7.
void unpackScaleMinK4(const uint8_t* packed, int t, int& scale, int& min) {
    if (t < 4) {
        scale = packed[t] & 63;
        min = packed[t + 4] & 63;
    } else {
        scale = (packed[t + 4] & 0xF) | ((packed[t - 4] >> 6) << 4);
        min = (packed[t + 4] >> 4) | ((packed[t] >> 6) << 4);
    }
}

void packScaleMinK4(const int* scales, const int* mins, uint8_t* packed) {
    for (int t = 0; t < 4; ++t) {
        packed[t] = uint8_t((scales[t] & 63) | ((scales[t + 4] >> 4) << 6));
        packed[t + 4] = uint8_t((mins[t] & 63) | ((mins[t + 4] >> 4) << 6));
        packed[t + 8] = uint8_t((scales[t + 4] & 0xF) | ((mins[t + 4] & 0xF) << 4));
    }
}

// Stored as scale + 32 in 6 bits: low nibbles of scales 0-7 in bytes 0-7 bits 0-3, of
// scales 8-15 in bytes 0-7 bits 4-7; the 2 high bits of scale t in byte 8 + t%4 at bit 2·(t/4).
int unpackScaleQ3K(const uint8_t* packed, int t) {
    const int low = t < 8 ? (packed[t] & 0xF) : (packed[t - 8] >> 4);
    const int high = (packed[8 + t % 4] >> (2 * (t / 4))) & 3;
    return (low | (high << 4)) - 32;
}

void packScalesQ3K(const int* scales, uint8_t* packed) {
    for (int i = 0; i < 12; ++i)
        packed[i] = 0;
    for (int t = 0; t < 16; ++t) {
        const int stored = scales[t] + 32;
        if (t < 8) {
            packed[t] |= uint8_t(stored & 0xF);
        } else {
            packed[t - 8] |= uint8_t((stored & 0xF) << 4);
        }
        packed[8 + t % 4] |= uint8_t((stored >> 4) << (2 * (t / 4)));
    }
}

// --- dequantize ------------------------------------------------------------------------

// Q2_K: scales[16] @0, qs[64] @16, d @80, dmin @82. Element 128·h + 32·j + r takes bits
// 2j..2j+1 of qs[32·h + r]; its sub-block is 8·h + 2·j + r/16.
void dequantizeRowQ2_K(const uint8_t* src, float* dst, size_t blocks) {
    for (size_t b = 0; b < blocks; ++b, src += 84) {
        const uint8_t* scales = src;
        const float d = loadF16(src + 80);
        const float dmin = loadF16(src + 82);
        for (int h = 0; h < 2; ++h) {
            const uint8_t* qs = src + 16 + 32 * h;
            for (int j = 0; j < 4; ++j) {
                for (int sub = 0; sub < 2; ++sub) {
                    const uint8_t sc = scales[8 * h + 2 * j + sub];
                    const float dl = d * float(sc & 0xF);
                    const float ml = dmin * float(sc >> 4);
                    for (int l = 0; l < 16; ++l) {
                        *dst++ = dl * float((qs[16 * sub + l] >> (2 * j)) & 3) - ml;
                    }
                }
            }
        }
    }
}

// Q3_K: hmask[32] @0, qs[64] @32, scales[12] @96, d @108. Low 2 bits as in Q2_K; the third
// bit is bit 4·h + j of hmask[r], and a clear bit means "minus 4".
void dequantizeRowQ3_K(const uint8_t* src, float* dst, size_t blocks) {
    for (size_t b = 0; b < blocks; ++b, src += 110) {
        const uint8_t* hmask = src;
        const uint8_t* scales = src + 96;
        const float d = loadF16(src + 108);
        for (int h = 0; h < 2; ++h) {
            const uint8_t* qs = src + 32 + 32 * h;
            for (int j = 0; j < 4; ++j) {
                const int hbit = 4 * h + j;
                for (int sub = 0; sub < 2; ++sub) {
                    const float dl = d * float(unpackScaleQ3K(scales, 8 * h + 2 * j + sub));
                    for (int l = 0; l < 16; ++l) {
                        const int r = 16 * sub + l;
                        const int low2 = (qs[r] >> (2 * j)) & 3;
                        const int minus4 = ((hmask[r] >> hbit) & 1) ? 0 : 4;
                        *dst++ = dl * float(low2 - minus4);
                    }
                }
            }
        }
    }
}

// Q4_K: d @0, dmin @2, scales[12] @4, qs[128] @16. Each 64 elements share 32 bytes: the low
// nibbles are sub-block 2k, the high nibbles sub-block 2k+1.
void dequantizeRowQ4_K(const uint8_t* src, float* dst, size_t blocks) {
    for (size_t b = 0; b < blocks; ++b, src += 144) {
        const float d = loadF16(src);
        const float dmin = loadF16(src + 2);
        const uint8_t* scales = src + 4;
        for (int k = 0; k < 4; ++k) {
            const uint8_t* qs = src + 16 + 32 * k;
            for (int sub = 0; sub < 2; ++sub) {
                int sc = 0, mn = 0;
                unpackScaleMinK4(scales, 2 * k + sub, sc, mn);
                const float dl = d * float(sc);
                const float ml = dmin * float(mn);
                const int shift = 4 * sub;
                for (int l = 0; l < 32; ++l)
                    *dst++ = dl * float((qs[l] >> shift) & 0xF) - ml;
            }
        }
    }
}

// Q5_K: d @0, dmin @2, scales[12] @4, qh[32] @16, qs[128] @48. Nibbles as Q4_K; bit t of
// qh[l] adds 16 to element l of sub-block t.
void dequantizeRowQ5_K(const uint8_t* src, float* dst, size_t blocks) {
    for (size_t b = 0; b < blocks; ++b, src += 176) {
        const float d = loadF16(src);
        const float dmin = loadF16(src + 2);
        const uint8_t* scales = src + 4;
        const uint8_t* qh = src + 16;
        for (int k = 0; k < 4; ++k) {
            const uint8_t* qs = src + 48 + 32 * k;
            for (int sub = 0; sub < 2; ++sub) {
                const int t = 2 * k + sub;
                int sc = 0, mn = 0;
                unpackScaleMinK4(scales, t, sc, mn);
                const float dl = d * float(sc);
                const float ml = dmin * float(mn);
                const int shift = 4 * sub;
                for (int l = 0; l < 32; ++l) {
                    const int q = ((qs[l] >> shift) & 0xF) + (((qh[l] >> t) & 1) << 4);
                    *dst++ = dl * float(q) - ml;
                }
            }
        }
    }
}

// Q6_K: ql[128] @0, qh[64] @128, scales i8[16] @192, d @208. Per half of 128 elements:
// quadrant `quad` (32 elements) takes the low (quad 0,1) or high (quad 2,3) nibbles of
// ql[64·h + 32·(quad&1) + l] and bits 2·quad..2·quad+1 of qh[32·h + l].
void dequantizeRowQ6_K(const uint8_t* src, float* dst, size_t blocks) {
    for (size_t b = 0; b < blocks; ++b, src += 210) {
        const auto* scales = reinterpret_cast<const int8_t*>(src + 192);
        const float d = loadF16(src + 208);
        for (int h = 0; h < 2; ++h) {
            const uint8_t* ql = src + 64 * h;
            const uint8_t* qh = src + 128 + 32 * h;
            for (int quad = 0; quad < 4; ++quad) {
                const int nibbleShift = quad < 2 ? 0 : 4;
                for (int l = 0; l < 32; ++l) {
                    const int low4 = (ql[l + 32 * (quad & 1)] >> nibbleShift) & 0xF;
                    const int high2 = (qh[l] >> (2 * quad)) & 3;
                    const int q = (low4 | (high2 << 4)) - 32;
                    const int sc = scales[8 * h + 2 * quad + l / 16];
                    *dst++ = d * float(sc) * float(q);
                }
            }
        }
    }
}

// Q8_K: d f32 @0, qs i8[256] @4, bsums i16[16] @260 (sums of 16 codes, only for dot products).
void dequantizeRowQ8_K(const uint8_t* src, float* dst, size_t blocks) {
    for (size_t b = 0; b < blocks; ++b, src += 292, dst += kSuper) {
        const float d = std::bit_cast<float>(loadU32(src));
        for (int j = 0; j < kSuper; ++j)
            dst[j] = d * float(int8_t(src[4 + j]));
    }
}

void quantizeRowQ8_K(const float* src, uint8_t* dst, size_t blocks) {
    for (size_t b = 0; b < blocks; ++b, src += kSuper, dst += 292) {
        float amax = 0;
        for (int j = 0; j < kSuper; ++j)
            amax = std::fmax(amax, std::fabs(src[j]));
        const float d = amax / 127.0f;
        const float inv = d != 0 ? 1.0f / d : 0.0f;
        storeU32(dst, std::bit_cast<uint32_t>(d));
        for (int g = 0; g < 16; ++g) {
            int sum = 0;
            for (int l = 0; l < 16; ++l) {
                const int q = roundClamp(src[16 * g + l] * inv, -127, 127);
                dst[4 + 16 * g + l] = uint8_t(int8_t(q));
                sum += q;
            }
            storeU16(dst + 260 + 2 * g, uint16_t(int16_t(sum)));
        }
    }
}

}  // namespace ponder::quant::detail
