#include <algorithm>
#include <cctype>
#include <charconv>
#include <vector>

#include "ponder/gpu.h"
#include "vk/device.h"

namespace ponder {

const char* gpuTypeName(GpuType type) {
    switch (type) {
    case GpuType::Discrete: return "discrete";
    case GpuType::Integrated: return "integrated";
    case GpuType::Virtual: return "virtual";
    case GpuType::Cpu: return "cpu";
    case GpuType::Other: return "other";
    }
    return "other";
}

Result<std::string> vulkanLoaderVersion() {
    uint32_t version = 0;
    // vkEnumerateInstanceVersion is a loader entry point; a 1.0 loader lacks it entirely and
    // is reported by createInstance's own check when a device is wanted.
    if (vkEnumerateInstanceVersion(&version) != VK_SUCCESS) {
        return makeError(ErrorCode::NoDevice, "no Vulkan loader");
    }
    return vk::versionString(version);
}

Result<std::vector<GpuInfo>> listGpus() {
    auto instance = vk::createInstance();
    if (!instance) return instance.error();
    uint32_t count = 0;
    vkEnumeratePhysicalDevices(*instance, &count, nullptr);
    std::vector<VkPhysicalDevice> physicals(count);
    vkEnumeratePhysicalDevices(*instance, &count, physicals.data());
    std::vector<GpuInfo> gpus;
    for (uint32_t i = 0; i < count; ++i) gpus.push_back(vk::queryGpu(physicals[i], i));
    vkDestroyInstance(*instance, nullptr);
    return gpus;
}

namespace {

int typeRank(GpuType t) {
    switch (t) {
    case GpuType::Discrete: return 0;
    case GpuType::Integrated: return 1;
    case GpuType::Virtual: return 2;
    case GpuType::Other: return 3;
    case GpuType::Cpu: return 4;
    }
    return 5;
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

}  // namespace

Result<GpuInfo> chooseGpu(const std::vector<GpuInfo>& gpus, const std::optional<std::string>& wanted) {
    if (gpus.empty()) {
        return makeError(ErrorCode::NoDevice, "no Vulkan device found (install a GPU driver with Vulkan support)");
    }
    if (wanted && !wanted->empty()) {
        const GpuInfo* match = nullptr;
        unsigned index = 0;
        auto [p, ec] = std::from_chars(wanted->data(), wanted->data() + wanted->size(), index);
        if (ec == std::errc() && p == wanted->data() + wanted->size()) {
            if (index < gpus.size()) match = &gpus[index];
        } else {
            for (const GpuInfo& g : gpus) {
                if (lower(g.name).find(lower(*wanted)) != std::string::npos) {
                    match = &g;
                    break;
                }
            }
        }
        if (!match) return makeError(ErrorCode::NoDevice, "no Vulkan device matches '" + *wanted + "'");
        if (!match->usable) {
            return makeError(ErrorCode::Unsupported, "device '" + match->name + "' cannot run Ponder: " + match->missing);
        }
        return *match;
    }
    std::vector<const GpuInfo*> usable;
    std::string reasons;
    for (const GpuInfo& g : gpus) {
        if (g.usable) usable.push_back(&g);
        else reasons += " " + g.name + ": " + g.missing + ";";
    }
    if (usable.empty()) {
        return makeError(ErrorCode::NoDevice, "no Vulkan device has what Ponder needs:" + reasons);
    }
    std::stable_sort(usable.begin(), usable.end(), [](const GpuInfo* a, const GpuInfo* b) {
        if (typeRank(a->type) != typeRank(b->type)) return typeRank(a->type) < typeRank(b->type);
        return a->deviceLocalBytes > b->deviceLocalBytes;
    });
    return *usable.front();
}

}  // namespace ponder
