/// @brief A loaded GGUF language model (hyper-parameters, weights bound by name) and a
/// Session that runs its forward pass (CPU reference or Vulkan) over a KV cache.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "ponder/result.h"

namespace ponder {

namespace gguf {
class File;
}

/// The model families Ponder can run (engine-spec.md 2).
enum class Architecture { Llama, Qwen2, Qwen3, Qwen3Moe, Olmoe, GraniteMoe, Deepseek2, GptOss };

/// How RoPE pairs elements: NORM rotates adjacent pairs (2i, 2i+1), NEOX rotates (i, i+n/2).
enum class RopeType { Norm, Neox };

/// `{arch}.rope.scaling.type`.
enum class RopeScalingType { None, Linear, Yarn, LongRope };

/// `{arch}.expert_gating_func` values (1, 2 as in GGUF; SoftmaxWeight is gpt-oss's fixed rule).
enum class ExpertGating : uint32_t { Softmax = 1, Sigmoid = 2, SoftmaxWeight = 3, SqrtSoftplus = 4 };

/// Where a Q/K RMSNorm is applied, if any: per head (Qwen3) or over the whole projection (OLMoE).
enum class QkNorm { None, PerHead, Full };

/// Element type of the KV cache (llama.cpp's cache type; F16 is its default).
enum class KvCacheType { F32, F16 };

/// Everything the forward pass needs from the metadata, after defaults and validation.
/// Per-layer values are expanded to one entry per layer even when the file stores a scalar.
struct HyperParams {
    Architecture arch = Architecture::Llama;
    std::string archName;          // general.architecture
    uint32_t nVocab = 0;           // length of tokenizer.ggml.tokens (or token_embd rows)
    uint32_t nCtxTrain = 0;
    uint32_t nEmbd = 0;
    uint32_t nLayer = 0;
    std::vector<uint32_t> nHead;   // [nLayer]
    std::vector<uint32_t> nHeadKv; // [nLayer]
    std::vector<uint32_t> nFf;     // [nLayer] dense FFN width (0 where a layer has none)
    uint32_t headDimK = 0;         // attention.key_length
    uint32_t headDimV = 0;         // attention.value_length
    float normEps = 0.0f;          // attention.layer_norm_rms_epsilon

    // RoPE (engine-spec.md 2.0.3). attnFactor is the in-kernel magnitude before YaRN's own
    // 1 + 0.1 ln(s) factor, derived exactly as llama.cpp's context does.
    RopeType ropeType = RopeType::Norm;
    bool ropeEnabled = true;       // Granite: rope.scaling.finetuned == false disables RoPE
    uint32_t nRot = 0;
    float ropeFreqBase = 10000.0f;
    float ropeFreqBaseSwa = 10000.0f;
    RopeScalingType ropeScaling = RopeScalingType::Linear;
    float ropeFreqScale = 1.0f;    // 1 / rope.scaling.factor
    uint32_t nCtxOrigYarn = 0;
    float yarnExtFactor = 0.0f;
    float yarnAttnFactor = 1.0f;
    float yarnBetaFast = 32.0f;
    float yarnBetaSlow = 1.0f;
    float yarnLogMultiplier = 0.0f;  // deepseek2 only

    QkNorm qkNorm = QkNorm::None;

    // Mixture of experts (engine-spec.md 2.0.6). nExpert == 0 means dense.
    uint32_t nExpert = 0;
    uint32_t nExpertUsed = 0;
    uint32_t nExpertGroups = 0;
    uint32_t nGroupUsed = 0;
    uint32_t nFfExp = 0;           // width of one routed expert
    uint32_t nFfShexp = 0;         // total width of the shared expert FFN (0 = none)
    uint32_t nExpertShared = 0;
    uint32_t nLeadingDense = 0;    // deepseek2: first layers with a dense FFN
    ExpertGating gating = ExpertGating::Softmax;
    bool expertWeightsNorm = false;
    float expertWeightsScale = 0.0f; // applied only when not 0 and not 1 (as llama.cpp)

