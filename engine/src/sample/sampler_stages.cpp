// The samplers, each with llama.cpp's semantics (src/llama-sampler.cpp as engine-spec.md
// 5.2 restates it). Ties between equal logits are broken by the lower token id so results do
// not depend on the standard library's sort.
#include "sampler_stages.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

namespace ponder::sampling {
namespace {

bool higher(const TokenCandidate& a, const TokenCandidate& b) {
    return a.logit > b.logit || (a.logit == b.logit && a.id < b.id);
}

void sortDescending(Candidates& c) {
    if (!std::is_sorted(c.begin(), c.end(), higher)) std::sort(c.begin(), c.end(), higher);
}

}  // namespace

void applyPenalties(Candidates& c, std::span<const int32_t> recent, float repeat, float frequency,
                    float presence) {
    if (recent.empty() || (repeat == 1.0f && frequency == 0.0f && presence == 0.0f)) return;
    std::unordered_map<int32_t, int> counts;
    for (int32_t token : recent)
        ++counts[token];
    for (const auto& [token, count] : counts) {
        // The chain hands over the whole vocabulary in id order, so the candidate is
        // usually at index `token`; otherwise look for it.
        TokenCandidate* cand = nullptr;
        if (token >= 0 && size_t(token) < c.size() && c[size_t(token)].id == token) {
            cand = &c[size_t(token)];
        } else {
            auto it =
                std::find_if(c.begin(), c.end(), [t = token](const TokenCandidate& x) { return x.id == t; });
            if (it == c.end()) continue;
            cand = &*it;
        }
        // Dividing a negative logit would make the token *more* likely, so those are
        // multiplied instead: both directions push the token down.
        if (cand->logit <= 0.0f) {
            cand->logit *= repeat;
        } else {
            cand->logit /= repeat;
        }
        cand->logit -= float(count) * frequency + presence;
    }
}

void topK(Candidates& c, int32_t k) {
    if (k <= 0 || c.empty()) return;
    const size_t keep = std::min(size_t(k), c.size());
    std::partial_sort(c.begin(), c.begin() + std::ptrdiff_t(keep), c.end(), higher);
    c.resize(keep);
}

void topP(Candidates& c, float p, size_t minKeep) {
    if (p >= 1.0f || c.empty()) return;
    sortDescending(c);
    const std::vector<double> probs = probabilities(c);
    double cumulative = 0.0;
    size_t keep = c.size();
    for (size_t i = 0; i < probs.size(); ++i) {
        cumulative += probs[i];
        // The token that makes the sum reach p is kept, so at least one always survives.
        if (cumulative >= double(p) && i + 1 >= minKeep) {
            keep = i + 1;
            break;
        }
    }
    c.resize(keep);
}

void minP(Candidates& c, float p, size_t minKeep) {
    if (p <= 0.0f || c.empty()) return;
    float maxLogit = -std::numeric_limits<float>::infinity();
    for (const TokenCandidate& x : c)
        maxLogit = std::max(maxLogit, x.logit);
    // p_i >= p * p_max  <=>  logit_i >= logit_max + ln p: no softmax needed.
    const float threshold = maxLogit + std::log(p);
    const size_t kept = size_t(
        std::count_if(c.begin(), c.end(), [&](const TokenCandidate& x) { return x.logit >= threshold; }));
    if (kept >= minKeep) {
        c.erase(
            std::remove_if(c.begin(), c.end(), [&](const TokenCandidate& x) { return x.logit < threshold; }),
            c.end());
    } else {
        sortDescending(c);
        c.resize(std::min(minKeep, c.size()));
    }
}

void temperature(Candidates& c, float t) {
    if (c.empty()) return;
    if (t <= 0.0f) {
        const size_t best = argmax(c);
        for (size_t i = 0; i < c.size(); ++i) {
            if (i != best) c[i].logit = -std::numeric_limits<float>::infinity();
        }
        return;
    }
    for (TokenCandidate& x : c)
        x.logit /= t;
}

std::vector<double> probabilities(std::span<const TokenCandidate> c) {
    std::vector<double> p(c.size(), 0.0);
    if (c.empty()) return p;
    float maxLogit = -std::numeric_limits<float>::infinity();
    for (const TokenCandidate& x : c)
        maxLogit = std::max(maxLogit, x.logit);
    if (!std::isfinite(maxLogit)) {
        // Nothing finite to weigh (all -inf): treat as uniform rather than divide by zero.
        std::fill(p.begin(), p.end(), 1.0 / double(c.size()));
        return p;
    }
    double sum = 0.0;
    for (size_t i = 0; i < c.size(); ++i) {
        p[i] = std::exp(double(c[i].logit) - double(maxLogit));
        sum += p[i];
    }
    for (double& v : p)
        v /= sum;
    return p;
}

size_t argmax(std::span<const TokenCandidate> c) {
    size_t best = 0;
    for (size_t i = 1; i < c.size(); ++i) {
        if (c[i].logit > c[best].logit) best = i;
    }
    return best;
}

size_t draw(std::span<const TokenCandidate> c, std::mt19937& rng) {
    const std::vector<double> p = probabilities(c);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    const double target = uniform(rng);  // probabilities() already sums to 1
    double running = 0.0;
    for (size_t i = 0; i < p.size(); ++i) {
        running += p[i];
        if (running >= target && p[i] > 0.0) return i;
    }
    // Rounding can leave the running sum just below the target: take the last token
    // that has any weight.
    for (size_t i = p.size(); i-- > 0;) {
        if (p[i] > 0.0) return i;
    }
    return 0;
}

}  // namespace ponder::sampling
