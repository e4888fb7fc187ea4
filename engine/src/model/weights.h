// Weights of a model bound by name into the mapped GGUF file, and the binder that checks
// every tensor's presence, shape and type against the hyper-parameters.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cpu/matmul.h"
#include "ponder/gguf.h"
#include "ponder/result.h"

namespace ponder::model {

/// A 3-D expert tensor [cols, rows, nExpert]: expert e is a contiguous Matrix.
struct ExpertMatrices {
    cpu::Matrix first;          // expert 0
    size_t count = 0;
    size_t expertBytes = 0;
    explicit operator bool() const { return count > 0; }
    cpu::Matrix expert(size_t e) const {
        cpu::Matrix m = first;
        m.data = first.data + e * expertBytes;
        return m;
    }
};

/// Per-expert bias rows [rows, nExpert] (gpt-oss), kept as floats.
struct ExpertBiases {
    std::vector<float> values;  // [nExpert][rows]
    size_t rows = 0;
    explicit operator bool() const { return !values.empty(); }
    const float* expert(size_t e) const { return values.data() + e * rows; }
};

/// Everything one layer may have. Absent tensors are empty; the forward code of each
/// architecture uses the ones its binder requires.
struct LayerWeights {
    std::vector<float> attnNorm;                  // [n_embd]
    cpu::Matrix wq, wk, wv, wo;                   // [n_embd, n_head*d] ... [n_head*d_v, n_embd]
    std::vector<float> bq, bk, bv, bo;            // optional biases
    std::vector<float> qNorm, kNorm;              // [d] per head or [n_head*d] full width
    std::vector<float> sinks;                     // [n_head] gpt-oss
    std::vector<float> ffnNorm;                   // [n_embd] (gpt-oss: post_attention_norm)

    // dense FFN
    cpu::Matrix ffnGate, ffnUp, ffnDown;          // [n_embd, n_ff], [n_embd, n_ff], [n_ff, n_embd]
    std::vector<float> ffnGateB, ffnUpB, ffnDownB;

    // mixture of experts
    cpu::Matrix router;                           // [n_embd, n_expert]
    std::vector<float> routerB;                   // [n_expert]
    std::vector<float> expProbsB;                 // [n_expert] selection bias
    ExpertMatrices gateExps, upExps, downExps;    // [n_embd, n_ff_exp, E], ..., [n_ff_exp, n_embd, E]
    ExpertBiases gateExpsB, upExpsB, downExpsB;
    cpu::Matrix gateShexp, upShexp, downShexp;    // shared expert

    // deepseek2 multi-head latent attention
    cpu::Matrix wqA, wqB, wkvAMqa, wkB, wvB, wkvB;
    std::vector<float> qANorm, kvANorm;
    ExpertMatrices kB, vB;                        // per-head slices [n, c, H], [c, v, H]
};

struct ModelWeights {
    cpu::Matrix tokEmbd;                          // [n_embd, n_vocab]
    std::vector<float> outputNorm;                // [n_embd]
    cpu::Matrix output;                           // [n_embd, n_vocab] (== tokEmbd when tied)
    bool tiedOutput = false;
    std::vector<float> outputB;                   // [n_vocab] qwen2 optional
    std::vector<float> ropeFreqs;                 // [n_rot/2] llama3 divisors
    std::vector<LayerWeights> layers;
};

/// Looks tensors up by name and validates them. The first error sticks: later calls return
/// empty views and finish() reports it, so binding code reads as a plain list of tensors.
class WeightBinder {
public:
    explicit WeightBinder(const gguf::File& file) : m_file(file) {}

    bool has(const std::string& name) const { return m_file.findTensor(name) != nullptr; }

    /// A 2-D matrix [ne0, ne1].
    cpu::Matrix matrix(const std::string& name, uint64_t ne0, uint64_t ne1, bool required = true);
    /// A 3-D stack of expert matrices [ne0, ne1, nExpert]; counted as routed weights.
    ExpertMatrices experts(const std::string& name, uint64_t ne0, uint64_t ne1, uint64_t nExpert,
                           bool required = true, bool routed = true);
    /// A small vector [ne0] (norms, biases), dequantized to floats.
    std::vector<float> vector(const std::string& name, uint64_t ne0, bool required = true);
    /// A small 2-D tensor [ne0, ne1] dequantized to floats (per-expert biases).
    ExpertBiases expertBiases(const std::string& name, uint64_t rows, uint64_t nExpert, bool required = true);

    /// Records an error found by the caller (e.g. an inconsistent hyper-parameter).
    void fail(Error error);
    /// The first error, or an error naming a tensor of the file that nothing used.
    Result<void> finish() const;

    uint64_t boundElements() const { return m_boundElements; }
    uint64_t routedElements() const { return m_routedElements; }

private:
    const gguf::TensorInfo* lookup(const std::string& name, std::initializer_list<uint64_t> shape, bool required);

    const gguf::File& m_file;
    std::set<std::string> m_used;
    std::optional<Error> m_error;
    uint64_t m_boundElements = 0;
    uint64_t m_routedElements = 0;
};

/// "blk.<layer>.<suffix>".
std::string layerTensor(uint32_t layer, const char* suffix);

}  // namespace ponder::model
