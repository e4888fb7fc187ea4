// The generation loop: evaluate, sample, report, repeat.
#include "ponder/generate.h"

#include <algorithm>
#include <chrono>
#include <utility>

namespace ponder {
namespace {

using Clock = std::chrono::steady_clock;

double secondsBetween(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double>(b - a).count();
}

// Finds stop strings in streamed text. Text is released only when no stop string can start
// inside it: the longest tail that is a beginning of some stop string waits for more.
class StopStringMatcher {
public:
    explicit StopStringMatcher(const std::vector<std::string>& stops) {
        for (const std::string& s : stops) {
            if (!s.empty()) m_stops.push_back(s);
        }
    }

    // Adds text; returns the index of the stop string found (text before it is in
    // `released`, the rest is discarded) or -1 (then `released` is what is safe to show).
    int add(std::string_view text, std::string& released) {
        m_pending += text;
        size_t bestPos = std::string::npos;
        int best = -1;
        for (size_t i = 0; i < m_stops.size(); ++i) {
            const size_t pos = m_pending.find(m_stops[i]);
            if (pos < bestPos) {
                bestPos = pos;
                best = int(i);
            }
        }
        if (best >= 0) {
            released = m_pending.substr(0, bestPos);
            m_pending.clear();
            return best;
        }
        const size_t hold = partialTail();
        released = m_pending.substr(0, m_pending.size() - hold);
        m_pending.erase(0, m_pending.size() - hold);
        return -1;
    }

    std::string flush() { return std::exchange(m_pending, {}); }
    const std::string& stop(int index) const { return m_stops[size_t(index)]; }

private:
    size_t partialTail() const {
        size_t longest = 0;
        for (const std::string& s : m_stops) {
            const size_t maxLen = std::min(s.size() - 1, m_pending.size());
            for (size_t len = maxLen; len > longest; --len) {
                if (std::string_view(m_pending).substr(m_pending.size() - len) ==
                    std::string_view(s).substr(0, len)) {
                    longest = len;
                    break;
                }
            }
        }
        return longest;
    }

    std::vector<std::string> m_stops;
    std::string m_pending;
};

}  // namespace

Result<GenerationResult> generate(LogitsSource& model, SamplerChain& sampler, std::span<const int32_t> prompt,
                                  const GenerateOptions& options, const GenerateCallbacks& callbacks) {
    if (prompt.empty()) return makeError(ErrorCode::InvalidArgument, "generate: the prompt has no tokens");

    GenerationResult result;
    auto cancelled = [&] { return options.cancel && options.cancel->load(std::memory_order_relaxed); };
    auto isEnd = [&](int32_t token) {
        return std::find(options.endOfGeneration.begin(), options.endOfGeneration.end(), token) !=
               options.endOfGeneration.end();
    };
    StopStringMatcher matcher(options.stopStrings);
    auto show = [&](std::string_view text) {
        if (!text.empty() && callbacks.onText) callbacks.onText(text);
    };

    const Clock::time_point start = Clock::now();
    result.timings.promptTokens = int32_t(prompt.size());
    if (cancelled()) {
        result.stopReason = StopReason::Cancelled;
        return result;
    }
    Result<std::span<const float>> logits = model.evaluate(prompt);
    if (!logits) return logits.error();
    const Clock::time_point promptDone = Clock::now();
    result.timings.promptSeconds = secondsBetween(start, promptDone);
    if (options.penalizePrompt) {
        for (int32_t token : prompt)
            sampler.accept(token);
    }

    auto finishTimings = [&] { result.timings.generationSeconds = secondsBetween(promptDone, Clock::now()); };
    while (true) {
        if (cancelled()) {
            result.stopReason = StopReason::Cancelled;
            break;
        }
        if (options.maxTokens >= 0 && result.timings.generatedTokens >= options.maxTokens) {
            result.stopReason = StopReason::MaxTokens;
            break;
        }
        const int32_t token = sampler.sample(*logits);
        sampler.accept(token);
        if (result.timings.generatedTokens++ == 0)
            result.timings.firstTokenSeconds = secondsBetween(start, Clock::now());
        if (isEnd(token)) {
            result.stopReason = StopReason::EndOfGeneration;
            result.endToken = token;
            break;
        }
        result.tokens.push_back(token);
        if (callbacks.tokenText) {
            std::string released;
            const int stop = matcher.add(callbacks.tokenText(token), released);
            show(released);
            if (stop >= 0) {
                result.stopReason = StopReason::StopString;
                result.stopString = matcher.stop(stop);
                break;
            }
        }
        if (options.maxTokens >= 0 && result.timings.generatedTokens >= options.maxTokens) {
            // Do not pay for evaluating a token whose logits nobody will use.
            result.stopReason = StopReason::MaxTokens;
            break;
        }
        logits = model.evaluate(std::span<const int32_t>(&token, 1));
        if (!logits) return logits.error();
    }
    finishTimings();
    // Whatever waited for a stop string that never came is part of the answer.
    if (result.stopReason != StopReason::StopString) show(matcher.flush());
    return result;
}

}  // namespace ponder
