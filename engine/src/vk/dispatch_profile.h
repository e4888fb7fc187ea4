/// @brief Developer tool: GPU time per shader variant, from timestamps written after every
/// dispatch. Off unless PONDER_VK_PROFILE=1 is set; then every Batch records timestamps and
/// the process prints, when it exits, a table of time per variant to stderr. Used to find
/// where a forward pass spends its time (`PONDER_VK_PROFILE=1 ponder-cli bench ...`).
#pragma once

#include <vulkan/vulkan.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "vk/device.h"

namespace ponder::vk {

class DispatchProfiler {
public:
    /// Null when profiling is off or the queue cannot write timestamps.
    static std::unique_ptr<DispatchProfiler> createIfEnabled(Device& device);
    ~DispatchProfiler();

    /// At the start of a command buffer: resets the queries and writes the first stamp.
    void begin(VkCommandBuffer cmd);
    /// After a dispatch of the variant @p name (dispatches past the pool's size are not timed).
    void afterDispatch(VkCommandBuffer cmd, const std::string& name);
    /// After the submission finished: adds the measured intervals to the process's table.
    void collect();

    struct Total {
        uint64_t dispatches = 0;
        double nanoseconds = 0;
    };
    /// The process's table so far, by variant (tests).
    static std::map<std::string, Total> totals();

private:
    DispatchProfiler(Device& device, VkQueryPool pool, double nsPerTick);
    Device& m_device;
    VkQueryPool m_pool;
    double m_nsPerTick;
    std::vector<std::string> m_names;  // variant of the dispatch ending at query i + 1
};

}  // namespace ponder::vk
