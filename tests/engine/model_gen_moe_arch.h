// Random-model generation for the two architectures whose tensors differ most from the
// llama family: deepseek2 (multi-head latent attention, both GGUF flavours) and gpt-oss
// (sinks, sliding window, biases everywhere, MXFP4 experts). writeModel() in model_gen.cpp
// hands these architectures to writeMoeArchModel with default options.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>

#include "model_gen.h"

namespace ponder::testgen {

/// deepseek2 choices (engine-spec.md 2.5). Widths are the symbols of the spec: q_r, c, n, r, v.
struct Deepseek2Options {
    uint32_t qLoraRank = 256;      // 0: a plain attn_q (V2-Lite style)
    bool writeQLoraKey = true;     // false: no attention.q_lora_rank key (llama.cpp then needs
                                   // the "lite" layer count 26/27 and reads attn_q)
    uint32_t kvLoraRank = 256;     // c
    uint32_t nopeDim = 32;         // n
    uint32_t ropeDim = 32;         // r (rope.dimension_count)
    uint32_t valueDim = 64;        // v
    bool absorbed = true;          // current converter: attn_k_b/attn_v_b and *_mla keys;
                                   // false: legacy attn_kv_b and per-head K/V keys
    uint32_t leadingDense = 1;
    uint32_t nShared = 1;
    uint32_t gating = 1;           // expert_gating_func: 1 softmax, 2 sigmoid; 0 = key absent
    bool selectionBias = false;    // exp_probs_b.bias (V3)
    uint32_t groups = 0;           // expert_group_count (0 = key absent)
    uint32_t groupsUsed = 0;
    bool weightsNorm = false;      // expert_weights_norm (written only when true, as the converter does)
    float weightsScale = 0.0f;     // expert_weights_scale (0 = key absent)
    float yarnLogMultiplier = 0.0f;  // rope.scaling.yarn_log_multiplier (0 = key absent)
    bool mergedGateUp = false;     // ffn_gate_up_exps instead of ffn_gate_exps + ffn_up_exps
    std::optional<TensorType> kbType;  // attn_k_b's type when it must differ from the file's
    std::optional<TensorType> vbType;  // attn_v_b's type when it must differ from the file's
};

/// gpt-oss choices (engine-spec.md 2.6).
struct GptOssOptions {
    uint32_t slidingWindow = 16;   // small, so a 64-token test crosses it
    uint32_t swaPattern = 0;       // attention.sliding_window_pattern (0 = key absent: 2)
    float ropeFreqBaseSwa = 0.0f;  // rope.freq_base_swa (0 = key absent)
    std::optional<TensorType> expertType;  // e.g. MXFP4 experts beside Q8_0 attention
    bool fusedQkv = false;         // attn_qkv instead of attn_q/k/v
};

struct MoeArchSpec {
    ModelSpec base;  // arch "deepseek2" or "gpt-oss"; nHead, nExpert, ... as usual
    Deepseek2Options ds;
    GptOssOptions oss;
};

/// Writes a deepseek2 or gpt-oss model (and optionally its exact F32 twin). Tensors whose
/// rows are not whole blocks of base.type get llama-quantize's fallback type (a Q4_K file
/// stores attn_k_b, with rows of n = 32 elements, as Q5_0), as real files do.
Result<void> writeMoeArchModel(const MoeArchSpec& spec, const std::filesystem::path& path,
                               const std::filesystem::path& f32Twin = {});

/// llama-quantize's type for a tensor of the wanted type whose rows have ne0 elements.
TensorType fallbackType(TensorType wanted, uint64_t ne0);

}  // namespace ponder::testgen
