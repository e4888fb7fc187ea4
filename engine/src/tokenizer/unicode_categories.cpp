#include <algorithm>
#include <iterator>

#include "tokenizer/unicode.h"

namespace ponder::tok {

namespace {

struct Range {
    uint32_t first;
    CharClass cls;
};

// Short names for the generated table.
constexpr CharClass L = CharClass::Letter, N = CharClass::Number, M = CharClass::Mark,
                    P = CharClass::Punctuation, S = CharClass::Symbol, Z = CharClass::Separator,
                    C = CharClass::Other, U = CharClass::Unassigned;

constexpr Range kRanges[] = {
#include "tokenizer/unicode_categories.inc"
};

}  // namespace

CharClass charClass(uint32_t cp) {
    if (cp > 0x10FFFF) return CharClass::Unassigned;
    auto it = std::upper_bound(std::begin(kRanges), std::end(kRanges), cp,
                               [](uint32_t value, const Range& r) { return value < r.first; });
    return std::prev(it)->cls;
}

}  // namespace ponder::tok
