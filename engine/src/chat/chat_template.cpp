// Family detection from the Jinja text of tokenizer.chat_template, the architecture
// fallback, and what ends a turn. Rendering lives in chat_render.cpp.
#include "ponder/chat_template.h"

#include <string>

namespace ponder {
namespace {

// Templates are Jinja source, so a newline inside a string literal is usually written as the
// two characters '\' 'n', but some templates hold real newlines. Matching against a copy
// with the escapes turned into newlines lets one marker cover both spellings.
std::string unescapeNewlines(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == 'n') {
            out += '\n';
            ++i;
        } else {
            out += text[i];
        }
    }
    return out;
}

// ChatML templates that insert a default system prompt write it as one literal string
// "<|im_start|>system\n<text><|im_end|>"; any quote, brace or '+' in between means the text
// is assembled from variables, which is the user's system message, not a default.
std::string findDefaultChatMLSystem(const std::string& text) {
    const std::string_view open = "<|im_start|>system\n";
    const std::string_view close = "<|im_end|>";
    for (size_t at = text.find(open); at != std::string::npos; at = text.find(open, at + 1)) {
        const size_t begin = at + open.size();
        const size_t end = text.find(close, begin);
        if (end == std::string::npos) break;
        const std::string_view body(text.data() + begin, end - begin);
        if (!body.empty() && body.find_first_of("'\"{}+") == std::string_view::npos) {
            return std::string(body);
        }
    }
    return {};
}

}  // namespace

const char* chatFamilyName(ChatFamily family) {
    switch (family) {
        case ChatFamily::ChatML:
            return "chatml";
        case ChatFamily::Qwen3:
            return "qwen3";
        case ChatFamily::DeepSeekR1:
            return "deepseek-r1";
        case ChatFamily::DeepSeekV3:
            return "deepseek-v3";
        case ChatFamily::DeepSeekV2:
            return "deepseek-v2";
        case ChatFamily::Llama3:
            return "llama3";
        case ChatFamily::GptOss:
            return "gpt-oss";
        case ChatFamily::Mistral:
            return "mistral";
        case ChatFamily::Granite:
            return "granite";
        case ChatFamily::Olmoe:
            return "olmoe";
    }
    return "unknown";
}

bool detectChatTemplate(std::string_view jinjaSource, ChatTemplate& out) {
    const std::string text = unescapeNewlines(jinjaSource);
    auto has = [&text](std::string_view marker) { return text.find(marker) != std::string::npos; };

    ChatTemplate t;
    // Order follows how specific the markers are: harmony and the DeepSeek markers cannot
    // appear by accident, "<|user|>" can.
    if (has("<|start|>") && has("<|channel|>")) {
        t.family = ChatFamily::GptOss;
    } else if (has("<｜Assistant｜>") && has("<｜User｜>") && has("<｜end▁of▁sentence｜>")) {
        // R1 and its distills strip "</think>" from history and open "<think>" in the
        // generation prompt; V3 chat mentions neither.
        t.family = (has("</think>") || has("<think>")) ? ChatFamily::DeepSeekR1 : ChatFamily::DeepSeekV3;
    } else if (has("<|im_start|>")) {
        const bool reasons = has("<think>") || has("enable_thinking") || has("reasoning_content");
        t.family = reasons ? ChatFamily::Qwen3 : ChatFamily::ChatML;
        t.defaultSystem = findDefaultChatMLSystem(text);
        t.opensThinking = reasons && has("<|im_start|>assistant\n<think>\n");
        t.thinkingSwitch = has("enable_thinking");
    } else if (has("<|start_header_id|>") && has("<|end_header_id|>")) {
        t.family = ChatFamily::Llama3;
        t.llamaDateHeader = has("Cutting Knowledge Date");
        t.llamaDateFromClock = t.llamaDateHeader && has("strftime_now");
    } else if (has("[INST]")) {
        t.family = ChatFamily::Mistral;
        // The official v1 template writes ' [INST] ' (leading space) and folds the system
        // message in; Mixtral v0.1 wrote '[INST] ' and rejected system messages.
        t.mistralV1Spacing = has("' [INST] '") || has("\" [INST] \"");
    } else if (has("<|start_of_role|>")) {
        t.family = ChatFamily::Granite;
    } else if (has("'Assistant: ' + message['content'] + eos_token") ||
               (has("User: ") && has("Assistant:") && has("eos_token"))) {
        t.family = ChatFamily::DeepSeekV2;
    } else if (has("<|user|>") && has("<|assistant|>") && !has("<|end|>")) {
        // Tulu layout (OLMoE). "<|end|>" would mean Phi-3, which Ponder does not target.
        t.family = ChatFamily::Olmoe;
        t.olmoeNewlineAfterPrompt = !has("'<|assistant|>' }}") && !has("\"<|assistant|>\" }}");
    } else {
        return false;
    }
    out = std::move(t);
    return true;
}

