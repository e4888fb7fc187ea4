/// @brief Vulkan devices as the rest of the program sees them: listing, capabilities, choice.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ponder/result.h"

namespace ponder {

enum class GpuType { Discrete, Integrated, Virtual, Cpu, Other };

/// What Ponder needs to know about a Vulkan device to pick kernels and budgets.
struct GpuInfo {
    uint32_t index = 0;            // position in the Vulkan enumeration
    std::string name;
    GpuType type = GpuType::Other;
    uint32_t vendorId = 0;
    std::string apiVersion;        // "1.3.230"
    std::string driverVersion;     // driver name + info when available
    uint64_t deviceLocalBytes = 0; // size of the largest device-local heap
    uint32_t subgroupSize = 0;
    uint32_t minSubgroupSize = 0, maxSubgroupSize = 0;  // with subgroup size control
    bool subgroupArithmetic = false;
    bool subgroupShuffle = false;
    uint32_t maxSharedMemory = 0;
    uint32_t maxWorkgroupInvocations = 0;
    uint64_t maxStorageBufferRange = 0;
    uint64_t maxAllocationSize = 0;
    bool storage8 = false, storage16 = false;  // 8/16-bit storage buffer access
    bool float16 = false, int8 = false;        // 16-bit float and 8-bit int arithmetic
    bool integerDotProduct = false;            // VK_KHR_shader_integer_dot_product
    bool cooperativeMatrix = false;            // VK_KHR_cooperative_matrix
    bool subgroupSizeControl = false;
    bool usable = false;           // has everything Ponder requires
    std::string missing;           // why not, when !usable
};

/// Human name of a device type ("discrete", "integrated", "cpu"...).
const char* gpuTypeName(GpuType type);

/// The Vulkan loader's instance version ("1.3.239"); NoDevice when there is no loader.
Result<std::string> vulkanLoaderVersion();

/// Every Vulkan device the loader reports. Fails with NoDevice when Vulkan itself is missing.
Result<std::vector<GpuInfo>> listGpus();

/// Chooses a device: by index ("1") or by case-insensitive name substring when `wanted`
/// is set; otherwise the best usable one (discrete over integrated over virtual over CPU,
/// then the most memory).
Result<GpuInfo> chooseGpu(const std::vector<GpuInfo>& gpus, const std::optional<std::string>& wanted);

}  // namespace ponder
