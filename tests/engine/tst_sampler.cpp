// Samplers: each stage on small logit vectors with hand-computed results (engine-spec.md
// 5.2), the chain's order and greedy mode, seeded reproducibility, the draw's distribution,
// and how settings resolve from the user, the model file and llama.cpp's defaults.

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <vector>

#include "ponder/sampler.h"
#include "sample/sampler_stages.h"

using namespace ponder;
namespace s = ponder::sampling;

namespace {

s::Candidates candidates(const std::vector<float>& logits) {
    s::Candidates c;
    for (size_t i = 0; i < logits.size(); ++i)
        c.push_back({int32_t(i), logits[i]});
    return c;
}

// Logits whose softmax is exactly `probs` (up to rounding).
s::Candidates fromProbabilities(const std::vector<double>& probs) {
    s::Candidates c;
    for (size_t i = 0; i < probs.size(); ++i)
        c.push_back({int32_t(i), float(std::log(probs[i]))});
    return c;
}

std::vector<int32_t> ids(const s::Candidates& c) {
    std::vector<int32_t> out;
    for (const auto& x : c)
        out.push_back(x.id);
    return out;
}

std::vector<int32_t> sortedIds(const s::Candidates& c) {
    std::vector<int32_t> out = ids(c);
    std::sort(out.begin(), out.end());
    return out;
}

float logitOf(const s::Candidates& c, int32_t id) {
    for (const auto& x : c) {
        if (x.id == id) return x.logit;
    }
    return std::numeric_limits<float>::quiet_NaN();
}

}  // namespace

class TestSampler : public QObject {
    Q_OBJECT

private slots:
    void topKKeepsHighest();
    void repetitionPenaltyBothSigns();
    void frequencyAndPresencePenalties();
    void topPKeepsShortestPrefix();
    void minPRelativeToMax();
    void temperatureScalesOrGreedy();
    void probabilitiesAreSoftmax();
    void drawIsReproducibleAndFollowsTheDistribution();
    void chainGreedyWithPenaltyWindow();
    void chainAppliesTemperatureLast();
    void chainTemperatureReshapesSurvivors();
    void chainSeededReproducible();
    void chainPenalisesOnlyTheWindow();
    void settingsResolveUserThenModelThenDefault();
};

void TestSampler::topKKeepsHighest() {
    auto c = candidates({1, 3, 2});
    s::topK(c, 2);
    QCOMPARE(ids(c), (std::vector<int32_t>{1, 2}));
    c = candidates({1, 3, 2});
    s::topK(c, 0);  // off
    QCOMPARE(ids(c), (std::vector<int32_t>{0, 1, 2}));
    c = candidates({1, 3, 2});
    s::topK(c, 10);  // more than there are: all, sorted
    QCOMPARE(ids(c), (std::vector<int32_t>{1, 2, 0}));
    c = candidates({2, 5, 5, 1});
    s::topK(c, 1);  // ties go to the lower id
    QCOMPARE(ids(c), (std::vector<int32_t>{1}));
}

void TestSampler::repetitionPenaltyBothSigns() {
    auto c = candidates({-2.0f, 3.0f, 1.0f, 0.0f});
    const std::vector<int32_t> recent = {0, 1, 3};
    s::applyPenalties(c, recent, 1.5f, 0.0f, 0.0f);
    QCOMPARE(logitOf(c, 0), -3.0f);  // negative: multiplied
    QCOMPARE(logitOf(c, 1), 2.0f);   // positive: divided
    QCOMPARE(logitOf(c, 2), 1.0f);   // not recent: untouched
    QCOMPARE(logitOf(c, 3), 0.0f);
}

