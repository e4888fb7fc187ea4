// The expert-grouped product of MoE prompts: groupExperts (moe_group.comp) lists each
// expert's (token, slot) pairs, matmulId (matmul.comp with MATMUL_ID) multiplies every
// expert's weights with the tile of its tokens. matvecId (kernels.cpp) stays the decode path.
#include <algorithm>
#include <string>

#include "common/push_constants.h"
#include "vk/kernels.h"
#include "vk/kernels_internal.h"

namespace ponder::vk {

using namespace detail;

Result<void> groupExperts(Kernels& k, Batch& b, const ExpertSelection& sel, uint32_t nExpert, BufferSpan groups) {
    if (sel.nUsed == 0 || sel.nTokens == 0 || !sel.ids.buffer || nExpert == 0 || !groups.buffer) {
        return makeError(ErrorCode::InvalidArgument, "groupExperts: empty selection or no groups buffer");
    }
    if (nExpert > k.maxGroupsX) return makeError(ErrorCode::InvalidArgument, "groupExperts: too many experts");
    if (groups.range() < expertGroupsElements(nExpert, sel.nTokens) * sizeof(uint32_t)) {
        return makeError(ErrorCode::InvalidArgument, "groupExperts: groups buffer too small");
    }
    auto pipe = k.pipeline("moe_group", 2, sizeof(GroupPush), {k.tuning.rowWorkgroup});
    if (!pipe) return pipe.error();
    GroupPush push{};
    push.nExpert = nExpert;
    push.nUsed = sel.nUsed;
    push.nTokens = sel.nTokens;
    const BufferSpan bindings[] = {sel.ids, groups};
    return b.dispatch(**pipe, bindings, &push, {nExpert, 1, 1});
}

Result<void> matmulId(Kernels& k, Batch& b, const WeightView& w, BufferSpan x, const ExpertSelection& sel,
                      BufferSpan groups, BufferSpan y) {
    auto rowBytes = checkWeight(w);
    if (!rowBytes) return rowBytes.error();
    if (sel.nUsed == 0 || sel.nTokens == 0 || !sel.ids.buffer || !groups.buffer) {
        return makeError(ErrorCode::InvalidArgument, "expert selection is empty");
    }
    if (groups.range() < expertGroupsElements(w.experts, sel.nTokens) * sizeof(uint32_t)) {
        return makeError(ErrorCode::InvalidArgument, "matmulId: groups buffer too small for the experts");
    }
    // The tiling by the average number of tokens per expert.
    const KernelTuning& tuning = k.tuning;
    const uint64_t perExpert = ceilDiv(uint64_t(sel.nTokens) * sel.nUsed, w.experts);
    const MatmulTiles& t = perExpert >= tuning.matmulIdWideFrom ? tuning.matmulIdWide : tuning.matmulIdNarrow;
    auto pipe = matmulPipeline(k, "matmul_id_", w.type, 5, t);
    if (!pipe) return pipe.error();
    const uint32_t rowTiles = ceilDiv(w.rows, t.m), colTiles = ceilDiv(sel.nTokens, t.n);
    if (rowTiles > k.maxGroupsX || colTiles > k.maxGroupsYZ) {
        return makeError(ErrorCode::InvalidArgument, "matmulId: too many rows or tokens for one dispatch");
    }
    auto split = splitExperts(k, w, *rowBytes);
    if (!split) return split.error();
    const uint64_t expertBytes = split->expertBytes;
    // One dispatch per bound part: grid z covers exactly the part's experts.
    for (const WeightPart& p : split->parts) {
        for (uint32_t first = 0; first < p.count; first += k.maxGroupsYZ) {
            const uint32_t n = std::min(p.count - first, k.maxGroupsYZ);
            MatmulPush push{};
            push.K = w.cols;
            push.M = w.rows;
            push.N = sel.nTokens;
            push.wOffset = static_cast<uint32_t>(p.residue + first * expertBytes);
            push.rowBytes = static_cast<uint32_t>(*rowBytes);
            push.xStride = sel.inputPerSlot ? w.cols * sel.nUsed : w.cols;
            push.yStride = w.rows;
            push.yOffset = 0;
            push.expertBytes = static_cast<uint32_t>(expertBytes);
            push.expertBegin = p.first + first;
            push.nUsed = sel.nUsed;
            push.xSlotStride = sel.inputPerSlot ? w.cols : 0;
            push.listOffset = w.experts;
            push.listStride = sel.nTokens;
            push.useWeights = sel.weights.buffer ? 1u : 0u;
            const BufferSpan bindings[] = {p.span, x, y, groups, orDummy(sel.weights, groups)};
            auto r = b.dispatch(**pipe, bindings, &push, {rowTiles, colTiles, n});
            if (!r) return r;
        }
    }
    return {};
}

}  // namespace ponder::vk
