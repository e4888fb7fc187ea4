// `llama`: Llama 1/2/3.x, Mistral, R1-Distill-Llama, and Mixtral when expert_count > 0
// (engine-spec.md 2.1). Q/K rows are pre-permuted by the converter, hence NORM RoPE.
#include "model/llama_family.h"

namespace ponder::model {

namespace {

Result<void> loadHParams(const KeyReader&, HyperParams& hp) {
    hp.ropeType = RopeType::Norm;
    hp.qkNorm = QkNorm::None;
    // Mixtral: softmax over all experts, top-k, renormalised (hard-coded in llama.cpp's
    // graph); the expert width is feed_forward_length and llama reads no weight scale.
    hp.gating = ExpertGating::Softmax;
    hp.expertWeightsNorm = true;
    hp.nFfExp = hp.isMoe() ? hp.nFf[0] : 0;
    return validateLlamaFamily(hp);
}

void bindWeights(WeightBinder& b, const HyperParams& hp, ModelWeights& w) {
    LlamaFamilyTensors opt;
    opt.ropeFreqs = true;
    opt.attnOutBias = true;
    opt.denseFfnBiases = true;
    bindLlamaFamily(b, hp, w, opt);
}

}  // namespace

extern const ArchSpec kArchLlama = {"llama", Architecture::Llama, loadHParams, bindWeights, standardKvShape,
                                    forwardLlamaFamily};

}  // namespace ponder::model
