/// @brief The Vulkan kernel layer: one function per op that records a dispatch into a Batch.
#pragma once

#include <vulkan/vulkan.h>

#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "ponder/model.h"
#include "ponder/result.h"
#include "ponder/tensor_type.h"
#include "vk/batch.h"
#include "vk/device.h"
#include "vk/pipeline.h"

namespace ponder::vk {

/// A matmul tiling: a BM x BN output tile per workgroup, K steps of BK, TM x TN outputs per
/// thread ((BM / TM) * (BN / TN) threads).
struct MatmulTiles {
    uint32_t m = 64, n = 64, k = 16, threadM = 4, threadN = 4;
};

/// Work sizes, chosen in Kernels::create from the device's limits (subgroup size, shared
/// memory, invocations). Tests may change them before recording, e.g. to cover several
/// specialisations or to force the split of large weights with a small maxBindingRange.
struct KernelTuning {
    uint32_t matvecWorkgroup = 128;  // threads per matvec workgroup (a multiple of the subgroup)
    uint32_t matvecRows = 2;         // rows per matvec workgroup
    uint32_t matmulTileM = 64, matmulTileN = 64, matmulTileK = 16;  // output tile and K step
    uint32_t matmulThreadM = 4, matmulThreadN = 4;                  // outputs per thread
    // Expert-grouped matmul (MoE prompts): an expert gets nTokens * nUsed / nExpert tokens
    // on average, usually far fewer than a prompt, so narrow column tiles waste less work;
    // from matmulIdWideFrom tokens per expert (average) on, the wide tiles.
    MatmulTiles matmulIdNarrow{128, 16, 16, 8, 4};
    MatmulTiles matmulIdWide{64, 64, 16, 8, 4};
    uint32_t matmulIdWideFrom = 96;
    uint32_t rowWorkgroup = 128;     // norms, softmax, get_rows, routing, attention reduce
    uint32_t eltwiseWorkgroup = 256;
    uint32_t attnWorkgroup = 128;
    uint32_t attnMaxRows = 8;        // query rows (heads x tokens) per attention workgroup
    uint32_t attnKeyBlock = 0;       // keys per block; 0 = the largest that fits shared memory
    uint64_t maxBindingRange = 0;    // bytes one binding may span (<= maxStorageBufferRange)
};

/// Pipelines (per variant and specialisation, built on first use) and the tuning of one
/// device. Owned by the engine next to its Device; destroy it before the Device.
class Kernels {
public:
    static Result<std::unique_ptr<Kernels>> create(Device& device);
    ~Kernels();
    Kernels(const Kernels&) = delete;
    Kernels& operator=(const Kernels&) = delete;

    /// The pipeline of `variant` with these specialisation constants (ids 0, 1, ...).
    Result<const Pipeline*> pipeline(std::string_view variant, uint32_t bindingCount, uint32_t pushSize,
                                     std::initializer_list<uint32_t> spec);

