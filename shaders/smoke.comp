// smoke.comp: proves the device does what every real kernel relies on.
// Purpose: out[r] = scale * sum_i a[r*n + i] * x[i], with int8 weights (8-bit storage), an
//          f16 vector (16-bit storage) and a subgroup reduction followed by a shared-memory
//          reduction across subgroups. One workgroup per row.
// Bindings: 0 = int8 a[rows*n], 1 = float16 x[n], 2 = float out[rows].
// Spec constants: 0 = workgroup size.
#version 450
#extension GL_EXT_shader_8bit_storage : require
#extension GL_EXT_shader_16bit_storage : require
#extension GL_EXT_shader_explicit_arithmetic_types_int8 : require
#extension GL_EXT_shader_explicit_arithmetic_types_float16 : require
#extension GL_KHR_shader_subgroup_arithmetic : require
#extension GL_KHR_shader_subgroup_basic : require

#include "push_constants.h"

layout(local_size_x_id = 0) in;
layout(std430, binding = 0) readonly buffer A { int8_t a[]; };
layout(std430, binding = 1) readonly buffer X { float16_t x[]; };
layout(std430, binding = 2) writeonly buffer Out { float outv[]; };

shared float partial[64];  // one slot per subgroup; 64 covers 1024 lanes at subgroup size 16+

void main() {
    const uint row = gl_WorkGroupID.x;
    if (row >= pc.rows) return;
    float acc = 0.0;
    for (uint i = gl_LocalInvocationID.x; i < pc.n; i += gl_WorkGroupSize.x) {
        acc += float(a[row * pc.n + i]) * float(x[i]);
    }
    acc = subgroupAdd(acc);
    if (subgroupElect()) partial[gl_SubgroupID] = acc;
    barrier();
    if (gl_LocalInvocationID.x == 0) {
        float total = 0.0;
        for (uint s = 0; s < gl_NumSubgroups; ++s) total += partial[s];
        outv[row] = total * pc.scale;
    }
}
