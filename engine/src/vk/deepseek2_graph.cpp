// The deepseek2 layer (engine-spec.md 2.5) recorded as kernel dispatches: the steps of
// model/arch_deepseek2.cpp in the same order, so the two agree to rounding.
//
// Both GGUF flavours run as llama.cpp runs them:
// * absorbed MLA (attn_k_b/attn_v_b): each head's q_nope is multiplied by its attn_k_b
//   slice, attention is MQA over the latent cache row [c_kv | k_pe] (K head c + r, V head
//   c: the first c elements of the same row), and attn_v_b decompresses each head's latent
//   output. The per-head matrices are expert stacks, so the expert-routed products run them
//   with s.headIds "selecting" every head for every token (matvecId for decode, the
//   expert-grouped matmul for prompts).
// * legacy (attn_kv_b): c_kv is expanded to per-head K (with the shared k_pe appended) and V
//   and attention is plain MHA; K and V go straight into the cache as strided row copies.
#include <algorithm>
#include <cmath>

#include "vk/graph_common.h"

namespace ponder::vk::detail {

namespace {

struct MlaDims {
    uint32_t nHead = 0;
    uint32_t rope = 0;  // r
    uint32_t kMla = 0;  // n + r: query (and legacy key) head
    uint32_t nope = 0;  // n
    uint32_t vMla = 0;  // v
    uint32_t c = 0;     // kv_lora_rank
    uint32_t qr = 0;    // q_lora_rank (0: plain attn_q)
    bool absorbed = false;
    uint32_t kRow() const { return c + rope; }
};

MlaDims dimsOf(const HyperParams& hp) {
    MlaDims d;
    d.nHead = hp.nHead[0];
    d.rope = hp.nRot;
    d.absorbed = hp.headDimKMla != 0 && hp.headDimVMla != 0;
    d.kMla = d.absorbed ? hp.headDimKMla : hp.headDimK;
    d.vMla = d.absorbed ? hp.headDimVMla : hp.headDimV;
    d.nope = d.kMla - d.rope;
    d.c = hp.kvLoraRank;
    d.qr = hp.qLoraRank;
    return d;
}

// llama.cpp's softmax scale (engine-spec.md 2.5.4), computed in f32 as the CPU does.
float kqScaleOf(const HyperParams& hp, const MlaDims& d) {
    const float logS = std::log(1.0f / hp.ropeFreqScale);
    const float attnFactorOrg = hp.yarnAttnFactor * (1.0f + 0.1f * logS);
    const float mscale = attnFactorOrg * (1.0f + 0.1f * hp.yarnLogMultiplier * logS);
    return mscale * mscale / std::sqrt(float(d.kMla));
}

// Absorbed attention: q [T][H][n + r] in s.q, normalised latent rows [T][c + r] in s.k.
// Output [T][H][v] in s.g.
Result<void> absorbedAttention(const Graph& g, const GpuLayer& L, const MlaDims& d, uint32_t T, uint32_t startPos) {
    const Scratch& s = g.s;
    const uint32_t H = d.nHead, kRow = d.kRow();
    PONDER_TRY(copyElements(g, whole(s.k), 0, whole(L.kCache), startPos * kRow, T * kRow,
                            g.kvType == KvCacheType::F16));
    // q_nope packed [T][H][n] for the per-head products, which write [T][H][c] into s.g.
    PONDER_TRY(copyRows(g.k, g.b, whole(s.q), {0, d.kMla}, whole(s.v), {0, d.nope}, d.nope, T * H));
    ExpertSelection heads;
    heads.ids = whole(s.headIds);
    heads.nUsed = H;
    heads.nTokens = T;
    heads.inputPerSlot = true;
    // Every token selects every head: for prompts each head's matrix is then read once per
    // tile of tokens (the pair lists serve both products below).
    PONDER_TRY(groupForProduct(g, heads, H));
    PONDER_TRY(expertProduct(g, L.kB, whole(s.v), heads, whole(s.g)));
    // Absorbed queries [T][H][c + r] = [q_nope W_UK | q_pe] in s.att.
    PONDER_TRY(copyRows(g.k, g.b, whole(s.g), {0, d.c}, whole(s.att), {0, kRow}, d.c, T * H));
    PONDER_TRY(copyRows(g.k, g.b, whole(s.q), {d.nope, d.kMla}, whole(s.att), {d.c, kRow}, d.rope, T * H));

    AttentionConfig ac;
    ac.nHead = H;
    ac.nHeadKv = 1;
    ac.headDimK = kRow;
    ac.headDimV = d.c;
    ac.kStride = ac.vStride = kRow;  // V is the first c elements of each K row
    ac.kqScale = kqScaleOf(g.md.hp, d);
    ac.kvType = g.kvType;
    ac.nSplit = T == 1 ? 0 : 1;
    ac.scratch = whole(s.attnPartials);
    PONDER_TRY(attention(g.k, g.b, whole(s.att), whole(L.kCache), whole(L.kCache), whole(s.u), T, startPos, ac));
    // Decompress each head's latent output: [T][H][c] -> [T][H][v].
    return expertProduct(g, L.vB, whole(s.u), heads, whole(s.g));
}

// Legacy attention: q in s.q, latent rows in s.k. Output [T][H][v] in s.g.
Result<void> legacyAttention(const Graph& g, const GpuLayer& L, const MlaDims& d, uint32_t T, uint32_t startPos) {
    const Scratch& s = g.s;
    const uint32_t H = d.nHead, kRow = d.kRow(), kvw = d.nope + d.vMla;
    const uint32_t kCacheRow = H * d.kMla, vCacheRow = H * d.vMla;
    const bool f16 = g.kvType == KvCacheType::F16;
    // kv [T][H][n + v] = attn_kv_b c_kv (c_kv packed first: the projection reads whole rows).
    PONDER_TRY(copyRows(g.k, g.b, whole(s.k), {0, kRow}, whole(s.att), {0, d.c}, d.c, T));
    PONDER_TRY(linear(g, L.wkvB, {}, whole(s.att), whole(s.u), T));
    // Cache row of a position: K [H][n + r] (k_nope of the head, then the shared k_pe), V [H][v].
    PONDER_TRY(copyRows(g.k, g.b, whole(s.u), {0, kvw}, whole(L.kCache), {startPos * kCacheRow, d.kMla}, d.nope,
                        T * H, f16));
    for (uint32_t h = 0; h < H; ++h) {
        PONDER_TRY(copyRows(g.k, g.b, whole(s.k), {d.c, kRow}, whole(L.kCache),
                            {startPos * kCacheRow + h * d.kMla + d.nope, kCacheRow}, d.rope, T, f16));
    }
    PONDER_TRY(copyRows(g.k, g.b, whole(s.u), {d.nope, kvw}, whole(L.vCache), {startPos * vCacheRow, d.vMla}, d.vMla,
                        T * H, f16));

    AttentionConfig ac;
    ac.nHead = ac.nHeadKv = H;
    ac.headDimK = d.kMla;
    ac.headDimV = d.vMla;
    ac.kqScale = kqScaleOf(g.md.hp, d);
    ac.kvType = g.kvType;
    ac.nSplit = T == 1 ? 0 : 1;
    ac.scratch = whole(s.attnPartials);
    return attention(g.k, g.b, whole(s.q), whole(L.kCache), whole(L.vCache), whole(s.g), T, startPos, ac);
}

}  // namespace

Result<void> recordDeepseek2Layer(const Graph& g, uint32_t l, uint32_t T, uint32_t startPos) {
    const HyperParams& hp = g.md.hp;
    const GpuLayer& L = g.m.layers[l];
    const Scratch& s = g.s;
    const MlaDims d = dimsOf(hp);
    const uint32_t nEmbd = hp.nEmbd, H = d.nHead, kRow = d.kRow();

    PONDER_TRY(rmsNorm(g.k, g.b, whole(s.x), L.attnNorm, whole(s.h), nEmbd, T, hp.normEps));
    if (d.qr > 0) {
        PONDER_TRY(linear(g, L.wqA, {}, whole(s.h), whole(s.u), T));
        PONDER_TRY(rmsNorm(g.k, g.b, whole(s.u), L.qANorm, whole(s.u), d.qr, T, hp.normEps));
        PONDER_TRY(linear(g, L.wqB, {}, whole(s.u), whole(s.q), T));
    } else {
        PONDER_TRY(linear(g, L.wq, {}, whole(s.h), whole(s.q), T));
    }
    PONDER_TRY(linear(g, L.wkvAMqa, {}, whole(s.h), whole(s.k), T));  // [T][c + r]
    // Only the trailing r elements of each query head and of k_pe rotate; then c_kv is normalised.
    const RopeConfig rc = ropeConfig(g);
    PONDER_TRY(rope(g.k, g.b, whole(s.q), T, H, d.rope, int32_t(startPos), rc, H * d.kMla, d.kMla, d.nope));
    PONDER_TRY(rope(g.k, g.b, whole(s.k), T, 1, d.rope, int32_t(startPos), rc, kRow, kRow, d.c));
    PONDER_TRY(rmsNorm(g.k, g.b, whole(s.k), L.kvANorm, whole(s.k), d.c, T, hp.normEps, kRow, kRow));

    if (d.absorbed) PONDER_TRY(absorbedAttention(g, L, d, T, startPos));
    else PONDER_TRY(legacyAttention(g, L, d, T, startPos));
    PONDER_TRY(linear(g, L.wo, {}, whole(s.g), whole(s.y), T));
    PONDER_TRY(residual(g, T * nEmbd));

    PONDER_TRY(rmsNorm(g.k, g.b, whole(s.x), L.ffnNorm, whole(s.h), nEmbd, T, hp.normEps));
    if (l < hp.nLeadingDense) PONDER_TRY(denseFfn(g, L.ffnGate, L.ffnUp, L.ffnDown, {}, {}, {}, whole(s.y), T));
    else PONDER_TRY(moeFfn(g, L, T));
    return residual(g, T * nEmbd);
}

/// Scratch widths (floats per token) the deepseek2 layer needs beyond the llama layout.
DeepseekScratch deepseek2Scratch(const HyperParams& hp) {
    const MlaDims d = dimsOf(hp);
    const uint64_t H = d.nHead;
    DeepseekScratch z;
    z.q = H * d.kMla;
    z.kv = std::max<uint64_t>(d.kRow(), H * d.nope);
    z.att = H * std::max({d.kRow(), d.kMla, d.vMla, d.c});
    z.ffn = std::max({uint64_t(d.qr), H * d.c, H * d.vMla, H * (uint64_t(d.nope) + d.vMla)});
    z.headIds = d.absorbed ? H : 0;
    return z;
}

}  // namespace ponder::vk::detail
