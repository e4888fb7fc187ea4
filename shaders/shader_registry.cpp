#include "shader_registry.h"

namespace ponder::shaders {

extern const ShaderBlob k_shaderTable[];
extern const std::size_t k_shaderCount;

std::span<const ShaderBlob> all() { return {k_shaderTable, k_shaderCount}; }

std::span<const uint32_t> find(std::string_view name) {
    for (const ShaderBlob& blob : all()) {
        if (name == blob.name) return {blob.words, blob.wordCount};
    }
    return {};
}

}  // namespace ponder::shaders
