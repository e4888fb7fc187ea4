// attn_reduce.comp: combines the split-KV partials of flash_attn.comp (and the sinks).
// Purpose: for each (token, head) row: M = max over splits of m_s (and the sink),
//          L = sum_s l_s e^(m_s - M) (+ e^(sink - M)), out = sum_s acc_s e^(m_s - M) / L.
//          One workgroup per row, threads along the head dimension.
// Bindings: 0 = partials f32 [nSplit][nRows][headDimV + 2] (acc..., m, l), 1 = sinks f32
//           [nHead] (read when hasSinks), 2 = out f32 [nTokens][oStride], head h at h * DV.
// Shapes:  grid x (wrapped into y past 65535) = nRows = nTokens * nHead.
// Spec constants: 0 = workgroup size.
#version 450

#define PONDER_SELECT_PUSH PONDER_PUSH_ATTN_REDUCE
#include "push_constants.h"

layout(local_size_x_id = 0) in;
layout(std430, binding = 0) readonly buffer Part { float part[]; };
layout(std430, binding = 1) readonly buffer Sinks { float sinks[]; };
layout(std430, binding = 2) writeonly buffer O { float ov[]; };
#define NEG_INF uintBitsToFloat(0xFF800000u)

void main() {
    const uint row = gl_WorkGroupID.x + gl_WorkGroupID.y * gl_NumWorkGroups.x;
    if (row >= pc.nRows) return;
    const uint DV = pc.headDimV, stride = DV + 2u;
    const uint h = row % pc.nHead, t = row / pc.nHead;
    float M = pc.hasSinks != 0u ? sinks[h] : NEG_INF;
    for (uint s = 0; s < pc.nSplit; ++s) M = max(M, part[(s * pc.nRows + row) * stride + DV]);
    float L = pc.hasSinks != 0u ? exp(sinks[h] - M) : 0.0;
    for (uint s = 0; s < pc.nSplit; ++s) {
        const uint b = (s * pc.nRows + row) * stride;
        const float m = part[b + DV];
        if (m != NEG_INF) L += part[b + DV + 1u] * exp(m - M);
    }
    const float inv = L > 0.0 ? 1.0 / L : 0.0;
    for (uint d = gl_LocalInvocationID.x; d < DV; d += gl_WorkGroupSize.x) {
        float o = 0.0;
        for (uint s = 0; s < pc.nSplit; ++s) {
            const uint b = (s * pc.nRows + row) * stride;
            const float m = part[b + DV];
            if (m != NEG_INF) o += part[b + d] * exp(m - M);
        }
        ov[t * pc.oStride + h * DV + d] = o * inv;
    }
}
