// Reading and validating hyper-parameters: the keys every architecture shares
// (engine-spec.md 1.5-1.6) and helpers the per-architecture loaders use for their own keys.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ponder/gguf.h"
#include "ponder/model.h"
#include "ponder/result.h"

namespace ponder::model {

/// Reads `{arch}.<suffix>` keys with defaults and strict range checks.
class KeyReader {
public:
    KeyReader(const gguf::File& file, std::string arch) : m_file(file), m_arch(std::move(arch)) {}

    std::string key(const char* suffix) const { return m_arch + "." + suffix; }
    bool has(const char* suffix) const { return m_file.find(key(suffix)) != nullptr; }

    Result<uint32_t> u32(const char* suffix) const;                 // required
    Result<uint32_t> u32(const char* suffix, uint32_t fallback) const;
    Result<float> f32(const char* suffix) const;                    // required
    Result<float> f32(const char* suffix, float fallback) const;
    Result<bool> boolean(const char* suffix, bool fallback) const;
    Result<std::string> string(const char* suffix, const std::string& fallback) const;
    /// A scalar (same value for every layer) or an array with exactly nLayer entries.
    Result<std::vector<uint32_t>> perLayer(const char* suffix, uint32_t nLayer, std::vector<uint32_t> fallback) const;

    const gguf::File& file() const { return m_file; }

private:
    const gguf::File& m_file;
    std::string m_arch;
};

/// Fills the keys common to all architectures (block count, embedding width, heads, head
/// sizes, RoPE and its scaling, expert counts, norm eps) and checks them.
Result<void> readCommonHParams(const KeyReader& keys, HyperParams& hp);

/// Derives YaRN's attention factor as llama.cpp's context does (engine-spec.md 2.0.3).
void resolveRopeScaling(HyperParams& hp);

/// Checks shared by every architecture after its own keys are read (head divisibility,
/// expert counts, RoPE width...). Never divides before checking.
Result<void> validateHParams(const HyperParams& hp);

/// An InvalidFormat error prefixed with the architecture name.
Error hparamError(const HyperParams& hp, const std::string& message);

}  // namespace ponder::model
