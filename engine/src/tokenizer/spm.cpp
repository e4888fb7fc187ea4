// SentencePiece-style encoding (tokenizer.ggml.model = llama), as llama.cpp's
// llm_tokenizer_spm_session: start from UTF-8 characters and keep merging the adjacent pair
// whose concatenation is the vocabulary entry with the highest score.
#include <cstdio>
#include <queue>

#include "tokenizer/tokenizer_impl.h"
#include "tokenizer/unicode.h"

namespace ponder::tok {

namespace {

struct Symbol {
    int prev;
    int next;
    size_t start;
    size_t len;
};

struct Candidate {
    float score;
    int left;
    int right;
    size_t size;  // bytes of the pair when queued; any merge since changes it
};

struct HigherScoreFirst {
    bool operator()(const Candidate& a, const Candidate& b) const {
        return a.score < b.score || (a.score == b.score && a.left > b.left);
    }
};

// <0xXX> is the byte fallback of SPM vocabularies; some carry the raw byte as a token instead.
int32_t byteToken(const VocabData& vocab, uint8_t byte) {
    char hex[8];
    std::snprintf(hex, sizeof(hex), "<0x%02X>", static_cast<unsigned>(byte));
    int32_t id = vocab.find(hex);
    if (id == Tokenizer::kNoToken) {
        const char raw = static_cast<char>(byte);
        id = vocab.find(std::string_view(&raw, 1));
    }
    return id;
}

}  // namespace

void spmEncode(const VocabData& vocab, int32_t unkId, std::string_view text, std::vector<int32_t>& out) {
    if (text.empty()) return;
    std::vector<Symbol> symbols;
    for (size_t pos = 0; pos < text.size();) {
        const size_t len = std::min(text.size() - pos, utf8SequenceLength(static_cast<uint8_t>(text[pos])));
        const int index = static_cast<int>(symbols.size());
        symbols.push_back(Symbol{index - 1, pos + len == text.size() ? -1 : index + 1, pos, len});
        pos += len;
    }

    std::priority_queue<Candidate, std::vector<Candidate>, HigherScoreFirst> queue;
    auto consider = [&](int left, int right) {
        if (left < 0 || right < 0) return;
        const Symbol& a = symbols[static_cast<size_t>(left)];
        const Symbol& b = symbols[static_cast<size_t>(right)];
        const int32_t id = vocab.find(text.substr(a.start, a.len + b.len));
        if (id == Tokenizer::kNoToken) return;
        queue.push(Candidate{vocab.score[static_cast<size_t>(id)], left, right, a.len + b.len});
    };
    for (size_t i = 1; i < symbols.size(); ++i) consider(static_cast<int>(i) - 1, static_cast<int>(i));

    while (!queue.empty()) {
        const Candidate c = queue.top();
        queue.pop();
        Symbol& left = symbols[static_cast<size_t>(c.left)];
        Symbol& right = symbols[static_cast<size_t>(c.right)];
        if (left.len == 0 || right.len == 0 || left.len + right.len != c.size) continue;
        left.len += right.len;
        right.len = 0;
        left.next = right.next;
        if (right.next >= 0) symbols[static_cast<size_t>(right.next)].prev = c.left;
        consider(left.prev, c.left);
        consider(c.left, left.next);
    }

    for (int i = 0; i >= 0; i = symbols[static_cast<size_t>(i)].next) {
        const Symbol& s = symbols[static_cast<size_t>(i)];
        const std::string_view piece = text.substr(s.start, s.len);
        const int32_t id = vocab.find(piece);
        if (id != Tokenizer::kNoToken) {
            out.push_back(id);
            continue;
        }
        // Merged symbols are always tokens, so only single characters get here.
        for (char ch : piece) {
            const int32_t b = byteToken(vocab, static_cast<uint8_t>(ch));
            // llama.cpp aborts when a byte has no token; the unknown token is kinder.
            if (b != Tokenizer::kNoToken) {
                out.push_back(b);
            } else if (unkId != Tokenizer::kNoToken) {
                out.push_back(unkId);
            }
        }
    }
}

}  // namespace ponder::tok
