#include "model/weights.h"

#include <string>

#include "quant/quant.h"

namespace ponder::model {

namespace {

std::string shapeText(const uint64_t* ne, size_t n) {
    std::string s = "[";
    for (size_t i = 0; i < n; ++i) {
        if (i) s += ", ";
        s += std::to_string(ne[i]);
    }
    return s + "]";
}

}  // namespace

std::string layerTensor(uint32_t layer, const char* suffix) {
    return "blk." + std::to_string(layer) + "." + suffix;
}

void WeightBinder::fail(Error error) {
    if (!m_error) m_error = std::move(error);
}

const gguf::TensorInfo* WeightBinder::lookup(const std::string& name, std::initializer_list<uint64_t> shape,
                                             bool required) {
    if (m_error) return nullptr;
    const gguf::TensorInfo* t = m_file.findTensor(name);
    if (!t) {
        if (required) fail(makeError(ErrorCode::InvalidFormat, "missing tensor '" + name + "'"));
        return nullptr;
    }
    // Compare all four dimensions: trailing dimensions a file omits are 1.
    uint64_t want[4] = {1, 1, 1, 1};
    size_t i = 0;
    for (uint64_t d : shape) want[i++] = d;
    bool same = true;
    for (size_t d = 0; d < 4; ++d) same = same && t->ne[d] == want[d];
    if (!same) {
        fail(makeError(ErrorCode::InvalidFormat,
                       "tensor '" + name + "' has shape " + shapeText(t->ne, t->nDims ? t->nDims : 1) +
                           ", expected " + shapeText(want, shape.size())));
        return nullptr;
    }
    const auto info = tensorTypeInfo(t->type);
    if (!info.canCompute) {
        fail(makeError(ErrorCode::Unsupported,
                       "tensor '" + name + "' has type " + std::string(info.name) + ", which Ponder cannot compute"));
        return nullptr;
    }
    if (t->ne[0] % info.blockElements != 0 || t->data == nullptr) {
        fail(makeError(ErrorCode::InvalidFormat, "tensor '" + name + "' rows are not whole blocks of " +
                                                     std::string(info.name)));
        return nullptr;
    }
    if (!m_used.insert(name).second) {
        fail(makeError(ErrorCode::Internal, "tensor '" + name + "' bound twice"));
        return nullptr;
    }
    m_boundElements += t->elementCount();
    return t;
}

cpu::Matrix WeightBinder::matrix(const std::string& name, uint64_t ne0, uint64_t ne1, bool required) {
    const auto* t = lookup(name, {ne0, ne1}, required);
    if (!t) return {};
    cpu::Matrix m;
    m.type = t->type;
    m.cols = ne0;
    m.rows = ne1;
    m.rowBytes = quant::rowBytes(t->type, ne0);
    m.data = t->data;
    return m;
}

ExpertMatrices WeightBinder::experts(const std::string& name, uint64_t ne0, uint64_t ne1, uint64_t nExpert,
                                     bool required, bool routed) {
    const auto* t = lookup(name, {ne0, ne1, nExpert}, required);
    if (!t) return {};
    ExpertMatrices e;
    e.first.type = t->type;
    e.first.cols = ne0;
    e.first.rows = ne1;
    e.first.rowBytes = quant::rowBytes(t->type, ne0);
    e.first.data = t->data;
    e.count = nExpert;
    e.expertBytes = e.first.rowBytes * ne1;
    if (routed) m_routedElements += t->elementCount();
    return e;
}

std::vector<float> WeightBinder::vector(const std::string& name, uint64_t ne0, bool required) {
    const auto* t = lookup(name, {ne0}, required);
    if (!t) return {};
    std::vector<float> v(ne0);
    auto ok = quant::dequantize(t->type, t->data, v.data(), ne0);
    if (!ok) {
        fail(ok.error());
        return {};
    }
    return v;
}

ExpertBiases WeightBinder::expertBiases(const std::string& name, uint64_t rows, uint64_t nExpert, bool required) {
    const auto* t = lookup(name, {rows, nExpert}, required);
    if (!t) return {};
    ExpertBiases b;
    b.rows = rows;
    b.values.resize(rows * nExpert);
    const size_t rowBytes = quant::rowBytes(t->type, rows);
    for (uint64_t e = 0; e < nExpert; ++e) {
        auto ok = quant::dequantize(t->type, t->data + e * rowBytes, b.values.data() + e * rows, rows);
        if (!ok) {
            fail(ok.error());
            return {};
        }
    }
    return b;
}

Result<void> WeightBinder::finish() const {
    if (m_error) return *m_error;
    for (const auto& t : m_file.tensors()) {
        if (!m_used.count(t.name)) {
            return makeError(ErrorCode::InvalidFormat,
                             "unexpected tensor '" + t.name + "' (not used by this architecture and configuration)");
        }
    }
    return {};
}

}  // namespace ponder::model
