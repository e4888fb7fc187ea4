// The individual samplers of the chain, as free functions over a candidate list so that
// tests can check each one against hand-computed values (engine-spec.md 5.2).
#pragma once

#include <cstdint>
#include <random>
#include <span>
#include <vector>

#include "ponder/sampler.h"

namespace ponder::sampling {

using Candidates = std::vector<TokenCandidate>;

/// Repetition, frequency and presence penalties for tokens that occur in `recent`:
/// logit <= 0 is multiplied by `repeat`, a positive one divided by it; then
/// count * frequency + presence is subtracted.
void applyPenalties(Candidates& c, std::span<const int32_t> recent, float repeat, float frequency,
                    float presence);

/// Keeps the k highest logits, sorted in descending order; k <= 0 keeps all (unsorted).
void topK(Candidates& c, int32_t k);

/// Keeps the shortest run of most likely tokens whose probabilities reach `p`, at least
/// `minKeep` of them; p >= 1 keeps all. Leaves the candidates sorted.
void topP(Candidates& c, float p, size_t minKeep = 1);

/// Keeps tokens whose probability is at least p times the largest (logit >= max + ln p),
/// at least `minKeep` of them; p <= 0 keeps all.
void minP(Candidates& c, float p, size_t minKeep = 1);

/// Divides the logits by t; t <= 0 leaves only the largest logit finite (greedy).
void temperature(Candidates& c, float t);

/// Softmax of the logits (largest subtracted, summed in double).
std::vector<double> probabilities(std::span<const TokenCandidate> c);

/// Index of the largest logit (the first on ties).
size_t argmax(std::span<const TokenCandidate> c);

/// Draws an index with probability softmax(logit): u ~ U[0,1) from `rng`, the first index
/// whose running sum reaches u times the total.
size_t draw(std::span<const TokenCandidate> c, std::mt19937& rng);

}  // namespace ponder::sampling
