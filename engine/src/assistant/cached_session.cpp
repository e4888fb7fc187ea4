#include "assistant/cached_session.h"

#include <algorithm>

namespace ponder {

namespace {
// Prompt chunks are evaluated a slice at a time so that the CPU backend's logits rows (it
// computes every position's) stay small (rows x n_vocab floats) even for long prompts. Only
// the last row is asked for, so the Vulkan backend computes and reads back just that one.
constexpr size_t kPromptChunk = 64;
}  // namespace

uint32_t CachedSession::beginPrompt(std::span<const int32_t> prompt) {
    size_t common = 0;
    const size_t limit = std::min({m_cached.size(), prompt.size(), size_t(m_session.position())});
    while (common < limit && m_cached[common] == prompt[common]) ++common;
    // Logits are needed after the last prompt token, so at least that one is evaluated.
    if (common == prompt.size() && common > 0) --common;
    m_session.truncate(static_cast<uint32_t>(common));
    m_cached.resize(common);
    m_skip = static_cast<uint32_t>(common);
    return m_skip;
}

Result<std::span<const float>> CachedSession::evaluate(std::span<const int32_t> tokens) {
    // The first call of a generation receives the whole prompt; skip the cached prefix.
    const size_t skip = std::min<size_t>(m_skip, tokens.size() ? tokens.size() - 1 : 0);
    m_skip = 0;
    tokens = tokens.subspan(skip);
    if (tokens.empty()) return makeError(ErrorCode::InvalidArgument, "nothing to evaluate");
    const uint32_t nVocab = m_session.model().hparams().nVocab;
    for (size_t start = 0; start < tokens.size(); start += kPromptChunk) {
        auto chunk = tokens.subspan(start, std::min(kPromptChunk, tokens.size() - start));
        auto logits = m_session.forward(chunk, static_cast<uint32_t>(m_cached.size()), LogitsRows::Last);
        if (!logits) {
            // The cache may hold part of the chunk now: forget it rather than guess.
            m_session.truncate(static_cast<uint32_t>(m_cached.size()));
            return logits.error();
        }
        m_cached.insert(m_cached.end(), chunk.begin(), chunk.end());
        m_last.assign(logits->end() - nVocab, logits->end());
    }
    return std::span<const float>(m_last);
}

void CachedSession::clear() {
    m_session.truncate(0);
    m_cached.clear();
    m_skip = 0;
}

}  // namespace ponder
