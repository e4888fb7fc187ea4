#include "model/arch.h"

namespace ponder::model {

extern const ArchSpec kArchLlama;
extern const ArchSpec kArchQwen2;
extern const ArchSpec kArchQwen3;
extern const ArchSpec kArchQwen3Moe;
extern const ArchSpec kArchOlmoe;
extern const ArchSpec kArchGraniteMoe;
extern const ArchSpec kArchDeepseek2;
extern const ArchSpec kArchGptOss;

const ArchSpec* findArch(std::string_view name) {
    // One line per architecture.
    static const ArchSpec* const kAll[] = {
        &kArchLlama, &kArchQwen2, &kArchQwen3, &kArchQwen3Moe, &kArchOlmoe, &kArchGraniteMoe,
        &kArchDeepseek2, &kArchGptOss,
    };
    for (const ArchSpec* spec : kAll) {
        if (spec->name == name) return spec;
    }
    return nullptr;
}

KvShape standardKvShape(const HyperParams& hp, uint32_t layer) {
    return {size_t(hp.nHeadKv[layer]) * hp.headDimK, size_t(hp.nHeadKv[layer]) * hp.headDimV};
}

}  // namespace ponder::model
