#include "model/blocks.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "model/weights.h"

namespace ponder::model::blocks {

Result<void> linear(const cpu::Matrix& w, const std::vector<float>& bias, const float* x, size_t nTokens,
                    float* y, unsigned threads) {
    PONDER_TRY(cpu::matmul(w, x, w.cols, nTokens, y, w.rows, threads));
    if (!bias.empty()) {
        for (size_t t = 0; t < nTokens; ++t) {
            for (size_t r = 0; r < w.rows; ++r) y[t * w.rows + r] += bias[r];
        }
    }
    return {};
}

Result<void> embed(const ModelData& m, std::span<const int32_t> tokens, float* x) {
    const auto& hp = m.hp;
    for (size_t t = 0; t < tokens.size(); ++t) {
        const int32_t id = tokens[t];
        if (id < 0 || uint32_t(id) >= m.weights.tokEmbd.rows) {
            return makeError(ErrorCode::InvalidArgument, "token id " + std::to_string(id) + " is outside the vocabulary (" +
                                                             std::to_string(m.weights.tokEmbd.rows) + " tokens)");
        }
        PONDER_TRY(cpu::dequantizeRow(m.weights.tokEmbd, size_t(id), x + t * hp.nEmbd));
        if (hp.embeddingScale != 0.0f) {
            for (size_t i = 0; i < hp.nEmbd; ++i) x[t * hp.nEmbd + i] *= hp.embeddingScale;
        }
    }
    return {};
}

void rmsNormRows(const float* x, const std::vector<float>& w, float* y, size_t nTokens, size_t n, float eps) {
    for (size_t t = 0; t < nTokens; ++t) cpu::rmsNorm(x + t * n, w.empty() ? nullptr : w.data(), y + t * n, n, eps);
}

Result<void> denseFfn(const cpu::Matrix& gate, const cpu::Matrix& up, const cpu::Matrix& down,
                      const std::vector<float>& gateB, const std::vector<float>& upB,
                      const std::vector<float>& downB, const float* h, size_t nTokens, float* out,
                      unsigned threads) {
    const size_t nFf = up.rows;
    std::vector<float> g(nTokens * nFf), u(nTokens * nFf);  // [T][n_ff] each
    PONDER_TRY(linear(gate, gateB, h, nTokens, g.data(), threads));
    PONDER_TRY(linear(up, upB, h, nTokens, u.data(), threads));
    cpu::swiglu(g.data(), u.data(), g.size());
    return linear(down, downB, g.data(), nTokens, out, threads);
}

namespace {

// gpt-oss's clamped SwiGLU (engine-spec.md 2.6): the gate is clamped from above only, the
// linear branch on both sides and shifted by one.
void swigluOai(float* gate, const float* up, size_t n) {
    constexpr float kAlpha = 1.702f, kLimit = 7.0f;
    for (size_t i = 0; i < n; ++i) {
        const float g = std::min(gate[i], kLimit);
        const float u = std::clamp(up[i], -kLimit, kLimit);
        gate[i] = g / (1.0f + std::exp(-kAlpha * g)) * (u + 1.0f);
    }
}

}  // namespace

Result<void> moeFfn(const LayerWeights& L, const cpu::RoutingParams& routing, ExpertActivation act,
                    const float* h, size_t nTokens, size_t nEmbd, float* out, unsigned threads) {
    const size_t nE = routing.nExpert, k = routing.nExpertUsed;
    std::vector<float> logits(nTokens * nE);  // [T][n_expert]
    PONDER_TRY(linear(L.router, L.routerB, h, nTokens, logits.data(), threads));
    std::vector<int32_t> ids(nTokens * k);    // [T][k]
    std::vector<float> weights(nTokens * k);  // [T][k]
    for (size_t t = 0; t < nTokens; ++t) {
        cpu::routeExperts(logits.data() + t * nE, routing, ids.data() + t * k, weights.data() + t * k);
    }

    // Run each expert once over all the tokens that chose it, so its rows are dequantized
    // once per batch; every dot product is independent of the grouping.
    std::vector<float> slotOut(nTokens * k * nEmbd);  // [T][k][n_embd] expert outputs
    const size_t nFf = L.upExps.first.rows;
    for (size_t e = 0; e < nE; ++e) {
        std::vector<size_t> slots;  // indices t*k + slot that picked e
        for (size_t i = 0; i < nTokens * k; ++i) {
            if (size_t(ids[i]) == e) slots.push_back(i);
        }
        if (slots.empty()) continue;
        const size_t n = slots.size();
        std::vector<float> x(n * nEmbd);  // [n][n_embd] inputs of the tokens routed here
        for (size_t j = 0; j < n; ++j) std::copy_n(h + (slots[j] / k) * nEmbd, nEmbd, x.data() + j * nEmbd);
        std::vector<float> g(n * nFf), u(n * nFf), d(n * nEmbd);  // [n][n_ff], [n][n_ff], [n][n_embd]
        PONDER_TRY(cpu::matmul(L.upExps.expert(e), x.data(), nEmbd, n, u.data(), nFf, threads));
        PONDER_TRY(cpu::matmul(L.gateExps.expert(e), x.data(), nEmbd, n, g.data(), nFf, threads));
        for (size_t j = 0; j < n; ++j) {
            for (size_t r = 0; r < nFf; ++r) {
                if (L.upExpsB) u[j * nFf + r] += L.upExpsB.expert(e)[r];
                if (L.gateExpsB) g[j * nFf + r] += L.gateExpsB.expert(e)[r];
            }
        }
        if (act == ExpertActivation::SwigluOai) swigluOai(g.data(), u.data(), g.size());
        else cpu::swiglu(g.data(), u.data(), g.size());
        PONDER_TRY(cpu::matmul(L.downExps.expert(e), g.data(), nFf, n, d.data(), nEmbd, threads));
        for (size_t j = 0; j < n; ++j) {
            for (size_t r = 0; r < nEmbd; ++r) {
                float v = d[j * nEmbd + r];
                if (L.downExpsB) v += L.downExpsB.expert(e)[r];
                slotOut[slots[j] * nEmbd + r] = v;
            }
        }
    }
    for (size_t t = 0; t < nTokens; ++t) {
        for (size_t r = 0; r < nEmbd; ++r) {
            float acc = 0.0f;
            for (size_t s = 0; s < k; ++s) acc += weights[t * k + s] * slotOut[(t * k + s) * nEmbd + r];
            out[t * nEmbd + r] = acc;
        }
    }
    return {};
}

Result<void> outputHead(const ModelData& m, const float* x, size_t nTokens, float* logits, unsigned threads) {
    const auto& hp = m.hp;
    std::vector<float> normed(nTokens * hp.nEmbd);  // [T][n_embd]
    rmsNormRows(x, m.weights.outputNorm, normed.data(), nTokens, hp.nEmbd, hp.normEps);
    PONDER_TRY(linear(m.weights.output, m.weights.outputB, normed.data(), nTokens, logits, threads));
    if (hp.logitScale != 0.0f) {
        const float inv = 1.0f / hp.logitScale;  // llama.cpp scales by the reciprocal
        for (size_t i = 0; i < nTokens * size_t(hp.nVocab); ++i) logits[i] *= inv;
    }
    return {};
}

Result<void> finishForward(const ForwardContext& ctx, const float* x, size_t nTokens, float* logits) {
    const ModelData& m = ctx.model;
    if (ctx.hiddenOut) {
        rmsNormRows(x, m.weights.outputNorm, ctx.hiddenOut, nTokens, m.hp.nEmbd, m.hp.normEps);
        return {};
    }
    return outputHead(m, x, nTokens, logits, ctx.threads);
}

cpu::RopeParams ropeParams(const HyperParams& hp, const ModelWeights& w, bool swa) {
    cpu::RopeParams p;
    p.type = hp.ropeType;
    p.nRot = hp.nRot;
    p.freqBase = swa ? hp.ropeFreqBaseSwa : hp.ropeFreqBase;
    p.freqScale = hp.ropeFreqScale;
    p.extFactor = hp.yarnExtFactor;
    p.attnFactor = hp.yarnAttnFactor;
    p.betaFast = hp.yarnBetaFast;
    p.betaSlow = hp.yarnBetaSlow;
    p.nCtxOrig = hp.nCtxOrigYarn;
    p.freqFactors = w.ropeFreqs.empty() ? nullptr : w.ropeFreqs.data();
    return p;
}

cpu::RoutingParams routingParams(const HyperParams& hp, const LayerWeights& L) {
    cpu::RoutingParams r;
    r.nExpert = hp.nExpert;
    r.nExpertUsed = hp.nExpertUsed;
    r.gating = hp.gating;
    r.normWeights = hp.expertWeightsNorm;
    r.weightScale = hp.expertWeightsScale;
    r.nGroups = hp.nExpertGroups;
    r.nGroupUsed = hp.nGroupUsed;
    r.selectionBias = L.expProbsB.empty() ? nullptr : L.expProbsB.data();
    return r;
}

}  // namespace ponder::model::blocks
