// The packed layout of an embedding batch (see packed_texts.h).
#include "vk/packed_texts.h"

#include <string>

#include "vk/graph_common.h"

namespace ponder::vk::detail {

Result<PackedTexts> packTexts(std::span<const std::span<const int32_t>> texts, uint32_t capacity, uint32_t nVocab) {
    PackedTexts p;
    size_t total = 0;
    for (const auto& t : texts) total += t.size();
    if (texts.empty() || total > capacity) {
        return makeError(ErrorCode::InvalidArgument, "a packed embedding batch needs 1 to " + std::to_string(capacity) +
                                                         " tokens, not " + std::to_string(total));
    }
    p.tokens.reserve(total);
    p.segStart.reserve(total);
    p.lastRow.reserve(texts.size());
    for (const auto& t : texts) {
        if (t.empty()) return makeError(ErrorCode::InvalidArgument, "a packed embedding batch has an empty text");
        const auto first = static_cast<int32_t>(p.tokens.size());
        for (int32_t id : t) {
            if (id < 0 || uint32_t(id) >= nVocab) {
                return makeError(ErrorCode::InvalidArgument, "token id " + std::to_string(id) + " is outside the vocabulary");
            }
            p.tokens.push_back(id);
            p.segStart.push_back(first);
        }
        p.lastRow.push_back(uint32_t(p.tokens.size() - 1));
    }
    return p;
}

Result<void> recordLastRows(const Graph& g, const PackedTexts& p, uint32_t rowBegin, uint32_t T, size_t& next,
                            BufferSpan pooled) {
    const uint32_t nEmbd = g.md.hp.nEmbd;
    for (; next < p.lastRow.size() && p.lastRow[next] < rowBegin + T; ++next) {
        const uint32_t local = p.lastRow[next] - rowBegin;
        PONDER_TRY(copyElements(g, whole(g.s.x), local * nEmbd, pooled, uint32_t(next) * nEmbd, nEmbd, false));
    }
    return {};
}

}  // namespace ponder::vk::detail
