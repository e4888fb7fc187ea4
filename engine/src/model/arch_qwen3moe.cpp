// `qwen3moe`: Qwen3-30B-A3B / 235B-A22B (engine-spec.md 2.3): per-head Q/K norm, NEOX RoPE,
// softmax routing with renormalised top-k weights.
#include "model/llama_family.h"

namespace ponder::model {

namespace {

Result<void> loadHParams(const KeyReader& keys, HyperParams& hp) {
    hp.ropeType = RopeType::Neox;
    hp.qkNorm = QkNorm::PerHead;
    hp.gating = ExpertGating::Softmax;
    hp.expertWeightsNorm = true;  // hard-coded by llama.cpp for this architecture
    if (!hp.isMoe()) return hparamError(hp, "expert_count must be > 0");
    // Fallback as llama.cpp: n_ff / n_expert_used (guarded; zero used is rejected later).
    const uint32_t fallback = hp.nExpertUsed ? hp.nFf[0] / hp.nExpertUsed : 0;
    auto nFfExp = keys.u32("expert_feed_forward_length", fallback);
    if (!nFfExp) return nFfExp.error();
    hp.nFfExp = *nFfExp;
    return validateLlamaFamily(hp);
}

void bindWeights(WeightBinder& b, const HyperParams& hp, ModelWeights& w) {
    bindLlamaFamily(b, hp, w, LlamaFamilyTensors{});
}

}  // namespace

extern const ArchSpec kArchQwen3Moe = {"qwen3moe", Architecture::Qwen3Moe, loadHParams, bindWeights,
                                       standardKvShape, forwardLlamaFamily};

}  // namespace ponder::model
