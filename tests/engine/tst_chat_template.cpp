// Chat templates: family detection from template text, the architecture fallback, and the
// exact prompt each family renders. Expected prompts are written out by hand from
// engine-spec.md 4.6 and the families' published templates, never produced by the code.

#include <QRegularExpression>
#include <QtTest>

#include <vector>

#include "ponder/chat_template.h"

using namespace ponder;

#define COMPARE_STR(actual, expected) \
    QCOMPARE(QString::fromStdString(actual), QString::fromStdString(expected))

namespace {

// The conversation most tests render: a system prompt, one finished exchange whose answer
// carries reasoning, and a new question.
std::vector<ChatMessage> twoTurns() {
    return {
        {ChatRole::System, "Be brief.", ""},
        {ChatRole::User, "What is 2+2?", ""},
        {ChatRole::Assistant, "4", "2 plus 2 makes 4."},
        {ChatRole::User, "And 3+3?", ""},
    };
}

ChatTemplate family(ChatFamily f) {
    ChatTemplate t;
    t.family = f;
    return t;
}

ChatTemplate detected(const char* source) {
    ChatTemplate t;
    if (!detectChatTemplate(source, t)) qFatal("template not detected: %s", source);
    return t;
}

}  // namespace

class TestChatTemplate : public QObject {
    Q_OBJECT

private slots:
    void detectsFamiliesFromTemplateText();
    void unknownTemplateFallsBackToArchitecture();
    void deepSeekR1DropsEarlierReasoning();
    void deepSeekR1StripsInlineThinkAndAutoBos();
    void deepSeekV3();
    void deepSeekV2();
    void chatMLWithQwenDefaultSystem();
    void qwen3ThinkingOnAndOff();
    void qwen3KeepsReasoningAfterLastQuery();
    void qwq3OpensThinking();
    void llama31DateHeader();
    void llama32DateFromClockAndTrim();
    void llama30();
    void harmony();
    void harmonyWithoutSystemUsesToday();
    void mistralLegacyAndV1();
    void granite();
    void olmoe();
    void turnEnds();
};

