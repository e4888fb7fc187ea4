// The sampler chain and the resolution of its settings (engine-spec.md 5.1).
#include <cmath>

#include "ponder/sampler.h"
#include "sampler_stages.h"

namespace ponder {
namespace {

template <typename T>
void pick(T& target, std::span<const SamplingOverrides> layers, std::optional<T> SamplingOverrides::*field) {
    for (const SamplingOverrides& layer : layers) {
        if (layer.*field) {
            target = *(layer.*field);
            return;
        }
    }
}

}  // namespace

SamplingOverrides recommendedSampling(
    const std::function<std::optional<double>(std::string_view key)>& number) {
    SamplingOverrides r;
    if (!number) return r;
    // A file can only recommend sane values; anything not finite is ignored rather than
    // turning every reply into garbage.
    auto read = [&](std::string_view key) -> std::optional<double> {
        std::optional<double> v = number(key);
        if (v && !std::isfinite(*v)) return std::nullopt;
        return v;
    };
    if (auto v = read("general.sampling.temp")) r.temperature = float(*v);
    if (auto v = read("general.sampling.top_k")) r.topK = int32_t(*v);
    if (auto v = read("general.sampling.top_p")) r.topP = float(*v);
    if (auto v = read("general.sampling.min_p")) r.minP = float(*v);
    if (auto v = read("general.sampling.penalty_last_n")) r.penaltyLastN = int32_t(*v);
    if (auto v = read("general.sampling.penalty_repeat")) r.repeatPenalty = float(*v);
    return r;
}

SamplingParams resolveSamplingParams(std::span<const SamplingOverrides> layers) {
    SamplingParams p;  // llama.cpp's defaults
    pick(p.temperature, layers, &SamplingOverrides::temperature);
    pick(p.topK, layers, &SamplingOverrides::topK);
    pick(p.topP, layers, &SamplingOverrides::topP);
    pick(p.minP, layers, &SamplingOverrides::minP);
    pick(p.penaltyLastN, layers, &SamplingOverrides::penaltyLastN);
    pick(p.repeatPenalty, layers, &SamplingOverrides::repeatPenalty);
    pick(p.frequencyPenalty, layers, &SamplingOverrides::frequencyPenalty);
    pick(p.presencePenalty, layers, &SamplingOverrides::presencePenalty);
    pick(p.seed, layers, &SamplingOverrides::seed);
    return p;
}

SamplerChain::SamplerChain(const SamplingParams& params) : m_params(params) {
    if (params.seed == kRandomSeed) {
        std::random_device device;
        m_seed = device();
    } else {
        m_seed = params.seed;
    }
    m_rng.seed(m_seed);
}

void SamplerChain::reset() {
    m_recent.clear();
    m_rng.seed(m_seed);
}

void SamplerChain::accept(int32_t token) {
    if (m_params.penaltyLastN == 0) return;
    m_recent.push_back(token);
    if (m_params.penaltyLastN > 0 && m_recent.size() > size_t(m_params.penaltyLastN)) m_recent.pop_front();
}

int32_t SamplerChain::sample(std::span<const float> logits) {
    if (logits.empty()) return 0;
    m_candidates.resize(logits.size());
    for (size_t i = 0; i < logits.size(); ++i)
        m_candidates[i] = {int32_t(i), logits[i]};

    const std::vector<int32_t> window(m_recent.begin(), m_recent.end());
    sampling::applyPenalties(m_candidates, window, m_params.repeatPenalty, m_params.frequencyPenalty,
                             m_params.presencePenalty);
    if (m_params.temperature <= 0.0f) {
        // Greedy: every filter below keeps the best token, so skip them and draw nothing
        // (the random sequence stays where it was).
        return m_candidates[sampling::argmax(m_candidates)].id;
    }
    sampling::topK(m_candidates, m_params.topK);
    sampling::topP(m_candidates, m_params.topP);
    sampling::minP(m_candidates, m_params.minP);
    sampling::temperature(m_candidates, m_params.temperature);
    return m_candidates[sampling::draw(m_candidates, m_rng)].id;
}

}  // namespace ponder
