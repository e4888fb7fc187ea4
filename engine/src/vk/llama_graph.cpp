// The llama family's forward pass (engine-spec.md 2.1-2.4, 2.7) recorded as kernel
// dispatches: the same steps, in the same order, as model/llama_family.cpp on the CPU, so
// the two agree to rounding. Decode (T == 1) uses the matvec kernels, prompts the tiled
// matmuls; routed experts always go through the expert-routed matvec, which reads only the
// selected experts' rows.
#include <cmath>

#include "common/push_constants.h"
#include "vk/kernels_internal.h"
#include "vk/runner_internal.h"

namespace ponder::vk::detail {

namespace {

BufferSpan whole(const Buffer& b) { return BufferSpan(b); }

// y [T][rows] = W x [T][cols] (+ bias): matvec for one token (bandwidth bound), the tiled
// matmul for several (each weight tile is reused across tokens).
Result<void> linear(const Graph& g, const WeightView& w, const BufferSpan& bias, BufferSpan x, BufferSpan y,
                    uint32_t T) {
    if (T == 1) PONDER_TRY(matvec(g.k, g.b, w, x, y, 1));
    else PONDER_TRY(matmul(g.k, g.b, w, x, y, T));
    if (bias.buffer) PONDER_TRY(eltwise(g.k, g.b, EltwiseOp::Add, y, bias, y, T * w.rows, w.rows));
    return {};
}

// out[outOffset + i] = a[aOffset + i] for i < n, with element offsets rather than bound
// offsets (rows of a KV cache or of the residual stream need not sit at an aligned byte
// offset); f16Out rounds to half (KV cache writes, like llama.cpp's F16 cache).
Result<void> copyElements(const Graph& g, BufferSpan a, uint32_t aOffset, BufferSpan out, uint32_t outOffset,
                          uint32_t n, bool f16Out) {
    auto pipe = g.k.pipeline(f16Out ? "eltwise_f16out" : "eltwise", 3, sizeof(EltwisePush),
                             {g.k.tuning.eltwiseWorkgroup});
    if (!pipe) return pipe.error();
    EltwisePush push{};
    push.n = n;
    push.op = static_cast<uint32_t>(EltwiseOp::Copy);
    push.aOffset = aOffset;
    push.outOffset = outOffset;
    const BufferSpan bindings[] = {a, a, out};
    return g.b.dispatch(**pipe, bindings, &push, wrapGroups(g.k, ceilDiv(n, g.k.tuning.eltwiseWorkgroup)));
}

// x += scale * y (Granite's residual scale; plain add otherwise). The CPU rounds y * scale
// first and then adds, as ADD_SCALED does.
Result<void> residual(const Graph& g, uint32_t n) {
    const float rs = g.md.hp.residualScale;
    if (rs != 0.0f) return eltwise(g.k, g.b, EltwiseOp::AddScaled, whole(g.s.x), whole(g.s.y), whole(g.s.x), n, 0, rs);
    return eltwise(g.k, g.b, EltwiseOp::Add, whole(g.s.x), whole(g.s.y), whole(g.s.x), n);
}

RopeConfig ropeConfig(const Graph& g) {
    const HyperParams& hp = g.md.hp;
    RopeConfig c;
    c.type = hp.ropeType;
    c.nRot = hp.nRot;
    c.freqBase = hp.ropeFreqBase;
    c.freqScale = hp.ropeFreqScale;
    c.extFactor = hp.yarnExtFactor;
    c.attnFactor = hp.yarnAttnFactor;
    c.betaFast = hp.yarnBetaFast;
    c.betaSlow = hp.yarnBetaSlow;
    c.nCtxOrig = hp.nCtxOrigYarn;
    c.freqFactors = g.m.ropeFreqs;
    return c;
}

Result<void> attentionBlock(const Graph& g, const GpuLayer& L, uint32_t l, uint32_t T, uint32_t startPos) {
    const HyperParams& hp = g.md.hp;
    const uint32_t nEmbd = hp.nEmbd, hd = hp.headDimK;
    const uint32_t nHead = hp.nHead[l], nKv = hp.nHeadKv[l];
    const uint32_t nQ = nHead * hd, nK = nKv * hd;
    const Scratch& s = g.s;

    PONDER_TRY(rmsNorm(g.k, g.b, whole(s.x), L.attnNorm, whole(s.h), nEmbd, T, hp.normEps));
    // Q, K and V read the same input and write different buffers: no barriers between them.
    g.b.barrier();
    g.b.autoBarrier = false;
    Result<void> r = [&]() -> Result<void> {
        if (T == 1) {
            PONDER_TRY(matvec(g.k, g.b, L.wq, whole(s.h), whole(s.q), 1));
            PONDER_TRY(matvec(g.k, g.b, L.wk, whole(s.h), whole(s.k), 1));
            PONDER_TRY(matvec(g.k, g.b, L.wv, whole(s.h), whole(s.v), 1));
        } else {
            PONDER_TRY(matmul(g.k, g.b, L.wq, whole(s.h), whole(s.q), T));
            PONDER_TRY(matmul(g.k, g.b, L.wk, whole(s.h), whole(s.k), T));
            PONDER_TRY(matmul(g.k, g.b, L.wv, whole(s.h), whole(s.v), T));
        }
        return {};
    }();
    g.b.autoBarrier = true;
    PONDER_TRY(r);
    g.b.barrier();
    if (L.bq.buffer) PONDER_TRY(eltwise(g.k, g.b, EltwiseOp::Add, whole(s.q), L.bq, whole(s.q), T * nQ, nQ));
    if (L.bk.buffer) PONDER_TRY(eltwise(g.k, g.b, EltwiseOp::Add, whole(s.k), L.bk, whole(s.k), T * nK, nK));
    if (L.bv.buffer) PONDER_TRY(eltwise(g.k, g.b, EltwiseOp::Add, whole(s.v), L.bv, whole(s.v), T * nK, nK));

    if (hp.qkNorm == QkNorm::PerHead) {
        PONDER_TRY(rmsNorm(g.k, g.b, whole(s.q), L.qNorm, whole(s.q), hd, T * nHead, hp.normEps));
        PONDER_TRY(rmsNorm(g.k, g.b, whole(s.k), L.kNorm, whole(s.k), hd, T * nKv, hp.normEps));
    } else if (hp.qkNorm == QkNorm::Full) {
        PONDER_TRY(rmsNorm(g.k, g.b, whole(s.q), L.qNorm, whole(s.q), nQ, T, hp.normEps));
        PONDER_TRY(rmsNorm(g.k, g.b, whole(s.k), L.kNorm, whole(s.k), nK, T, hp.normEps));
    }
    if (hp.ropeEnabled) {
        const RopeConfig rc = ropeConfig(g);
        PONDER_TRY(rope(g.k, g.b, whole(s.q), T, nHead, hd, int32_t(startPos), rc));
        PONDER_TRY(rope(g.k, g.b, whole(s.k), T, nKv, hd, int32_t(startPos), rc));
    }
    // The new positions' K and V rows into the cache (rounded to f16 for an F16 cache).
    const bool f16 = g.kvType == KvCacheType::F16;
    PONDER_TRY(copyElements(g, whole(s.k), 0, whole(L.kCache), startPos * nK, T * nK, f16));
    PONDER_TRY(copyElements(g, whole(s.v), 0, whole(L.vCache), startPos * nK, T * nK, f16));

    AttentionConfig ac;
    ac.nHead = nHead;
    ac.nHeadKv = nKv;
    ac.headDimK = ac.headDimV = hd;
    ac.kqScale = hp.attentionScale != 0.0f ? hp.attentionScale : 1.0f / std::sqrt(float(hd));
    ac.kvType = g.kvType;
    // Decode splits the keys across workgroups (a single query row leaves a GPU idle);
    // prompt chunks have rows enough.
    ac.nSplit = T == 1 ? 0 : 1;
    ac.scratch = whole(s.attnPartials);
    PONDER_TRY(attention(g.k, g.b, whole(s.q), whole(L.kCache), whole(L.vCache), whole(s.att), T, startPos, ac));
    PONDER_TRY(linear(g, L.wo, L.bo, whole(s.att), whole(s.y), T));
    return residual(g, T * nEmbd);
}

// Gated FFN y [T][n_embd] = down(silu(gate h + bg) * (up h + bu)) + bd.
Result<void> denseFfn(const Graph& g, const WeightView& gate, const WeightView& up, const WeightView& down,
                      const BufferSpan& gateB, const BufferSpan& upB, const BufferSpan& downB, BufferSpan out,
                      uint32_t T) {
    const Scratch& s = g.s;
    PONDER_TRY(linear(g, gate, gateB, whole(s.h), whole(s.g), T));
    PONDER_TRY(linear(g, up, upB, whole(s.h), whole(s.u), T));
    PONDER_TRY(eltwise(g.k, g.b, EltwiseOp::SwiGlu, whole(s.g), whole(s.u), whole(s.g), T * up.rows));
    return linear(g, down, downB, whole(s.g), out, T);
}

// Routed experts (engine-spec.md 2.0.6): router, routing, the k chosen experts' gate/up,
// SwiGLU, down weighted by the routing weight, then the slot-ordered sum.
Result<void> moeFfn(const Graph& g, const GpuLayer& L, uint32_t T) {
    const HyperParams& hp = g.md.hp;
    const Scratch& s = g.s;
    const uint32_t kUsed = hp.nExpertUsed, nFf = hp.nFfExp;
    PONDER_TRY(linear(g, L.router, L.routerB, whole(s.h), whole(s.routeLogits), T));
    RouteConfig rc;
    rc.nExpert = hp.nExpert;
    rc.nUsed = kUsed;
    rc.gating = hp.gating;
    rc.normWeights = hp.expertWeightsNorm;
    rc.weightScale = hp.expertWeightsScale;
    rc.nGroups = hp.nExpertGroups;
    rc.nGroupUsed = hp.nGroupUsed;
    rc.selectionBias = L.expProbsB;
    PONDER_TRY(moeRoute(g.k, g.b, whole(s.routeLogits), T, rc, whole(s.ids), whole(s.weights)));

    ExpertSelection sel;
    sel.ids = whole(s.ids);
    sel.nUsed = kUsed;
    sel.nTokens = T;
    g.b.barrier();
    g.b.autoBarrier = false;
    Result<void> r = [&]() -> Result<void> {
        PONDER_TRY(matvecId(g.k, g.b, L.gateExps, whole(s.h), sel, whole(s.g)));
        return matvecId(g.k, g.b, L.upExps, whole(s.h), sel, whole(s.u));
    }();
    g.b.autoBarrier = true;
    PONDER_TRY(r);
    g.b.barrier();
    PONDER_TRY(eltwise(g.k, g.b, EltwiseOp::SwiGlu, whole(s.g), whole(s.u), whole(s.g), T * kUsed * nFf));
    sel.weights = whole(s.weights);
    sel.inputPerSlot = true;
    PONDER_TRY(matvecId(g.k, g.b, L.downExps, whole(s.g), sel, whole(s.expOut)));
    PONDER_TRY(sumSlots(g.k, g.b, whole(s.expOut), whole(s.y), hp.nEmbd, kUsed, T));
    if (L.upShexp.buffer) {
        PONDER_TRY(denseFfn(g, L.gateShexp, L.upShexp, L.downShexp, {}, {}, {}, whole(s.shared), T));
        PONDER_TRY(eltwise(g.k, g.b, EltwiseOp::Add, whole(s.y), whole(s.shared), whole(s.y), T * hp.nEmbd));
    }
    return {};
}

}  // namespace

bool graphSupports(Architecture arch) {
    switch (arch) {
    case Architecture::Llama:
    case Architecture::Qwen2:
    case Architecture::Qwen3:
    case Architecture::Qwen3Moe:
    case Architecture::Olmoe:
    case Architecture::GraniteMoe: return true;
    default: return false;
    }
}

Result<void> recordEmbed(const Graph& g, uint32_t T) {
    const HyperParams& hp = g.md.hp;
    PONDER_TRY(getRows(g.k, g.b, g.m.tokEmbd, whole(g.s.tokens), T, whole(g.s.x)));
    if (hp.embeddingScale != 0.0f) {
        PONDER_TRY(eltwise(g.k, g.b, EltwiseOp::Scale, whole(g.s.x), {}, whole(g.s.x), T * hp.nEmbd, 0,
                           hp.embeddingScale));
    }
    return {};
}

Result<void> recordLayer(const Graph& g, uint32_t l, uint32_t T, uint32_t startPos) {
    const HyperParams& hp = g.md.hp;
    const GpuLayer& L = g.m.layers[l];
    PONDER_TRY(attentionBlock(g, L, l, T, startPos));
    PONDER_TRY(rmsNorm(g.k, g.b, whole(g.s.x), L.ffnNorm, whole(g.s.h), hp.nEmbd, T, hp.normEps));
    if (hp.isMoe()) PONDER_TRY(moeFfn(g, L, T));
    else PONDER_TRY(denseFfn(g, L.ffnGate, L.ffnUp, L.ffnDown, L.ffnGateB, L.ffnUpB, L.ffnDownB, whole(g.s.y), T));
    return residual(g, T * hp.nEmbd);
}

Result<void> recordOutput(const Graph& g, uint32_t T, bool lastOnly) {
    const HyperParams& hp = g.md.hp;
    const uint32_t rows = lastOnly ? 1 : T;
    if (lastOnly) {
        // Only the last position's row goes through the (large) output head.
        PONDER_TRY(copyElements(g, whole(g.s.x), (T - 1) * hp.nEmbd, whole(g.s.h), 0, hp.nEmbd, false));
        PONDER_TRY(rmsNorm(g.k, g.b, whole(g.s.h), g.m.outputNorm, whole(g.s.h), hp.nEmbd, 1, hp.normEps));
    } else {
        PONDER_TRY(rmsNorm(g.k, g.b, whole(g.s.x), g.m.outputNorm, whole(g.s.h), hp.nEmbd, T, hp.normEps));
    }
    PONDER_TRY(linear(g, g.m.output, g.m.outputB, whole(g.s.h), whole(g.s.logits), rows));
    if (hp.logitScale != 0.0f) {
        // The CPU multiplies by the reciprocal, as llama.cpp does.
        PONDER_TRY(eltwise(g.k, g.b, EltwiseOp::Scale, whole(g.s.logits), {}, whole(g.s.logits), rows * hp.nVocab, 0,
                           1.0f / hp.logitScale));
    }
    return {};
}

}  // namespace ponder::vk::detail
