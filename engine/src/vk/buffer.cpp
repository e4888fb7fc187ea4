#include "vk/buffer.h"

#include <optional>

#include "vk/vk_error.h"

namespace ponder::vk {

namespace {

std::optional<uint32_t> findMemoryType(const VkPhysicalDeviceMemoryProperties& mem, uint32_t typeBits,
                                       VkMemoryPropertyFlags want) {
    for (uint32_t i = 0; i < mem.memoryTypeCount; ++i) {
        if ((typeBits & (1u << i)) && (mem.memoryTypes[i].propertyFlags & want) == want) return i;
    }
    return std::nullopt;
}

}  // namespace

Result<Buffer> createBuffer(Device& device, VkDeviceSize size, MemoryKind kind) {
    if (size == 0) return makeError(ErrorCode::InvalidArgument, "cannot create an empty buffer");
    if (device.info.maxAllocationSize && size > device.info.maxAllocationSize) {
        return makeError(ErrorCode::InvalidArgument,
                         "buffer of " + std::to_string(size) + " bytes exceeds the device's largest allocation (" +
                             std::to_string(device.info.maxAllocationSize) + " bytes)");
    }
    Buffer b;
    b.size = size;
    VkBufferCreateInfo info{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
    info.size = size;
    info.usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT;
    info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
    PONDER_VK(vkCreateBuffer(device.device, &info, nullptr, &b.buffer));

    VkMemoryRequirements req{};
    vkGetBufferMemoryRequirements(device.device, b.buffer, &req);
    VkMemoryPropertyFlags want = kind == MemoryKind::DeviceLocal
                                     ? VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT
                                     : VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
    auto type = findMemoryType(device.memory, req.memoryTypeBits, want);
    if (!type && kind == MemoryKind::DeviceLocal) {
        // Some devices (software renderers) have no memory type flagged device-local for
        // buffers: any type the buffer accepts will do.
        type = findMemoryType(device.memory, req.memoryTypeBits, 0);
    }
    if (!type) {
        vkDestroyBuffer(device.device, b.buffer, nullptr);
        return makeError(ErrorCode::VulkanError, "no suitable memory type for a storage buffer");
    }
    VkMemoryAllocateInfo alloc{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
    alloc.allocationSize = req.size;
    alloc.memoryTypeIndex = *type;
    if (VkResult r = vkAllocateMemory(device.device, &alloc, nullptr, &b.memory); r != VK_SUCCESS) {
        vkDestroyBuffer(device.device, b.buffer, nullptr);
        return vulkanError(r, "allocating " + std::to_string(req.size) + " bytes of device memory");
    }
    if (VkResult r = vkBindBufferMemory(device.device, b.buffer, b.memory, 0); r != VK_SUCCESS) {
        destroyBuffer(device, b);
        return vulkanError(r, "vkBindBufferMemory");
    }
    if (kind == MemoryKind::HostVisible) {
        if (VkResult r = vkMapMemory(device.device, b.memory, 0, VK_WHOLE_SIZE, 0, &b.mapped); r != VK_SUCCESS) {
            destroyBuffer(device, b);
            return vulkanError(r, "vkMapMemory");
        }
    }
    return b;
}

void destroyBuffer(Device& device, Buffer& buffer) {
    if (buffer.mapped) vkUnmapMemory(device.device, buffer.memory);
    if (buffer.buffer) vkDestroyBuffer(device.device, buffer.buffer, nullptr);
    if (buffer.memory) vkFreeMemory(device.device, buffer.memory, nullptr);
    buffer = Buffer{};
}

}  // namespace ponder::vk
