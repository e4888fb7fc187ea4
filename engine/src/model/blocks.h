// Building blocks shared by the forward functions of every architecture: embedding,
// projections, norms, the dense and mixture-of-experts FFNs and the output head.
// Activations are row-major [n_tokens][width]: one token per row.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "cpu/matmul.h"
#include "cpu/moe_routing.h"
#include "cpu/ops.h"
#include "model/arch.h"

namespace ponder::model::blocks {

/// y [T][w.rows] = W x (+ bias); x is [T][w.cols].
Result<void> linear(const cpu::Matrix& w, const std::vector<float>& bias, const float* x, size_t nTokens,
                    float* y, unsigned threads);

/// x [T][n_embd] = rows of token_embd (times the Granite embedding scale when set).
Result<void> embed(const ModelData& m, std::span<const int32_t> tokens, float* x);

/// y[t] = rmsnorm(x[t]) * w for each of T rows of n values.
void rmsNormRows(const float* x, const std::vector<float>& w, float* y, size_t nTokens, size_t n, float eps);

/// Gated FFN out [T][n_embd] = down(silu(gate h + bg) * (up h + bu)) + bd.
Result<void> denseFfn(const cpu::Matrix& gate, const cpu::Matrix& up, const cpu::Matrix& down,
                      const std::vector<float>& gateB, const std::vector<float>& upB,
                      const std::vector<float>& downB, const float* h, size_t nTokens, float* out,
                      unsigned threads);

enum class ExpertActivation { SiluGated, SwigluOai };

/// Routed experts of one layer: out [T][n_embd] = sum over the k chosen experts of
/// weight * expert(h) (engine-spec.md 2.0.6), summed in slot order like llama.cpp.
Result<void> moeFfn(const LayerWeights& L, const cpu::RoutingParams& routing, ExpertActivation act,
                    const float* h, size_t nTokens, size_t nEmbd, float* out, unsigned threads);

/// logits [T][n_vocab] from the final residual stream x [T][n_embd].
Result<void> outputHead(const ModelData& m, const float* x, size_t nTokens, float* logits, unsigned threads);

/// The end of every forward pass: the final-norm state into ctx.hiddenOut when an embedder
/// asked for it (no output head), the logits otherwise.
Result<void> finishForward(const ForwardContext& ctx, const float* x, size_t nTokens, float* logits);

/// RoPE parameters of the model (swa: use the sliding-window layers' base frequency).
cpu::RopeParams ropeParams(const HyperParams& hp, const ModelWeights& w, bool swa = false);

/// Routing parameters of the model's MoE layers.
cpu::RoutingParams routingParams(const HyperParams& hp, const LayerWeights& L);

}  // namespace ponder::model::blocks
