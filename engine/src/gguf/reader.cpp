// Parsing of one GGUF image: header, tensor infos and the placement of tensor data.
// Metadata values are in metadata_reader.cpp. The layout rules are in engine-spec.md 1.1.
#include <cinttypes>
#include <cstdio>
#include <limits>
#include <new>
#include <stdexcept>

#include "gguf/parser.h"

namespace ponder::gguf::detail {
namespace {

constexpr uint64_t kInt64Max = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
// Smallest possible encodings, used to bound untrusted counts by the bytes actually left
// before anything is allocated: key length + 1 key byte + value type + 1 value byte, and
// name length + 1 name byte + n_dims + one dimension + type + offset.
constexpr size_t kMinKvBytes = 8 + 1 + 4 + 1;
constexpr size_t kMinTensorInfoBytes = 8 + 1 + 4 + 8 + 4 + 8;
// Reservations are capped: counts are only bounded by the file size, and a 20 GB model
// could claim millions of entries; vectors grow past the cap as real entries are parsed.
constexpr uint64_t kMaxTensorReserve = 1 << 14;

std::string num(uint64_t v) {
    return std::to_string(v);
}

std::string hex32(uint32_t v) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%08" PRIx32, v);
    return buf;
}

uint32_t byteSwap32(uint32_t v) {
    return (v >> 24) | ((v >> 8) & 0xFF00u) | ((v << 8) & 0xFF0000u) | (v << 24);
}

bool isRetiredTensorType(uint32_t raw) {
    return raw == 4 || raw == 5 || (raw >= 31 && raw <= 33) || (raw >= 36 && raw <= 38);
}

std::string shapeString(const TensorInfo& t) {
    std::string s = "[";
    for (uint32_t d = 0; d < t.nDims; ++d)
        s += (d ? ", " : "") + num(t.ne[d]);
    return s + "]";
}

}  // namespace

std::string printable(std::string_view s) {
    constexpr size_t kMaxShown = 80;
    std::string out;
    for (size_t i = 0; i < s.size() && i < kMaxShown; ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c < 0x7F && c != '\\') {
            out += static_cast<char>(c);
        } else {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        }
    }
    if (s.size() > kMaxShown) out += "... (" + num(s.size()) + " bytes)";
    return out;
}

const char* valueTypeName(ValueType type) {
    switch (type) {
        case ValueType::U8:
            return "u8";
        case ValueType::I8:
            return "i8";
        case ValueType::U16:
            return "u16";
        case ValueType::I16:
            return "i16";
        case ValueType::U32:
            return "u32";
        case ValueType::I32:
            return "i32";
        case ValueType::F32:
            return "f32";
        case ValueType::Bool:
            return "bool";
        case ValueType::String:
            return "string";
        case ValueType::Array:
            return "array";
        case ValueType::U64:
            return "u64";
        case ValueType::I64:
            return "i64";
        case ValueType::F64:
            return "f64";
    }
    return "invalid";
}

Error Parser::fail(ErrorCode code, const std::string& what) const {
    return makeError(code, m_label + ": " + what);
}

Error Parser::truncated(size_t need, const std::string& what) const {
    return fail(ErrorCode::InvalidFormat, "truncated at offset " + num(m_pos) + ": " + what + " needs " +
                                              num(need) + " bytes but only " + num(remaining()) +
                                              " are left in the file (" + num(m_size) + " bytes)");
}

Result<ParsedShard> Parser::run(uint32_t shardIndex) {
    uint64_t tensorCount = 0;
    uint64_t kvCount = 0;
    PONDER_TRY(parseHeader(tensorCount, kvCount));
    PONDER_TRY(parseMetadata(kvCount));
    PONDER_TRY(checkAlignment());
    PONDER_TRY(parseTensorInfos(tensorCount, shardIndex));
    PONDER_TRY(placeTensors());
    return std::move(m_out);
}

