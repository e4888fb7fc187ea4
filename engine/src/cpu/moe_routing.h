// Expert selection of a mixture-of-experts layer (llama.cpp's build_moe_ffn, engine-spec.md
// 2.0.6): gating, selection bias, group-limited routing, top-k, weight normalisation/scale.
#pragma once

#include <cstddef>
#include <cstdint>

#include "ponder/model.h"

namespace ponder::cpu {

struct RoutingParams {
    uint32_t nExpert = 0;
    uint32_t nExpertUsed = 0;
    ExpertGating gating = ExpertGating::Softmax;
    bool normWeights = false;
    float weightScale = 0.0f;          // applied when not 0 and not 1
    uint32_t nGroups = 0;              // group-limited routing when > 1
    uint32_t nGroupUsed = 0;
    const float* selectionBias = nullptr;  // [nExpert] exp_probs_b, or null
};

/// From router logits [nExpert] (router bias already added) picks nExpertUsed experts:
/// ids[i] in descending order of selection score (ties: lower id first), weights[i] their
/// mixing weights.
void routeExperts(const float* logits, const RoutingParams& p, int32_t* ids, float* weights);

}  // namespace ponder::cpu
