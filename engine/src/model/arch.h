// The architecture registry: what distinguishes one model family from another. Adding an
// architecture is one arch_<name>.cpp defining an ArchSpec plus one line in arch_registry.cpp.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

#include "model/hparams.h"
#include "model/kv_cache.h"
#include "model/weights.h"
#include "ponder/model.h"

namespace ponder::model {

struct ModelData;

/// What a forward function works with: the model, the session's KV cache, thread count.
struct ForwardContext {
    const ModelData& model;
    KvCache& cache;
    unsigned threads = 1;
    /// Embeddings (embedding.cpp): when set, families that support it write the final-norm
    /// hidden state [T][n_embd] here instead of computing logits (which may then be null).
    float* hiddenOut = nullptr;
};

/// Evaluates tokens at positions startPos.. (their K/V go into the cache) and writes
/// logits [tokens.size()][n_vocab].
using ForwardFn = Result<void> (*)(const ForwardContext& ctx, std::span<const int32_t> tokens,
                                   uint32_t startPos, float* logits);

struct ArchSpec {
    std::string_view name;           // general.architecture
    Architecture arch;
    /// Reads the architecture's own keys after the common ones and sets its fixed traits
    /// (RoPE type, Q/K norm, gating...).
    Result<void> (*loadHParams)(const KeyReader& keys, HyperParams& hp);
    /// Binds every tensor the architecture uses.
    void (*bindWeights)(WeightBinder& binder, const HyperParams& hp, ModelWeights& weights);
    /// KV row widths of a layer (elements per position for K and for V).
    KvShape (*kvShape)(const HyperParams& hp, uint32_t layer);
    ForwardFn forward;
};

/// The spec for a general.architecture string, or null.
const ArchSpec* findArch(std::string_view name);

/// Standard attention cache: n_head_kv * key/value length per position.
KvShape standardKvShape(const HyperParams& hp, uint32_t layer);

/// A model's data: the file it maps, its hyper-parameters and bound weights.
struct ModelData {
    std::shared_ptr<const gguf::File> file;
    HyperParams hp;
    ModelWeights weights;
    const ArchSpec* spec = nullptr;
    ParameterCounts counts;
};

}  // namespace ponder::model
