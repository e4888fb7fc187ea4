/// @brief GGUF reader (validating, over mmap, split files) and writer (for tests and tools).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "ponder/result.h"
#include "ponder/tensor_type.h"

namespace ponder::gguf {

/// GGUF metadata value type ids (engine-spec.md 1.2).
enum class ValueType : uint32_t {
    U8 = 0, I8 = 1, U16 = 2, I16 = 3, U32 = 4, I32 = 5, F32 = 6, Bool = 7, String = 8,
    Array = 9, U64 = 10, I64 = 11, F64 = 12,
};

/// An array value: its element type and the decoded elements. Nested arrays are rejected.
struct ArrayValue {
    ValueType elementType = ValueType::U8;
    std::vector<std::variant<uint64_t, int64_t, double, bool, std::string>> items;
    // Large arrays of strings/numbers (vocabularies) are kept decoded here; count = items.size().
};

/// One metadata value. Integers keep signedness; floats are widened to double.
struct Value {
    ValueType type = ValueType::U8;
    std::variant<uint64_t, int64_t, double, bool, std::string, ArrayValue> data;
};

/// One tensor: name, shape in ggml order (ne[0] contiguous), type, and its bytes in the mmap.
struct TensorInfo {
    std::string name;
    uint32_t nDims = 0;
    uint64_t ne[4] = {1, 1, 1, 1};
    TensorType type = TensorType::F32;
    uint64_t offset = 0;        // relative to its shard's data section
    uint64_t byteSize = 0;
    uint32_t shard = 0;         // which file of a split model
    const uint8_t* data = nullptr;  // points into the mapped file; valid while the File lives
    uint64_t elementCount() const { return ne[0] * ne[1] * ne[2] * ne[3]; }
};

/// An opened, fully validated GGUF model (one file or all shards of a split model).
/// Every count, length, type id, shape and offset is checked before use, so a hostile file
/// yields an Error (InvalidFormat, or Unsupported for valid-looking but unknown features)
/// whose message names the file, the offset and the key or tensor involved. Metadata comes
/// from the first shard; tensors are listed in file order, shard by shard.
class File {
public:
    /// Opens `path`; if its metadata has split.count > 1 (files named "-0000k-of-0000n.gguf"),
    /// opens and checks every shard, whichever one `path` names.
    static Result<std::unique_ptr<File>> open(const std::filesystem::path& path);
    /// Parses an in-memory image (fuzzing, tests). The bytes must outlive the File.
    static Result<std::unique_ptr<File>> parse(std::span<const uint8_t> bytes);

    ~File();
    File(const File&) = delete;
    File& operator=(const File&) = delete;

    uint32_t version() const;
    uint32_t alignment() const;
    /// Number of files (1 unless this is a split model).
    uint32_t shardCount() const;
    /// Total bytes of all shards (for parse(): the size of the image).
    uint64_t fileSize() const;
    const std::vector<std::pair<std::string, Value>>& metadata() const;
    const std::vector<TensorInfo>& tensors() const;

    const Value* find(std::string_view key) const;
    const TensorInfo* findTensor(std::string_view name) const;

    // Typed getters; they fail with a clear message when the key is missing or has a type
    // that cannot represent the request (any integer width is accepted for integers, as
    // long as the value fits).
    Result<uint64_t> getUInt(std::string_view key) const;
    Result<int64_t> getInt(std::string_view key) const;
    Result<double> getFloat(std::string_view key) const;
    Result<bool> getBool(std::string_view key) const;
    Result<std::string> getString(std::string_view key) const;
    Result<std::vector<std::string>> getStringArray(std::string_view key) const;
    Result<std::vector<double>> getFloatArray(std::string_view key) const;
    Result<std::vector<int64_t>> getIntArray(std::string_view key) const;

    struct Impl;

private:
    explicit File(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

/// Builds a GGUF file in memory and writes it (version 3, little-endian, aligned).
class Writer {
public:
    explicit Writer(uint32_t alignment = 32);

    void setU8(std::string key, uint8_t v);
    void setI8(std::string key, int8_t v);
    void setU16(std::string key, uint16_t v);
    void setI16(std::string key, int16_t v);
    void setU32(std::string key, uint32_t v);
    void setI32(std::string key, int32_t v);
    void setU64(std::string key, uint64_t v);
    void setI64(std::string key, int64_t v);
    void setF32(std::string key, float v);
    void setF64(std::string key, double v);
    void setBool(std::string key, bool v);
    void setString(std::string key, std::string v);
    void setStringArray(std::string key, std::vector<std::string> v);
    void setF32Array(std::string key, std::vector<float> v);
    void setI32Array(std::string key, std::vector<int32_t> v);
    void setU32Array(std::string key, std::vector<uint32_t> v);
    void setBoolArray(std::string key, std::vector<bool> v);

    /// Adds a tensor; `bytes` must be exactly the size its type and shape require.
    Result<void> addTensor(std::string name, TensorType type, std::vector<uint64_t> ne,
                           std::vector<uint8_t> bytes);

    std::vector<uint8_t> toBytes() const;
    Result<void> writeTo(const std::filesystem::path& path) const;

    struct Impl;
    ~Writer();

private:
    std::unique_ptr<Impl> m_impl;
};

}  // namespace ponder::gguf