void TestSampler::frequencyAndPresencePenalties() {
    auto c = candidates({1.0f, 1.0f, 1.0f});
    const std::vector<int32_t> recent = {0, 0, 1};
    s::applyPenalties(c, recent, 1.0f, 0.5f, 0.25f);
    QCOMPARE(logitOf(c, 0), 1.0f - (2 * 0.5f + 0.25f));  // -0.25
    QCOMPARE(logitOf(c, 1), 1.0f - (1 * 0.5f + 0.25f));  // 0.25
    QCOMPARE(logitOf(c, 2), 1.0f);
    // Candidates not in id order (after another filter) are found too.
    s::Candidates shuffled = {{7, 2.0f}, {3, 4.0f}};
    const std::vector<int32_t> three = {3};
    s::applyPenalties(shuffled, three, 2.0f, 0.0f, 0.0f);
    QCOMPARE(logitOf(shuffled, 3), 2.0f);
    QCOMPARE(logitOf(shuffled, 7), 2.0f);
}

void TestSampler::topPKeepsShortestPrefix() {
    const std::vector<double> probs = {0.15, 0.5, 0.05, 0.3};  // sorted: 1, 3, 0, 2
    auto c = fromProbabilities(probs);
    s::topP(c, 0.7f);  // 0.5 < 0.7, 0.8 >= 0.7
    QCOMPARE(ids(c), (std::vector<int32_t>{1, 3}));
    c = fromProbabilities(probs);
    s::topP(c, 0.85f);  // 0.95 >= 0.85
    QCOMPARE(ids(c), (std::vector<int32_t>{1, 3, 0}));
    c = fromProbabilities(probs);
    s::topP(c, 0.1f);  // the first token alone reaches it: at least one is kept
    QCOMPARE(ids(c), (std::vector<int32_t>{1}));
    c = fromProbabilities(probs);
    s::topP(c, 0.1f, 3);  // min_keep
    QCOMPARE(ids(c), (std::vector<int32_t>{1, 3, 0}));
    c = fromProbabilities(probs);
    s::topP(c, 1.0f);  // off
    QCOMPARE(c.size(), size_t(4));
}

