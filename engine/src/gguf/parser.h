/// @brief Internal: the cursor-based GGUF parser shared by reader.cpp and metadata_reader.cpp.
#pragma once

#include <bit>
#include <cstring>
#include <string>
#include <unordered_set>

#include "gguf/gguf_parse.h"

namespace ponder::gguf::detail {

static_assert(std::endian::native == std::endian::little,
              "GGUF is little-endian; a big-endian host needs byte swapping in read()");

/// Walks one GGUF image front to back. Every read is bounds-checked; reads return false
/// instead of building an error so the hot path (150k vocabulary strings) allocates nothing
/// beyond the values themselves, and the caller builds a message only when something fails.
class Parser {
public:
    Parser(std::span<const uint8_t> bytes, const std::string& label)
        : m_data(bytes.data()), m_size(bytes.size()), m_label(label) {}

    Result<ParsedShard> run(uint32_t shardIndex);

private:
    // reader.cpp
    Result<void> parseHeader(uint64_t& tensorCount, uint64_t& kvCount);
    Result<void> checkAlignment();
    Result<void> parseTensorInfos(uint64_t count, uint32_t shardIndex);
    Result<void> parseTensorInfo(uint64_t index, TensorInfo& info,
                                 std::unordered_set<std::string_view>& names);
    Result<void> placeTensors();

    // metadata_reader.cpp
    Result<void> parseMetadata(uint64_t count);
    Result<void> parseScalar(ValueType type, Value& out, std::string_view key);
    Result<void> parseArray(ArrayValue& out, std::string_view key);
    Result<void> parseStringItems(ArrayValue& out, uint64_t count, std::string_view key);
    template <typename Raw, typename Stored>
    void parseNumberItems(ArrayValue& out, uint64_t count);

    size_t remaining() const { return m_size - m_pos; }

    template <typename T>
    bool read(T& out) {
        if (sizeof(T) > remaining()) return false;
        std::memcpy(&out, m_data + m_pos, sizeof(T));
        m_pos += sizeof(T);
        return true;
    }

    /// An error prefixed with where it happened ("<file>: ...").
    Error fail(ErrorCode code, const std::string& what) const;
    /// The file ended inside a field: `need` bytes for `what` at the current offset.
    Error truncated(size_t need, const std::string& what) const;

    const uint8_t* m_data;
    size_t m_size;
    size_t m_pos = 0;
    const std::string& m_label;
    uint64_t m_elementBudget = kMaxMetadataElements;
    ParsedShard m_out;
};

}  // namespace ponder::gguf::detail
