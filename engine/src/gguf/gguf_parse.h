/// @brief Internal: parsing and validating one GGUF image (one file or one shard).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "ponder/gguf.h"

namespace ponder::gguf::detail {

constexpr uint32_t kGgufMagic = 0x46554747;  // "GGUF" read as a little-endian u32
constexpr uint32_t kDefaultAlignment = 32;
constexpr size_t kMaxTensorName = 64;  // GGML_MAX_NAME, including the NUL ggml appends
constexpr size_t kMaxKeyLength = 65535;
constexpr uint32_t kMaxDims = 4;
// Sum of all metadata array lengths in one file. The largest real vocabularies hold about
// 260k tokens plus as many scores/types and under 500k merges (< 2M items), so 8M leaves
// room while capping what a hostile file can make us allocate (each decoded item takes
// about 40 bytes, so a 1-byte-per-element array would otherwise amplify the file 40x).
constexpr uint64_t kMaxMetadataElements = uint64_t{8} << 20;

/// Everything parsed from one GGUF image. Key views point into the image bytes, which the
/// caller keeps alive (mapping or caller's buffer) for as long as this object lives.
struct ParsedShard {
    uint32_t version = 0;
    uint32_t alignment = kDefaultAlignment;
    uint64_t dataOffset = 0;  // file offset of the (aligned) tensor data section
    std::vector<std::pair<std::string, Value>> metadata;
    std::unordered_map<std::string_view, size_t> keyIndex;  // key -> index in metadata
    std::vector<TensorInfo> tensors;                        // shard field set by the caller
};

/// Parses and validates `bytes` completely (header, metadata, tensor infos, data bounds).
/// `label` names the source in error messages (a path, or "<memory>").
Result<ParsedShard> parseShard(std::span<const uint8_t> bytes, const std::string& label, uint32_t shardIndex);

/// A key or tensor name made safe for an error message: non-printable bytes as \xNN and
/// cut to a readable length, so a hostile name cannot flood a log or break a terminal.
std::string printable(std::string_view s);

/// "u32", "string", ... for messages.
const char* valueTypeName(ValueType type);

}  // namespace ponder::gguf::detail
