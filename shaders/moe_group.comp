// moe_group.comp: groups the (token, slot) pairs of an MoE routing by expert, for the
// expert-grouped matmul (matmul.comp with MATMUL_ID).
// Purpose: one workgroup per expert e walks the tokens WG at a time; thread t marks the pair
//          (token, slot) whose id is e (an expert appears at most once per token; should it
//          appear twice, the first slot is taken), an exclusive prefix sum over the workgroup
//          (shared memory, Hillis-Steele) gives each marked pair its place, so every list is
//          in token order and the result is deterministic. Ids outside [0, nExpert) are
//          ignored.
// Bindings: 0 = ids int32 [nTokens][nUsed] (moe_route's output),
//           1 = groups uint32: counts [nExpert], then lists [nExpert][nTokens] of pair
//           indices token * nUsed + slot (count[e] <= nTokens entries are valid per list).
// Shapes:  grid x = nExpert (<= maxComputeWorkGroupCount[0]; the host checks).
// Variants: none.
// Spec constants: 0 = workgroup size (any; a power of two is not required).
#version 450

#define PONDER_SELECT_PUSH PONDER_PUSH_GROUP
#include "push_constants.h"

layout(local_size_x_id = 0) in;

layout(std430, binding = 0) readonly buffer Ids { int ids[]; };
layout(std430, binding = 1) writeonly buffer Groups { uint groups[]; };

shared uint scan[gl_WorkGroupSize.x];

void main() {
    const uint tid = gl_LocalInvocationID.x;
    const uint WG = gl_WorkGroupSize.x;
    const uint e = gl_WorkGroupID.x;
    const uint listBase = pc.nExpert + e * pc.nTokens;
    uint placed = 0;  // pairs of expert e written so far (uniform)
    for (uint t0 = 0; t0 < pc.nTokens; t0 += WG) {
        const uint t = t0 + tid;
        uint pair = 0xFFFFFFFFu;
        if (t < pc.nTokens) {
            for (uint s = pc.nUsed; s-- > 0u;) {  // downwards: the first matching slot wins
                if (ids[t * pc.nUsed + s] == int(e)) pair = t * pc.nUsed + s;
            }
        }
        const uint flag = pair != 0xFFFFFFFFu ? 1u : 0u;
        scan[tid] = flag;
        barrier();
        for (uint off = 1; off < WG; off <<= 1) {
            const uint v = tid >= off ? scan[tid - off] : 0u;
            barrier();
            scan[tid] += v;
            barrier();
        }
        if (flag != 0u) groups[listBase + placed + scan[tid] - 1u] = pair;
        placed += scan[WG - 1u];
        barrier();  // everyone has read scan[] before the next round overwrites it
    }
    if (tid == 0u) groups[e] = placed;
}
