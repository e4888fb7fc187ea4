/// @brief Records many compute dispatches, with barriers, into one submission.
#pragma once

#include <vulkan/vulkan.h>

#include <array>
#include <memory>
#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

#include "ponder/result.h"
#include "vk/buffer.h"
#include "vk/device.h"
#include "vk/pipeline.h"

namespace ponder::vk {

class DispatchProfiler;

/// A byte range of a buffer bound to one shader binding. size 0 means "to the end of the
/// buffer". offset must be a multiple of the device's minStorageBufferOffsetAlignment and
/// the range at most maxStorageBufferRange (Batch::dispatch checks both).
struct BufferSpan {
    const Buffer* buffer = nullptr;
    VkDeviceSize offset = 0;
    VkDeviceSize size = 0;

    BufferSpan() = default;
    BufferSpan(const Buffer& b, VkDeviceSize off = 0, VkDeviceSize sz = 0) : buffer(&b), offset(off), size(sz) {}
    VkDeviceSize range() const { return size ? size : buffer->size - offset; }
};

/// One command buffer being recorded: the forward pass records a whole token (or a slice of
/// one) as dispatches separated by barriers, then submits once. Keep a batch to a few
/// milliseconds of GPU work (desktop drivers kill long submissions): record, submit, repeat.
/// Not thread-safe; one Batch per thread.
class Batch {
public:
    explicit Batch(Device& device);
    ~Batch();
    Batch(const Batch&) = delete;
    Batch& operator=(const Batch&) = delete;

    /// Records one dispatch of `pipeline` with `bindings[i]` at binding i. Unless
    /// autoBarrier is off, a compute-to-compute barrier precedes it when anything was
    /// recorded before (every dispatch may read what the previous one wrote).
    Result<void> dispatch(const Pipeline& pipeline, std::span<const BufferSpan> bindings, const void* push,
                          std::array<uint32_t, 3> groups);

    /// A full compute-shader memory barrier (write -> read/write) at this point.
    void barrier();

    /// When false, dispatch() adds no barrier: the caller records independent dispatches
    /// (e.g. the Q, K and V projections) back to back and calls barrier() itself.
    bool autoBarrier = true;

    /// When true, descriptor sets are kept per (layout, bindings) and reused by later
    /// dispatches and submissions instead of being allocated and written each time: the
    /// forward pass binds the same buffers token after token. Only for callers whose bound
    /// buffers outlive this Batch (a destroyed buffer's handle could be reused).
    bool cacheDescriptorSets = false;

    /// Submits what was recorded, waits (at most timeoutMs) and makes the results visible to
    /// the host. The batch is empty and reusable afterwards, also after an error.
    Result<void> submitAndWait(uint64_t timeoutMs = 60000);

    uint32_t dispatchCount() const { return m_dispatches; }
    Device& device() { return m_device; }

private:
    Result<void> begin();
    Result<VkDescriptorSet> allocateSet(VkDescriptorSetLayout layout);
    Result<VkDescriptorSet> cachedSet(VkDescriptorSetLayout layout, std::span<const VkDescriptorBufferInfo> infos);
    void reset();

    struct SetKey {
        VkDescriptorSetLayout layout = VK_NULL_HANDLE;
        uint32_t count = 0;
        std::array<VkDescriptorBufferInfo, 8> infos{};
        bool operator==(const SetKey& o) const;
    };
    struct SetKeyHash {
        size_t operator()(const SetKey& k) const;
    };

    Device& m_device;
    VkCommandBuffer m_cmd = VK_NULL_HANDLE;
    VkFence m_fence = VK_NULL_HANDLE;
    std::vector<VkDescriptorPool> m_pools;  // grown on demand, reset after each submission
    size_t m_poolInUse = 0;
    std::vector<VkDescriptorPool> m_cachePools;  // never reset: they hold the cached sets
    uint32_t m_cachePoolSets = 0;                 // sets taken from m_cachePools.back()
    std::unordered_map<SetKey, VkDescriptorSet, SetKeyHash> m_setCache;
    bool m_recording = false;
    bool m_needBarrier = false;
    uint32_t m_dispatches = 0;
    VkDeviceSize m_alignment = 1;
    VkDeviceSize m_maxRange = 0;
    std::unique_ptr<DispatchProfiler> m_profiler;  // PONDER_VK_PROFILE=1 only
};

/// Tests only: from the next `submissions`-th submission on, every submission of every batch
/// in the process reports VK_ERROR_DEVICE_LOST, as after a driver reset, so the recovery of
/// the layers above can be tested on any device. A negative value turns it off.
void simulateDeviceLossAfter(long submissions);

}  // namespace ponder::vk
