/// @brief Turns VkResult codes into Ponder errors the caller can recover from.
#pragma once

#include <vulkan/vulkan.h>

#include <string>

#include "ponder/result.h"

namespace ponder::vk {

/// "vkCreateDevice failed: VK_ERROR_OUT_OF_DEVICE_MEMORY" with a matching ErrorCode
/// (DeviceLost, OutOfMemory, ...), so the app can say something useful and rebuild.
Error vulkanError(VkResult result, const std::string& what);
const char* vkResultName(VkResult result);

}  // namespace ponder::vk

/// Returns a Ponder Error from the enclosing function when a Vulkan call fails.
#define PONDER_VK(call)                                                        \
    do {                                                                       \
        VkResult ponder_vk_result_ = (call);                                   \
        if (ponder_vk_result_ != VK_SUCCESS)                                   \
            return ::ponder::vk::vulkanError(ponder_vk_result_, #call);        \
    } while (0)
