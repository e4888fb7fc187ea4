// flash_attn.comp: fused causal attention over a KV cache with online softmax (flash
// attention), engine-spec.md 2.0.4: GQA/MQA (n_head_kv <= n_head), causal mask, sliding
// window, attention sinks (gpt-oss), split-KV for decode, and block-diagonal causal masks
// for several texts packed into one sequence (embedding batches).
// Purpose: one workgroup serves R = HQ * TQ query rows (TQ consecutive tokens x HQ query
//          heads that share one KV head), so each K/V block is loaded into shared memory once
//          for all of them. Per key block of BC positions: load K and V (coalesced along the
//          head dimension), scores for R x BC (row, key) pairs, per-row running max / sum
//          update (the online softmax), then each thread rescales and accumulates its share
//          of the R x DV output. Memory is O(block), never O(context).
//          With nSplit > 1 (grid z) each workgroup covers only splitKeys positions and
//          writes unnormalised partials (acc, max, sum) that attn_reduce.comp combines;
//          this keeps a GPU busy when decode has few heads.
// Variants: KV_F16: K/V cache in f16 (shared tiles in f16 too); default f32 cache.
// Bindings: 0 = q f32 [nTokens][qStride], head h at h * DK; 1 = K cache [pos][kStride],
//           KV head g at g * kHeadStride; 2 = V cache [pos][vStride] (g at g * vHeadStride;
//           MLA binds the K cache again: V is the first DV elements of a K row);
//           3 = sinks f32 [nHead] (read when hasSinks; not scaled, not masked);
//           4 = out f32 [nTokens][oStride], head h at h * DV; 5 = partials f32
//           [nSplit][nTokens * nHead][DV + 2] (nSplit > 1 only); 6 = segStart int32
//           [startPos + nTokens] (read when hasSegments): the first cache row of each row's
//           text, non-decreasing.
// Shapes:  grid x = ceil(nTokens / TQ), y = nHeadKv * ceil((nHead / nHeadKv) / HQ),
//          z = nSplit. Token t is at position startPos + t; the cache holds [0, startPos +
//          nTokens). Key j is visible to query position p iff j <= p and (window == 0 or
//          p - j < window) and, with segments, j >= segStart[p]: a packed text sees only its
//          own keys. A workgroup's key loop starts at the smallest segStart of its rows (its
//          first row's), so packed texts cost what they would alone plus at most TQ - 1 rows
//          of a neighbour's keys.
// Spec constants: 0 = workgroup size, 1 = DK (K head dim), 2 = DV (V head dim), 3 = BC (keys
//          per block), 4 = HQ, 5 = TQ. Shared memory: 4*R*DK + kvBytes*BC*(DK + pad + DV) +
//          4*R*(BC + 4); the host sizes BC to fit maxComputeSharedMemorySize.
#version 450
#extension GL_EXT_shader_16bit_storage : require
#extension GL_EXT_shader_explicit_arithmetic_types_float16 : require

#define PONDER_SELECT_PUSH PONDER_PUSH_ATTN
#include "push_constants.h"

layout(local_size_x_id = 0) in;
layout(constant_id = 1) const uint DK = 128;
layout(constant_id = 2) const uint DV = 128;
layout(constant_id = 3) const uint BC = 32;
layout(constant_id = 4) const uint HQ = 1;
layout(constant_id = 5) const uint TQ = 1;
const uint R = HQ * TQ;
const uint WG = gl_WorkGroupSize.x;

#ifdef KV_F16
#define KVT float16_t
#define KPAD 2u  // keeps the K tile row stride an odd number of 32-bit words
#else
#define KVT float
#define KPAD 1u
#endif
const uint KLD = DK + KPAD;
#define NEG_INF uintBitsToFloat(0xFF800000u)

layout(std430, binding = 0) readonly buffer Q { float qv[]; };
layout(std430, binding = 1) readonly buffer K { KVT kc[]; };
layout(std430, binding = 2) readonly buffer V { KVT vc[]; };
layout(std430, binding = 3) readonly buffer Sinks { float sinks[]; };
layout(std430, binding = 4) writeonly buffer O { float ov[]; };
layout(std430, binding = 5) writeonly buffer Part { float part[]; };
layout(std430, binding = 6) readonly buffer Seg { int segStart[]; };

shared float qs[R * DK];
shared KVT ks[BC * KLD];
shared KVT vs[BC * DV];
shared float ps[R * BC];
shared float rowMax[R];
shared float rowSum[R];
shared float rowAlpha[R];
shared uint rowFirstKey[R];  // segStart of the row's position (0 without segments)

