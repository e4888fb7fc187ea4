// ponder-cli: runs Ponder's engine from the command line. Every command prints JSON on
// stdout (scripts and tests call it); errors go to stderr as JSON with a non-zero exit code.
#include <cstdio>
#include <string>
#include <vector>

#include "command.h"
#include "json_writer.h"
#include "ponder/version.h"

namespace {

void printHelp() {
    std::printf("ponder-cli %s (%s): Ponder's inference engine from the command line.\n\n",
                ponder::versionString(), ponder::gitRevision());
    std::printf("Usage: ponder-cli <command> [--option value ...]\n\nCommands:\n");
    for (const auto& c : ponder::cli::commands()) {
        std::printf("  %-10s %s\n             %s\n", c.name, c.summary, c.usage);
    }
    std::printf("\nOutput is JSON on stdout; errors are JSON on stderr with exit code 1 (2 for usage errors).\n");
}

int fail(const ponder::Error& e, int code) {
    ponder::cli::JsonWriter j;
    j.beginObject().key("error").value(ponder::errorCodeName(e.code)).key("message").value(e.message).endObject();
    std::fprintf(stderr, "%s\n", j.str().c_str());
    return code;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> rest(argv + 1, argv + argc);
    if (rest.empty() || rest[0] == "--help" || rest[0] == "-h" || rest[0] == "help") {
        printHelp();
        return rest.empty() ? 2 : 0;
    }
    if (rest[0] == "--version") {
        std::printf("ponder-cli %s (%s)\n", ponder::versionString(), ponder::gitRevision());
        return 0;
    }
    const std::string name = rest[0];
    rest.erase(rest.begin());
    for (const auto& c : ponder::cli::commands()) {
        if (name != c.name) continue;
        auto args = ponder::cli::Args::parse(rest);
        if (!args) return fail(args.error(), 2);
        auto result = c.run(*args);
        if (!result) {
            return fail(result.error(), result.error().code == ponder::ErrorCode::InvalidArgument ? 2 : 1);
        }
        return 0;
    }
    return fail(ponder::makeError(ponder::ErrorCode::InvalidArgument,
                                  "unknown command '" + name + "' (see ponder-cli --help)"), 2);
}
