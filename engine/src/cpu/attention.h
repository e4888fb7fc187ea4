// Causal multi-head attention over a KV cache: GQA, optional sliding window and per-head
// sinks (engine-spec.md 2.0.4).
#pragma once

#include <cstddef>
#include <cstdint>

#include "ponder/model.h"

namespace ponder::cpu {

/// One layer's K or V rows in the cache: row p holds the vectors of every KV head at
/// position p, `rowElements` values of `type` (F32 floats or F16 halves).
struct KvRows {
    KvCacheType type = KvCacheType::F32;
    const void* data = nullptr;
    size_t rowElements = 0;
};

/// Reads element range [offset, offset + n) of row p as floats.
void loadKv(const KvRows& rows, size_t p, size_t offset, size_t n, float* out);

struct AttentionParams {
    uint32_t nHead = 0;
    uint32_t nHeadKv = 0;
    uint32_t headDimK = 0;
    uint32_t headDimV = 0;
    float kqScale = 1.0f;
    uint32_t window = 0;           // 0 = full causal; else keys with pq - pk >= window are masked
    const float* sinks = nullptr;  // [nHead] sink logits (gpt-oss) or null
};

/// q: [nTokens][nHead * headDimK], the query of token t sits at position startPos + t;
/// the cache already holds K/V for positions [0, startPos + nTokens).
/// out: [nTokens][nHead * headDimV].
void attention(const float* q, size_t nTokens, uint32_t startPos, const KvRows& k,
               const KvRows& v, const AttentionParams& p, float* out, unsigned threads);

}  // namespace ponder::cpu
