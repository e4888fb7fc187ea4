/// @brief Private helpers shared by the block-format files of engine/src/quant.
#pragma once

#include <cstddef>
#include <cstdint>

#include "quant.h"

namespace ponder::quant::detail {

// Row codecs: `blocks` whole blocks at `src` to `blocks * blockElements` values at `dst`.
// Blocks are read and written byte by byte (never through a struct cast) because a block of
// 18 or 34 bytes inside a GGUF file has no alignment to speak of.
using DequantizeRowFn = void (*)(const uint8_t* src, float* dst, size_t blocks);
using QuantizeRowFn = void (*)(const float* src, uint8_t* dst, size_t blocks);

// --- little-endian field access -------------------------------------------------------
inline uint16_t loadU16(const uint8_t* p) {
    return uint16_t(p[0] | (p[1] << 8));
}
inline uint32_t loadU32(const uint8_t* p) {
    return uint32_t(p[0]) | (uint32_t(p[1]) << 8) | (uint32_t(p[2]) << 16) | (uint32_t(p[3]) << 24);
}
inline void storeU16(uint8_t* p, uint16_t v) {
    p[0] = uint8_t(v);
    p[1] = uint8_t(v >> 8);
}
inline void storeU32(uint8_t* p, uint32_t v) {
    for (int i = 0; i < 4; ++i)
        p[i] = uint8_t(v >> (8 * i));
}
inline float loadF16(const uint8_t* p) {
    return fp16ToFp32(loadU16(p));
}
inline void storeF16(uint8_t* p, float v) {
    storeU16(p, fp32ToFp16(v));
}
/// What a float becomes after a trip through a stored f16 field; quantizers pick their
/// integer codes against this value, not the unrounded one, so the codes fit the stored scale.
inline float roundTripF16(float v) {
    return fp16ToFp32(fp32ToFp16(v));
}

/// Nearest integer (ties to even) clamped to [lo, hi].
int roundClamp(float v, int lo, int hi);

// --- scale searches used by the quantizers (quant_fit.cpp) ----------------------------

/// Best `s` for x ≈ s·q with q = roundClamp(x/s, qmin, qmax). `s` may be negative, which lets
/// the largest-magnitude element use the longer side of an asymmetric range such as -4..3.
float fitSignedScale(const float* x, int n, int qmin, int qmax);

/// x ≈ scale·q − offset with q in 0..qmax, scale ≥ 0 and offset ≥ 0 (the K-quant "min" is
/// stored unsigned and subtracted, so the fitted minimum is never above zero).
struct AffineFit {
    float scale = 0;
    float offset = 0;
};
AffineFit fitAffine(const float* x, int n, int qmax);

/// Best `s` for x ≈ s·table[k] with k the index of the nearest table entry to x/s.
float fitCodebookScale(const float* x, int n, const int8_t* table, int tableSize);
/// Index of the entry of `table` (sorted ascending) nearest to `v`.
int nearestCodebookIndex(float v, const int8_t* table, int tableSize);

// --- K-quant scale packing (quant_k.cpp) ----------------------------------------------

/// Q4_K/Q5_K: the 6-bit scale and min of sub-block t (0..7) from the 12 packed bytes
/// (ggml's get_scale_min_k4).
void unpackScaleMinK4(const uint8_t* packed, int t, int& scale, int& min);
/// Inverse of unpackScaleMinK4 for 8 scales and 8 mins of 0..63.
void packScaleMinK4(const int* scales, const int* mins, uint8_t* packed);
/// Q3_K: the signed scale (-32..31) of sub-block t (0..15) from the 12 packed bytes.
int unpackScaleQ3K(const uint8_t* packed, int t);
/// Inverse of unpackScaleQ3K for 16 scales of -32..31.
void packScalesQ3K(const int* scales, uint8_t* packed);

// --- per-family row codecs -----------------------------------------------------------
void dequantizeRowF32(const uint8_t* src, float* dst, size_t blocks);
void dequantizeRowF16(const uint8_t* src, float* dst, size_t blocks);
void dequantizeRowBf16(const uint8_t* src, float* dst, size_t blocks);
void quantizeRowF32(const float* src, uint8_t* dst, size_t blocks);
void quantizeRowF16(const float* src, uint8_t* dst, size_t blocks);
void quantizeRowBf16(const float* src, uint8_t* dst, size_t blocks);

void dequantizeRowQ4_0(const uint8_t* src, float* dst, size_t blocks);
void dequantizeRowQ4_1(const uint8_t* src, float* dst, size_t blocks);
void dequantizeRowQ5_0(const uint8_t* src, float* dst, size_t blocks);
void dequantizeRowQ5_1(const uint8_t* src, float* dst, size_t blocks);
void dequantizeRowQ8_0(const uint8_t* src, float* dst, size_t blocks);
void quantizeRowQ4_0(const float* src, uint8_t* dst, size_t blocks);
void quantizeRowQ4_1(const float* src, uint8_t* dst, size_t blocks);
void quantizeRowQ5_0(const float* src, uint8_t* dst, size_t blocks);
void quantizeRowQ5_1(const float* src, uint8_t* dst, size_t blocks);
void quantizeRowQ8_0(const float* src, uint8_t* dst, size_t blocks);

void dequantizeRowQ2_K(const uint8_t* src, float* dst, size_t blocks);
void dequantizeRowQ3_K(const uint8_t* src, float* dst, size_t blocks);
void dequantizeRowQ4_K(const uint8_t* src, float* dst, size_t blocks);
void dequantizeRowQ5_K(const uint8_t* src, float* dst, size_t blocks);
void dequantizeRowQ6_K(const uint8_t* src, float* dst, size_t blocks);
void dequantizeRowQ8_K(const uint8_t* src, float* dst, size_t blocks);
void quantizeRowQ2_K(const float* src, uint8_t* dst, size_t blocks);
void quantizeRowQ3_K(const float* src, uint8_t* dst, size_t blocks);
void quantizeRowQ4_K(const float* src, uint8_t* dst, size_t blocks);
void quantizeRowQ5_K(const float* src, uint8_t* dst, size_t blocks);
void quantizeRowQ6_K(const float* src, uint8_t* dst, size_t blocks);
void quantizeRowQ8_K(const float* src, uint8_t* dst, size_t blocks);

void dequantizeRowIq4Nl(const uint8_t* src, float* dst, size_t blocks);
void dequantizeRowIq4Xs(const uint8_t* src, float* dst, size_t blocks);
void quantizeRowIq4Nl(const float* src, uint8_t* dst, size_t blocks);
void quantizeRowIq4Xs(const float* src, uint8_t* dst, size_t blocks);

void dequantizeRowMxfp4(const uint8_t* src, float* dst, size_t blocks);
void quantizeRowMxfp4(const float* src, uint8_t* dst, size_t blocks);

/// ggml's kvalues_iq4nl codebook (engine-spec.md 3.2.11), shared by IQ4_NL and IQ4_XS.
extern const int8_t kIq4NlCodebook[16];

}  // namespace ponder::quant::detail