void TestSampler::minPRelativeToMax() {
    const std::vector<double> probs = {0.5, 0.3, 0.15, 0.05};
    auto c = fromProbabilities(probs);
    s::minP(c, 0.2f);  // keeps p >= 0.2 * 0.5 = 0.1
    QCOMPARE(sortedIds(c), (std::vector<int32_t>{0, 1, 2}));
    c = fromProbabilities(probs);
    s::minP(c, 0.5f);  // keeps p >= 0.25
    QCOMPARE(sortedIds(c), (std::vector<int32_t>{0, 1}));
    c = fromProbabilities(probs);
    s::minP(c, 0.0f);  // off
    QCOMPARE(c.size(), size_t(4));
    // Relative to the best token, not absolute: with a flat distribution all survive
    // although every probability is below min_p.
    c = candidates({0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    s::minP(c, 0.5f);
    QCOMPARE(c.size(), size_t(10));
    c = fromProbabilities(probs);
    s::minP(c, 0.9f, 2);  // min_keep
    QCOMPARE(sortedIds(c), (std::vector<int32_t>{0, 1}));
}

void TestSampler::temperatureScalesOrGreedy() {
    auto c = candidates({2.0f, -4.0f, 1.0f});
    s::temperature(c, 2.0f);
    QCOMPARE(logitOf(c, 0), 1.0f);
    QCOMPARE(logitOf(c, 1), -2.0f);
    QCOMPARE(logitOf(c, 2), 0.5f);
    c = candidates({2.0f, 3.0f, 1.0f});
    s::temperature(c, 0.0f);
    QCOMPARE(logitOf(c, 1), 3.0f);
    QVERIFY(std::isinf(logitOf(c, 0)) && logitOf(c, 0) < 0);
    QVERIFY(std::isinf(logitOf(c, 2)) && logitOf(c, 2) < 0);
}

void TestSampler::probabilitiesAreSoftmax() {
    const auto p =
        s::probabilities(candidates({0.0f, float(std::log(3.0)), -std::numeric_limits<float>::infinity()}));
    QVERIFY(std::abs(p[0] - 0.25) < 1e-6);
    QVERIFY(std::abs(p[1] - 0.75) < 1e-6);
    QCOMPARE(p[2], 0.0);
    // Large logits do not overflow: the maximum is subtracted first.
    const auto big = s::probabilities(candidates({1000.0f, 1000.0f}));
    QVERIFY(std::abs(big[0] - 0.5) < 1e-12);
}

void TestSampler::drawIsReproducibleAndFollowsTheDistribution() {
    const std::vector<double> probs = {0.1, 0.2, 0.3, 0.4};
    const auto c = fromProbabilities(probs);
    std::mt19937 a(1234), b(1234);
    for (int i = 0; i < 100; ++i)
        QCOMPARE(s::draw(c, a), s::draw(c, b));

    // Chi-square goodness of fit, 3 degrees of freedom: 16.27 is the 0.1% critical value,
    // so a correct draw fails this (for a random seed) once in a thousand runs; with the
    // fixed seed it is deterministic. A draw off by one index or ignoring the weights
    // lands in the thousands.
    const int n = 20000;
    std::vector<int> counts(4, 0);
    std::mt19937 rng(42);
    for (int i = 0; i < n; ++i)
        ++counts[s::draw(c, rng)];
    double chi2 = 0.0;
    for (size_t i = 0; i < 4; ++i) {
        const double expected = probs[i] * n;
        chi2 += (counts[i] - expected) * (counts[i] - expected) / expected;
    }
    QVERIFY2(chi2 < 16.27, qPrintable(QString("chi2 = %1").arg(chi2)));

    // A token with no weight is never drawn.
    const auto withImpossible = candidates({0.0f, -std::numeric_limits<float>::infinity()});
    for (int i = 0; i < 1000; ++i)
        QCOMPARE(s::draw(withImpossible, rng), size_t(0));
}

void TestSampler::chainGreedyWithPenaltyWindow() {
    SamplingParams p;
    p.temperature = 0.0f;
    p.repeatPenalty = 1.5f;
    SamplerChain chain(p);
    const std::vector<float> logits = {5.0f, 4.9f, 1.0f};
    QCOMPARE(chain.sample(logits), 0);
    chain.accept(0);  // 5 / 1.5 = 3.33 < 4.9
    QCOMPARE(chain.sample(logits), 1);
    chain.reset();
    QCOMPARE(chain.sample(logits), 0);
}

void TestSampler::chainAppliesTemperatureLast() {
    // At temperature 1, top-p 0.95 keeps only token 0 (p = 0.96). Were temperature applied
    // first, 5.0 would flatten the distribution and token 1 would survive and be drawn.
    SamplingParams p;
    p.temperature = 5.0f;
    p.topK = 0;
    p.topP = 0.95f;
    p.minP = 0.0f;
    p.seed = 7;
    SamplerChain chain(p);
    const std::vector<float> logits = {float(std::log(0.96)), float(std::log(0.04))};
    for (int i = 0; i < 300; ++i)
        QCOMPARE(chain.sample(logits), 0);

    // Min-p likewise sees the temperature-1 probabilities: 0.04 < 0.05 * 0.96 is cut.
    p.topP = 1.0f;
    p.minP = 0.05f;
    SamplerChain minPChain(p);
    for (int i = 0; i < 300; ++i)
        QCOMPARE(minPChain.sample(logits), 0);
}

void TestSampler::chainTemperatureReshapesSurvivors() {
    // Logits 0 and 2 ln 3: at temperature 1 the odds are 1:9, at temperature 2 they are 1:3.
    SamplingParams p;
    p.temperature = 2.0f;
    p.topK = 0;
    p.topP = 1.0f;
    p.minP = 0.0f;
    p.seed = 3;
    SamplerChain chain(p);
    const std::vector<float> logits = {0.0f, float(2 * std::log(3.0))};
    const int n = 20000;
    int zeros = 0;
    for (int i = 0; i < n; ++i)
        zeros += chain.sample(logits) == 0;
    // Standard deviation of the share is sqrt(0.25 * 0.75 / n) ~ 0.003.
    const double share = double(zeros) / n;
    QVERIFY2(std::abs(share - 0.25) < 0.015, qPrintable(QString("share of token 0: %1").arg(share)));
}

void TestSampler::chainSeededReproducible() {
    SamplingParams p;
    p.topK = 0;
    p.topP = 1.0f;
    p.minP = 0.0f;
    p.temperature = 1.0f;
    p.seed = 99;
    const std::vector<float> logits = {0.0f, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f};
    auto run = [&](uint32_t seed) {
        SamplingParams q = p;
        q.seed = seed;
        SamplerChain chain(q);
        std::vector<int32_t> out;
        for (int i = 0; i < 64; ++i)
            out.push_back(chain.sample(logits));
        return out;
    };
    QCOMPARE(run(99), run(99));
    QVERIFY(run(99) != run(100));
    SamplerChain chain(p);
    QCOMPARE(chain.seed(), 99u);
    const int32_t first = chain.sample(logits);
    chain.reset();  // restarts the random sequence
    QCOMPARE(chain.sample(logits), first);
}

void TestSampler::chainPenalisesOnlyTheWindow() {
    SamplingParams p;
    p.temperature = 0.0f;
    p.repeatPenalty = 1.5f;
    p.penaltyLastN = 1;
    const std::vector<float> logits = {5.0f, 4.9f, 1.0f};
    SamplerChain shortWindow(p);
    shortWindow.accept(0);
    shortWindow.accept(2);  // pushes 0 out of a window of one
    QCOMPARE(shortWindow.sample(logits), 0);
    p.penaltyLastN = 2;
    SamplerChain longWindow(p);
    longWindow.accept(0);
    longWindow.accept(2);
    QCOMPARE(longWindow.sample(logits), 1);
    p.penaltyLastN = 0;  // off
    SamplerChain off(p);
    off.accept(0);
    QCOMPARE(off.sample(logits), 0);
}

void TestSampler::settingsResolveUserThenModelThenDefault() {
    const std::map<std::string, double> metadata = {{"general.sampling.temp", 0.6},
                                                    {"general.sampling.top_k", 20},
                                                    {"general.sampling.top_p", 0.8},
                                                    {"general.sampling.min_p", 0.0},
                                                    {"general.sampling.penalty_repeat", NAN}};
    const SamplingOverrides model = recommendedSampling([&](std::string_view key) -> std::optional<double> {
        const auto it = metadata.find(std::string(key));
        if (it == metadata.end()) return std::nullopt;
        return it->second;
    });
    QVERIFY(!model.repeatPenalty);  // not finite: ignored
    SamplingOverrides user;
    user.temperature = 0.3f;
    user.seed = 5u;
    const SamplingOverrides layers[] = {user, model};
    const SamplingParams p = resolveSamplingParams(layers);
    QCOMPARE(p.temperature, 0.3f);  // the user's
    QCOMPARE(p.topK, 20);           // the model's
    QCOMPARE(p.topP, 0.8f);
    QCOMPARE(p.minP, 0.0f);
    QCOMPARE(p.penaltyLastN, 64);  // llama.cpp's defaults
    QCOMPARE(p.repeatPenalty, 1.0f);
    QCOMPARE(p.seed, 5u);
    const SamplingParams defaults = resolveSamplingParams({});
    QCOMPARE(defaults.temperature, 0.8f);
    QCOMPARE(defaults.topK, 40);
    QCOMPARE(defaults.topP, 0.95f);
    QCOMPARE(defaults.minP, 0.05f);
    QCOMPARE(defaults.seed, kRandomSeed);
}

QTEST_GUILESS_MAIN(TestSampler)
#include "tst_sampler.moc"
