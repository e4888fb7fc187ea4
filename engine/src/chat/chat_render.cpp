// Renders a conversation the way each family's Jinja template does (engine-spec.md 4.6).
// Each function follows the published template of its family step by step; comments mark
// the places where the spec is silent and the behaviour was derived from the template text.
#include "ponder/chat_template.h"

#include <chrono>
#include <cstdio>

namespace ponder {
namespace {

using Messages = std::span<const ChatMessage>;

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Jinja's `trim` filter (Python str.strip()): whitespace on both ends.
std::string trimmed(std::string_view s) {
    size_t begin = 0, end = s.size();
    while (begin < end && isSpace(s[begin]))
        ++begin;
    while (end > begin && isSpace(s[end - 1]))
        --end;
    return std::string(s.substr(begin, end - begin));
}

// Python's str.strip('\n') / lstrip('\n') / rstrip('\n'), used by the Qwen3 template.
std::string_view stripNewlines(std::string_view s, bool left, bool right) {
    while (left && !s.empty() && s.front() == '\n')
        s.remove_prefix(1);
    while (right && !s.empty() && s.back() == '\n')
        s.remove_suffix(1);
    return s;
}

// `content.split('</think>')[-1]`: what follows the last closing tag, or all of it.
std::string_view afterLastThinkClose(std::string_view content) {
    const size_t at = content.rfind("</think>");
    return at == std::string_view::npos ? content : content.substr(at + 8);
}

const char* roleName(ChatRole role) {
    switch (role) {
        case ChatRole::System:
            return "system";
        case ChatRole::User:
            return "user";
        case ChatRole::Assistant:
            return "assistant";
    }
    return "user";
}

bool startsWithSystem(Messages m) {
    return !m.empty() && m.front().role == ChatRole::System;
}

CalendarDate resolveDate(const CalendarDate& given) {
    if (given.year != 0) return given;
    const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    const std::chrono::year_month_day ymd{today};
    return {int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day())};
}

// strftime("%Y-%m-%d") as the gpt-oss template prints it.
std::string isoDate(const CalendarDate& d) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", d.year, d.month, d.day);
    return buf;
}

// strftime("%d %b %Y") in the C locale, as the Llama 3.2 template prints it.
std::string llamaDate(const CalendarDate& d) {
    static const char* const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const unsigned m = d.month >= 1 && d.month <= 12 ? d.month : 1;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02u %s %04d", d.day, months[m - 1], d.year);
    return buf;
}

// The BOS text a family's template prints through `bos_token` when the caller gives none;
// empty for families whose templates print no BOS.
const char* templateBos(ChatFamily family) {
    switch (family) {
        case ChatFamily::DeepSeekR1:
        case ChatFamily::DeepSeekV3:
        case ChatFamily::DeepSeekV2:
            return "<｜begin▁of▁sentence｜>";
        case ChatFamily::Llama3:
            return "<|begin_of_text|>";
        case ChatFamily::Mistral:
            return "<s>";
        case ChatFamily::Olmoe:
            return "<|endoftext|>";
        default:
            return "";
    }
}

std::string bosOf(ChatFamily family, const ChatRenderOptions& o) {
    return o.bosText.empty() ? templateBos(family) : o.bosText;
}
std::string eosOr(const ChatRenderOptions& o, const char* fallback) {
    return o.eosText.empty() ? fallback : o.eosText;
}

// ChatML (Qwen2/2.5): the first message is the system slot; templates with a built-in
// default system prompt print it when the chat starts without one.
void renderChatML(std::string& out, const ChatTemplate& t, Messages msgs, const ChatRenderOptions& o) {
    if (!startsWithSystem(msgs) && !t.defaultSystem.empty()) {
        out += "<|im_start|>system\n" + t.defaultSystem + "<|im_end|>\n";
    }
    for (const ChatMessage& m : msgs) {
        // Earlier reasoning is never shown to a ChatML model; only the answer goes back.
        out += std::string("<|im_start|>") + roleName(m.role) + "\n" + m.content + "<|im_end|>\n";
    }
    if (o.addGenerationPrompt) out += "<|im_start|>assistant\n";
}

