// Matrix-vector products over weights in any block format, dequantizing one row at a time
// (never a whole F32 copy of a big model), spread over threads by rows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>

#include "ponder/result.h"
#include "ponder/tensor_type.h"

namespace ponder::cpu {

/// A 2-D weight view in ggml order: `rows` rows of `cols` contiguous elements (cols = ne0,
/// the reduction dimension). Expert slices of 3-D tensors are Matrices too.
struct Matrix {
    TensorType type = TensorType::F32;
    size_t cols = 0;
    size_t rows = 0;
    size_t rowBytes = 0;           // bytes of one row
    const uint8_t* data = nullptr;
    explicit operator bool() const { return data != nullptr; }
    const uint8_t* row(size_t r) const { return data + r * rowBytes; }
};

/// Runs fn(begin, end) over [0, n) split into contiguous chunks on up to `threads` threads
/// (the calling thread takes one). Small jobs run inline.
void parallelFor(size_t n, unsigned threads, const std::function<void(size_t, size_t)>& fn);

/// Number of worker threads to use when the caller passes 0.
unsigned defaultThreads();

/// y[t][r] = sum_k W[r][k] * x[t][k] for t < nTokens:
/// x is [nTokens][cols] (row stride xStride), y is [nTokens][rows] (row stride yStride).
/// Fails only for types that cannot be dequantized.
Result<void> matmul(const Matrix& w, const float* x, size_t xStride, size_t nTokens, float* y,
                    size_t yStride, unsigned threads);

/// Dequantizes row r of w into out[w.cols].
Result<void> dequantizeRow(const Matrix& w, size_t r, float* out);

}  // namespace ponder::cpu
