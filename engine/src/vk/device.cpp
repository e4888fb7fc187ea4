#include "vk/device.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "vk/vk_error.h"

namespace ponder::vk {

std::string versionString(uint32_t v) {
    return std::to_string(VK_API_VERSION_MAJOR(v)) + "." + std::to_string(VK_API_VERSION_MINOR(v)) + "." +
           std::to_string(VK_API_VERSION_PATCH(v));
}

namespace {

bool hasExtension(VkPhysicalDevice physical, const char* name) {
    uint32_t count = 0;
    vkEnumerateDeviceExtensionProperties(physical, nullptr, &count, nullptr);
    std::vector<VkExtensionProperties> exts(count);
    vkEnumerateDeviceExtensionProperties(physical, nullptr, &count, exts.data());
    return std::any_of(exts.begin(), exts.end(),
                       [&](const VkExtensionProperties& e) { return std::strcmp(e.extensionName, name) == 0; });
}

GpuType toGpuType(VkPhysicalDeviceType t) {
    switch (t) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return GpuType::Discrete;
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return GpuType::Integrated;
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return GpuType::Virtual;
    case VK_PHYSICAL_DEVICE_TYPE_CPU: return GpuType::Cpu;
    default: return GpuType::Other;
    }
}

std::optional<uint32_t> findComputeQueueFamily(VkPhysicalDevice physical) {
    uint32_t count = 0;
    vkGetPhysicalDeviceQueueFamilyProperties(physical, &count, nullptr);
    std::vector<VkQueueFamilyProperties> families(count);
    vkGetPhysicalDeviceQueueFamilyProperties(physical, &count, families.data());
    // Prefer a compute queue without graphics (async compute), else any compute queue.
    std::optional<uint32_t> any;
    for (uint32_t i = 0; i < count; ++i) {
        if (!(families[i].queueFlags & VK_QUEUE_COMPUTE_BIT)) continue;
        if (!(families[i].queueFlags & VK_QUEUE_GRAPHICS_BIT)) return i;
        if (!any) any = i;
    }
    return any;
}

}  // namespace

