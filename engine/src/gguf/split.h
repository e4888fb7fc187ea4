/// @brief Internal: names of split-model shards ("<prefix>-00001-of-00003.gguf").
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace ponder::gguf::detail {

/// The parts of a shard file name, as llama.cpp's gguf-split writes them.
struct SplitName {
    std::filesystem::path directory;
    std::string prefix;  // file name before "-00001-of-00003.gguf"
    uint32_t index = 0;  // 1-based, as in the name
    uint32_t count = 0;
};

/// Parses a shard name; nullopt when the name does not follow the pattern.
std::optional<SplitName> parseSplitName(const std::filesystem::path& path);

/// The path of shard `index` (1-based) of the same split model.
std::filesystem::path splitShardPath(const SplitName& name, uint32_t index);

}  // namespace ponder::gguf::detail
