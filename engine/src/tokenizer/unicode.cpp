#include "tokenizer/unicode.h"

#include <array>

namespace ponder::tok {

namespace {

constexpr uint32_t kReplacement = 0xFFFD;

bool isContinuation(uint8_t b) { return (b & 0xC0) == 0x80; }

// GPT-2 keeps the printable Latin-1 bytes as their own code points and moves the other 68
// byte values, in increasing order, to U+0100.. so that every byte has a visible character.
struct ByteTables {
    std::array<std::string, 256> toText;
    std::array<int16_t, 512> fromCp{};  // every mapped code point is below U+0200

    ByteTables() {
        fromCp.fill(-1);
        uint32_t next = 256;
        for (int b = 0; b < 256; ++b) {
            const bool printable = (b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE);
            const uint32_t cp = printable ? static_cast<uint32_t>(b) : next++;
            appendUtf8(toText[b], cp);
            fromCp[cp] = static_cast<int16_t>(b);
        }
    }
};

const ByteTables& byteTables() {
    static const ByteTables tables;
    return tables;
}

}  // namespace

std::vector<uint32_t> decodeUtf8Lenient(std::string_view text) {
    std::vector<uint32_t> out;
    out.reserve(text.size());
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const size_t n = text.size();
    size_t i = 0;
    while (i < n) {
        const uint8_t b0 = s[i];
        size_t len = 0;
        uint32_t cp = 0;
        if (b0 < 0x80) {
            len = 1;
            cp = b0;
        } else if ((b0 & 0xE0) == 0xC0) {
            len = 2;
            cp = b0 & 0x1F;
        } else if ((b0 & 0xF0) == 0xE0) {
            len = 3;
            cp = b0 & 0x0F;
        } else if ((b0 & 0xF8) == 0xF0) {
            len = 4;
            cp = b0 & 0x07;
        }
        bool ok = len != 0 && i + len <= n;
        for (size_t k = 1; ok && k < len; ++k) {
            ok = isContinuation(s[i + k]);
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (!ok || cp > 0x10FFFF) {
            out.push_back(kReplacement);
            i += 1;
        } else {
            out.push_back(cp);
            i += len;
        }
    }
    return out;
}

void appendUtf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp <= 0x10FFFF) {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        appendUtf8(out, kReplacement);
    }
}

size_t utf8SequenceLength(uint8_t lead) {
    static constexpr uint8_t kByHighNibble[16] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 4};
    return kByHighNibble[lead >> 4];
}

bool isUnicodeWhitespace(uint32_t cp) {
    if (cp >= 0x09 && cp <= 0x0D) return true;
    if (cp >= 0x2000 && cp <= 0x200A) return true;
    switch (cp) {
    case 0x20: case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029:
    case 0x202F: case 0x205F: case 0x3000:
        return true;
    default:
        return false;
    }
}

const std::string& byteToUnicode(uint8_t b) { return byteTables().toText[b]; }

int unicodeToByte(uint32_t cp) {
    if (cp >= 512) return -1;
    return byteTables().fromCp[cp];
}

int utf8Scan(std::string_view s, size_t pos) {
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    const size_t n = s.size();
    const uint8_t b0 = p[pos];
    if (b0 < 0x80) return 1;
    size_t len = 0;
    uint8_t lo = 0x80, hi = 0xBF;  // allowed range of the second byte (RFC 3629 table)
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        len = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        len = 3;
        if (b0 == 0xE0) lo = 0xA0;       // no overlong forms
        if (b0 == 0xED) hi = 0x9F;       // no surrogates
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        len = 4;
        if (b0 == 0xF0) lo = 0x90;
        if (b0 == 0xF4) hi = 0x8F;       // nothing above U+10FFFF
    } else {
        return -1;
    }
    for (size_t k = 1; k < len; ++k) {
        if (pos + k >= n) return 0;  // a valid prefix so far; the rest may still arrive
        const uint8_t b = p[pos + k];
        const bool ok = k == 1 ? (b >= lo && b <= hi) : isContinuation(b);
        if (!ok) return -static_cast<int>(k);
    }
    return static_cast<int>(len);
}

std::string sanitizeUtf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    size_t i = 0;
    while (i < s.size()) {
        const int r = utf8Scan(s, i);
        if (r > 0) {
            out.append(s.substr(i, static_cast<size_t>(r)));
            i += static_cast<size_t>(r);
        } else {
            appendUtf8(out, kReplacement);
            i += r == 0 ? s.size() - i : static_cast<size_t>(-r);
        }
    }
    return out;
}

}  // namespace ponder::tok
