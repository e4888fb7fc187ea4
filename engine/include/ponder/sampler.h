/// @brief Token sampling: llama.cpp's default sampler chain, its parameters and defaults.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <random>
#include <span>
#include <string_view>
#include <vector>

namespace ponder {

/// llama.cpp's seed value meaning "pick a random seed" (LLAMA_DEFAULT_SEED).
inline constexpr uint32_t kRandomSeed = 0xFFFFFFFFu;

/// Sampling settings, with llama.cpp's defaults (common/common.h, engine-spec.md 5.1).
struct SamplingParams {
    float temperature = 0.80f;   // <= 0: greedy (argmax)
    int32_t topK = 40;           // <= 0: off
    float topP = 0.95f;          // >= 1: off
    float minP = 0.05f;          // <= 0: off
    int32_t penaltyLastN = 64;   // window of recent tokens penalised; 0 = off, -1 = all
    float repeatPenalty = 1.0f;  // 1 = off
    float frequencyPenalty = 0.0f;
    float presencePenalty = 0.0f;
    uint32_t seed = kRandomSeed;
};

/// Values someone chose for some of the settings: the user, the model file, a preset.
struct SamplingOverrides {
    std::optional<float> temperature;
    std::optional<int32_t> topK;
    std::optional<float> topP;
    std::optional<float> minP;
    std::optional<int32_t> penaltyLastN;
    std::optional<float> repeatPenalty;
    std::optional<float> frequencyPenalty;
    std::optional<float> presencePenalty;
    std::optional<uint32_t> seed;
};

/// Reads the recommended settings a GGUF may carry as general.sampling.{temp, top_k, top_p,
/// min_p, penalty_last_n, penalty_repeat}. `number(key)` returns a numeric metadata value,
/// or nothing when the key is absent. (The keys for XTC and mirostat name samplers Ponder
/// does not run and are not read.)
SamplingOverrides recommendedSampling(
    const std::function<std::optional<double>(std::string_view key)>& number);

/// Resolves each setting from the first layer that sets it (pass the user's choices first,
/// then the model's recommendations), else llama.cpp's default.
SamplingParams resolveSamplingParams(std::span<const SamplingOverrides> layersMostImportantFirst);

/// A candidate token while the chain narrows the choice.
struct TokenCandidate {
    int32_t id = 0;
    float logit = 0.0f;
};

/// llama.cpp's default chain with the samplers Ponder supports, in its order: penalties ->
/// top-k -> top-p -> min-p -> temperature -> random draw. Because temperature comes last,
/// the filters see the temperature-1 distribution. Not thread-safe; one per generation.
class SamplerChain {
public:
    explicit SamplerChain(const SamplingParams& params);

    /// Picks the next token from the logits of the last position: [n_vocab].
    int32_t sample(std::span<const float> logits);
    /// Records a token that is now part of the sequence (prompt or generated) for the
    /// penalties' window.
    void accept(int32_t token);
    /// Forgets the window and restarts the random sequence from the seed.
    void reset();

    const SamplingParams& params() const { return m_params; }
    /// The seed in use: the one given, or the random one drawn for kRandomSeed (show it so
    /// a user can reproduce a reply).
    uint32_t seed() const { return m_seed; }

private:
    SamplingParams m_params;
    uint32_t m_seed = 0;
    std::mt19937 m_rng;
    std::deque<int32_t> m_recent;              // the penalties' window, oldest first
    std::vector<TokenCandidate> m_candidates;  // reused between calls
};

}  // namespace ponder
