#include "cpu/matmul.h"

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "quant/quant.h"

namespace ponder::cpu {

unsigned defaultThreads() {
    const unsigned n = std::thread::hardware_concurrency();
    return n == 0 ? 1 : n;
}

void parallelFor(size_t n, unsigned threads, const std::function<void(size_t, size_t)>& fn) {
    if (threads == 0) threads = defaultThreads();
    const size_t workers = std::min<size_t>(threads, n);
    if (workers <= 1) {
        if (n > 0) fn(0, n);
        return;
    }
    const size_t chunk = (n + workers - 1) / workers;
    std::vector<std::thread> pool;
    pool.reserve(workers - 1);
    for (size_t w = 1; w < workers; ++w) {
        const size_t b = w * chunk, e = std::min(n, b + chunk);
        if (b < e) pool.emplace_back([&fn, b, e] { fn(b, e); });
    }
    fn(0, std::min(n, chunk));
    for (auto& t : pool) t.join();
}

Result<void> dequantizeRow(const Matrix& w, size_t r, float* out) {
    return quant::dequantize(w.type, w.row(r), out, w.cols);
}

Result<void> matmul(const Matrix& w, const float* x, size_t xStride, size_t nTokens, float* y,
                    size_t yStride, unsigned threads) {
    // Thread start-up costs more than a small product; below this many multiply-adds one
    // thread is faster.
    constexpr size_t kMinWorkPerThread = 1u << 16;
    const size_t work = w.rows * w.cols * std::max<size_t>(nTokens, 1);
    if (work < kMinWorkPerThread * 2) threads = 1;

    std::atomic<bool> failed{false};
    Error firstError;
    std::atomic_flag errorTaken = ATOMIC_FLAG_INIT;
    parallelFor(w.rows, threads, [&](size_t begin, size_t end) {
        std::vector<float> row(w.cols);  // [cols] one dequantized weight row
        for (size_t r = begin; r < end && !failed.load(std::memory_order_relaxed); ++r) {
            auto ok = quant::dequantize(w.type, w.row(r), row.data(), w.cols);
            if (!ok) {
                if (!errorTaken.test_and_set()) firstError = ok.error();
                failed = true;
                return;
            }
            for (size_t t = 0; t < nTokens; ++t) {
                const float* xt = x + t * xStride;
                double acc = 0.0;
                for (size_t k = 0; k < w.cols; ++k) acc += double(row[k]) * double(xt[k]);
                y[t * yStride + r] = float(acc);
            }
        }
    });
    if (failed) return firstError;
    return {};
}

}  // namespace ponder::cpu
