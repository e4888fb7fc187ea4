// `qwen2`: Qwen2/2.5 and R1-Distill-Qwen (engine-spec.md 2.2): Q/K/V biases, NEOX RoPE,
// optional output bias.
#include "model/llama_family.h"

namespace ponder::model {

namespace {

Result<void> loadHParams(const KeyReader&, HyperParams& hp) {
    hp.ropeType = RopeType::Neox;
    hp.qkNorm = QkNorm::None;
    if (hp.isMoe()) return hparamError(hp, "qwen2 has no experts (expert_count must be 0)");
    return validateLlamaFamily(hp);
}

void bindWeights(WeightBinder& b, const HyperParams& hp, ModelWeights& w) {
    LlamaFamilyTensors opt;
    opt.outputBias = true;
    bindLlamaFamily(b, hp, w, opt);
}

}  // namespace

extern const ArchSpec kArchQwen2 = {"qwen2", Architecture::Qwen2, loadHParams, bindWeights, standardKvShape,
                                    forwardLlamaFamily};

}  // namespace ponder::model
