/// @brief The LogitsSource of a chat: a Session whose KV cache keeps the longest common
/// prefix between turns, so only new tokens are evaluated.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "ponder/generate.h"
#include "ponder/model.h"

namespace ponder {

class CachedSession : public LogitsSource {
public:
    explicit CachedSession(Session& session) : m_session(session) {}

    /// Starts a new generation whose prompt is `prompt`: drops the cached positions that
    /// differ from it. Returns how many prompt tokens the cache already held.
    uint32_t beginPrompt(std::span<const int32_t> prompt);

    Result<std::span<const float>> evaluate(std::span<const int32_t> tokens) override;

    void clear();

private:
    Session& m_session;
    std::vector<int32_t> m_cached;     // tokens whose K/V are in the cache, by position
    uint32_t m_skip = 0;               // prompt tokens the next evaluate() may skip
    std::vector<float> m_last;         // [n_vocab] logits after the last evaluated token
};

}  // namespace ponder
