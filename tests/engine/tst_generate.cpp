// Generation loop with a scripted fake model: each stop condition, stop strings split across
// tokens, cancellation, errors from the model, prompt penalties and timings.

#include <QtTest>

#include <atomic>
#include <chrono>
#include <map>
#include <thread>
#include <vector>

#include "ponder/generate.h"

using namespace ponder;

namespace {

constexpr int32_t kVocab = 10;
constexpr int32_t kEog = 9;

// A model that "predicts" a fixed script: after the prompt it favours script[0], after that
// script[1], and so on. It records what it was asked to evaluate.
class ScriptedSource : public LogitsSource {
public:
    explicit ScriptedSource(std::vector<int32_t> script) : m_script(std::move(script)) {}

    Result<std::span<const float>> evaluate(std::span<const int32_t> tokens) override {
        calls.emplace_back(tokens.begin(), tokens.end());
        if (failOnCall >= 0 && int(calls.size()) - 1 == failOnCall) {
            return makeError(ErrorCode::DeviceLost, "scripted failure");
        }
        if (delay.count() > 0) std::this_thread::sleep_for(delay);
        m_logits.assign(kVocab, 0.0f);
        const size_t step = calls.size() - 1;
        if (step < m_script.size()) m_logits[size_t(m_script[step])] = 10.0f;
        if (flatTop) {
            m_logits.assign(kVocab, 0.0f);
            m_logits[0] = 5.0f;
            m_logits[1] = 4.9f;
        }
        return std::span<const float>(m_logits);
    }

    std::vector<std::vector<int32_t>> calls;
    int failOnCall = -1;
    bool flatTop = false;  // always 0 slightly over 1, to see penalties act
    std::chrono::milliseconds delay{0};

private:
    std::vector<int32_t> m_script;
    std::vector<float> m_logits;
};

SamplingParams greedy() {
    SamplingParams p;
    p.temperature = 0.0f;
    return p;
}

GenerateOptions withEog() {
    GenerateOptions o;
    o.endOfGeneration = {kEog};
    return o;
}

}  // namespace

class TestGenerate : public QObject {
    Q_OBJECT

private slots:
    void stopsOnEndOfGeneration();
    void stopsAtMaxTokens();
    void stopStringSplitAcrossTokens();
    void partialStopStringIsReleased();
    void cancelBetweenTokens();
    void cancelBeforeStart();
    void modelErrorIsReturned();
    void emptyPromptIsRejected();
    void promptCountsForPenalties();
    void reportsTimings();
};

void TestGenerate::stopsOnEndOfGeneration() {
    ScriptedSource model({3, 4, 5, kEog, 6});
    SamplerChain sampler(greedy());
    std::vector<int32_t> seen;
    GenerateCallbacks cb;
    cb.tokenText = [&](int32_t t) {
        seen.push_back(t);
        return std::string(1, char('a' + t));
    };
    const std::vector<int32_t> prompt = {1, 2};
    auto r = generate(model, sampler, prompt, withEog(), cb);
    QVERIFY(r.ok());
    QVERIFY(r->stopReason == StopReason::EndOfGeneration);
    QCOMPARE(r->tokens, (std::vector<int32_t>{3, 4, 5}));
    QCOMPARE(r->endToken, kEog);
    QCOMPARE(seen, (std::vector<int32_t>{3, 4, 5}));  // the end token is not shown
    // The prompt in one call, then each token but the end token.
    QCOMPARE(model.calls, (std::vector<std::vector<int32_t>>{{1, 2}, {3}, {4}, {5}}));
}

void TestGenerate::stopsAtMaxTokens() {
    ScriptedSource model({3, 4, 5, kEog});
    SamplerChain sampler(greedy());
    GenerateOptions o = withEog();
    o.maxTokens = 2;
    const std::vector<int32_t> prompt = {1};
    auto r = generate(model, sampler, prompt, o, {});
    QVERIFY(r.ok());
    QVERIFY(r->stopReason == StopReason::MaxTokens);
    QCOMPARE(r->tokens, (std::vector<int32_t>{3, 4}));
    // The last token is not evaluated: nobody would use its logits.
    QCOMPARE(model.calls.size(), size_t(2));

    o.maxTokens = 0;
    ScriptedSource again({3});
    auto none = generate(again, sampler, prompt, o, {});
    QVERIFY(none.ok());
    QVERIFY(none->stopReason == StopReason::MaxTokens);
    QVERIFY(none->tokens.empty());
}

void TestGenerate::stopStringSplitAcrossTokens() {
    ScriptedSource model({3, 4, 5, 6, kEog});
    SamplerChain sampler(greedy());
    const std::map<int32_t, std::string> pieces = {{3, "Hel"}, {4, "lo!\nUs"}, {5, "er: more"}, {6, "never"}};
    GenerateOptions o = withEog();
    o.stopStrings = {"\nUser:", "zzz"};
    std::string shown;
    std::vector<std::string> chunks;
    GenerateCallbacks cb;
    cb.tokenText = [&](int32_t t) { return pieces.at(t); };
    cb.onText = [&](std::string_view text) {
        shown += text;
        chunks.emplace_back(text);
    };
    const std::vector<int32_t> prompt = {1};
    auto r = generate(model, sampler, prompt, o, cb);
    QVERIFY(r.ok());
    QVERIFY(r->stopReason == StopReason::StopString);
    QCOMPARE(QString::fromStdString(r->stopString), QString("\nUser:"));
    QCOMPARE(QString::fromStdString(shown), QString("Hello!"));
    // "\nUs" was held back: nothing of the stop string was ever shown.
    QCOMPARE(chunks, (std::vector<std::string>{"Hel", "lo!"}));
    QCOMPARE(r->tokens, (std::vector<int32_t>{3, 4, 5}));
}

