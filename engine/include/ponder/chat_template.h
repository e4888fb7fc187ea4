/// @brief Chat templates: detect a model's prompt format and render conversations into it.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ponder {

/// The prompt formats Ponder renders natively (engine-spec.md 4.6). A GGUF carries its
/// template as Jinja source; instead of interpreting Jinja we recognise the family by the
/// markers its text contains (as llama.cpp's llm_chat_detect_template does) and render
/// the family in C++.
enum class ChatFamily {
    ChatML,      // Qwen2 / Qwen2.5: <|im_start|>role\n...<|im_end|>\n
    Qwen3,       // ChatML + <think> reasoning, switchable with enable_thinking
    DeepSeekR1,  // DeepSeek-R1 and its distills: <｜User｜>/<｜Assistant｜>, opens <think>\n
    DeepSeekV3,  // DeepSeek-V3 chat: same markers, no reasoning
    DeepSeekV2,  // DeepSeek-V2 / V2-Lite chat: "User: ...\n\nAssistant: ..."
    Llama3,      // Llama 3.x: <|start_header_id|>role<|end_header_id|>\n\n...<|eot_id|>
    GptOss,      // gpt-oss harmony: <|start|>role<|channel|>...<|message|>...<|end|>
    Mistral,     // Mixtral / Mistral instruct: [INST] ... [/INST]
    Granite,     // Granite 3.x: <|start_of_role|>role<|end_of_role|>...<|end_of_text|>
    Olmoe,       // OLMoE instruct (Tulu format): <|user|>\n...\n<|assistant|>\n
};

/// A stable lower-case name for a family (logs, settings, tests).
const char* chatFamilyName(ChatFamily family);

/// A family plus the details in which real templates of that family differ.
struct ChatTemplate {
    ChatFamily family = ChatFamily::ChatML;
    /// ChatML/Qwen3: the system message the template inserts when the chat has none
    /// (Qwen2.5: "You are Qwen, created by Alibaba Cloud. ..."); empty when it inserts none.
    std::string defaultSystem;
    /// Qwen3 family: the generation prompt already opens "<think>\n" (QwQ, Qwen3-2507
    /// thinking), so the model's output starts inside its reasoning, as with R1.
    bool opensThinking = false;
    /// Qwen3 family: the template honours enable_thinking (false renders an empty block).
    bool thinkingSwitch = false;
    /// Llama 3.1+: a system header with "Cutting Knowledge Date" / "Today Date" is always
    /// emitted. Llama 3.0 has none.
    bool llamaDateHeader = false;
    /// Llama 3.2+: "Today Date" comes from the clock (strftime_now); 3.1 uses a fixed default.
    bool llamaDateFromClock = false;
    /// Mistral: the official "v1" layout (" [INST] " with spaces, system text folded into
    /// the first user turn) versus the older Mixtral v0.1 layout ("[INST] " ... " [/INST]").
    bool mistralV1Spacing = false;
    /// OLMoE: the generation prompt ends with a newline ("<|assistant|>\n").
    bool olmoeNewlineAfterPrompt = true;
};

/// Detects the family from `tokenizer.chat_template`. Returns false when the text matches
/// no known family (then use templateForArchitecture).
bool detectChatTemplate(std::string_view jinjaSource, ChatTemplate& out);

/// A fallback when a file has no template or an unknown one, from `general.architecture`
/// and `tokenizer.ggml.model` ("llama" = SentencePiece, "gpt2" = byte-level BPE).
ChatTemplate templateForArchitecture(std::string_view architecture, std::string_view tokenizerModel = {});

/// detectChatTemplate, else templateForArchitecture.
ChatTemplate chooseChatTemplate(std::string_view jinjaSource, std::string_view architecture,
                                std::string_view tokenizerModel = {});

enum class ChatRole { System, User, Assistant };

/// One message. Assistant messages keep their reasoning apart from the answer so that
/// each family can decide whether to feed it back (most never do).
struct ChatMessage {
    ChatRole role = ChatRole::User;
    std::string content;
    std::string reasoning;
};

/// A calendar date for templates that print one (gpt-oss "Current date", Llama 3.2).
struct CalendarDate {
    int year = 0;  // 0 = unset: use today's date (UTC)
    unsigned month = 1;
    unsigned day = 1;
};

/// What a template needs besides the messages (the Jinja variables llama.cpp passes).
struct ChatRenderOptions {
    /// Texts of the vocabulary's BOS / EOS tokens; empty = the family's usual text.
    std::string bosText;
    std::string eosText;
    /// The tokenizer adds BOS by itself (tokenizer.ggml.add_bos_token): a BOS at the start
    /// of the rendered text is then removed so the prompt does not get two (llama.cpp does
    /// the same after rendering).
    bool vocabAddsBos = false;
    /// Append the assistant's turn opening so the model answers next.
    bool addGenerationPrompt = true;
    /// Qwen3: false renders the empty "<think>\n\n</think>\n\n" block (thinking off).
    bool enableThinking = true;
    /// gpt-oss: "low", "medium" (the template's default) or "high".
    std::string reasoningEffort = "medium";
    CalendarDate today;
};

/// Renders `messages` into the prompt text of the model's template. Only the first
/// system message is treated as the system prompt by families that have one slot for it.
std::string renderChat(const ChatTemplate& tmpl, std::span<const ChatMessage> messages,
                       const ChatRenderOptions& options = {});

/// What ends an assistant turn of a family.
struct TurnEnd {
    /// Texts of tokens that end the turn; map them to ids with the vocabulary and add the
    /// vocabulary's own end-of-generation set. Never contains harmony's "<|end|>".
    std::vector<std::string> stopTokenTexts;
    /// Plain-text stops for families whose turn markers are not single special tokens.
    std::vector<std::string> stopStrings;
};

TurnEnd turnEndFor(const ChatTemplate& tmpl);

}  // namespace ponder
