// Streaming reasoning parser: for every format, the stream cut at every possible position
// (and at every pair of positions) must give the same reasoning and answer, with no tag in
// either; plus the step splitter and the format chosen per template.

#include <QtTest>

#include <string>
#include <vector>

#include "ponder/reasoning_parser.h"

using namespace ponder;
using Kind = ReasoningEvent::Kind;

#define COMPARE_STR(actual, expected) \
    QCOMPARE(QString::fromStdString(actual), QString::fromStdString(expected))

namespace {

struct Parsed {
    std::string reasoning;
    std::string answer;
    int reasoningEnds = 0;
    bool answerBeforeReasoningEnd = false;  // an answer event came before ReasoningEnd
};

void collect(Parsed& p, const std::vector<ReasoningEvent>& events) {
    for (const ReasoningEvent& e : events) {
        switch (e.kind) {
            case Kind::Reasoning:
                p.reasoning += e.text;
                break;
            case Kind::Answer:
                p.answer += e.text;
                if (p.reasoningEnds == 0 && !p.reasoning.empty()) p.answerBeforeReasoningEnd = true;
                break;
            case Kind::ReasoningEnd:
                ++p.reasoningEnds;
                break;
        }
    }
}

Parsed parseInPieces(ReasoningFormat format, const std::string& stream, const std::vector<size_t>& cuts) {
    ReasoningParser parser(format);
    Parsed p;
    size_t from = 0;
    for (size_t cut : cuts) {
        collect(p, parser.feed(std::string_view(stream).substr(from, cut - from)));
        from = cut;
    }
    collect(p, parser.feed(std::string_view(stream).substr(from)));
    collect(p, parser.finish());
    return p;
}

const char* const kTags[] = {"<think>",     "</think>",   "<|start|>", "<|end|>",      "<|message|>",
                             "<|channel|>", "<|return|>", "<|call|>",  "<|constrain|>"};

// Parses `stream` whole, cut once at every position, cut twice at every pair of positions,
// and one byte at a time; every way must give `reasoning` and `answer` exactly.
void checkAllSplits(ReasoningFormat format, const std::string& stream, const std::string& reasoning,
                    const std::string& answer, int reasoningEnds, bool tagsAreText = false) {
    std::vector<std::vector<size_t>> plans = {{}};
    for (size_t i = 0; i <= stream.size(); ++i)
        plans.push_back({i});
    for (size_t i = 1; i < stream.size(); ++i) {
        for (size_t j = i; j < stream.size(); ++j)
            plans.push_back({i, j});
    }
    std::vector<size_t> everyByte;
    for (size_t i = 1; i < stream.size(); ++i)
        everyByte.push_back(i);
    plans.push_back(everyByte);

    for (const auto& cuts : plans) {
        const Parsed p = parseInPieces(format, stream, cuts);
        QString where = "cuts:";
        for (size_t c : cuts)
            where += " " + QString::number(c);
        if (p.reasoning != reasoning || p.answer != answer || p.reasoningEnds != reasoningEnds ||
            p.answerBeforeReasoningEnd) {
            qWarning() << where << "reasoning" << QString::fromStdString(p.reasoning) << "answer"
                       << QString::fromStdString(p.answer) << "ends" << p.reasoningEnds;
        }
        COMPARE_STR(p.reasoning, reasoning);
        COMPARE_STR(p.answer, answer);
        QCOMPARE(p.reasoningEnds, reasoningEnds);
        QVERIFY(!p.answerBeforeReasoningEnd);
        for (const char* tag : kTags) {
            if (tagsAreText) break;
            QVERIFY2(p.reasoning.find(tag) == std::string::npos, tag);
            QVERIFY2(p.answer.find(tag) == std::string::npos, tag);
        }
    }
}

}  // namespace

