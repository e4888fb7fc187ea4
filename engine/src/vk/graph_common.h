// Recording helpers shared by the per-architecture graphs (llama_graph.cpp,
// deepseek2_graph.cpp): projections, copies, residual adds and the FFN blocks, each the
// GPU form of the matching step of model/blocks.cpp.
#pragma once

#include <cstdint>

#include "vk/runner_internal.h"

namespace ponder::vk::detail {

inline BufferSpan whole(const Buffer& b) { return BufferSpan(b); }

/// y [T][rows] = W x [T][cols] (+ bias): matvec for one token, the tiled matmul for several.
Result<void> linear(const Graph& g, const WeightView& w, const BufferSpan& bias, BufferSpan x, BufferSpan y,
                    uint32_t T);

/// out[outOffset + i] = a[aOffset + i] for i < n (element offsets); f16Out rounds to half.
Result<void> copyElements(const Graph& g, BufferSpan a, uint32_t aOffset, BufferSpan out, uint32_t outOffset,
                          uint32_t n, bool f16Out);

/// s.x += s.y (times Granite's residual scale when set), n elements.
Result<void> residual(const Graph& g, uint32_t n);

/// The model's RoPE parameters; swa picks the sliding-window layers' base (gpt-oss).
RopeConfig ropeConfig(const Graph& g, bool swa = false);

/// Gated FFN out [T][n_embd] = down(silu(gate h + bg) * (up h + bu)) + bd, reading s.h.
Result<void> denseFfn(const Graph& g, const WeightView& gate, const WeightView& up, const WeightView& down,
                      const BufferSpan& gateB, const BufferSpan& upB, const BufferSpan& downB, BufferSpan out,
                      uint32_t T);

/// Groups sel's (token, slot) pairs by expert into s.expGroups when expertProduct will use
/// them (prompts with enough tokens per expert); nothing otherwise. Record before
/// expertProduct, with a barrier between.
Result<void> groupForProduct(const Graph& g, const ExpertSelection& sel, uint32_t nExpert);

/// y [T][k][rows] = the selected experts' W x (w.experts experts, the nExpert of
/// groupForProduct): the expert-grouped matmul over s.expGroups for prompts, matvecId for
/// decode and short prompts (same semantics either way).
Result<void> expertProduct(const Graph& g, const WeightView& w, BufferSpan x, const ExpertSelection& sel,
                           BufferSpan y);

/// Routed experts (+ shared expert when the layer has one) of s.h into s.y.
Result<void> moeFfn(const Graph& g, const GpuLayer& L, uint32_t T);

}  // namespace ponder::vk::detail
