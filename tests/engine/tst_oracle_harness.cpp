// The comparison every oracle test relies on: it must report real divergence, and a broken
// run on either side (NaN logits, an empty reference row) must fail rather than look perfect.
#include <QTest>
#include <cmath>
#include <limits>

#include "oracle_harness.h"

using namespace ponder::testoracle;

class TestOracleHarness : public QObject {
    Q_OBJECT

private slots:
    void identicalRowsHaveZeroDivergence() {
        const std::vector<float> logits = {1.0f, 2.0f, 0.5f, -1.0f, 2.0f, 1.0f, 0.0f, 0.0f};
        const auto lp = logSoftmaxRows(logits, 4);
        const auto stats = compare(lp, lp, 4);
        QCOMPARE(int(stats.size()), 2);
        for (const auto& s : stats) {
            QVERIFY(std::abs(s.kl) < 1e-6);  // float log-probabilities sum to 1 within ~1e-7
            QVERIFY(s.sameArgmax);
        }
    }

    void divergenceIsTheKlOfTheTwoDistributions() {
        // p = (0.5, 0.5), q = (0.25, 0.75): KL(p||q) = 0.5 ln 2 + 0.5 ln(2/3).
        const std::vector<float> p = {std::log(0.5f), std::log(0.5f)};
        const std::vector<float> q = {std::log(0.25f), std::log(0.75f)};
        const auto stats = compare(p, q, 2);
        QCOMPARE(int(stats.size()), 1);
        QVERIFY(std::abs(stats[0].kl - (0.5 * std::log(2.0) + 0.5 * std::log(2.0 / 3.0))) < 1e-6);
    }

    void nanOnEitherSideIsInfiniteDivergence() {
        const float nan = std::numeric_limits<float>::quiet_NaN();
        const std::vector<float> good = logSoftmaxRows({1.0f, 2.0f, 3.0f}, 3);
        const std::vector<float> bad = {nan, nan, nan};
        QVERIFY(std::isinf(compare(bad, good, 3)[0].kl));
        QVERIFY(std::isinf(compare(good, bad, 3)[0].kl));
        const std::vector<float> oneNan = {good[0], nan, good[2]};
        QVERIFY(std::isinf(compare(oneNan, good, 3)[0].kl));
        const float ninf = -std::numeric_limits<float>::infinity();
        QVERIFY(std::isinf(compare({ninf, ninf, ninf}, good, 3)[0].kl));
    }

    void underflowedReferenceEntriesAreIgnored() {
        const float ninf = -std::numeric_limits<float>::infinity();
        const std::vector<float> ref = {0.0f, ninf};  // p = (1, 0)
        const std::vector<float> tst = {-1e-7f, -16.0f};
        QVERIFY(compare(ref, tst, 2)[0].kl < 1e-6);
    }
};

QTEST_GUILESS_MAIN(TestOracleHarness)
#include "tst_oracle_harness.moc"
