// The deterministic text that stream_writer_helper streams and tst_storage_stream_writer
// checks against: numbered words with some non-ASCII (accents, an emoji made of a surrogate
// pair) so a prefix cut in the wrong place would show.
#pragma once

#include <QString>

namespace streamtext {

/// Reasoning tokens come first, then answer tokens, as a reasoning model streams them.
constexpr int kReasoningTokens = 150;

inline QString token(int i) {
    switch (i % 7) {
        case 3:
            return QStringLiteral("café%1 ").arg(i);
        case 5:
            return QStringLiteral("🙂%1\n").arg(i);
        default:
            return QStringLiteral("w%1 ").arg(i);
    }
}

inline bool isReasoning(int i) {
    return i < kReasoningTokens;
}

/// Everything the helper would stream into a field given @p total tokens.
inline QString fullReasoning() {
    QString s;
    for (int i = 0; i < kReasoningTokens; ++i)
        s += token(i);
    return s;
}

inline QString contentUpTo(int total) {
    QString s;
    for (int i = kReasoningTokens; i < total; ++i)
        s += token(i);
    return s;
}

}  // namespace streamtext
