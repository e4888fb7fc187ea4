// matmul.comp: matrix-matrix product for prompt processing, Y[N][M] = X[N][K] * W[M][K]^T
// (ggml: Y[M,N] = W[K,M] X[K,N]).
// Purpose: each workgroup computes a BM x BN output tile. Per K step it dequantizes a
//          BM x BK tile of W and loads a BN x BK tile of X into shared memory (both padded by
//          one float per row so the inner loop reads distinct banks), then every thread
//          accumulates a TM x TN register tile, rows and columns strided by the thread grid.
//          Weights are read once per BN columns instead of once per column.
// Variants: WTYPE_<format> (common/blocks.glsl);
//          MATMUL_ID: expert-grouped (MoE prompts): W is [n_expert][M][K]; workgroup z is an
//          expert (expertBegin + z, its matrix at wOffset + z * expertBytes) and its columns
//          are the (token, slot) pairs moe_group listed for that expert, so each expert's
//          weight tile is dequantized once per BN of its tokens (matvec.comp's MATVEC_ID
//          reads it once per token). A workgroup whose column tile starts at or past the
//          expert's count returns at once.
// Bindings: 0 = weights (row r of the dispatch at wOffset + r * rowBytes), 1 = X f32,
//           2 = Y f32; MATMUL_ID: 3 = groups uint32 (counts [listOffset], lists
//           [..][listStride] of pair = token * nUsed + slot), 4 = routing weights f32
//           [nTokens][nUsed] (read when useWeights).
// Shapes:  dense: X [N][xStride], Y [N][yStride] (row r at yOffset + r); grid x =
//          ceil(M / BM), y = ceil(N / BN). MATMUL_ID: X row of a pair at token * xStride +
//          slot * xSlotStride, Y row at pair * yStride + yOffset; grid x = ceil(M / BM),
//          y = ceil(nTokens / BN), z = experts of the bound weight range. M, N need not be
//          multiples of the tile; K must be a multiple of 4 (and of the block size).
// Spec constants: 0 = workgroup size (= (BM / TM) * (BN / TN)), 1 = BM, 2 = BN, 3 = BK
//          (multiple of 4), 4 = TM, 5 = TN. Shared memory: (BM + BN) * (BK + 1) * 4 bytes
//          (+ BN * 4 with MATMUL_ID); the host keeps it under maxComputeSharedMemorySize.
#version 450

#define PONDER_SELECT_PUSH PONDER_PUSH_MATMUL
#include "push_constants.h"
#define W_BINDING 0
#include "blocks.glsl"

layout(local_size_x_id = 0) in;
layout(constant_id = 1) const uint BM = 64;
layout(constant_id = 2) const uint BN = 64;
layout(constant_id = 3) const uint BK = 16;
layout(constant_id = 4) const uint TM = 4;
layout(constant_id = 5) const uint TN = 4;

layout(std430, binding = 1) readonly buffer X { float xv[]; };
layout(std430, binding = 2) writeonly buffer Y { float yv[]; };

const uint LDS = BK + 1;  // padded row stride of both tiles
shared float wTile[BM * LDS];
shared float xTile[BN * LDS];
#ifdef MATMUL_ID
layout(std430, binding = 3) readonly buffer Groups { uint groups[]; };
layout(std430, binding = 4) readonly buffer RouteW { float routeW[]; };
shared uint colPair[BN];  // the pair of each column of this tile
#endif

void main() {
    const uint tid = gl_LocalInvocationID.x;
    const uint SM = BM / TM;  // thread grid: SM threads along rows, BN / TN along columns
    const uint tx = tid % SM, ty = tid / SM;
    const uint rowBase = gl_WorkGroupID.x * BM;
    const uint colBase = gl_WorkGroupID.y * BN;
    uint wBase = pc.wOffset;
#ifdef MATMUL_ID
    const uint expert = pc.expertBegin + gl_WorkGroupID.z;
    const uint nCols = groups[expert];
    if (colBase >= nCols) return;  // uniform: the expert has fewer tokens than this tile
    wBase += gl_WorkGroupID.z * pc.expertBytes;
    const uint list = pc.listOffset + expert * pc.listStride + colBase;
    for (uint c = tid; c < BN; c += gl_WorkGroupSize.x) colPair[c] = colBase + c < nCols ? groups[list + c] : 0u;
    barrier();
#else
    const uint nCols = pc.N;
#endif
    // Columns of this tile that exist: threads (same ty) past them skip the FMAs.
    const uint validCols = min(BN, nCols - colBase);

    float acc[TM * TN];
    for (uint i = 0; i < TM * TN; ++i) acc[i] = 0.0;

    for (uint k0 = 0; k0 < pc.K; k0 += BK) {
        // W tile: consecutive threads take consecutive 4-element units of a row.
        for (uint u = tid; u < BM * (BK / 4u); u += gl_WorkGroupSize.x) {
            const uint r = u / (BK / 4u), kk = 4u * (u % (BK / 4u));
            const uint row = rowBase + r, k = k0 + kk;
            const vec4 w = (row < pc.M && k < pc.K) ? dequant4(wBase + row * pc.rowBytes, k) : vec4(0.0);
            wTile[r * LDS + kk] = w.x;
            wTile[r * LDS + kk + 1u] = w.y;
            wTile[r * LDS + kk + 2u] = w.z;
            wTile[r * LDS + kk + 3u] = w.w;
        }
        // X tile: consecutive threads read consecutive elements of one column.
        for (uint i = tid; i < BN * BK; i += gl_WorkGroupSize.x) {
            const uint c = i / BK, kk = i % BK;
            const uint col = colBase + c, k = k0 + kk;
#ifdef MATMUL_ID
            const uint pair = colPair[c];
            const uint xRow = (pair / pc.nUsed) * pc.xStride + (pair % pc.nUsed) * pc.xSlotStride;
#else
            const uint xRow = col * pc.xStride;
#endif
            xTile[c * LDS + kk] = (col < nCols && k < pc.K) ? xv[xRow + k] : 0.0;
        }
        barrier();
        for (uint kk = 0; kk < BK; ++kk) {
            float a[TM];
            for (uint i = 0; i < TM; ++i) a[i] = wTile[(tx + i * SM) * LDS + kk];
            for (uint j = 0; j < TN; ++j) {
                if (ty + j * (BN / TN) >= validCols) break;
                const float b = xTile[(ty + j * (BN / TN)) * LDS + kk];
                for (uint i = 0; i < TM; ++i) acc[j * TM + i] = fma(a[i], b, acc[j * TM + i]);
            }
        }
        barrier();
    }

    for (uint j = 0; j < TN; ++j) {
        const uint c = ty + j * (BN / TN);
        if (c >= validCols) continue;
#ifdef MATMUL_ID
        const uint pair = colPair[c];
        const uint yRow = pair * pc.yStride + pc.yOffset;
        const float scale = pc.useWeights != 0u ? routeW[pair] : 1.0;
#else
        const uint yRow = (colBase + c) * pc.yStride + pc.yOffset;
        const float scale = 1.0;  // exact: the dense product is unchanged
#endif
        for (uint i = 0; i < TM; ++i) {
            const uint row = rowBase + tx + i * SM;
            if (row < pc.M) yv[yRow + row] = acc[j * TM + i] * scale;
        }
    }
}
