#include "tokenizer/bpe.h"

#include <queue>

#include "tokenizer/tokenizer_impl.h"
#include "tokenizer/unicode.h"

namespace ponder::tok {

void BpeRanks::add(std::string_view merge, int32_t rank) {
    const size_t space = merge.size() > 1 ? merge.find(' ', 1) : std::string_view::npos;
    if (space == std::string_view::npos) return;
    m_ranks.try_emplace(std::string(merge), rank);
}

int32_t BpeRanks::rank(std::string_view left, std::string_view right, std::string& scratch) const {
    scratch.assign(left);
    scratch += ' ';
    scratch += right;
    auto it = m_ranks.find(std::string_view(scratch));
    return it == m_ranks.end() ? -1 : it->second;
}

namespace {

// A run of the word's bytes; merged symbols absorb their right neighbour and that one is
// emptied (len = 0), the linked list skipping it.
struct Symbol {
    int prev;
    int next;
    size_t start;
    size_t len;
};

struct Candidate {
    int32_t rank;
    int left;
    int right;
    size_t leftLen;   // the symbols' lengths when queued: a changed length means stale
    size_t rightLen;
};

struct LowerRankFirst {
    bool operator()(const Candidate& a, const Candidate& b) const {
        return a.rank > b.rank || (a.rank == b.rank && a.left > b.left);
    }
};

}  // namespace

void bpeEncodeWord(const VocabData& vocab, const BpeRanks& ranks, std::string_view word, bool ignoreMerges,
                   std::vector<int32_t>& out) {
    if (word.empty()) return;
    if (ignoreMerges) {
        const int32_t whole = vocab.find(word);
        if (whole != Tokenizer::kNoToken) {
            out.push_back(whole);
            return;
        }
    }

    std::vector<Symbol> symbols;
    for (size_t pos = 0; pos < word.size();) {
        const size_t len = std::min(word.size() - pos, utf8SequenceLength(static_cast<uint8_t>(word[pos])));
        const int index = static_cast<int>(symbols.size());
        symbols.push_back(Symbol{index - 1, pos + len == word.size() ? -1 : index + 1, pos, len});
        pos += len;
    }

    std::string scratch;
    std::priority_queue<Candidate, std::vector<Candidate>, LowerRankFirst> queue;
    auto consider = [&](int left, int right) {
        if (left < 0 || right < 0) return;
        const Symbol& a = symbols[static_cast<size_t>(left)];
        const Symbol& b = symbols[static_cast<size_t>(right)];
        const int32_t r = ranks.rank(word.substr(a.start, a.len), word.substr(b.start, b.len), scratch);
        if (r >= 0) queue.push(Candidate{r, left, right, a.len, b.len});
    };
    for (size_t i = 1; i < symbols.size(); ++i) consider(static_cast<int>(i) - 1, static_cast<int>(i));

    while (!queue.empty()) {
        const Candidate c = queue.top();
        queue.pop();
        Symbol& left = symbols[static_cast<size_t>(c.left)];
        Symbol& right = symbols[static_cast<size_t>(c.right)];
        if (left.len == 0 || right.len == 0 || left.len != c.leftLen || right.len != c.rightLen) continue;
        left.len += right.len;
        right.len = 0;
        left.next = right.next;
        if (right.next >= 0) symbols[static_cast<size_t>(right.next)].prev = c.left;
        consider(left.prev, c.left);
        consider(c.left, left.next);
    }

    for (int i = 0; i >= 0; i = symbols[static_cast<size_t>(i)].next) {
        const Symbol& s = symbols[static_cast<size_t>(i)];
        const std::string_view text = word.substr(s.start, s.len);
        const int32_t id = vocab.find(text);
        if (id != Tokenizer::kNoToken) {
            out.push_back(id);
            continue;
        }
        // llama.cpp looks each byte of the (byte-encoded) symbol up as a one-byte token and
        // silently drops the ones that do not exist.
        for (char ch : text) {
            const int32_t byteId = vocab.find(std::string_view(&ch, 1));
            if (byteId != Tokenizer::kNoToken) out.push_back(byteId);
        }
    }
}

}  // namespace ponder::tok
