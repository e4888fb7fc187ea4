/// @brief Internal: the state behind ponder::gguf::File, shared by file.cpp and the getters.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "gguf/gguf_parse.h"
#include "gguf/mapped_file.h"

namespace ponder::gguf {

struct File::Impl {
    std::string label;                              // path of the first shard, or "<memory>", for messages
    std::vector<std::unique_ptr<MappedFile>> maps;  // keep every shard's bytes alive
    uint32_t shardCount = 1;
    uint64_t totalBytes = 0;
    detail::ParsedShard first;        // version, alignment and metadata (tensors moved out)
    std::vector<TensorInfo> tensors;  // all shards, in order; not modified after opening
    std::unordered_map<std::string_view, size_t> tensorIndex;  // views into tensors[i].name
};

namespace detail {

/// The value of `key` in a parsed shard, or nullptr.
const Value* findMetadata(const ParsedShard& shard, std::string_view key);

/// `key` as an unsigned integer (any integer width; negative values fail).
Result<uint64_t> metadataUInt(const ParsedShard& shard, std::string_view key, const std::string& label);

}  // namespace detail
}  // namespace ponder::gguf
