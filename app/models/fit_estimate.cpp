#include "fit_estimate.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("FitEstimate", text);
}

QString oneDecimal(double v) {
    // Round first so 7.96 shows as "8", not "8.0".
    const double r = std::round(v * 10.0) / 10.0;
    return r == std::floor(r) ? QString::number(static_cast<qint64>(r)) : QString::number(r, 'f', 1);
}

}  // namespace

QString formatMemory(qint64 bytes) {
    constexpr double kKiB = 1024.0, kMiB = kKiB * 1024.0, kGiB = kMiB * 1024.0;
    const double b = static_cast<double>(std::max<qint64>(bytes, 0));
    if (b >= kGiB)
        return oneDecimal(b / kGiB) + QStringLiteral(" GB");
    if (b >= kMiB)
        return QString::number(static_cast<qint64>(std::round(b / kMiB))) + QStringLiteral(" MB");
    return QString::number(static_cast<qint64>(std::ceil(b / kKiB))) + QStringLiteral(" KB");
}

QString fitVerdictName(FitVerdict verdict) {
    switch (verdict) {
        case FitVerdict::Fits: return QStringLiteral("fits");
        case FitVerdict::Tight: return QStringLiteral("tight");
        case FitVerdict::TooBig: return QStringLiteral("tooBig");
        case FitVerdict::Unknown: break;
    }
    return QStringLiteral("unknown");
}

FitResult estimateFit(const FitInput& in) {
    FitResult r;
    r.contextUsed = std::max(in.contextLength, 0);
    if (in.modelMaxContext > 0)
        r.contextUsed = std::min(r.contextUsed, in.modelMaxContext);
    r.weightBytes = std::max<qint64>(in.weightBytes, 0);
    r.kvBytes = std::max<qint64>(in.kvBytesPerToken, 0) * r.contextUsed + std::max<qint64>(in.kvFixedBytes, 0);
    r.overheadBytes = kFitOverheadFixedBytes +
                      static_cast<qint64>(std::llround(static_cast<double>(r.weightBytes) * kFitOverheadWeightShare));
    r.neededBytes = r.weightBytes + r.kvBytes + r.overheadBytes;
    r.availableBytes = std::max<qint64>(in.deviceBytes, 0);

    const QString needed = formatMemory(r.neededBytes);
    const QString have = formatMemory(r.availableBytes);
    if (r.availableBytes == 0) {
        r.verdict = FitVerdict::Unknown;
        r.text = tr("Needs about %1 of GPU memory; no GPU was found to compare with.").arg(needed);
        return r;
    }
    const double comfortable = static_cast<double>(r.availableBytes) * kFitComfortShare;
    if (static_cast<double>(r.neededBytes) <= comfortable) {
        r.verdict = FitVerdict::Fits;
        r.text = tr("Fits: needs %1, you have %2.").arg(needed, have);
    } else if (r.neededBytes <= r.availableBytes) {
        r.verdict = FitVerdict::Tight;
        r.text = tr("Tight: needs %1 of your %2. A shorter context or closing other programs may help.")
                     .arg(needed, have);
    } else {
        r.verdict = FitVerdict::TooBig;
        r.text = tr("Too big: needs %1, you have %2.").arg(needed, have);
        // Keeping the experts in system RAM is how other apps run big MoE models on small
        // GPUs; the engine cannot do that yet, so say so instead of implying it can.
        r.text += QLatin1Char(' ');
        r.text += in.moe ? tr("As a Mixture-of-Experts model it could run with its experts kept in "
                              "system RAM, but Ponder does not support that yet.")
                         : tr("Try a smaller model or quantization.");
    }
    return r;
}
