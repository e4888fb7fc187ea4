// Random-model generator for tests and benchmarks: writes GGUF files that both Ponder and
// llama.cpp load (every tensor used, exact metadata types, a small real tokenizer), with
// weights quantized to a chosen type and, optionally, an "F32 twin" holding exactly the
// dequantized weights for float-exact comparisons.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "ponder/gguf.h"
#include "ponder/result.h"
#include "ponder/tensor_type.h"

namespace ponder::testgen {

struct ModelSpec {
    /// llama, mixtral (llama with experts), qwen2, qwen3, qwen3moe, olmoe, granitemoe.
    std::string arch = "llama";
    /// Type of the large matrices (embeddings, projections, experts, output head). Norms,
    /// routers and biases stay F32 as in real files.
    TensorType type = TensorType::F32;
    uint32_t nEmbd = 64;
    uint32_t nLayer = 2;
    uint32_t nHead = 4;
    uint32_t nHeadKv = 2;
    uint32_t headDim = 0;        // 0 = nEmbd / nHead
    uint32_t nFf = 128;          // dense FFN width (MoE archs: expert width unless nFfExp)
    uint32_t nExpert = 0;        // MoE archs: defaults to 8 when 0
    uint32_t nExpertUsed = 0;    // defaults to 2
    uint32_t nFfExp = 0;         // qwen3moe expert width; 0 = nFf
    uint32_t nFfShexp = 0;       // granitemoe shared expert width (0 = none)
    uint32_t nCtx = 256;         // context_length
    uint32_t nVocab = 512;       // synthetic vocabulary size (>= 258)
    /// Copy tokenizer.* metadata from this GGUF instead of the synthetic vocabulary; the
    /// vocabulary size then follows that file.
    std::filesystem::path borrowVocab;
    uint64_t seed = 1;
    float ropeFreqBase = 10000.0f;
    float yarnFactor = 0.0f;     // > 0: rope.scaling.type yarn with this factor
    uint32_t yarnOrigCtx = 64;
    bool ropeFreqs = false;      // llama: add rope_freqs.weight (Llama-3 style divisors)
    bool tiedOutput = false;     // omit output.weight (not for olmoe)
    bool attnBiases = false;     // llama: add q/k/v biases (qwen2 always has them)
    float normEps = 1e-5f;

    // Hooks for tests of the loader's error handling (malformed models on purpose).
    std::function<void(gguf::Writer&)> tweakMetadata;  // runs after the standard keys
    std::vector<std::string> omitTensors;               // names not written
    std::vector<std::string> extraTensors;              // F32 [32] tensors added at the end
};

/// Writes the model to `path` and, when `f32Twin` is not empty, the same weights
/// dequantized to F32 there. Fails with a clear message for impossible specs (e.g. a row
/// length that is not a whole number of blocks of the chosen type).
Result<void> writeModel(const ModelSpec& spec, const std::filesystem::path& path,
                        const std::filesystem::path& f32Twin = {});

/// A tiny qwen3 model (64 wide, 2 layers, context 512) of the shape the document tests use as
/// a Qwen3-Embedding stand-in.
ModelSpec tinyEmbeddingSpec(uint64_t seed);

/// The general.architecture written for spec.arch ("mixtral" -> "llama").
std::string ggufArchName(const std::string& arch);

/// Every architecture name writeModel accepts.
std::vector<std::string> supportedArchs();

}  // namespace ponder::testgen