// Qwen3: reasoning is kept only for assistant turns after the last user query (multi-step
// tool use); earlier turns show only their answer.
void renderQwen3(std::string& out, const ChatTemplate& t, Messages msgs, const ChatRenderOptions& o) {
    if (!startsWithSystem(msgs) && !t.defaultSystem.empty()) {
        out += "<|im_start|>system\n" + t.defaultSystem + "<|im_end|>\n";
    }
    // The template starts from the last index and moves to the last user message.
    size_t lastQuery = msgs.empty() ? 0 : msgs.size() - 1;
    for (size_t i = msgs.size(); i-- > 0;) {
        if (msgs[i].role == ChatRole::User) {
            lastQuery = i;
            break;
        }
    }
    for (size_t i = 0; i < msgs.size(); ++i) {
        const ChatMessage& m = msgs[i];
        if (m.role != ChatRole::Assistant) {
            out += std::string("<|im_start|>") + roleName(m.role) + "\n" + m.content + "<|im_end|>\n";
            continue;
        }
        std::string_view reasoning = m.reasoning;
        std::string_view content = m.content;
        if (reasoning.empty() && content.find("</think>") != std::string_view::npos) {
            // Reasoning left inline in the content: the template splits it off itself.
            std::string_view before = content.substr(0, content.find("</think>"));
            before = stripNewlines(before, false, true);
            const size_t open = before.rfind("<think>");
            reasoning =
                stripNewlines(open == std::string_view::npos ? before : before.substr(open + 7), true, false);
            content = stripNewlines(afterLastThinkClose(content), true, false);
        }
        const bool last = i + 1 == msgs.size();
        if (i > lastQuery && (last || !reasoning.empty())) {
            out += "<|im_start|>assistant\n<think>\n";
            out += stripNewlines(reasoning, true, true);
            out += "\n</think>\n\n";
            out += stripNewlines(content, true, false);
        } else {
            out += "<|im_start|>assistant\n";
            out += content;
        }
        out += "<|im_end|>\n";
    }
    if (o.addGenerationPrompt) {
        out += "<|im_start|>assistant\n";
        if (t.thinkingSwitch && !o.enableThinking) {
            out += "<think>\n\n</think>\n\n";
        } else if (t.opensThinking) {
            out += "<think>\n";
        }
    }
}

// DeepSeek V3 and R1 (and the R1 distills): every system message goes first, joined by a
// blank line (the V3/R1 templates concatenate them that way).
void renderDeepSeek3(std::string& out, const ChatTemplate& t, Messages msgs, const ChatRenderOptions& o) {
    const bool r1 = t.family == ChatFamily::DeepSeekR1;
    out += bosOf(t.family, o);
    bool firstSystem = true;
    for (const ChatMessage& m : msgs) {
        if (m.role != ChatRole::System) continue;
        if (!firstSystem) out += "\n\n";
        out += m.content;
        firstSystem = false;
    }
    for (const ChatMessage& m : msgs) {
        if (m.role == ChatRole::User) {
            out += "<｜User｜>" + m.content;
        } else if (m.role == ChatRole::Assistant) {
            // R1 never sees its own reasoning again: everything up to the last </think> goes.
            const std::string_view answer = r1 ? afterLastThinkClose(m.content) : std::string_view(m.content);
            out += "<｜Assistant｜>";
            out += answer;
            out += "<｜end▁of▁sentence｜>";
        }
    }
    if (o.addGenerationPrompt) out += r1 ? "<｜Assistant｜><think>\n" : "<｜Assistant｜>";
}