void TestChatTemplate::detectsFamiliesFromTemplateText() {
    // Fragments in the shape of the real templates, with "\n" escaped as in the GGUF text.
    struct Case {
        const char* name;
        const char* source;
        ChatFamily family;
    };
    const Case cases[] = {
        {"r1-distill",
         R"({%- if '</think>' in content -%}{%- set content = content.split('</think>')[-1] -%}{%- endif -%}{{'<｜Assistant｜>' + content + '<｜end▁of▁sentence｜>'}}{{'<｜User｜>' + message['content']}}{%- if add_generation_prompt and not ns.is_tool -%}{{'<｜Assistant｜><think>\n'}}{%- endif %})",
         ChatFamily::DeepSeekR1},
        {"v3",
         R"({{ bos_token }}{{ ns.system_prompt }}{{'<｜User｜>' + message['content']}}{{'<｜Assistant｜>' + message['content'] + '<｜end▁of▁sentence｜>'}}{% if add_generation_prompt and not ns.is_tool %}{{'<｜Assistant｜>'}}{% endif %})",
         ChatFamily::DeepSeekV3},
        {"v2-lite",
         R"({{ bos_token }}{% for message in messages %}{% if message['role'] == 'user' %}{{ 'User: ' + message['content'] + '\n\n' }}{% elif message['role'] == 'assistant' %}{{ 'Assistant: ' + message['content'] + eos_token }}{% elif message['role'] == 'system' %}{{ message['content'] + '\n\n' }}{% endif %}{% endfor %}{% if add_generation_prompt %}{{ 'Assistant:' }}{% endif %})",
         ChatFamily::DeepSeekV2},
        {"qwen2.5",
         R"({%- if messages[0]['role'] == 'system' %}{{- '<|im_start|>system\n' + messages[0]['content'] + '<|im_end|>\n' }}{%- else %}{{- '<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n' }}{%- endif %}{%- if add_generation_prompt %}{{- '<|im_start|>assistant\n' }}{%- endif %})",
         ChatFamily::ChatML},
        {"qwen3",
         R"({%- if message.reasoning_content is string %}{%- set reasoning_content = message.reasoning_content %}{%- endif %}{{- '<|im_start|>' + message.role + '\n<think>\n' + reasoning_content.strip('\n') + '\n</think>\n\n' + content.lstrip('\n') }}{%- if add_generation_prompt %}{{- '<|im_start|>assistant\n' }}{%- if enable_thinking is defined and enable_thinking is false %}{{- '<think>\n\n</think>\n\n' }}{%- endif %}{%- endif %})",
         ChatFamily::Qwen3},
        {"llama3.1",
         R"({{- bos_token }}{{- "<|start_header_id|>system<|end_header_id|>\n\n" }}{{- "Cutting Knowledge Date: December 2023\n" }}{{- "Today Date: " + date_string + "\n\n" }}{{- '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n'+ message['content'] | trim + '<|eot_id|>' }})",
         ChatFamily::Llama3},
        {"gpt-oss",
         R"({{- "<|start|>system<|message|>" }}{{- build_system_message() }}{{- "<|end|>" }}{{- "<|start|>assistant<|channel|>final<|message|>" + message.content + "<|end|>" }}{%- if add_generation_prompt -%}<|start|>assistant{%- endif -%})",
         ChatFamily::GptOss},
        {"mixtral-v0.1",
         R"({{ bos_token }}{% for message in messages %}{% if message['role'] == 'user' %}{{ '[INST] ' + message['content'] + ' [/INST]' }}{% elif message['role'] == 'assistant' %}{{ message['content'] + eos_token}}{% endif %}{% endfor %})",
         ChatFamily::Mistral},
        {"granite",
         R"({%- if message['role'] == 'system' %}{{- '<|start_of_role|>system<|end_of_role|>' + message['content'] + '<|end_of_text|>\n' }}{%- endif %}{%- if loop.last and add_generation_prompt %}{{- '<|start_of_role|>assistant<|end_of_role|>' }}{%- endif %})",
         ChatFamily::Granite},
        {"olmoe",
         R"({{ bos_token }}{% for message in messages %}{% if message['role'] == 'user' %}{{ '<|user|>\n' + message['content'] + '\n' }}{% elif message['role'] == 'assistant' %}{{ '<|assistant|>\n'  + message['content'] + eos_token }}{% endif %}{% if loop.last and add_generation_prompt %}{{ '<|assistant|>\n' }}{% endif %}{% endfor %})",
         ChatFamily::Olmoe},
    };
    for (const Case& c : cases) {
        ChatTemplate t;
        QVERIFY2(detectChatTemplate(c.source, t), c.name);
        QVERIFY2(t.family == c.family, c.name);
    }

    // Variant details.
    const ChatTemplate qwen25 = detected(cases[3].source);
    COMPARE_STR(qwen25.defaultSystem,
                std::string("You are Qwen, created by Alibaba Cloud. You are a helpful assistant."));
    const ChatTemplate qwen3 = detected(cases[4].source);
    QVERIFY(qwen3.thinkingSwitch);
    QVERIFY(!qwen3.opensThinking);
    QVERIFY(qwen3.defaultSystem.empty());
    const ChatTemplate llama31 = detected(cases[5].source);
    QVERIFY(llama31.llamaDateHeader);
    QVERIFY(!llama31.llamaDateFromClock);
    QVERIFY(!detected(cases[7].source).mistralV1Spacing);
    QVERIFY(detected(cases[9].source).olmoeNewlineAfterPrompt);

    const ChatTemplate mistralV1 = detected(
        R"({%- if loop.first and system_message is defined %}{{- ' [INST] ' + system_message + '\n\n' + message['content'] + ' [/INST]' }}{%- else %}{{- ' [INST] ' + message['content'] + ' [/INST]' }}{%- endif %})");
    QVERIFY(mistralV1.family == ChatFamily::Mistral);
    QVERIFY(mistralV1.mistralV1Spacing);

    const ChatTemplate qwq = detected(
        R"({%- if '</think>' in content %}{%- endif %}{%- if add_generation_prompt %}{{- '<|im_start|>assistant\n<think>\n' }}{%- endif %})");
    QVERIFY(qwq.family == ChatFamily::Qwen3);
    QVERIFY(qwq.opensThinking);
    QVERIFY(!qwq.thinkingSwitch);

    // The same template with real newlines instead of escapes.
    const ChatTemplate llama32 = detected(
        "{%- if strftime_now is defined %}{%- set date_string = strftime_now(\"%d %b %Y\") %}{%- endif %}"
        "{{- \"<|start_header_id|>system<|end_header_id|>\n\n\" }}{{- \"Cutting Knowledge Date: December "
        "2023\n\" }}");
    QVERIFY(llama32.family == ChatFamily::Llama3);
    QVERIFY(llama32.llamaDateFromClock);

    const ChatTemplate llama30 = detected(
        R"({% set content = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n'+ message['content'] | trim + '<|eot_id|>' %})");
    QVERIFY(!llama30.llamaDateHeader);
}

