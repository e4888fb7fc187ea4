/// @brief The weights of a model packed into a few device-local buffers and uploaded once
/// from the memory-mapped file through a staging buffer.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <utility>
#include <vector>

#include "ponder/result.h"
#include "vk/batch.h"
#include "vk/buffer.h"
#include "vk/device.h"

namespace ponder::vk {

class WeightArena {
public:
    /// Placement of every tensor starts at a multiple of this: the largest
    /// minStorageBufferOffsetAlignment Vulkan allows, so a tensor can be bound at its start.
    static constexpr uint64_t kAlign = 256;

    /// Reserves room for `bytes` copied from `src` (host memory that stays valid until
    /// upload()); the same (src, bytes) reserved twice shares one copy (tied embeddings).
    /// Returns the slot.
    uint32_t reserve(const void* src, uint64_t bytes);

    /// Bytes the device buffers will take (aligned), for the budget check; maxBufferBytes
    /// caps each buffer (the device's allocation limit).
    uint64_t plannedBytes(uint64_t maxBufferBytes) const;

    /// Allocates the device-local buffers. A single tensor larger than maxBufferBytes is an
    /// Unsupported error (it would need to span allocations).
    Result<void> allocate(Device& device, uint64_t maxBufferBytes);

    /// Copies every slot to the device through a host-visible staging buffer of at most
    /// stagingBytes, reporting progress in [0, 1] after each staging round.
    Result<void> upload(Device& device, uint64_t stagingBytes, const std::function<void(float)>& progress);

    /// Where slot `slot` lives once allocated.
    BufferSpan span(uint32_t slot) const;

    void destroy(Device& device);

private:
    struct Slot {
        const void* src = nullptr;
        uint64_t bytes = 0;
        uint32_t buffer = 0;   // index into m_buffers
        uint64_t offset = 0;   // byte offset inside that buffer
    };
    // Assigns (buffer, offset) to every slot; returns the byte size of each buffer.
    std::vector<uint64_t> layout(uint64_t maxBufferBytes, std::vector<Slot>* slots) const;

    std::vector<Slot> m_slots;
    std::map<std::pair<const void*, uint64_t>, uint32_t> m_bySource;
    std::vector<Buffer> m_buffers;
};

}  // namespace ponder::vk
