// Push-constant blocks shared by C++ (engine/src/vk) and GLSL (shaders/*.comp).
// Plain 32-bit scalars only, so std430 and C++ layouts agree without padding rules.
// Every block stays within 128 bytes (Vulkan's guaranteed maxPushConstantsSize).
#ifndef PONDER_PUSH_CONSTANTS_H
#define PONDER_PUSH_CONSTANTS_H

#ifdef __cplusplus
#include <cstdint>
namespace ponder::vk {
#define PONDER_PUSH(name) struct name
#define PONDER_U32 uint32_t
#define PONDER_I32 int32_t
#define PONDER_F32 float
#define PONDER_PC
#else
#define PONDER_PUSH(name) layout(push_constant) uniform name
#define PONDER_U32 uint
#define PONDER_I32 int
#define PONDER_F32 float
#define PONDER_PC pc
#endif

#ifndef PONDER_SELECT_PUSH
#define PONDER_SELECT_PUSH 0
#endif

// Each shader defines PONDER_SELECT_PUSH to the block it uses (GLSL allows one push-constant
// block per entry point); C++ sees all of them.
#define PONDER_PUSH_SMOKE 1
#define PONDER_PUSH_MATVEC 2
#define PONDER_PUSH_MATMUL 3
#define PONDER_PUSH_ROWS 4
#define PONDER_PUSH_ROPE 5
#define PONDER_PUSH_ELTWISE 6
#define PONDER_PUSH_ROUTE 7
#define PONDER_PUSH_ATTN 8
#define PONDER_PUSH_ATTN_REDUCE 9
#define PONDER_PUSH_GROUP 10

#if defined(__cplusplus) || PONDER_SELECT_PUSH == PONDER_PUSH_SMOKE || PONDER_SELECT_PUSH == 0
// smoke.comp: dot products of int8 rows with an f16 vector.
PONDER_PUSH(SmokePush) {
    PONDER_U32 n;        // elements per row
    PONDER_U32 rows;     // number of rows
    PONDER_F32 scale;    // multiplies every result
} PONDER_PC;
#endif

#if defined(__cplusplus) || PONDER_SELECT_PUSH == PONDER_PUSH_MATVEC
// matvec.comp (dense and expert-routed). Weight offsets are bytes inside the bound range, so
// one weight tensor can be dispatched in several row (or expert) ranges, each bound at an
// aligned offset of its own.
PONDER_PUSH(MatvecPush) {
    PONDER_U32 K;            // elements per weight row (the reduction length, ne0)
    PONDER_U32 M;            // rows computed by this dispatch
    PONDER_U32 wOffset;      // byte offset of row 0 (of expert expertBegin) in the weight range
    PONDER_U32 rowBytes;     // bytes of one weight row
    PONDER_U32 xStride;      // dense: elements between input columns; id: between tokens
    PONDER_U32 yStride;      // dense: elements between output columns; id: between (token, slot)
    PONDER_U32 yOffset;      // element offset of row 0 in every output column
    PONDER_U32 nCols;        // dense: input columns (grid z); id: tokens
    // expert-routed only:
    PONDER_U32 expertBytes;  // bytes between two experts' matrices
    PONDER_U32 expertBegin;  // experts [expertBegin, expertEnd) lie in the bound range
    PONDER_U32 expertEnd;
    PONDER_U32 nUsed;        // expert slots per token (ids per token)
    PONDER_U32 xSlotStride;  // elements between the inputs of two slots (0: shared input)
    PONDER_U32 useWeights;   // 1: multiply each slot's output by its routing weight
} PONDER_PC;
#endif

#if defined(__cplusplus) || PONDER_SELECT_PUSH == PONDER_PUSH_MATMUL
// matmul.comp: Y[N][M] = X[N][K] * W[M][K]^T with dequantized weight tiles.
PONDER_PUSH(MatmulPush) {
    PONDER_U32 K;
    PONDER_U32 M;            // rows of this dispatch
    PONDER_U32 N;            // columns (tokens)
    PONDER_U32 wOffset;      // byte offset of row 0 in the weight range
    PONDER_U32 rowBytes;
    PONDER_U32 xStride;      // elements between input columns
    PONDER_U32 yStride;      // elements between output columns
    PONDER_U32 yOffset;      // element offset of row 0 in every output column
    // expert-grouped (MATMUL_ID) only; the columns are the pairs listed for each expert:
    PONDER_U32 expertBytes;  // bytes between two experts' matrices
    PONDER_U32 expertBegin;  // expert of grid z = 0 (its matrix at wOffset)
    PONDER_U32 nUsed;        // expert slots per token
    PONDER_U32 xSlotStride;  // elements between the inputs of two slots (0: shared input)
    PONDER_U32 listOffset;   // groups buffer: counts [listOffset] (= nExpert), then the lists
    PONDER_U32 listStride;   //   [nExpert][listStride] (= nTokens) from moe_group
    PONDER_U32 useWeights;   // 1: multiply each output by its pair's routing weight
} PONDER_PC;
#endif

#if defined(__cplusplus) || PONDER_SELECT_PUSH == PONDER_PUSH_GROUP
// moe_group.comp: (token, slot) pairs grouped by expert.
PONDER_PUSH(GroupPush) {
    PONDER_U32 nExpert;
    PONDER_U32 nUsed;
    PONDER_U32 nTokens;
} PONDER_PC;
#endif

#if defined(__cplusplus) || PONDER_SELECT_PUSH == PONDER_PUSH_ROWS
// get_rows.comp, rms_norm.comp, softmax.comp: one workgroup per row.
PONDER_PUSH(RowsPush) {
    PONDER_U32 n;            // elements per row
    PONDER_U32 rows;         // rows in this dispatch
    PONDER_U32 xStride;      // elements between input rows
    PONDER_U32 yStride;      // elements between output rows
    PONDER_F32 eps;          // rms_norm: epsilon; softmax: scale applied before the max
    PONDER_U32 flags;        // rms_norm: 1 = multiply by weight
    PONDER_U32 wOffset;      // get_rows: byte offset of row 0 in the source range
    PONDER_U32 rowBytes;     // get_rows: bytes per source row
    PONDER_U32 srcRowBegin;  // get_rows: source rows [srcRowBegin, srcRowEnd) are in the bound
    PONDER_U32 srcRowEnd;    //   range; other ids are left to another dispatch
} PONDER_PC;
#endif

#if defined(__cplusplus) || PONDER_SELECT_PUSH == PONDER_PUSH_ROPE
// rope.comp: ggml rope_ext (engine-spec.md 2.0.3) on [nTokens][nHeads][headDim].
PONDER_PUSH(RopePush) {
    PONDER_U32 nTokens;
    PONDER_U32 nHeads;
    PONDER_U32 headDim;
    PONDER_U32 nRot;
    PONDER_U32 tokenStride;  // elements between tokens
    PONDER_U32 headStride;   // elements between heads
    PONDER_I32 pos0;         // position of token 0 (tokens are consecutive)
    PONDER_U32 neox;         // 1: pairs (i, i + nRot/2); 0: pairs (2i, 2i+1)
    PONDER_F32 freqBase;
    PONDER_F32 freqScale;
    PONDER_F32 extFactor;
    PONDER_F32 attnFactor;
    PONDER_F32 corrLow;      // YaRN correction dims (floor/ceil already applied)
    PONDER_F32 corrHigh;
    PONDER_F32 thetaScale;   // freqBase^(-2/nRot), computed once on the host like ggml
    PONDER_U32 hasFreqFactors;
    PONDER_U32 offset;       // element offset of token 0, head 0 (DeepSeek's rotated head tails)
    PONDER_U32 hasSegments;  // 1: packed texts, position = row - segStart[row] with row = pos0 + token
} PONDER_PC;
#endif

#if defined(__cplusplus) || PONDER_SELECT_PUSH == PONDER_PUSH_ELTWISE
// eltwise.comp / glu.comp / copy: out[i] = op(a[i], b[i % nb]).
PONDER_PUSH(EltwisePush) {
    PONDER_U32 n;            // elements
    PONDER_U32 nb;           // elements of b before it repeats (broadcast of a bias row)
    PONDER_U32 op;           // see the EltwiseOp values below
    PONDER_F32 scale;        // scale op: factor; glu_oai: alpha
    PONDER_F32 limit;        // glu_oai: clamp limit
    PONDER_U32 aOffset;      // element offsets inside the bound ranges
    PONDER_U32 bOffset;
    PONDER_U32 outOffset;
    PONDER_U32 inner;        // sum_slots: elements per slot (out[t][i] = sum_s a[t][s][i], nb slots);
                             // copy_rows: elements per row
    PONDER_U32 aStride;      // copy_rows: elements between rows of a
    PONDER_U32 outStride;    // copy_rows: elements between rows of out
} PONDER_PC;
#endif

#define PONDER_OP_ADD 0
#define PONDER_OP_MUL 1
#define PONDER_OP_SCALE 2
#define PONDER_OP_COPY 3
#define PONDER_OP_SWIGLU 4
#define PONDER_OP_SWIGLU_OAI 5
#define PONDER_OP_ADD_SCALED 6   // out = a + scale * b (residual branches)
#define PONDER_OP_SUM_SLOTS 7    // out[t][i] = sum over nb slots of a[t][s][i] (MoE combine)
#define PONDER_OP_SUM_SLOTS_WEIGHTED 9  // out[t][i] = sum_s b[t][s] * a[t][s][i] (biased experts)
#define PONDER_OP_COPY_ROWS 8    // out[r * outStride + i] = a[r * aStride + i], i < inner (strided copy)

#if defined(__cplusplus) || PONDER_SELECT_PUSH == PONDER_PUSH_ROUTE
// moe_route.comp: llama.cpp build_moe_ffn routing (engine-spec.md 2.0.6), one token per
// workgroup.
PONDER_PUSH(RoutePush) {
    PONDER_U32 nExpert;
    PONDER_U32 nUsed;
    PONDER_U32 nTokens;
    PONDER_U32 gating;       // ExpertGating values: 1 softmax, 2 sigmoid, 3 softmax-weight, 4 sqrt-softplus
    PONDER_U32 hasBias;      // selection bias (exp_probs_b) bound
    PONDER_U32 nGroups;      // group-limited routing when > 1
    PONDER_U32 nGroupUsed;
    PONDER_U32 normWeights;
    PONDER_F32 weightScale;  // applied when not 0 and not 1
    PONDER_U32 logitStride;  // elements between tokens' logits
} PONDER_PC;
#endif

#if defined(__cplusplus) || PONDER_SELECT_PUSH == PONDER_PUSH_ATTN
// flash_attn.comp: causal GQA attention over a KV cache with online softmax.
PONDER_PUSH(AttnPush) {
    PONDER_U32 nTokens;      // query tokens; token t sits at position startPos + t
    PONDER_U32 startPos;
    PONDER_U32 nHead;
    PONDER_U32 nHeadKv;
    PONDER_U32 qStride;      // elements between query tokens
    PONDER_U32 kStride;      // elements between K cache rows (positions)
    PONDER_U32 vStride;      // elements between V cache rows
    PONDER_U32 oStride;      // elements between output tokens
    PONDER_U32 kHeadStride;  // elements between KV heads inside a K row
    PONDER_U32 vHeadStride;
    PONDER_F32 kqScale;
    PONDER_U32 window;       // 0 = full causal; else keys with pq - pk >= window are masked
    PONDER_U32 hasSinks;
    PONDER_U32 splitKeys;    // keys per split (grid z); a multiple of the key block
    PONDER_U32 nSplit;       // 1: write the output; > 1: write partials for attn_reduce
    PONDER_U32 hasSegments;  // 1: packed texts, key j visible to row i only if j >= segStart[i]
} PONDER_PC;
#endif

#if defined(__cplusplus) || PONDER_SELECT_PUSH == PONDER_PUSH_ATTN_REDUCE
// attn_reduce.comp: combines split-KV partial results (and the sinks).
PONDER_PUSH(AttnReducePush) {
    PONDER_U32 nRows;        // nTokens * nHead
    PONDER_U32 nHead;
    PONDER_U32 headDimV;
    PONDER_U32 nSplit;
    PONDER_U32 oStride;      // elements between output tokens
    PONDER_U32 hasSinks;
} PONDER_PC;
#endif

#ifdef __cplusplus
}  // namespace ponder::vk
#endif
#endif
