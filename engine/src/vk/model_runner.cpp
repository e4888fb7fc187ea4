// The Vulkan runner: budget check, weight upload, KV cache and scratch allocation, and the
// chunking of a forward call into short submissions.
//
// Submissions are kept short (desktop drivers kill long ones: Windows TDR ~2 s, amdgpu
// timeouts): each is planned to take about kTargetSeconds, from a throughput measured on
// the previous submissions (cost units per second, separately for decode and prompt work).
// A fast GPU ends up recording a whole token into one submission; a slow one splits the
// layers, and prompts are cut into chunks small enough for one layer to fit the target.
// CPU-type devices (lavapipe) drive no display and get a 1 s target; PONDER_VK_SUBMIT_MS
// overrides the target (experiments, slow GPUs).
#include "vk/model_runner.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>

#include "vk/graph_common.h"
#include "vk/packed_texts.h"
#include "vk/runner_internal.h"
#include "vk/runner_weights.h"
#include "vk/weight_arena.h"

namespace ponder::vk {

namespace {

using namespace detail;

constexpr double kTargetSeconds = 0.1;     // 20x below a 2 s watchdog
constexpr double kCpuTargetSeconds = 1.0;  // CPU devices (lavapipe) drive no display: no watchdog
constexpr double kInitialRate = 1e9;       // cost units/s assumed before any measurement
constexpr uint32_t kDefaultChunk = 128;
constexpr uint64_t kStagingBytes = 64ull << 20;
constexpr uint32_t kMaxDecodeSplits = 64;  // attention() splits decode keys at most this way

// "12.3 MiB" (one decimal: budgets and needs close to each other stay distinguishable).
std::string mib(uint64_t bytes) {
    const uint64_t tenths = (bytes * 10 + (1u << 19)) >> 20;
    return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " MiB";
}

// Sizes (in elements) of the scratch activations for a chunk of T tokens.
struct ScratchSizes {
    uint64_t embd, q, kv, att, ffn, route, slots, expOut, partials, logits, headIds, expBias, groups;
};

ScratchSizes scratchSizes(const HyperParams& hp, uint32_t T) {
    uint32_t maxHead = 0, maxKv = 0, maxFf = 0;
    for (uint32_t l = 0; l < hp.nLayer; ++l) {
        maxHead = std::max(maxHead, hp.nHead[l]);
        maxKv = std::max(maxKv, hp.nHeadKv[l]);
        maxFf = std::max(maxFf, hp.nFf[l]);
    }
    const uint64_t k = std::max(1u, hp.nExpertUsed);
    ScratchSizes z{};
    z.embd = uint64_t(T) * hp.nEmbd;
    z.q = uint64_t(T) * maxHead * hp.headDimK;
    z.kv = uint64_t(T) * maxKv * std::max(hp.headDimK, hp.headDimV);
    z.att = uint64_t(T) * maxHead * hp.headDimV;
    // deepseek2's leading dense layers make maxFf count for MoE models too.
    const uint64_t ffnWidth = hp.isMoe() ? std::max<uint64_t>({k * hp.nFfExp, hp.nFfShexp, maxFf}) : maxFf;
    z.ffn = uint64_t(T) * std::max<uint64_t>(ffnWidth, 1);
    z.route = uint64_t(T) * std::max(1u, hp.nExpert);
    z.slots = uint64_t(T) * k;
    z.expOut = hp.isMoe() ? uint64_t(T) * k * hp.nEmbd : 1;
    // Decode only (prompt chunks never split): nSplit partial rows of (d_v + max + sum).
    z.partials = uint64_t(kMaxDecodeSplits) * maxHead * (hp.headDimV + 2);
    z.logits = uint64_t(T) * hp.nVocab;
    z.headIds = 0;
    z.expBias = hp.arch == Architecture::GptOss ? uint64_t(T) * k * std::max(hp.nFfExp, hp.nEmbd) : 0;
    if (hp.arch == Architecture::Deepseek2) {
        const DeepseekScratch d = deepseek2Scratch(hp);
        z.q = std::max(z.q, T * d.q);
        z.kv = std::max(z.kv, T * d.kv);
        z.att = std::max(z.att, T * d.att);
        z.ffn = std::max(z.ffn, T * d.ffn);
        z.headIds = T * d.headIds;
    }
    // The expert-grouped matmul's pair lists: routed experts, and MLA's heads (as experts).
    const uint32_t grouped = std::max<uint32_t>(hp.isMoe() ? hp.nExpert : 0, uint32_t(z.headIds / std::max(T, 1u)));
    z.groups = grouped ? expertGroupsElements(grouped, T) : 0;
    return z;
}

uint64_t scratchBytes(const HyperParams& hp, uint32_t T) {
    const ScratchSizes z = scratchSizes(hp, T);
    const uint64_t floats = 3 * z.embd + z.q + 2 * z.kv + z.att + 2 * z.ffn + z.route + 2 * z.slots + z.expOut +
                            z.embd /* shared */ + z.partials + z.logits + z.headIds + z.expBias + z.groups;
    return 4 * (floats + T);
}

uint64_t kvBytes(const model::ModelData& md, KvCacheType type, uint32_t capacity) {
    const uint64_t elem = type == KvCacheType::F16 ? 2 : 4;
    uint64_t total = 0;
    for (uint32_t l = 0; l < md.hp.nLayer; ++l) {
        const model::KvShape shape = md.spec->kvShape(md.hp, l);
        total += uint64_t(capacity) * (shape.kElements + shape.vElements) * elem;
    }
    return total;
}

// The largest single scratch buffer of a chunk, in bytes (must fit one binding).
uint64_t largestScratch(const HyperParams& hp, uint32_t T) {
    const ScratchSizes z = scratchSizes(hp, T);
    return 4 * std::max({z.embd, z.q, z.kv, z.att, z.ffn, z.route, z.expOut, z.partials, z.logits, z.headIds, z.expBias,
                         z.groups});
}

class VulkanRunner final : public ModelRunner {
public:
    explicit VulkanRunner(const model::ModelData& md) : m_md(md) {}
    ~VulkanRunner() override;

