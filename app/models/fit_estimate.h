/// @brief "Fits your GPU?": weights + KV cache + a runtime margin against device memory.
#pragma once

#include <QString>

/// What the estimate needs; all sizes in bytes.
struct FitInput {
    qint64 weightBytes = 0;      ///< the GGUF file(s); the engine uploads every weight
    qint64 kvBytesPerToken = 0;  ///< F16 KV cache per token of context
    qint64 kvFixedBytes = 0;     ///< cache that does not grow with the context (SWA layers)
    int contextLength = 0;       ///< tokens the user asked for
    int modelMaxContext = 0;     ///< the model's trained maximum (0: no cap)
    qint64 deviceBytes = 0;      ///< the GPU's largest device-local heap; 0 when unknown
    bool moe = false;            ///< Mixture-of-Experts (changes the advice when too big)
};

enum class FitVerdict { Unknown, Fits, Tight, TooBig };

struct FitResult {
    FitVerdict verdict = FitVerdict::Unknown;
    qint64 weightBytes = 0;
    qint64 kvBytes = 0;
    qint64 overheadBytes = 0;
    qint64 neededBytes = 0;     ///< weights + KV + overhead
    qint64 availableBytes = 0;
    int contextUsed = 0;        ///< the context the estimate was made for (after the cap)
    QString text;               ///< a sentence with the numbers, for the catalog view
};

/// Runtime margin beyond weights and KV: driver and context, compute scratch buffers,
/// logits, staging for uploads. A fixed part plus a share of the weights for buffer
/// alignment and packing. Deliberately generous: an estimate that says "fits" and then
/// fails to load is worse than one that says "tight".
constexpr qint64 kFitOverheadFixedBytes = 512LL * 1024 * 1024;
constexpr double kFitOverheadWeightShare = 0.05;
/// Above this share of device memory the verdict is "tight": other programs (the desktop,
/// a browser) hold some VRAM too.
constexpr double kFitComfortShare = 0.85;

/// Pure function: the estimate and its sentence. Unit-tested against hand-computed numbers.
FitResult estimateFit(const FitInput& in);

/// Sizes the way GPUs are sold: binary units labelled "GB"/"MB", one decimal, ".0" dropped
/// ("8 GB" for 8 GiB, "10.2 GB").
QString formatMemory(qint64 bytes);

/// Stable name of a verdict for QML ("fits", "tight", "tooBig", "unknown").
QString fitVerdictName(FitVerdict verdict);
