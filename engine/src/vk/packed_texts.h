// Several texts packed into one forward pass (embedding batches): the host-side layout
// (concatenated tokens, each row's segment start, each text's last row) and the recording
// that keeps each text's last row of the residual stream before the next prompt chunk
// overwrites it. Used by the Vulkan runner's forwardLastHiddenBatch.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "ponder/result.h"
#include "vk/runner_internal.h"

namespace ponder::vk::detail {

struct PackedTexts {
    std::vector<int32_t> tokens;    // all texts' tokens, in order (cache rows 0..N-1)
    std::vector<int32_t> segStart;  // [N]: the first row of each row's text
    std::vector<uint32_t> lastRow;  // [texts]: the row of each text's last token
};

/// Packs texts (each non-empty, ids below nVocab, N <= capacity); InvalidArgument otherwise.
Result<PackedTexts> packTexts(std::span<const std::span<const int32_t>> texts, uint32_t capacity, uint32_t nVocab);

/// For the texts whose last row lies in the chunk [rowBegin, rowBegin + T) just recorded
/// (s.x holds its residual rows), copies that row into pooled row i (pooled [texts][n_embd]).
/// `next` is the first text not yet copied; it advances past the copied ones.
Result<void> recordLastRows(const Graph& g, const PackedTexts& p, uint32_t rowBegin, uint32_t T, size_t& next,
                            BufferSpan pooled);

}  // namespace ponder::vk::detail
