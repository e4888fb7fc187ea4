/// @brief Compute pipelines from embedded SPIR-V, and a one-shot dispatch helper.
#pragma once

#include <vulkan/vulkan.h>

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "ponder/result.h"
#include "vk/buffer.h"
#include "vk/device.h"

namespace ponder::vk {

/// A compute pipeline whose bindings are `bindingCount` storage buffers (0..n-1) and whose
/// push constants are `pushSize` bytes.
struct Pipeline {
    VkShaderModule module = VK_NULL_HANDLE;
    VkDescriptorSetLayout setLayout = VK_NULL_HANDLE;
    VkPipelineLayout layout = VK_NULL_HANDLE;
    VkPipeline pipeline = VK_NULL_HANDLE;
    uint32_t bindingCount = 0;
    uint32_t pushSize = 0;
    std::string name;  // the shader variant, for diagnostics
};

/// Builds the pipeline of the embedded shader variant `variant` (see shaders/variants.cmake);
/// `specConstants[i]` is specialization constant id i.
Result<Pipeline> createPipeline(Device& device, std::string_view variant, uint32_t bindingCount,
                                uint32_t pushSize, std::span<const uint32_t> specConstants);
void destroyPipeline(Device& device, Pipeline& pipeline);

/// Records one dispatch, submits it and waits (tests and one-off work; the inference path
/// records whole token steps instead). Fails with DeviceLost/OutOfMemory/Internal as the
/// driver reports; a wait longer than `timeoutMs` is an error, not a hang.
Result<void> dispatchOnce(Device& device, const Pipeline& pipeline, std::span<const Buffer* const> buffers,
                          const void* push, std::array<uint32_t, 3> groups, uint64_t timeoutMs = 60000);

}  // namespace ponder::vk
