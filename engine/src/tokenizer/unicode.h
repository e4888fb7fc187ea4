/// @brief UTF-8 and GPT-2 byte-mapping helpers shared by the tokenizers (internal).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ponder::tok {

/// Decodes UTF-8 the way llama.cpp does (so that the same text splits the same way):
/// a byte that does not start a well-formed sequence becomes U+FFFD and only that byte is
/// consumed. Like llama.cpp it does not reject overlong forms or surrogates; code points
/// above U+10FFFF (which llama.cpp cannot re-encode) also become U+FFFD.
std::vector<uint32_t> decodeUtf8Lenient(std::string_view text);

/// Appends the UTF-8 form of `cp` (surrogates included, as llama.cpp re-encodes them).
void appendUtf8(std::string& out, uint32_t cp);

/// Length of a UTF-8 sequence judged by its first byte only (1 for stray continuation
/// bytes). The merge loops of BPE and SPM cut their symbols this way.
size_t utf8SequenceLength(uint8_t lead);

/// The 25 code points llama.cpp treats as whitespace (Unicode White_Space).
bool isUnicodeWhitespace(uint32_t cp);

/// General category, folded to what the pre-tokenizer regexes distinguish.
enum class CharClass : uint8_t {
    Letter, Number, Mark, Punctuation, Symbol, Separator,
    Other,       // Cc, Cf, Co, Cs
    Unassigned,  // Cn
};

/// The class of `cp` by Ponder's own table (unicode_categories.inc: Unicode 15.1, the version
/// of llama.cpp's table), independent of the Unicode version the system's PCRE2 knows.
CharClass charClass(uint32_t cp);

/// GPT-2's byte-to-unicode table: the UTF-8 text that stands for byte `b` in a byte-level
/// BPE vocabulary ("Ġ" for a space).
const std::string& byteToUnicode(uint8_t b);

/// Inverse of byteToUnicode on code points: the byte, or -1 when `cp` stands for no byte.
int unicodeToByte(uint32_t cp);

/// Strict UTF-8 scanning for text that is shown to people. Starting at `pos`, returns the
/// length of one complete, valid sequence (> 0), 0 when the bytes from `pos` are a valid
/// but unfinished prefix that reaches the end of `s`, or -n when the n bytes at `pos` are
/// an invalid (maximal) subpart that must be replaced by U+FFFD.
int utf8Scan(std::string_view s, size_t pos);

/// Replaces every invalid subpart of `s` by U+FFFD (an unfinished tail included).
std::string sanitizeUtf8(std::string_view s);

}  // namespace ponder::tok
