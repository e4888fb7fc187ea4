// Plain float types (engine-spec.md 3.1): F32, F16, BF16, and the half/bfloat16 conversions
// every block format uses for its scales.
//
// The conversions are done on the bit patterns rather than with _Float16 or F16C because
// neither is available on every compiler and CPU we build for, and the results must be the
// same everywhere (a scale that rounds differently changes every weight of a block).

#include <bit>
#include <cstring>

#include "quant_internal.h"

namespace ponder::quant {

float fp16ToFp32(uint16_t h) {
    const uint32_t sign = uint32_t(h & 0x8000) << 16;
    const uint32_t exponent = (h >> 10) & 0x1F;
    const uint32_t mantissa = h & 0x3FF;
    if (exponent == 0x1F) {
        // Inf stays inf; a NaN keeps its payload (shifted into the top of the f32 mantissa).
        return std::bit_cast<float>(sign | 0x7F800000u | (mantissa << 13));
    }
    if (exponent == 0) {
        // Zero or subnormal: mantissa · 2^-24 is exact in binary32 (it needs at most 10 bits).
        const float magnitude = float(mantissa) * 0x1p-24f;
        return std::bit_cast<float>(sign | std::bit_cast<uint32_t>(magnitude));
    }
    // Normal: rebias the exponent from 15 to 127.
    return std::bit_cast<float>(sign | ((exponent + 112) << 23) | (mantissa << 13));
}

uint16_t fp32ToFp16(float f) {
    const uint32_t bits = std::bit_cast<uint32_t>(f);
    const auto sign = uint16_t((bits >> 16) & 0x8000);
    const uint32_t magnitude = bits & 0x7FFFFFFF;

    if (magnitude > 0x7F800000) {
        // NaN: force the quiet bit so a signalling payload that would vanish when shifted
        // still yields a NaN, and keep the top payload bits.
        return uint16_t(sign | 0x7E00 | ((magnitude >> 13) & 0x3FF));
    }
    // 65520 (0x477FF000) is halfway between the largest half, 65504, and 2^16; ties go to
    // the even neighbour, which is infinity, so everything from there up overflows.
    if (magnitude >= 0x477FF000) return uint16_t(sign | 0x7C00);

    if (magnitude < 0x38800000) {
        // Below the smallest normal half (2^-14): the result is subnormal or zero, counted in
        // units of 2^-24. A binary32 value m·2^(e-150) is m·2^(e-126) such units.
        const uint32_t exponent = magnitude >> 23;
        const int shift = 126 - int(exponent);
        if (shift > 24) return sign;  // below 2^-25 (half of the smallest subnormal): zero
        const uint32_t significand = (magnitude & 0x7FFFFF) | 0x800000;
        uint32_t units = significand >> shift;
        const uint32_t remainder = significand & ((1u << shift) - 1);
        const uint32_t halfway = 1u << (shift - 1);
        if (remainder > halfway || (remainder == halfway && (units & 1))) ++units;
        return uint16_t(sign | units);  // units == 0x400 is exactly the smallest normal
    }

    // Normal range: rebias the exponent and drop 13 mantissa bits with round-to-nearest-even.
    // A carry out of the mantissa correctly bumps the exponent.
    uint32_t half = ((magnitude >> 23) - 112) << 10 | ((magnitude >> 13) & 0x3FF);
    const uint32_t dropped = magnitude & 0x1FFF;
    if (dropped > 0x1000 || (dropped == 0x1000 && (half & 1))) ++half;
    return uint16_t(sign | half);
}

float bf16ToFp32(uint16_t h) {
    return std::bit_cast<float>(uint32_t(h) << 16);
}

uint16_t fp32ToBf16(float f) {
    const uint32_t bits = std::bit_cast<uint32_t>(f);
    if ((bits & 0x7FFFFFFF) > 0x7F800000) {
        // Truncating a NaN could leave a zero mantissa (= infinity); the quiet bit prevents it.
        return uint16_t((bits >> 16) | 0x40);
    }
    // Round to nearest even on the 16 dropped bits; subnormals are kept (as ggml does).
    // Overflow past the largest finite value carries into the exponent and gives infinity.
    return uint16_t((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16);
}

namespace detail {

void dequantizeRowF32(const uint8_t* src, float* dst, size_t blocks) {
    std::memcpy(dst, src, blocks * sizeof(float));
}

void dequantizeRowF16(const uint8_t* src, float* dst, size_t blocks) {
    for (size_t i = 0; i < blocks; ++i)
        dst[i] = loadF16(src + 2 * i);
}

void dequantizeRowBf16(const uint8_t* src, float* dst, size_t blocks) {
    for (size_t i = 0; i < blocks; ++i)
        dst[i] = bf16ToFp32(loadU16(src + 2 * i));
}

void quantizeRowF32(const float* src, uint8_t* dst, size_t blocks) {
    std::memcpy(dst, src, blocks * sizeof(float));
}

void quantizeRowF16(const float* src, uint8_t* dst, size_t blocks) {
    for (size_t i = 0; i < blocks; ++i)
        storeF16(dst + 2 * i, src[i]);
}

void quantizeRowBf16(const float* src, uint8_t* dst, size_t blocks) {
    for (size_t i = 0; i < blocks; ++i)
        storeU16(dst + 2 * i, fp32ToBf16(src[i]));
}

}  // namespace detail
}  // namespace ponder::quant
