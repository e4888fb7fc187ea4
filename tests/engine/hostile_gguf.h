/// @brief Test helper: hand-built GGUF images, valid and hostile, with the error each must give.
// Plain C++ (no Qt) so the fuzz corpus generator can use it too. The images are encoded here
// field by field, independently of ponder::gguf::Writer, so reader tests do not trust the
// writer and each hostile case can break exactly one field.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ponder/result.h"

namespace ponder::testing {

/// Appends little-endian fields to a byte vector.
class GgufBytes {
public:
    GgufBytes& u8(uint8_t v);
    GgufBytes& u16(uint16_t v);
    GgufBytes& u32(uint32_t v);
    GgufBytes& u64(uint64_t v);
    GgufBytes& f32(float v);
    GgufBytes& f64(double v);
    GgufBytes& str(std::string_view s);  // u64 length + bytes
    GgufBytes& raw(const std::vector<uint8_t>& b);
    GgufBytes& padTo(size_t alignment);  // zeros up to the next multiple
    size_t size() const { return bytes.size(); }

    std::vector<uint8_t> bytes;
};

/// One metadata entry: key, value type id and the encoded value (everything after the type).
struct RawKv {
    std::string key;
    uint32_t type = 0;
    std::vector<uint8_t> value;
    std::optional<uint64_t> keyLength;  // written instead of key.size() when set
};

/// One tensor info plus its data. nDims defaults to ne.size(); offset defaults to the
/// back-to-back position ggml expects.
struct RawTensor {
    std::string name;
    std::vector<uint64_t> ne;
    uint32_t type = 0;
    std::vector<uint8_t> data;
    std::optional<uint32_t> nDims;
    std::optional<uint64_t> offset;
};

struct RawGguf {
    uint32_t magic = 0x46554747;  // "GGUF"
    uint32_t version = 3;
    std::optional<uint64_t> tensorCount;  // written instead of tensors.size() when set
    std::optional<uint64_t> kvCount;      // written instead of kvs.size() when set
    std::vector<RawKv> kvs;
    std::vector<RawTensor> tensors;
    uint32_t alignment = 32;  // used for the layout; the general.alignment key is a kv
};

/// Where each section of an encoded image ends (for truncation tests).
struct GgufSections {
    size_t headerEnd = 0;
    std::vector<size_t> kvEnds;
    std::vector<size_t> tensorInfoEnds;
    size_t dataStart = 0;
    std::vector<size_t> tensorDataEnds;
};

std::vector<uint8_t> encodeGguf(const RawGguf& file, GgufSections* sections = nullptr);

// Encoded values for RawKv.
std::vector<uint8_t> encodeU32(uint32_t v);
std::vector<uint8_t> encodeString(std::string_view s);
std::vector<uint8_t> encodeStringArray(const std::vector<std::string>& items);

RawKv kvU32(std::string key, uint32_t v);
RawKv kvF32(std::string key, float v);
RawKv kvString(std::string key, std::string_view v);
RawKv kvStringArray(std::string key, const std::vector<std::string>& items);

/// A small valid model: architecture "llama", a few keys of several types, a 4-token
/// vocabulary, and three tensors (F32 [8,4], Q4_0 [64,2], F16 [16]) whose last one ends
/// exactly at the end of the file, so every shorter prefix of the image is invalid.
RawGguf validRawGguf();

/// Facts about validRawGguf() that tests check against what the reader reports.
struct ValidGgufFacts {
    static constexpr uint64_t kTensorCount = 3;
    static constexpr uint64_t kParameterCount = 8 * 4 + 64 * 2 + 16;
    static constexpr uint64_t kVocabSize = 4;
    static constexpr uint32_t kBlockCount = 2;
};

/// A file the reader must reject, the error code it must give and a fragment of the message.
struct HostileGguf {
    std::string name;
    std::vector<uint8_t> bytes;
    ErrorCode code = ErrorCode::InvalidFormat;
    std::string messagePart;
};

/// More than 25 hostile images: bad headers, hostile counts and lengths, bad metadata values,
/// bad tensor infos, bad layouts, truncation at every section boundary and at fixed
/// pseudo-random points.
std::vector<HostileGguf> hostileGgufCases();

}  // namespace ponder::testing
