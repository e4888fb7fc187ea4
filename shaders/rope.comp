// rope.comp: ggml rope_ext in place (engine-spec.md 2.0.3): NORM (adjacent pairs) or NEOX
// (pairs i, i + nRot/2), YaRN (ext_factor, attn_factor, beta_fast/slow via the correction
// dims, freq_scale) and optional per-pair frequency divisors (rope_freqs.weight).
// Purpose: rotate Q and K heads after their projections. One thread per rotated pair.
// Bindings: 0 = data f32 [nTokens][tokenStride] with head h at offset + h * headStride
//           (rotated in place; elements past nRot are not touched; DeepSeek's MLA rotates
//           only the tail of each head, hence the offset), 1 = freq factors f32 [nRot/2] (read
//           only when hasFreqFactors), 2 = segStart int32 [pos0 + nTokens] (read only when
//           hasSegments): several texts packed into one sequence of rows (embedding batches);
//           segStart[row] is the first row of that row's text.
// Shapes:  threads = nTokens * nHeads * nRot/2, grid x wrapped into y past 65535. Token t is
//          row pos0 + t; its position is the row, or row - segStart[row] with segments (each
//          text counts from 0, as if it ran alone).
// Spec constants: 0 = workgroup size.
// Exactness notes: theta follows ggml's recurrence theta_i = pos * thetaScale^i evaluated by
// repeated f32 multiplication (each product is correctly rounded in Vulkan, so the result is
// the CPU's to the bit); a pow() would differ by up to ~i ulps, i.e. 1e-2 rad at position
// 4096. The angle is then reduced to [-pi, pi] with a two-part 2*pi before cos/sin, because
// Vulkan only bounds cos/sin error inside that range.
#version 450

#define PONDER_SELECT_PUSH PONDER_PUSH_ROPE
#include "push_constants.h"

layout(local_size_x_id = 0) in;
layout(std430, binding = 0) buffer Data { float xv[]; };
layout(std430, binding = 1) readonly buffer Freq { float freqFactors[]; };
layout(std430, binding = 2) readonly buffer Seg { int segStart[]; };

float reduceAngle(float a) {
    // Cody-Waite: 2*pi = hi + lo with hi exactly representable in few bits, so k * hi is exact.
    const float kHi = 6.28125;
    const float kLo = 1.9353071795864769253e-3;
    const float k = round(a * 0.15915494309189535);
    // precise: the two subtractions must not be reassociated into a - k * (kHi + kLo).
    precise float r = a - k * kHi;
    r = r - k * kLo;
    return r;
}

void main() {
    const uint half_ = pc.nRot / 2u;
    const uint gid = gl_GlobalInvocationID.x + gl_GlobalInvocationID.y * gl_NumWorkGroups.x * gl_WorkGroupSize.x;
    if (gid >= pc.nTokens * pc.nHeads * half_) return;
    const uint i = gid % half_;
    const uint head = (gid / half_) % pc.nHeads;
    const uint token = gid / (half_ * pc.nHeads);

    int pos = pc.pos0 + int(token);
    if (pc.hasSegments != 0u) pos -= segStart[pos];
    float theta = float(pos);
    for (uint j = 0; j < i; ++j) theta *= pc.thetaScale;
    const float ff = pc.hasFreqFactors != 0u ? freqFactors[i] : 1.0;
    const float thetaExtrap = theta / ff;
    const float thetaInterp = pc.freqScale * thetaExtrap;
    float angle = thetaInterp;
    float mscale = pc.attnFactor;
    if (pc.extFactor != 0.0) {
        const float y = (float(i) - pc.corrLow) / max(0.001, pc.corrHigh - pc.corrLow);
        const float ramp = 1.0 - min(1.0, max(0.0, y));
        const float mixf = ramp * pc.extFactor;
        angle = thetaInterp * (1.0 - mixf) + thetaExtrap * mixf;
        mscale *= 1.0 + 0.1 * log(1.0 / pc.freqScale);
    }
    const float a = reduceAngle(angle);
    const float c = cos(a) * mscale, s = sin(a) * mscale;

    const uint base = pc.offset + token * pc.tokenStride + head * pc.headStride;
    const uint ia = base + (pc.neox != 0u ? i : 2u * i);
    const uint ib = base + (pc.neox != 0u ? i + half_ : 2u * i + 1u);
    const float x0 = xv[ia], x1 = xv[ib];
    xv[ia] = x0 * c - x1 * s;
    xv[ib] = x0 * s + x1 * c;
}
