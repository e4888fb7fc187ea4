/// @brief Internal state of ponder::Tokenizer, shared by the files of src/tokenizer.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ponder/tokenizer.h"
#include "tokenizer/bpe.h"
#include "tokenizer/pretokenizer.h"

namespace ponder::tok {

// Token attributes as bit flags, mirroring llama.cpp's llama_token_attr: the loader adds
// and removes bits (e.g. CONTROL on end-of-generation texts) and encoding/decoding test
// them, so a plain TokenType would lose information.
enum TokenAttr : uint32_t {
    kAttrUndefined = 0,
    kAttrUnknown = 1u << 0,
    kAttrUnused = 1u << 1,
    kAttrNormal = 1u << 2,
    kAttrControl = 1u << 3,
    kAttrUserDefined = 1u << 4,
    kAttrByte = 1u << 5,
};

uint32_t attrFromType(int32_t type);

/// Hashing that lets the maps be searched with a string_view (no allocation per lookup).
struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using TokenMap = std::unordered_map<std::string, int32_t, StringHash, std::equal_to<>>;

/// The vocabulary as the algorithms need it.
struct VocabData {
    std::vector<std::string> text;
    std::vector<uint32_t> attr;
    std::vector<int32_t> fileType;
    std::vector<float> score;
    TokenMap byText;

    int32_t find(std::string_view s) const {
        auto it = byText.find(s);
        return it == byText.end() ? Tokenizer::kNoToken : it->second;
    }
    int32_t size() const { return static_cast<int32_t>(text.size()); }
    bool has(int32_t id) const { return id >= 0 && id < size(); }
};

/// A piece of the input after special tokens are cut out: either a token or a text span.
struct Fragment {
    int32_t token = Tokenizer::kNoToken;  // kNoToken: text [offset, offset + length)
    size_t offset = 0;
    size_t length = 0;
};

/// Splits `text` at the special tokens in `specials` (ids sorted by text length, longest
/// first), exactly as llama.cpp's tokenizer_st_partition: each token in turn is cut out of
/// every text fragment left by the previous ones. Without `parseSpecial`, control and unknown
/// tokens are not matched (user-defined ones are).
std::vector<Fragment> partitionSpecial(const VocabData& vocab, const std::vector<int32_t>& specials,
                                       std::string_view text, bool parseSpecial);

/// SPM encoding of one fragment whose spaces are already "▁" (score-driven merges, byte
/// fallback).
void spmEncode(const VocabData& vocab, int32_t unkId, std::string_view text, std::vector<int32_t>& out);

}  // namespace ponder::tok

namespace ponder {

struct Tokenizer::Impl {
    tok::VocabData vocab;
    bool bpe = true;  // false: SPM
    std::string preName;
    std::unique_ptr<tok::PreTokenizer> pre;  // BPE only
    tok::BpeRanks ranks;
    bool ignoreMerges = false;
    bool cleanSpaces = false;
    bool addSpacePrefix = false;
    bool addBos = false;
    bool addEos = false;

    int32_t bos = kNoToken, eos = kNoToken, eot = kNoToken, eom = kNoToken, unk = kNoToken;
    int32_t sep = kNoToken, pad = kNoToken, mask = kNoToken;
    int32_t fimPre = kNoToken, fimSuf = kNoToken, fimMid = kNoToken;
    int32_t fimPad = kNoToken, fimRep = kNoToken, fimSep = kNoToken;

    std::vector<int32_t> eog;       // sorted
    std::vector<int32_t> specials;  // control/user-defined/unknown ids, longest text first
    std::vector<std::string> warnings;

    std::string piece(int32_t id, bool renderSpecial) const;
};

/// Builds the Impl from decoded metadata (special ids, attributes, EOG set), in
/// tokenizer_setup.cpp.
Result<std::unique_ptr<Tokenizer::Impl>> buildTokenizerImpl(TokenizerVocab vocab);

}  // namespace ponder
