// ponder-cli generate: text from a model, streamed. Output is JSON lines: one object per
// streamed piece ({"reasoning": "..."} or {"answer": "..."}), then a summary object with
// "done": true. --format text prints plain text instead (reasoning under a heading).
#include <cstdio>
#include <string>

#include "backend_option.h"
#include "command.h"
#include "json_writer.h"
#include "ponder/assistant.h"

namespace ponder::cli {
namespace {

const char* stopReasonName(StopReason r) {
    switch (r) {
    case StopReason::EndOfGeneration: return "end_of_generation";
    case StopReason::MaxTokens: return "max_tokens";
    case StopReason::StopString: return "stop_string";
    case StopReason::Cancelled: return "cancelled";
    }
    return "unknown";
}

void emit(const char* key, std::string_view text) {
    JsonWriter j;
    j.beginObject().key(key).value(text).endObject();
    std::printf("%s\n", j.str().c_str());
    std::fflush(stdout);
}

Result<void> run(const Args& args) {
    auto model = args.require("model");
    if (!model) return model.error();
    auto prompt = args.require("prompt");
    if (!prompt) return prompt.error();
    const bool chat = args.has("chat");
    const std::string format = args.get("format", "json");
    if (format != "json" && format != "text") return makeError(ErrorCode::InvalidArgument, "--format must be json or text");
    const bool json = format == "json";
    auto session = sessionOptionsFrom(args);
    if (!session) return session.error();

    TurnOptions turn;
    auto maxTokens = args.getInt("max-tokens", 256);
    if (!maxTokens) return maxTokens.error();
    turn.maxTokens = static_cast<int32_t>(*maxTokens);
    if (args.has("temp")) {
        auto v = args.getDouble("temp", 0);
        if (!v) return v.error();
        turn.sampling.temperature = static_cast<float>(*v);
    }
    if (args.has("seed")) {
        auto v = args.getInt("seed", 0);
        if (!v) return v.error();
        turn.sampling.seed = static_cast<uint32_t>(*v);
    }
    turn.enableThinking = !args.has("no-think");
    const std::string system = args.get("system", "");
    if (auto unused = args.unused(); !unused.empty()) {
        return makeError(ErrorCode::InvalidArgument, "unknown option --" + unused.front());
    }

    AssistantOptions options;
    options.session = *session;
    auto assistant = Assistant::open(*model, options);
    if (!assistant) return assistant.error();

    bool headingShown = false;
    TurnCallbacks callbacks;
    callbacks.onReasoning = [&](std::string_view text) {
        if (json) return emit("reasoning", text);
        if (!headingShown) std::printf("[thinking]\n");
        headingShown = true;
        std::fwrite(text.data(), 1, text.size(), stdout);
        std::fflush(stdout);
    };
    callbacks.onReasoningEnd = [&] {
        if (!json) std::printf("\n[answer]\n");
    };
    callbacks.onAnswer = [&](std::string_view text) {
        if (json) return emit("answer", text);
        std::fwrite(text.data(), 1, text.size(), stdout);
        std::fflush(stdout);
    };

    Result<TurnResult> result = makeError(ErrorCode::Internal, "not run");
    if (chat) {
        std::vector<ChatMessage> conversation;
        if (!system.empty()) conversation.push_back({ChatRole::System, system, {}});
        conversation.push_back({ChatRole::User, *prompt, {}});
        result = (*assistant)->reply(conversation, turn, callbacks);
    } else {
        result = (*assistant)->complete(*prompt, turn, callbacks);
    }
    if (!result) return result.error();
    const GenerationTimings& t = result->generation.timings;
    if (json) {
        JsonWriter j;
        j.beginObject()
            .key("done").value(true)
            .key("stop_reason").value(stopReasonName(result->generation.stopReason))
            .key("prompt_tokens").value(result->promptTokens)
            .key("generated_tokens").value(t.generatedTokens)
            .key("reasoning_tokens").value(result->reasoningTokens)
            .key("prompt_tps").value(t.promptTokensPerSecond())
            .key("generation_tps").value(t.generatedTokensPerSecond())
            .key("reasoning").value(result->reasoning)
            .key("answer").value(result->answer)
            .endObject();
        std::printf("%s\n", j.str().c_str());
    } else {
        std::printf("\n");
    }
    return {};
}

const CommandRegistration registration({
    "generate",
    "generate --model F --prompt P [--chat] [--system S] [--no-think] [--max-tokens N] [--temp T] [--seed S] "
    "[--backend cpu|vulkan] [--context N] [--kv-type f16|f32] [--format json|text]",
    "Generates text; with --chat the prompt goes through the model's chat template and reasoning is split "
    "from the answer.",
    &run,
});

}  // namespace
}  // namespace ponder::cli
