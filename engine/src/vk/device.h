/// @brief A Vulkan instance + logical device with one compute queue (niagara style: a
/// plain struct and free functions).
#pragma once

#include <vulkan/vulkan.h>

#include <memory>
#include <optional>
#include <string>

#include "ponder/gpu.h"
#include "ponder/result.h"

namespace ponder::vk {

/// Everything needed to record and submit compute work on one device.
struct Device {
    VkInstance instance = VK_NULL_HANDLE;
    VkPhysicalDevice physical = VK_NULL_HANDLE;
    VkDevice device = VK_NULL_HANDLE;
    VkQueue queue = VK_NULL_HANDLE;
    uint32_t queueFamily = 0;
    VkCommandPool commandPool = VK_NULL_HANDLE;
    VkPhysicalDeviceMemoryProperties memory{};
    GpuInfo info;

    Device() = default;
    Device(const Device&) = delete;
    Device& operator=(const Device&) = delete;
    ~Device();
};

/// Creates the device chosen by chooseGpu(`wanted`), enabling the features kernels use.
/// Fails with NoDevice (and says why) when no usable device exists.
Result<std::unique_ptr<Device>> createDevice(const std::optional<std::string>& wanted = std::nullopt);

/// "1.3.239" from a packed Vulkan version number.
std::string versionString(uint32_t v);

/// Creates a Vulkan instance (validation layers come from VK_INSTANCE_LAYERS if set).
Result<VkInstance> createInstance();

/// Reads the capabilities of one physical device.
GpuInfo queryGpu(VkPhysicalDevice physical, uint32_t index);

}  // namespace ponder::vk