void renderDeepSeek2(std::string& out, const ChatTemplate& t, Messages msgs, const ChatRenderOptions& o) {
    out += bosOf(t.family, o);
    const std::string eos = eosOr(o, "<｜end▁of▁sentence｜>");
    for (const ChatMessage& m : msgs) {
        switch (m.role) {
            case ChatRole::System:
                out += m.content + "\n\n";
                break;
            case ChatRole::User:
                out += "User: " + m.content + "\n\n";
                break;
            case ChatRole::Assistant:
                out += "Assistant: " + m.content + eos;
                break;
        }
    }
    if (o.addGenerationPrompt) out += "Assistant:";
}

void renderLlama3(std::string& out, const ChatTemplate& t, Messages msgs, const ChatRenderOptions& o) {
    out += bosOf(t.family, o);
    if (t.llamaDateHeader) {
        // 3.1+ always prints a system block; the user's system message (trimmed) ends it.
        std::string system;
        if (startsWithSystem(msgs)) {
            system = trimmed(msgs.front().content);
            msgs = msgs.subspan(1);
        }
        // 3.1 only knows date_string's default; 3.2+ asks the clock.
        const std::string date = t.llamaDateFromClock ? llamaDate(resolveDate(o.today)) : "26 Jul 2024";
        out += "<|start_header_id|>system<|end_header_id|>\n\n";
        out += "Cutting Knowledge Date: December 2023\n";
        out += "Today Date: " + date + "\n\n";
        out += system + "<|eot_id|>";
    }
    for (const ChatMessage& m : msgs) {
        out += std::string("<|start_header_id|>") + roleName(m.role) + "<|end_header_id|>\n\n" +
               trimmed(m.content) + "<|eot_id|>";
    }
    if (o.addGenerationPrompt) out += "<|start_header_id|>assistant<|end_header_id|>\n\n";
}

// gpt-oss harmony, as its published template renders a chat without tools: a fixed system
// message, the user's system prompt as a developer message, past answers on the final
// channel with their analysis dropped.
void renderHarmony(std::string& out, Messages msgs, const ChatRenderOptions& o) {
    out += "<|start|>system<|message|>You are ChatGPT, a large language model trained by OpenAI.\n";
    out += "Knowledge cutoff: 2024-06\n";
    out += "Current date: " + isoDate(resolveDate(o.today)) + "\n\n";
    out += "Reasoning: " + (o.reasoningEffort.empty() ? std::string("medium") : o.reasoningEffort) + "\n\n";
    out +=
        "# Valid channels: analysis, commentary, final. Channel must be included for every message.<|end|>";
    if (startsWithSystem(msgs)) {
        if (!msgs.front().content.empty()) {
            out += "<|start|>developer<|message|># Instructions\n\n" + msgs.front().content + "\n\n<|end|>";
        }
        msgs = msgs.subspan(1);
    }
    for (size_t i = 0; i < msgs.size(); ++i) {
        const ChatMessage& m = msgs[i];
        if (m.role == ChatRole::User) {
            out += "<|start|>user<|message|>" + m.content + "<|end|>";
        } else if (m.role == ChatRole::Assistant) {
            const bool last = i + 1 == msgs.size();
            if (last && !o.addGenerationPrompt) {
                // Only when the chat ends on an answer (training-style rendering) does the
                // template keep the analysis and close with <|return|>.
                if (!m.reasoning.empty()) {
                    out += "<|start|>assistant<|channel|>analysis<|message|>" + m.reasoning + "<|end|>";
                }
                out += "<|start|>assistant<|channel|>final<|message|>" + m.content + "<|return|>";
            } else {
                out += "<|start|>assistant<|channel|>final<|message|>" + m.content + "<|end|>";
            }
        }
        // Later system messages have no place in the harmony loop; the template skips them.
    }
    if (o.addGenerationPrompt) out += "<|start|>assistant";
}

