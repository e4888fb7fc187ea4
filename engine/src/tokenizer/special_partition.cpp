// Cutting special tokens out of the text before pre-tokenization (llama.cpp's
// tokenizer_st_partition). The order matters and is kept: tokens are taken one at a time,
// longest text first, and each is cut out of all text left by the ones before it, so a long
// token wins over a shorter one that overlaps it.
#include "tokenizer/tokenizer_impl.h"

namespace ponder::tok {

std::vector<Fragment> partitionSpecial(const VocabData& vocab, const std::vector<int32_t>& specials,
                                       std::string_view text, bool parseSpecial) {
    std::vector<Fragment> fragments;
    if (text.empty()) return fragments;
    fragments.push_back(Fragment{Tokenizer::kNoToken, 0, text.size()});

    std::vector<Fragment> next;
    for (int32_t id : specials) {
        const uint32_t attr = vocab.attr[static_cast<size_t>(id)];
        // Text typed by a user must not turn into control tokens; user-defined tokens are
        // still matched (as Hugging Face tokenizers do).
        if (!parseSpecial && (attr & (kAttrControl | kAttrUnknown))) continue;
        const std::string& needle = vocab.text[static_cast<size_t>(id)];
        if (needle.empty() || text.find(needle) == std::string_view::npos) continue;  // fast path

        next.clear();
        for (const Fragment& f : fragments) {
            if (f.token != Tokenizer::kNoToken) {
                next.push_back(f);
                continue;
            }
            const std::string_view span = text.substr(0, f.offset + f.length);
            size_t cursor = f.offset;
            for (size_t hit = span.find(needle, cursor); hit != std::string_view::npos;
                 hit = span.find(needle, cursor)) {
                if (hit > cursor) next.push_back(Fragment{Tokenizer::kNoToken, cursor, hit - cursor});
                next.push_back(Fragment{id, 0, 0});
                cursor = hit + needle.size();
            }
            if (cursor < f.offset + f.length) {
                next.push_back(Fragment{Tokenizer::kNoToken, cursor, f.offset + f.length - cursor});
            }
        }
        fragments.swap(next);
    }
    return fragments;
}

}  // namespace ponder::tok
