/// @brief One model ready to chat: weights, tokenizer, chat template, KV cache and the
/// generation loop with reasoning split from the answer. What the CLI and the app drive.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "ponder/chat_template.h"
#include "ponder/generate.h"
#include "ponder/model.h"
#include "ponder/reasoning_parser.h"
#include "ponder/result.h"
#include "ponder/sampler.h"
#include "ponder/tokenizer.h"

namespace ponder {

struct AssistantOptions {
    SessionOptions session;
};

/// What one turn may do.
struct TurnOptions {
    SamplingOverrides sampling;     // the user's choices; unset ones come from the file or defaults
    int32_t maxTokens = -1;         // < 0: until the model ends its turn or the context is full
    bool enableThinking = true;     // Qwen3's switch; ignored by families without one
    std::string reasoningEffort = "medium";  // gpt-oss: low / medium / high
    const std::atomic<bool>* cancel = nullptr;
};

/// Streamed pieces of one turn, in order. Any may be empty.
struct TurnCallbacks {
    std::function<void(std::string_view text)> onReasoning;
    std::function<void(std::string_view text)> onAnswer;
    std::function<void()> onReasoningEnd;
};

struct TurnResult {
    std::string reasoning;
    std::string answer;
    int32_t reasoningTokens = 0;     // tokens sampled while the model was thinking
    double reasoningSeconds = 0.0;   // from the first token to the end of the thinking
    int32_t promptTokens = 0;        // the whole prompt, cached part included
    int32_t promptTokensEvaluated = 0;  // what the KV cache did not already hold
    GenerationResult generation;
};

class Assistant {
public:
    static Result<std::unique_ptr<Assistant>> open(const std::filesystem::path& modelPath,
                                                   const AssistantOptions& options = {});
    ~Assistant();
    Assistant(const Assistant&) = delete;
    Assistant& operator=(const Assistant&) = delete;

    const Model& model() const;
    const Tokenizer& tokenizer() const;
    const ChatTemplate& chatTemplate() const;
    uint32_t contextLength() const;

    /// The sampling a turn uses: the user's overrides, then the file's general.sampling.*
    /// recommendations, then llama.cpp's defaults.
    SamplingParams samplingFor(const SamplingOverrides& user) const;

    /// The prompt text the template makes of `conversation` (ending with the generation prompt).
    std::string renderPrompt(std::span<const ChatMessage> conversation, const TurnOptions& options) const;

    /// Answers the last user message of `conversation`. The KV cache keeps the longest common
    /// prefix with the previous turn, so follow-ups and regenerations only evaluate what is new.
    Result<TurnResult> reply(std::span<const ChatMessage> conversation, const TurnOptions& options,
                             const TurnCallbacks& callbacks);

    /// Continues raw text (no chat template; everything is answer).
    Result<TurnResult> complete(std::string_view text, const TurnOptions& options, const TurnCallbacks& callbacks);

    /// Forgets the KV cache.
    void resetCache();

    struct Impl;

private:
    explicit Assistant(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace ponder
