// GGUF writer for tests and tools. Output follows what llama.cpp's own writer produces and
// its reader requires: version 3, little-endian, tensors back to back in insertion order,
// each padded with zeros to the alignment (the last one too), data section aligned.
#include <cstring>
#include <fstream>
#include <limits>
#include <system_error>

#include "gguf/gguf_parse.h"
#include "gguf/mapped_file.h"

namespace ponder::gguf {

struct Writer::Impl {
    struct PendingTensor {
        std::string name;
        TensorType type;
        std::vector<uint64_t> ne;
        std::vector<uint8_t> bytes;
    };

    uint32_t alignment = detail::kDefaultAlignment;
    std::vector<std::pair<std::string, Value>> metadata;
    std::vector<PendingTensor> tensors;

    // Setting a key twice replaces the value: GGUF keys are unique.
    void put(std::string key, ValueType type, decltype(Value::data) data) {
        for (auto& [k, v] : metadata) {
            if (k == key) {
                v.type = type;
                v.data = std::move(data);
                return;
            }
        }
        metadata.emplace_back(std::move(key), Value{type, std::move(data)});
    }

    template <typename T, typename Stored>
    void putArray(std::string key, ValueType elementType, const std::vector<T>& values) {
        ArrayValue array;
        array.elementType = elementType;
        array.items.reserve(values.size());
        for (const T& v : values)
            array.items.emplace_back(std::in_place_type<Stored>, static_cast<Stored>(v));
        put(std::move(key), ValueType::Array, std::move(array));
    }
};

namespace {

// Padding for `size` bytes; alignment 0 or 1 means none. A non-power-of-two alignment is
// written as asked (tests use it to produce files the reader must reject).
uint64_t paddingFor(uint64_t size, uint32_t alignment) {
    if (alignment <= 1) return 0;
    return (alignment - size % alignment) % alignment;
}

class ByteSink {
public:
    explicit ByteSink(std::vector<uint8_t>& out) : m_out(out) {}

    template <typename T>
    void put(T v) {
        uint8_t raw[sizeof(T)];
        std::memcpy(raw, &v, sizeof(T));
        m_out.insert(m_out.end(), raw, raw + sizeof(T));
    }
    void putString(std::string_view s) {
        put<uint64_t>(s.size());
        m_out.insert(m_out.end(), s.begin(), s.end());
    }
    void putBytes(const std::vector<uint8_t>& b) { m_out.insert(m_out.end(), b.begin(), b.end()); }
    void pad(uint32_t alignment) { m_out.resize(m_out.size() + paddingFor(m_out.size(), alignment), 0); }

