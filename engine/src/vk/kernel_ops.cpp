// Row-wise and element-wise ops, routing and attention of the kernel layer (the weight
// products are in kernels.cpp).
#include <algorithm>
#include <cmath>
#include <string>

#include "common/push_constants.h"
#include "vk/kernels.h"
#include "vk/kernels_internal.h"

namespace ponder::vk {

using namespace detail;

namespace {

// YaRN correction dimension for one beta (ggml_rope_yarn_corr_dim), computed on the host in
// f32 exactly as the CPU reference does.
float yarnCorrDim(uint32_t nRot, uint32_t nCtxOrig, float beta, float base) {
    constexpr float kPi = 3.14159265358979323846f;
    return float(nRot) * std::log(float(nCtxOrig) / (beta * 2.0f * kPi)) / (2.0f * std::log(base));
}

}  // namespace

Result<void> rmsNorm(Kernels& k, Batch& b, BufferSpan x, BufferSpan weight, BufferSpan y, uint32_t n, uint32_t rows,
                     float eps, uint32_t xStride, uint32_t yStride) {
    auto pipe = k.pipeline("rms_norm", 3, sizeof(RowsPush), {k.tuning.rowWorkgroup});
    if (!pipe) return pipe.error();
    RowsPush push{};
    push.n = n;
    push.rows = rows;
    push.xStride = xStride ? xStride : n;
    push.yStride = yStride ? yStride : n;
    push.eps = eps;
    push.flags = weight.buffer ? 1u : 0u;
    const BufferSpan bindings[] = {x, orDummy(weight, x), y};
    return b.dispatch(**pipe, bindings, &push, wrapGroups(k, rows));
}

Result<void> softmax(Kernels& k, Batch& b, BufferSpan x, BufferSpan y, uint32_t n, uint32_t rows, float scale) {
    auto pipe = k.pipeline("softmax", 2, sizeof(RowsPush), {k.tuning.rowWorkgroup});
    if (!pipe) return pipe.error();
    RowsPush push{};
    push.n = n;
    push.rows = rows;
    push.xStride = n;
    push.yStride = n;
    push.eps = scale;
    const BufferSpan bindings[] = {x, y};
    return b.dispatch(**pipe, bindings, &push, wrapGroups(k, rows));
}

Result<void> rope(Kernels& k, Batch& b, BufferSpan data, uint32_t nTokens, uint32_t nHeads, uint32_t headDim,
                  int32_t pos0, const RopeConfig& cfg, uint32_t tokenStride, uint32_t headStride, uint32_t offset) {
    if (cfg.nRot == 0 || cfg.nRot % 2 != 0 || cfg.nRot > headDim) {
        return makeError(ErrorCode::InvalidArgument, "rope: nRot must be even and at most the head size");
    }
    auto pipe = k.pipeline("rope", 3, sizeof(RopePush), {k.tuning.eltwiseWorkgroup});
    if (!pipe) return pipe.error();
    RopePush push{};
    push.nTokens = nTokens;
    push.nHeads = nHeads;
    push.headDim = headDim;
    push.nRot = cfg.nRot;
    push.headStride = headStride ? headStride : headDim;
    push.tokenStride = tokenStride ? tokenStride : nHeads * push.headStride;
    push.pos0 = pos0;
    push.neox = cfg.type == RopeType::Neox ? 1u : 0u;
    push.freqBase = cfg.freqBase;
    push.freqScale = cfg.freqScale;
    push.extFactor = cfg.extFactor;
    push.attnFactor = cfg.attnFactor;
    if (cfg.extFactor != 0.0f) {
        // floor/ceil as ggml does (engine-spec.md 2.0.3), clamped to [0, nRot - 1].
        push.corrLow = std::max(0.0f, std::floor(yarnCorrDim(cfg.nRot, cfg.nCtxOrig, cfg.betaFast, cfg.freqBase)));
        push.corrHigh = std::min(float(cfg.nRot) - 1.0f,
                                 std::ceil(yarnCorrDim(cfg.nRot, cfg.nCtxOrig, cfg.betaSlow, cfg.freqBase)));
    }
    push.thetaScale = std::pow(cfg.freqBase, -2.0f / float(cfg.nRot));
    push.hasFreqFactors = cfg.freqFactors.buffer ? 1u : 0u;
    push.offset = offset;
    push.hasSegments = cfg.segStart.buffer ? 1u : 0u;
    const BufferSpan bindings[] = {data, orDummy(cfg.freqFactors, data), orDummy(cfg.segStart, data)};
    const uint64_t threads = uint64_t(nTokens) * nHeads * (cfg.nRot / 2);
    return b.dispatch(**pipe, bindings, &push, wrapGroups(k, ceilDiv(threads, k.tuning.eltwiseWorkgroup)));
}

Result<void> eltwise(Kernels& k, Batch& b, EltwiseOp op, BufferSpan a, BufferSpan bIn, BufferSpan out, uint32_t n,
                     uint32_t nb, float scale, float limit, bool outF16) {
    if (op == EltwiseOp::SumSlots || op == EltwiseOp::CopyRows) {
        return makeError(ErrorCode::InvalidArgument, "use sumSlots()/copyRows() for SumSlots/CopyRows");
    }
    auto pipe = k.pipeline(outF16 ? "eltwise_f16out" : "eltwise", 3, sizeof(EltwisePush), {k.tuning.eltwiseWorkgroup});
    if (!pipe) return pipe.error();
    EltwisePush push{};
    push.n = n;
    push.nb = nb;
    push.op = static_cast<uint32_t>(op);
    push.scale = scale;
    push.limit = limit;
    const BufferSpan bindings[] = {a, orDummy(bIn, a), out};
    return b.dispatch(**pipe, bindings, &push, wrapGroups(k, ceilDiv(n, k.tuning.eltwiseWorkgroup)));
}

Result<void> sumSlots(Kernels& k, Batch& b, BufferSpan y, BufferSpan out, uint32_t n, uint32_t nSlots, uint32_t nTokens,
                      BufferSpan weights) {
    auto pipe = k.pipeline("eltwise", 3, sizeof(EltwisePush), {k.tuning.eltwiseWorkgroup});
    if (!pipe) return pipe.error();
    EltwisePush push{};
    push.n = n * nTokens;
    push.nb = nSlots;
    push.op = weights.buffer ? PONDER_OP_SUM_SLOTS_WEIGHTED : static_cast<uint32_t>(EltwiseOp::SumSlots);
    push.inner = n;
    const BufferSpan bindings[] = {y, orDummy(weights, y), out};
    return b.dispatch(**pipe, bindings, &push, wrapGroups(k, ceilDiv(push.n, k.tuning.eltwiseWorkgroup)));
}

Result<void> copyRows(Kernels& k, Batch& b, BufferSpan a, RowSlice from, BufferSpan out, RowSlice to, uint32_t n,
                      uint32_t rows, bool outF16) {
    if (n == 0 || rows == 0) return {};
    auto pipe = k.pipeline(outF16 ? "eltwise_f16out" : "eltwise", 3, sizeof(EltwisePush), {k.tuning.eltwiseWorkgroup});
    if (!pipe) return pipe.error();
    EltwisePush push{};
    push.n = n * rows;
    push.op = static_cast<uint32_t>(EltwiseOp::CopyRows);
    push.inner = n;
    push.aOffset = from.offset;
    push.aStride = from.stride;
    push.outOffset = to.offset;
    push.outStride = to.stride;
    const BufferSpan bindings[] = {a, a, out};
    return b.dispatch(**pipe, bindings, &push, wrapGroups(k, ceilDiv(push.n, k.tuning.eltwiseWorkgroup)));
}

Result<void> moeRoute(Kernels& k, Batch& b, BufferSpan logits, uint32_t nTokens, const RouteConfig& cfg,
                      BufferSpan ids, BufferSpan weights) {
    constexpr uint32_t kMaxExperts = 512;
    if (cfg.nExpert == 0 || cfg.nExpert > kMaxExperts || cfg.nUsed == 0 || cfg.nUsed > 64 ||
        cfg.nUsed > cfg.nExpert || cfg.nGroups > 64 ||
        (cfg.nGroups > 1 && (cfg.nExpert % cfg.nGroups != 0 || cfg.nGroupUsed == 0 || cfg.nGroupUsed > cfg.nGroups))) {
        return makeError(ErrorCode::InvalidArgument, "moe routing: unsupported expert/group counts");
    }
    if (nTokens > k.maxGroupsX) return makeError(ErrorCode::InvalidArgument, "moe routing: too many tokens");
    // The group scores are computed by one thread per group.
    const uint32_t wg = std::max(k.tuning.rowWorkgroup, 64u);
    auto pipe = k.pipeline("moe_route", 4, sizeof(RoutePush), {wg, kMaxExperts});
    if (!pipe) return pipe.error();
    RoutePush push{};
    push.nExpert = cfg.nExpert;
    push.nUsed = cfg.nUsed;
    push.nTokens = nTokens;
    push.gating = static_cast<uint32_t>(cfg.gating);
    push.hasBias = cfg.selectionBias.buffer ? 1u : 0u;
    push.nGroups = cfg.nGroups;
    push.nGroupUsed = cfg.nGroupUsed;
    push.normWeights = cfg.normWeights ? 1u : 0u;
    push.weightScale = cfg.weightScale;
    push.logitStride = cfg.nExpert;
    const BufferSpan bindings[] = {logits, orDummy(cfg.selectionBias, logits), ids, weights};
    return b.dispatch(**pipe, bindings, &push, {nTokens, 1, 1});
}

uint64_t attentionScratchFloats(const AttentionConfig& cfg, uint32_t nTokens, uint32_t nSplit) {
    return nSplit > 1 ? uint64_t(nSplit) * nTokens * cfg.nHead * (cfg.headDimV + 2) : 0;
}

Result<void> attention(Kernels& k, Batch& b, BufferSpan q, BufferSpan kCache, BufferSpan vCache, BufferSpan out,
                       uint32_t nTokens, uint32_t startPos, const AttentionConfig& cfg) {
    if (cfg.nHeadKv == 0 || cfg.nHead % cfg.nHeadKv != 0 || cfg.headDimK == 0 || cfg.headDimV == 0 ||
        cfg.headDimK > 1024 || cfg.headDimV > 1024 || nTokens == 0) {
        return makeError(ErrorCode::InvalidArgument, "attention: bad head counts or sizes");
    }
    const KernelTuning& t = k.tuning;
    const uint32_t ratio = cfg.nHead / cfg.nHeadKv;
    const uint32_t kvBytes = cfg.kvType == KvCacheType::F16 ? 2 : 4;
    const uint32_t pad = cfg.kvType == KvCacheType::F16 ? 2 : 1;
    // Rows per workgroup: the query heads of one KV head (GQA shares each K/V load), then
    // several tokens for prompts; shrink until some key block fits shared memory.
    uint32_t hq = std::min(ratio, t.attnMaxRows);
    uint32_t tq = nTokens == 1 ? 1 : std::max(1u, t.attnMaxRows / hq);
    const auto sharedBytes = [&](uint32_t bc) {
        const uint32_t r = hq * tq;
        return 4 * r * cfg.headDimK + kvBytes * bc * (cfg.headDimK + pad + cfg.headDimV) + 4 * r * (bc + 4);
    };
    uint32_t bc = 0;
    for (;;) {
        for (uint32_t cand : {64u, 32u, 16u, 8u, 4u}) {
            if (t.attnKeyBlock && cand != t.attnKeyBlock) continue;
            if (sharedBytes(cand) <= k.device.info.maxSharedMemory) { bc = cand; break; }
        }
        if (bc) break;
        if (tq > 1) tq /= 2;
        else if (hq > 1) hq = (hq + 1) / 2;
        else return makeError(ErrorCode::Unsupported, "attention: head size too large for this device's shared memory");
    }
    const uint32_t kvLen = startPos + nTokens;
    const uint32_t gx = ceilDiv(nTokens, tq);
    const uint32_t gy = cfg.nHeadKv * ceilDiv(ratio, hq);
    // Decode with few heads leaves most of a GPU idle: split the keys so that about 128
    // workgroups run, each over at least 128 keys (only with a scratch buffer).
    uint32_t nSplit = cfg.nSplit;
    if (nSplit == 0) {
        nSplit = 1;
        if (cfg.scratch.buffer && gx * gy < 128) nSplit = std::clamp(std::min(128 / (gx * gy), kvLen / 128), 1u, 64u);
    }
    uint32_t splitKeys = ceilDiv(kvLen, nSplit);
    splitKeys = ceilDiv(splitKeys, bc) * bc;
    nSplit = ceilDiv(kvLen, splitKeys);
    if (nSplit > 1 && (!cfg.scratch.buffer ||
                       cfg.scratch.range() < attentionScratchFloats(cfg, nTokens, nSplit) * sizeof(float))) {
        return makeError(ErrorCode::InvalidArgument, "attention: split needs a scratch buffer of " +
                                                         std::to_string(attentionScratchFloats(cfg, nTokens, nSplit)) +
                                                         " floats");
    }
    if (gx > k.maxGroupsX || gy > k.maxGroupsYZ || nSplit > k.maxGroupsYZ) {
        return makeError(ErrorCode::InvalidArgument, "attention: grid too large");
    }

    auto pipe = k.pipeline(cfg.kvType == KvCacheType::F16 ? "flash_attn_f16" : "flash_attn_f32", 7, sizeof(AttnPush),
                           {t.attnWorkgroup, cfg.headDimK, cfg.headDimV, bc, hq, tq});
    if (!pipe) return pipe.error();
    AttnPush push{};
    push.nTokens = nTokens;
    push.startPos = startPos;
    push.nHead = cfg.nHead;
    push.nHeadKv = cfg.nHeadKv;
    push.qStride = cfg.nHead * cfg.headDimK;
    push.kHeadStride = cfg.kHeadStride ? cfg.kHeadStride : cfg.headDimK;
    push.vHeadStride = cfg.vHeadStride ? cfg.vHeadStride : cfg.headDimV;
    push.kStride = cfg.kStride ? cfg.kStride : cfg.nHeadKv * cfg.headDimK;
    push.vStride = cfg.vStride ? cfg.vStride : cfg.nHeadKv * cfg.headDimV;
    push.oStride = cfg.nHead * cfg.headDimV;
    push.kqScale = cfg.kqScale;
    push.window = cfg.window;
    push.hasSinks = cfg.sinks.buffer ? 1u : 0u;
    push.splitKeys = nSplit > 1 ? splitKeys : 0xFFFFFFFFu;
    push.nSplit = nSplit;
    push.hasSegments = cfg.segStart.buffer ? 1u : 0u;
    const BufferSpan scratch = orDummy(cfg.scratch, out);
    const BufferSpan bindings[] = {q, kCache, vCache, orDummy(cfg.sinks, q), out, scratch, orDummy(cfg.segStart, q)};
    if (auto r = b.dispatch(**pipe, bindings, &push, {gx, gy, nSplit}); !r) return r;
    if (nSplit == 1) return {};

    auto reduce = k.pipeline("attn_reduce", 3, sizeof(AttnReducePush), {std::min(t.rowWorkgroup, 128u)});
    if (!reduce) return reduce.error();
    AttnReducePush rp{};
    rp.nRows = nTokens * cfg.nHead;
    rp.nHead = cfg.nHead;
    rp.headDimV = cfg.headDimV;
    rp.nSplit = nSplit;
    rp.oStride = push.oStride;
    rp.hasSinks = push.hasSinks;
    const BufferSpan rb[] = {cfg.scratch, orDummy(cfg.sinks, cfg.scratch), out};
    b.barrier();  // the partials must be complete even when the caller turned autoBarrier off
    return b.dispatch(**reduce, rb, &rp, wrapGroups(k, rp.nRows));
}

}  // namespace ponder::vk
