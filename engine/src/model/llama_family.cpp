#include "model/llama_family.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "cpu/attention.h"
#include "model/blocks.h"

namespace ponder::model {

namespace {

// Splits a fused attn_qkv matrix into its three row ranges (q rows, then k, then v).
cpu::Matrix rowRange(const cpu::Matrix& m, size_t first, size_t count) {
    cpu::Matrix r = m;
    r.data = m.data ? m.data + first * m.rowBytes : nullptr;
    r.rows = count;
    return r;
}

}  // namespace

void bindQkvProjections(WeightBinder& b, uint32_t l, uint64_t nE, uint64_t nQ, uint64_t nK, uint64_t nV,
                        LayerWeights& L) {
    if (b.has(layerTensor(l, "attn_qkv.weight"))) {
        const cpu::Matrix qkv = b.matrix(layerTensor(l, "attn_qkv.weight"), nE, nQ + nK + nV);
        L.wq = rowRange(qkv, 0, nQ);
        L.wk = rowRange(qkv, nQ, nK);
        L.wv = rowRange(qkv, nQ + nK, nV);
        const auto bias = b.vector(layerTensor(l, "attn_qkv.bias"), nQ + nK + nV, false);
        if (!bias.empty()) {
            L.bq.assign(bias.begin(), bias.begin() + nQ);
            L.bk.assign(bias.begin() + nQ, bias.begin() + nQ + nK);
            L.bv.assign(bias.begin() + nQ + nK, bias.end());
        }
    } else {
        L.wq = b.matrix(layerTensor(l, "attn_q.weight"), nE, nQ);
        L.wk = b.matrix(layerTensor(l, "attn_k.weight"), nE, nK);
        L.wv = b.matrix(layerTensor(l, "attn_v.weight"), nE, nV);
        L.bq = b.vector(layerTensor(l, "attn_q.bias"), nQ, false);
        L.bk = b.vector(layerTensor(l, "attn_k.bias"), nK, false);
        L.bv = b.vector(layerTensor(l, "attn_v.bias"), nV, false);
    }
}

namespace {

void bindAttention(WeightBinder& b, const HyperParams& hp, uint32_t l, LayerWeights& L, const LlamaFamilyTensors& opt) {
    const uint64_t nE = hp.nEmbd, nQ = uint64_t(hp.nHead[l]) * hp.headDimK;
    const uint64_t nK = uint64_t(hp.nHeadKv[l]) * hp.headDimK, nV = uint64_t(hp.nHeadKv[l]) * hp.headDimV;
    L.attnNorm = b.vector(layerTensor(l, "attn_norm.weight"), nE);
    bindQkvProjections(b, l, nE, nQ, nK, nV, L);
    L.wo = b.matrix(layerTensor(l, "attn_output.weight"), uint64_t(hp.nHead[l]) * hp.headDimV, nE);
    if (opt.attnOutBias) L.bo = b.vector(layerTensor(l, "attn_output.bias"), nE, false);
    if (hp.qkNorm == QkNorm::PerHead) {
        L.qNorm = b.vector(layerTensor(l, "attn_q_norm.weight"), hp.headDimK);
        L.kNorm = b.vector(layerTensor(l, "attn_k_norm.weight"), hp.headDimK);
    } else if (hp.qkNorm == QkNorm::Full) {
        L.qNorm = b.vector(layerTensor(l, "attn_q_norm.weight"), nQ);
        L.kNorm = b.vector(layerTensor(l, "attn_k_norm.weight"), nK);
    }
}

void bindFfn(WeightBinder& b, const HyperParams& hp, uint32_t l, LayerWeights& L, const LlamaFamilyTensors& opt) {
    const uint64_t nE = hp.nEmbd;
    L.ffnNorm = b.vector(layerTensor(l, "ffn_norm.weight"), nE);
    if (!hp.isMoe()) {
        const uint64_t nFf = hp.nFf[l];
        if (nFf == 0) b.fail(hparamError(hp, "feed_forward_length is zero in layer " + std::to_string(l)));
        L.ffnGate = b.matrix(layerTensor(l, "ffn_gate.weight"), nE, nFf);
        L.ffnUp = b.matrix(layerTensor(l, "ffn_up.weight"), nE, nFf);
        L.ffnDown = b.matrix(layerTensor(l, "ffn_down.weight"), nFf, nE);
        if (opt.denseFfnBiases) {
            L.ffnGateB = b.vector(layerTensor(l, "ffn_gate.bias"), nFf, false);
            L.ffnUpB = b.vector(layerTensor(l, "ffn_up.bias"), nFf, false);
            L.ffnDownB = b.vector(layerTensor(l, "ffn_down.bias"), nE, false);
        }
        return;
    }
    const uint64_t nX = hp.nExpert, nFf = hp.nFfExp;
    L.router = b.matrix(layerTensor(l, "ffn_gate_inp.weight"), nE, nX);
    L.gateExps = b.experts(layerTensor(l, "ffn_gate_exps.weight"), nE, nFf, nX);
    L.upExps = b.experts(layerTensor(l, "ffn_up_exps.weight"), nE, nFf, nX);
    L.downExps = b.experts(layerTensor(l, "ffn_down_exps.weight"), nFf, nE, nX);
    if (hp.nFfShexp > 0) {
        L.gateShexp = b.matrix(layerTensor(l, "ffn_gate_shexp.weight"), nE, hp.nFfShexp);
        L.upShexp = b.matrix(layerTensor(l, "ffn_up_shexp.weight"), nE, hp.nFfShexp);
        L.downShexp = b.matrix(layerTensor(l, "ffn_down_shexp.weight"), hp.nFfShexp, nE);
    }
}

}  // namespace

Result<void> validateLlamaFamily(const HyperParams& hp) {
    // llama.cpp asserts these in the graph; here they are load-time errors.
    if (hp.headDimK != hp.headDimV) return hparamError(hp, "key and value head sizes differ");
    if (hp.ropeEnabled && hp.nRot != hp.headDimK) {
        return hparamError(hp, "rope.dimension_count " + std::to_string(hp.nRot) + " differs from the head size " +
                                   std::to_string(hp.headDimK));
    }
    return {};
}

void bindLlamaFamily(WeightBinder& b, const HyperParams& hp, ModelWeights& w, const LlamaFamilyTensors& opt) {
    const uint64_t nE = hp.nEmbd, nV = hp.nVocab;
    w.tokEmbd = b.matrix("token_embd.weight", nE, nV);
    w.outputNorm = b.vector("output_norm.weight", nE);
    w.output = b.matrix("output.weight", nE, nV, opt.outputRequired);
    if (!w.output && !opt.outputRequired) {
        w.output = w.tokEmbd;  // tied embeddings
        w.tiedOutput = true;
    }
    if (opt.outputBias) w.outputB = b.vector("output.bias", nV, false);
    if (opt.ropeFreqs) w.ropeFreqs = b.vector("rope_freqs.weight", hp.nRot / 2, false);
    w.layers.resize(hp.nLayer);
    for (uint32_t l = 0; l < hp.nLayer; ++l) {
        bindAttention(b, hp, l, w.layers[l], opt);
        bindFfn(b, hp, l, w.layers[l], opt);
    }
}

Result<void> forwardLlamaFamily(const ForwardContext& ctx, std::span<const int32_t> tokens, uint32_t startPos,
                                float* logits) {
    const ModelData& m = ctx.model;
    const HyperParams& hp = m.hp;
    const size_t T = tokens.size(), nEmbd = hp.nEmbd, hd = hp.headDimK;
    const unsigned threads = ctx.threads;
    const cpu::RopeParams rope = blocks::ropeParams(hp, m.weights);

    std::vector<float> x(T * nEmbd);    // [T][n_embd] residual stream
    std::vector<float> h(T * nEmbd);    // [T][n_embd] normalised input of a sub-block
    std::vector<float> y(T * nEmbd);    // [T][n_embd] output of a sub-block
    PONDER_TRY(blocks::embed(m, tokens, x.data()));

    for (uint32_t l = 0; l < hp.nLayer; ++l) {
        const LayerWeights& L = m.weights.layers[l];
        const size_t nHead = hp.nHead[l], nKv = hp.nHeadKv[l];
        const size_t nQ = nHead * hd, nK = nKv * hd;

        blocks::rmsNormRows(x.data(), L.attnNorm, h.data(), T, nEmbd, hp.normEps);
        std::vector<float> q(T * nQ), k(T * nK), v(T * nK);  // [T][n_head*d], [T][n_kv*d], [T][n_kv*d]
        PONDER_TRY(blocks::linear(L.wq, L.bq, h.data(), T, q.data(), threads));
        PONDER_TRY(blocks::linear(L.wk, L.bk, h.data(), T, k.data(), threads));
        PONDER_TRY(blocks::linear(L.wv, L.bv, h.data(), T, v.data(), threads));
        if (hp.qkNorm == QkNorm::PerHead) {
            blocks::rmsNormRows(q.data(), L.qNorm, q.data(), T * nHead, hd, hp.normEps);
            blocks::rmsNormRows(k.data(), L.kNorm, k.data(), T * nKv, hd, hp.normEps);
        } else if (hp.qkNorm == QkNorm::Full) {
            blocks::rmsNormRows(q.data(), L.qNorm, q.data(), T, nQ, hp.normEps);
            blocks::rmsNormRows(k.data(), L.kNorm, k.data(), T, nK, hp.normEps);
        }
        for (size_t t = 0; t < T; ++t) {
            const int32_t pos = int32_t(startPos + t);
            if (hp.ropeEnabled) {
                cpu::rope(q.data() + t * nQ, nHead, hd, pos, rope);
                cpu::rope(k.data() + t * nK, nKv, hd, pos, rope);
            }
            ctx.cache.store(l, uint32_t(pos), k.data() + t * nK, v.data() + t * nK);
        }

        cpu::AttentionParams ap;
        ap.nHead = uint32_t(nHead);
        ap.nHeadKv = uint32_t(nKv);
        ap.headDimK = ap.headDimV = uint32_t(hd);
        ap.kqScale = hp.attentionScale != 0.0f ? hp.attentionScale : 1.0f / std::sqrt(float(hd));
        std::vector<float> att(T * nQ);  // [T][n_head*d] concatenated head outputs
        cpu::attention(q.data(), T, startPos, ctx.cache.keys(l), ctx.cache.values(l), ap, att.data(), threads);
        PONDER_TRY(blocks::linear(L.wo, L.bo, att.data(), T, y.data(), threads));
        if (hp.residualScale != 0.0f) {
            for (auto& e : y) e *= hp.residualScale;
        }
        for (size_t i = 0; i < x.size(); ++i) x[i] += y[i];

        blocks::rmsNormRows(x.data(), L.ffnNorm, h.data(), T, nEmbd, hp.normEps);
        if (!hp.isMoe()) {
            PONDER_TRY(blocks::denseFfn(L.ffnGate, L.ffnUp, L.ffnDown, L.ffnGateB, L.ffnUpB, L.ffnDownB, h.data(), T,
                                        y.data(), threads));
        } else {
            PONDER_TRY(blocks::moeFfn(L, blocks::routingParams(hp, L), blocks::ExpertActivation::SiluGated, h.data(),
                                      T, nEmbd, y.data(), threads));
            if (L.upShexp) {
                std::vector<float> shared(T * nEmbd);  // [T][n_embd]
                PONDER_TRY(blocks::denseFfn(L.gateShexp, L.upShexp, L.downShexp, {}, {}, {}, h.data(), T,
                                            shared.data(), threads));
                for (size_t i = 0; i < y.size(); ++i) y[i] += shared[i];
            }
        }
        if (hp.residualScale != 0.0f) {
            for (auto& e : y) e *= hp.residualScale;
        }
        for (size_t i = 0; i < x.size(); ++i) x[i] += y[i];
    }
    return blocks::finishForward(ctx, x.data(), T, logits);
}

}  // namespace ponder::model
