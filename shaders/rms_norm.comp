// rms_norm.comp: y = x / sqrt(mean(x^2) + eps) (* w), engine-spec.md 2.0.2.
// Purpose: every RMSNorm of the forward pass (attention/FFN norms, per-head Q/K norms,
//          DeepSeek's q_a/kv_a norms, the output norm). One workgroup per row.
// Bindings: 0 = x f32 [rows][xStride], 1 = w f32 [n] (read only when flags & 1),
//           2 = y f32 [rows][yStride] (may be the same memory as x: each element is read
//           before it is written by the same thread).
// Shapes:  grid x (wrapped into y past 65535) = rows.
// Spec constants: 0 = workgroup size.
#version 450

#define PONDER_SELECT_PUSH PONDER_PUSH_ROWS
#include "push_constants.h"

layout(local_size_x_id = 0) in;
#include "reduce.glsl"

layout(std430, binding = 0) readonly buffer X { float xv[]; };
layout(std430, binding = 1) readonly buffer W { float wv[]; };
layout(std430, binding = 2) writeonly buffer Y { float yv[]; };

void main() {
    const uint row = gl_WorkGroupID.x + gl_WorkGroupID.y * gl_NumWorkGroups.x;
    if (row >= pc.rows) return;
    const uint xb = row * pc.xStride, yb = row * pc.yStride;
    float ss = 0.0;
    for (uint i = gl_LocalInvocationID.x; i < pc.n; i += gl_WorkGroupSize.x) ss = fma(xv[xb + i], xv[xb + i], ss);
    ss = workgroupSum(ss);
    // ggml rounds the mean to f32 before adding eps.
    const float scale = 1.0 / sqrt(ss / float(pc.n) + pc.eps);
    const bool useW = (pc.flags & 1u) != 0u;
    for (uint i = gl_LocalInvocationID.x; i < pc.n; i += gl_WorkGroupSize.x) {
        const float v = xv[xb + i] * scale;
        yv[yb + i] = useW ? v * wv[i] : v;
    }
}
