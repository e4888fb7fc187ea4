// moe_route.comp: expert selection of an MoE layer, llama.cpp build_moe_ffn (engine-spec.md
// 2.0.6): gating (softmax, sigmoid, raw logits for gpt-oss, sqrt-softplus), optional
// selection bias (used for choosing only), group-limited routing (group score = sum of the
// group's two best selection scores), top-k (ties: lower expert id first), weights gathered
// from the unbiased probabilities, gpt-oss's softmax over the winners, normalisation with
// the F16-normal floor 6.103515625e-5, and scaling.
// Purpose: one workgroup per token; every expert's score lives in shared memory and each
//          top-k step is a workgroup arg-max (subgroup max, then across subgroups).
// Bindings: 0 = router logits f32 [nTokens][logitStride] (router bias already added),
//           1 = selection bias f32 [nExpert] (read only when hasBias), 2 = ids int32
//           [nTokens][nUsed], 3 = weights f32 [nTokens][nUsed].
// Limits:  nExpert <= MAX_EXPERTS, nUsed <= 64, nGroups <= 64 (the host checks).
// Spec constants: 0 = workgroup size, 1 = MAX_EXPERTS.
#version 450

#define PONDER_SELECT_PUSH PONDER_PUSH_ROUTE
#include "push_constants.h"

layout(local_size_x_id = 0) in;
layout(constant_id = 1) const uint MAX_EXPERTS = 512;
#include "reduce.glsl"

layout(std430, binding = 0) readonly buffer Logits { float logits[]; };
layout(std430, binding = 1) readonly buffer Bias { float selBias[]; };
layout(std430, binding = 2) writeonly buffer Ids { int outIds[]; };
layout(std430, binding = 3) writeonly buffer Weights { float outW[]; };

shared float probs[MAX_EXPERTS];
shared float sel[MAX_EXPERTS];
shared float bestVal[gl_WorkGroupSize.x];
shared uint bestIdx[gl_WorkGroupSize.x];
shared uint chosen[64];
shared bool groupKept[64];

#define NEG_INF uintBitsToFloat(0xFF800000u)

// Arg-max over sel[] of the whole workgroup; ties go to the lower index.
uint workgroupArgMax() {
    float v = NEG_INF;
    uint idx = 0xFFFFFFFFu;
    for (uint e = gl_LocalInvocationID.x; e < pc.nExpert; e += gl_WorkGroupSize.x) {
        if (idx == 0xFFFFFFFFu || sel[e] > v) { v = sel[e]; idx = e; }  // e grows: ties keep the lower id
    }
    const float m = subgroupMax(v);
    const uint mi = subgroupMin(v == m ? idx : 0xFFFFFFFFu);
    barrier();
    if (subgroupElect()) { bestVal[gl_SubgroupID] = m; bestIdx[gl_SubgroupID] = mi; }
    barrier();
    float bv = bestVal[0];
    uint bi = bestIdx[0];
    for (uint s = 1; s < gl_NumSubgroups; ++s) {
        if (bestVal[s] > bv || (bestVal[s] == bv && bestIdx[s] < bi)) { bv = bestVal[s]; bi = bestIdx[s]; }
    }
    return bi;
}

void main() {
    const uint token = gl_WorkGroupID.x;
    const uint tid = gl_LocalInvocationID.x;
    const uint E = pc.nExpert;
    const uint lb = token * pc.logitStride;

    // 1. gating
    float m = NEG_INF;
    if (pc.gating == 1u) {
        for (uint e = tid; e < E; e += gl_WorkGroupSize.x) m = max(m, logits[lb + e]);
        m = workgroupMax(m);
    }
    float s = 0.0;
    for (uint e = tid; e < E; e += gl_WorkGroupSize.x) {
        const float x = logits[lb + e];
        float p;
        if (pc.gating == 1u) { p = exp(x - m); s += p; }
        else if (pc.gating == 2u) p = 1.0 / (1.0 + exp(-x));
        else if (pc.gating == 4u) p = sqrt(log(1.0 + exp(x)));
        else p = x;  // 3: raw logits select; softmax over the winners below
        probs[e] = p;
    }
    if (pc.gating == 1u) {
        s = workgroupSum(s);
        const float inv = 1.0 / s;
        for (uint e = tid; e < E; e += gl_WorkGroupSize.x) probs[e] *= inv;
    }
    // 2. selection scores (the bias never reaches the weights)
    for (uint e = tid; e < E; e += gl_WorkGroupSize.x) sel[e] = probs[e] + (pc.hasBias != 0u ? selBias[e] : 0.0);
    barrier();

    // 3. group-limited routing: one thread scores each group, thread 0 keeps the best ones.
    if (pc.nGroups > 1u) {
        const uint per = E / pc.nGroups;
        if (tid < pc.nGroups) {
            float b1 = NEG_INF, b2 = NEG_INF;
            for (uint e = tid * per; e < (tid + 1u) * per; ++e) {
                const float v = sel[e];
                if (v > b1) { b2 = b1; b1 = v; } else if (v > b2) b2 = v;
            }
            bestVal[tid] = b1 + b2;
            groupKept[tid] = false;
        }
        barrier();
        if (tid == 0u) {
            for (uint k = 0; k < pc.nGroupUsed; ++k) {
                float bv = NEG_INF;
                uint bi = 0xFFFFFFFFu;
                for (uint g = 0; g < pc.nGroups; ++g) {
                    if (!groupKept[g] && (bi == 0xFFFFFFFFu || bestVal[g] > bv)) { bv = bestVal[g]; bi = g; }
                }
                groupKept[bi] = true;
            }
        }
        barrier();
        for (uint e = tid; e < E; e += gl_WorkGroupSize.x) {
            if (!groupKept[e / per]) sel[e] = NEG_INF;
        }
        barrier();
    }

    // 4. top-k by repeated arg-max
    for (uint k = 0; k < pc.nUsed; ++k) {
        const uint best = workgroupArgMax();
        if (tid == 0u) { chosen[k] = best; sel[best] = NEG_INF; }
        barrier();
    }

    // 5. weights (k is small: one thread)
    if (tid == 0u) {
        const uint K = pc.nUsed;
        float w[64];
        for (uint k = 0; k < K; ++k) w[k] = probs[chosen[k]];
        if (pc.gating == 3u) {
            float wm = NEG_INF;
            for (uint k = 0; k < K; ++k) wm = max(wm, w[k]);
            float ws = 0.0;
            for (uint k = 0; k < K; ++k) { w[k] = exp(w[k] - wm); ws += w[k]; }
            for (uint k = 0; k < K; ++k) w[k] *= 1.0 / ws;
        }
        if (pc.normWeights != 0u) {
            float sum = 0.0;
            for (uint k = 0; k < K; ++k) sum += w[k];
            const float denom = max(sum, 6.103515625e-5);
            for (uint k = 0; k < K; ++k) w[k] /= denom;
        }
        if (pc.weightScale != 0.0 && pc.weightScale != 1.0) {
            for (uint k = 0; k < K; ++k) w[k] *= pc.weightScale;
        }
        for (uint k = 0; k < K; ++k) {
            outIds[token * K + k] = int(chosen[k]);
            outW[token * K + k] = w[k];
        }
    }
}
