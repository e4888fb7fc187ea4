/// @brief Sub-command registry and argument parsing shared by ponder-cli's commands.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ponder/result.h"

namespace ponder::cli {

/// Parsed `--key value` options (a bare `--flag` maps to "1").
class Args {
public:
    static Result<Args> parse(const std::vector<std::string>& argv);

    bool has(const std::string& key) const {
        m_read[key] = true;
        return m_values.count(key) != 0;
    }
    std::optional<std::string> get(const std::string& key) const;
    std::string get(const std::string& key, const std::string& fallback) const;
    Result<long long> getInt(const std::string& key, long long fallback) const;
    Result<double> getDouble(const std::string& key, double fallback) const;
    /// Fails when a required option is absent.
    Result<std::string> require(const std::string& key) const;
    /// Keys the command did not read (reported as errors so typos do not pass silently).
    std::vector<std::string> unused() const;

private:
    std::map<std::string, std::string> m_values;
    mutable std::map<std::string, bool> m_read;
};

/// A sub-command: returns the process exit code. Errors are printed by the caller as JSON
/// on stderr ({"error": code, "message": ...}).
struct Command {
    const char* name;
    const char* usage;    // one line: "info --model F"
    const char* summary;  // one sentence
    Result<void> (*run)(const Args& args);
};

/// Adds a command to the registry (use a static CommandRegistration in each cmd_*.cpp).
void registerCommand(const Command& command);
const std::vector<Command>& commands();

struct CommandRegistration {
    explicit CommandRegistration(const Command& command) { registerCommand(command); }
};

}  // namespace ponder::cli