Result<void> Parser::parseHeader(uint64_t& tensorCount, uint64_t& kvCount) {
    uint32_t magic = 0;
    if (!read(magic)) {
        return fail(ErrorCode::InvalidFormat, "file is only " + num(m_size) +
                                                  " bytes, too short for a GGUF header (empty or truncated)");
    }
    if (magic != kGgufMagic) {
        return fail(ErrorCode::InvalidFormat,
                    "not a GGUF file: bad magic " + hex32(magic) + " at offset 0 (expected \"GGUF\")");
    }
    uint32_t version = 0;
    if (!read(version)) return truncated(4, "the version");
    if (version == 0) return fail(ErrorCode::InvalidFormat, "invalid GGUF version 0 at offset 4");
    if (version == 1) {
        return fail(
            ErrorCode::Unsupported,
            "GGUF version 1 is no longer supported (llama.cpp dropped it in 2023); re-convert the model");
    }
    if (version > 3) {
        const uint32_t swapped = byteSwap32(version);
        if (swapped >= 1 && swapped <= 3) {
            return fail(ErrorCode::Unsupported, "big-endian GGUF (version " + num(swapped) +
                                                    " stored byte-swapped) is not supported");
        }
        return fail(ErrorCode::Unsupported,
                    "GGUF version " + num(version) + " is newer than the supported versions 2 and 3");
    }
    m_out.version = version;

    if (!read(tensorCount)) return truncated(8, "the tensor count");
    if (!read(kvCount)) return truncated(8, "the metadata count");
    // ggml reads both counts as int64; a value with the top bit set is a negative count.
    if (tensorCount > kInt64Max) {
        return fail(ErrorCode::InvalidFormat,
                    "tensor count " + num(tensorCount) + " at offset 8 is negative as int64");
    }
    if (kvCount > kInt64Max) {
        return fail(ErrorCode::InvalidFormat,
                    "metadata count " + num(kvCount) + " at offset 16 is negative as int64");
    }
    if (kvCount > remaining() / kMinKvBytes) {
        return fail(ErrorCode::InvalidFormat, "metadata count " + num(kvCount) +
                                                  " at offset 16 needs at least " + num(kMinKvBytes) +
                                                  " bytes per entry but only " + num(remaining()) +
                                                  " bytes are left (truncated or corrupt)");
    }
    // Checked again, exactly, after the metadata; failing here avoids parsing a whole
    // vocabulary before noticing an absurd count.
    if (tensorCount > remaining() / kMinTensorInfoBytes) {
        return fail(ErrorCode::InvalidFormat, "tensor count " + num(tensorCount) +
                                                  " at offset 8 needs at least " + num(kMinTensorInfoBytes) +
                                                  " bytes per tensor info but only " + num(remaining()) +
                                                  " bytes are left (truncated or corrupt)");
    }
    return {};
}

Result<void> Parser::checkAlignment() {
    auto it = m_out.keyIndex.find("general.alignment");
    if (it == m_out.keyIndex.end()) return {};  // default 32
    const Value& v = m_out.metadata[it->second].second;
    // ggml insists on u32 here; accepting other widths would let two readers disagree on
    // where the data starts.
    if (v.type != ValueType::U32) {
        return fail(ErrorCode::InvalidFormat,
                    std::string("general.alignment has type ") + valueTypeName(v.type) + ", expected u32");
    }
    const uint64_t a = std::get<uint64_t>(v.data);
    if (a == 0 || (a & (a - 1)) != 0) {
        return fail(ErrorCode::InvalidFormat, "general.alignment " + num(a) + " is not a power of two");
    }
    m_out.alignment = static_cast<uint32_t>(a);
    return {};
}

