#include "vk/pipeline.h"

#include <string>
#include <vector>

#include "shader_registry.h"
#include "vk/vk_error.h"

namespace ponder::vk {

Result<Pipeline> createPipeline(Device& device, std::string_view variant, uint32_t bindingCount,
                                uint32_t pushSize, std::span<const uint32_t> specConstants) {
    std::span<const uint32_t> words = shaders::find(variant);
    if (words.empty()) {
        return makeError(ErrorCode::Internal, "no embedded shader variant named '" + std::string(variant) + "'");
    }
    Pipeline p;
    p.name = std::string(variant);
    p.bindingCount = bindingCount;
    p.pushSize = pushSize;
    auto fail = [&](VkResult r, const char* what) {
        destroyPipeline(device, p);
        return vulkanError(r, std::string(what) + " for '" + std::string(variant) + "'");
    };

    VkShaderModuleCreateInfo moduleInfo{VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO};
    moduleInfo.codeSize = words.size() * sizeof(uint32_t);
    moduleInfo.pCode = words.data();
    if (VkResult r = vkCreateShaderModule(device.device, &moduleInfo, nullptr, &p.module); r != VK_SUCCESS) {
        return fail(r, "vkCreateShaderModule");
    }

    std::vector<VkDescriptorSetLayoutBinding> bindings(bindingCount);
    for (uint32_t i = 0; i < bindingCount; ++i) {
        bindings[i] = {i, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_COMPUTE_BIT, nullptr};
    }
    VkDescriptorSetLayoutCreateInfo setInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
    setInfo.bindingCount = bindingCount;
    setInfo.pBindings = bindings.data();
    if (VkResult r = vkCreateDescriptorSetLayout(device.device, &setInfo, nullptr, &p.setLayout); r != VK_SUCCESS) {
        return fail(r, "vkCreateDescriptorSetLayout");
    }

    VkPushConstantRange range{VK_SHADER_STAGE_COMPUTE_BIT, 0, pushSize};
    VkPipelineLayoutCreateInfo layoutInfo{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
    layoutInfo.setLayoutCount = 1;
    layoutInfo.pSetLayouts = &p.setLayout;
    layoutInfo.pushConstantRangeCount = pushSize ? 1 : 0;
    layoutInfo.pPushConstantRanges = pushSize ? &range : nullptr;
    if (VkResult r = vkCreatePipelineLayout(device.device, &layoutInfo, nullptr, &p.layout); r != VK_SUCCESS) {
        return fail(r, "vkCreatePipelineLayout");
    }

    std::vector<VkSpecializationMapEntry> entries(specConstants.size());
    for (uint32_t i = 0; i < specConstants.size(); ++i) {
        entries[i] = {i, static_cast<uint32_t>(i * sizeof(uint32_t)), sizeof(uint32_t)};
    }
    VkSpecializationInfo spec{static_cast<uint32_t>(entries.size()), entries.data(),
                              specConstants.size() * sizeof(uint32_t), specConstants.data()};
    VkComputePipelineCreateInfo info{VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO};
    info.stage = {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO};
    info.stage.stage = VK_SHADER_STAGE_COMPUTE_BIT;
    info.stage.module = p.module;
    info.stage.pName = "main";
    info.stage.pSpecializationInfo = specConstants.empty() ? nullptr : &spec;
    info.layout = p.layout;
    if (VkResult r = vkCreateComputePipelines(device.device, VK_NULL_HANDLE, 1, &info, nullptr, &p.pipeline);
        r != VK_SUCCESS) {
        return fail(r, "vkCreateComputePipelines");
    }
    return p;
}

void destroyPipeline(Device& device, Pipeline& p) {
    if (p.pipeline) vkDestroyPipeline(device.device, p.pipeline, nullptr);
    if (p.layout) vkDestroyPipelineLayout(device.device, p.layout, nullptr);
    if (p.setLayout) vkDestroyDescriptorSetLayout(device.device, p.setLayout, nullptr);
    if (p.module) vkDestroyShaderModule(device.device, p.module, nullptr);
    p = Pipeline{};
}

namespace {

/// Transient objects of one dispatchOnce call, released on every path.
struct OneShot {
    Device& device;
    VkDescriptorPool pool = VK_NULL_HANDLE;
    VkCommandBuffer cmd = VK_NULL_HANDLE;
    VkFence fence = VK_NULL_HANDLE;
    ~OneShot() {
        if (fence) vkDestroyFence(device.device, fence, nullptr);
        if (cmd) vkFreeCommandBuffers(device.device, device.commandPool, 1, &cmd);
        if (pool) vkDestroyDescriptorPool(device.device, pool, nullptr);
    }
};

}  // namespace

Result<void> dispatchOnce(Device& device, const Pipeline& pipeline, std::span<const Buffer* const> buffers,
                          const void* push, std::array<uint32_t, 3> groups, uint64_t timeoutMs) {
    if (buffers.size() != pipeline.bindingCount) {
        return makeError(ErrorCode::InvalidArgument, "dispatch expects " + std::to_string(pipeline.bindingCount) +
                                                         " buffers, got " + std::to_string(buffers.size()));
    }
    OneShot s{device};
    VkDescriptorPoolSize poolSize{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, std::max(1u, pipeline.bindingCount)};
    VkDescriptorPoolCreateInfo poolInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    poolInfo.maxSets = 1;
    poolInfo.poolSizeCount = 1;
    poolInfo.pPoolSizes = &poolSize;
    PONDER_VK(vkCreateDescriptorPool(device.device, &poolInfo, nullptr, &s.pool));

    VkDescriptorSetAllocateInfo setAlloc{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
    setAlloc.descriptorPool = s.pool;
    setAlloc.descriptorSetCount = 1;
    setAlloc.pSetLayouts = &pipeline.setLayout;
    VkDescriptorSet set = VK_NULL_HANDLE;
    PONDER_VK(vkAllocateDescriptorSets(device.device, &setAlloc, &set));

    std::vector<VkDescriptorBufferInfo> infos(buffers.size());
    std::vector<VkWriteDescriptorSet> writes(buffers.size());
    for (size_t i = 0; i < buffers.size(); ++i) {
        infos[i] = {buffers[i]->buffer, 0, VK_WHOLE_SIZE};
        writes[i] = {VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
        writes[i].dstSet = set;
        writes[i].dstBinding = static_cast<uint32_t>(i);
        writes[i].descriptorCount = 1;
        writes[i].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
        writes[i].pBufferInfo = &infos[i];
    }
    vkUpdateDescriptorSets(device.device, static_cast<uint32_t>(writes.size()), writes.data(), 0, nullptr);

    VkCommandBufferAllocateInfo cmdAlloc{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    cmdAlloc.commandPool = device.commandPool;
    cmdAlloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    cmdAlloc.commandBufferCount = 1;
    PONDER_VK(vkAllocateCommandBuffers(device.device, &cmdAlloc, &s.cmd));

    VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    PONDER_VK(vkBeginCommandBuffer(s.cmd, &begin));
    vkCmdBindPipeline(s.cmd, VK_PIPELINE_BIND_POINT_COMPUTE, pipeline.pipeline);
    vkCmdBindDescriptorSets(s.cmd, VK_PIPELINE_BIND_POINT_COMPUTE, pipeline.layout, 0, 1, &set, 0, nullptr);
    if (pipeline.pushSize) {
        vkCmdPushConstants(s.cmd, pipeline.layout, VK_SHADER_STAGE_COMPUTE_BIT, 0, pipeline.pushSize, push);
    }
    vkCmdDispatch(s.cmd, groups[0], groups[1], groups[2]);
    // Make the shader's writes visible to the host before the fence signals.
    VkMemoryBarrier barrier{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
    barrier.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT;
    barrier.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
    vkCmdPipelineBarrier(s.cmd, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, VK_PIPELINE_STAGE_HOST_BIT, 0, 1, &barrier,
                         0, nullptr, 0, nullptr);
    PONDER_VK(vkEndCommandBuffer(s.cmd));

    VkFenceCreateInfo fenceInfo{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    PONDER_VK(vkCreateFence(device.device, &fenceInfo, nullptr, &s.fence));
    VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
    submit.commandBufferCount = 1;
    submit.pCommandBuffers = &s.cmd;
    PONDER_VK(vkQueueSubmit(device.queue, 1, &submit, s.fence));
    VkResult waited = vkWaitForFences(device.device, 1, &s.fence, VK_TRUE, timeoutMs * 1000000ull);
    if (waited == VK_TIMEOUT) {
        // The work may still be running: wait for the queue before freeing what it uses.
        vkQueueWaitIdle(device.queue);
        return makeError(ErrorCode::VulkanError, "GPU work did not finish within " + std::to_string(timeoutMs) + " ms");
    }
    if (waited != VK_SUCCESS) return vulkanError(waited, "vkWaitForFences");
    return {};
}

}  // namespace ponder::vk
