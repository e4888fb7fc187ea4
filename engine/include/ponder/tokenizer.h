/// @brief Text <-> token ids for GGUF vocabularies (byte-level BPE and SPM), matching llama.cpp.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ponder/result.h"

namespace ponder {

namespace gguf {
class File;
}

/// Token types as stored in `tokenizer.ggml.token_type`.
enum class TokenType : int32_t {
    Undefined = 0, Normal = 1, Unknown = 2, Control = 3, UserDefined = 4, Unused = 5, Byte = 6,
};

/// The tokenizer metadata of a GGUF file (`tokenizer.ggml.*`), decoded. Tests and tools can
/// build one in code; Tokenizer::fromGguf fills it from a file.
struct TokenizerVocab {
    std::string model;                 // "gpt2" (byte-level BPE) or "llama" (SPM)
    std::string pre;                   // pre-tokenizer name; empty when the key is missing
    std::vector<std::string> tokens;   // token text by id
    std::vector<int32_t> types;        // TokenType values; empty means all Normal
    std::vector<float> scores;         // SPM merge scores; may be empty for BPE
    std::vector<std::string> merges;   // BPE merges "left right", rank = index
    // Special ids as stored; nullopt when the key is absent (the model type's default applies).
    std::optional<int64_t> bos, eos, eot, eom, unk, sep, pad, mask;
    std::optional<int64_t> fimPre, fimSuf, fimMid, fimPad, fimRep, fimSep;
    std::optional<bool> addBos, addEos, addSpacePrefix;
};

/// A loaded vocabulary. Immutable after construction; all methods are safe to call from
/// several threads at once.
class Tokenizer {
public:
    static constexpr int32_t kNoToken = -1;

    /// Reads the tokenizer keys of a GGUF file (a vocab-only file is enough).
    static Result<std::unique_ptr<Tokenizer>> fromGguf(const gguf::File& file);
    /// Builds a tokenizer from decoded metadata; fails on unsupported models/pre-tokenizers.
    static Result<std::unique_ptr<Tokenizer>> fromVocab(TokenizerVocab vocab);

    ~Tokenizer();
    Tokenizer(const Tokenizer&) = delete;
    Tokenizer& operator=(const Tokenizer&) = delete;

    /// Text to ids, as llama_tokenize: `addSpecial` adds BOS/EOS when the vocabulary asks for
    /// them; `parseSpecial` lets control tokens written in the text (e.g. "<|im_start|>")
    /// become their ids (user-defined tokens are always matched).
    std::vector<int32_t> encode(std::string_view text, bool addSpecial = true,
                                bool parseSpecial = false) const;

    /// The bytes one token stands for (may be part of a UTF-8 character). Control and
    /// unknown tokens give "" unless `renderSpecial`.
    std::string tokenToPiece(int32_t id, bool renderSpecial = false) const;

    /// Ids to text, as llama_detokenize (SPM's leading space removed, BPE clean-up of
    /// " ," etc. where the vocabulary asks for it). Raw bytes: a sequence cut in the middle
    /// of a character yields invalid UTF-8; use StreamingDetokenizer for display.
    std::string decode(std::span<const int32_t> ids, bool renderSpecial = false) const;

    int32_t vocabSize() const;
    bool isByteLevelBpe() const;                 // false: SPM
    const std::string& preTokenizer() const;     // resolved pre-tokenizer name ("default"...)
    const std::string& tokenText(int32_t id) const;  // "" for an id out of range
    TokenType tokenType(int32_t id) const;       // as stored in the file
    bool isControl(int32_t id) const;            // after llama.cpp's adjustments (EOG texts...)
    bool isEndOfGeneration(int32_t id) const;
    std::vector<int32_t> endOfGenerationIds() const;  // sorted

    int32_t bos() const;  // kNoToken when the vocabulary has none
    int32_t eos() const;
    int32_t eot() const;
    int32_t pad() const;
    int32_t unk() const;
    bool addsBos() const;  // encode(..., addSpecial = true) prepends BOS
    bool addsEos() const;

    /// Things a user may want to know about the file (e.g. a missing pre-tokenizer).
    const std::vector<std::string>& warnings() const;

    struct Impl;

private:
    explicit Tokenizer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

/// Turns a stream of generated ids into text that is always valid UTF-8: bytes of a
/// character split across tokens are held back until the character is complete; bytes that
/// can never form a character become U+FFFD. The tokenizer must outlive it.
class StreamingDetokenizer {
public:
    explicit StreamingDetokenizer(const Tokenizer& tokenizer, bool renderSpecial = false);

    /// Adds one token; returns the text that became complete (possibly "").
    std::string push(int32_t id);
    /// Ends the stream: returns what is still held, an unfinished character as U+FFFD.
    std::string finish();
    void reset();
    size_t pendingBytes() const { return m_pending.size(); }

private:
    const Tokenizer* m_tokenizer;
    bool m_renderSpecial;
    std::string m_pending;
};

}  // namespace ponder
