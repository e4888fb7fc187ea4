/// @brief The token-by-token generation loop over an abstract model.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ponder/result.h"
#include "ponder/sampler.h"

namespace ponder {

/// The model as the loop needs it: evaluate tokens, return the logits after the last one.
/// Whatever keeps the sequence (a KV cache) lives behind this interface.
class LogitsSource {
public:
    virtual ~LogitsSource() = default;
    /// Appends `tokens` to the sequence evaluated so far and returns the logits predicting
    /// the token after the last of them: [n_vocab]. The span stays valid until the next
    /// call. Fails when the model does (device lost, context full).
    virtual Result<std::span<const float>> evaluate(std::span<const int32_t> tokens) = 0;
};

enum class StopReason {
    EndOfGeneration,  // the model sampled an end-of-generation token
    MaxTokens,        // the token limit was reached
    StopString,       // the text produced a stop string
    Cancelled,        // the caller set the cancel flag
};

struct GenerateOptions {
    /// Most tokens to sample; negative = no limit (the source fails when its context is full).
    int32_t maxTokens = -1;
    /// Token ids that end the turn (the vocabulary's EOG set plus the template's stops).
    std::vector<int32_t> endOfGeneration;
    /// Texts that end the turn; neither they nor anything after them is shown.
    std::vector<std::string> stopStrings;
    /// Checked between tokens; set it from any thread to stop.
    const std::atomic<bool>* cancel = nullptr;
    /// Put the prompt's tokens into the penalties' window first, as llama.cpp's server does,
    /// so that the tail of the prompt counts as "recent".
    bool penalizePrompt = true;
};

struct GenerateCallbacks {
    /// Called once per sampled token (not for the end-of-generation token); returns the text
    /// it adds, from the caller's detokenizer ("" while a UTF-8 character is incomplete).
    std::function<std::string(int32_t token)> tokenText;
    /// Receives text that is final: stop strings are removed, and a tail that might still
    /// become one is held back until it is decided. May be empty.
    std::function<void(std::string_view text)> onText;
};

/// Where the time went (steady clock).
struct GenerationTimings {
    int32_t promptTokens = 0;
    double promptSeconds = 0.0;      // evaluating the prompt
    int32_t generatedTokens = 0;     // tokens sampled, the end-of-generation token included
    double generationSeconds = 0.0;  // from the end of the prompt to the last token sampled
    double firstTokenSeconds = 0.0;  // from the start to the first token sampled

    double promptTokensPerSecond() const { return promptSeconds > 0 ? promptTokens / promptSeconds : 0.0; }
    double generatedTokensPerSecond() const {
        return generationSeconds > 0 ? generatedTokens / generationSeconds : 0.0;
    }
};

struct GenerationResult {
    StopReason stopReason = StopReason::EndOfGeneration;
    /// Every token sampled except an end-of-generation one. The source evaluated all of them
    /// but the last (the loop stops before feeding back the token that ended it).
    std::vector<int32_t> tokens;
    int32_t endToken = -1;   // the end-of-generation token, if that was the reason
    std::string stopString;  // the stop string found, if that was the reason
    GenerationTimings timings;
};

/// Evaluates `prompt`, then samples token by token until a stop condition. Errors from the
/// source are returned as they are; cancelling is not an error (see stopReason).
Result<GenerationResult> generate(LogitsSource& model, SamplerChain& sampler, std::span<const int32_t> prompt,
                                  const GenerateOptions& options, const GenerateCallbacks& callbacks);

}  // namespace ponder
