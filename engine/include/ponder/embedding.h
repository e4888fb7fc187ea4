/// @brief Text embeddings from a decoder model (Qwen3-Embedding): last-token pooling of the
/// final-norm hidden state, L2-normalised, computed on the CPU or through the Vulkan backend.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "ponder/model.h"
#include "ponder/result.h"
#include "ponder/tokenizer.h"

namespace ponder {

struct EmbedderOptions {
    /// Longest input in tokens (the end-of-text token included); longer texts are cut.
    uint32_t maxTokens = 512;
    unsigned threads = 0;  // 0 = hardware concurrency
    /// Vulkan: the forward pass runs on the GPU and only the pooled row comes back.
    Backend backend = Backend::Cpu;
    std::optional<std::string> device;  // Vulkan only: index ("1") or name substring; unset = best
    /// Vulkan only: texts per forward pass. 0 = as many as the batch's token budget holds
    /// (texts packed into one pass, each still embedded as if alone); 1 = one text per pass.
    uint32_t maxTextsPerPass = 0;
};

/// Turns texts into unit vectors of hparams().nEmbd floats. Qwen3-Embedding's recipe: the
/// text, then the end-of-text token, whose final hidden state is the embedding.
class Embedder {
public:
    static Result<std::unique_ptr<Embedder>> open(const std::filesystem::path& modelPath,
                                                  const EmbedderOptions& options = {});
    ~Embedder();
    Embedder(const Embedder&) = delete;
    Embedder& operator=(const Embedder&) = delete;

    /// Length of every vector.
    uint32_t dimension() const;
    const Model& model() const;
    const Tokenizer& tokenizer() const;

    /// Tokens one forward pass holds: Vulkan's packed batches; maxTokens on the CPU.
    uint32_t batchTokens() const;

    /// The token ids embed() feeds for `text` (truncated, end-of-text appended).
    std::vector<int32_t> inputTokens(std::string_view text) const;

    /// Embeds each text independently; returns [texts.size()][dimension()], row-major, each
    /// row of L2 norm 1 (a zero state stays zero). On Vulkan consecutive texts share forward
    /// passes up to batchTokens() tokens each; the vectors do not depend on the grouping
    /// (beyond rounding).
    Result<std::vector<float>> embed(std::span<const std::string> texts);

    struct Impl;

private:
    explicit Embedder(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace ponder
