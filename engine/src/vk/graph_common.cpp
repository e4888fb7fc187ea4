// The recording helpers of graph_common.h.
#include "vk/graph_common.h"

#include "common/push_constants.h"
#include "vk/kernels_internal.h"

namespace ponder::vk::detail {

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

RopeConfig ropeConfig(const Graph& g, bool swa) {
    const HyperParams& hp = g.md.hp;
    RopeConfig c;
    c.type = hp.ropeType;
    c.nRot = hp.nRot;
    c.freqBase = swa ? hp.ropeFreqBaseSwa : hp.ropeFreqBase;
    c.freqScale = hp.ropeFreqScale;
    c.extFactor = hp.yarnExtFactor;
    c.attnFactor = hp.yarnAttnFactor;
    c.betaFast = hp.yarnBetaFast;
    c.betaSlow = hp.yarnBetaSlow;
    c.nCtxOrig = hp.nCtxOrigYarn;
    c.freqFactors = g.m.ropeFreqs;
    return c;
}

// The expert-grouped matmul (each expert's weight tiles dequantized once per tile of its
// tokens) from this many (token, slot) pairs per expert on average; with fewer its tiles are
// mostly empty and matvecId (each chosen expert's rows once per token) is faster. Measured
// on lavapipe with tst_kernel_matmul_id's product (16 experts, top-4, grouping included):
// grouped/matvecId time 3.2-3.9x at 2-4 tokens (at most 1 pair per expert), 2x at 8, 1x at 16
// (4 per expert), 0.4x at 64.
namespace {

constexpr uint64_t kMinPairsPerExpert = 4;

bool grouped(const ExpertSelection& sel, uint32_t nExpert) {
    return sel.nTokens > 1 && uint64_t(sel.nTokens) * sel.nUsed >= kMinPairsPerExpert * nExpert;
}

}  // namespace

// y = the selected experts' W x: matmulId over the pairs groupExperts wrote into s.expGroups
// (prompts), matvecId for decode and short prompts.
Result<void> expertProduct(const Graph& g, const WeightView& w, BufferSpan x, const ExpertSelection& sel,
                           BufferSpan y) {
    if (grouped(sel, w.experts)) return matmulId(g.k, g.b, w, x, sel, whole(g.s.expGroups), y);
    return matvecId(g.k, g.b, w, x, sel, y);
}

// Groups the (token, slot) pairs of sel by expert when expertProduct will use them.
Result<void> groupForProduct(const Graph& g, const ExpertSelection& sel, uint32_t nExpert) {
    if (!grouped(sel, nExpert)) return {};
    return groupExperts(g.k, g.b, sel, nExpert, whole(g.s.expGroups));
}

namespace {

// x [T*k][rows] += bias[ids[t][s]]: an expert's output bias, gathered by id (get_rows on the
// F32 bias table) and added.
Result<void> addExpertBias(const Graph& g, const WeightView& bias, BufferSpan x, uint32_t T) {
    if (!bias.buffer) return {};
    const uint32_t pairs = T * g.md.hp.nExpertUsed;
    PONDER_TRY(getRows(g.k, g.b, bias, whole(g.s.ids), pairs, whole(g.s.expBias)));
    return eltwise(g.k, g.b, EltwiseOp::Add, x, whole(g.s.expBias), x, pairs * bias.cols);
}

// gpt-oss's experts (engine-spec.md 2.6): biases on gate, up and down, the clamped SwiGLU,
// and the routing weight applied after the down bias (in the slot sum), as the CPU does.
Result<void> biasedExperts(const Graph& g, const GpuLayer& L, uint32_t T) {
    const HyperParams& hp = g.md.hp;
    const Scratch& s = g.s;
    const uint32_t kUsed = hp.nExpertUsed;
    ExpertSelection sel;
    sel.ids = whole(s.ids);
    sel.nUsed = kUsed;
    sel.nTokens = T;
    PONDER_TRY(groupForProduct(g, sel, hp.nExpert));
    PONDER_TRY(expertProduct(g, L.upExps, whole(s.h), sel, whole(s.u)));
    PONDER_TRY(expertProduct(g, L.gateExps, whole(s.h), sel, whole(s.g)));
    PONDER_TRY(addExpertBias(g, L.upExpsB, whole(s.u), T));
    PONDER_TRY(addExpertBias(g, L.gateExpsB, whole(s.g), T));
    constexpr float kAlpha = 1.702f, kLimit = 7.0f;  // fixed by the architecture
    PONDER_TRY(eltwise(g.k, g.b, EltwiseOp::SwiGluOai, whole(s.g), whole(s.u), whole(s.g), T * kUsed * hp.nFfExp, 0,
                       kAlpha, kLimit));
    sel.inputPerSlot = true;
    PONDER_TRY(expertProduct(g, L.downExps, whole(s.g), sel, whole(s.expOut)));
    PONDER_TRY(addExpertBias(g, L.downExpsB, whole(s.expOut), T));
    return sumSlots(g.k, g.b, whole(s.expOut), whole(s.y), hp.nEmbd, kUsed, T, whole(s.weights));
}

}  // namespace

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
    if (L.downExpsB.buffer) return biasedExperts(g, L, T);

    ExpertSelection sel;
    sel.ids = whole(s.ids);
    sel.nUsed = kUsed;
    sel.nTokens = T;
    PONDER_TRY(groupForProduct(g, sel, hp.nExpert));
    g.b.barrier();
    g.b.autoBarrier = false;
    Result<void> r = [&]() -> Result<void> {
        PONDER_TRY(expertProduct(g, L.gateExps, whole(s.h), sel, whole(s.g)));
        return expertProduct(g, L.upExps, whole(s.h), sel, whole(s.u));
    }();
    g.b.autoBarrier = true;
    PONDER_TRY(r);
    g.b.barrier();
    PONDER_TRY(eltwise(g.k, g.b, EltwiseOp::SwiGlu, whole(s.g), whole(s.u), whole(s.g), T * kUsed * nFf));
    sel.weights = whole(s.weights);
    sel.inputPerSlot = true;
    PONDER_TRY(expertProduct(g, L.downExps, whole(s.g), sel, whole(s.expOut)));
    PONDER_TRY(sumSlots(g.k, g.b, whole(s.expOut), whole(s.y), hp.nEmbd, kUsed, T));
    if (L.upShexp.buffer) {
        PONDER_TRY(denseFfn(g, L.gateShexp, L.upShexp, L.downShexp, {}, {}, {}, whole(s.shared), T));
        PONDER_TRY(eltwise(g.k, g.b, EltwiseOp::Add, whole(s.y), whole(s.shared), whole(s.y), T * hp.nEmbd));
    }
    return {};
}

}  // namespace ponder::vk::detail
