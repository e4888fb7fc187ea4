// `olmoe`: OLMoE-1B-7B (engine-spec.md 2.4): full-width Q/K RMSNorm before the head split,
// NEOX RoPE, softmax routing without renormalisation, untied output.
#include "model/llama_family.h"

namespace ponder::model {

namespace {

Result<void> loadHParams(const KeyReader&, HyperParams& hp) {
    hp.ropeType = RopeType::Neox;
    hp.qkNorm = QkNorm::Full;
    hp.gating = ExpertGating::Softmax;
    hp.expertWeightsNorm = false;
    if (!hp.isMoe()) return hparamError(hp, "expert_count must be > 0");
    hp.nFfExp = hp.nFf[0];
    return validateLlamaFamily(hp);
}

void bindWeights(WeightBinder& b, const HyperParams& hp, ModelWeights& w) {
    LlamaFamilyTensors opt;
    opt.outputRequired = true;
    bindLlamaFamily(b, hp, w, opt);
}

}  // namespace

extern const ArchSpec kArchOlmoe = {"olmoe", Architecture::Olmoe, loadHParams, bindWeights, standardKvShape,
                                    forwardLlamaFamily};

}  // namespace ponder::model
