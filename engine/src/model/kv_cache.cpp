#include "model/kv_cache.h"

#include <new>
#include <string>

#include "quant/quant.h"

namespace ponder::model {

Result<void> KvCache::init(KvCacheType type, uint32_t capacity, const std::vector<KvShape>& layers) {
    m_type = type;
    m_capacity = capacity;
    m_layers.clear();
    try {
        m_layers.resize(layers.size());
        for (size_t l = 0; l < layers.size(); ++l) {
            auto& L = m_layers[l];
            L.shape = layers[l];
            const size_t nk = size_t(capacity) * L.shape.kElements, nv = size_t(capacity) * L.shape.vElements;
            if (type == KvCacheType::F32) {
                L.k32.assign(nk, 0.0f);
                L.v32.assign(nv, 0.0f);
            } else {
                L.k16.assign(nk, 0);
                L.v16.assign(nv, 0);
            }
        }
    } catch (const std::bad_alloc&) {
        m_layers.clear();
        return makeError(ErrorCode::OutOfMemory,
                         "cannot allocate a KV cache of " + std::to_string(capacity) + " positions");
    }
    return {};
}

void KvCache::store(uint32_t layer, uint32_t pos, const float* k, const float* v) {
    auto& L = m_layers[layer];
    const size_t kb = size_t(pos) * L.shape.kElements, vb = size_t(pos) * L.shape.vElements;
    if (m_type == KvCacheType::F32) {
        for (size_t i = 0; i < L.shape.kElements; ++i) L.k32[kb + i] = k[i];
        for (size_t i = 0; v && i < L.shape.vElements; ++i) L.v32[vb + i] = v[i];
    } else {
        for (size_t i = 0; i < L.shape.kElements; ++i) L.k16[kb + i] = quant::fp32ToFp16(k[i]);
        for (size_t i = 0; v && i < L.shape.vElements; ++i) L.v16[vb + i] = quant::fp32ToFp16(v[i]);
    }
}

cpu::KvRows KvCache::keys(uint32_t layer) const {
    const auto& L = m_layers[layer];
    return {m_type, m_type == KvCacheType::F32 ? static_cast<const void*>(L.k32.data()) : L.k16.data(),
            L.shape.kElements};
}

cpu::KvRows KvCache::values(uint32_t layer) const {
    const auto& L = m_layers[layer];
    return {m_type, m_type == KvCacheType::F32 ? static_cast<const void*>(L.v32.data()) : L.v16.data(),
            L.shape.vElements};
}

}  // namespace ponder::model
