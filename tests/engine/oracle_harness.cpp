#include "oracle_harness.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace ponder::testoracle {

namespace {

OracleResult readOutput(const QString& file, size_t nPositions) {
    OracleResult r;
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        r.error = QStringLiteral("oracle wrote no output file ") + file;
        return r;
    }
    const QByteArray bytes = f.readAll();
    if (bytes.size() < 12 || !bytes.startsWith("PLGP")) {
        r.error = QStringLiteral("oracle output has no PLGP header");
        return r;
    }
    uint32_t nVocab = 0, nPos = 0;
    std::memcpy(&nVocab, bytes.constData() + 4, 4);
    std::memcpy(&nPos, bytes.constData() + 8, 4);
    if (nPos != nPositions || bytes.size() != 12 + qsizetype(nVocab) * nPos * 4) {
        r.error = QStringLiteral("oracle output has the wrong size");
        return r;
    }
    r.nVocab = nVocab;
    r.logprobs.resize(size_t(nVocab) * nPos);
    std::memcpy(r.logprobs.data(), bytes.constData() + 12, r.logprobs.size() * 4);
    r.ok = true;
    return r;
}

}  // namespace

std::vector<OracleResult> runOracle(const QStringList& modelPaths, const std::vector<int32_t>& tokens,
                                    const QString& kv) {
    std::vector<OracleResult> results(size_t(modelPaths.size()));
    const auto failAll = [&](const QString& why) {
        for (auto& r : results) r.error = why;
        return results;
    };
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    if (node.isEmpty()) return failAll(QStringLiteral("node is not installed (the llama.cpp oracle needs it)"));
    const QString script = QStringLiteral(PONDER_SOURCE_DIR "/tests/oracle/logits.mjs");
    QTemporaryDir dir;
    QStringList ids;
    for (int32_t t : tokens) ids << QString::number(t);
    QStringList args{script, QStringLiteral("--tokens"), ids.join(','), QStringLiteral("--kv"), kv,
                     QStringLiteral("--threads"), QStringLiteral("2")};
    for (qsizetype i = 0; i < modelPaths.size(); ++i) {
        args << QStringLiteral("--model") << modelPaths[i] << QStringLiteral("--out")
             << dir.filePath(QStringLiteral("out%1.bin").arg(i));
    }
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PONDER_ORACLE_DIR"), QStringLiteral(PONDER_ORACLE_DIR));
    p.setProcessEnvironment(env);
    p.start(node, args);
    if (!p.waitForFinished(600000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        return failAll(QStringLiteral("oracle failed (exit %1): %2")
                           .arg(p.exitCode())
                           .arg(QString::fromUtf8(p.readAllStandardError())));
    }
    for (qsizetype i = 0; i < modelPaths.size(); ++i) {
        results[size_t(i)] = readOutput(dir.filePath(QStringLiteral("out%1.bin").arg(i)), tokens.size());
    }
    return results;
}

std::vector<float> logSoftmaxRows(const std::vector<float>& logits, uint32_t nVocab) {
    std::vector<float> out(logits.size());
    for (size_t row = 0; row * nVocab < logits.size(); ++row) {
        const float* x = logits.data() + row * nVocab;
        const float m = *std::max_element(x, x + nVocab);
        double s = 0;
        for (uint32_t i = 0; i < nVocab; ++i) s += std::exp(double(x[i]) - m);
        const double lse = m + std::log(s);
        for (uint32_t i = 0; i < nVocab; ++i) out[row * nVocab + i] = float(double(x[i]) - lse);
    }
    return out;
}

std::vector<PositionStats> compare(const std::vector<float>& reference, const std::vector<float>& test, uint32_t nVocab) {
    std::vector<PositionStats> stats;
    for (size_t row = 0; (row + 1) * nVocab <= reference.size() && (row + 1) * nVocab <= test.size(); ++row) {
        const float* ref = reference.data() + row * nVocab;
        const float* tst = test.data() + row * nVocab;
        // llama.cpp's probabilities are floats summing to 1 only within ~1e-7; renormalising
        // keeps that rounding out of the KL (it would otherwise dominate in F32).
        double refSum = 0;
        for (uint32_t i = 0; i < nVocab; ++i) refSum += std::isfinite(ref[i]) ? std::exp(double(ref[i])) : 0.0;
        const double refShift = std::log(refSum);
        PositionStats s;
        uint32_t refTop = 0, tstTop = 0;
        float best = -std::numeric_limits<float>::infinity(), second = best;
        for (uint32_t i = 0; i < nVocab; ++i) {
            if (ref[i] > best) {
                second = best;
                best = ref[i];
                refTop = i;
            } else if (ref[i] > second) {
                second = ref[i];
            }
            if (tst[i] > tst[tstTop]) tstTop = i;
            if (!std::isfinite(ref[i])) continue;  // underflowed in llama.cpp: p = 0 adds nothing
            const double lr = double(ref[i]) - refShift;
            const double p = std::exp(lr);
            s.kl += p * (lr - double(tst[i]));
            if (p > 1e-6) s.maxAbsDiff = std::max(s.maxAbsDiff, std::abs(lr - double(tst[i])));
        }
        // A NaN on either side, or a reference row with no finite entry, is a broken run, not
        // "no divergence": infinite KL makes every tolerance check fail.
        const bool refBroken = refSum <= 0 || std::any_of(ref, ref + nVocab, [](float v) { return std::isnan(v); });
        const bool tstBroken = std::any_of(tst, tst + nVocab, [](float v) { return std::isnan(v); });
        if (refBroken || tstBroken || !std::isfinite(s.kl)) {
            s.kl = std::numeric_limits<double>::infinity();
            s.maxAbsDiff = std::numeric_limits<double>::infinity();
        }
        s.refTopGap = double(best) - double(second);
        s.sameArgmax = refTop == tstTop;
        stats.push_back(s);
    }
    return stats;
}

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
}

}  // namespace ponder::testoracle
