#include "vk/dispatch_profile.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>

namespace ponder::vk {

namespace {

constexpr uint32_t kQueries = 4096;

// Totals of the whole process, printed once at exit.
struct Table {
    using Row = DispatchProfiler::Total;
    std::mutex mutex;
    std::map<std::string, Row> rows;

    ~Table() {
        if (rows.empty()) return;
        std::vector<std::pair<std::string, Row>> sorted(rows.begin(), rows.end());
        std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second.nanoseconds > b.second.nanoseconds; });
        double total = 0;
        for (const auto& r : sorted) total += r.second.nanoseconds;
        std::fprintf(stderr, "\nGPU time per shader variant (PONDER_VK_PROFILE)\n%-32s %10s %12s %8s %10s\n", "variant",
                     "dispatches", "total ms", "share", "us each");
        for (const auto& [name, row] : sorted) {
            std::fprintf(stderr, "%-32s %10llu %12.2f %7.1f%% %10.1f\n", name.c_str(),
                         static_cast<unsigned long long>(row.dispatches), row.nanoseconds / 1e6,
                         100.0 * row.nanoseconds / total, row.nanoseconds / 1e3 / double(row.dispatches));
        }
    }
};

Table& table() {
    static Table t;
    return t;
}

}  // namespace

std::unique_ptr<DispatchProfiler> DispatchProfiler::createIfEnabled(Device& device) {
    const char* env = std::getenv("PONDER_VK_PROFILE");
    if (!env || std::string(env) != "1") return nullptr;
    uint32_t count = 0;
    vkGetPhysicalDeviceQueueFamilyProperties(device.physical, &count, nullptr);
    std::vector<VkQueueFamilyProperties> families(count);
    vkGetPhysicalDeviceQueueFamilyProperties(device.physical, &count, families.data());
    if (device.queueFamily >= count || families[device.queueFamily].timestampValidBits == 0) return nullptr;
    VkPhysicalDeviceProperties props{};
    vkGetPhysicalDeviceProperties(device.physical, &props);
    VkQueryPoolCreateInfo info{VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO};
    info.queryType = VK_QUERY_TYPE_TIMESTAMP;
    info.queryCount = kQueries;
    VkQueryPool pool = VK_NULL_HANDLE;
    if (vkCreateQueryPool(device.device, &info, nullptr, &pool) != VK_SUCCESS) return nullptr;
    table();  // constructed before any profiler, so it is destroyed (and printed) after them
    return std::unique_ptr<DispatchProfiler>(new DispatchProfiler(device, pool, props.limits.timestampPeriod));
}

DispatchProfiler::DispatchProfiler(Device& device, VkQueryPool pool, double nsPerTick)
    : m_device(device), m_pool(pool), m_nsPerTick(nsPerTick) {}

DispatchProfiler::~DispatchProfiler() { vkDestroyQueryPool(m_device.device, m_pool, nullptr); }

void DispatchProfiler::begin(VkCommandBuffer cmd) {
    m_names.clear();
    vkCmdResetQueryPool(cmd, m_pool, 0, kQueries);
    vkCmdWriteTimestamp(cmd, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, m_pool, 0);
}

void DispatchProfiler::afterDispatch(VkCommandBuffer cmd, const std::string& name) {
    if (m_names.size() + 1 >= kQueries) return;
    m_names.push_back(name);
    vkCmdWriteTimestamp(cmd, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, m_pool, uint32_t(m_names.size()));
}

void DispatchProfiler::collect() {
    if (m_names.empty()) return;
    std::vector<uint64_t> stamps(m_names.size() + 1);
    if (vkGetQueryPoolResults(m_device.device, m_pool, 0, uint32_t(stamps.size()), stamps.size() * sizeof(uint64_t),
                              stamps.data(), sizeof(uint64_t), VK_QUERY_RESULT_64_BIT) != VK_SUCCESS)
        return;
    Table& t = table();
    std::lock_guard lock(t.mutex);
    for (size_t i = 0; i < m_names.size(); ++i) {
        Table::Row& row = t.rows[m_names[i]];
        ++row.dispatches;
        row.nanoseconds += double(stamps[i + 1] - stamps[i]) * m_nsPerTick;
    }
    m_names.clear();
}

std::map<std::string, DispatchProfiler::Total> DispatchProfiler::totals() {
    Table& t = table();
    std::lock_guard lock(t.mutex);
    return t.rows;
}

}  // namespace ponder::vk
