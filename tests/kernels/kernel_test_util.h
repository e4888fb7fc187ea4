// Shared helpers of the kernel tests: the device, host-visible buffers, random weights in
// every block format, and the variants table.
#pragma once

#include <QtTest>

#include <cstdint>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "ponder/tensor_type.h"
#include "vk/buffer.h"
#include "vk/device.h"
#include "vk/kernels.h"

namespace ktest {

using namespace ponder;

/// f32 machine epsilon: the unit of every tolerance below.
constexpr double kEps = 1.1920928955078125e-7;

/// The device and kernel layer of one test binary.
struct Gpu {
    std::unique_ptr<vk::Device> device;
    std::unique_ptr<vk::Kernels> kernels;
};

/// Creates the device; an empty string on success, else why not.
std::string openGpu(Gpu& gpu);

/// In initTestCase: the device must exist. The test FAILS without one, unless the packager
/// opt-out PONDER_TESTS_ALLOW_NO_VULKAN is set (then it skips).
#define KTEST_OPEN_GPU(gpu)                                                                \
    do {                                                                                   \
        const std::string why_ = ktest::openGpu(gpu);                                      \
        if (!why_.empty()) {                                                               \
            if (PONDER_TESTS_ALLOW_NO_VULKAN) QSKIP(qPrintable("no Vulkan device (opt-out set): " + QString::fromStdString(why_))); \
            QFAIL(qPrintable("cannot create a Vulkan device: " + QString::fromStdString(why_))); \
        }                                                                                  \
    } while (0)

/// Restores the kernel tuning when a test function leaves (also through a failed QVERIFY),
/// so one failure cannot change the conditions of the tests after it.
class TuningGuard {
public:
    explicit TuningGuard(vk::Kernels& k) : m_kernels(k), m_saved(k.tuning) {}
    ~TuningGuard() { m_kernels.tuning = m_saved; }
    TuningGuard(const TuningGuard&) = delete;
    TuningGuard& operator=(const TuningGuard&) = delete;

private:
    vk::Kernels& m_kernels;
    vk::KernelTuning m_saved;
};

/// A host-visible buffer that frees itself.
class HostBuffer {
public:
    HostBuffer(vk::Device& device, size_t bytes);
    ~HostBuffer();
    HostBuffer(const HostBuffer&) = delete;
    HostBuffer& operator=(const HostBuffer&) = delete;
    bool ok() const { return m_buffer.buffer != VK_NULL_HANDLE; }
    const vk::Buffer& buffer() const { return m_buffer; }
    operator vk::BufferSpan() const { return vk::BufferSpan(m_buffer); }
    template <typename T>
    T* data() { return static_cast<T*>(m_buffer.mapped); }
    template <typename T>
    void fill(const std::vector<T>& v, size_t byteOffset = 0) {
        std::memcpy(static_cast<uint8_t*>(m_buffer.mapped) + byteOffset, v.data(), v.size() * sizeof(T));
    }
    template <typename T>
    std::vector<T> read(size_t n, size_t byteOffset = 0) const {
        std::vector<T> v(n);
        std::memcpy(v.data(), static_cast<const uint8_t*>(m_buffer.mapped) + byteOffset, n * sizeof(T));
        return v;
    }

private:
    vk::Device& m_device;
    vk::Buffer m_buffer;
};

/// Random but valid bytes for rows x cols elements of `type`: random quants and scale
/// bytes everywhere, then every block's f16 scales (or E8M0 exponent) set to moderate
/// values so no block holds inf/NaN. Covers every bit pattern of the quantized fields.
std::vector<uint8_t> randomWeights(TensorType type, size_t rows, size_t cols, std::mt19937& rng);

/// The CPU reference decode (quant::dequantize) of rows x cols elements.
std::vector<float> dequantRows(TensorType type, const uint8_t* bytes, size_t rows, size_t cols);

std::vector<float> randomFloats(size_t n, std::mt19937& rng, float lo = -1.0f, float hi = 1.0f);

/// Names of the embedded variants starting with `prefix`.
std::vector<std::string> variantsWithPrefix(const std::string& prefix);

/// The weight format of variant "<prefix><suffix>"; nullopt when the suffix is not a type
/// the kernels support (a test then fails: every variant must be testable).
std::optional<TensorType> weightTypeOf(const std::string& variant, const std::string& prefix);

/// Elements per block of a type (1 for plain floats).
size_t blockElements(TensorType type);

/// A small, cheap RNG for filling large buffers.
uint64_t splitmix64(uint64_t& state);

}  // namespace ktest