void TestChatTemplate::unknownTemplateFallsBackToArchitecture() {
    ChatTemplate t;
    const char* gemma =
        "{{ '<start_of_turn>' + role + '\\n' + message['content'] | trim + '<end_of_turn>\\n' }}";
    QVERIFY(!detectChatTemplate(gemma, t));
    QVERIFY(chooseChatTemplate(gemma, "qwen3moe").family == ChatFamily::Qwen3);
    QVERIFY(chooseChatTemplate("", "qwen3moe").thinkingSwitch);
    QVERIFY(chooseChatTemplate("", "deepseek2").family == ChatFamily::DeepSeekV2);
    QVERIFY(chooseChatTemplate("", "gpt-oss").family == ChatFamily::GptOss);
    QVERIFY(chooseChatTemplate("", "olmoe").family == ChatFamily::Olmoe);
    QVERIFY(chooseChatTemplate("", "granitemoe").family == ChatFamily::Granite);
    QVERIFY(chooseChatTemplate("", "llama", "llama").family == ChatFamily::Mistral);
    QVERIFY(chooseChatTemplate("", "llama", "gpt2").family == ChatFamily::Llama3);
    QVERIFY(chooseChatTemplate("", "qwen2").family == ChatFamily::ChatML);
    QVERIFY(chooseChatTemplate("", "mamba").family == ChatFamily::ChatML);
    // A recognised template wins over the architecture.
    QVERIFY(chooseChatTemplate("<|im_start|>", "llama").family == ChatFamily::ChatML);
}

void TestChatTemplate::deepSeekR1DropsEarlierReasoning() {
    const auto msgs = twoTurns();
    COMPARE_STR(
        renderChat(family(ChatFamily::DeepSeekR1), msgs),
        std::string(
            "<｜begin▁of▁sentence｜>Be brief.<｜User｜>What is 2+2?<｜Assistant｜>4<｜end▁of▁sentence｜>"
            "<｜User｜>And 3+3?<｜Assistant｜><think>\n"));
}

void TestChatTemplate::deepSeekR1StripsInlineThinkAndAutoBos() {
    // Reasoning left inside the content: everything through the last </think> goes, the
    // blank line after it stays (the template splits, it does not trim).
    const std::vector<ChatMessage> msgs = {
        {ChatRole::User, "Hi", ""},
        {ChatRole::Assistant, "<think>\nGreet back.\n</think>\n\nHello!", ""},
        {ChatRole::User, "Bye", ""},
    };
    ChatRenderOptions o;
    o.bosText = "<｜begin▁of▁sentence｜>";
    o.vocabAddsBos = true;
    COMPARE_STR(renderChat(family(ChatFamily::DeepSeekR1), msgs, o),
                std::string("<｜User｜>Hi<｜Assistant｜>\n\nHello!<｜end▁of▁sentence｜>"
                            "<｜User｜>Bye<｜Assistant｜><think>\n"));
}

void TestChatTemplate::deepSeekV3() {
    COMPARE_STR(
        renderChat(family(ChatFamily::DeepSeekV3), twoTurns()),
        std::string(
            "<｜begin▁of▁sentence｜>Be brief.<｜User｜>What is 2+2?<｜Assistant｜>4<｜end▁of▁sentence｜>"
            "<｜User｜>And 3+3?<｜Assistant｜>"));
}

void TestChatTemplate::deepSeekV2() {
    COMPARE_STR(
        renderChat(family(ChatFamily::DeepSeekV2), twoTurns()),
        std::string(
            "<｜begin▁of▁sentence｜>Be brief.\n\nUser: What is 2+2?\n\nAssistant: 4<｜end▁of▁sentence｜>"
            "User: And 3+3?\n\nAssistant:"));
}

void TestChatTemplate::chatMLWithQwenDefaultSystem() {
    ChatTemplate t = family(ChatFamily::ChatML);
    t.defaultSystem = "You are Qwen, created by Alibaba Cloud. You are a helpful assistant.";
    const std::vector<ChatMessage> noSystem = {{ChatRole::User, "Hi", ""}};
    COMPARE_STR(renderChat(t, noSystem),
                std::string("<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful "
                            "assistant.<|im_end|>\n"
                            "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n"));
    COMPARE_STR(
        renderChat(t, twoTurns()),
        std::string("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nWhat is 2+2?<|im_end|>\n"
                    "<|im_start|>assistant\n4<|im_end|>\n<|im_start|>user\nAnd 3+3?<|im_end|>\n"
                    "<|im_start|>assistant\n"));
}

