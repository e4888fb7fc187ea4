/// @brief Splits streamed model output into reasoning and answer, tag by tag as it arrives.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ponder/chat_template.h"

namespace ponder {

/// How a model marks its reasoning in the text it generates.
enum class ReasoningFormat {
    None,           // plain models: everything is the answer
    ThinkTags,      // Qwen3: output may open with <think>...</think>, then the answer
    ThinkTagsOpen,  // R1 and distills: the prompt already opened <think>, output ends it
    Harmony,        // gpt-oss: <|channel|>analysis<|message|>...<|end|> then final
};

/// The format a model's output will have, given its template and the render options.
ReasoningFormat reasoningFormatFor(const ChatTemplate& tmpl, const ChatRenderOptions& options);

/// One piece of parsed output.
struct ReasoningEvent {
    enum class Kind {
        Reasoning,     // text of the model's thinking
        Answer,        // text of the final answer
        ReasoningEnd,  // a reasoning section that showed text is over (no text of its own)
    };
    Kind kind = Kind::Answer;
    std::string text;
};

/// Incremental parser. Feed text chunks as they are detokenized; chunks may cut a tag
/// anywhere, so a tail that could still become a tag is held back until it is decided.
/// Tags never reach either stream. Leading and trailing blank space of the reasoning, and
/// the blank space between the reasoning and the answer, are dropped.
class ReasoningParser {
public:
    explicit ReasoningParser(ReasoningFormat format);

    /// Parses `chunk` and returns what can be shown now (consecutive events of the same
    /// kind merged).
    std::vector<ReasoningEvent> feed(std::string_view chunk);
    /// Generation ended: releases what was held back (a partial tag is then text).
    std::vector<ReasoningEvent> finish();

    /// True while the output is inside a reasoning section.
    bool inReasoning() const;

private:
    enum class State {
        Start,  // ThinkTags: not yet known whether the output opens with <think>
        Reasoning,
        Answer,
        HarmonyHeader,  // between <|start|> (or the start of output) and <|message|>
        HarmonyBody,    // message text of the channel picked by the header
        Done,           // after harmony's <|return|> / <|call|>: nothing more is shown
    };
    enum class Sink { Reasoning, Answer, Drop };

    void process(bool atEnd);
    bool stepStart(bool atEnd);
    bool stepTagged(bool atEnd);
    bool stepHarmonyHeader(bool atEnd);
    void enterHarmonyBody(std::string_view header);
    void deliver(Sink sink, std::string_view text);
    void closeSection();
    void push(ReasoningEvent::Kind kind, std::string_view text);

    ReasoningFormat m_format;
    State m_state;
    Sink m_sink = Sink::Answer;        // where body text of the current section goes
    std::string m_buffer;              // received, not yet parsed
    std::string m_heldSpace;           // trailing blank space of the reasoning, not yet shown
    bool m_sectionStart = true;        // the current section has shown nothing yet
    bool m_reasoningShown = false;     // some reasoning text was emitted
    bool m_answerShown = false;        // some answer text was emitted
    bool m_reasoningOpen = false;      // a reasoning section is open (for ReasoningEnd)
    bool m_channelTagPending = false;  // the header in m_buffer starts with a kept <|channel|>
    bool m_trimAnswerStart = false;    // the answer follows reasoning: drop its leading space
    std::vector<ReasoningEvent> m_out;
};

/// Splits reasoning text into the steps the UI shows one by one: paragraphs separated by
/// blank lines, and numbered or "Step N" lines even without a blank line before them.
std::vector<std::string> splitReasoningSteps(std::string_view reasoning);

}  // namespace ponder
