// `deepseek2`: DeepSeek-V2, V2-Lite, V2.5, V3, R1 and their clones (engine-spec.md 2.5).
// Multi-head latent attention (MLA) with or without a low-rank query, YaRN with DeepSeek's
// softmax scale, leading dense layers, routed experts plus shared experts.
//
// Two GGUF flavours exist and llama.cpp computes them differently, so Ponder does too:
// * MLA files (current converter: key_length_mla/value_length_mla present, attn_k_b and
//   attn_v_b): the "absorbed" form. attn_k_b is folded into the query, attention runs as MQA
//   over a cache row [c_kv (c) | k_pe (r)], and attn_v_b decompresses each head's latent
//   output afterwards. The cache stores only that one row per position.
// * Legacy files (attn_kv_b): the "naive" form. attn_kv_b expands c_kv into per-head K and V
//   and attention is plain MHA over a cache of decompressed K and V.
#include <cmath>
#include <string>
#include <vector>

#include "cpu/attention.h"
#include "model/blocks.h"

namespace ponder::model {

namespace {

#define PONDER_KEY(dst, expr)       \
    do {                            \
        auto r_ = (expr);           \
        if (!r_) return r_.error(); \
        dst = *r_;                  \
    } while (0)

// Head geometry shared by the binder and the forward pass. kMla/vMla are the per-head
// query/key and value sizes "after decompression"; in MLA files key_length/value_length
// describe the latent cache row instead (c + r and c).
struct MlaDims {
    uint32_t nHead = 0;
    uint32_t rope = 0;   // r: rotated tail of each query head and of the shared k_pe
    uint32_t kMla = 0;   // n + r
    uint32_t nope = 0;   // n
    uint32_t vMla = 0;   // v
    uint32_t c = 0;      // kv_lora_rank
    uint32_t qr = 0;     // q_lora_rank (0: plain attn_q)
    bool absorbed = false;
};

MlaDims dimsOf(const HyperParams& hp) {
    MlaDims d;
    d.nHead = hp.nHead[0];
    d.rope = hp.nRot;
    d.absorbed = hp.headDimKMla != 0 && hp.headDimVMla != 0;
    d.kMla = d.absorbed ? hp.headDimKMla : hp.headDimK;
    d.vMla = d.absorbed ? hp.headDimVMla : hp.headDimV;
    d.nope = d.kMla - d.rope;  // validated > 0 at load
    d.c = hp.kvLoraRank;
    d.qr = hp.qLoraRank;
    return d;
}

Result<void> readGating(const KeyReader& keys, HyperParams& hp) {
    uint32_t gating = 0;
    PONDER_KEY(gating, keys.u32("expert_gating_func", 0));
    if (gating == 0) {
        // Old V2/V2.5 files carry no gating key and mean softmax; llama.cpp makes one
        // exception for GLM-4.7-Lite (47/48 layers, vocabulary 154880), which is sigmoid.
        const bool glmLite = (hp.nLayer == 47 || hp.nLayer == 48) && hp.nVocab == 154880;
        hp.gating = glmLite ? ExpertGating::Sigmoid : ExpertGating::Softmax;
        return {};
    }
    if (gating > uint32_t(ExpertGating::SqrtSoftplus)) {
        return hparamError(hp, "unknown expert_gating_func " + std::to_string(gating));
    }
    hp.gating = ExpertGating(gating);
    return {};
}

Result<void> loadHParams(const KeyReader& keys, HyperParams& hp) {
    hp.ropeType = RopeType::Norm;  // DeepSeek's original weights are already pair-interleaved
    hp.qkNorm = QkNorm::None;

    // llama.cpp's "lite" rule decides whether q_lora_rank is read at all: for 26/27 layers (or
    // 48 layers with a 128256-token vocabulary) the key is ignored even when present and the
    // file must hold attn_q. llama.cpp sizes the vocabulary from vocab_size when present.
    uint32_t nVocab = hp.nVocab;
    PONDER_KEY(nVocab, keys.u32("vocab_size", hp.nVocab));
    const bool lite = hp.nLayer == 27 || hp.nLayer == 26 || (hp.nLayer == 48 && nVocab == 128256);
    if (!lite) PONDER_KEY(hp.qLoraRank, keys.u32("attention.q_lora_rank"));
    PONDER_KEY(hp.kvLoraRank, keys.u32("attention.kv_lora_rank"));
    PONDER_KEY(hp.headDimKMla, keys.u32("attention.key_length_mla", 0));
    PONDER_KEY(hp.headDimVMla, keys.u32("attention.value_length_mla", 0));
    PONDER_KEY(hp.nLeadingDense, keys.u32("leading_dense_block_count", 0));
    std::vector<uint32_t> ffExp;
    PONDER_KEY(ffExp, keys.perLayer("expert_feed_forward_length", hp.nLayer, {}));
    for (uint32_t v : ffExp) {
        // llama.cpp sizes every MoE layer by layer 0's width; differing widths would not load.
        if (v != ffExp[0]) return hparamError(hp, "per-layer expert_feed_forward_length values differ");
    }
    hp.nFfExp = ffExp[0];
    PONDER_KEY(hp.nExpertShared, keys.u32("expert_shared_count"));
    PONDER_KEY(hp.expertWeightsScale, keys.f32("expert_weights_scale", 0.0f));
    PONDER_KEY(hp.expertWeightsNorm, keys.boolean("expert_weights_norm", false));
    PONDER_TRY(readGating(keys, hp));
    float logMul = 0.0f;
    PONDER_KEY(logMul, keys.f32("rope.scaling.yarn_log_multiplier", 0.0f));
    hp.yarnLogMultiplier = logMul / 0.1f;  // the converter wrote 0.1 * mscale_all_dim
    float tempScale = 0.0f;
    PONDER_KEY(tempScale, keys.f32("attention.temperature_scale", 0.0f));
    if (tempScale != 0.0f) {
        return makeError(ErrorCode::Unsupported, "deepseek2 model: attention temperature scaling (Mistral-Large-3 style) "
                                                 "is not supported");
    }

    // Structural checks: llama.cpp asserts these in its graph; here they are load errors.
    for (uint32_t l = 1; l < hp.nLayer; ++l) {
        if (hp.nHead[l] != hp.nHead[0] || hp.nHeadKv[l] != hp.nHeadKv[0]) {
            return hparamError(hp, "per-layer head counts differ");
        }
    }
    if ((hp.headDimKMla == 0) != (hp.headDimVMla == 0)) {
        return hparamError(hp, "key_length_mla and value_length_mla must be both present or both absent");
    }
    if (hp.kvLoraRank == 0) return hparamError(hp, "attention.kv_lora_rank must be > 0");
    // Ceilings far above any released model keep the sums below (c + r, n + v) from wrapping.
    constexpr uint32_t kMaxRank = 1u << 20;
    if (hp.kvLoraRank > kMaxRank || hp.qLoraRank > kMaxRank || hp.headDimKMla > kMaxRank || hp.headDimVMla > kMaxRank ||
        hp.nRot > kMaxRank) {
        return hparamError(hp, "a low-rank or MLA head size is out of range");
    }
    const MlaDims d = dimsOf(hp);
    if (d.rope == 0 || d.rope % 2 != 0 || d.rope >= d.kMla) {
        return hparamError(hp, "rope.dimension_count " + std::to_string(d.rope) +
                                   " must be even and smaller than the query/key head size " + std::to_string(d.kMla));
    }
    if (d.vMla == 0) return hparamError(hp, "the value head size is zero");
    if (d.absorbed) {
        // The cache row is [latent | rope] shared by all heads (MQA), as the keys describe.
        if (hp.nHeadKv[0] != 1 || hp.headDimK != d.c + d.rope || hp.headDimV != d.c) {
            return hparamError(hp, "MLA file needs head_count_kv 1, key_length kv_lora_rank + rope dims and "
                                   "value_length kv_lora_rank");
        }
    } else if (hp.nHeadKv[0] != hp.nHead[0]) {
        return hparamError(hp, "a deepseek2 file without MLA keys needs head_count_kv == head_count");
    }
    if (hp.nLeadingDense > hp.nLayer) return hparamError(hp, "leading_dense_block_count exceeds block_count");
    for (uint32_t l = 0; l < hp.nLeadingDense; ++l) {
        if (hp.nFf[l] == 0) return hparamError(hp, "feed_forward_length is zero in dense layer " + std::to_string(l));
    }
    if (hp.nLeadingDense < hp.nLayer) {
        if (hp.nExpert == 0 || hp.nExpertUsed == 0) return hparamError(hp, "MoE layers need expert_count and expert_used_count > 0");
        if (hp.nExpertShared == 0) return hparamError(hp, "expert_shared_count must be > 0 (the shared expert is required)");
        hp.nFfShexp = hp.nFfExp * hp.nExpertShared;
    }
    return {};
}

void bindLayer(WeightBinder& b, const HyperParams& hp, const MlaDims& d, uint32_t l, LayerWeights& L) {
    const uint64_t nE = hp.nEmbd, H = d.nHead;
    L.attnNorm = b.vector(layerTensor(l, "attn_norm.weight"), nE);
    if (d.qr > 0) {
        L.qANorm = b.vector(layerTensor(l, "attn_q_a_norm.weight"), d.qr);
        L.wqA = b.matrix(layerTensor(l, "attn_q_a.weight"), nE, d.qr);
        L.wqB = b.matrix(layerTensor(l, "attn_q_b.weight"), d.qr, H * d.kMla);
    } else {
        L.wq = b.matrix(layerTensor(l, "attn_q.weight"), nE, H * d.kMla);
    }
    L.kvANorm = b.vector(layerTensor(l, "attn_kv_a_norm.weight"), d.c);
    L.wkvAMqa = b.matrix(layerTensor(l, "attn_kv_a_mqa.weight"), nE, uint64_t(d.c) + d.rope);
    if (d.absorbed) {
        // One [n, c] and one [c, v] matrix per head: the binder's expert stacks fit exactly
        // (not routed weights, so they count as always active).
        L.kB = b.experts(layerTensor(l, "attn_k_b.weight"), d.nope, d.c, H, true, false);
        L.vB = b.experts(layerTensor(l, "attn_v_b.weight"), d.c, d.vMla, H, true, false);
    } else {
        L.wkvB = b.matrix(layerTensor(l, "attn_kv_b.weight"), d.c, H * (uint64_t(d.nope) + d.vMla));
    }
    L.wo = b.matrix(layerTensor(l, "attn_output.weight"), H * d.vMla, nE);
    L.ffnNorm = b.vector(layerTensor(l, "ffn_norm.weight"), nE);
    if (l < hp.nLeadingDense) {
        L.ffnGate = b.matrix(layerTensor(l, "ffn_gate.weight"), nE, hp.nFf[l]);
        L.ffnUp = b.matrix(layerTensor(l, "ffn_up.weight"), nE, hp.nFf[l]);
        L.ffnDown = b.matrix(layerTensor(l, "ffn_down.weight"), hp.nFf[l], nE);
        return;
    }
    const uint64_t nX = hp.nExpert, F = hp.nFfExp;
    L.router = b.matrix(layerTensor(l, "ffn_gate_inp.weight"), nE, nX);
    L.expProbsB = b.vector(layerTensor(l, "exp_probs_b.bias"), nX, false);
    L.downExps = b.experts(layerTensor(l, "ffn_down_exps.weight"), F, nE, nX);
    const std::string merged = layerTensor(l, "ffn_gate_up_exps.weight");
    if (b.has(merged)) {
        // [n_embd, 2 n_ff, E]: per expert the gate rows come first, then the up rows. Two
        // views with the merged expert stride select them without copying.
        const ExpertMatrices gu = b.experts(merged, nE, 2 * F, nX);
        if (gu) {
            L.gateExps = gu;
            L.gateExps.first.rows = F;
            L.upExps = L.gateExps;
            L.upExps.first.data = gu.first.data + F * gu.first.rowBytes;
        }
    } else {
        L.gateExps = b.experts(layerTensor(l, "ffn_gate_exps.weight"), nE, F, nX);
        L.upExps = b.experts(layerTensor(l, "ffn_up_exps.weight"), nE, F, nX);
    }
    L.gateShexp = b.matrix(layerTensor(l, "ffn_gate_shexp.weight"), nE, hp.nFfShexp);
    L.upShexp = b.matrix(layerTensor(l, "ffn_up_shexp.weight"), nE, hp.nFfShexp);
    L.downShexp = b.matrix(layerTensor(l, "ffn_down_shexp.weight"), hp.nFfShexp, nE);
}

void bindWeights(WeightBinder& b, const HyperParams& hp, ModelWeights& w) {
    const uint64_t nE = hp.nEmbd, nV = hp.nVocab;
    w.tokEmbd = b.matrix("token_embd.weight", nE, nV);
    w.outputNorm = b.vector("output_norm.weight", nE);
    w.output = b.matrix("output.weight", nE, nV, false);
    if (!w.output) {
        w.output = w.tokEmbd;  // tied embeddings (no released DeepSeek does this, llama.cpp allows it)
        w.tiedOutput = true;
    }
    const MlaDims d = dimsOf(hp);
    w.layers.resize(hp.nLayer);
    for (uint32_t l = 0; l < hp.nLayer; ++l) bindLayer(b, hp, d, l, w.layers[l]);
}

KvShape kvShape(const HyperParams& hp, uint32_t layer) {
    const MlaDims d = dimsOf(hp);
    // MLA: one latent row [c_kv | k_pe] per position, no V rows (V is a view of its first c).
    if (d.absorbed) return {size_t(d.c) + d.rope, 0};
    return standardKvShape(hp, layer);
}

// llama.cpp's softmax scale (engine-spec.md 2.5.4): it first undoes the context's YaRN
// magnitude correction, then squares DeepSeek's mscale; d_qk = n + r in both flavours.
float kqScaleOf(const HyperParams& hp, const MlaDims& d) {
    const float logS = std::log(1.0f / hp.ropeFreqScale);
    const float attnFactorOrg = hp.yarnAttnFactor * (1.0f + 0.1f * logS);
    const float mscale = attnFactorOrg * (1.0f + 0.1f * hp.yarnLogMultiplier * logS);
    return mscale * mscale / std::sqrt(float(d.kMla));
}

// Attention of one layer for T tokens. q: [T][H][n + r] (rope part already rotated),
// kva: [T][c + r] (normalised latent, rotated k_pe). Writes out [T][H * v].
Result<void> mlaAttention(const ForwardContext& ctx, uint32_t l, const MlaDims& d, const float* q, const float* kva,
                          size_t T, uint32_t startPos, float* out) {
    const HyperParams& hp = ctx.model.hp;
    const LayerWeights& L = ctx.model.weights.layers[l];
    const unsigned threads = ctx.threads;
    const size_t H = d.nHead, kRow = size_t(d.c) + d.rope;
    cpu::AttentionParams ap;
    ap.nHead = uint32_t(H);
    ap.kqScale = kqScaleOf(hp, d);

    if (d.absorbed) {
        for (size_t t = 0; t < T; ++t) ctx.cache.store(l, uint32_t(startPos + t), kva + t * kRow, nullptr);
        std::vector<float> qa(T * H * kRow);  // [T][H][c + r] absorbed queries: [q_nope W_UK | q_pe]
        for (size_t h = 0; h < H; ++h) {
            PONDER_TRY(cpu::matmul(L.kB.expert(h), q + h * d.kMla, H * d.kMla, T, qa.data() + h * kRow, H * kRow,
                                   threads));
        }
        for (size_t t = 0; t < T; ++t) {
            for (size_t h = 0; h < H; ++h) {
                const float* pe = q + (t * H + h) * d.kMla + d.nope;
                std::copy(pe, pe + d.rope, qa.data() + (t * H + h) * kRow + d.c);
            }
        }
        // MQA over the latent rows; the values are the first c elements of the same rows.
        ap.nHeadKv = 1;
        ap.headDimK = uint32_t(kRow);
        ap.headDimV = d.c;
        std::vector<float> lat(T * H * d.c);  // [T][H][c] per-head latent outputs
        const cpu::KvRows rows = ctx.cache.keys(l);
        cpu::attention(qa.data(), T, startPos, rows, rows, ap, lat.data(), threads);
        for (size_t h = 0; h < H; ++h) {  // decompress: o_h = W_UV[h] * lat_h
            PONDER_TRY(cpu::matmul(L.vB.expert(h), lat.data() + h * d.c, H * d.c, T, out + h * d.vMla, H * d.vMla,
                                   threads));
        }
        return {};
    }

    // Naive: kv [T][H][n + v] = attn_kv_b * c_kv (read with the kva row stride).
    const size_t kvw = size_t(d.nope) + d.vMla;
    std::vector<float> kv(T * H * kvw);
    PONDER_TRY(cpu::matmul(L.wkvB, kva, kRow, T, kv.data(), H * kvw, threads));
    std::vector<float> k(H * d.kMla), v(H * d.vMla);  // one position: [H][n + r], [H][v]
    for (size_t t = 0; t < T; ++t) {
        for (size_t h = 0; h < H; ++h) {
            const float* src = kv.data() + (t * H + h) * kvw;
            std::copy(src, src + d.nope, k.data() + h * d.kMla);
            std::copy(kva + t * kRow + d.c, kva + t * kRow + kRow, k.data() + h * d.kMla + d.nope);  // shared k_pe
            std::copy(src + d.nope, src + kvw, v.data() + h * d.vMla);
        }
        ctx.cache.store(l, uint32_t(startPos + t), k.data(), v.data());
    }
    ap.nHeadKv = uint32_t(H);
    ap.headDimK = d.kMla;
    ap.headDimV = d.vMla;
    cpu::attention(q, T, startPos, ctx.cache.keys(l), ctx.cache.values(l), ap, out, threads);
    return {};
}

Result<void> forward(const ForwardContext& ctx, std::span<const int32_t> tokens, uint32_t startPos, float* logits) {
    const ModelData& m = ctx.model;
    const HyperParams& hp = m.hp;
    const MlaDims d = dimsOf(hp);
    const size_t T = tokens.size(), nEmbd = hp.nEmbd, H = d.nHead;
    const size_t qw = H * d.kMla, kRow = size_t(d.c) + d.rope;
    const unsigned threads = ctx.threads;
    const cpu::RopeParams rope = blocks::ropeParams(hp, m.weights);

    std::vector<float> x(T * nEmbd);  // [T][n_embd] residual stream
    std::vector<float> h(T * nEmbd);  // [T][n_embd] normalised input of a sub-block
    std::vector<float> y(T * nEmbd);  // [T][n_embd] output of a sub-block
    PONDER_TRY(blocks::embed(m, tokens, x.data()));

    for (uint32_t l = 0; l < hp.nLayer; ++l) {
        const LayerWeights& L = m.weights.layers[l];
        blocks::rmsNormRows(x.data(), L.attnNorm, h.data(), T, nEmbd, hp.normEps);

        std::vector<float> q(T * qw);  // [T][H][n + r]
        if (d.qr > 0) {
            std::vector<float> qa(T * d.qr);  // [T][q_r] compressed query
            PONDER_TRY(blocks::linear(L.wqA, {}, h.data(), T, qa.data(), threads));
            blocks::rmsNormRows(qa.data(), L.qANorm, qa.data(), T, d.qr, hp.normEps);
            PONDER_TRY(blocks::linear(L.wqB, {}, qa.data(), T, q.data(), threads));
        } else {
            PONDER_TRY(blocks::linear(L.wq, {}, h.data(), T, q.data(), threads));
        }
        std::vector<float> kva(T * kRow);  // [T][c + r]: compressed KV, then the shared k_pe
        PONDER_TRY(blocks::linear(L.wkvAMqa, {}, h.data(), T, kva.data(), threads));

        std::vector<float> cs(d.rope);  // cos/sin table of one position
        for (size_t t = 0; t < T; ++t) {
            cpu::ropeCache(int32_t(startPos + t), rope, cs.data());
            // Only the trailing r elements of each query head and k_pe rotate (NORM pairs).
            for (size_t hh = 0; hh < H; ++hh) cpu::ropeApply(q.data() + (t * H + hh) * d.kMla + d.nope, d.rope, cs.data(), rope);
            cpu::ropeApply(kva.data() + t * kRow + d.c, d.rope, cs.data(), rope);
            cpu::rmsNorm(kva.data() + t * kRow, L.kvANorm.data(), kva.data() + t * kRow, d.c, hp.normEps);
        }

        std::vector<float> att(T * H * d.vMla);  // [T][H * v] concatenated head outputs
        PONDER_TRY(mlaAttention(ctx, l, d, q.data(), kva.data(), T, startPos, att.data()));
        PONDER_TRY(blocks::linear(L.wo, {}, att.data(), T, y.data(), threads));
        for (size_t i = 0; i < x.size(); ++i) x[i] += y[i];

        blocks::rmsNormRows(x.data(), L.ffnNorm, h.data(), T, nEmbd, hp.normEps);
        if (l < hp.nLeadingDense) {
            PONDER_TRY(blocks::denseFfn(L.ffnGate, L.ffnUp, L.ffnDown, {}, {}, {}, h.data(), T, y.data(), threads));
        } else {
            PONDER_TRY(blocks::moeFfn(L, blocks::routingParams(hp, L), blocks::ExpertActivation::SiluGated, h.data(), T,
                                      nEmbd, y.data(), threads));
            std::vector<float> shared(T * nEmbd);  // [T][n_embd] shared experts' output
            PONDER_TRY(blocks::denseFfn(L.gateShexp, L.upShexp, L.downShexp, {}, {}, {}, h.data(), T, shared.data(),
                                        threads));
            for (size_t i = 0; i < y.size(); ++i) y[i] += shared[i];
        }
        for (size_t i = 0; i < x.size(); ++i) x[i] += y[i];
    }
    return blocks::finishForward(ctx, x.data(), T, logits);
}

#undef PONDER_KEY

}  // namespace

extern const ArchSpec kArchDeepseek2 = {"deepseek2", Architecture::Deepseek2, loadHParams, bindWeights, kvShape,
                                        forward};

}  // namespace ponder::model