Result<void> Parser::parseTensorInfos(uint64_t count, uint32_t shardIndex) {
    if (count > remaining() / kMinTensorInfoBytes) {
        return fail(ErrorCode::InvalidFormat, "tensor count " + num(count) + " needs at least " +
                                                  num(kMinTensorInfoBytes) +
                                                  " bytes per tensor info but only " + num(remaining()) +
                                                  " bytes are left after the metadata at offset " +
                                                  num(m_pos) + " (truncated or corrupt)");
    }
    const size_t reserve = static_cast<size_t>(std::min(count, kMaxTensorReserve));
    m_out.tensors.reserve(reserve);
    // Views into the image: stable for the whole parse, unlike views into the growing vector.
    std::unordered_set<std::string_view> names;
    names.reserve(reserve);
    for (uint64_t i = 0; i < count; ++i) {
        TensorInfo& info = m_out.tensors.emplace_back();
        info.shard = shardIndex;
        PONDER_TRY(parseTensorInfo(i, info, names));
    }
    return {};
}

Result<void> Parser::parseTensorInfo(uint64_t index, TensorInfo& info,
                                     std::unordered_set<std::string_view>& names) {
    const size_t start = m_pos;
    auto where = [&] { return "tensor #" + num(index) + " (info at offset " + num(start) + ")"; };
    uint64_t nameLength = 0;
    if (!read(nameLength)) return truncated(8, "the name length of " + where());
    if (nameLength == 0) return fail(ErrorCode::InvalidFormat, where() + " has an empty name");
    if (nameLength >= kMaxTensorName) {
        return fail(ErrorCode::InvalidFormat,
                    where() + ": name length " + num(nameLength) + " is not below 64 (GGML_MAX_NAME)");
    }
    if (nameLength > remaining()) return truncated(nameLength, "the name of " + where());
    const std::string_view name(reinterpret_cast<const char*>(m_data + m_pos), nameLength);
    m_pos += nameLength;
    auto who = [&] { return "tensor '" + printable(name) + "' (info at offset " + num(start) + ")"; };
    if (!names.insert(name).second)
        return fail(ErrorCode::InvalidFormat, "duplicate tensor name in " + who());
    info.name.assign(name);

    if (!read(info.nDims)) return truncated(4, "n_dims of " + who());
    if (info.nDims == 0 || info.nDims > kMaxDims) {
        return fail(ErrorCode::InvalidFormat, who() + ": n_dims " + num(info.nDims) + " is outside 1..4");
    }
    for (uint32_t d = 0; d < info.nDims; ++d) {
        if (!read(info.ne[d])) return truncated(8, "dimension " + num(d) + " of " + who());
        if (info.ne[d] > kInt64Max) {
            return fail(ErrorCode::InvalidFormat, who() + ": dimension " + num(d) + " is negative (" +
                                                      std::to_string(static_cast<int64_t>(info.ne[d])) + ")");
        }
        // ggml tolerates empty tensors, but no model has one and a 0 would make every
        // later size/stride computation a special case.
        if (info.ne[d] == 0) {
            return fail(ErrorCode::InvalidFormat,
                        who() + ": dimension " + num(d) + " is 0 (empty tensors are not supported)");
        }
    }

    uint32_t rawType = 0;
    if (!read(rawType)) return truncated(4, "the type of " + who());
    const auto type = tensorTypeInfo(rawType);
    if (!type) {
        if (isRetiredTensorType(rawType)) {
            return fail(ErrorCode::InvalidFormat,
                        who() + ": tensor type id " + num(rawType) + " is retired in ggml");
        }
        return fail(ErrorCode::Unsupported, who() + ": unknown tensor type id " + num(rawType) +
                                                " (a newer ggml type, or a corrupt file)");
    }
    info.type = type->type;
    if (info.ne[0] % type->blockElements != 0) {
        return fail(ErrorCode::InvalidFormat, who() + ": ne0 " + num(info.ne[0]) +
                                                  " is not a multiple of the " + std::string(type->name) +
                                                  " block size " + num(type->blockElements));
    }
    // Both products must fit int64 (ggml's int64 ne/nb); every factor is >= 1, so the
    // division test below is exact.
    uint64_t elements = info.ne[0];
    uint64_t bytes = info.ne[0] / type->blockElements;
    if (bytes > kInt64Max / type->blockBytes) {
        return fail(ErrorCode::InvalidFormat,
                    who() + ": byte size of shape " + shapeString(info) + " overflows");
    }
    bytes *= type->blockBytes;
    for (uint32_t d = 1; d < info.nDims; ++d) {
        if (info.ne[d] > kInt64Max / elements) {
            return fail(ErrorCode::InvalidFormat,
                        who() + ": element count of shape " + shapeString(info) + " overflows");
        }
        elements *= info.ne[d];
        if (info.ne[d] > kInt64Max / bytes) {
            return fail(ErrorCode::InvalidFormat,
                        who() + ": byte size of shape " + shapeString(info) + " overflows");
        }
        bytes *= info.ne[d];
    }
    info.byteSize = bytes;

    if (!read(info.offset)) return truncated(8, "the data offset of " + who());
    return {};
}

