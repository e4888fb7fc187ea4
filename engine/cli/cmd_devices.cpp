// ponder-cli devices: every Vulkan device the loader reports, with the capabilities Ponder
// picks kernels and budgets from, and which one `--backend vulkan` would choose:
// {"chosen": 0, "devices": [{"index":0, "name":..., "usable":true, ...}, ...]}.
#include <cstdio>

#include "command.h"
#include "json_writer.h"
#include "ponder/gpu.h"

namespace ponder::cli {
namespace {

Result<void> run(const Args& args) {
    if (auto unused = args.unused(); !unused.empty()) {
        return makeError(ErrorCode::InvalidArgument, "unknown option --" + unused.front());
    }
    auto gpus = listGpus();
    if (!gpus) return gpus.error();
    JsonWriter j;
    j.beginObject();
    // No usable device is not an error of this command: the list says why.
    auto chosen = chooseGpu(*gpus, std::nullopt);
    if (chosen) j.key("chosen").value(chosen->index);
    else j.key("chosen").value(int64_t(-1)).key("why_none").value(chosen.error().message);
    j.key("devices").beginArray();
    for (const GpuInfo& g : *gpus) {
        j.beginObject()
            .key("index").value(g.index)
            .key("name").value(g.name)
            .key("type").value(gpuTypeName(g.type))
            .key("vendor_id").value(g.vendorId)
            .key("api_version").value(g.apiVersion)
            .key("driver").value(g.driverVersion)
            .key("device_local_bytes").value(g.deviceLocalBytes)
            .key("subgroup_size").value(g.subgroupSize)
            .key("min_subgroup_size").value(g.minSubgroupSize)
            .key("max_subgroup_size").value(g.maxSubgroupSize)
            .key("subgroup_arithmetic").value(g.subgroupArithmetic)
            .key("subgroup_shuffle").value(g.subgroupShuffle)
            .key("subgroup_size_control").value(g.subgroupSizeControl)
            .key("max_shared_memory").value(g.maxSharedMemory)
            .key("max_workgroup_invocations").value(g.maxWorkgroupInvocations)
            .key("max_storage_buffer_range").value(g.maxStorageBufferRange)
            .key("max_allocation_size").value(g.maxAllocationSize)
            .key("storage_8bit").value(g.storage8)
            .key("storage_16bit").value(g.storage16)
            .key("float16").value(g.float16)
            .key("int8").value(g.int8)
            .key("integer_dot_product").value(g.integerDotProduct)
            .key("cooperative_matrix").value(g.cooperativeMatrix)
            .key("usable").value(g.usable);
        if (!g.usable) j.key("missing").value(g.missing);
        j.endObject();
    }
    j.endArray().endObject();
    std::printf("%s\n", j.str().c_str());
    return {};
}

const CommandRegistration kRegistration({
    "devices",
    "devices",
    "Lists the Vulkan devices with their capabilities as JSON, and the one --backend vulkan picks.",
    run,
});

}  // namespace
}  // namespace ponder::cli
