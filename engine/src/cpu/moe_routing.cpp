#include "cpu/moe_routing.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

#include "cpu/ops.h"

namespace ponder::cpu {

namespace {

// Indices of the k largest values, descending; equal values keep index order so a tie
// always resolves the same way.
std::vector<uint32_t> topK(const float* v, size_t n, size_t k) {
    std::vector<uint32_t> idx(n);
    std::iota(idx.begin(), idx.end(), 0u);
    std::stable_sort(idx.begin(), idx.end(), [v](uint32_t a, uint32_t b) { return v[a] > v[b]; });
    idx.resize(std::min(n, k));
    return idx;
}

}  // namespace

void routeExperts(const float* logits, const RoutingParams& p, int32_t* ids, float* weights) {
    const size_t nE = p.nExpert;
    std::vector<float> probs(logits, logits + nE);  // [n_expert]
    switch (p.gating) {
        case ExpertGating::Softmax: softmax(probs.data(), nE); break;
        case ExpertGating::Sigmoid:
            for (auto& x : probs) x = 1.0f / (1.0f + std::exp(-x));
            break;
        case ExpertGating::SoftmaxWeight: break;  // raw logits select; softmax over winners below
        case ExpertGating::SqrtSoftplus:
            for (auto& x : probs) x = std::sqrt(std::log1p(std::exp(x)));
            break;
    }

    // The selection bias steers which experts win but never enters the weights.
    std::vector<float> select = probs;  // [n_expert]
    if (p.selectionBias) {
        for (size_t e = 0; e < nE; ++e) select[e] += p.selectionBias[e];
    }

    if (p.nGroups > 1) {
        // Group score = sum of the group's two best selection scores (DeepSeek-V3's rule,
        // which llama.cpp applies to every grouped model); keep the nGroupUsed best groups.
        const size_t perGroup = nE / p.nGroups;
        std::vector<float> groupScore(p.nGroups);  // [n_groups]
        for (size_t g = 0; g < p.nGroups; ++g) {
            const auto best = topK(select.data() + g * perGroup, perGroup, 2);
            float s = 0.0f;
            for (uint32_t i : best) s += select[g * perGroup + i];
            groupScore[g] = s;
        }
        const auto keep = topK(groupScore.data(), p.nGroups, p.nGroupUsed);
        std::vector<bool> kept(p.nGroups, false);
        for (uint32_t g : keep) kept[g] = true;
        for (size_t e = 0; e < nE; ++e) {
            if (!kept[e / perGroup]) select[e] = -std::numeric_limits<float>::infinity();
        }
    }

    const auto chosen = topK(select.data(), nE, p.nExpertUsed);
    const size_t k = chosen.size();
    for (size_t i = 0; i < k; ++i) {
        ids[i] = int32_t(chosen[i]);
        weights[i] = probs[chosen[i]];
    }
    if (p.gating == ExpertGating::SoftmaxWeight) softmax(weights, k);
    if (p.normWeights) {
        double sum = 0.0;
        for (size_t i = 0; i < k; ++i) sum += weights[i];
        // The floor is F16's smallest normal, as llama.cpp clamps it: no division by zero
        // when every selected weight underflowed.
        const float denom = std::max(float(sum), 6.103515625e-5f);
        for (size_t i = 0; i < k; ++i) weights[i] /= denom;
    }
    if (p.weightScale != 0.0f && p.weightScale != 1.0f) {
        for (size_t i = 0; i < k; ++i) weights[i] *= p.weightScale;
    }
}

}  // namespace ponder::cpu
