#include "vk/batch.h"

#include <algorithm>
#include <atomic>
#include <string>

#include "vk/dispatch_profile.h"
#include "vk/vk_error.h"

namespace ponder::vk {

namespace {

// Sets per pool; each set may hold up to kDescriptorsPerSet storage buffers.
constexpr uint32_t kSetsPerPool = 256;
constexpr uint32_t kDescriptorsPerSet = 8;

// simulateDeviceLossAfter's countdown: < 0 off, else how many submissions still succeed.
std::atomic<long> g_submissionsBeforeLoss{-1};

bool deviceLossSimulated() {
    long left = g_submissionsBeforeLoss.load();
    while (left > 0 && !g_submissionsBeforeLoss.compare_exchange_weak(left, left - 1)) {
    }
    return left == 0;
}

}  // namespace

void simulateDeviceLossAfter(long submissions) { g_submissionsBeforeLoss.store(submissions < 0 ? -1 : submissions); }

Batch::Batch(Device& device) : m_device(device) {
    VkPhysicalDeviceProperties props{};
    vkGetPhysicalDeviceProperties(device.physical, &props);
    m_alignment = props.limits.minStorageBufferOffsetAlignment;
    m_maxRange = props.limits.maxStorageBufferRange;
    m_profiler = DispatchProfiler::createIfEnabled(device);
}

Batch::~Batch() {
    VkDevice dev = m_device.device;
    if (m_recording) {
        // Never submitted: ending it is enough before freeing.
        vkEndCommandBuffer(m_cmd);
    }
    m_profiler.reset();
    if (m_fence) vkDestroyFence(dev, m_fence, nullptr);
    if (m_cmd) vkFreeCommandBuffers(dev, m_device.commandPool, 1, &m_cmd);
    for (VkDescriptorPool pool : m_pools) vkDestroyDescriptorPool(dev, pool, nullptr);
    for (VkDescriptorPool pool : m_cachePools) vkDestroyDescriptorPool(dev, pool, nullptr);
}

bool Batch::SetKey::operator==(const SetKey& o) const {
    if (layout != o.layout || count != o.count) return false;
    for (uint32_t i = 0; i < count; ++i) {
        if (infos[i].buffer != o.infos[i].buffer || infos[i].offset != o.infos[i].offset ||
            infos[i].range != o.infos[i].range) {
            return false;
        }
    }
    return true;
}

size_t Batch::SetKeyHash::operator()(const SetKey& k) const {
    uint64_t h = reinterpret_cast<uint64_t>(k.layout) ^ (uint64_t(k.count) << 56);
    const auto mix = [&h](uint64_t v) { h = (h ^ v) * 0x100000001b3ull; };
    for (uint32_t i = 0; i < k.count; ++i) {
        mix(reinterpret_cast<uint64_t>(k.infos[i].buffer));
        mix(k.infos[i].offset);
        mix(k.infos[i].range);
    }
    return size_t(h);
}

Result<VkDescriptorSet> Batch::cachedSet(VkDescriptorSetLayout layout, std::span<const VkDescriptorBufferInfo> infos) {
    SetKey key;
    key.layout = layout;
    key.count = static_cast<uint32_t>(infos.size());
    std::copy(infos.begin(), infos.end(), key.infos.begin());
    if (auto it = m_setCache.find(key); it != m_setCache.end()) return it->second;
    if (m_cachePools.empty() || m_cachePoolSets == kSetsPerPool) {
        VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, kSetsPerPool * kDescriptorsPerSet};
        VkDescriptorPoolCreateInfo info{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
        info.maxSets = kSetsPerPool;
        info.poolSizeCount = 1;
        info.pPoolSizes = &size;
        VkDescriptorPool pool = VK_NULL_HANDLE;
        PONDER_VK(vkCreateDescriptorPool(m_device.device, &info, nullptr, &pool));
        m_cachePools.push_back(pool);
        m_cachePoolSets = 0;
    }
    VkDescriptorSetAllocateInfo alloc{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
    alloc.descriptorPool = m_cachePools.back();
    alloc.descriptorSetCount = 1;
    alloc.pSetLayouts = &layout;
    VkDescriptorSet set = VK_NULL_HANDLE;
    PONDER_VK(vkAllocateDescriptorSets(m_device.device, &alloc, &set));
    ++m_cachePoolSets;
    std::array<VkWriteDescriptorSet, kDescriptorsPerSet> writes{};
    for (size_t i = 0; i < infos.size(); ++i) {
        writes[i] = {VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
        writes[i].dstSet = set;
        writes[i].dstBinding = static_cast<uint32_t>(i);
        writes[i].descriptorCount = 1;
        writes[i].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
        writes[i].pBufferInfo = &infos[i];
    }
    vkUpdateDescriptorSets(m_device.device, static_cast<uint32_t>(infos.size()), writes.data(), 0, nullptr);
    m_setCache.emplace(key, set);
    return set;
}

Result<void> Batch::begin() {
    if (!m_cmd) {
        VkCommandBufferAllocateInfo alloc{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
        alloc.commandPool = m_device.commandPool;
        alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
        alloc.commandBufferCount = 1;
        PONDER_VK(vkAllocateCommandBuffers(m_device.device, &alloc, &m_cmd));
        VkFenceCreateInfo fenceInfo{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
        PONDER_VK(vkCreateFence(m_device.device, &fenceInfo, nullptr, &m_fence));
    }
    VkCommandBufferBeginInfo info{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
    info.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    PONDER_VK(vkBeginCommandBuffer(m_cmd, &info));
    if (m_profiler) m_profiler->begin(m_cmd);
    m_recording = true;
    m_needBarrier = false;
    return {};
}

Result<VkDescriptorSet> Batch::allocateSet(VkDescriptorSetLayout layout) {
    for (;;) {
        if (m_poolInUse == m_pools.size()) {
            VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, kSetsPerPool * kDescriptorsPerSet};
            VkDescriptorPoolCreateInfo info{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
            info.maxSets = kSetsPerPool;
            info.poolSizeCount = 1;
            info.pPoolSizes = &size;
            VkDescriptorPool pool = VK_NULL_HANDLE;
            PONDER_VK(vkCreateDescriptorPool(m_device.device, &info, nullptr, &pool));
            m_pools.push_back(pool);
        }
        VkDescriptorSetAllocateInfo alloc{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
        alloc.descriptorPool = m_pools[m_poolInUse];
        alloc.descriptorSetCount = 1;
        alloc.pSetLayouts = &layout;
        VkDescriptorSet set = VK_NULL_HANDLE;
        VkResult r = vkAllocateDescriptorSets(m_device.device, &alloc, &set);
        if (r == VK_SUCCESS) return set;
        if (r != VK_ERROR_OUT_OF_POOL_MEMORY && r != VK_ERROR_FRAGMENTED_POOL) {
            return vulkanError(r, "vkAllocateDescriptorSets");
        }
        ++m_poolInUse;  // this pool is full: move on to the next (or a new) one
    }
}

Result<void> Batch::dispatch(const Pipeline& pipeline, std::span<const BufferSpan> bindings, const void* push,
                             std::array<uint32_t, 3> groups) {
    if (bindings.size() != pipeline.bindingCount || bindings.size() > kDescriptorsPerSet) {
        return makeError(ErrorCode::InvalidArgument, "dispatch expects " + std::to_string(pipeline.bindingCount) +
                                                         " bindings, got " + std::to_string(bindings.size()));
    }
    std::array<VkDescriptorBufferInfo, kDescriptorsPerSet> infos{};  // no heap allocation per dispatch
    for (size_t i = 0; i < bindings.size(); ++i) {
        const BufferSpan& b = bindings[i];
        if (!b.buffer || !b.buffer->buffer) {
            return makeError(ErrorCode::InvalidArgument, "binding " + std::to_string(i) + " has no buffer");
        }
        if (b.offset % m_alignment != 0 || b.offset >= b.buffer->size || b.range() > b.buffer->size - b.offset ||
            b.range() > m_maxRange) {
            return makeError(ErrorCode::InvalidArgument,
                             "binding " + std::to_string(i) + ": range [" + std::to_string(b.offset) + ", +" +
                                 std::to_string(b.range()) + ") is misaligned, outside the buffer or larger than " +
                                 "maxStorageBufferRange");
        }
        infos[i] = {b.buffer->buffer, b.offset, b.range()};
    }
    if (groups[0] == 0 || groups[1] == 0 || groups[2] == 0) return {};  // nothing to do
    if (!m_recording) {
        if (auto r = begin(); !r) return r;
    }
    const std::span<const VkDescriptorBufferInfo> used(infos.data(), bindings.size());
    auto set = cacheDescriptorSets ? cachedSet(pipeline.setLayout, used) : allocateSet(pipeline.setLayout);
    if (!set) return set.error();
    if (!cacheDescriptorSets) {
        std::array<VkWriteDescriptorSet, kDescriptorsPerSet> writes{};
        for (size_t i = 0; i < bindings.size(); ++i) {
            writes[i] = {VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
            writes[i].dstSet = *set;
            writes[i].dstBinding = static_cast<uint32_t>(i);
            writes[i].descriptorCount = 1;
            writes[i].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
            writes[i].pBufferInfo = &infos[i];
        }
        vkUpdateDescriptorSets(m_device.device, static_cast<uint32_t>(bindings.size()), writes.data(), 0, nullptr);
    }

    if (autoBarrier && m_needBarrier) barrier();
    vkCmdBindPipeline(m_cmd, VK_PIPELINE_BIND_POINT_COMPUTE, pipeline.pipeline);
    vkCmdBindDescriptorSets(m_cmd, VK_PIPELINE_BIND_POINT_COMPUTE, pipeline.layout, 0, 1, &*set, 0, nullptr);
    if (pipeline.pushSize) {
        vkCmdPushConstants(m_cmd, pipeline.layout, VK_SHADER_STAGE_COMPUTE_BIT, 0, pipeline.pushSize, push);
    }
    vkCmdDispatch(m_cmd, groups[0], groups[1], groups[2]);
    if (m_profiler) m_profiler->afterDispatch(m_cmd, pipeline.name);
    m_needBarrier = true;
    ++m_dispatches;
    return {};
}

void Batch::barrier() {
    if (!m_recording) return;  // nothing recorded yet: nothing to order
    VkMemoryBarrier b{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
    b.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT;
    b.dstAccessMask = VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT;
    vkCmdPipelineBarrier(m_cmd, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, 0, 1, &b,
                         0, nullptr, 0, nullptr);
    m_needBarrier = false;
}

void Batch::reset() {
    for (size_t i = 0; i < m_pools.size(); ++i) vkResetDescriptorPool(m_device.device, m_pools[i], 0);
    m_poolInUse = 0;
    m_recording = false;
    m_needBarrier = false;
    m_dispatches = 0;
}

Result<void> Batch::submitAndWait(uint64_t timeoutMs) {
    if (!m_recording) return {};
    // Results become visible to the host (mapped read-backs) once the fence signals.
    VkMemoryBarrier b{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
    b.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT;
    b.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
    vkCmdPipelineBarrier(m_cmd, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, VK_PIPELINE_STAGE_HOST_BIT, 0, 1, &b, 0,
                         nullptr, 0, nullptr);
    m_recording = false;
    struct ResetOnExit {
        Batch& batch;
        ~ResetOnExit() { batch.reset(); }
    } resetOnExit{*this};
    PONDER_VK(vkEndCommandBuffer(m_cmd));
    PONDER_VK(vkResetFences(m_device.device, 1, &m_fence));
    VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
    submit.commandBufferCount = 1;
    submit.pCommandBuffers = &m_cmd;
    if (deviceLossSimulated()) return vulkanError(VK_ERROR_DEVICE_LOST, "vkQueueSubmit (simulated)");
    PONDER_VK(vkQueueSubmit(m_device.queue, 1, &submit, m_fence));
    VkResult waited = vkWaitForFences(m_device.device, 1, &m_fence, VK_TRUE, timeoutMs * 1000000ull);
    if (waited == VK_TIMEOUT) {
        // Still running: wait for the queue before the pools are reset under it.
        vkQueueWaitIdle(m_device.queue);
        return makeError(ErrorCode::VulkanError, "GPU work did not finish within " + std::to_string(timeoutMs) + " ms");
    }
    if (waited != VK_SUCCESS) return vulkanError(waited, "vkWaitForFences");
    if (m_profiler) m_profiler->collect();
    return {};
}

}  // namespace ponder::vk
