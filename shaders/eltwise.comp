// eltwise.comp: element-wise ops, out[i] = op(a[i], b[i % nb]).
// Purpose: residual adds, bias adds (b broadcast as one row), weight multiplies, scaling,
//          copies (also into an f16 KV cache), SwiGLU silu(a) * b, and gpt-oss's clamped
//          SwiGLU (engine-spec.md 2.6: g' = min(a, limit), u' = clamp(b, -limit, limit),
//          out = g' * sigmoid(alpha * g') * (u' + 1); alpha, limit from push constants).
// Ops (EltwisePush.op): PONDER_OP_ADD, MUL, SCALE (a * scale), COPY, SWIGLU, SWIGLU_OAI,
//          ADD_SCALED (a + scale * b), SUM_SLOTS (out[t][i] = sum over s < nb of
//          a[t][s][i], slots of `inner` elements, summed in slot order 0..nb-1 like llama.cpp:
//          the MoE combine of the weighted expert outputs), SUM_SLOTS_WEIGHTED (the same
//          with b [t][s] weights: gpt-oss weights its experts after their output biases),
//          COPY_ROWS (rows of `inner`
//          elements from a with row stride aStride to out with row stride outStride: the
//          head slices of DeepSeek's MLA, n = rows * inner threads).
// Variants: OUT_F16 stores the result as f16 (KV cache writes); the default stores f32.
// Bindings: 0 = a f32, 1 = b f32 (bind anything for one-input ops), 2 = out; element
//           offsets aOffset/bOffset/outOffset let one binding serve several slices.
// Shapes:  threads = n (grid x wrapped into y past 65535).
// Spec constants: 0 = workgroup size.
#version 450
#extension GL_EXT_shader_16bit_storage : require
#extension GL_EXT_shader_explicit_arithmetic_types_float16 : require

#define PONDER_SELECT_PUSH PONDER_PUSH_ELTWISE
#include "push_constants.h"

layout(local_size_x_id = 0) in;
layout(std430, binding = 0) readonly buffer A { float av[]; };
layout(std430, binding = 1) readonly buffer B { float bv[]; };
#ifdef OUT_F16
layout(std430, binding = 2) writeonly buffer Out { float16_t outv[]; };
#else
layout(std430, binding = 2) writeonly buffer Out { float outv[]; };
#endif

void main() {
    const uint i = gl_GlobalInvocationID.x + gl_GlobalInvocationID.y * gl_NumWorkGroups.x * gl_WorkGroupSize.x;
    if (i >= pc.n) return;
    const uint op = pc.op;
    if (op == PONDER_OP_SUM_SLOTS || op == PONDER_OP_SUM_SLOTS_WEIGHTED) {
        const uint t = i / pc.inner;
        const uint base = pc.aOffset + t * pc.nb * pc.inner + i % pc.inner;
        // precise: the weighted sum keeps the CPU's rounding (a product, then an add), no fma.
        precise float s = av[base];
        if (op == PONDER_OP_SUM_SLOTS_WEIGHTED) {
            s = bv[pc.bOffset + t * pc.nb] * av[base];
            for (uint k = 1; k < pc.nb; ++k) s += bv[pc.bOffset + t * pc.nb + k] * av[base + k * pc.inner];
        } else {
            for (uint k = 1; k < pc.nb; ++k) s += av[base + k * pc.inner];
        }
#ifdef OUT_F16
        outv[pc.outOffset + i] = float16_t(s);
#else
        outv[pc.outOffset + i] = s;
#endif
        return;
    }
    if (op == PONDER_OP_COPY_ROWS) {
        const uint r = i / pc.inner, c = i % pc.inner;
        const float v = av[pc.aOffset + r * pc.aStride + c];
#ifdef OUT_F16
        outv[pc.outOffset + r * pc.outStride + c] = float16_t(v);
#else
        outv[pc.outOffset + r * pc.outStride + c] = v;
#endif
        return;
    }
    const float a = av[pc.aOffset + i];
    float b = 0.0;
    if (op != PONDER_OP_SCALE && op != PONDER_OP_COPY) b = bv[pc.bOffset + (pc.nb != 0u ? i % pc.nb : i)];
    float r;
    if (op == PONDER_OP_ADD) r = a + b;
    else if (op == PONDER_OP_MUL) r = a * b;
    else if (op == PONDER_OP_SCALE) r = a * pc.scale;
    else if (op == PONDER_OP_COPY) r = a;
    else if (op == PONDER_OP_SWIGLU) r = a / (1.0 + exp(-a)) * b;
    else if (op == PONDER_OP_SWIGLU_OAI) {
        const float g = min(a, pc.limit);
        const float u = clamp(b, -pc.limit, pc.limit);
        r = g / (1.0 + exp(-pc.scale * g)) * (u + 1.0);
    } else r = a + pc.scale * b;  // PONDER_OP_ADD_SCALED
#ifdef OUT_F16
    outv[pc.outOffset + i] = float16_t(r);
#else
    outv[pc.outOffset + i] = r;
#endif
}
