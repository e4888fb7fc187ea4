// `granitemoe`: IBM Granite 3.x MoE (engine-spec.md 2.7): the llama graph plus embedding,
// residual, attention and logit scales, RoPE switchable by rope.scaling.finetuned, and an
// optional shared expert.
#include "model/llama_family.h"

namespace ponder::model {

namespace {

Result<void> loadHParams(const KeyReader& keys, HyperParams& hp) {
    hp.ropeType = RopeType::Norm;
    hp.qkNorm = QkNorm::None;
    hp.gating = ExpertGating::Softmax;
    hp.expertWeightsNorm = true;
    hp.nFfExp = hp.isMoe() ? hp.nFf[0] : 0;
#define PONDER_KEY(dst, expr)        \
    do {                             \
        auto r_ = (expr);            \
        if (!r_) return r_.error();  \
        dst = *r_;                   \
    } while (0)
    PONDER_KEY(hp.logitScale, keys.f32("logit_scale"));
    PONDER_KEY(hp.residualScale, keys.f32("residual_scale", 0.0f));
    PONDER_KEY(hp.embeddingScale, keys.f32("embedding_scale", 0.0f));
    PONDER_KEY(hp.attentionScale, keys.f32("attention.scale", 0.0f));
    // Granite uses "finetuned" as its RoPE switch, defaulting to on.
    PONDER_KEY(hp.ropeEnabled, keys.boolean("rope.scaling.finetuned", true));
    PONDER_KEY(hp.nFfShexp, keys.u32("expert_shared_feed_forward_length", 0));
#undef PONDER_KEY
    if (hp.logitScale == 0.0f) return hparamError(hp, "logit_scale must not be zero");
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

extern const ArchSpec kArchGraniteMoe = {"granitemoe", Architecture::GraniteMoe, loadHParams, bindWeights,
                                         standardKvShape, forwardLlamaFamily};

}  // namespace ponder::model