    // A scalar of `type` from either variant (Value::data or an array item).
    template <typename Variant>
    void putScalar(ValueType type, const Variant& v) {
        switch (type) {
            case ValueType::U8:
                put(static_cast<uint8_t>(std::get<uint64_t>(v)));
                break;
            case ValueType::I8:
                put(static_cast<int8_t>(std::get<int64_t>(v)));
                break;
            case ValueType::U16:
                put(static_cast<uint16_t>(std::get<uint64_t>(v)));
                break;
            case ValueType::I16:
                put(static_cast<int16_t>(std::get<int64_t>(v)));
                break;
            case ValueType::U32:
                put(static_cast<uint32_t>(std::get<uint64_t>(v)));
                break;
            case ValueType::I32:
                put(static_cast<int32_t>(std::get<int64_t>(v)));
                break;
            case ValueType::U64:
                put(std::get<uint64_t>(v));
                break;
            case ValueType::I64:
                put(std::get<int64_t>(v));
                break;
            case ValueType::F32:
                put(static_cast<float>(std::get<double>(v)));
                break;
            case ValueType::F64:
                put(std::get<double>(v));
                break;
            case ValueType::Bool:
                put(static_cast<uint8_t>(std::get<bool>(v) ? 1 : 0));
                break;
            case ValueType::String:
                putString(std::get<std::string>(v));
                break;
            case ValueType::Array:
                break;  // arrays never nest (the setters cannot build one)
        }
    }

private:
    std::vector<uint8_t>& m_out;
};

}  // namespace

Writer::Writer(uint32_t alignment) : m_impl(std::make_unique<Impl>()) {
    m_impl->alignment = alignment;
    // The key is only needed when it differs from the default, as llama.cpp writes it.
    if (alignment != detail::kDefaultAlignment) setU32("general.alignment", alignment);
}

Writer::~Writer() = default;

void Writer::setU8(std::string key, uint8_t v) {
    m_impl->put(std::move(key), ValueType::U8, uint64_t{v});
}
void Writer::setI8(std::string key, int8_t v) {
    m_impl->put(std::move(key), ValueType::I8, int64_t{v});
}
void Writer::setU16(std::string key, uint16_t v) {
    m_impl->put(std::move(key), ValueType::U16, uint64_t{v});
}
void Writer::setI16(std::string key, int16_t v) {
    m_impl->put(std::move(key), ValueType::I16, int64_t{v});
}
void Writer::setU32(std::string key, uint32_t v) {
    m_impl->put(std::move(key), ValueType::U32, uint64_t{v});
}
void Writer::setI32(std::string key, int32_t v) {
    m_impl->put(std::move(key), ValueType::I32, int64_t{v});
}
void Writer::setU64(std::string key, uint64_t v) {
    m_impl->put(std::move(key), ValueType::U64, v);
}
void Writer::setI64(std::string key, int64_t v) {
    m_impl->put(std::move(key), ValueType::I64, v);
}
void Writer::setF32(std::string key, float v) {
    m_impl->put(std::move(key), ValueType::F32, double{v});
}
void Writer::setF64(std::string key, double v) {
    m_impl->put(std::move(key), ValueType::F64, v);
}
void Writer::setBool(std::string key, bool v) {
    m_impl->put(std::move(key), ValueType::Bool, v);
}
void Writer::setString(std::string key, std::string v) {
    m_impl->put(std::move(key), ValueType::String, std::move(v));
}

void Writer::setStringArray(std::string key, std::vector<std::string> v) {
    ArrayValue array;
    array.elementType = ValueType::String;
    array.items.reserve(v.size());
    for (auto& s : v)
        array.items.emplace_back(std::in_place_type<std::string>, std::move(s));
    m_impl->put(std::move(key), ValueType::Array, std::move(array));
}
void Writer::setF32Array(std::string key, std::vector<float> v) {
    m_impl->putArray<float, double>(std::move(key), ValueType::F32, v);
}
void Writer::setI32Array(std::string key, std::vector<int32_t> v) {
    m_impl->putArray<int32_t, int64_t>(std::move(key), ValueType::I32, v);
}
void Writer::setU32Array(std::string key, std::vector<uint32_t> v) {
    m_impl->putArray<uint32_t, uint64_t>(std::move(key), ValueType::U32, v);
}
void Writer::setBoolArray(std::string key, std::vector<bool> v) {
    ArrayValue array;
    array.elementType = ValueType::Bool;
    for (bool b : v)
        array.items.emplace_back(std::in_place_type<bool>, b);
    m_impl->put(std::move(key), ValueType::Array, std::move(array));
}

Result<void> Writer::addTensor(std::string name, TensorType type, std::vector<uint64_t> ne,
                               std::vector<uint8_t> bytes) {
    auto bad = [&](const std::string& why) {
        return makeError(ErrorCode::InvalidArgument, "tensor '" + detail::printable(name) + "': " + why);
    };
    if (name.empty() || name.size() >= detail::kMaxTensorName) return bad("name must be 1 to 63 bytes");
    for (const auto& t : m_impl->tensors) {
        if (t.name == name) return bad("a tensor of that name was already added");
    }
    const auto info = tensorTypeInfo(static_cast<uint32_t>(type));
    if (!info) return bad("unknown tensor type id " + std::to_string(static_cast<uint32_t>(type)));
    if (ne.empty() || ne.size() > detail::kMaxDims) return bad("needs 1 to 4 dimensions");
    constexpr uint64_t kMax = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
    for (uint64_t n : ne) {
        if (n == 0 || n > kMax) return bad("every dimension must be in 1..INT64_MAX");
    }
    if (ne[0] % info->blockElements != 0) {
        return bad("ne0 " + std::to_string(ne[0]) + " is not a multiple of the block size " +
                   std::to_string(info->blockElements));
    }
    uint64_t expected = ne[0] / info->blockElements * info->blockBytes;
    for (size_t d = 1; d < ne.size(); ++d) {
        if (ne[d] > kMax / expected) return bad("byte size overflows");
        expected *= ne[d];
    }
    if (bytes.size() != expected) {
        return bad("has " + std::to_string(bytes.size()) + " bytes, its type and shape need " +
                   std::to_string(expected));
    }
    m_impl->tensors.push_back({std::move(name), type, std::move(ne), std::move(bytes)});
    return {};
}

std::vector<uint8_t> Writer::toBytes() const {
    std::vector<uint8_t> out;
    ByteSink sink(out);
    sink.put<uint32_t>(detail::kGgufMagic);
    sink.put<uint32_t>(3);
    sink.put<uint64_t>(m_impl->tensors.size());
    sink.put<uint64_t>(m_impl->metadata.size());
    for (const auto& [key, value] : m_impl->metadata) {
        sink.putString(key);
        sink.put(static_cast<uint32_t>(value.type));
        if (value.type != ValueType::Array) {
            sink.putScalar(value.type, value.data);
            continue;
        }
        const auto& array = std::get<ArrayValue>(value.data);
        sink.put(static_cast<uint32_t>(array.elementType));
        sink.put<uint64_t>(array.items.size());
        for (const auto& item : array.items)
            sink.putScalar(array.elementType, item);
    }
    uint64_t offset = 0;
    for (const auto& t : m_impl->tensors) {
        sink.putString(t.name);
        sink.put(static_cast<uint32_t>(t.ne.size()));
        for (uint64_t n : t.ne)
            sink.put(n);
        sink.put(static_cast<uint32_t>(t.type));
        sink.put(offset);
        offset += t.bytes.size() + paddingFor(t.bytes.size(), m_impl->alignment);
    }
    sink.pad(m_impl->alignment);
    for (const auto& t : m_impl->tensors) {
        sink.putBytes(t.bytes);
        sink.pad(m_impl->alignment);
    }
    return out;
}

Result<void> Writer::writeTo(const std::filesystem::path& path) const {
    const std::vector<uint8_t> bytes = toBytes();
    // Write beside the target and rename, so a full disk never leaves a half-written model
    // under the real name.
    std::filesystem::path partial = path;
    partial += ".part";
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        if (!out) return makeError(ErrorCode::IoError, "cannot create '" + displayPath(partial) + "'");
        out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
        out.flush();
        if (!out) {
            out.close();
            std::error_code ignored;
            std::filesystem::remove(partial, ignored);
            return makeError(ErrorCode::IoError, "cannot write " + std::to_string(bytes.size()) +
                                                     " bytes to '" + displayPath(partial) + "'");
        }
    }
    std::error_code ec;
    std::filesystem::rename(partial, path, ec);
    if (ec) {
        std::filesystem::remove(partial, ec);
        return makeError(ErrorCode::IoError,
                         "cannot rename '" + displayPath(partial) + "' to '" + displayPath(path) + "'");
    }
    return {};
}

}  // namespace ponder::gguf
