// `qwen3`: dense Qwen3 — per-head RMSNorm of Q and K before NEOX RoPE, no biases.
#include "model/llama_family.h"

namespace ponder::model {

namespace {

Result<void> loadHParams(const KeyReader&, HyperParams& hp) {
    hp.ropeType = RopeType::Neox;
    hp.qkNorm = QkNorm::PerHead;
    if (hp.isMoe()) return hparamError(hp, "qwen3 has no experts (use qwen3moe)");
    return validateLlamaFamily(hp);
}

void bindWeights(WeightBinder& b, const HyperParams& hp, ModelWeights& w) {
    bindLlamaFamily(b, hp, w, LlamaFamilyTensors{});
}

}  // namespace

extern const ArchSpec kArchQwen3 = {"qwen3", Architecture::Qwen3, loadHParams, bindWeights, standardKvShape,
                                    forwardLlamaFamily};

}  // namespace ponder::model
