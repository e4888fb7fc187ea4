// Typed access to metadata. Lenient about integer widths (engine-spec.md 1.2: llama.cpp's
// converter writes u32, other tools write u64 or i32), strict about meaning: a negative
// count, a string where a number belongs or a value that does not fit is an error that
// names the key.
#include <limits>

#include "gguf/file_impl.h"

namespace ponder::gguf {
namespace {

constexpr uint64_t kInt64Max = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());

enum class Conversion { Ok, WrongType, OutOfRange };

// Works on both Value::data and ArrayValue items: they share the scalar alternatives.
template <typename Variant>
Conversion toUInt(const Variant& v, uint64_t& out) {
    if (auto u = std::get_if<uint64_t>(&v)) {
        out = *u;
        return Conversion::Ok;
    }
    if (auto i = std::get_if<int64_t>(&v)) {
        if (*i < 0) return Conversion::OutOfRange;
        out = static_cast<uint64_t>(*i);
        return Conversion::Ok;
    }
    return Conversion::WrongType;
}

template <typename Variant>
Conversion toInt(const Variant& v, int64_t& out) {
    if (auto i = std::get_if<int64_t>(&v)) {
        out = *i;
        return Conversion::Ok;
    }
    if (auto u = std::get_if<uint64_t>(&v)) {
        if (*u > kInt64Max) return Conversion::OutOfRange;
        out = static_cast<int64_t>(*u);
        return Conversion::Ok;
    }
    return Conversion::WrongType;
}

// Integers are accepted where a float is asked for: "rope.freq_base = 10000" written as an
// integer by some tool means the same number.
template <typename Variant>
Conversion toDouble(const Variant& v, double& out) {
    if (auto d = std::get_if<double>(&v)) {
        out = *d;
        return Conversion::Ok;
    }
    if (auto u = std::get_if<uint64_t>(&v)) {
        out = static_cast<double>(*u);
        return Conversion::Ok;
    }
    if (auto i = std::get_if<int64_t>(&v)) {
        out = static_cast<double>(*i);
        return Conversion::Ok;
    }
    return Conversion::WrongType;
}

std::string describe(const Value& v) {
    if (v.type != ValueType::Array) return detail::valueTypeName(v.type);
    const auto& array = std::get<ArrayValue>(v.data);
    return std::string("array of ") + detail::valueTypeName(array.elementType);
}

Error missing(const std::string& label, std::string_view key) {
    return makeError(ErrorCode::InvalidFormat,
                     label + ": metadata key '" + detail::printable(key) + "' is missing");
}

Error conversionError(Conversion c, const std::string& label, std::string_view key, const Value& v,
                      const char* wanted) {
    if (c == Conversion::OutOfRange) {
        return makeError(ErrorCode::InvalidFormat, label + ": metadata key '" + detail::printable(key) +
                                                       "' holds a value that does not fit " + wanted);
    }
    return makeError(ErrorCode::InvalidFormat, label + ": metadata key '" + detail::printable(key) +
                                                   "' has type " + describe(v) + ", expected " + wanted);
}

// The items of an array value, or an error when `key` is missing or not an array.
Result<const ArrayValue*> arrayOf(const File& file, const std::string& label, std::string_view key,
                                  const char* wanted) {
    const Value* v = file.find(key);
    if (!v) return missing(label, key);
    if (v->type != ValueType::Array) return conversionError(Conversion::WrongType, label, key, *v, wanted);
    return &std::get<ArrayValue>(v->data);
}

// Converts every item of an array with `convert`; names the first item that fails.
template <typename T, typename Convert>
Result<std::vector<T>> convertItems(const File& file, const std::string& label, std::string_view key,
                                    const char* wanted, Convert convert) {
    auto array = arrayOf(file, label, key, wanted);
    if (!array) return array.error();
    std::vector<T> out;
    out.reserve((*array)->items.size());
    for (size_t i = 0; i < (*array)->items.size(); ++i) {
        T item{};
        const Conversion c = convert((*array)->items[i], item);
        if (c != Conversion::Ok) {
            const std::string element = std::string(key) + "[" + std::to_string(i) + "]";
            return conversionError(c, label, element, *file.find(key), wanted);
        }
        out.push_back(std::move(item));
    }
    return out;
}

}  // namespace

namespace detail {

const Value* findMetadata(const ParsedShard& shard, std::string_view key) {
    auto it = shard.keyIndex.find(key);
    return it == shard.keyIndex.end() ? nullptr : &shard.metadata[it->second].second;
}

Result<uint64_t> metadataUInt(const ParsedShard& shard, std::string_view key, const std::string& label) {
    const Value* v = findMetadata(shard, key);
    if (!v) return missing(label, key);
    uint64_t out = 0;
    const Conversion c = toUInt(v->data, out);
    if (c != Conversion::Ok) return conversionError(c, label, key, *v, "an unsigned integer");
    return out;
}

}  // namespace detail

Result<uint64_t> File::getUInt(std::string_view key) const {
    return detail::metadataUInt(m_impl->first, key, m_impl->label);
}

Result<int64_t> File::getInt(std::string_view key) const {
    const Value* v = find(key);
    if (!v) return missing(m_impl->label, key);
    int64_t out = 0;
    const Conversion c = toInt(v->data, out);
    if (c != Conversion::Ok) return conversionError(c, m_impl->label, key, *v, "an int64");
    return out;
}

Result<double> File::getFloat(std::string_view key) const {
    const Value* v = find(key);
    if (!v) return missing(m_impl->label, key);
    double out = 0;
    const Conversion c = toDouble(v->data, out);
    if (c != Conversion::Ok) return conversionError(c, m_impl->label, key, *v, "a number");
    return out;
}

Result<bool> File::getBool(std::string_view key) const {
    const Value* v = find(key);
    if (!v) return missing(m_impl->label, key);
    if (auto b = std::get_if<bool>(&v->data)) return *b;
    return conversionError(Conversion::WrongType, m_impl->label, key, *v, "bool");
}

Result<std::string> File::getString(std::string_view key) const {
    const Value* v = find(key);
    if (!v) return missing(m_impl->label, key);
    if (auto s = std::get_if<std::string>(&v->data)) return *s;
    return conversionError(Conversion::WrongType, m_impl->label, key, *v, "string");
}

Result<std::vector<std::string>> File::getStringArray(std::string_view key) const {
    return convertItems<std::string>(*this, m_impl->label, key, "an array of strings",
                                     [](const auto& item, std::string& out) {
                                         auto s = std::get_if<std::string>(&item);
                                         if (!s) return Conversion::WrongType;
                                         out = *s;
                                         return Conversion::Ok;
                                     });
}

Result<std::vector<double>> File::getFloatArray(std::string_view key) const {
    return convertItems<double>(*this, m_impl->label, key, "an array of numbers",
                                [](const auto& item, double& out) { return toDouble(item, out); });
}

Result<std::vector<int64_t>> File::getIntArray(std::string_view key) const {
    return convertItems<int64_t>(*this, m_impl->label, key, "an array of integers",
                                 [](const auto& item, int64_t& out) { return toInt(item, out); });
}

}  // namespace ponder::gguf