void main() {
    const uint tid = gl_LocalInvocationID.x;
    const uint ratio = pc.nHead / pc.nHeadKv;
    const uint nGroups = (ratio + HQ - 1u) / HQ;
    const uint kvh = gl_WorkGroupID.y / nGroups;
    const uint h0 = kvh * ratio + (gl_WorkGroupID.y % nGroups) * HQ;  // first query head
    const uint hEnd = (kvh + 1u) * ratio;
    const uint t0 = gl_WorkGroupID.x * TQ;
    const uint split = gl_WorkGroupID.z;

    for (uint i = tid; i < R * DK; i += WG) {
        const uint r = i / DK, t = t0 + r / HQ, h = h0 + r % HQ;
        qs[i] = (t < pc.nTokens && h < hEnd) ? qv[t * pc.qStride + h * DK + i % DK] : 0.0;
    }
    for (uint r = tid; r < R; r += WG) {
        rowMax[r] = NEG_INF;
        rowSum[r] = 0.0;
        const uint t = min(t0 + r / HQ, pc.nTokens - 1u);
        rowFirstKey[r] = pc.hasSegments != 0u ? uint(segStart[pc.startPos + t]) : 0u;
    }

    const uint NACC = (R * DV + WG - 1u) / WG;
    float acc[NACC];
    for (uint a = 0; a < NACC; ++a) acc[a] = 0.0;

    // Keys any row of this workgroup can see, clipped to this split.
    const uint tLast = min(t0 + TQ, pc.nTokens) - 1u;
    uint kvEnd = pc.startPos + tLast + 1u;
    uint kvBegin = 0u;
    const uint pFirst = pc.startPos + t0;
    if (pc.window != 0u && pFirst + 1u > pc.window) kvBegin = pFirst + 1u - pc.window;
    if (pc.hasSegments != 0u) kvBegin = max(kvBegin, uint(segStart[pFirst]));
    kvBegin = max(kvBegin, split * pc.splitKeys);
    kvEnd = min(kvEnd, (split + 1u) * pc.splitKeys);
    barrier();

    for (uint kb = kvBegin; kb < kvEnd; kb += BC) {
        const uint nk = min(BC, kvEnd - kb);
        for (uint i = tid; i < BC * DK; i += WG) {
            const uint j = i / DK, d = i % DK;
            ks[j * KLD + d] = j < nk ? kc[(kb + j) * pc.kStride + kvh * pc.kHeadStride + d] : KVT(0.0);
        }
        for (uint i = tid; i < BC * DV; i += WG) {
            const uint j = i / DV, d = i % DV;
            vs[i] = j < nk ? vc[(kb + j) * pc.vStride + kvh * pc.vHeadStride + d] : KVT(0.0);
        }
        barrier();
        for (uint i = tid; i < R * BC; i += WG) {
            const uint r = i / BC, j = i % BC;
            const uint pq = pFirst + r / HQ, pk = kb + j;
            const bool visible = j < nk && t0 + r / HQ < pc.nTokens && h0 + r % HQ < hEnd && pk <= pq &&
                                 pk >= rowFirstKey[r] && (pc.window == 0u || pq - pk < pc.window);
            float s = NEG_INF;
            if (visible) {
                float dotv = 0.0;
                for (uint d = 0; d < DK; ++d) dotv = fma(qs[r * DK + d], float(ks[j * KLD + d]), dotv);
                s = pc.kqScale * dotv;
            }
            ps[i] = s;
        }
        barrier();
        for (uint r = tid; r < R; r += WG) {
            const float mOld = rowMax[r];
            float mNew = mOld;
            for (uint j = 0; j < BC; ++j) mNew = max(mNew, ps[r * BC + j]);
            float alpha = 1.0;
            if (mNew == NEG_INF) {
                for (uint j = 0; j < BC; ++j) ps[r * BC + j] = 0.0;
            } else {
                alpha = exp(mOld - mNew);  // 0 while the row had seen nothing
                float sum = 0.0;
                for (uint j = 0; j < BC; ++j) {
                    const float p = exp(ps[r * BC + j] - mNew);
                    ps[r * BC + j] = p;
                    sum += p;
                }
                rowSum[r] = rowSum[r] * alpha + sum;
                rowMax[r] = mNew;
            }
            rowAlpha[r] = alpha;
        }
        barrier();
        for (uint a = 0; a < NACC; ++a) {
            const uint idx = tid + a * WG;
            if (idx >= R * DV) break;
            const uint r = idx / DV, d = idx % DV;
            float v = acc[a] * rowAlpha[r];
            for (uint j = 0; j < nk; ++j) v = fma(ps[r * BC + j], float(vs[j * DV + d]), v);
            acc[a] = v;
        }
        barrier();
    }

    for (uint a = 0; a < NACC; ++a) {
        const uint idx = tid + a * WG;
        if (idx >= R * DV) break;
        const uint r = idx / DV, d = idx % DV;
        const uint t = t0 + r / HQ, h = h0 + r % HQ;
        if (t >= pc.nTokens || h >= hEnd) continue;
        const float m = rowMax[r], l = rowSum[r];
        if (pc.nSplit > 1u) {
            const uint base = (split * pc.nTokens * pc.nHead + t * pc.nHead + h) * (DV + 2u);
            part[base + d] = acc[a];
            if (d == 0u) {
                part[base + DV] = m;
                part[base + DV + 1u] = l;
            }
            continue;
        }
        float o;
        if (pc.hasSinks != 0u) {
            // The sink joins the normaliser only: M = max(m, s), L = l e^(m-M) + e^(s-M).
            const float sk = sinks[h];
            const float mm = max(m, sk);
            const float sc = m == NEG_INF ? 0.0 : exp(m - mm);
            o = acc[a] * sc / (l * sc + exp(sk - mm));
        } else {
            o = l > 0.0 ? acc[a] / l : 0.0;
        }
        ov[t * pc.oStride + h * DV + d] = o;
    }
}
