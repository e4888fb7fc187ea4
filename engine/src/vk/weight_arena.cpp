#include "vk/weight_arena.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "vk/vk_error.h"

namespace ponder::vk {

namespace {

uint64_t alignUp(uint64_t v, uint64_t a) { return (v + a - 1) / a * a; }

// A one-time command buffer + fence for the copies of one staging round.
struct CopyContext {
    Device& device;
    VkCommandBuffer cmd = VK_NULL_HANDLE;
    VkFence fence = VK_NULL_HANDLE;
    explicit CopyContext(Device& d) : device(d) {}
    ~CopyContext() {
        if (fence) vkDestroyFence(device.device, fence, nullptr);
        if (cmd) vkFreeCommandBuffers(device.device, device.commandPool, 1, &cmd);
    }
    Result<void> init() {
        VkCommandBufferAllocateInfo alloc{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
        alloc.commandPool = device.commandPool;
        alloc.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
        alloc.commandBufferCount = 1;
        PONDER_VK(vkAllocateCommandBuffers(device.device, &alloc, &cmd));
        VkFenceCreateInfo fenceInfo{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
        PONDER_VK(vkCreateFence(device.device, &fenceInfo, nullptr, &fence));
        return {};
    }
    // Records the copies from staging into their destinations, submits and waits.
    Result<void> run(const Buffer& staging, const std::vector<std::pair<const Buffer*, VkBufferCopy>>& copies) {
        if (copies.empty()) return {};
        VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
        begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
        PONDER_VK(vkBeginCommandBuffer(cmd, &begin));
        for (const auto& [dst, region] : copies) vkCmdCopyBuffer(cmd, staging.buffer, dst->buffer, 1, &region);
        // Later compute work reads the weights: make the transfer writes visible to it.
        VkMemoryBarrier barrier{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
        barrier.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
        barrier.dstAccessMask = VK_ACCESS_SHADER_READ_BIT;
        vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT, 0, 1, &barrier,
                             0, nullptr, 0, nullptr);
        PONDER_VK(vkEndCommandBuffer(cmd));
        PONDER_VK(vkResetFences(device.device, 1, &fence));
        VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
        submit.commandBufferCount = 1;
        submit.pCommandBuffers = &cmd;
        PONDER_VK(vkQueueSubmit(device.queue, 1, &submit, fence));
        // A copy round is at most stagingBytes: seconds even at PCIe 1.0 speeds.
        VkResult waited = vkWaitForFences(device.device, 1, &fence, VK_TRUE, 60ull * 1000000000ull);
        if (waited == VK_TIMEOUT) {
            vkQueueWaitIdle(device.queue);
            return makeError(ErrorCode::VulkanError, "uploading weights timed out");
        }
        if (waited != VK_SUCCESS) return vulkanError(waited, "vkWaitForFences (weight upload)");
        PONDER_VK(vkResetCommandBuffer(cmd, 0));
        return {};
    }
};

}  // namespace

uint32_t WeightArena::reserve(const void* src, uint64_t bytes) {
    const auto key = std::make_pair(src, bytes);
    if (auto it = m_bySource.find(key); it != m_bySource.end()) return it->second;
    const auto slot = static_cast<uint32_t>(m_slots.size());
    Slot s;
    s.src = src;
    s.bytes = bytes;
    m_slots.push_back(s);
    m_bySource.emplace(key, slot);
    return slot;
}

std::vector<uint64_t> WeightArena::layout(uint64_t maxBufferBytes, std::vector<Slot>* slots) const {
    // Greedy packing in reservation order (the order the forward pass reads them: layer by
    // layer), a new buffer whenever the next tensor would not fit the allocation limit.
    std::vector<uint64_t> sizes;
    for (Slot& s : *slots) {
        const uint64_t need = alignUp(std::max<uint64_t>(s.bytes, 4), kAlign);
        if (sizes.empty() || sizes.back() + need > maxBufferBytes) sizes.push_back(0);
        s.buffer = static_cast<uint32_t>(sizes.size() - 1);
        s.offset = sizes.back();
        sizes.back() += need;
    }
    return sizes;
}

uint64_t WeightArena::plannedBytes(uint64_t maxBufferBytes) const {
    std::vector<Slot> copy = m_slots;
    uint64_t total = 0;
    for (uint64_t b : layout(maxBufferBytes, &copy)) total += b;
    return total;
}

Result<void> WeightArena::allocate(Device& device, uint64_t maxBufferBytes) {
    for (const Slot& s : m_slots) {
        if (s.bytes > maxBufferBytes) {
            return makeError(ErrorCode::Unsupported, "a weight tensor of " + std::to_string(s.bytes) +
                                                         " bytes exceeds the device's largest allocation (" +
                                                         std::to_string(maxBufferBytes) + " bytes)");
        }
    }
    const std::vector<uint64_t> sizes = layout(maxBufferBytes, &m_slots);
    for (uint64_t size : sizes) {
        auto b = createBuffer(device, size, MemoryKind::DeviceLocal);
        if (!b) return b.error();
        m_buffers.push_back(*b);
    }
    return {};
}

Result<void> WeightArena::upload(Device& device, uint64_t stagingBytes, const std::function<void(float)>& progress) {
    uint64_t total = 0;
    for (const Slot& s : m_slots) total += s.bytes;
    if (total == 0) return {};
    stagingBytes = std::max<uint64_t>(kAlign, std::min(stagingBytes, alignUp(total, kAlign)));
    auto staging = createBuffer(device, stagingBytes, MemoryKind::HostVisible);
    if (!staging) return staging.error();
    struct Free {
        Device& d;
        Buffer& b;
        ~Free() { destroyBuffer(d, b); }
    } freeStaging{device, *staging};
    CopyContext ctx(device);
    PONDER_TRY(ctx.init());

    std::vector<std::pair<const Buffer*, VkBufferCopy>> copies;
    uint64_t used = 0, done = 0;
    auto flush = [&]() -> Result<void> {
        PONDER_TRY(ctx.run(*staging, copies));
        copies.clear();
        used = 0;
        if (progress) progress(float(double(done) / double(total)));
        return {};
    };
    // Tensors larger than the staging buffer go in pieces; small ones share a round.
    for (const Slot& s : m_slots) {
        uint64_t copied = 0;
        while (copied < s.bytes) {
            if (used == stagingBytes) PONDER_TRY(flush());
            const uint64_t n = std::min(s.bytes - copied, stagingBytes - used);
            std::memcpy(static_cast<uint8_t*>(staging->mapped) + used, static_cast<const uint8_t*>(s.src) + copied, n);
            copies.push_back({&m_buffers[s.buffer], VkBufferCopy{used, s.offset + copied, n}});
            // Keep the next piece's staging offset aligned (copy offsets need no alignment,
            // but aligned memcpy targets are faster).
            used = std::min(stagingBytes, alignUp(used + n, 16));
            copied += n;
            done += n;
        }
    }
    return flush();
}

BufferSpan WeightArena::span(uint32_t slot) const {
    const Slot& s = m_slots.at(slot);
    return BufferSpan(m_buffers.at(s.buffer), s.offset, alignUp(std::max<uint64_t>(s.bytes, 4), 4));
}

void WeightArena::destroy(Device& device) {
    for (Buffer& b : m_buffers) destroyBuffer(device, b);
    m_buffers.clear();
}

}  // namespace ponder::vk
