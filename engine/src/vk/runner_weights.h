// The weights of a model on the device: which arena slot holds each tensor (reserved in
// the order the forward pass reads them) and the views the recording functions use.
#pragma once

#include <cstdint>
#include <vector>

#include "vk/runner_internal.h"
#include "vk/weight_arena.h"

namespace ponder::vk::detail {

constexpr uint32_t kNone = UINT32_MAX;

// Slot numbers of every tensor a layer uses (UINT32_MAX = absent), in reading order.
struct LayerSlots {
    uint32_t attnNorm = kNone, ffnNorm = kNone, qNorm = kNone, kNorm = kNone;
    uint32_t wq = kNone, wk = kNone, wv = kNone, wo = kNone, bq = kNone, bk = kNone, bv = kNone, bo = kNone;
    uint32_t ffnGate = kNone, ffnUp = kNone, ffnDown = kNone, ffnGateB = kNone, ffnUpB = kNone, ffnDownB = kNone;
    uint32_t router = kNone, routerB = kNone, expProbsB = kNone;
    uint32_t gateExps = kNone, upExps = kNone, downExps = kNone;
    uint32_t gateShexp = kNone, upShexp = kNone, downShexp = kNone;
    uint32_t qANorm = kNone, kvANorm = kNone, wqA = kNone, wqB = kNone, wkvAMqa = kNone, wkvB = kNone;
    uint32_t kB = kNone, vB = kNone;
    uint32_t sinks = kNone, gateExpsB = kNone, upExpsB = kNone, downExpsB = kNone;
    uint64_t upExpsShift = 0;  // merged ffn_gate_up_exps: up is the gate slot, this many bytes in
};
struct ModelSlots {
    uint32_t tokEmbd = kNone, output = kNone, outputNorm = kNone, outputB = kNone, ropeFreqs = kNone;
    std::vector<LayerSlots> layers;
};

uint64_t matrixBytes(const cpu::Matrix& m);
uint64_t expertBytes(const model::ExpertMatrices& e);

/// Reserves every tensor of the model in the arena (before its allocation and upload).
ModelSlots reserveWeights(const model::ModelData& md, WeightArena& a);

/// Fills model's views from the uploaded arena (layers, output head, per-layer active bytes).
void bindWeightViews(const model::ModelData& md, const WeightArena& arena, const ModelSlots& slots, GpuModel& model);

}  // namespace ponder::vk::detail
