/// @brief Byte-level BPE merging (tokenizer.ggml.model = gpt2), internal.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ponder::tok {

struct VocabData;

/// Merge ranks: "left right" -> index in tokenizer.ggml.merges (lower merges first).
class BpeRanks {
public:
    /// Adds one merge line; the first space after position 0 separates the two halves and a
    /// line seen twice keeps its first rank (llama.cpp). Lines without a space are ignored.
    void add(std::string_view merge, int32_t rank);
    /// Rank of merging `left` and `right`, or -1. `scratch` avoids an allocation per lookup.
    int32_t rank(std::string_view left, std::string_view right, std::string& scratch) const;
    size_t size() const { return m_ranks.size(); }

private:
    struct Hash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, int32_t, Hash, std::equal_to<>> m_ranks;
};

/// Encodes one pre-tokenized piece already in byte-to-unicode form: merges the adjacent pair
/// of lowest rank (leftmost on ties) until none is left, then emits each symbol's id; a symbol
/// that is not in the vocabulary falls back to single-byte tokens where those exist.
/// With `ignoreMerges`, a piece that is itself a token is emitted whole (llama3 family).
void bpeEncodeWord(const VocabData& vocab, const BpeRanks& ranks, std::string_view word, bool ignoreMerges,
                   std::vector<int32_t>& out);

}  // namespace ponder::tok