// Mistral instruct. Neither layout has a system role of its own: v1 folds the system text
// into the first user turn; for v0.1 (whose template rejects system messages) we fold it
// the same way rather than lose it.
void renderMistral(std::string& out, const ChatTemplate& t, Messages msgs, const ChatRenderOptions& o) {
    std::string system;
    if (startsWithSystem(msgs)) {
        system = msgs.front().content;
        msgs = msgs.subspan(1);
    }
    const std::string eos = eosOr(o, "</s>");
    out += bosOf(t.family, o);
    bool firstUser = true;
    for (const ChatMessage& m : msgs) {
        if (m.role == ChatRole::User) {
            std::string text = m.content;
            if (firstUser && !system.empty()) text = system + "\n\n" + text;
            firstUser = false;
            out += (t.mistralV1Spacing ? " [INST] " : "[INST] ") + text + " [/INST]";
        } else if (m.role == ChatRole::Assistant) {
            out += (t.mistralV1Spacing ? " " : "") + m.content + eos;
        }
    }
    // No generation prompt: the turn is already open after "[/INST]".
}

void renderGranite(std::string& out, Messages msgs, const ChatRenderOptions& o) {
    for (const ChatMessage& m : msgs) {
        out += std::string("<|start_of_role|>") + roleName(m.role) + "<|end_of_role|>" + m.content +
               "<|end_of_text|>\n";
    }
    if (o.addGenerationPrompt) out += "<|start_of_role|>assistant<|end_of_role|>";
}

// OLMoE instruct uses the Tulu layout: "<|role|>\n" + text, a newline between messages and
// EOS after each answer.
void renderOlmoe(std::string& out, const ChatTemplate& t, Messages msgs, const ChatRenderOptions& o) {
    out += bosOf(t.family, o);
    const std::string eos = eosOr(o, "<|endoftext|>");
    for (size_t i = 0; i < msgs.size(); ++i) {
        const ChatMessage& m = msgs[i];
        const bool last = i + 1 == msgs.size();
        switch (m.role) {
            case ChatRole::System:
                out += "<|system|>\n" + m.content + "\n";
                break;
            case ChatRole::User:
                out += "<|user|>\n" + m.content + "\n";
                break;
            case ChatRole::Assistant:
                out += "<|assistant|>\n" + m.content + eos + (last ? "" : "\n");
                break;
        }
    }
    if (o.addGenerationPrompt) out += t.olmoeNewlineAfterPrompt ? "<|assistant|>\n" : "<|assistant|>";
}

}  // namespace

std::string renderChat(const ChatTemplate& tmpl, std::span<const ChatMessage> messages,
                       const ChatRenderOptions& options) {
    std::string out;
    switch (tmpl.family) {
        case ChatFamily::ChatML:
            renderChatML(out, tmpl, messages, options);
            break;
        case ChatFamily::Qwen3:
            renderQwen3(out, tmpl, messages, options);
            break;
        case ChatFamily::DeepSeekR1:
        case ChatFamily::DeepSeekV3:
            renderDeepSeek3(out, tmpl, messages, options);
            break;
        case ChatFamily::DeepSeekV2:
            renderDeepSeek2(out, tmpl, messages, options);
            break;
        case ChatFamily::Llama3:
            renderLlama3(out, tmpl, messages, options);
            break;
        case ChatFamily::GptOss:
            renderHarmony(out, messages, options);
            break;
        case ChatFamily::Mistral:
            renderMistral(out, tmpl, messages, options);
            break;
        case ChatFamily::Granite:
            renderGranite(out, messages, options);
            break;
        case ChatFamily::Olmoe:
            renderOlmoe(out, tmpl, messages, options);
            break;
    }
    // The tokenizer will add BOS itself; a second one from the template would shift the
    // model off its training distribution (llama.cpp strips it the same way).
    const std::string bos = options.bosText.empty() ? templateBos(tmpl.family) : options.bosText;
    if (options.vocabAddsBos && !bos.empty() && out.starts_with(bos)) out.erase(0, bos.size());
    return out;
}

}  // namespace ponder