// Placement rule: ggml's rule, the strictest common one. Tensor i must start exactly where
// tensor i-1 ended, rounded up to the alignment (offset_0 = 0). This implies the tensors are
// in bounds, aligned and non-overlapping, and it means Ponder accepts exactly the layouts
// llama.cpp accepts, so a file never loads in one and fails in the other.
Result<void> Parser::placeTensors() {
    const uint64_t align = m_out.alignment;
    const uint64_t dataStart = m_pos + (align - m_pos % align) % align;
    m_out.dataOffset = dataStart;
    // Vocabulary-only files end right after the metadata, without the padding.
    if (m_out.tensors.empty()) return {};
    if (dataStart > m_size) {
        return fail(ErrorCode::InvalidFormat, "truncated: the tensor data section starts at offset " +
                                                  num(dataStart) + " (metadata end " + num(m_pos) +
                                                  " padded to " + num(align) + ") but the file is only " +
                                                  num(m_size) + " bytes");
    }
    const uint64_t dataSize = m_size - dataStart;
    uint64_t expected = 0;
    for (TensorInfo& t : m_out.tensors) {
        if (t.offset != expected) {
            return fail(ErrorCode::InvalidFormat,
                        "tensor '" + printable(t.name) + "' has data offset " + num(t.offset) +
                            ", expected " + num(expected) +
                            " (tensors must be stored back to back in info order, each padded to " +
                            num(align) + " bytes, as ggml requires)");
        }
        if (t.offset > dataSize || t.byteSize > dataSize - t.offset) {
            return fail(ErrorCode::InvalidFormat, "tensor '" + printable(t.name) + "' (" + num(t.byteSize) +
                                                      " bytes at file offset " + num(dataStart + t.offset) +
                                                      ") extends past the end of the file (" + num(m_size) +
                                                      " bytes): truncated or corrupt");
        }
        t.data = m_data + dataStart + t.offset;
        // Cannot overflow: offset + byteSize <= dataSize < 2^63 and the padding is < 2^32.
        expected = t.offset + t.byteSize + (align - t.byteSize % align) % align;
    }
    return {};
}

Result<ParsedShard> parseShard(std::span<const uint8_t> bytes, const std::string& label,
                               uint32_t shardIndex) {
    // Every count is bounded by the bytes left before anything is allocated, so bad_alloc
    // should be unreachable; catching it anyway keeps a GUI process alive if a real but
    // enormous vocabulary meets a nearly full address space.
    try {
        Parser parser(bytes, label);
        return parser.run(shardIndex);
    } catch (const std::bad_alloc&) {
        return makeError(ErrorCode::OutOfMemory, label + ": out of memory while reading the metadata");
    } catch (const std::length_error&) {
        return makeError(ErrorCode::OutOfMemory, label + ": out of memory while reading the metadata");
    }
}

}  // namespace ponder::gguf::detail
