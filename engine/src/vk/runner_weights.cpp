// Weight slots and views of the Vulkan runner (runner_weights.h).
#include "vk/runner_weights.h"

namespace ponder::vk::detail {

uint64_t matrixBytes(const cpu::Matrix& m) { return m ? uint64_t(m.rows) * m.rowBytes : 0; }
uint64_t expertBytes(const model::ExpertMatrices& e) { return e ? uint64_t(e.count) * e.expertBytes : 0; }

namespace {

uint32_t addMatrix(WeightArena& a, const cpu::Matrix& m) { return m ? a.reserve(m.data, matrixBytes(m)) : kNone; }
uint32_t addExperts(WeightArena& a, const model::ExpertMatrices& e) {
    return e ? a.reserve(e.first.data, expertBytes(e)) : kNone;
}
uint32_t addVector(WeightArena& a, const std::vector<float>& v) {
    return v.empty() ? kNone : a.reserve(v.data(), v.size() * sizeof(float));
}

}  // namespace

ModelSlots reserveWeights(const model::ModelData& md, WeightArena& a) {
    const model::ModelWeights& w = md.weights;
    ModelSlots s;
    s.tokEmbd = addMatrix(a, w.tokEmbd);
    s.ropeFreqs = addVector(a, w.ropeFreqs);
    for (const model::LayerWeights& L : w.layers) {
        LayerSlots ls;
        ls.attnNorm = addVector(a, L.attnNorm);
        ls.wq = addMatrix(a, L.wq);
        ls.wk = addMatrix(a, L.wk);
        ls.wv = addMatrix(a, L.wv);
        ls.bq = addVector(a, L.bq);
        ls.bk = addVector(a, L.bk);
        ls.bv = addVector(a, L.bv);
        ls.qNorm = addVector(a, L.qNorm);
        ls.kNorm = addVector(a, L.kNorm);
        ls.wo = addMatrix(a, L.wo);
        ls.bo = addVector(a, L.bo);
        ls.ffnNorm = addVector(a, L.ffnNorm);
        ls.ffnGate = addMatrix(a, L.ffnGate);
        ls.ffnUp = addMatrix(a, L.ffnUp);
        ls.ffnDown = addMatrix(a, L.ffnDown);
        ls.ffnGateB = addVector(a, L.ffnGateB);
        ls.ffnUpB = addVector(a, L.ffnUpB);
        ls.ffnDownB = addVector(a, L.ffnDownB);
        ls.router = addMatrix(a, L.router);
        ls.routerB = addVector(a, L.routerB);
        ls.expProbsB = addVector(a, L.expProbsB);
        ls.gateExps = addExperts(a, L.gateExps);
        // A merged gate/up tensor is uploaded once: the up view points into the gate slot.
        const uint64_t gateBytes = L.gateExps ? L.gateExps.first.rows * L.gateExps.first.rowBytes : 0;
        if (L.gateExps && L.upExps && L.gateExps.expertBytes > gateBytes &&
            L.upExps.first.data == L.gateExps.first.data + gateBytes) {
            ls.upExps = ls.gateExps;
            ls.upExpsShift = gateBytes;
        } else {
            ls.upExps = addExperts(a, L.upExps);
        }
        ls.downExps = addExperts(a, L.downExps);
        ls.sinks = addVector(a, L.sinks);
        ls.gateExpsB = addVector(a, L.gateExpsB.values);
        ls.upExpsB = addVector(a, L.upExpsB.values);
        ls.downExpsB = addVector(a, L.downExpsB.values);
        ls.gateShexp = addMatrix(a, L.gateShexp);
        ls.upShexp = addMatrix(a, L.upShexp);
        ls.downShexp = addMatrix(a, L.downShexp);
        ls.qANorm = addVector(a, L.qANorm);
        ls.kvANorm = addVector(a, L.kvANorm);
        ls.wqA = addMatrix(a, L.wqA);
        ls.wqB = addMatrix(a, L.wqB);
        ls.wkvAMqa = addMatrix(a, L.wkvAMqa);
        ls.wkvB = addMatrix(a, L.wkvB);
        ls.kB = addExperts(a, L.kB);
        ls.vB = addExperts(a, L.vB);
        s.layers.push_back(ls);
    }
    s.outputNorm = addVector(a, w.outputNorm);
    s.output = addMatrix(a, w.output);  // the same slot as tokEmbd when tied
    s.outputB = addVector(a, w.outputB);
    return s;
}

void bindWeightViews(const model::ModelData& md, const WeightArena& arena, const ModelSlots& slots, GpuModel& model) {
    const auto span = [&](uint32_t slot) { return slot == kNone ? BufferSpan() : arena.span(slot); };
    const auto view = [&](uint32_t slot, const cpu::Matrix& m, uint32_t experts = 1) {
        WeightView v;
        if (slot == kNone) return v;
        const BufferSpan sp = arena.span(slot);
        v.type = m.type;
        v.buffer = sp.buffer;
        v.offset = sp.offset;
        v.cols = uint32_t(m.cols);
        v.rows = uint32_t(m.rows);
        v.experts = experts;
        return v;
    };
    // Expert stacks keep the file's stride (merged gate/up tensors interleave the two).
    const auto experts = [&](uint32_t slot, const model::ExpertMatrices& e, uint64_t shift = 0) {
        WeightView v = view(slot, e.first, uint32_t(e.count));
        if (!v.buffer) return v;
        v.offset += shift;
        v.expertStride = e.expertBytes;
        return v;
    };
    const model::ModelWeights& w = md.weights;
    const HyperParams& hp = md.hp;
    model.tokEmbd = view(slots.tokEmbd, w.tokEmbd);
    model.output = view(slots.output, w.output);
    model.outputNorm = span(slots.outputNorm);
    model.outputB = span(slots.outputB);
    model.ropeFreqs = span(slots.ropeFreqs);
    model.outputBytes = matrixBytes(w.output);
    model.layers.resize(hp.nLayer);
    for (uint32_t l = 0; l < hp.nLayer; ++l) {
        const model::LayerWeights& L = w.layers[l];
        const LayerSlots& s = slots.layers[l];
        GpuLayer& G = model.layers[l];
        G.attnNorm = span(s.attnNorm);
        G.ffnNorm = span(s.ffnNorm);
        G.qNorm = span(s.qNorm);
        G.kNorm = span(s.kNorm);
        G.wq = view(s.wq, L.wq);
        G.wk = view(s.wk, L.wk);
        G.wv = view(s.wv, L.wv);
        G.wo = view(s.wo, L.wo);
        G.bq = span(s.bq);
        G.bk = span(s.bk);
        G.bv = span(s.bv);
        G.bo = span(s.bo);
        G.ffnGate = view(s.ffnGate, L.ffnGate);
        G.ffnUp = view(s.ffnUp, L.ffnUp);
        G.ffnDown = view(s.ffnDown, L.ffnDown);
        G.ffnGateB = span(s.ffnGateB);
        G.ffnUpB = span(s.ffnUpB);
        G.ffnDownB = span(s.ffnDownB);
        G.router = view(s.router, L.router);
        G.routerB = span(s.routerB);
        G.expProbsB = span(s.expProbsB);
        G.gateExps = experts(s.gateExps, L.gateExps);
        G.upExps = experts(s.upExps, L.upExps, s.upExpsShift);
        G.downExps = experts(s.downExps, L.downExps);
        G.gateShexp = view(s.gateShexp, L.gateShexp);
        G.upShexp = view(s.upShexp, L.upShexp);
        G.downShexp = view(s.downShexp, L.downShexp);
        G.qANorm = span(s.qANorm);
        G.kvANorm = span(s.kvANorm);
        G.wqA = view(s.wqA, L.wqA);
        G.wqB = view(s.wqB, L.wqB);
        G.wkvAMqa = view(s.wkvAMqa, L.wkvAMqa);
        G.wkvB = view(s.wkvB, L.wkvB);
        G.sinks = span(s.sinks);
        // Expert biases: F32 tables of one row per expert, read with get_rows by expert id.
        const auto biases = [&](uint32_t slot, const model::ExpertBiases& e) {
            WeightView v;
            if (slot == kNone) return v;
            const BufferSpan sp = arena.span(slot);
            v.buffer = sp.buffer;
            v.offset = sp.offset;
            v.cols = uint32_t(e.rows);
            v.rows = uint32_t(e.values.size() / e.rows);
            return v;
        };
        G.gateExpsB = biases(s.gateExpsB, L.gateExpsB);
        G.upExpsB = biases(s.upExpsB, L.upExpsB);
        G.downExpsB = biases(s.downExpsB, L.downExpsB);
        G.kB = experts(s.kB, L.kB);
        G.vB = experts(s.vB, L.vB);
        // Per decoded token: everything but the routed experts, plus k of E experts.
        uint64_t active = matrixBytes(L.wq) + matrixBytes(L.wk) + matrixBytes(L.wv) + matrixBytes(L.wo) +
                          matrixBytes(L.ffnGate) + matrixBytes(L.ffnUp) + matrixBytes(L.ffnDown) +
                          matrixBytes(L.router) + matrixBytes(L.gateShexp) + matrixBytes(L.upShexp) +
                          matrixBytes(L.downShexp) + matrixBytes(L.wqA) + matrixBytes(L.wqB) +
                          matrixBytes(L.wkvAMqa) + matrixBytes(L.wkvB) + expertBytes(L.kB) + expertBytes(L.vB);
        if (hp.nExpert) {
            active += (expertBytes(L.gateExps) + expertBytes(L.upExps) + expertBytes(L.downExps)) / hp.nExpert *
                      hp.nExpertUsed;
        }
        G.activeBytes = active;
    }
}

}  // namespace ponder::vk::detail
