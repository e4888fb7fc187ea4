#include "json_writer.h"

#include <cmath>
#include <cstdio>

namespace ponder::cli {

void JsonWriter::separate() {
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_first.empty()) {
        if (!m_first.back()) m_out += ',';
        m_first.back() = false;
    }
}

JsonWriter& JsonWriter::beginObject() { separate(); m_out += '{'; m_first.push_back(true); return *this; }
JsonWriter& JsonWriter::endObject() { m_out += '}'; m_first.pop_back(); return *this; }
JsonWriter& JsonWriter::beginArray() { separate(); m_out += '['; m_first.push_back(true); return *this; }
JsonWriter& JsonWriter::endArray() { m_out += ']'; m_first.pop_back(); return *this; }

JsonWriter& JsonWriter::key(std::string_view k) {
    separate();
    m_out += '"';
    m_out += escape(k);
    m_out += "\":";
    m_afterKey = true;
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view s) {
    separate();
    m_out += '"';
    m_out += escape(s);
    m_out += '"';
    return *this;
}

JsonWriter& JsonWriter::value(double d) {
    separate();
    if (!std::isfinite(d)) {
        // JSON has no inf/nan; -inf logits (masked tokens) are written as a very negative number.
        m_out += std::isnan(d) ? "null" : (d > 0 ? "3.4e38" : "-3.4e38");
        return *this;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.9g", d);
    m_out += buf;
    return *this;
}

JsonWriter& JsonWriter::value(float f) { return value(static_cast<double>(f)); }

JsonWriter& JsonWriter::value(int64_t i) { separate(); m_out += std::to_string(i); return *this; }
JsonWriter& JsonWriter::value(uint64_t u) { separate(); m_out += std::to_string(u); return *this; }
JsonWriter& JsonWriter::value(bool b) { separate(); m_out += b ? "true" : "false"; return *this; }
JsonWriter& JsonWriter::null() { separate(); m_out += "null"; return *this; }

std::string JsonWriter::escape(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 2);
    for (size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += static_cast<char>(c);
                }
            }
            ++i;
            continue;
        }
        // Validate one UTF-8 sequence; copy it whole or replace the lead byte.
        size_t len = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        bool valid = len != 0 && i + len <= s.size();
        for (size_t k = 1; valid && k < len; ++k) {
            valid = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
        }
        if (valid) {
            out.append(s.substr(i, len));
            i += len;
        } else {
            out += "\xEF\xBF\xBD";
            ++i;
        }
    }
    return out;
}

}  // namespace ponder::cli