    Device& device;
    KernelTuning tuning;
    uint64_t offsetAlignment = 1;  // minStorageBufferOffsetAlignment
    uint32_t maxGroupsX = 65535;   // maxComputeWorkGroupCount[0]
    uint32_t maxGroupsYZ = 65535;

private:
    explicit Kernels(Device& d) : device(d) {}
    std::map<std::string, Pipeline> m_pipelines;
};

/// True for the weight formats with matvec/matmul/get_rows kernels (engine-spec.md 3:
/// F32 F16 BF16 Q4_0 Q4_1 Q5_0 Q5_1 Q8_0 Q2_K..Q6_K IQ4_NL IQ4_XS MXFP4).
bool kernelSupportsType(TensorType type);
/// "q4_k": the variant-name suffix of a weight format.
std::string typeSuffix(TensorType type);

/// A weight tensor in a buffer: `rows` rows of `cols` elements (cols = ne0, the reduction
/// length) starting at byte `offset`; experts > 1 for a 3-D MoE tensor [experts][rows][cols].
/// The tensor may be larger than one binding: the ops dispatch it in parts.
struct WeightView {
    TensorType type = TensorType::F32;
    const Buffer* buffer = nullptr;
    VkDeviceSize offset = 0;
    uint32_t cols = 0;
    uint32_t rows = 0;
    uint32_t experts = 1;
    uint64_t expertStride = 0;  // bytes between experts; 0 = rows * row bytes (merged gate/up: 2x)
};

/// y[c][r] = sum_k W[r][k] x[c][k] for c < nCols (decode; x [nCols][cols], y [nCols][rows]).
Result<void> matvec(Kernels& k, Batch& b, const WeightView& w, BufferSpan x, BufferSpan y, uint32_t nCols = 1);

/// The experts picked by moe_route for each token, for matvecId (decode) and groupExperts /
/// matmulId (prompts).
struct ExpertSelection {
    BufferSpan ids;            // int32 [nTokens][nUsed]
    BufferSpan weights;        // f32 [nTokens][nUsed]; buffer null = outputs are not weighted
    uint32_t nUsed = 0;
    uint32_t nTokens = 1;
    bool inputPerSlot = false; // x is [nTokens][nUsed][cols] (down projection), else [nTokens][cols]
};

/// Expert-routed matvec: y[t][s][r] = (w_ts *) sum_k W[ids[t][s]][r][k] x[t](s)[k]. Only the
/// selected experts' rows are read. y is [nTokens][nUsed][rows].
Result<void> matvecId(Kernels& k, Batch& b, const WeightView& w, BufferSpan x, const ExpertSelection& sel,
                      BufferSpan y);

/// Elements (uint32) of the groups buffer groupExperts writes: counts [nExpert], then one
/// list of nTokens pair slots per expert.
inline uint64_t expertGroupsElements(uint32_t nExpert, uint32_t nTokens) {
    return uint64_t(nExpert) * (uint64_t(nTokens) + 1);
}

/// Groups the (token, slot) pairs of sel.ids [nTokens][nUsed] by expert: groups[e] = how many
/// tokens chose expert e, groups[nExpert + e * nTokens + i] = the i-th such pair
/// (token * nUsed + slot), in token order (deterministic). An expert may appear at most once
/// per token. groups holds expertGroupsElements(nExpert, nTokens) uint32.
Result<void> groupExperts(Kernels& k, Batch& b, const ExpertSelection& sel, uint32_t nExpert, BufferSpan groups);

/// Expert-grouped matmul for prompts, the same result as matvecId (y [nTokens][nUsed][rows],
/// weighted when sel.weights is bound, x per slot when sel.inputPerSlot) but each expert's
/// weight tiles are dequantized once per tile of the tokens routed to it. `groups` is
/// groupExperts' output for sel and w.experts experts (recorded before, with a barrier).
Result<void> matmulId(Kernels& k, Batch& b, const WeightView& w, BufferSpan x, const ExpertSelection& sel,
                      BufferSpan groups, BufferSpan y);

/// Y[c][r] = sum_k W[r][k] X[c][k] for c < nCols with tiled shared-memory kernels (prompt).
Result<void> matmul(Kernels& k, Batch& b, const WeightView& w, BufferSpan x, BufferSpan y, uint32_t nCols);

/// y[i] = dequant(W[ids[i]]) for i < nIds: embedding lookup. y is [nIds][cols] f32.
Result<void> getRows(Kernels& k, Batch& b, const WeightView& table, BufferSpan ids, uint32_t nIds, BufferSpan y);

/// y = x / sqrt(mean(x^2) + eps) (* weight when weight.buffer is set), per row of n.
/// x is [rows][xStride], y [rows][yStride] (strides 0 = n); y may be x.
Result<void> rmsNorm(Kernels& k, Batch& b, BufferSpan x, BufferSpan weight, BufferSpan y, uint32_t n, uint32_t rows,
                     float eps, uint32_t xStride = 0, uint32_t yStride = 0);

/// y = softmax(scale * x) per row of n; x and y are [rows][n]; y may be x.
Result<void> softmax(Kernels& k, Batch& b, BufferSpan x, BufferSpan y, uint32_t n, uint32_t rows, float scale = 1.0f);

/// RoPE parameters as resolved by the model (engine-spec.md 2.0.3).
struct RopeConfig {
    RopeType type = RopeType::Norm;
    uint32_t nRot = 0;
    float freqBase = 10000.0f;
    float freqScale = 1.0f;
    float extFactor = 0.0f;
    float attnFactor = 1.0f;
    float betaFast = 32.0f;
    float betaSlow = 1.0f;
    uint32_t nCtxOrig = 0;
    BufferSpan freqFactors;  // f32 [nRot/2] divisors, or no buffer
    /// Packed texts: int32 [pos0 + nTokens], the first row of each row's text; a row's
    /// position is then row - segStart[row]. No buffer = one sequence.
    BufferSpan segStart;
};

/// Rotates, in place, nHeads heads of headDim elements for each of nTokens consecutive
/// positions pos0, pos0+1, ... (rows; positions count from each text's start when
/// cfg.segStart is bound); data is [nTokens][tokenStride] with head h at h*headStride
/// (strides 0 = packed), all shifted by `offset` elements.
Result<void> rope(Kernels& k, Batch& b, BufferSpan data, uint32_t nTokens, uint32_t nHeads, uint32_t headDim,
                  int32_t pos0, const RopeConfig& cfg, uint32_t tokenStride = 0, uint32_t headStride = 0,
                  uint32_t offset = 0);

enum class EltwiseOp : uint32_t {
    Add = 0, Mul = 1, Scale = 2, Copy = 3, SwiGlu = 4, SwiGluOai = 5, AddScaled = 6,
    SumSlots = 7,  // recorded by sumSlots(), not eltwise() (also op 9, the weighted form)
    CopyRows = 8,  // recorded by copyRows(), not eltwise()
};

/// out[i] = op(a[i], b[i % nb]) for i < n (nb 0 = n). Scale: a * scale; AddScaled: a + scale * b;
/// SwiGlu: silu(a) * b; SwiGluOai: gpt-oss's clamped form with alpha = scale and limit.
/// outF16 stores halves (KV cache writes). Spans may overlap only as out == a.
Result<void> eltwise(Kernels& k, Batch& b, EltwiseOp op, BufferSpan a, BufferSpan bIn, BufferSpan out, uint32_t n,
                     uint32_t nb = 0, float scale = 1.0f, float limit = 0.0f, bool outF16 = false);

/// MoE combine: out[t][i] = sum_{s < nSlots} (weights[t][s] *) y[t][s][i] (slot order, as
/// llama.cpp), for the [nTokens][nSlots][n] output of matvecId (weighted there, or here when
/// `weights` is bound: experts with output biases); out is [nTokens][n].
Result<void> sumSlots(Kernels& k, Batch& b, BufferSpan y, BufferSpan out, uint32_t n, uint32_t nSlots, uint32_t nTokens,
                      BufferSpan weights = {});

/// A strided slice of rows (element offsets and strides, so slices need no aligned binding):
/// out[outOffset + r * outStride + i] = a[aOffset + r * aStride + i] for r < rows, i < n.
/// outF16 stores halves (KV cache writes). a and out must not overlap.
struct RowSlice {
    uint32_t offset = 0;
    uint32_t stride = 0;
};
Result<void> copyRows(Kernels& k, Batch& b, BufferSpan a, RowSlice from, BufferSpan out, RowSlice to, uint32_t n,
                      uint32_t rows, bool outF16 = false);

/// MoE routing parameters (engine-spec.md 2.0.6).
struct RouteConfig {
    uint32_t nExpert = 0;
    uint32_t nUsed = 0;
    ExpertGating gating = ExpertGating::Softmax;
    bool normWeights = false;
    float weightScale = 0.0f;
    uint32_t nGroups = 0;
    uint32_t nGroupUsed = 0;
    BufferSpan selectionBias;  // f32 [nExpert] (exp_probs_b), or no buffer
};

/// From router logits [nTokens][nExpert] writes ids int32 [nTokens][nUsed] and weights f32
/// [nTokens][nUsed] (the same layout matvecId reads).
Result<void> moeRoute(Kernels& k, Batch& b, BufferSpan logits, uint32_t nTokens, const RouteConfig& cfg,
                      BufferSpan ids, BufferSpan weights);

/// Attention parameters (engine-spec.md 2.0.4).
struct AttentionConfig {
    uint32_t nHead = 0, nHeadKv = 0;
    uint32_t headDimK = 0, headDimV = 0;
    float kqScale = 1.0f;
    uint32_t window = 0;        // 0 = full causal
    BufferSpan sinks;           // f32 [nHead], or no buffer
    KvCacheType kvType = KvCacheType::F16;
    uint32_t kStride = 0, vStride = 0;          // elements per cache row; 0 = nHeadKv * headDim
    uint32_t kHeadStride = 0, vHeadStride = 0;  // elements between KV heads; 0 = headDim
    uint32_t nSplit = 0;        // KV splits; 0 = choose (needs scratch), 1 = none
    BufferSpan scratch;         // f32, attentionScratchFloats() elements, for splits
    /// Packed texts (block-diagonal causal mask): int32 [startPos + nTokens], the first cache
    /// row of each row's text, non-decreasing; a row sees keys segStart[row]..row only.
    BufferSpan segStart;
};

/// Scratch floats attention() needs to split the keys `nSplit` ways.
uint64_t attentionScratchFloats(const AttentionConfig& cfg, uint32_t nTokens, uint32_t nSplit);

/// out[t][h*headDimV..] for query tokens t < nTokens at positions startPos + t; q is
/// [nTokens][nHead * headDimK]; k/v caches hold positions [0, startPos + nTokens).
Result<void> attention(Kernels& k, Batch& b, BufferSpan q, BufferSpan kCache, BufferSpan vCache, BufferSpan out,
                       uint32_t nTokens, uint32_t startPos, const AttentionConfig& cfg);

}  // namespace ponder::vk
