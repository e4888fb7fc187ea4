#include "vk/kernels.h"

#include <algorithm>
#include <string>

#include "common/push_constants.h"
#include "quant/quant.h"
#include "vk/kernels_internal.h"

namespace ponder::vk {

namespace {

constexpr TensorType kWeightTypes[] = {
    TensorType::F32,  TensorType::F16,  TensorType::BF16, TensorType::Q4_0,   TensorType::Q4_1,   TensorType::Q5_0,
    TensorType::Q5_1, TensorType::Q8_0, TensorType::Q2_K, TensorType::Q3_K,   TensorType::Q4_K,   TensorType::Q5_K,
    TensorType::Q6_K, TensorType::IQ4_NL, TensorType::IQ4_XS, TensorType::MXFP4,
};

uint32_t roundDownTo(uint32_t v, uint32_t m) { return std::max(m, v / m * m); }

}  // namespace

bool kernelSupportsType(TensorType type) {
    return std::find(std::begin(kWeightTypes), std::end(kWeightTypes), type) != std::end(kWeightTypes);
}

std::string typeSuffix(TensorType type) {
    std::string s(tensorTypeName(type));
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

Result<std::unique_ptr<Kernels>> Kernels::create(Device& device) {
    std::unique_ptr<Kernels> k(new Kernels(device));
    VkPhysicalDeviceProperties props{};
    vkGetPhysicalDeviceProperties(device.physical, &props);
    const VkPhysicalDeviceLimits& lim = props.limits;
    k->offsetAlignment = std::max<uint64_t>(1, lim.minStorageBufferOffsetAlignment);
    k->maxGroupsX = lim.maxComputeWorkGroupCount[0];
    k->maxGroupsYZ = std::min(lim.maxComputeWorkGroupCount[1], lim.maxComputeWorkGroupCount[2]);

    const GpuInfo& g = device.info;
    const uint32_t sg = std::max(1u, g.subgroupSize);
    const uint32_t maxInv = std::min(256u, std::max(64u, g.maxWorkgroupInvocations));
    KernelTuning& t = k->tuning;
    // Four subgroups per matvec workgroup: enough loads in flight per row without making
    // the cross-subgroup reduction long; 32..256 threads whatever the subgroup size.
    t.matvecWorkgroup = roundDownTo(std::clamp(4 * sg, 32u, maxInv), sg);
    t.matvecRows = 2;
    t.rowWorkgroup = roundDownTo(std::clamp(8 * sg, 64u, maxInv), sg);
    t.eltwiseWorkgroup = roundDownTo(maxInv, sg);
    t.attnWorkgroup = roundDownTo(std::min(128u, maxInv), sg);
    // 64x64 output tiles with 4x4 per thread (256 threads) where the device allows, else
    // 32x32 (64 threads); the K step is as deep as shared memory comfortably takes.
    if (maxInv >= 256) {
        t.matmulTileM = t.matmulTileN = 64;
    } else {
        t.matmulTileM = t.matmulTileN = 32;
    }
    t.matmulThreadM = t.matmulThreadN = 4;
    const auto tileBytes = [&](uint32_t bk) { return (t.matmulTileM + t.matmulTileN) * (bk + 1) * 4u; };
    t.matmulTileK = tileBytes(32) <= g.maxSharedMemory / 2 ? 32 : 16;
    // Expert-grouped matmul: 8 x 4 outputs per thread (more FMAs per shared-memory load);
    // 128 x 16 tiles for experts with few tokens (64 threads), 64 x 64 (128 threads) for
    // many. On lavapipe (2 loaded cores) the narrow tile ran a 64-token, 16-expert, top-4
    // product 2.4-3.4x faster than matvecId, the dense 64 x 64 / 4 x 4 tiling only 1.1-1.4x
    // (tst_kernel_matmul_id reports the ratio for the tuned tiles).
    for (MatmulTiles* tiles : {&t.matmulIdNarrow, &t.matmulIdWide}) {
        tiles->k = (tiles->m + tiles->n) * (32 + 1) * 4u + tiles->n * 4u <= g.maxSharedMemory / 2 ? 32 : 16;
    }
    // uint byte offsets in the shaders: keep every bound range below 4 GiB.
    t.maxBindingRange = std::min<uint64_t>(lim.maxStorageBufferRange, 0xFFFF0000ull);
    return k;
}

Kernels::~Kernels() {
    for (auto& [name, p] : m_pipelines) destroyPipeline(device, p);
}

Result<const Pipeline*> Kernels::pipeline(std::string_view variant, uint32_t bindingCount, uint32_t pushSize,
                                          std::initializer_list<uint32_t> spec) {
    std::string key(variant);
    for (uint32_t v : spec) {
        key += ':';  // not ":" + to_string(v): GCC 12's -Wrestrict misfires on that at -O3
        key += std::to_string(v);
    }
    if (auto it = m_pipelines.find(key); it != m_pipelines.end()) return &it->second;
    std::vector<uint32_t> constants(spec);
    auto p = createPipeline(device, variant, bindingCount, pushSize, constants);
    if (!p) return p.error();
    return &m_pipelines.emplace(key, *p).first->second;
}

namespace detail {

std::array<uint32_t, 3> wrapGroups(const Kernels& k, uint64_t n, uint32_t z) {
    if (n == 0) return {0, 0, 0};
    const uint32_t x = static_cast<uint32_t>(std::min<uint64_t>(n, k.maxGroupsX));
    return {x, ceilDiv(n, x), z};
}

Result<ExpertParts> splitExperts(const Kernels& k, const WeightView& w, uint64_t rowBytes) {
    ExpertParts out;
    const uint64_t matrixBytes = rowBytes * w.rows;
    out.expertBytes = w.expertStride ? w.expertStride : matrixBytes;
    if (out.expertBytes < matrixBytes) {
        return makeError(ErrorCode::InvalidArgument, "expert stride below one expert's bytes");
    }
    auto parts = splitWeight(k, *w.buffer, w.offset, out.expertBytes, w.experts, out.expertBytes - matrixBytes);
    if (!parts) return parts.error();
    out.parts = std::move(*parts);
    return out;
}

Result<std::vector<WeightPart>> splitWeight(const Kernels& k, const Buffer& buffer, VkDeviceSize offset,
                                            uint64_t unitBytes, uint32_t nUnits, uint64_t tailBytes) {
    if (tailBytes >= unitBytes || offset + unitBytes * nUnits - tailBytes > buffer.size) {
        return makeError(ErrorCode::InvalidArgument, "weight tensor runs past the end of its buffer");
    }
    const uint64_t usable = k.tuning.maxBindingRange > k.offsetAlignment ? k.tuning.maxBindingRange - k.offsetAlignment : 0;
    const uint64_t perPart = usable / unitBytes;
    if (perPart == 0) {
        return makeError(ErrorCode::Unsupported, "one weight row/expert of " + std::to_string(unitBytes) +
                                                     " bytes exceeds the device's binding range");
    }
    std::vector<WeightPart> parts;
    for (uint32_t first = 0; first < nUnits;) {
        const uint32_t count = static_cast<uint32_t>(std::min<uint64_t>(perPart, nUnits - first));
        const VkDeviceSize start = offset + first * unitBytes;
        const VkDeviceSize bound = start - start % k.offsetAlignment;
        WeightPart p;
        p.residue = static_cast<uint32_t>(start - bound);
        p.span = BufferSpan(buffer, bound, p.residue + count * unitBytes - (first + count == nUnits ? tailBytes : 0));
        p.first = first;
        p.count = count;
        parts.push_back(p);
        first += count;
    }
    return parts;
}

Result<uint64_t> checkWeight(const WeightView& w) {
    if (!w.buffer) return makeError(ErrorCode::InvalidArgument, "weight has no buffer");
    if (!kernelSupportsType(w.type)) {
        return makeError(ErrorCode::Unsupported, "no GPU kernel for weight type " + std::string(tensorTypeName(w.type)));
    }
    const uint64_t rowBytes = quant::rowBytes(w.type, w.cols);
    if (w.cols == 0 || w.rows == 0 || w.cols % 4 != 0 || rowBytes == 0) {
        return makeError(ErrorCode::InvalidArgument, "weight rows of " + std::to_string(w.cols) + " " +
                                                         std::string(tensorTypeName(w.type)) +
                                                         " elements are not whole blocks of a multiple of 4");
    }
    // The decoders read 16-bit words (F32: 32-bit words) at even offsets.
    const uint64_t need = w.type == TensorType::F32 ? 4 : (w.type == TensorType::MXFP4 ? 1 : 2);
    if (w.offset % need != 0) {
        return makeError(ErrorCode::InvalidArgument, "weight offset " + std::to_string(w.offset) + " is not " +
                                                         std::to_string(need) + "-byte aligned");
    }
    return rowBytes;
}

}  // namespace detail

using namespace detail;

Result<void> matvec(Kernels& k, Batch& b, const WeightView& w, BufferSpan x, BufferSpan y, uint32_t nCols) {
    auto rowBytes = checkWeight(w);
    if (!rowBytes) return rowBytes.error();
    const KernelTuning& t = k.tuning;
    auto pipe = k.pipeline("matvec_" + typeSuffix(w.type), 3, sizeof(MatvecPush), {t.matvecWorkgroup, t.matvecRows});
    if (!pipe) return pipe.error();
    auto parts = splitWeight(k, *w.buffer, w.offset, *rowBytes, w.rows);
    if (!parts) return parts.error();
    for (const WeightPart& p : *parts) {
        MatvecPush push{};
        push.K = w.cols;
        push.M = p.count;
        push.wOffset = p.residue;
        push.rowBytes = static_cast<uint32_t>(*rowBytes);
        push.xStride = w.cols;
        push.yStride = w.rows;
        push.yOffset = p.first;
        push.nCols = nCols;
        const BufferSpan bindings[] = {p.span, x, y};
        auto r = b.dispatch(**pipe, bindings, &push, wrapGroups(k, ceilDiv(p.count, t.matvecRows), nCols));
        if (!r) return r;
    }
    return {};
}

Result<void> matvecId(Kernels& k, Batch& b, const WeightView& w, BufferSpan x, const ExpertSelection& sel,
                      BufferSpan y) {
    auto rowBytes = checkWeight(w);
    if (!rowBytes) return rowBytes.error();
    if (sel.nUsed == 0 || sel.nTokens == 0 || !sel.ids.buffer) {
        return makeError(ErrorCode::InvalidArgument, "expert selection is empty");
    }
    const uint64_t pairs = uint64_t(sel.nTokens) * sel.nUsed;
    if (pairs > k.maxGroupsYZ) return makeError(ErrorCode::InvalidArgument, "too many (token, expert) pairs");
    const KernelTuning& t = k.tuning;
    auto pipe = k.pipeline("matvec_id_" + typeSuffix(w.type), 5, sizeof(MatvecPush), {t.matvecWorkgroup, t.matvecRows});
    if (!pipe) return pipe.error();
    auto split = splitExperts(k, w, *rowBytes);
    if (!split) return split.error();
    const uint64_t expertBytes = split->expertBytes;
    // Which experts were chosen is only known on the GPU, so every part gets the whole
    // grid; workgroups whose expert lies in another part return at once.
    for (const WeightPart& p : split->parts) {
        MatvecPush push{};
        push.K = w.cols;
        push.M = w.rows;
        push.wOffset = p.residue;
        push.rowBytes = static_cast<uint32_t>(*rowBytes);
        push.xStride = sel.inputPerSlot ? w.cols * sel.nUsed : w.cols;
        push.yStride = w.rows;
        push.yOffset = 0;
        push.nCols = sel.nTokens;
        push.expertBytes = static_cast<uint32_t>(expertBytes);
        push.expertBegin = p.first;
        push.expertEnd = p.first + p.count;
        push.nUsed = sel.nUsed;
        push.xSlotStride = sel.inputPerSlot ? w.cols : 0;
        push.useWeights = sel.weights.buffer ? 1u : 0u;
        const BufferSpan bindings[] = {p.span, x, y, sel.ids, orDummy(sel.weights, sel.ids)};
        auto r = b.dispatch(**pipe, bindings, &push,
                            wrapGroups(k, ceilDiv(w.rows, t.matvecRows), static_cast<uint32_t>(pairs)));
        if (!r) return r;
    }
    return {};
}

namespace detail {

Result<const Pipeline*> matmulPipeline(Kernels& k, const std::string& prefix, TensorType type, uint32_t bindings,
                                       const MatmulTiles& t) {
    if (!t.m || !t.n || !t.k || !t.threadM || !t.threadN || t.m % t.threadM || t.n % t.threadN || t.k % 4) {
        return makeError(ErrorCode::InvalidArgument, "matmul tiling is not whole threads and 4-element K steps");
    }
    const uint32_t threads = (t.m / t.threadM) * (t.n / t.threadN);
    // MATMUL_ID keeps one pair index per column in shared memory as well.
    const uint32_t shared = (t.m + t.n) * (t.k + 1) * 4 + t.n * 4;
    if (threads > k.device.info.maxWorkgroupInvocations || shared > k.device.info.maxSharedMemory) {
        return makeError(ErrorCode::InvalidArgument, "matmul tiling does not fit the device");
    }
    return k.pipeline(prefix + typeSuffix(type), bindings, sizeof(MatmulPush),
                      {threads, t.m, t.n, t.k, t.threadM, t.threadN});
}

}  // namespace detail

Result<void> matmul(Kernels& k, Batch& b, const WeightView& w, BufferSpan x, BufferSpan y, uint32_t nCols) {
    auto rowBytes = checkWeight(w);
    if (!rowBytes) return rowBytes.error();
    const KernelTuning& t = k.tuning;
    auto pipe = matmulPipeline(k, "matmul_", w.type, 3,
                               {t.matmulTileM, t.matmulTileN, t.matmulTileK, t.matmulThreadM, t.matmulThreadN});
    if (!pipe) return pipe.error();
    auto parts = splitWeight(k, *w.buffer, w.offset, *rowBytes, w.rows);
    if (!parts) return parts.error();
    const uint32_t colTiles = ceilDiv(nCols, t.matmulTileN);
    if (colTiles > k.maxGroupsYZ) return makeError(ErrorCode::InvalidArgument, "too many columns for one matmul");
    for (const WeightPart& p : *parts) {
        MatmulPush push{};
        push.K = w.cols;
        push.M = p.count;
        push.N = nCols;
        push.wOffset = p.residue;
        push.rowBytes = static_cast<uint32_t>(*rowBytes);
        push.xStride = w.cols;
        push.yStride = w.rows;
        push.yOffset = p.first;
        const BufferSpan bindings[] = {p.span, x, y};
        // Row tiles along x (<= 65535 * 64 rows per part is plenty), column tiles along y.
        auto r = b.dispatch(**pipe, bindings, &push, {ceilDiv(p.count, t.matmulTileM), colTiles, 1});
        if (!r) return r;
    }
    return {};
}

Result<void> getRows(Kernels& k, Batch& b, const WeightView& table, BufferSpan ids, uint32_t nIds, BufferSpan y) {
    auto rowBytes = checkWeight(table);
    if (!rowBytes) return rowBytes.error();
    auto pipe = k.pipeline("get_rows_" + typeSuffix(table.type), 3, sizeof(RowsPush), {k.tuning.rowWorkgroup});
    if (!pipe) return pipe.error();
    auto parts = splitWeight(k, *table.buffer, table.offset, *rowBytes, table.rows);
    if (!parts) return parts.error();
    for (const WeightPart& p : *parts) {
        RowsPush push{};
        push.n = table.cols;
        push.rows = nIds;
        push.yStride = table.cols;
        push.wOffset = p.residue;
        push.rowBytes = static_cast<uint32_t>(*rowBytes);
        push.srcRowBegin = p.first;
        push.srcRowEnd = p.first + p.count;
        const BufferSpan bindings[] = {p.span, ids, y};
        auto r = b.dispatch(**pipe, bindings, &push, wrapGroups(k, nIds));
        if (!r) return r;
    }
    return {};
}

}  // namespace ponder::vk
