/// @brief Block formats: scalar reference dequantization and quantization (engine-spec.md 3).
#pragma once

#include <cstddef>
#include <cstdint>

#include "ponder/result.h"
#include "ponder/tensor_type.h"

namespace ponder::quant {

/// Bytes taken by `n` elements of `type` (n must be a multiple of the block size).
size_t rowBytes(TensorType type, size_t n);

/// Converts `n` elements of `type` at `src` to floats. `n` must be a whole number of blocks;
/// fails with Unsupported for types Ponder cannot compute.
Result<void> dequantize(TensorType type, const void* src, float* dst, size_t n);

/// Reference quantization of `n` floats into `type` (tests and tools generate models with
/// it). Follows llama.cpp's reference (non-imatrix) quantizers closely enough that the
/// result is a valid, sensible block; exact bit-equality with llama.cpp is not required.
Result<void> quantize(TensorType type, const float* src, void* dst, size_t n);

/// IEEE half and bfloat16 conversions (round to nearest even).
float fp16ToFp32(uint16_t h);
uint16_t fp32ToFp16(float f);
float bf16ToFp32(uint16_t h);
uint16_t fp32ToBf16(float f);

}  // namespace ponder::quant
