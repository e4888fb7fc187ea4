#include "kernel_test_util.h"

#include <cstring>

#include "quant/quant.h"
#include "shader_registry.h"

namespace ktest {

std::string openGpu(Gpu& gpu) {
    auto device = vk::createDevice();
    if (!device) return device.error().message;
    gpu.device = std::move(*device);
    auto kernels = vk::Kernels::create(*gpu.device);
    if (!kernels) return kernels.error().message;
    gpu.kernels = std::move(*kernels);
    const GpuInfo& g = gpu.device->info;
    qInfo("device: %s, subgroup %u, shared %u B, storage range %llu B", g.name.c_str(), g.subgroupSize,
          g.maxSharedMemory, static_cast<unsigned long long>(g.maxStorageBufferRange));
    return {};
}

HostBuffer::HostBuffer(vk::Device& device, size_t bytes) : m_device(device) {
    auto b = vk::createBuffer(device, std::max<size_t>(bytes, 4), vk::MemoryKind::HostVisible);
    if (b) m_buffer = *b;
}

HostBuffer::~HostBuffer() {
    if (ok()) vk::destroyBuffer(m_device, m_buffer);
}

uint64_t splitmix64(uint64_t& state) {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

size_t blockElements(TensorType type) { return tensorTypeInfo(type).blockElements; }

namespace {

// Byte offsets of the f16 scale fields inside one block (engine-spec.md 3.2).
std::vector<size_t> halfFields(TensorType type) {
    switch (type) {
    case TensorType::Q4_0: case TensorType::Q5_0: case TensorType::Q8_0: case TensorType::IQ4_NL:
    case TensorType::IQ4_XS: case TensorType::Q3_K: case TensorType::Q6_K:
        if (type == TensorType::Q3_K) return {108};
        if (type == TensorType::Q6_K) return {208};
        return {0};
    case TensorType::Q4_1: case TensorType::Q5_1: case TensorType::Q4_K: case TensorType::Q5_K: return {0, 2};
    case TensorType::Q2_K: return {80, 82};
    default: return {};
    }
}

void putHalf(uint8_t* p, float f) {
    const uint16_t h = quant::fp32ToFp16(f);
    std::memcpy(p, &h, 2);
}

}  // namespace

std::vector<uint8_t> randomWeights(TensorType type, size_t rows, size_t cols, std::mt19937& rng) {
    const TensorTypeInfo info = tensorTypeInfo(type);
    const size_t rowBytes = quant::rowBytes(type, cols);
    std::vector<uint8_t> out(rows * rowBytes);
    uint64_t state = rng();
    if (type == TensorType::F32 || type == TensorType::F16 || type == TensorType::BF16) {
        for (size_t i = 0; i < rows * cols; ++i) {
            const float v = float(double(splitmix64(state) >> 11) / double(1ull << 53) * 2.0 - 1.0);
            if (type == TensorType::F32) std::memcpy(&out[4 * i], &v, 4);
            else {
                const uint16_t h = type == TensorType::F16 ? quant::fp32ToFp16(v) : quant::fp32ToBf16(v);
                std::memcpy(&out[2 * i], &h, 2);
            }
        }
        return out;
    }
    for (size_t i = 0; i < out.size(); i += 8) {
        const uint64_t r = splitmix64(state);
        std::memcpy(&out[i], &r, std::min<size_t>(8, out.size() - i));
    }
    const auto fields = halfFields(type);
    const size_t blocks = out.size() / info.blockBytes;
    for (size_t b = 0; b < blocks; ++b) {
        uint8_t* block = &out[b * info.blockBytes];
        const uint64_t r = splitmix64(state);
        if (type == TensorType::MXFP4) {
            block[0] = uint8_t(118 + r % 13);  // scales 2^-10 .. 2^2
            continue;
        }
        for (size_t f = 0; f < fields.size(); ++f) {
            // |d| in [2^-9, 2^-5], either sign: products stay O(1) for every format.
            const double mag = std::ldexp(1.0 + double((r >> (16 * f)) & 0xFF) / 256.0, -9 + int((r >> (16 * f + 8)) % 5));
            putHalf(block + fields[f], float(((r >> (40 + f)) & 1) ? -mag : mag));
        }
    }
    return out;
}

std::vector<float> dequantRows(TensorType type, const uint8_t* bytes, size_t rows, size_t cols) {
    std::vector<float> out(rows * cols);
    const size_t rowBytes = quant::rowBytes(type, cols);
    for (size_t r = 0; r < rows; ++r) {
        auto ok = quant::dequantize(type, bytes + r * rowBytes, out.data() + r * cols, cols);
        if (!ok) qFatal("reference dequantize failed: %s", ok.error().message.c_str());
    }
    return out;
}

std::vector<float> randomFloats(size_t n, std::mt19937& rng, float lo, float hi) {
    std::uniform_real_distribution<float> d(lo, hi);
    std::vector<float> v(n);
    for (auto& x : v) x = d(rng);
    return v;
}

std::vector<std::string> variantsWithPrefix(const std::string& prefix) {
    std::vector<std::string> names;
    for (const auto& blob : shaders::all()) {
        const std::string name = blob.name;
        if (name.rfind(prefix, 0) == 0) names.push_back(name);
    }
    return names;
}

std::optional<TensorType> weightTypeOf(const std::string& variant, const std::string& prefix) {
    auto type = tensorTypeFromName(variant.substr(prefix.size()));
    if (!type || !vk::kernelSupportsType(*type)) return std::nullopt;
    return type;
}

}  // namespace ktest
