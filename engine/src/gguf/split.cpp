#include "gguf/split.h"

#include <cstdio>
#include <string_view>

namespace ponder::gguf::detail {
namespace {

constexpr std::string_view kOf = "-of-";
constexpr std::string_view kExtension = ".gguf";
constexpr size_t kDigits = 5;

// Reads exactly kDigits decimal digits at `pos`; nullopt otherwise.
std::optional<uint32_t> digitsAt(std::string_view s, size_t pos) {
    if (pos + kDigits > s.size()) return std::nullopt;
    uint32_t v = 0;
    for (size_t i = pos; i < pos + kDigits; ++i) {
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
        v = v * 10 + static_cast<uint32_t>(s[i] - '0');
    }
    return v;
}

}  // namespace

std::optional<SplitName> parseSplitName(const std::filesystem::path& path) {
    const std::string file = path.filename().string();
    const std::string_view name(file);
    // "-" + 5 digits + "-of-" + 5 digits + ".gguf" at the end of the name.
    const size_t tail = 1 + kDigits + kOf.size() + kDigits + kExtension.size();
    if (name.size() <= tail) return std::nullopt;
    const size_t start = name.size() - tail;
    if (name[start] != '-' || name.substr(start + 1 + kDigits, kOf.size()) != kOf ||
        name.substr(name.size() - kExtension.size()) != kExtension) {
        return std::nullopt;
    }
    const auto index = digitsAt(name, start + 1);
    const auto count = digitsAt(name, start + 1 + kDigits + kOf.size());
    if (!index || !count || *index == 0 || *count == 0 || *index > *count) return std::nullopt;
    return SplitName{path.parent_path(), std::string(name.substr(0, start)), *index, *count};
}

std::filesystem::path splitShardPath(const SplitName& name, uint32_t index) {
    char suffix[48];
    std::snprintf(suffix, sizeof suffix, "-%05u-of-%05u.gguf", index, name.count);
    return name.directory / (name.prefix + suffix);
}

}  // namespace ponder::gguf::detail