class TestReasoningParser : public QObject {
    Q_OBJECT

private slots:
    void r1ImplicitOpening();
    void r1RepeatedOpeningTag();
    void r1CutOffInsideReasoning();
    void qwen3Thinking();
    void qwen3ThinkingOffPlainAnswer();
    void qwen3EmptyThinkBlock();
    void thinkTagLookalikesStayText();
    void harmonyAnalysisThenFinal();
    void harmonyToolCallIsNotShown();
    void harmonyChannelWithoutStart();
    void harmonyPlainTextFallback();
    void plainModelPassesEverything();
    void inReasoningFollowsTheStream();
    void formatPerTemplate();
    void splitsSteps();
};

void TestReasoningParser::r1ImplicitOpening() {
    checkAllSplits(ReasoningFormat::ThinkTagsOpen,
                   "Okay, the user asks 2+2.\n\nThat is 4.\n</think>\n\nThe answer is **4**.",
                   "Okay, the user asks 2+2.\n\nThat is 4.", "The answer is **4**.", 1);
}

void TestReasoningParser::r1RepeatedOpeningTag() {
    checkAllSplits(ReasoningFormat::ThinkTagsOpen, "<think>\nHmm.\n</think>\n\nYes.", "Hmm.", "Yes.", 1);
}

void TestReasoningParser::r1CutOffInsideReasoning() {
    // Stopped by the token limit before </think>: all of it is reasoning, trailing space
    // dropped, and the section still ends.
    checkAllSplits(ReasoningFormat::ThinkTagsOpen, "Step 1: add.\nStep 2: \n", "Step 1: add.\nStep 2:", "",
                   1);
}

void TestReasoningParser::qwen3Thinking() {
    checkAllSplits(ReasoningFormat::ThinkTags, "<think>\nLet me add: 2 + 2 = 4.\n</think>\n\nIt is 4.",
                   "Let me add: 2 + 2 = 4.", "It is 4.", 1);
}

void TestReasoningParser::qwen3ThinkingOffPlainAnswer() {
    checkAllSplits(ReasoningFormat::ThinkTags, "Hello there, a < b.", "", "Hello there, a < b.", 0);
}

void TestReasoningParser::qwen3EmptyThinkBlock() {
    // After /no_think the model writes the empty block itself: no reasoning, no end event.
    checkAllSplits(ReasoningFormat::ThinkTags, "<think>\n\n</think>\n\nHi!", "", "Hi!", 0);
}

void TestReasoningParser::thinkTagLookalikesStayText() {
    // Text that starts like a tag but is not one is released once it is decided.
    checkAllSplits(ReasoningFormat::ThinkTags, "<think>a <thinking> b</think>x </thin y <", "a <thinking> b",
                   "x </thin y <", 1);
    checkAllSplits(ReasoningFormat::ThinkTags, "<thinker>", "", "<thinker>", 0);
}

void TestReasoningParser::harmonyAnalysisThenFinal() {
    checkAllSplits(ReasoningFormat::Harmony,
                   "<|channel|>analysis<|message|>User wants the sum. 2+2=4.<|end|>"
                   "<|start|>assistant<|channel|>final<|message|>The sum is 4.<|return|>",
                   "User wants the sum. 2+2=4.", "The sum is 4.", 1);
    // Usually <|return|> ends generation and never reaches the parser.
    checkAllSplits(
        ReasoningFormat::Harmony,
        "<|channel|>analysis<|message|>Think.<|end|><|start|>assistant<|channel|>final<|message|>Done",
        "Think.", "Done", 1);
}

void TestReasoningParser::harmonyToolCallIsNotShown() {
    checkAllSplits(
        ReasoningFormat::Harmony,
        "<|channel|>analysis<|message|>Need the weather.<|end|>"
        "<|start|>assistant to=functions.get_weather<|channel|>commentary <|constrain|>json<|message|>"
        "{\"city\":\"Paris\"}<|call|>",
        "Need the weather.", "", 1);
}

