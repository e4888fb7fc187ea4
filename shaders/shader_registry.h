/// @brief Lookup of the SPIR-V variants compiled from shaders/ and embedded at build time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace ponder::shaders {

/// One compiled variant: its name in variants.cmake and its SPIR-V words.
struct ShaderBlob {
    const char* name;
    const uint32_t* words;
    std::size_t wordCount;
};

/// The SPIR-V of variant `name`, or an empty span when there is none.
std::span<const uint32_t> find(std::string_view name);
/// Every embedded variant (tests iterate this so no variant ships untested).
std::span<const ShaderBlob> all();

}  // namespace ponder::shaders
