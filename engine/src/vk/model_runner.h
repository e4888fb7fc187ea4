/// @brief The Vulkan backend of a Session: the model's weights and KV cache on the device and
/// its forward pass recorded as kernel dispatches.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "ponder/model.h"
#include "ponder/result.h"

namespace ponder::model {
struct ModelData;
}

namespace ponder::vk {

/// Device memory a model needs, by purpose (all in bytes).
struct MemoryPlan {
    uint64_t weights = 0;
    uint64_t kvCache = 0;
    uint64_t scratch = 0;   // activations, routing, attention partials, logits read-back, staging
    uint64_t total() const { return weights + kvCache + scratch; }
};

class ModelRunner {
public:
    /// Creates the device, checks the memory budget BEFORE allocating anything large
    /// (OutOfMemory with the numbers when it does not fit), uploads the weights and
    /// allocates the KV cache for `capacity` positions.
    static Result<std::unique_ptr<ModelRunner>> create(const model::ModelData& model, const SessionOptions& options,
                                                       uint32_t capacity);
    virtual ~ModelRunner() = default;

    /// Evaluates tokens at startPos.. (positions below startPos are in the cache) and writes
    /// logits: [tokens.size()][n_vocab], or [n_vocab] for the last token when lastOnly.
    /// After DeviceLost every later call fails with DeviceLost (the caller rebuilds).
    virtual Result<void> forward(std::span<const int32_t> tokens, uint32_t startPos, bool lastOnly,
                                 std::vector<float>& logits) = 0;

    /// Evaluates tokens from position 0 (overwriting the cache) and writes the final-norm
    /// hidden state of the last token, [n_embd]: the pooled row of an embedding model.
    virtual Result<void> forwardLastHidden(std::span<const int32_t> tokens, std::vector<float>& hidden) = 0;

    /// Several texts in one packed forward pass (embedding batches): their tokens go into
    /// cache rows 0..N-1 in order (N, the sum of their lengths, at most the capacity), each
    /// text's RoPE positions count from its own start and its tokens attend only to its own
    /// earlier tokens, so every row is what forwardLastHidden would give for that text alone
    /// (to rounding). Writes rows [texts.size()][n_embd]: each text's last-token final-norm
    /// hidden state. Llama-family graphs only (Unsupported otherwise); every text non-empty.
    virtual Result<void> forwardLastHiddenBatch(std::span<const std::span<const int32_t>> texts,
                                                std::vector<float>& rows) = 0;

    virtual const MemoryPlan& memory() const = 0;
};

/// The plan for a model with the given options, without touching a device (also used by
/// create() for its budget check). `maxChunk` is the prompt chunk in tokens.
MemoryPlan planMemory(const model::ModelData& model, KvCacheType kvType, uint32_t capacity, uint32_t maxChunk);

}  // namespace ponder::vk