Result<VkInstance> createInstance() {
    uint32_t loaderVersion = VK_API_VERSION_1_0;
    if (vkEnumerateInstanceVersion(&loaderVersion) != VK_SUCCESS || loaderVersion < VK_API_VERSION_1_2) {
        return makeError(ErrorCode::NoDevice, "the Vulkan loader is older than 1.2 (found " +
                                                  versionString(loaderVersion) + "); update the GPU driver");
    }
    VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
    app.pApplicationName = "Ponder";
    app.pEngineName = "Ponder";
    app.apiVersion = VK_API_VERSION_1_2;

    std::vector<const char*> extensions;
#ifdef __APPLE__
    // MoltenVK is a "portability" implementation and is only listed when asked for.
    extensions.push_back(VK_KHR_PORTABILITY_ENUMERATION_EXTENSION_NAME);
#endif
    VkInstanceCreateInfo info{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
    info.pApplicationInfo = &app;
    info.enabledExtensionCount = static_cast<uint32_t>(extensions.size());
    info.ppEnabledExtensionNames = extensions.data();
#ifdef __APPLE__
    info.flags |= VK_INSTANCE_CREATE_ENUMERATE_PORTABILITY_BIT_KHR;
#endif
    VkInstance instance = VK_NULL_HANDLE;
    VkResult r = vkCreateInstance(&info, nullptr, &instance);
    if (r != VK_SUCCESS) {
        Error e = vulkanError(r, "vkCreateInstance");
        e.code = ErrorCode::NoDevice;
        e.message += " (is a Vulkan driver installed?)";
        return e;
    }
    return instance;
}

GpuInfo queryGpu(VkPhysicalDevice physical, uint32_t index) {
    GpuInfo g;
    g.index = index;

    VkPhysicalDeviceSubgroupSizeControlProperties sizeControl{
        VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SUBGROUP_SIZE_CONTROL_PROPERTIES};
    VkPhysicalDeviceVulkan11Properties p11{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_PROPERTIES};
    VkPhysicalDeviceDriverProperties driver{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_DRIVER_PROPERTIES};
    VkPhysicalDeviceProperties2 props{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2};
    g.subgroupSizeControl = hasExtension(physical, VK_EXT_SUBGROUP_SIZE_CONTROL_EXTENSION_NAME);
    props.pNext = &p11;
    p11.pNext = &driver;
    if (g.subgroupSizeControl) driver.pNext = &sizeControl;
    vkGetPhysicalDeviceProperties2(physical, &props);

    const VkPhysicalDeviceLimits& limits = props.properties.limits;
    g.name = props.properties.deviceName;
    g.type = toGpuType(props.properties.deviceType);
    g.vendorId = props.properties.vendorID;
    g.apiVersion = versionString(props.properties.apiVersion);
    g.driverVersion = std::string(driver.driverName) + " " + driver.driverInfo;
    g.subgroupSize = p11.subgroupSize;
    g.subgroupArithmetic = (p11.subgroupSupportedOperations & VK_SUBGROUP_FEATURE_ARITHMETIC_BIT) &&
                           (p11.subgroupSupportedStages & VK_SHADER_STAGE_COMPUTE_BIT);
    g.subgroupShuffle = (p11.subgroupSupportedOperations & VK_SUBGROUP_FEATURE_SHUFFLE_BIT) != 0;
    g.minSubgroupSize = g.subgroupSizeControl ? sizeControl.minSubgroupSize : p11.subgroupSize;
    g.maxSubgroupSize = g.subgroupSizeControl ? sizeControl.maxSubgroupSize : p11.subgroupSize;
    g.maxSharedMemory = limits.maxComputeSharedMemorySize;
    g.maxWorkgroupInvocations = limits.maxComputeWorkGroupInvocations;
    g.maxStorageBufferRange = limits.maxStorageBufferRange;
    g.maxAllocationSize = p11.maxMemoryAllocationSize;

    VkPhysicalDeviceMemoryProperties mem{};
    vkGetPhysicalDeviceMemoryProperties(physical, &mem);
    for (uint32_t i = 0; i < mem.memoryHeapCount; ++i) {
        if (mem.memoryHeaps[i].flags & VK_MEMORY_HEAP_DEVICE_LOCAL_BIT) {
            g.deviceLocalBytes = std::max<uint64_t>(g.deviceLocalBytes, mem.memoryHeaps[i].size);
        }
    }

    VkPhysicalDeviceVulkan12Features f12{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES};
    VkPhysicalDeviceVulkan11Features f11{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES};
    VkPhysicalDeviceFeatures2 features{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2};
    features.pNext = &f11;
    f11.pNext = &f12;
    vkGetPhysicalDeviceFeatures2(physical, &features);
    g.storage16 = f11.storageBuffer16BitAccess;
    g.storage8 = f12.storageBuffer8BitAccess;
    g.float16 = f12.shaderFloat16;
    g.int8 = f12.shaderInt8;
    g.integerDotProduct = hasExtension(physical, "VK_KHR_shader_integer_dot_product");
    g.cooperativeMatrix = hasExtension(physical, "VK_KHR_cooperative_matrix");

    // What every Ponder kernel assumes. Missing pieces are named so the user learns why a
    // device is not offered.
    std::string missing;
    if (props.properties.apiVersion < VK_API_VERSION_1_2) missing += " Vulkan 1.2;";
    if (!g.storage8) missing += " 8-bit storage;";
    if (!g.storage16) missing += " 16-bit storage;";
    if (!g.float16) missing += " float16 arithmetic;";
    if (!g.int8) missing += " int8 arithmetic;";
    if (!g.subgroupArithmetic) missing += " subgroup arithmetic in compute;";
    if (!findComputeQueueFamily(physical)) missing += " a compute queue;";
    g.usable = missing.empty();
    if (!g.usable) g.missing = "missing" + missing.substr(0, missing.size() - 1);
    return g;
}

Device::~Device() {
    if (device) {
        vkDeviceWaitIdle(device);
        if (commandPool) vkDestroyCommandPool(device, commandPool, nullptr);
        vkDestroyDevice(device, nullptr);
    }
    if (instance) vkDestroyInstance(instance, nullptr);
}

Result<std::unique_ptr<Device>> createDevice(const std::optional<std::string>& wanted) {
    auto instance = createInstance();
    if (!instance) return instance.error();
    auto dev = std::make_unique<Device>();
    dev->instance = *instance;

    uint32_t count = 0;
    vkEnumeratePhysicalDevices(dev->instance, &count, nullptr);
    std::vector<VkPhysicalDevice> physicals(count);
    vkEnumeratePhysicalDevices(dev->instance, &count, physicals.data());
    std::vector<GpuInfo> gpus;
    for (uint32_t i = 0; i < count; ++i) gpus.push_back(queryGpu(physicals[i], i));
    auto chosen = chooseGpu(gpus, wanted);
    if (!chosen) return chosen.error();
    dev->info = *chosen;
    dev->physical = physicals[chosen->index];
    dev->queueFamily = *findComputeQueueFamily(dev->physical);
    vkGetPhysicalDeviceMemoryProperties(dev->physical, &dev->memory);

    const float priority = 1.0f;
    VkDeviceQueueCreateInfo queueInfo{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
    queueInfo.queueFamilyIndex = dev->queueFamily;
    queueInfo.queueCount = 1;
    queueInfo.pQueuePriorities = &priority;

    // Enable exactly the features kernels rely on (validation rejects SPIR-V using a
    // capability whose feature was not enabled).
    VkPhysicalDeviceVulkan12Features f12{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES};
    f12.storageBuffer8BitAccess = VK_TRUE;
    f12.uniformAndStorageBuffer8BitAccess = VK_FALSE;
    f12.shaderFloat16 = VK_TRUE;
    f12.shaderInt8 = VK_TRUE;
    VkPhysicalDeviceVulkan11Features f11{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES};
    f11.storageBuffer16BitAccess = VK_TRUE;
    f11.pNext = &f12;
    VkPhysicalDeviceFeatures2 features{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2};
    features.pNext = &f11;

    std::vector<const char*> extensions;
    if (dev->info.subgroupSizeControl) extensions.push_back(VK_EXT_SUBGROUP_SIZE_CONTROL_EXTENSION_NAME);
#ifdef __APPLE__
    if (hasExtension(dev->physical, "VK_KHR_portability_subset")) extensions.push_back("VK_KHR_portability_subset");
#endif
    VkDeviceCreateInfo info{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
    info.pNext = &features;
    info.queueCreateInfoCount = 1;
    info.pQueueCreateInfos = &queueInfo;
    info.enabledExtensionCount = static_cast<uint32_t>(extensions.size());
    info.ppEnabledExtensionNames = extensions.data();
    PONDER_VK(vkCreateDevice(dev->physical, &info, nullptr, &dev->device));
    vkGetDeviceQueue(dev->device, dev->queueFamily, 0, &dev->queue);

    VkCommandPoolCreateInfo poolInfo{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
    poolInfo.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
    poolInfo.queueFamilyIndex = dev->queueFamily;
    PONDER_VK(vkCreateCommandPool(dev->device, &poolInfo, nullptr, &dev->commandPool));
    return dev;
}

}  // namespace ponder::vk
