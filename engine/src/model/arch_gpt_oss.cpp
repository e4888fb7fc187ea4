// `gpt-oss`: OpenAI gpt-oss-20b / 120b (engine-spec.md 2.6): biases on every projection,
// per-head attention sinks, sliding-window attention on alternating layers, NEOX RoPE with
// YaRN, and a routed MoE that picks experts by raw router logit, softmaxes the winners and
// runs the clamped SwiGLU (swiglu_oai) with per-expert biases. No shared expert, no ffn_norm
// (post_attention_norm is the pre-MoE norm).
#include <cmath>
#include <string>
#include <vector>

#include "cpu/attention.h"
#include "model/blocks.h"
#include "model/llama_family.h"

namespace ponder::model {

namespace {

#define PONDER_KEY(dst, expr)       \
    do {                            \
        auto r_ = (expr);           \
        if (!r_) return r_.error(); \
        dst = *r_;                  \
    } while (0)

Result<void> loadHParams(const KeyReader& keys, HyperParams& hp) {
    hp.ropeType = RopeType::Neox;
    hp.qkNorm = QkNorm::None;
    // Fixed by llama.cpp's graph for this architecture: select by raw logits, softmax over
    // the k winners, no renormalisation and no weight scale (it never reads the scale key).
    hp.gating = ExpertGating::SoftmaxWeight;
    hp.expertWeightsNorm = false;
    hp.expertWeightsScale = 0.0f;

    std::vector<uint32_t> ffExp;
    PONDER_KEY(ffExp, keys.perLayer("expert_feed_forward_length", hp.nLayer, {}));
    for (uint32_t v : ffExp) {
        if (v != ffExp[0]) return hparamError(hp, "per-layer expert_feed_forward_length values differ");
    }
    hp.nFfExp = ffExp[0];
    PONDER_KEY(hp.slidingWindow, keys.u32("attention.sliding_window"));
    // Period of the layer pattern, default 2 (even layers windowed). llama.cpp reads it only
    // as a scalar and silently keeps the default when the file stores an array; so does Ponder.
    uint32_t period = 2;
    const gguf::Value* pattern = keys.file().find(keys.key("attention.sliding_window_pattern"));
    if (pattern && pattern->type != gguf::ValueType::Array) PONDER_KEY(period, keys.u32("attention.sliding_window_pattern"));
    hp.swaLayer.assign(hp.nLayer, 0);
    for (uint32_t l = 0; l < hp.nLayer; ++l) hp.swaLayer[l] = period == 0 || l % period < period - 1;
    PONDER_KEY(hp.ropeFreqBaseSwa, keys.f32("rope.freq_base_swa", hp.ropeFreqBase));

    if (!hp.isMoe()) return hparamError(hp, "expert_count must be > 0");
    if (hp.slidingWindow == 0) return hparamError(hp, "attention.sliding_window must be > 0");
    // llama.cpp sizes q/k/v/o by rope.dimension_count, so head sizes must all equal it.
    if (hp.headDimK != hp.nRot || hp.headDimV != hp.nRot) {
        return hparamError(hp, "key_length, value_length and rope.dimension_count must be equal");
    }
    for (uint32_t l = 1; l < hp.nLayer; ++l) {
        if (hp.nHead[l] != hp.nHead[0] || hp.nHeadKv[l] != hp.nHeadKv[0]) return hparamError(hp, "per-layer head counts differ");
    }
    return {};
}

void bindLayer(WeightBinder& b, const HyperParams& hp, uint32_t l, LayerWeights& L) {
    const uint64_t nE = hp.nEmbd, d = hp.nRot;
    const uint64_t nQ = hp.nHead[0] * d, nK = hp.nHeadKv[0] * d;
    L.attnNorm = b.vector(layerTensor(l, "attn_norm.weight"), nE);
    L.ffnNorm = b.vector(layerTensor(l, "post_attention_norm.weight"), nE);
    bindQkvProjections(b, l, nE, nQ, nK, nK, L);
    L.wo = b.matrix(layerTensor(l, "attn_output.weight"), nQ, nE);
    L.bo = b.vector(layerTensor(l, "attn_output.bias"), nE);
    L.sinks = b.vector(layerTensor(l, "attn_sinks.weight"), hp.nHead[0]);

    const uint64_t nX = hp.nExpert, F = hp.nFfExp;
    L.router = b.matrix(layerTensor(l, "ffn_gate_inp.weight"), nE, nX);
    L.routerB = b.vector(layerTensor(l, "ffn_gate_inp.bias"), nX);
    L.gateExps = b.experts(layerTensor(l, "ffn_gate_exps.weight"), nE, F, nX);
    L.upExps = b.experts(layerTensor(l, "ffn_up_exps.weight"), nE, F, nX);
    L.downExps = b.experts(layerTensor(l, "ffn_down_exps.weight"), F, nE, nX);
    L.gateExpsB = b.expertBiases(layerTensor(l, "ffn_gate_exps.bias"), F, nX);
    L.upExpsB = b.expertBiases(layerTensor(l, "ffn_up_exps.bias"), F, nX);
    L.downExpsB = b.expertBiases(layerTensor(l, "ffn_down_exps.bias"), nE, nX);
}

void bindWeights(WeightBinder& b, const HyperParams& hp, ModelWeights& w) {
    const uint64_t nE = hp.nEmbd, nV = hp.nVocab;
    w.tokEmbd = b.matrix("token_embd.weight", nE, nV);
    w.outputNorm = b.vector("output_norm.weight", nE);
    w.output = b.matrix("output.weight", nE, nV);  // required: gpt-oss has no tied fallback
    w.layers.resize(hp.nLayer);
    for (uint32_t l = 0; l < hp.nLayer; ++l) bindLayer(b, hp, l, w.layers[l]);
}

Result<void> forward(const ForwardContext& ctx, std::span<const int32_t> tokens, uint32_t startPos, float* logits) {
    const ModelData& m = ctx.model;
    const HyperParams& hp = m.hp;
    const size_t T = tokens.size(), nEmbd = hp.nEmbd, d = hp.nRot;
    const size_t nHead = hp.nHead[0], nKv = hp.nHeadKv[0], nQ = nHead * d, nK = nKv * d;
    const unsigned threads = ctx.threads;
    const cpu::RopeParams ropeFull = blocks::ropeParams(hp, m.weights, false);
    const cpu::RopeParams ropeSwa = blocks::ropeParams(hp, m.weights, true);

    std::vector<float> x(T * nEmbd);  // [T][n_embd] residual stream
    std::vector<float> h(T * nEmbd);  // [T][n_embd] normalised input of a sub-block
    std::vector<float> y(T * nEmbd);  // [T][n_embd] output of a sub-block
    PONDER_TRY(blocks::embed(m, tokens, x.data()));

    for (uint32_t l = 0; l < hp.nLayer; ++l) {
        const LayerWeights& L = m.weights.layers[l];
        const bool swa = hp.swaLayer[l] != 0;
        const cpu::RopeParams& rope = swa ? ropeSwa : ropeFull;

        blocks::rmsNormRows(x.data(), L.attnNorm, h.data(), T, nEmbd, hp.normEps);
        std::vector<float> q(T * nQ), k(T * nK), v(T * nK);  // [T][n_head*d], [T][n_kv*d], [T][n_kv*d]
        PONDER_TRY(blocks::linear(L.wq, L.bq, h.data(), T, q.data(), threads));
        PONDER_TRY(blocks::linear(L.wk, L.bk, h.data(), T, k.data(), threads));
        PONDER_TRY(blocks::linear(L.wv, L.bv, h.data(), T, v.data(), threads));
        for (size_t t = 0; t < T; ++t) {
            const int32_t pos = int32_t(startPos + t);
            cpu::rope(q.data() + t * nQ, nHead, d, pos, rope);
            cpu::rope(k.data() + t * nK, nKv, d, pos, rope);
            ctx.cache.store(l, uint32_t(pos), k.data() + t * nK, v.data() + t * nK);
        }

        cpu::AttentionParams ap;
        ap.nHead = uint32_t(nHead);
        ap.nHeadKv = uint32_t(nKv);
        ap.headDimK = ap.headDimV = uint32_t(d);
        ap.kqScale = 1.0f / std::sqrt(float(d));
        // llama.cpp's "standard" window: a key is visible while pq - pk < n_swa. The cache
        // keeps every position, so dropping old rows (llama.cpp's smaller SWA cache) is only
        // a memory optimisation here.
        ap.window = swa ? hp.slidingWindow : 0;
        ap.sinks = L.sinks.data();
        std::vector<float> att(T * nQ);  // [T][n_head*d] concatenated head outputs
        cpu::attention(q.data(), T, startPos, ctx.cache.keys(l), ctx.cache.values(l), ap, att.data(), threads);
        PONDER_TRY(blocks::linear(L.wo, L.bo, att.data(), T, y.data(), threads));
        for (size_t i = 0; i < x.size(); ++i) x[i] += y[i];

        blocks::rmsNormRows(x.data(), L.ffnNorm, h.data(), T, nEmbd, hp.normEps);
        PONDER_TRY(blocks::moeFfn(L, blocks::routingParams(hp, L), blocks::ExpertActivation::SwigluOai, h.data(), T,
                                  nEmbd, y.data(), threads));
        for (size_t i = 0; i < x.size(); ++i) x[i] += y[i];
    }
    return blocks::finishForward(ctx, x.data(), T, logits);
}

#undef PONDER_KEY

}  // namespace

extern const ArchSpec kArchGptOss = {"gpt-oss", Architecture::GptOss, loadHParams, bindWeights, standardKvShape, forward};

}  // namespace ponder::model
