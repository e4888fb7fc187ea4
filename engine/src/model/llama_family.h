// The llama family: pre-norm transformer blocks with RoPE attention and a SwiGLU FFN or a
// routed-expert FFN. llama (dense and Mixtral), qwen2, qwen3, qwen3moe, olmoe and granitemoe
// differ only in which optional tensors exist and a few traits in HyperParams.
#pragma once

#include "model/arch.h"

namespace ponder::model {

/// Which optional tensors an architecture's loader accepts (llama.cpp's TENSOR_NOT_REQUIRED).
struct LlamaFamilyTensors {
    bool outputRequired = false;   // olmoe: no tied-embedding fallback
    bool outputBias = false;       // qwen2: optional output.bias
    bool ropeFreqs = false;        // llama/granite: optional rope_freqs.weight
    bool attnOutBias = false;      // llama/granite: optional attn_output.bias
    bool denseFfnBiases = false;   // llama/granite: optional ffn_{gate,up,down}.bias
};

/// Binds a llama-family model: embeddings, attention (fused attn_qkv or separate q/k/v, with
/// optional biases), Q/K norms per hp.qkNorm, dense or MoE FFN (+ shared expert).
void bindLlamaFamily(WeightBinder& b, const HyperParams& hp, ModelWeights& w, const LlamaFamilyTensors& opt);

/// Binds q/k/v of layer l: a fused attn_qkv (rows q, then k, then v; llama.cpp's loader accepts
/// it) or separate attn_q/k/v, each with its optional bias. Shared with gpt-oss.
void bindQkvProjections(WeightBinder& b, uint32_t l, uint64_t nE, uint64_t nQ, uint64_t nK, uint64_t nV,
                        LayerWeights& L);

/// Forward pass of the family (engine-spec.md 2.1-2.4, 2.7).
Result<void> forwardLlamaFamily(const ForwardContext& ctx, std::span<const int32_t> tokens, uint32_t startPos,
                                float* logits);

/// Checks the family's structural assumptions (head size == n_rot, K and V head sizes equal).
Result<void> validateLlamaFamily(const HyperParams& hp);

}  // namespace ponder::model
