// Scale searches shared by the quantizers.
//
// Each search tries a small fan of candidate scales around "the extreme value lands on the
// last code", picks the integer codes for each candidate, refits the scale (and offset) to
// those codes by least squares, and keeps the candidate with the smallest squared error.
// This is the idea behind ggml's make_qx_quants / make_qkx2_quants without importance
// weights; it is plain and slow, which is fine for a reference used by tests and tools.

#include <cmath>

#include "quant_internal.h"

namespace ponder::quant::detail {
namespace {

// Candidate divisors are spaced a tenth of a code apart, up to one code either side.
constexpr int kSteps = 10;
constexpr float kStep = 0.1f;

float signedAbsMax(const float* x, int n) {
    float best = 0;
    for (int i = 0; i < n; ++i) {
        if (std::fabs(x[i]) > std::fabs(best)) best = x[i];
    }
    return best;
}

// Squared error of x ≈ s·q for the least-squares s given the codes, and that s.
struct ScaleChoice {
    double error = INFINITY;
    float scale = 0;
};

ScaleChoice leastSquaresScale(const float* x, const float* codeValues, int n) {
    double sumXq = 0, sumQq = 0, sumXx = 0;
    for (int i = 0; i < n; ++i) {
        sumXq += double(x[i]) * codeValues[i];
        sumQq += double(codeValues[i]) * codeValues[i];
        sumXx += double(x[i]) * x[i];
    }
    if (sumQq <= 0) return {sumXx, 0.0f};
    return {sumXx - sumXq * sumXq / sumQq, float(sumXq / sumQq)};
}

}  // namespace

int roundClamp(float v, int lo, int hi) {
    // Clamp in float first: converting an out-of-range float (or NaN) to int is undefined.
    if (!(v > float(lo))) return lo;
    if (v >= float(hi)) return hi;
    return int(std::nearbyint(v));
}

float fitSignedScale(const float* x, int n, int qmin, int qmax) {
    const float vmax = signedAbsMax(x, n);
    if (vmax == 0) return 0;
    float codeValues[256];
    ScaleChoice best;
    // The extreme element lands either on the most negative code or on the most positive one.
    for (const int target : {qmin, qmax}) {
        const float direction = target < 0 ? -1.0f : 1.0f;
        for (int step = -kSteps; step <= kSteps; ++step) {
            const float divisor = float(target) + direction * kStep * float(step);
            if (divisor * direction <= 0.5f) continue;  // would put the extreme past the range
            const float inv = divisor / vmax;
            for (int i = 0; i < n; ++i)
                codeValues[i] = float(roundClamp(x[i] * inv, qmin, qmax));
            const ScaleChoice choice = leastSquaresScale(x, codeValues, n);
            if (choice.error < best.error) best = choice;
        }
    }
    return best.scale;
}

AffineFit fitAffine(const float* x, int n, int qmax) {
    float lo = 0, hi = x[0];
    for (int i = 0; i < n; ++i) {
        lo = std::fmin(lo, x[i]);  // the offset is subtracted and stored unsigned: lo <= 0
        hi = std::fmax(hi, x[i]);
    }
    if (!(hi > lo)) return {0.0f, -lo};

    AffineFit best{(hi - lo) / float(qmax), -lo};
    double bestError = INFINITY;
    for (int step = -kSteps; step <= kSteps; ++step) {
        const float inv = (float(qmax) + kStep * float(step)) / (hi - lo);
        double sumQ = 0, sumQq = 0, sumX = 0, sumXq = 0;
        float codes[256];
        for (int i = 0; i < n; ++i) {
            codes[i] = float(roundClamp((x[i] - lo) * inv, 0, qmax));
            sumQ += codes[i];
            sumQq += double(codes[i]) * codes[i];
            sumX += x[i];
            sumXq += double(x[i]) * codes[i];
        }
        // Least squares for x ≈ a·q + b, then b is clamped to <= 0 (offset = -b >= 0).
        const double det = double(n) * sumQq - sumQ * sumQ;
        if (det <= 0) continue;
        double a = (double(n) * sumXq - sumQ * sumX) / det;
        double b = (sumQq * sumX - sumQ * sumXq) / det;
        if (b > 0) {
            b = 0;
            a = sumXq / sumQq;
        }
        if (a < 0) continue;
        double error = 0;
        for (int i = 0; i < n; ++i) {
            const double diff = x[i] - (a * codes[i] + b);
            error += diff * diff;
        }
        if (error < bestError) {
            bestError = error;
            best = {float(a), float(-b)};
        }
    }
    return best;
}

int nearestCodebookIndex(float v, const int8_t* table, int tableSize) {
    int best = 0;
    float bestDistance = std::fabs(v - float(table[0]));
    for (int k = 1; k < tableSize; ++k) {
        const float distance = std::fabs(v - float(table[k]));
        if (distance < bestDistance) {
            bestDistance = distance;
            best = k;
        }
    }
    return best;
}

float fitCodebookScale(const float* x, int n, const int8_t* table, int tableSize) {
    const float vmax = signedAbsMax(x, n);
    if (vmax == 0) return 0;
    float codeValues[256];
    ScaleChoice best;
    // Codebook steps at the ends are 10-20 units wide, so whole-unit candidate steps suffice.
    for (const int8_t target : {table[0], table[tableSize - 1]}) {
        const float direction = target < 0 ? -1.0f : 1.0f;
        for (int step = -kSteps; step <= kSteps; ++step) {
            const float inv = (float(target) + direction * float(step)) / vmax;
            for (int i = 0; i < n; ++i) {
                codeValues[i] = float(table[nearestCodebookIndex(x[i] * inv, table, tableSize)]);
            }
            const ScaleChoice choice = leastSquaresScale(x, codeValues, n);
            if (choice.error < best.error) best = choice;
        }
    }
    return best.scale;
}

}  // namespace ponder::quant::detail
