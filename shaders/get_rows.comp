// get_rows.comp: embedding lookup, y[i] = dequant(W[ids[i]]) for every block format.
// Purpose: token embedding (and any row gather) with the row dequantized to f32. One
//          workgroup per output row; threads walk the row in 4-element units (coalesced).
// Variants: WTYPE_<format> (common/blocks.glsl).
// Bindings: 0 = source rows (row s at wOffset + (s - srcRowBegin) * rowBytes),
//           1 = ids int32 [rows], 2 = y f32 [rows][yStride].
// Shapes:  grid x (wrapped into y past 65535) = output rows; n = elements per row (a
//          multiple of 4). Ids outside [srcRowBegin, srcRowEnd) belong to another dispatch
//          (tables larger than one binding are gathered part by part).
// Spec constants: 0 = workgroup size.
#version 450

#define PONDER_SELECT_PUSH PONDER_PUSH_ROWS
#include "push_constants.h"
#define W_BINDING 0
#include "blocks.glsl"

layout(local_size_x_id = 0) in;
layout(std430, binding = 1) readonly buffer Ids { int ids[]; };
layout(std430, binding = 2) writeonly buffer Y { float yv[]; };

void main() {
    const uint row = gl_WorkGroupID.x + gl_WorkGroupID.y * gl_NumWorkGroups.x;
    if (row >= pc.rows) return;
    const uint src = uint(ids[row]);
    if (src < pc.srcRowBegin || src >= pc.srcRowEnd) return;
    const uint base = pc.wOffset + (src - pc.srcRowBegin) * pc.rowBytes;
    for (uint u = gl_LocalInvocationID.x; u < pc.n / 4u; u += gl_WorkGroupSize.x) {
        const vec4 v = dequant4(base, 4u * u);
        const uint o = row * pc.yStride + 4u * u;
        yv[o] = v.x;
        yv[o + 1u] = v.y;
        yv[o + 2u] = v.z;
        yv[o + 3u] = v.w;
    }
}