void TestReasoningParser::harmonyChannelWithoutStart() {
    // gpt-oss-20b sometimes skips "<|end|><|start|>assistant" and emits the next channel
    // directly; a commentary preamble without recipient is meant for the user.
    checkAllSplits(ReasoningFormat::Harmony,
                   "<|channel|>analysis<|message|>Plan.<|channel|>commentary<|message|>Checking.<|end|>"
                   "<|start|>assistant<|channel|>final<|message|>Result.",
                   "Plan.", "Checking.\n\nResult.", 1);
}

void TestReasoningParser::harmonyPlainTextFallback() {
    // A model that ignores harmony entirely still shows its text.
    checkAllSplits(ReasoningFormat::Harmony, "Just an answer.", "", "Just an answer.", 0);
    const std::string longText(300, 'x');
    checkAllSplits(ReasoningFormat::Harmony, longText, "", longText, 0);
}

void TestReasoningParser::plainModelPassesEverything() {
    checkAllSplits(ReasoningFormat::None, "  <think>not special</think> <|end|>", "",
                   "  <think>not special</think> <|end|>", 0,
                   /*tagsAreText=*/true);
}

void TestReasoningParser::inReasoningFollowsTheStream() {
    ReasoningParser parser(ReasoningFormat::ThinkTags);
    QVERIFY(!parser.inReasoning());
    (void)parser.feed("<think>Hm");
    QVERIFY(parser.inReasoning());
    (void)parser.feed("m</thi");
    QVERIFY(parser.inReasoning());
    const auto events = parser.feed("nk>OK");
    QVERIFY(!parser.inReasoning());
    QCOMPARE(events.size(), size_t(2));
    QVERIFY(events[0].kind == Kind::ReasoningEnd);
    QVERIFY(events[1].kind == Kind::Answer);
    COMPARE_STR(events[1].text, std::string("OK"));
}

void TestReasoningParser::formatPerTemplate() {
    ChatTemplate t;
    ChatRenderOptions o;
    t.family = ChatFamily::DeepSeekR1;
    QVERIFY(reasoningFormatFor(t, o) == ReasoningFormat::ThinkTagsOpen);
    t.family = ChatFamily::GptOss;
    QVERIFY(reasoningFormatFor(t, o) == ReasoningFormat::Harmony);
    t.family = ChatFamily::Qwen3;
    t.thinkingSwitch = true;
    QVERIFY(reasoningFormatFor(t, o) == ReasoningFormat::ThinkTags);
    t.opensThinking = true;
    QVERIFY(reasoningFormatFor(t, o) == ReasoningFormat::ThinkTagsOpen);
    o.enableThinking = false;
    QVERIFY(reasoningFormatFor(t, o) == ReasoningFormat::ThinkTags);
    t.family = ChatFamily::Llama3;
    QVERIFY(reasoningFormatFor(t, o) == ReasoningFormat::None);
}

void TestReasoningParser::splitsSteps() {
    const auto steps = splitReasoningSteps(
        "First, add the units.\nThey sum to 4.\n\nThen check.\n1. a is fine\n2) b too\nStep 3: c\n**Step "
        "4:** d\n"
        "\n\n  \n Done. 2.5 is a number, not a step\n");
    const std::vector<std::string> expected = {"First, add the units.\nThey sum to 4.",
                                               "Then check.",
                                               "1. a is fine",
                                               "2) b too",
                                               "Step 3: c",
                                               "**Step 4:** d",
                                               "Done. 2.5 is a number, not a step"};
    QCOMPARE(steps.size(), expected.size());
    for (size_t i = 0; i < steps.size(); ++i)
        COMPARE_STR(steps[i], expected[i]);
    QVERIFY(splitReasoningSteps("").empty());
    QVERIFY(splitReasoningSteps("\n \n").empty());
}

QTEST_GUILESS_MAIN(TestReasoningParser)
#include "tst_reasoning_parser.moc"
