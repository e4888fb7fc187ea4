#include "cpu/ops.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace ponder::cpu {

void rmsNorm(const float* x, const float* w, float* y, size_t n, float eps) {
    double sum = 0.0;
    for (size_t i = 0; i < n; ++i) sum += double(x[i]) * double(x[i]);
    // ggml rounds the mean to float before adding eps; doing the same keeps the F32
    // comparison with llama.cpp at the 1e-7 level.
    const float mean = float(sum / double(n));
    const float scale = 1.0f / std::sqrt(mean + eps);
    for (size_t i = 0; i < n; ++i) y[i] = x[i] * scale * (w ? w[i] : 1.0f);
}

void softmax(float* x, size_t n) {
    float maxv = -std::numeric_limits<float>::infinity();
    for (size_t i = 0; i < n; ++i) maxv = std::max(maxv, x[i]);
    if (!std::isfinite(maxv)) {
        // every entry masked: llama.cpp would produce NaN; a defined all-zero row is kinder
        for (size_t i = 0; i < n; ++i) x[i] = 0.0f;
        return;
    }
    double sum = 0.0;
    for (size_t i = 0; i < n; ++i) {
        x[i] = std::exp(x[i] - maxv);
        sum += x[i];
    }
    const float inv = float(1.0 / sum);
    for (size_t i = 0; i < n; ++i) x[i] *= inv;
}

float silu(float t) { return t / (1.0f + std::exp(-t)); }

void swiglu(float* gate, const float* up, size_t n) {
    for (size_t i = 0; i < n; ++i) gate[i] = silu(gate[i]) * up[i];
}

static float yarnCorrDim(uint32_t nRot, uint32_t nCtxOrig, float beta, float base) {
    constexpr float kPi = 3.14159265358979323846f;
    return float(nRot) * std::log(float(nCtxOrig) / (beta * 2.0f * kPi)) / (2.0f * std::log(base));
}

void ropeYarnCorrDims(uint32_t nRot, uint32_t nCtxOrig, float freqBase, float betaFast,
                      float betaSlow, float dims[2]) {
    const float start = std::floor(yarnCorrDim(nRot, nCtxOrig, betaFast, freqBase));
    const float end = std::ceil(yarnCorrDim(nRot, nCtxOrig, betaSlow, freqBase));
    dims[0] = std::max(0.0f, start);
    dims[1] = std::min(float(nRot) - 1.0f, end);
}

void ropeCache(int32_t pos, const RopeParams& p, float* cs) {
    float corr[2] = {0.0f, 0.0f};
    if (p.extFactor != 0.0f) ropeYarnCorrDims(p.nRot, p.nCtxOrig, p.freqBase, p.betaFast, p.betaSlow, corr);
    // ggml advances theta by repeated float multiplication, not pow(); the rounding of that
    // recurrence is visible at 1e-6, so the reference does the same.
    const float thetaScale = std::pow(p.freqBase, -2.0f / float(p.nRot));
    float theta = float(pos);
    for (uint32_t i = 0; i < p.nRot / 2; ++i) {
        const float ff = p.freqFactors ? p.freqFactors[i] : 1.0f;
        const float thetaExtrap = theta / ff;
        const float thetaInterp = p.freqScale * thetaExtrap;
        float angle = thetaInterp;
        float mscale = p.attnFactor;
        if (p.extFactor != 0.0f) {
            const float y = (float(i) - corr[0]) / std::max(0.001f, corr[1] - corr[0]);
            const float ramp = 1.0f - std::min(1.0f, std::max(0.0f, y));
            const float mix = ramp * p.extFactor;
            angle = thetaInterp * (1.0f - mix) + thetaExtrap * mix;
            mscale *= 1.0f + 0.1f * std::log(1.0f / p.freqScale);
        }
        cs[2 * i] = std::cos(angle) * mscale;
        cs[2 * i + 1] = std::sin(angle) * mscale;
        theta *= thetaScale;
    }
}

void ropeApply(float* head, size_t headDim, const float* cs, const RopeParams& p) {
    (void)headDim;  // elements in [nRot, headDim) pass through unchanged
    const uint32_t half = p.nRot / 2;
    for (uint32_t i = 0; i < half; ++i) {
        // NORM pairs adjacent elements; NEOX pairs element i with i + nRot/2.
        const size_t a = p.type == RopeType::Norm ? 2 * i : i;
        const size_t b = p.type == RopeType::Norm ? 2 * i + 1 : i + half;
        const float c = cs[2 * i], s = cs[2 * i + 1];
        const float x0 = head[a], x1 = head[b];
        head[a] = x0 * c - x1 * s;
        head[b] = x0 * s + x1 * c;
    }
}

void rope(float* heads, size_t nHeads, size_t headDim, int32_t pos, const RopeParams& p) {
    std::vector<float> cs(p.nRot);
    ropeCache(pos, p, cs.data());
    for (size_t h = 0; h < nHeads; ++h) ropeApply(heads + h * headDim, headDim, cs.data(), p);
}

}  // namespace ponder::cpu
