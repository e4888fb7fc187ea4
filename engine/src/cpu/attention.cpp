#include "cpu/attention.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "cpu/matmul.h"
#include "quant/quant.h"

namespace ponder::cpu {

void loadKv(const KvRows& rows, size_t p, size_t offset, size_t n, float* out) {
    const size_t base = p * rows.rowElements + offset;
    if (rows.type == KvCacheType::F32) {
        const float* src = static_cast<const float*>(rows.data) + base;
        std::copy(src, src + n, out);
    } else {
        const uint16_t* src = static_cast<const uint16_t*>(rows.data) + base;
        for (size_t i = 0; i < n; ++i) out[i] = quant::fp16ToFp32(src[i]);
    }
}

void attention(const float* q, size_t nTokens, uint32_t startPos, const KvRows& k,
               const KvRows& v, const AttentionParams& p, float* out, unsigned threads) {
    const uint32_t groupSize = p.nHead / p.nHeadKv;  // query heads per KV head (validated > 0)
    const size_t qStride = size_t(p.nHead) * p.headDimK;
    const size_t oStride = size_t(p.nHead) * p.headDimV;
    const size_t nKeysMax = size_t(startPos) + nTokens;

    // Work items are (token, head) pairs; each is independent, so batching cannot change
    // a result (prompt and token-by-token decode agree bit for bit).
    parallelFor(nTokens * p.nHead, threads, [&](size_t begin, size_t end) {
        std::vector<float> scores(nKeysMax);  // [n_keys] z_j, then P_j
        std::vector<float> kv(std::max(p.headDimK, p.headDimV));  // [head_dim] one cached vector
        std::vector<double> acc(p.headDimV);  // [head_dim_v]
        for (size_t item = begin; item < end; ++item) {
            const size_t t = item / p.nHead, h = item % p.nHead;
            const size_t g = h / groupSize;
            const size_t pq = startPos + t;
            const float* qh = q + t * qStride + h * p.headDimK;
            size_t first = 0;
            if (p.window > 0 && pq + 1 > p.window) first = pq + 1 - p.window;
            const size_t nKeys = pq + 1;
            float maxz = -std::numeric_limits<float>::infinity();
            for (size_t j = first; j < nKeys; ++j) {
                loadKv(k, j, g * p.headDimK, p.headDimK, kv.data());
                double dot = 0.0;
                for (uint32_t d = 0; d < p.headDimK; ++d) dot += double(qh[d]) * double(kv[d]);
                scores[j] = float(dot) * p.kqScale;
                maxz = std::max(maxz, scores[j]);
            }
            // A sink joins the normaliser with no value attached and no kq scale.
            const float sink = p.sinks ? p.sinks[h] : -std::numeric_limits<float>::infinity();
            maxz = std::max(maxz, sink);
            double sum = p.sinks ? std::exp(double(sink - maxz)) : 0.0;
            for (size_t j = first; j < nKeys; ++j) {
                scores[j] = std::exp(scores[j] - maxz);
                sum += scores[j];
            }
            std::fill(acc.begin(), acc.end(), 0.0);
            for (size_t j = first; j < nKeys; ++j) {
                loadKv(v, j, g * p.headDimV, p.headDimV, kv.data());
                const double w = double(scores[j]) / sum;
                for (uint32_t d = 0; d < p.headDimV; ++d) acc[d] += w * double(kv[d]);
            }
            float* oh = out + t * oStride + h * p.headDimV;
            for (uint32_t d = 0; d < p.headDimV; ++d) oh[d] = float(acc[d]);
        }
    });
}

}  // namespace ponder::cpu