    // Granite scalars (0 = not used).
    float embeddingScale = 0.0f;
    float residualScale = 0.0f;
    float attentionScale = 0.0f;   // kq_scale override; 0 = 1/sqrt(headDimK)
    float logitScale = 0.0f;       // logits are divided by it

    // Sliding-window attention (gpt-oss).
    uint32_t slidingWindow = 0;
    std::vector<uint8_t> swaLayer; // [nLayer] 1 where the layer uses the window

    // Multi-head latent attention (deepseek2).
    uint32_t qLoraRank = 0;
    uint32_t kvLoraRank = 0;
    uint32_t headDimKMla = 0;
    uint32_t headDimVMla = 0;

    bool isMoe() const { return nExpert > 0; }
};

/// Parameter counts from the bound tensors' shapes.
struct ParameterCounts {
    uint64_t total = 0;
    /// Per decoded token: everything except the routed experts not selected, and only one
    /// row of the token embedding.
    uint64_t activePerToken = 0;
};

/// A model: validated hyper-parameters plus weights bound by name into the mapped file.
class Model {
public:
    /// Opens and validates a GGUF file (split files too).
    static Result<std::unique_ptr<Model>> load(const std::filesystem::path& path);
    /// Binds an already opened file; the Model keeps it alive.
    static Result<std::unique_ptr<Model>> fromGguf(std::shared_ptr<const gguf::File> file);

    ~Model();
    Model(const Model&) = delete;
    Model& operator=(const Model&) = delete;

    const HyperParams& hparams() const;
    ParameterCounts parameterCounts() const;
    const gguf::File& file() const;

    struct Impl;
    const Impl& impl() const { return *m_impl; }

private:
    explicit Model(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

/// Where a Session runs its forward pass.
enum class Backend { Cpu, Vulkan };

/// Options of a Session.
struct SessionOptions {
    uint32_t contextLength = 0;    // KV cache capacity in tokens; 0 = min(n_ctx_train, 4096)
    KvCacheType kvType = KvCacheType::F16;
    unsigned threads = 0;          // 0 = std::thread::hardware_concurrency()
    Backend backend = Backend::Cpu;
    // Vulkan only:
    std::optional<std::string> device;        // index ("1") or name substring; unset = best
    std::function<void(float)> uploadProgress;  // 0..1 while the weights are uploaded
    uint64_t deviceMemoryBudget = 0;          // bytes the session may use; 0 = the device-local heap
    uint32_t promptChunk = 0;                 // max tokens per prompt chunk; 0 = 128
};

/// Which logits rows forward() returns: every position, or only the last one (generation
/// needs only that; the GPU then computes and reads back one row).
enum class LogitsRows { All, Last };

/// One conversation's state over a Model: the KV cache and how many positions it holds.
/// The Model must outlive the Session.
class Session {
public:
    static Result<std::unique_ptr<Session>> create(const Model& model, const SessionOptions& options = {});

    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    /// Evaluates `tokens` at positions startPos, startPos+1, ... and returns their logits,
    /// row-major [tokens.size()][n_vocab]. startPos may be below position() (the cache past
    /// it is dropped first: regenerate / edit) but not above it. A whole prompt at once and
    /// the same tokens one at a time give identical results.
    /// With LogitsRows::Last only the last position's row [n_vocab] is returned.
    Result<std::vector<float>> forward(std::span<const int32_t> tokens, uint32_t startPos,
                                       LogitsRows rows = LogitsRows::All);
    /// forward(tokens, position()).
    Result<std::vector<float>> append(std::span<const int32_t> tokens);
    /// Forgets every position >= n (no-op when n >= position()).
    void truncate(uint32_t n);

    uint32_t position() const;
    uint32_t contextLength() const;
    const Model& model() const;
    Backend backend() const;
    /// Device memory the session holds (weights, KV cache, scratch); 0 on the CPU.
    uint64_t deviceBytes() const;

    struct Impl;

private:
    explicit Session(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

/// "llama", "qwen3moe", ... as in general.architecture.
const char* architectureName(Architecture arch);

}  // namespace ponder
