// The scripted model follows its script through the real engine (tokenizer, forward pass,
// sampler, reasoning parser), greedy and sampled, so the app's end-to-end tests can rely on it.
#include <QTemporaryDir>
#include <QtTest>

#include "ponder/assistant.h"
#include "scripted_model.h"

class TestScriptedModel : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::string m_path;

    // What the script says, split the way the reasoning parser presents it (blank space
    // around the reasoning and at the start of the answer trimmed).
    static std::string expectedReasoning() {
        return "The user wants a greeting.\n\nStep 1: notice they said hello.\n\nStep 2: answer warmly and briefly.";
    }
    static std::string expectedAnswer() {
        return "Hello! I am Ponder's scripted test model, answering from a fixed script.";
    }

private slots:
    void initTestCase() {
        m_path = m_dir.filePath("scripted.gguf").toStdString();
        auto written = ponder::testgen::writeScriptedModel(m_path);
        QVERIFY2(written.ok(), written.ok() ? "" : written.error().message.c_str());
    }

    void followsTheScript_data() {
        QTest::addColumn<float>("temperature");
        QTest::newRow("greedy") << 0.0f;
        QTest::newRow("default sampling") << 0.8f;
    }

    void followsTheScript() {
        QFETCH(float, temperature);
        auto assistant = ponder::Assistant::open(m_path);
        QVERIFY2(assistant.ok(), assistant.ok() ? "" : assistant.error().message.c_str());
        QCOMPARE((*assistant)->chatTemplate().family, ponder::ChatFamily::DeepSeekR1);
        ponder::TurnOptions options;
        options.sampling.temperature = temperature;
        options.sampling.seed = 5;
        std::string streamedReasoning, streamedAnswer;
        int reasoningEnds = 0;
        ponder::TurnCallbacks callbacks;
        callbacks.onReasoning = [&](std::string_view t) { streamedReasoning += t; };
        callbacks.onAnswer = [&](std::string_view t) { streamedAnswer += t; };
        callbacks.onReasoningEnd = [&] { ++reasoningEnds; };
        const std::vector<ponder::ChatMessage> conversation{{ponder::ChatRole::User, "Hello!", {}}};
        auto result = (*assistant)->reply(conversation, options, callbacks);
        QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());
        QCOMPARE(result->reasoning, expectedReasoning());
        QCOMPARE(result->answer, expectedAnswer());
        QCOMPARE(streamedReasoning, expectedReasoning());
        QCOMPARE(streamedAnswer, expectedAnswer());
        QCOMPARE(reasoningEnds, 1);
        QCOMPARE(result->generation.stopReason, ponder::StopReason::EndOfGeneration);
        QVERIFY(result->reasoningTokens >= 3);
    }

    void secondTurnFollowsItAgain() {
        auto assistant = ponder::Assistant::open(m_path);
        QVERIFY(assistant.ok());
        std::vector<ponder::ChatMessage> conversation{{ponder::ChatRole::User, "Hello!", {}}};
        auto first = (*assistant)->reply(conversation, {}, {});
        QVERIFY(first.ok());
        conversation.push_back({ponder::ChatRole::Assistant, first->answer, first->reasoning});
        conversation.push_back({ponder::ChatRole::User, "And again?", {}});
        auto second = (*assistant)->reply(conversation, {}, {});
        QVERIFY(second.ok());
        QCOMPARE(second->answer, expectedAnswer());
        // The first turn's prompt is reused from the cache; only the new part is evaluated.
        QVERIFY(second->promptTokensEvaluated < second->promptTokens);
    }
};

QTEST_GUILESS_MAIN(TestScriptedModel)
#include "tst_scripted_model.moc"
