// The llama family's forward pass (engine-spec.md 2.1-2.4, 2.7), and gpt-oss's (2.6: the
// same block with sinks, sliding windows and biased experts), recorded as kernel
// dispatches: the same steps, in the same order, as model/llama_family.cpp on the CPU, so
// the two agree to rounding. Decode (T == 1) uses the matvec kernels, prompts the tiled
// matmuls; routed experts always go through the expert-routed matvec, which reads only the
// selected experts' rows.
#include <cmath>

#include "common/push_constants.h"
#include "vk/graph_common.h"
#include "vk/kernels_internal.h"

namespace ponder::vk::detail {

namespace {

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
    // gpt-oss: windowed layers use their own RoPE base and see only the last `window` keys.
    const bool swa = !hp.swaLayer.empty() && hp.swaLayer[l] != 0;
    if (hp.ropeEnabled) {
        RopeConfig rc = ropeConfig(g, swa);
        rc.segStart = g.segStart;
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
    ac.window = swa ? hp.slidingWindow : 0;
    ac.sinks = L.sinks;
    // Decode splits the keys across workgroups (a single query row leaves a GPU idle);
    // prompt chunks have rows enough.
    ac.nSplit = T == 1 ? 0 : 1;
    ac.scratch = whole(s.attnPartials);
    ac.segStart = g.segStart;
    PONDER_TRY(attention(g.k, g.b, whole(s.q), whole(L.kCache), whole(L.vCache), whole(s.att), T, startPos, ac));
    PONDER_TRY(linear(g, L.wo, L.bo, whole(s.att), whole(s.y), T));
    return residual(g, T * nEmbd);
}

}  // namespace

bool graphSupports(Architecture arch) {
    switch (arch) {
    case Architecture::Llama:
    case Architecture::Qwen2:
    case Architecture::Qwen3:
    case Architecture::Qwen3Moe:
    case Architecture::Olmoe:
    case Architecture::GraniteMoe:
    case Architecture::Deepseek2:
    case Architecture::GptOss: return true;
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
    if (hp.arch == Architecture::Deepseek2) return recordDeepseek2Layer(g, l, T, startPos);
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
