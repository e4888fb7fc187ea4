// Helpers shared by the kernel-layer sources (not part of the kernel API).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "vk/kernels.h"

namespace ponder::vk::detail {

/// A grid of `n` workgroups along x, wrapped into y past the device's x limit (shaders
/// compute the flat index as x + y * numWorkGroups.x and ignore the overshoot).
std::array<uint32_t, 3> wrapGroups(const Kernels& k, uint64_t n, uint32_t z = 1);

inline uint32_t ceilDiv(uint64_t a, uint64_t b) { return static_cast<uint32_t>((a + b - 1) / b); }

/// An optional input: the span when set, else `fallback` (every binding needs a valid
/// descriptor; the shader does not read it).
inline BufferSpan orDummy(const BufferSpan& optional, const BufferSpan& fallback) {
    return optional.buffer ? optional : fallback;
}

/// One part of a tensor too large for one binding: units [first, first + count) (rows or
/// experts of `unitBytes` each) bound at an aligned offset, the tensor part starting
/// `residue` bytes into the bound range.
struct WeightPart {
    BufferSpan span;
    uint32_t residue = 0;
    uint32_t first = 0;
    uint32_t count = 0;
};

/// Splits `nUnits` units of `unitBytes` starting at `offset` of `buffer` into parts that
/// each fit the binding limit. The last unit may end `tailBytes` early (strided experts:
/// the up half of a merged gate/up tensor needs only its rows of the last expert). Fails
/// when a single unit does not fit or the tensor runs past the buffer.
Result<std::vector<WeightPart>> splitWeight(const Kernels& k, const Buffer& buffer, VkDeviceSize offset,
                                            uint64_t unitBytes, uint32_t nUnits, uint64_t tailBytes = 0);

/// A 3-D expert tensor [experts][rows][cols] split into bound parts of whole experts;
/// expertBytes is the distance between experts (the view's stride, else one matrix).
struct ExpertParts {
    uint64_t expertBytes = 0;
    std::vector<WeightPart> parts;
};
Result<ExpertParts> splitExperts(const Kernels& k, const WeightView& w, uint64_t rowBytes);

/// The matmul pipeline (variant prefix "matmul_" or "matmul_id_") for a weight format with
/// tiling t; fails when the tiling does not fit the device.
Result<const Pipeline*> matmulPipeline(Kernels& k, const std::string& prefix, TensorType type, uint32_t bindings,
                                       const MatmulTiles& t);

/// Checks shape/alignment rules every weight kernel shares; returns the bytes of one row.
Result<uint64_t> checkWeight(const WeightView& w);

}  // namespace ponder::vk::detail
