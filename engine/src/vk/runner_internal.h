// The device-side model of the Vulkan runner (weights as views into the weight arena, the
// KV cache, scratch activations) and the recording functions of the forward pass. Shared
// by model_runner.cpp (orchestration), llama_graph.cpp and deepseek2_graph.cpp (what each
// layer records).
#pragma once

#include <cstdint>
#include <vector>

#include "model/arch.h"
#include "vk/batch.h"
#include "vk/buffer.h"
#include "vk/kernels.h"

namespace ponder::vk::detail {

struct GpuLayer {
    BufferSpan attnNorm, ffnNorm;         // f32 [n_embd]
    BufferSpan qNorm, kNorm;              // f32 [d] per head or [n_head*d] full width; may be unset
    WeightView wq, wk, wv, wo;            // [n_embd -> n_head*d], ..., [n_head*d -> n_embd]
    BufferSpan bq, bk, bv, bo;            // optional biases
    WeightView ffnGate, ffnUp, ffnDown;   // dense FFN
    BufferSpan ffnGateB, ffnUpB, ffnDownB;
    WeightView router;                    // [n_embd -> n_expert]
    BufferSpan routerB, expProbsB;        // f32 [n_expert]
    WeightView gateExps, upExps, downExps;        // [E][n_ff_exp][n_embd], ..., [E][n_embd][n_ff_exp]
    WeightView gateShexp, upShexp, downShexp;     // shared expert
    // gpt-oss: per-head sinks, per-expert output biases as F32 tables [E][rows] (gathered by id)
    BufferSpan sinks;                     // f32 [n_head]
    WeightView gateExpsB, upExpsB, downExpsB;
    // deepseek2 multi-head latent attention (engine-spec.md 2.5)
    BufferSpan qANorm, kvANorm;           // f32 [q_lora_rank], [kv_lora_rank]
    WeightView wqA, wqB;                  // [n_embd -> q_lora_rank], [q_lora_rank -> n_head*(n+r)]
    WeightView wkvAMqa;                   // [n_embd -> kv_lora_rank + r]
    WeightView wkvB;                      // legacy: [kv_lora_rank -> n_head*(n+v)]
    WeightView kB, vB;                    // absorbed: per-head [c][n] and [v][c] as expert stacks
    Buffer kCache, vCache;                // [capacity][n_head_kv*d] f16 or f32
    uint64_t activeBytes = 0;             // weight bytes one token reads in this layer
};

struct GpuModel {
    WeightView tokEmbd;                   // [n_vocab][n_embd]
    WeightView output;                    // [n_vocab][n_embd] (may share tokEmbd's bytes)
    BufferSpan outputNorm;                // f32 [n_embd]
    BufferSpan outputB;                   // f32 [n_vocab], optional
    BufferSpan ropeFreqs;                 // f32 [n_rot/2], optional
    std::vector<GpuLayer> layers;
    uint64_t outputBytes = 0;             // bytes of the output head
};

/// Activations for up to maxChunk tokens, reused by every layer and every call.
struct Scratch {
    uint32_t maxChunk = 0;
    Buffer x, h, y;           // f32 [T][n_embd]: residual, normalised input, block output
    Buffer q, k, v;           // f32 [T][n_head*d], [T][n_head_kv*d] x2
    Buffer att;               // f32 [T][n_head*d_v]
    Buffer g, u;              // f32 [T][max(n_ff, k*n_ff_exp, n_ff_shexp)]
    Buffer routeLogits;       // f32 [T][n_expert]
    Buffer ids, weights;      // int32 / f32 [T][k]
    Buffer expOut;            // f32 [T][k][n_embd]
    Buffer shared;            // f32 [T][n_embd] shared-expert output
    Buffer expBias;           // f32 [T][k][max(n_ff_exp, n_embd)] gathered expert biases (gpt-oss)
    Buffer expGroups;         // uint32 (token, slot) pairs by expert (groupExperts) for prompts:
                              // routed experts, or MLA's heads
    Buffer attnPartials;      // f32 split-KV partials of one decode step
    Buffer headIds;           // int32 [T][n_head] = 0..n_head-1: MLA's per-head matrices run
                              // as an expert-routed matvec with every head "selected"
    Buffer tokens;            // host-visible int32 [T]
    Buffer logits;            // host-visible f32 [T][n_vocab]
};

/// What the recording functions work with.
struct Graph {
    Kernels& k;
    Batch& b;
    const model::ModelData& md;
    const GpuModel& m;
    const Scratch& s;
    KvCacheType kvType;
    /// Packed texts (embedding batches, llama graph only): int32 [rows], the first cache row
    /// of each row's text; RoPE positions and the attention mask follow it. Unset: one sequence.
    BufferSpan segStart = {};
};

/// x = embedding rows of the T tokens in s.tokens (times Granite's embedding scale).
Result<void> recordEmbed(const Graph& g, uint32_t T);
/// One transformer block over T tokens at positions startPos..; K/V go into the cache.
Result<void> recordLayer(const Graph& g, uint32_t layer, uint32_t T, uint32_t startPos);
/// Final norm and output head into s.logits: every row, or only row T-1 (into row 0).
Result<void> recordOutput(const Graph& g, uint32_t T, bool lastOnly);

/// Floats per token each scratch buffer needs for a deepseek2 layer (MLA's intermediates).
struct DeepseekScratch {
    uint64_t q = 0, kv = 0, att = 0, ffn = 0, headIds = 0;
};
DeepseekScratch deepseek2Scratch(const HyperParams& hp);

/// recordLayer for deepseek2 (deepseek2_graph.cpp).
Result<void> recordDeepseek2Layer(const Graph& g, uint32_t layer, uint32_t T, uint32_t startPos);

/// Whether recordLayer implements this architecture.
bool graphSupports(Architecture arch);

}  // namespace ponder::vk::detail
