#include "core/app_info.h"

#include <optional>
#include <string>

#include "gpu_choice.h"
#include "inference_types.h"
#include "ponder/gpu.h"
#include "ponder/version.h"

AppInfo::AppInfo(QObject* parent) : QObject(parent) {}

QString AppInfo::version() const { return QString::fromLatin1(ponder::versionString()); }
QString AppInfo::gitRevision() const { return QString::fromLatin1(ponder::gitRevision()); }
QString AppInfo::qtVersion() const { return QString::fromLatin1(qVersion()); }

QString AppInfo::vulkanVersion() const {
    const auto v = ponder::vulkanLoaderVersion();
    return v ? QString::fromStdString(*v) : QString();
}

QString AppInfo::gpuDescription(int gpuIndex, const QString& gpuName) const {
    // CPU only needs no device list (and may be chosen because listing devices crashes a driver).
    if (gpuIndex == GpuChoice::CpuOnly) return describeGpu(std::vector<ponder::GpuInfo>{}, gpuIndex);
    return describeGpu(ponder::listGpus(), gpuIndex, gpuName);
}

QString AppInfo::describeGpu(const ponder::Result<std::vector<ponder::GpuInfo>>& gpus, int gpuIndex,
                             const QString& gpuName) {
    // Naming the best GPU here would claim models run on it when the settings say they do not.
    if (gpuIndex == GpuChoice::CpuOnly) return tr("none, models run on the CPU (chosen in the settings)");
    if (!gpus) return tr("none (%1)").arg(QString::fromStdString(gpus.error().message));
    const auto gpu = resolveGpuChoice(*gpus, gpuIndex, gpuName);
    if (!gpu) return tr("none (%1)").arg(QString::fromStdString(gpu.error().message));
    const double gb = double(gpu->deviceLocalBytes) / (1024.0 * 1024.0 * 1024.0);
    // The device's Vulkan API version next to the loader's: a driver older than the loader
    // is a common reason for a missing feature.
    return tr("%1 (%2, %3 GB, Vulkan %4)")
        .arg(QString::fromStdString(gpu->name), QString::fromLatin1(ponder::gpuTypeName(gpu->type)))
        .arg(gb, 0, 'f', 1)
        .arg(QString::fromStdString(gpu->apiVersion));
}

QString AppInfo::versionText(int gpuIndex, const QString& gpuName) const {
    const QString vulkan = vulkanVersion();
    return QStringLiteral("Ponder %1 (git %2, Qt %3)\nVulkan %4, GPU: %5\n")
        .arg(version(), gitRevision(), qtVersion(), vulkan.isEmpty() ? QStringLiteral("not available") : vulkan,
             gpuDescription(gpuIndex, gpuName));
}
