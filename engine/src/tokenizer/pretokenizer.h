/// @brief Regex pre-tokenizers of byte-level BPE vocabularies (tokenizer.ggml.pre), on PCRE2.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ponder/result.h"

struct pcre2_real_code_8;  // pcre2_code, kept out of this header

namespace ponder::tok {

/// What a `tokenizer.ggml.pre` value implies besides its regexes (llama.cpp's loader).
struct PreTokenizerTraits {
    std::string family;         // canonical name of the regex list ("llama3", "qwen2", ...)
    bool cleanSpaces = true;    // detokenize removes " ," " ." etc.
    bool ignoreMerges = false;  // a piece that is a whole token is emitted without merging
    bool addBos = false;        // BOS added by default (before tokenizer.ggml.add_bos_token)
    bool noDefaultBos = false;  // the gpt2 default BOS id (11) does not apply
};

/// Looks up a pre-tokenizer name; an empty name means the key was missing ("default").
/// Returns nullptr for names Ponder does not support.
const PreTokenizerTraits* findPreTokenizer(std::string_view name);

/// A compiled list of regexes applied in sequence: the first splits the text, each following
/// one re-splits every piece, and spans no match covers stay pieces of their own.
class PreTokenizer {
public:
    static Result<std::unique_ptr<PreTokenizer>> create(const std::string& family);
    ~PreTokenizer();
    PreTokenizer(const PreTokenizer&) = delete;
    PreTokenizer& operator=(const PreTokenizer&) = delete;

    /// Splits UTF-8 text into pieces (UTF-8; invalid input bytes come back as U+FFFD).
    std::vector<std::string> split(std::string_view text) const;

private:
    PreTokenizer() = default;
    std::vector<pcre2_real_code_8*> m_codes;
    std::vector<bool> m_byClass;  // per regex: uses \p{...} classes, matched on class stand-ins
};

}  // namespace ponder::tok
