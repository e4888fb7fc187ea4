// Parsing of the metadata key/value section (engine-spec.md 1.1 and 1.2). This is the hot
// part of opening a model: a vocabulary is 100k-260k strings plus as many merges, so the
// element loops below do one bounds check and one emplace per item and build error text
// only when something is wrong.
#include <algorithm>

#include "gguf/parser.h"

namespace ponder::gguf::detail {
namespace {

std::string num(uint64_t v) {
    return std::to_string(v);
}

constexpr uint32_t kMaxValueType = static_cast<uint32_t>(ValueType::F64);
constexpr uint64_t kMaxKvReserve = 1024;

/// Encoded size of a scalar type; strings count their 8-byte length prefix (the minimum).
size_t minEncodedSize(ValueType type) {
    switch (type) {
        case ValueType::U8:
        case ValueType::I8:
        case ValueType::Bool:
            return 1;
        case ValueType::U16:
        case ValueType::I16:
            return 2;
        case ValueType::U32:
        case ValueType::I32:
        case ValueType::F32:
            return 4;
        case ValueType::U64:
        case ValueType::I64:
        case ValueType::F64:
        case ValueType::String:
            return 8;
        case ValueType::Array:
            return 12;  // element type + count
    }
    return 1;
}

std::string keyText(std::string_view key) {
    return "key '" + printable(key) + "'";
}

}  // namespace

Result<void> Parser::parseMetadata(uint64_t count) {
    const size_t reserve = static_cast<size_t>(std::min(count, kMaxKvReserve));
    m_out.metadata.reserve(reserve);
    m_out.keyIndex.reserve(reserve);
    for (uint64_t i = 0; i < count; ++i) {
        const size_t start = m_pos;
        auto where = [&] { return "metadata entry #" + num(i) + " (at offset " + num(start) + ")"; };
        uint64_t keyLength = 0;
        if (!read(keyLength)) return truncated(8, "the key length of " + where());
        if (keyLength == 0) return fail(ErrorCode::InvalidFormat, where() + " has an empty key");
        if (keyLength > kMaxKeyLength) {
            return fail(ErrorCode::InvalidFormat, where() + ": key length " + num(keyLength) +
                                                      " exceeds the GGUF limit of 65535 bytes");
        }
        if (keyLength > remaining()) return truncated(keyLength, "the key of " + where());
        const std::string_view key(reinterpret_cast<const char*>(m_data + m_pos), keyLength);
        m_pos += keyLength;
        // The view points into the image, so it stays valid as the metadata vector grows.
        if (!m_out.keyIndex.emplace(key, m_out.metadata.size()).second) {
            return fail(ErrorCode::InvalidFormat, "duplicate metadata " + keyText(key) + " in " + where());
        }

        uint32_t rawType = 0;
        if (!read(rawType)) return truncated(4, "the value type of " + keyText(key));
        if (rawType > kMaxValueType) {
            return fail(ErrorCode::InvalidFormat, keyText(key) + ": unknown value type " + num(rawType) +
                                                      " at offset " + num(m_pos - 4));
        }
        Value value;
        value.type = static_cast<ValueType>(rawType);
        if (value.type == ValueType::Array) {
            ArrayValue array;
            PONDER_TRY(parseArray(array, key));
            value.data = std::move(array);
        } else {
            PONDER_TRY(parseScalar(value.type, value, key));
        }
        m_out.metadata.emplace_back(std::string(key), std::move(value));
    }
    return {};
}

Result<void> Parser::parseScalar(ValueType type, Value& out, std::string_view key) {
    auto short_ = [&](size_t need) {
        return truncated(need, std::string("the ") + valueTypeName(type) + " value of " + keyText(key));
    };
    // Reads a fixed-size value of raw type R and stores it widened to S.
    auto scalar = [&]<typename R, typename S>(R, S) -> Result<void> {
        R v{};
        if (!read(v)) return short_(sizeof(R));
        out.data = static_cast<S>(v);
        return {};
    };
    switch (type) {
        case ValueType::U8:
            return scalar(uint8_t{}, uint64_t{});
        case ValueType::I8:
            return scalar(int8_t{}, int64_t{});
        case ValueType::U16:
            return scalar(uint16_t{}, uint64_t{});
        case ValueType::I16:
            return scalar(int16_t{}, int64_t{});
        case ValueType::U32:
            return scalar(uint32_t{}, uint64_t{});
        case ValueType::I32:
            return scalar(int32_t{}, int64_t{});
        case ValueType::U64:
            return scalar(uint64_t{}, uint64_t{});
        case ValueType::I64:
            return scalar(int64_t{}, int64_t{});
        case ValueType::F32:
            return scalar(float{}, double{});
        case ValueType::F64:
            return scalar(double{}, double{});
        case ValueType::Bool: {
            uint8_t b = 0;
            if (!read(b)) return short_(1);
            if (b > 1) {
                return fail(ErrorCode::InvalidFormat, keyText(key) + ": bool value " + num(b) +
                                                          " at offset " + num(m_pos - 1) +
                                                          " is neither 0 nor 1");
            }
            out.data = b == 1;
            return {};
        }
        case ValueType::String: {
            uint64_t length = 0;
            if (!read(length)) return short_(8);
            if (length > remaining()) {
                return fail(ErrorCode::InvalidFormat,
                            keyText(key) + ": string length " + num(length) + " at offset " + num(m_pos - 8) +
                                " exceeds the " + num(remaining()) + " bytes left (truncated or corrupt)");
            }
            out.data = std::string(reinterpret_cast<const char*>(m_data + m_pos), length);
            m_pos += length;
            return {};
        }
        case ValueType::Array:
            break;  // handled by parseArray
    }
    return fail(ErrorCode::Internal, keyText(key) + ": parseScalar called for an array");
}

Result<void> Parser::parseArray(ArrayValue& out, std::string_view key) {
    const size_t start = m_pos;
    uint32_t rawType = 0;
    if (!read(rawType)) return truncated(4, "the element type of the array in " + keyText(key));
    if (rawType == static_cast<uint32_t>(ValueType::Array)) {
        return fail(ErrorCode::InvalidFormat, keyText(key) + ": nested array (array of arrays) at offset " +
                                                  num(start) + " is not supported (ggml rejects it too)");
    }
    if (rawType > kMaxValueType) {
        return fail(ErrorCode::InvalidFormat, keyText(key) + ": unknown array element type " + num(rawType) +
                                                  " at offset " + num(start));
    }
    out.elementType = static_cast<ValueType>(rawType);
    uint64_t count = 0;
    if (!read(count)) return truncated(8, "the element count of the array in " + keyText(key));
    const size_t elementSize = minEncodedSize(out.elementType);
    if (count > remaining() / elementSize) {
        return fail(ErrorCode::InvalidFormat, keyText(key) + ": array count " + num(count) + " at offset " +
                                                  num(start + 4) + " needs at least " + num(elementSize) +
                                                  " bytes per element but only " + num(remaining()) +
                                                  " bytes are left (truncated or corrupt)");
    }
    if (count > m_elementBudget) {
        return fail(ErrorCode::InvalidFormat,
                    keyText(key) + ": array of " + num(count) + " elements exceeds the limit of " +
                        num(kMaxMetadataElements) + " metadata array elements per file");
    }
    m_elementBudget -= count;
    // Safe: count is bounded by the bytes left and by the element budget above.
    out.items.reserve(static_cast<size_t>(count));

    switch (out.elementType) {
        case ValueType::U8:
            parseNumberItems<uint8_t, uint64_t>(out, count);
            return {};
        case ValueType::I8:
            parseNumberItems<int8_t, int64_t>(out, count);
            return {};
        case ValueType::U16:
            parseNumberItems<uint16_t, uint64_t>(out, count);
            return {};
        case ValueType::I16:
            parseNumberItems<int16_t, int64_t>(out, count);
            return {};
        case ValueType::U32:
            parseNumberItems<uint32_t, uint64_t>(out, count);
            return {};
        case ValueType::I32:
            parseNumberItems<int32_t, int64_t>(out, count);
            return {};
        case ValueType::U64:
            parseNumberItems<uint64_t, uint64_t>(out, count);
            return {};
        case ValueType::I64:
            parseNumberItems<int64_t, int64_t>(out, count);
            return {};
        case ValueType::F32:
            parseNumberItems<float, double>(out, count);
            return {};
        case ValueType::F64:
            parseNumberItems<double, double>(out, count);
            return {};
        case ValueType::Bool:
            for (uint64_t i = 0; i < count; ++i) {
                const uint8_t b = m_data[m_pos];  // in bounds: count <= remaining checked above
                if (b > 1) {
                    return fail(ErrorCode::InvalidFormat, keyText(key) + ": bool element #" + num(i) +
                                                              " value " + num(b) + " at offset " +
                                                              num(m_pos) + " is neither 0 nor 1");
                }
                out.items.emplace_back(std::in_place_type<bool>, b == 1);
                ++m_pos;
            }
            return {};
        case ValueType::String:
            return parseStringItems(out, count, key);
        case ValueType::Array:
            break;  // rejected above
    }
    return fail(ErrorCode::Internal, keyText(key) + ": unhandled array element type");
}

template <typename Raw, typename Stored>
void Parser::parseNumberItems(ArrayValue& out, uint64_t count) {
    // The caller checked count * sizeof(Raw) <= remaining(), so no per-item bounds check.
    const uint8_t* p = m_data + m_pos;
    for (uint64_t i = 0; i < count; ++i) {
        Raw v{};
        std::memcpy(&v, p + i * sizeof(Raw), sizeof(Raw));
        out.items.emplace_back(std::in_place_type<Stored>, static_cast<Stored>(v));
    }
    m_pos += static_cast<size_t>(count) * sizeof(Raw);
}

Result<void> Parser::parseStringItems(ArrayValue& out, uint64_t count, std::string_view key) {
    for (uint64_t i = 0; i < count; ++i) {
        uint64_t length = 0;
        if (!read(length)) {
            return truncated(8, "the length of string #" + num(i) + " of the array in " + keyText(key));
        }
        if (length > remaining()) {
            return fail(ErrorCode::InvalidFormat, keyText(key) + ": length " + num(length) + " of string #" +
                                                      num(i) + " at offset " + num(m_pos - 8) +
                                                      " exceeds the " + num(remaining()) +
                                                      " bytes left (truncated or corrupt)");
        }
        out.items.emplace_back(std::in_place_type<std::string>, reinterpret_cast<const char*>(m_data + m_pos),
                               static_cast<size_t>(length));
        m_pos += static_cast<size_t>(length);
    }
    return {};
}

}  // namespace ponder::gguf::detail
