// Runs llama.cpp (tests/oracle/logits.mjs through node) and compares its next-token
// distributions with Ponder's logits, position by position.
#pragma once

#include <QString>
#include <QStringList>
#include <cstdint>
#include <vector>

namespace ponder::testoracle {

/// Log-probabilities from llama.cpp: [nPositions][nVocab]; -inf where a probability underflowed.
struct OracleResult {
    bool ok = false;
    QString error;     // why it failed (node missing, script error...) when !ok
    uint32_t nVocab = 0;
    std::vector<float> logprobs;
};

/// Evaluates the same tokens on each model in one llama.cpp process (its start-up costs
/// seconds). kv: "f32" or "f16". Never skips: a missing node or node-llama-cpp is an error
/// reported in every result.
std::vector<OracleResult> runOracle(const QStringList& modelPaths, const std::vector<int32_t>& tokens,
                                    const QString& kv);

/// log_softmax of each row of logits [nPositions][nVocab].
std::vector<float> logSoftmaxRows(const std::vector<float>& logits, uint32_t nVocab);

struct PositionStats {
    double kl = 0;             // KL(llama.cpp || Ponder) in nats
    double maxAbsDiff = 0;     // max |Δ log p| over tokens with p_ref > 1e-6
    double refTopGap = 0;      // llama.cpp's top-1 minus top-2 log-probability
    bool sameArgmax = true;
};

/// Per-position comparison of reference and test log-probabilities.
std::vector<PositionStats> compare(const std::vector<float>& reference, const std::vector<float>& test, uint32_t nVocab);

double median(std::vector<double> v);

}  // namespace ponder::testoracle
