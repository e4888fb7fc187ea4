// Streaming split of generated text into reasoning and answer (engine-spec.md 4.6, last
// paragraph). The parser keeps everything not yet decided in m_buffer and only acts on
// what the text so far determines, so the result never depends on where chunks were cut.
#include "ponder/reasoning_parser.h"

#include <algorithm>
#include <array>
#include <utility>

namespace ponder {
namespace {

constexpr std::string_view kThinkOpen = "<think>";
constexpr std::string_view kThinkClose = "</think>";

constexpr std::string_view kStart = "<|start|>";
constexpr std::string_view kEnd = "<|end|>";
constexpr std::string_view kMessage = "<|message|>";
constexpr std::string_view kChannel = "<|channel|>";
constexpr std::string_view kReturn = "<|return|>";
constexpr std::string_view kCall = "<|call|>";
constexpr std::string_view kConstrain = "<|constrain|>";

constexpr std::array<std::string_view, 2> kThinkTags = {kThinkOpen, kThinkClose};
constexpr std::array<std::string_view, 7> kHarmonyBodyTags = {kEnd,     kReturn,  kCall,     kStart,
                                                              kChannel, kMessage, kConstrain};

// A harmony header ("assistant<|channel|>analysis", "assistant to=functions.f<|channel|>
// commentary <|constrain|>json") is short. Output with no <|message|> within this many bytes
// is not harmony at all, and is shown as the answer rather than hidden forever.
constexpr size_t kMaxHeader = 256;

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

struct TagHit {
    size_t pos = std::string_view::npos;
    std::string_view tag;
};

template <size_t N>
TagHit findFirstTag(std::string_view text, const std::array<std::string_view, N>& tags) {
    TagHit hit;
    for (std::string_view tag : tags) {
        const size_t pos = text.find(tag);
        if (pos < hit.pos) hit = {pos, tag};
    }
    return hit;
}

// Length of the longest tail of `text` that is the beginning of some tag but not a whole
// tag: the part that must wait for the next chunk.
template <size_t N>
size_t partialTagTail(std::string_view text, const std::array<std::string_view, N>& tags) {
    size_t longestTag = 0;
    for (std::string_view tag : tags)
        longestTag = std::max(longestTag, tag.size());
    for (size_t len = std::min(text.size(), longestTag - 1); len > 0; --len) {
        const std::string_view tail = text.substr(text.size() - len);
        for (std::string_view tag : tags) {
            if (tag.size() > len && tag.starts_with(tail)) return len;
        }
    }
    return 0;
}

size_t leadingSpace(std::string_view text) {
    size_t n = 0;
    while (n < text.size() && isSpace(text[n]))
        ++n;
    return n;
}

}  // namespace

ReasoningFormat reasoningFormatFor(const ChatTemplate& tmpl, const ChatRenderOptions& options) {
    switch (tmpl.family) {
        case ChatFamily::DeepSeekR1:
            return ReasoningFormat::ThinkTagsOpen;
        case ChatFamily::Qwen3: {
            const bool thinkingOff = tmpl.thinkingSwitch && !options.enableThinking;
            // With thinking off the prompt closed an empty block already; the model may
            // still write one of its own (after /no_think), which ThinkTags hides.
            return tmpl.opensThinking && !thinkingOff ? ReasoningFormat::ThinkTagsOpen
                                                      : ReasoningFormat::ThinkTags;
        }
        case ChatFamily::GptOss:
            return ReasoningFormat::Harmony;
        default:
            return ReasoningFormat::None;
    }
}

ReasoningParser::ReasoningParser(ReasoningFormat format) : m_format(format) {
    switch (format) {
        case ReasoningFormat::None:
            m_state = State::Answer;
            break;
        case ReasoningFormat::ThinkTags:
            m_state = State::Start;
            break;
        case ReasoningFormat::ThinkTagsOpen:
            // The prompt ended with "<think>\n": the first generated token is reasoning.
            m_state = State::Reasoning;
            m_sink = Sink::Reasoning;
            m_reasoningOpen = true;
            break;
        case ReasoningFormat::Harmony:
            m_state = State::HarmonyHeader;
            break;
    }
}

std::vector<ReasoningEvent> ReasoningParser::feed(std::string_view chunk) {
    m_buffer.append(chunk);
    process(false);
    return std::exchange(m_out, {});
}

std::vector<ReasoningEvent> ReasoningParser::finish() {
    process(true);
    if (m_state == State::HarmonyHeader && !m_buffer.empty()) {
        // An unfinished header is dropped, unless the model never used harmony at all and
        // this is plain text: then it is the answer.
        if (!m_reasoningShown && !m_answerShown && m_buffer.find("<|") == std::string::npos) {
            m_sink = Sink::Answer;
            m_sectionStart = true;
            m_trimAnswerStart = true;
            deliver(Sink::Answer, m_buffer);
        }
    }
    m_buffer.clear();
    closeSection();
    m_state = State::Done;
    return std::exchange(m_out, {});
}

bool ReasoningParser::inReasoning() const {
    return m_state == State::Reasoning || (m_state == State::HarmonyBody && m_sink == Sink::Reasoning);
}

void ReasoningParser::process(bool atEnd) {
    for (bool progressed = true; progressed;) {
        switch (m_state) {
            case State::Start:
                progressed = stepStart(atEnd);
                break;
            case State::Reasoning:
            case State::Answer:
            case State::HarmonyBody:
                progressed = stepTagged(atEnd);
                break;
            case State::HarmonyHeader:
                progressed = stepHarmonyHeader(atEnd);
                break;
            case State::Done:
                m_buffer.clear();
                progressed = false;
                break;
        }
    }
}

// ThinkTags: the reasoning block, if any, opens the output (after optional blank space).
bool ReasoningParser::stepStart(bool atEnd) {
    const size_t space = leadingSpace(m_buffer);
    const std::string_view rest = std::string_view(m_buffer).substr(space);
    if (rest.starts_with(kThinkOpen)) {
        m_buffer.erase(0, space + kThinkOpen.size());
        m_state = State::Reasoning;
        m_sink = Sink::Reasoning;
        m_reasoningOpen = true;
        m_sectionStart = true;
        return true;
    }
    if (!atEnd && kThinkOpen.starts_with(rest)) return false;  // blank, or a cut "<thi"
    m_buffer.erase(0, space);
    m_state = State::Answer;
    m_sink = Sink::Answer;
    m_sectionStart = true;
    return true;
}

// Reasoning/answer text up to the next tag of the format; a cut tag at the end waits.
bool ReasoningParser::stepTagged(bool atEnd) {
    const std::string_view text = m_buffer;
    TagHit hit;
    size_t hold = 0;
    if (m_state == State::HarmonyBody) {
        hit = findFirstTag(text, kHarmonyBodyTags);
        if (hit.tag.empty() && !atEnd) hold = partialTagTail(text, kHarmonyBodyTags);
    } else if (m_format != ReasoningFormat::None) {
        hit = findFirstTag(text, kThinkTags);
        if (hit.tag.empty() && !atEnd) hold = partialTagTail(text, kThinkTags);
    }

    if (hit.tag.empty()) {
        const size_t n = text.size() - hold;
        deliver(m_sink, text.substr(0, n));
        m_buffer.erase(0, n);
        return false;  // everything decidable was consumed
    }

    deliver(m_sink, text.substr(0, hit.pos));
    const std::string_view tag = hit.tag;  // points into m_buffer: compare before erasing
    const bool closesThink = tag == kThinkClose;
    const bool endsTurn = tag == kReturn || tag == kCall;
    const bool endsMessage = tag == kEnd || tag == kStart || tag == kChannel;
    // A bare "<|channel|>" starts the next header itself (models sometimes skip
    // "<|end|><|start|>assistant"), so it stays in the buffer for the header to read.
    const bool channelFollows = tag == kChannel;
    m_buffer.erase(0, channelFollows ? hit.pos : hit.pos + hit.tag.size());

    if (m_state == State::Reasoning && closesThink) {
        closeSection();
        m_state = State::Answer;
        m_sink = Sink::Answer;
        m_sectionStart = true;
        m_trimAnswerStart = true;
    } else if (m_state == State::HarmonyBody && (endsTurn || endsMessage)) {
        closeSection();
        m_state = endsTurn ? State::Done : State::HarmonyHeader;
        m_channelTagPending = channelFollows;
    }
    // Any other tag is stray (a second <think>, a lone <|message|>) and is simply dropped.
    return true;
}

bool ReasoningParser::stepHarmonyHeader(bool atEnd) {
    const std::string_view text = m_buffer;
    const size_t pos = text.find(kMessage);
    if (pos != std::string_view::npos && pos <= kMaxHeader) {
        const std::string header(text.substr(0, pos));
        m_buffer.erase(0, pos + kMessage.size());
        m_channelTagPending = false;
        enterHarmonyBody(header);
        return true;
    }
    if (atEnd || text.size() < kMaxHeader + kMessage.size()) return false;
    // Not a header: the model wrote plain text. Show it as the answer. A "<|channel|>"
    // left in place by stepTagged is dropped here so that it cannot bring us straight back.
    if (m_channelTagPending && m_buffer.starts_with(kChannel)) m_buffer.erase(0, kChannel.size());
    m_channelTagPending = false;
    m_state = State::HarmonyBody;
    m_sink = Sink::Answer;
    m_sectionStart = true;
    m_trimAnswerStart = true;
    return true;
}

void ReasoningParser::enterHarmonyBody(std::string_view header) {
    std::string_view channel;
    if (const size_t at = header.find(kChannel); at != std::string_view::npos) {
        channel = header.substr(at + kChannel.size());
        channel = channel.substr(0, std::min(channel.find(' '), channel.find('<')));
    }
    // A message addressed to a recipient is a tool call; Ponder runs no tools yet, so its
    // arguments are neither reasoning nor answer. Commentary without a recipient is a
    // preamble meant for the user.
    const bool toolCall = header.find("to=") != std::string_view::npos;
    if (toolCall) {
        m_sink = Sink::Drop;
    } else if (channel == "analysis") {
        m_sink = Sink::Reasoning;
        m_reasoningOpen = true;
    } else {
        m_sink = Sink::Answer;
        m_trimAnswerStart = true;
    }
    m_state = State::HarmonyBody;
    m_sectionStart = true;
}

void ReasoningParser::deliver(Sink sink, std::string_view text) {
    if (text.empty() || sink == Sink::Drop) return;
    if (sink == Sink::Reasoning) {
        std::string piece;
        if (m_sectionStart) {
            text.remove_prefix(leadingSpace(text));
            if (text.empty()) return;
            m_sectionStart = false;
            // Several analysis messages read as paragraphs of one reasoning.
            if (m_reasoningShown) piece = "\n\n";
        }
        piece = std::move(piece) + std::exchange(m_heldSpace, {}) + std::string(text);
        // Blank space at the end may be the last thing before </think>: hold it until
        // more text shows it is inside the reasoning.
        size_t keep = piece.size();
        while (keep > 0 && isSpace(piece[keep - 1]))
            --keep;
        m_heldSpace = piece.substr(keep);
        piece.resize(keep);
        if (!piece.empty()) {
            push(ReasoningEvent::Kind::Reasoning, piece);
            m_reasoningShown = true;
        }
        return;
    }
    std::string piece;
    if (m_sectionStart) {
        if (m_trimAnswerStart) {
            text.remove_prefix(leadingSpace(text));
            if (text.empty()) return;
            if (m_answerShown) piece = "\n\n";
        }
        m_sectionStart = false;
    }
    piece += text;
    push(ReasoningEvent::Kind::Answer, piece);
    m_answerShown = true;
}

void ReasoningParser::closeSection() {
    m_heldSpace.clear();
    if (m_reasoningOpen) {
        m_reasoningOpen = false;
        // An empty block (Qwen3 with thinking off, or after /no_think) is no reasoning at
        // all: the UI should not announce that thinking ended.
        if (m_reasoningShown) push(ReasoningEvent::Kind::ReasoningEnd, {});
    }
}

void ReasoningParser::push(ReasoningEvent::Kind kind, std::string_view text) {
    if (kind != ReasoningEvent::Kind::ReasoningEnd && !m_out.empty() && m_out.back().kind == kind) {
        m_out.back().text += text;
        return;
    }
    m_out.push_back({kind, std::string(text)});
}

}  // namespace ponder
