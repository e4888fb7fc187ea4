// The KV cache of a session: per layer, one K row and one V row per position, stored as
// F32 or F16 (rounded on write, like llama.cpp's cache type).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "cpu/attention.h"
#include "ponder/model.h"
#include "ponder/result.h"

namespace ponder::model {

/// Elements per position of one layer's K and V rows.
struct KvShape {
    size_t kElements = 0;
    size_t vElements = 0;
};

class KvCache {
public:
    /// Allocates capacity positions for every layer; OutOfMemory when it cannot.
    Result<void> init(KvCacheType type, uint32_t capacity, const std::vector<KvShape>& layers);

    uint32_t capacity() const { return m_capacity; }
    KvCacheType type() const { return m_type; }

    /// Writes position pos of a layer (k: [kElements], v: [vElements]; v may be null when the
    /// layer keeps no separate V rows).
    void store(uint32_t layer, uint32_t pos, const float* k, const float* v);

    cpu::KvRows keys(uint32_t layer) const;
    cpu::KvRows values(uint32_t layer) const;

private:
    struct Layer {
        KvShape shape;
        std::vector<float> k32, v32;        // [capacity][elements] when F32
        std::vector<uint16_t> k16, v16;     // [capacity][elements] when F16
    };
    KvCacheType m_type = KvCacheType::F16;
    uint32_t m_capacity = 0;
    std::vector<Layer> m_layers;
};

}  // namespace ponder::model