void TestGenerate::partialStopStringIsReleased() {
    ScriptedSource model({3, 4, kEog});
    SamplerChain sampler(greedy());
    const std::map<int32_t, std::string> pieces = {{3, "a\nUs"}, {4, "e"}};
    GenerateOptions o = withEog();
    o.stopStrings = {"\nUser:"};
    std::string shown;
    GenerateCallbacks cb;
    cb.tokenText = [&](int32_t t) { return pieces.at(t); };
    cb.onText = [&](std::string_view text) { shown += text; };
    const std::vector<int32_t> prompt = {1};
    auto r = generate(model, sampler, prompt, o, cb);
    QVERIFY(r.ok());
    QVERIFY(r->stopReason == StopReason::EndOfGeneration);
    QCOMPARE(QString::fromStdString(shown), QString("a\nUse"));
}

void TestGenerate::cancelBetweenTokens() {
    ScriptedSource model({3, 4, 5, 6, 7, kEog});
    SamplerChain sampler(greedy());
    std::atomic<bool> cancel{false};
    GenerateOptions o = withEog();
    o.cancel = &cancel;
    GenerateCallbacks cb;
    int count = 0;
    cb.tokenText = [&](int32_t) {
        if (++count == 2) cancel = true;  // as if the user pressed Stop now
        return std::string("x");
    };
    const std::vector<int32_t> prompt = {1};
    auto r = generate(model, sampler, prompt, o, cb);
    QVERIFY(r.ok());
    QVERIFY(r->stopReason == StopReason::Cancelled);
    QCOMPARE(r->tokens, (std::vector<int32_t>{3, 4}));
}

void TestGenerate::cancelBeforeStart() {
    ScriptedSource model({3, kEog});
    SamplerChain sampler(greedy());
    std::atomic<bool> cancel{true};
    GenerateOptions o = withEog();
    o.cancel = &cancel;
    const std::vector<int32_t> prompt = {1};
    auto r = generate(model, sampler, prompt, o, {});
    QVERIFY(r.ok());
    QVERIFY(r->stopReason == StopReason::Cancelled);
    QVERIFY(model.calls.empty());
}

void TestGenerate::modelErrorIsReturned() {
    ScriptedSource model({3, 4, 5, kEog});
    model.failOnCall = 2;  // the evaluation of the second generated token
    SamplerChain sampler(greedy());
    const std::vector<int32_t> prompt = {1};
    auto r = generate(model, sampler, prompt, withEog(), {});
    QVERIFY(!r.ok());
    QVERIFY(r.error().code == ErrorCode::DeviceLost);
}

void TestGenerate::emptyPromptIsRejected() {
    ScriptedSource model({kEog});
    SamplerChain sampler(greedy());
    auto r = generate(model, sampler, {}, withEog(), {});
    QVERIFY(!r.ok());
    QVERIFY(r.error().code == ErrorCode::InvalidArgument);
    QVERIFY(model.calls.empty());
}

void TestGenerate::promptCountsForPenalties() {
    // Token 0 leads 1 by a little; the prompt contains 0, so with the prompt in the
    // penalties' window 1 wins, without it 0 does.
    SamplingParams p = greedy();
    p.repeatPenalty = 1.5f;
    const std::vector<int32_t> prompt = {0};
    GenerateOptions o = withEog();
    o.maxTokens = 1;

    ScriptedSource withPrompt({});
    withPrompt.flatTop = true;
    SamplerChain a(p);
    auto r1 = generate(withPrompt, a, prompt, o, {});
    QVERIFY(r1.ok());
    QCOMPARE(r1->tokens, (std::vector<int32_t>{1}));

    o.penalizePrompt = false;
    ScriptedSource withoutPrompt({});
    withoutPrompt.flatTop = true;
    SamplerChain b(p);
    auto r2 = generate(withoutPrompt, b, prompt, o, {});
    QVERIFY(r2.ok());
    QCOMPARE(r2->tokens, (std::vector<int32_t>{0}));
}

void TestGenerate::reportsTimings() {
    ScriptedSource model({3, 4, 5, kEog});
    model.delay = std::chrono::milliseconds(20);
    SamplerChain sampler(greedy());
    const std::vector<int32_t> prompt = {1, 2, 3, 4};
    auto r = generate(model, sampler, prompt, withEog(), {});
    QVERIFY(r.ok());
    const GenerationTimings& t = r->timings;
    QCOMPARE(t.promptTokens, 4);
    QCOMPARE(t.generatedTokens, 4);  // 3, 4, 5 and the end token
    QVERIFY(t.promptSeconds >= 0.019);
    QVERIFY(t.generationSeconds >= 3 * 0.019);  // three single-token evaluations
    QVERIFY(t.firstTokenSeconds >= t.promptSeconds);
    QVERIFY(t.promptTokensPerSecond() > 0 && t.promptTokensPerSecond() <= 4 / 0.019);
    QVERIFY(t.generatedTokensPerSecond() > 0 && t.generatedTokensPerSecond() <= 4 / (3 * 0.019));
}

QTEST_GUILESS_MAIN(TestGenerate)
#include "tst_generate.moc"