void TestChatTemplate::qwen3ThinkingOnAndOff() {
    ChatTemplate t = family(ChatFamily::Qwen3);
    t.thinkingSwitch = true;
    const std::string history =
        "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nWhat is 2+2?<|im_end|>\n"
        "<|im_start|>assistant\n4<|im_end|>\n<|im_start|>user\nAnd 3+3?<|im_end|>\n<|im_start|>assistant\n";
    COMPARE_STR(renderChat(t, twoTurns()), history);
    ChatRenderOptions off;
    off.enableThinking = false;
    COMPARE_STR(renderChat(t, twoTurns(), off), history + "<think>\n\n</think>\n\n");
}

void TestChatTemplate::qwen3KeepsReasoningAfterLastQuery() {
    // An assistant turn after the last user message (a prefilled or training-style chat)
    // keeps its reasoning; the one before it does not.
    ChatTemplate t = family(ChatFamily::Qwen3);
    std::vector<ChatMessage> msgs = twoTurns();
    msgs.push_back({ChatRole::Assistant, "\n6", "\n3 plus 3.\n"});
    ChatRenderOptions o;
    o.addGenerationPrompt = false;
    COMPARE_STR(
        renderChat(t, msgs, o),
        std::string("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nWhat is 2+2?<|im_end|>\n"
                    "<|im_start|>assistant\n4<|im_end|>\n<|im_start|>user\nAnd 3+3?<|im_end|>\n"
                    "<|im_start|>assistant\n<think>\n3 plus 3.\n</think>\n\n6<|im_end|>\n"));
}

void TestChatTemplate::qwq3OpensThinking() {
    ChatTemplate t = family(ChatFamily::Qwen3);
    t.opensThinking = true;
    const std::vector<ChatMessage> msgs = {{ChatRole::User, "Hi", ""}};
    COMPARE_STR(renderChat(t, msgs),
                std::string("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n<think>\n"));
}

void TestChatTemplate::llama31DateHeader() {
    ChatTemplate t = family(ChatFamily::Llama3);
    t.llamaDateHeader = true;
    COMPARE_STR(renderChat(t, twoTurns()),
                std::string("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n"
                            "Cutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n"
                            "Be brief.<|eot_id|>"
                            "<|start_header_id|>user<|end_header_id|>\n\nWhat is 2+2?<|eot_id|>"
                            "<|start_header_id|>assistant<|end_header_id|>\n\n4<|eot_id|>"
                            "<|start_header_id|>user<|end_header_id|>\n\nAnd 3+3?<|eot_id|>"
                            "<|start_header_id|>assistant<|end_header_id|>\n\n"));
}

void TestChatTemplate::llama32DateFromClockAndTrim() {
    ChatTemplate t = family(ChatFamily::Llama3);
    t.llamaDateHeader = true;
    t.llamaDateFromClock = true;
    const std::vector<ChatMessage> msgs = {{ChatRole::User, "  Hi there \n", ""}};
    ChatRenderOptions o;
    o.today = {2025, 3, 5};
    o.bosText = "<|begin_of_text|>";
    o.vocabAddsBos = true;
    COMPARE_STR(renderChat(t, msgs, o),
                std::string("<|start_header_id|>system<|end_header_id|>\n\n"
                            "Cutting Knowledge Date: December 2023\nToday Date: 05 Mar 2025\n\n<|eot_id|>"
                            "<|start_header_id|>user<|end_header_id|>\n\nHi there<|eot_id|>"
                            "<|start_header_id|>assistant<|end_header_id|>\n\n"));
}

void TestChatTemplate::llama30() {
    COMPARE_STR(
        renderChat(family(ChatFamily::Llama3), twoTurns()),
        std::string("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>"
                    "<|start_header_id|>user<|end_header_id|>\n\nWhat is 2+2?<|eot_id|>"
                    "<|start_header_id|>assistant<|end_header_id|>\n\n4<|eot_id|>"
                    "<|start_header_id|>user<|end_header_id|>\n\nAnd 3+3?<|eot_id|>"
                    "<|start_header_id|>assistant<|end_header_id|>\n\n"));
}

