/// @brief Vulkan buffers with their own memory (plain struct + free functions).
#pragma once

#include <vulkan/vulkan.h>

#include "ponder/result.h"
#include "vk/device.h"

namespace ponder::vk {

enum class MemoryKind {
    DeviceLocal,  // fastest for kernels; filled through a staging buffer
    HostVisible,  // mapped, coherent: staging uploads and read-backs
};

struct Buffer {
    VkBuffer buffer = VK_NULL_HANDLE;
    VkDeviceMemory memory = VK_NULL_HANDLE;
    VkDeviceSize size = 0;
    void* mapped = nullptr;  // set for HostVisible buffers
};

/// Creates a storage buffer of `size` bytes. Fails with OutOfMemory when the device has no
/// room, or InvalidArgument when `size` exceeds what one allocation may hold.
Result<Buffer> createBuffer(Device& device, VkDeviceSize size, MemoryKind kind);
void destroyBuffer(Device& device, Buffer& buffer);

}  // namespace ponder::vk
