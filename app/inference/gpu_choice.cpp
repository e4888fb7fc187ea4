#include "gpu_choice.h"

#include <optional>
#include <string>

ponder::Result<ponder::GpuInfo> resolveGpuChoice(const std::vector<ponder::GpuInfo>& gpus, int gpuIndex,
                                                 const QString& gpuName) {
    if (gpuIndex < 0) return ponder::chooseGpu(gpus, std::nullopt);
    const std::string name = gpuName.toStdString();
    // chooseGpu by index also refuses a device that cannot run Ponder, with the reason.
    for (const ponder::GpuInfo& g : gpus) {
        if (g.index == static_cast<uint32_t>(gpuIndex) && (name.empty() || g.name == name))
            return ponder::chooseGpu(gpus, std::to_string(g.index));
    }
    for (const ponder::GpuInfo& g : gpus) {
        if (!name.empty() && g.name == name) return ponder::chooseGpu(gpus, std::to_string(g.index));
    }
    return ponder::makeError(ponder::ErrorCode::NoDevice,
                             "the GPU chosen in the settings (" + (name.empty() ? "device " + std::to_string(gpuIndex) : name) +
                                 ") is not present");
}