void TestChatTemplate::harmony() {
    ChatRenderOptions o;
    o.today = {2025, 6, 28};
    o.reasoningEffort = "high";
    COMPARE_STR(
        renderChat(family(ChatFamily::GptOss), twoTurns(), o),
        std::string("<|start|>system<|message|>You are ChatGPT, a large language model trained by OpenAI.\n"
                    "Knowledge cutoff: 2024-06\nCurrent date: 2025-06-28\n\nReasoning: high\n\n"
                    "# Valid channels: analysis, commentary, final. Channel must be included for every "
                    "message.<|end|>"
                    "<|start|>developer<|message|># Instructions\n\nBe brief.\n\n<|end|>"
                    "<|start|>user<|message|>What is 2+2?<|end|>"
                    "<|start|>assistant<|channel|>final<|message|>4<|end|>"
                    "<|start|>user<|message|>And 3+3?<|end|>"
                    "<|start|>assistant"));

    // Ending on an answer without a generation prompt keeps its analysis and <|return|>.
    std::vector<ChatMessage> msgs = {{ChatRole::User, "Hi", ""}, {ChatRole::Assistant, "Hello!", "Greet."}};
    o.addGenerationPrompt = false;
    o.reasoningEffort.clear();
    COMPARE_STR(
        renderChat(family(ChatFamily::GptOss), msgs, o),
        std::string("<|start|>system<|message|>You are ChatGPT, a large language model trained by OpenAI.\n"
                    "Knowledge cutoff: 2024-06\nCurrent date: 2025-06-28\n\nReasoning: medium\n\n"
                    "# Valid channels: analysis, commentary, final. Channel must be included for every "
                    "message.<|end|>"
                    "<|start|>user<|message|>Hi<|end|>"
                    "<|start|>assistant<|channel|>analysis<|message|>Greet.<|end|>"
                    "<|start|>assistant<|channel|>final<|message|>Hello!<|return|>"));
}

void TestChatTemplate::harmonyWithoutSystemUsesToday() {
    const std::vector<ChatMessage> msgs = {{ChatRole::User, "Hi", ""}};
    const QString text = QString::fromStdString(renderChat(family(ChatFamily::GptOss), msgs));
    QVERIFY(!text.contains("<|start|>developer"));
    const QRegularExpression date("Current date: (\\d{4})-(\\d{2})-(\\d{2})\n");
    const auto match = date.match(text);
    QVERIFY(match.hasMatch());
    QCOMPARE(match.captured(1).toInt(), QDate::currentDate().year());
}

void TestChatTemplate::mistralLegacyAndV1() {
    COMPARE_STR(renderChat(family(ChatFamily::Mistral), twoTurns()),
                std::string("<s>[INST] Be brief.\n\nWhat is 2+2? [/INST]4</s>[INST] And 3+3? [/INST]"));
    ChatTemplate v1 = family(ChatFamily::Mistral);
    v1.mistralV1Spacing = true;
    COMPARE_STR(renderChat(v1, twoTurns()),
                std::string("<s> [INST] Be brief.\n\nWhat is 2+2? [/INST] 4</s> [INST] And 3+3? [/INST]"));
}

void TestChatTemplate::granite() {
    COMPARE_STR(renderChat(family(ChatFamily::Granite), twoTurns()),
                std::string("<|start_of_role|>system<|end_of_role|>Be brief.<|end_of_text|>\n"
                            "<|start_of_role|>user<|end_of_role|>What is 2+2?<|end_of_text|>\n"
                            "<|start_of_role|>assistant<|end_of_role|>4<|end_of_text|>\n"
                            "<|start_of_role|>user<|end_of_role|>And 3+3?<|end_of_text|>\n"
                            "<|start_of_role|>assistant<|end_of_role|>"));
}

void TestChatTemplate::olmoe() {
    COMPARE_STR(renderChat(family(ChatFamily::Olmoe), twoTurns()),
                std::string("<|endoftext|><|system|>\nBe brief.\n<|user|>\nWhat is 2+2?\n"
                            "<|assistant|>\n4<|endoftext|>\n<|user|>\nAnd 3+3?\n<|assistant|>\n"));
}

void TestChatTemplate::turnEnds() {
    const TurnEnd harmony = turnEndFor(family(ChatFamily::GptOss));
    QCOMPARE(harmony.stopTokenTexts, (std::vector<std::string>{"<|return|>", "<|call|>"}));
    const TurnEnd qwen = turnEndFor(family(ChatFamily::Qwen3));
    QVERIFY(std::find(qwen.stopTokenTexts.begin(), qwen.stopTokenTexts.end(), "<|im_end|>") !=
            qwen.stopTokenTexts.end());
    const TurnEnd r1 = turnEndFor(family(ChatFamily::DeepSeekR1));
    QCOMPARE(r1.stopTokenTexts, (std::vector<std::string>{"<｜end▁of▁sentence｜>"}));
    const TurnEnd llama = turnEndFor(family(ChatFamily::Llama3));
    QVERIFY(std::find(llama.stopTokenTexts.begin(), llama.stopTokenTexts.end(), "<|eot_id|>") !=
            llama.stopTokenTexts.end());
}

QTEST_GUILESS_MAIN(TestChatTemplate)
#include "tst_chat_template.moc"