ChatTemplate templateForArchitecture(std::string_view architecture, std::string_view tokenizerModel) {
    ChatTemplate t;
    if (architecture == "deepseek2") {
        // V3 and R1 files always ship their template; a bare deepseek2 file is V2/V2-Lite.
        t.family = ChatFamily::DeepSeekV2;
    } else if (architecture == "qwen3" || architecture == "qwen3moe") {
        t.family = ChatFamily::Qwen3;
        t.thinkingSwitch = true;
    } else if (architecture == "llama") {
        // Mixtral-era files use SentencePiece; Llama 3 uses byte-level BPE.
        t.family = tokenizerModel == "llama" ? ChatFamily::Mistral : ChatFamily::Llama3;
    } else if (architecture == "gpt-oss") {
        t.family = ChatFamily::GptOss;
    } else if (architecture == "granite" || architecture == "granitemoe") {
        t.family = ChatFamily::Granite;
    } else if (architecture == "olmoe" || architecture == "olmo" || architecture == "olmo2") {
        t.family = ChatFamily::Olmoe;
    } else {
        // llama.cpp also falls back to ChatML when nothing matches.
        t.family = ChatFamily::ChatML;
    }
    return t;
}

ChatTemplate chooseChatTemplate(std::string_view jinjaSource, std::string_view architecture,
                                std::string_view tokenizerModel) {
    ChatTemplate t;
    if (!jinjaSource.empty() && detectChatTemplate(jinjaSource, t)) return t;
    return templateForArchitecture(architecture, tokenizerModel);
}

TurnEnd turnEndFor(const ChatTemplate& tmpl) {
    switch (tmpl.family) {
        case ChatFamily::ChatML:
        case ChatFamily::Qwen3:
            return {{"<|im_end|>", "<|endoftext|>"}, {}};
        case ChatFamily::DeepSeekR1:
        case ChatFamily::DeepSeekV3:
            return {{"<｜end▁of▁sentence｜>"}, {}};
        case ChatFamily::DeepSeekV2:
            // The next user turn is plain text, so a model that skips EOS would go on to
            // write it; stopping there is our choice, not the template's.
            return {{"<｜end▁of▁sentence｜>"}, {"\n\nUser:"}};
        case ChatFamily::Llama3:
            return {{"<|eot_id|>", "<|eom_id|>", "<|end_of_text|>"}, {}};
        case ChatFamily::GptOss:
            // <|end|> closes a message (the analysis before the final answer), not the turn.
            return {{"<|return|>", "<|call|>"}, {}};
        case ChatFamily::Mistral:
            return {{"</s>"}, {"[INST]"}};
        case ChatFamily::Granite:
            return {{"<|end_of_text|>"}, {}};
        case ChatFamily::Olmoe:
            // "<|user|>" is ordinary text in the OLMoE vocabulary, not a control token.
            return {{"<|endoftext|>"}, {"<|user|>"}};
    }
    return {};
}

}  // namespace ponder
