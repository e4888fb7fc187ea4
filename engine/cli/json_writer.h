/// @brief A minimal streaming JSON writer for ponder-cli's output (no external dependency).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ponder::cli {

/// Appends JSON text to a string. Commas are inserted automatically; the caller nests
/// beginObject/endObject and beginArray/endArray correctly.
class JsonWriter {
public:
    JsonWriter& beginObject();
    JsonWriter& endObject();
    JsonWriter& beginArray();
    JsonWriter& endArray();
    JsonWriter& key(std::string_view k);
    JsonWriter& value(std::string_view s);
    JsonWriter& value(const char* s) { return value(std::string_view(s)); }
    JsonWriter& value(double d);
    JsonWriter& value(float f);
    JsonWriter& value(int64_t i);
    JsonWriter& value(uint64_t u);
    JsonWriter& value(int i) { return value(static_cast<int64_t>(i)); }
    JsonWriter& value(unsigned u) { return value(static_cast<uint64_t>(u)); }
    JsonWriter& value(bool b);
    JsonWriter& null();

    const std::string& str() const { return m_out; }

    /// JSON string escaping (control characters, quotes, backslash; UTF-8 passes through,
    /// invalid UTF-8 bytes become U+FFFD so the output is always valid JSON).
    static std::string escape(std::string_view s);

private:
    void separate();
    std::string m_out;
    std::vector<bool> m_first;  // per open container: no element written yet
    bool m_afterKey = false;
};

}  // namespace ponder::cli
