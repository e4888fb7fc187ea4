/// @brief Block formats: scalar reference dequantization and quantization (engine-spec.md 3).
#pragma once

#include <cstddef>
#include <cstdint>

#include "ponder/result.h"
#include "ponder/tensor_type.h"

namespace ponder::quant {

/// Bytes taken by `n` elements of `type`. Known for every TensorType, including those Ponder
/// cannot compute; 0 when `n` is not a whole number of blocks (so 0 means "invalid" for n > 0).
size_t rowBytes(TensorType type, size_t n);

/// Converts `n` elements of `type` at `src` to floats, bit-exact with ggml's
/// dequantize_row_* (engine-spec.md 3.2); `src` needs no alignment. Fails with
/// InvalidArgument when `n` is not a whole number of blocks and with Unsupported for types
/// Ponder cannot compute.
Result<void> dequantize(TensorType type, const void* src, float* dst, size_t n);

/// Reference quantization of `n` floats into `type` (tests and tools generate models with
/// it). Follows llama.cpp's reference (non-imatrix) quantizers closely enough that the
/// result is a valid, sensible block; exact bit-equality with llama.cpp is not required
/// (tst_quant_oracle holds the error to at most 5% above ggml's reference quantizers). Same
/// errors as dequantize.
Result<void> quantize(TensorType type, const float* src, void* dst, size_t n);

/// IEEE half and bfloat16 conversions. Narrowing rounds to nearest even, keeps subnormals,
/// overflows to infinity and turns NaN into a quiet NaN of the same sign.
float fp16ToFp32(uint16_t h);
uint16_t fp32ToFp16(float f);
float bf16ToFp32(uint16_t h);
uint16_t fp32ToBf16(float f);

}  // namespace ponder::quant
