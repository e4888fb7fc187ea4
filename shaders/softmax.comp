// softmax.comp: y = softmax(x * scale) over each row (-inf entries get 0; an all -inf row
// becomes all zeros, as the CPU reference defines it).
// Purpose: router probabilities and any standalone softmax (attention uses flash_attn).
//          One workgroup per row; max and sum by subgroup then shared-memory reduction.
// Bindings: 0 = x f32 [rows][xStride], 1 = y f32 [rows][yStride] (may alias x).
// Shapes:  grid x (wrapped into y past 65535) = rows. RowsPush.eps carries the scale.
// Spec constants: 0 = workgroup size.
#version 450

#define PONDER_SELECT_PUSH PONDER_PUSH_ROWS
#include "push_constants.h"

layout(local_size_x_id = 0) in;
#include "reduce.glsl"

layout(std430, binding = 0) readonly buffer X { float xv[]; };
layout(std430, binding = 1) writeonly buffer Y { float yv[]; };

void main() {
    const uint row = gl_WorkGroupID.x + gl_WorkGroupID.y * gl_NumWorkGroups.x;
    if (row >= pc.rows) return;
    const uint xb = row * pc.xStride, yb = row * pc.yStride;
    const float scale = pc.eps;
    float m = uintBitsToFloat(0xFF800000u);  // -inf
    for (uint i = gl_LocalInvocationID.x; i < pc.n; i += gl_WorkGroupSize.x) m = max(m, xv[xb + i] * scale);
    m = workgroupMax(m);
    const bool empty = isinf(m) && m < 0.0;
    float s = 0.0;
    for (uint i = gl_LocalInvocationID.x; i < pc.n; i += gl_WorkGroupSize.x) {
        s += empty ? 0.0 : exp(xv[xb + i] * scale - m);
    }
    s = workgroupSum(s);
    const float inv = empty ? 0.0 : 1.0 / s;
    for (uint i = gl_LocalInvocationID.x; i < pc.n; i += gl_WorkGroupSize.x) {
        yv[yb + i] = empty ? 0.0 : exp(xv[xb + i] * scale - m) * inv;
    }
}
