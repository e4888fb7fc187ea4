#include "command.h"

#include <charconv>
#include <cstdlib>

namespace ponder::cli {

std::vector<Command>& registry() {
    static std::vector<Command> list;
    return list;
}

void registerCommand(const Command& command) { registry().push_back(command); }
const std::vector<Command>& commands() { return registry(); }

Result<Args> Args::parse(const std::vector<std::string>& argv) {
    Args args;
    for (size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (a.size() < 3 || a.compare(0, 2, "--") != 0) {
            return makeError(ErrorCode::InvalidArgument, "unexpected argument '" + a + "' (options are --name value)");
        }
        std::string key = a.substr(2);
        std::string value = "1";
        if (auto eq = key.find('='); eq != std::string::npos) {
            value = key.substr(eq + 1);
            key = key.substr(0, eq);
        } else if (i + 1 < argv.size() && argv[i + 1].compare(0, 2, "--") != 0) {
            value = argv[++i];
        }
        args.m_values[key] = value;
    }
    return args;
}

std::optional<std::string> Args::get(const std::string& key) const {
    m_read[key] = true;
    auto it = m_values.find(key);
    if (it == m_values.end()) return std::nullopt;
    return it->second;
}

std::string Args::get(const std::string& key, const std::string& fallback) const {
    return get(key).value_or(fallback);
}

Result<long long> Args::getInt(const std::string& key, long long fallback) const {
    auto v = get(key);
    if (!v) return fallback;
    long long out = 0;
    auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
    if (ec != std::errc() || p != v->data() + v->size()) {
        return makeError(ErrorCode::InvalidArgument, "--" + key + " expects an integer, got '" + *v + "'");
    }
    return out;
}

Result<double> Args::getDouble(const std::string& key, double fallback) const {
    auto v = get(key);
    if (!v) return fallback;
    char* end = nullptr;
    double out = std::strtod(v->c_str(), &end);
    if (v->empty() || end != v->c_str() + v->size()) {
        return makeError(ErrorCode::InvalidArgument, "--" + key + " expects a number, got '" + *v + "'");
    }
    return out;
}

Result<std::string> Args::require(const std::string& key) const {
    auto v = get(key);
    if (!v) return makeError(ErrorCode::InvalidArgument, "missing required option --" + key);
    return *v;
}

std::vector<std::string> Args::unused() const {
    std::vector<std::string> out;
    for (const auto& [k, v] : m_values) {
        if (!m_read.count(k)) out.push_back(k);
    }
    return out;
}

}  // namespace ponder::cli