    Result<void> init(const SessionOptions& options, uint32_t capacity);
    Result<void> forward(std::span<const int32_t> tokens, uint32_t startPos, bool lastOnly,
                         std::vector<float>& logits) override;
    Result<void> forwardLastHidden(std::span<const int32_t> tokens, std::vector<float>& hidden) override;
    Result<void> forwardLastHiddenBatch(std::span<const std::span<const int32_t>> texts,
                                        std::vector<float>& rows) override;
    const MemoryPlan& memory() const override { return m_plan; }

private:
    Result<void> allocateScratch();
    Result<void> runChunk(std::span<const int32_t> tokens, uint32_t startPos, bool lastOnly, bool output);
    Result<void> submit(double cost, bool prompt);
    double layerCost(uint32_t l, uint32_t T, uint32_t kvLen) const;
    uint32_t chunkTokens(uint32_t startPos) const;

    const model::ModelData& m_md;
    std::unique_ptr<Device> m_device;
    std::unique_ptr<Kernels> m_kernels;
    std::unique_ptr<Batch> m_batch;
    WeightArena m_arena;
    GpuModel m_model;
    Scratch m_scratch;
    MemoryPlan m_plan;
    KvCacheType m_kvType = KvCacheType::F16;
    uint32_t m_capacity = 0;
    double m_rate[2] = {kInitialRate, kInitialRate};  // [decode, prompt] cost units per second
    double m_target = kTargetSeconds;                 // seconds one submission should take
    bool m_lost = false;
    // Embedding batches (allocated on the first one): int32 [capacity] segment starts and
    // f32 [capacity][n_embd] pooled rows, both host-visible; m_segments is bound while a
    // packed batch runs.
    Buffer m_segStart, m_pooled;
    BufferSpan m_segments;
};

VulkanRunner::~VulkanRunner() {
    if (!m_device) return;
    m_batch.reset();
    vkDeviceWaitIdle(m_device->device);
    for (GpuLayer& L : m_model.layers) {
        destroyBuffer(*m_device, L.kCache);
        destroyBuffer(*m_device, L.vCache);
    }
    Scratch& s = m_scratch;
    for (Buffer* b : {&s.x, &s.h, &s.y, &s.q, &s.k, &s.v, &s.att, &s.g, &s.u, &s.routeLogits, &s.ids, &s.weights,
                      &s.expOut, &s.shared, &s.attnPartials, &s.headIds, &s.expBias, &s.expGroups, &s.tokens, &s.logits}) {
        destroyBuffer(*m_device, *b);
    }
    destroyBuffer(*m_device, m_segStart);
    destroyBuffer(*m_device, m_pooled);
    m_arena.destroy(*m_device);
    m_kernels.reset();
}

Result<void> VulkanRunner::init(const SessionOptions& options, uint32_t capacity) {
    const HyperParams& hp = m_md.hp;
    if (!graphSupports(hp.arch)) {
        return makeError(ErrorCode::Unsupported, "the Vulkan backend does not run " + hp.archName + " models yet");
    }
    m_kvType = options.kvType;
    m_capacity = capacity;
    auto device = createDevice(options.device);
    if (!device) return device.error();
    m_device = std::move(*device);
    auto kernels = Kernels::create(*m_device);
    if (!kernels) return kernels.error();
    m_kernels = std::move(*kernels);
    const GpuInfo& gi = m_device->info;
    if (gi.type == GpuType::Cpu) m_target = kCpuTargetSeconds;
    if (const char* ms = std::getenv("PONDER_VK_SUBMIT_MS")) m_target = std::max(1.0, std::atof(ms)) / 1000.0;
    const uint64_t maxRange = m_kernels->tuning.maxBindingRange;

    // Prompt chunk: as asked, then small enough that every scratch buffer is one binding.
    uint32_t chunk = options.promptChunk ? options.promptChunk : kDefaultChunk;
    while (chunk > 1 && largestScratch(hp, chunk) > maxRange) chunk /= 2;
    if (largestScratch(hp, chunk) > maxRange) {
        return makeError(ErrorCode::Unsupported, "one token's activations exceed the device's binding range");
    }
    m_scratch.maxChunk = chunk;

    // The budget check comes before any large allocation.
    const ModelSlots slots = reserveWeights(m_md, m_arena);
    const uint64_t maxBuffer = std::min<uint64_t>(gi.maxAllocationSize ? gi.maxAllocationSize : (1ull << 30), 1ull << 30);
    m_plan = planMemory(m_md, m_kvType, capacity, chunk);
    m_plan.weights = m_arena.plannedBytes(maxBuffer);
    const uint64_t budget = options.deviceMemoryBudget ? options.deviceMemoryBudget : gi.deviceLocalBytes;
    if (m_plan.total() > budget) {
        return makeError(ErrorCode::OutOfMemory,
                         "the model needs " + mib(m_plan.total()) + " (" + std::to_string(m_plan.total()) +
                             " bytes) of device memory (weights " + mib(m_plan.weights) +
                             ", KV cache " + mib(m_plan.kvCache) + " for " + std::to_string(capacity) +
                             " positions, scratch " + mib(m_plan.scratch) + ") but " + gi.name + " has " +
                             mib(budget) + " (" + std::to_string(budget) + " bytes" +
                             (options.deviceMemoryBudget ? ", the session's budget)" : ")") +
                             "; use a smaller context or model");
    }
    for (uint32_t l = 0; l < hp.nLayer; ++l) {
        const model::KvShape shape = m_md.spec->kvShape(hp, l);
        const uint64_t layerBytes = uint64_t(capacity) * std::max(shape.kElements, shape.vElements) *
                                    (m_kvType == KvCacheType::F16 ? 2 : 4);
        if (layerBytes > maxRange) {
            return makeError(ErrorCode::Unsupported, "one layer's KV cache for " + std::to_string(capacity) +
                                                         " positions exceeds the device's binding range; use a smaller context");
        }
    }

    PONDER_TRY(m_arena.allocate(*m_device, maxBuffer));
    PONDER_TRY(m_arena.upload(*m_device, kStagingBytes, options.uploadProgress));
    bindWeightViews(m_md, m_arena, slots, m_model);
    PONDER_TRY(allocateScratch());
    m_batch = std::make_unique<Batch>(*m_device);
    // Every buffer bound lives as long as the runner: reuse descriptor sets across tokens.
    m_batch->cacheDescriptorSets = true;
    return {};
}

Result<void> VulkanRunner::allocateScratch() {
    const HyperParams& hp = m_md.hp;
    const ScratchSizes z = scratchSizes(hp, m_scratch.maxChunk);
    Scratch& s = m_scratch;
    const auto make = [&](Buffer& b, uint64_t elements, MemoryKind kind = MemoryKind::DeviceLocal) -> Result<void> {
        auto r = createBuffer(*m_device, std::max<uint64_t>(elements, 1) * 4, kind);
        if (!r) return r.error();
        b = *r;
        return {};
    };
    PONDER_TRY(make(s.x, z.embd));
    PONDER_TRY(make(s.h, z.embd));
    PONDER_TRY(make(s.y, z.embd));
    PONDER_TRY(make(s.q, z.q));
    PONDER_TRY(make(s.k, z.kv));
    PONDER_TRY(make(s.v, z.kv));
    PONDER_TRY(make(s.att, z.att));
    PONDER_TRY(make(s.g, z.ffn));
    PONDER_TRY(make(s.u, z.ffn));
    PONDER_TRY(make(s.routeLogits, z.route));
    PONDER_TRY(make(s.ids, z.slots));
    PONDER_TRY(make(s.weights, z.slots));
    PONDER_TRY(make(s.expOut, z.expOut));
    PONDER_TRY(make(s.shared, hp.nFfShexp ? z.embd : 1));
    PONDER_TRY(make(s.attnPartials, z.partials));
    if (z.expBias) PONDER_TRY(make(s.expBias, z.expBias));
    if (z.groups) PONDER_TRY(make(s.expGroups, z.groups));
    if (z.headIds) {
        // MLA's per-head products select head h in slot h of every token (written once).
        PONDER_TRY(make(s.headIds, z.headIds, MemoryKind::HostVisible));
        const uint32_t H = uint32_t(z.headIds / s.maxChunk);
        auto* ids = static_cast<int32_t*>(s.headIds.mapped);
        for (uint64_t i = 0; i < z.headIds; ++i) ids[i] = int32_t(i % H);
    }
    PONDER_TRY(make(s.tokens, s.maxChunk, MemoryKind::HostVisible));
    // Written by the output head and read by the host: host-visible (one row when only the
    // last is wanted, so its PCIe cost is small).
    PONDER_TRY(make(s.logits, z.logits, MemoryKind::HostVisible));
    const uint64_t elem = m_kvType == KvCacheType::F16 ? 2 : 4;
    for (uint32_t l = 0; l < hp.nLayer; ++l) {
        const model::KvShape shape = m_md.spec->kvShape(hp, l);
        auto k = createBuffer(*m_device, std::max<uint64_t>(uint64_t(m_capacity) * shape.kElements * elem, 4),
                              MemoryKind::DeviceLocal);
        if (!k) return k.error();
        m_model.layers[l].kCache = *k;
        auto v = createBuffer(*m_device, std::max<uint64_t>(uint64_t(m_capacity) * shape.vElements * elem, 4),
                              MemoryKind::DeviceLocal);
        if (!v) return v.error();
        m_model.layers[l].vCache = *v;
    }
    return {};
}

double VulkanRunner::layerCost(uint32_t l, uint32_t T, uint32_t kvLen) const {
    const HyperParams& hp = m_md.hp;
    const double attn = double(T) * kvLen * hp.nHead[l] * (hp.headDimK + hp.headDimV);
    return double(m_model.layers[l].activeBytes) * T + attn;
}

uint32_t VulkanRunner::chunkTokens(uint32_t startPos) const {
    // The most expensive layer at T tokens must fit the target (cost grows with T).
    uint32_t T = m_scratch.maxChunk;
    while (T > 1) {
        double worst = 0;
        for (uint32_t l = 0; l < m_md.hp.nLayer; ++l) worst = std::max(worst, layerCost(l, T, startPos + T));
        if (worst / m_rate[1] <= m_target) break;
        T /= 2;
    }
    return T;
}

Result<void> VulkanRunner::submit(double cost, bool prompt) {
    const auto t0 = std::chrono::steady_clock::now();
    auto r = m_batch->submitAndWait();
    if (!r) {
        if (r.error().code == ErrorCode::DeviceLost) m_lost = true;
        return r;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (seconds > 1e-4 && cost > 0) {
        // Slower than thought: believe it at once; faster: move there gradually.
        const double measured = cost / seconds;
        double& rate = m_rate[prompt ? 1 : 0];
        rate = measured < rate ? measured : 0.7 * rate + 0.3 * measured;
    }
    return {};
}

// output == false: a prompt chunk whose logits nobody wants (not the last of a lastOnly call).
Result<void> VulkanRunner::runChunk(std::span<const int32_t> tokens, uint32_t startPos, bool lastOnly, bool output) {
    const HyperParams& hp = m_md.hp;
    const auto T = static_cast<uint32_t>(tokens.size());
    const bool prompt = T > 1;
    std::memcpy(m_scratch.tokens.mapped, tokens.data(), tokens.size_bytes());
    const Graph g{*m_kernels, *m_batch, m_md, m_model, m_scratch, m_kvType, m_segments};
    const double rate = m_rate[prompt ? 1 : 0];
    double pending = 0;  // cost recorded but not yet submitted
    PONDER_TRY(recordEmbed(g, T));
    for (uint32_t l = 0; l < hp.nLayer; ++l) {
        const double c = layerCost(l, T, startPos + T);
        if (pending > 0 && (pending + c) / rate > m_target) {
            PONDER_TRY(submit(pending, prompt));
            pending = 0;
        }
        PONDER_TRY(recordLayer(g, l, T, startPos));
        pending += c;
    }
    if (!output) return submit(pending, prompt);
    const double head = double(m_model.outputBytes) * (lastOnly ? 1 : T);
    if (pending > 0 && (pending + head) / rate > m_target) {
        PONDER_TRY(submit(pending, prompt));
        pending = 0;
    }
    PONDER_TRY(recordOutput(g, T, lastOnly));
    return submit(pending + head, prompt);
}

Result<void> VulkanRunner::forward(std::span<const int32_t> tokens, uint32_t startPos, bool lastOnly,
                                   std::vector<float>& logits) {
    if (m_lost) {
        return makeError(ErrorCode::DeviceLost, "the GPU was lost during an earlier step; recreate the session");
    }
    const uint32_t nVocab = m_md.hp.nVocab;
    for (int32_t id : tokens) {
        if (id < 0 || uint32_t(id) >= m_model.tokEmbd.rows) {
            return makeError(ErrorCode::InvalidArgument, "token id " + std::to_string(id) +
                                                             " is outside the vocabulary (" +
                                                             std::to_string(m_model.tokEmbd.rows) + " tokens)");
        }
    }
    logits.resize(lastOnly ? nVocab : tokens.size() * size_t(nVocab));
    size_t done = 0;
    while (done < tokens.size()) {
        const uint32_t pos = startPos + uint32_t(done);
        const size_t T = std::min<size_t>(chunkTokens(pos), tokens.size() - done);
        const bool last = done + T == tokens.size();
        PONDER_TRY(runChunk(tokens.subspan(done, T), pos, lastOnly, !lastOnly || last));
        const auto* rows = static_cast<const float*>(m_scratch.logits.mapped);
        if (!lastOnly) std::memcpy(logits.data() + done * nVocab, rows, T * nVocab * sizeof(float));
        else if (last) std::memcpy(logits.data(), rows, nVocab * sizeof(float));
        done += T;
    }
    return {};
}

// Embeddings: the layers as for a prompt, then instead of the output head only the last
// row's final norm, written straight into the host-visible logits buffer (n_embd floats fit:
// it holds maxChunk * n_vocab).
Result<void> VulkanRunner::forwardLastHidden(std::span<const int32_t> tokens, std::vector<float>& hidden) {
    if (m_lost) {
        return makeError(ErrorCode::DeviceLost, "the GPU was lost during an earlier step; recreate the session");
    }
    if (tokens.empty() || tokens.size() > m_capacity) {
        return makeError(ErrorCode::InvalidArgument, "an embedding input needs 1 to " + std::to_string(m_capacity) +
                                                         " tokens, not " + std::to_string(tokens.size()));
    }
    for (int32_t id : tokens) {
        if (id < 0 || uint32_t(id) >= m_model.tokEmbd.rows) {
            return makeError(ErrorCode::InvalidArgument, "token id " + std::to_string(id) + " is outside the vocabulary");
        }
    }
    const uint32_t nEmbd = m_md.hp.nEmbd;
    size_t done = 0;
    while (done < tokens.size()) {
        const uint32_t pos = uint32_t(done);
        const size_t T = std::min<size_t>(chunkTokens(pos), tokens.size() - done);
        PONDER_TRY(runChunk(tokens.subspan(done, T), pos, true, false));
        done += T;
        if (done < tokens.size()) continue;
        const Graph g{*m_kernels, *m_batch, m_md, m_model, m_scratch, m_kvType};
        PONDER_TRY(copyElements(g, whole(m_scratch.x), uint32_t(T - 1) * nEmbd, whole(m_scratch.h), 0, nEmbd, false));
        PONDER_TRY(rmsNorm(g.k, g.b, whole(m_scratch.h), m_model.outputNorm, whole(m_scratch.logits), nEmbd, 1,
                           m_md.hp.normEps));
        PONDER_TRY(submit(0, true));
    }
    const auto* row = static_cast<const float*>(m_scratch.logits.mapped);
    hidden.assign(row, row + nEmbd);
    return {};
}

// Embedding batches: the packed tokens run through the same chunked prompt path (a chunk may
// end mid-text: the cache rows and segment starts carry across chunks). After each chunk the
// last rows of the texts that ended in it are copied out of the residual stream (recorded
// into the next chunk's first submission), and one final norm over all pooled rows ends it.
Result<void> VulkanRunner::forwardLastHiddenBatch(std::span<const std::span<const int32_t>> texts,
                                                  std::vector<float>& rows) {
    if (m_lost) {
        return makeError(ErrorCode::DeviceLost, "the GPU was lost during an earlier step; recreate the session");
    }
    const HyperParams& hp = m_md.hp;
    if (hp.arch == Architecture::Deepseek2) {
        return makeError(ErrorCode::Unsupported, "packed embedding batches need a llama-family graph; " + hp.archName +
                                                     " is not one");
    }
    auto packed = packTexts(texts, m_capacity, m_model.tokEmbd.rows);
    if (!packed) return packed.error();
    const PackedTexts& p = *packed;
    const uint32_t nEmbd = hp.nEmbd;
    if (!m_segStart.buffer) {
        auto seg = createBuffer(*m_device, uint64_t(m_capacity) * 4, MemoryKind::HostVisible);
        if (!seg) return seg.error();
        m_segStart = *seg;
        auto pooled = createBuffer(*m_device, uint64_t(m_capacity) * nEmbd * 4, MemoryKind::HostVisible);
        if (!pooled) return pooled.error();
        m_pooled = *pooled;
    }
    std::memcpy(m_segStart.mapped, p.segStart.data(), p.segStart.size() * sizeof(int32_t));
    m_segments = whole(m_segStart);
    struct Unbind {
        BufferSpan& s;
        ~Unbind() { s = {}; }
    } unbind{m_segments};

    const auto N = static_cast<uint32_t>(p.tokens.size());
    const Graph g{*m_kernels, *m_batch, m_md, m_model, m_scratch, m_kvType, m_segments};
    size_t next = 0;  // the first text whose pooled row is not yet recorded
    uint32_t done = 0;
    while (done < N) {
        const uint32_t T = std::min(chunkTokens(done), N - done);
        PONDER_TRY(runChunk(std::span<const int32_t>(p.tokens).subspan(done, T), done, true, false));
        PONDER_TRY(recordLastRows(g, p, done, T, next, whole(m_pooled)));
        done += T;
    }
    const auto nTexts = static_cast<uint32_t>(texts.size());
    PONDER_TRY(rmsNorm(g.k, g.b, whole(m_pooled), m_model.outputNorm, whole(m_pooled), nEmbd, nTexts, hp.normEps));
    PONDER_TRY(submit(0, true));
    const auto* out = static_cast<const float*>(m_pooled.mapped);
    rows.assign(out, out + size_t(nTexts) * nEmbd);
    return {};
}

}  // namespace

MemoryPlan planMemory(const model::ModelData& md, KvCacheType kvType, uint32_t capacity, uint32_t maxChunk) {
    MemoryPlan p;
    WeightArena arena;
    reserveWeights(md, arena);
    p.weights = arena.plannedBytes(1ull << 30);
    p.kvCache = kvBytes(md, kvType, capacity);
    // The staging buffer is transient (freed after the upload) and host memory on discrete
    // GPUs: not counted.
    p.scratch = scratchBytes(md.hp, maxChunk);
    return p;
}

Result<std::unique_ptr<ModelRunner>> ModelRunner::create(const model::ModelData& model, const SessionOptions& options,
                                                         uint32_t capacity) {
    auto runner = std::make_unique<VulkanRunner>(model);
    PONDER_TRY(runner->init(options, capacity));
    return std::unique_ptr<ModelRunner>(std::move(runner));
}

}  // namespace ponder::vk
