// Scalar reference ops of the CPU backend: slow, plain loops, the yardstick the Vulkan
// kernels are tested against. Formulas follow llama.cpp/ggml exactly where rounding order
// matters (engine-spec.md 2.0); sums run in double so the reference is never the noisier side.
#pragma once

#include <cstddef>
#include <cstdint>

#include "ponder/model.h"

namespace ponder::cpu {

/// y = w * x / sqrt(mean(x^2) + eps); w may be null (plain normalisation). y may alias x.
void rmsNorm(const float* x, const float* w, float* y, size_t n, float eps);

/// In-place softmax over n values (max-subtracted; -inf entries get probability 0).
void softmax(float* x, size_t n);

/// silu(t) = t / (1 + e^-t).
float silu(float t);

/// gate[i] = silu(gate[i]) * up[i] (llama.cpp's swiglu with separate gate/up).
void swiglu(float* gate, const float* up, size_t n);

/// Everything ggml's rope_ext needs, already resolved by the model (engine-spec.md 2.0.3).
struct RopeParams {
    RopeType type = RopeType::Norm;
    uint32_t nRot = 0;               // rotated width (even); elements past it pass through
    float freqBase = 10000.0f;
    float freqScale = 1.0f;          // 1 / scaling factor
    float extFactor = 0.0f;          // YaRN mix strength (1 when YaRN is on)
    float attnFactor = 1.0f;         // magnitude before YaRN's own 1 + 0.1 ln(1/freqScale)
    float betaFast = 32.0f;
    float betaSlow = 1.0f;
    uint32_t nCtxOrig = 0;
    const float* freqFactors = nullptr;  // [nRot/2] divisors (rope_freqs.weight) or null
};

/// YaRN correction range [low, high] in pair indices (floor/ceil as ggml does).
void ropeYarnCorrDims(uint32_t nRot, uint32_t nCtxOrig, float freqBase, float betaFast,
                      float betaSlow, float dims[2]);

/// cos/sin table for one position: cs[2i] = cos, cs[2i+1] = sin of pair i (nRot/2 pairs),
/// magnitude included.
void ropeCache(int32_t pos, const RopeParams& p, float* cs);

/// Rotates one head vector of length headDim in place with a table from ropeCache.
void ropeApply(float* head, size_t headDim, const float* cs, const RopeParams& p);

/// Applies RoPE to nHeads consecutive heads of headDim elements at position pos.
void rope(float* heads, size_t nHeads, size_t headDim, int32_t pos, const RopeParams& p);

}  // namespace ponder::cpu
