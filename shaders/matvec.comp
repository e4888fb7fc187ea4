// matvec.comp: quantized matrix-vector product for decode, y[M] = W[M][K] x[K].
// Purpose: the weight-bandwidth-bound product of every decode step. Each workgroup computes
//          NROWS consecutive rows; all its threads walk the row in 4-element units (thread t
//          takes units t, t + WG, ...), so a subgroup reads consecutive bytes of a row. The x
//          unit is loaded once and reused for all NROWS rows. Partial sums are reduced with
//          subgroupAdd, then across subgroups through shared memory. Accumulation is f32.
// Variants: one WTYPE_<format> define per weight format (common/blocks.glsl);
//          MATVEC_ID: expert-routed (MoE) product: W is [n_expert][M][K]; workgroup z is a
//          (token, slot) pair whose expert id comes from `ids`; only that expert's rows are
//          read. Experts outside [expertBegin, expertEnd) (the bound part of a tensor larger
//          than one binding may span) return at once and are covered by another dispatch.
// Bindings: 0 = weights (bytes, row r of the dispatch at wOffset + r * rowBytes),
//           1 = x f32, 2 = y f32;
//           MATVEC_ID: 3 = ids int32 [nTokens][nUsed], 4 = routing weights f32 [nTokens][nUsed].
// Shapes:  dense: x [nCols][xStride], y [nCols][yStride] (row r at yOffset + r), grid
//          (x, y) = row groups (wrapped past 65535), z = column;
//          id: x [nTokens][xStride] (+ slot * xSlotStride), y [(token * nUsed + slot)][yStride].
// K must be a multiple of 4 (and of the block size); the host checks.
// Spec constants: 0 = workgroup size, 1 = rows per workgroup (NROWS).
#version 450
#extension GL_KHR_shader_subgroup_arithmetic : require
#extension GL_KHR_shader_subgroup_basic : require

#define PONDER_SELECT_PUSH PONDER_PUSH_MATVEC
#include "push_constants.h"
#define W_BINDING 0
#include "blocks.glsl"

layout(local_size_x_id = 0) in;
layout(constant_id = 1) const uint NROWS = 2;

layout(std430, binding = 1) readonly buffer X { float xv[]; };
layout(std430, binding = 2) writeonly buffer Y { float yv[]; };
#ifdef MATVEC_ID
layout(std430, binding = 3) readonly buffer Ids { int ids[]; };
layout(std430, binding = 4) readonly buffer RouteW { float routeW[]; };
#endif

// One slot per (row, subgroup); sized for the worst case of one-lane subgroups.
shared float partial[NROWS * gl_WorkGroupSize.x];

void main() {
    const uint tid = gl_LocalInvocationID.x;
    const uint row0 = (gl_WorkGroupID.x + gl_WorkGroupID.y * gl_NumWorkGroups.x) * NROWS;
    if (row0 >= pc.M) return;  // uniform for the workgroup

    uint wBase = pc.wOffset;
    uint xBase, yBase;
#ifdef MATVEC_ID
    const uint pair = gl_WorkGroupID.z;  // token * nUsed + slot
    const uint token = pair / pc.nUsed, slot = pair % pc.nUsed;
    const uint expert = uint(ids[pair]);
    if (expert < pc.expertBegin || expert >= pc.expertEnd) return;
    wBase += (expert - pc.expertBegin) * pc.expertBytes;
    xBase = token * pc.xStride + slot * pc.xSlotStride;
    yBase = pair * pc.yStride + pc.yOffset;
#else
    xBase = gl_WorkGroupID.z * pc.xStride;
    yBase = gl_WorkGroupID.z * pc.yStride + pc.yOffset;
#endif
    const uint nr = min(NROWS, pc.M - row0);

    float acc[NROWS];
    for (uint r = 0; r < NROWS; ++r) acc[r] = 0.0;

    const uint units = pc.K / 4u;
    for (uint u = tid; u < units; u += gl_WorkGroupSize.x) {
        const uint xi = xBase + 4u * u;
        const vec4 x4 = vec4(xv[xi], xv[xi + 1u], xv[xi + 2u], xv[xi + 3u]);
        for (uint r = 0; r < NROWS; ++r) {
            if (r < nr) acc[r] += dot(dequant4(wBase + (row0 + r) * pc.rowBytes, 4u * u), x4);
        }
    }

    for (uint r = 0; r < NROWS; ++r) {
        const float s = subgroupAdd(acc[r]);
        if (subgroupElect()) partial[r * gl_NumSubgroups + gl_SubgroupID] = s;
    }
    barrier();
    if (tid < nr) {
        float total = 0.0;
        for (uint s = 0; s < gl_NumSubgroups; ++s) total += partial[tid * gl_NumSubgroups + s];
#ifdef MATVEC_ID
        if (pc.useWeights != 0u) total *= routeW[pair];
#endif
        yv[yBase + row0 + tid] = total;
    }
}
