// Splits finished (or partial) reasoning into the steps the reasoning panel lists.
#include <cctype>

#include "ponder/reasoning_parser.h"

namespace ponder {
namespace {

bool isBlank(std::string_view line) {
    for (char c : line) {
        if (!std::isspace(static_cast<unsigned char>(c))) return false;
    }
    return true;
}

// "1. ", "12) ", "Step 3:" and "**Step 3**" open a new step: models number their steps and
// often put no blank line between them.
bool opensNumberedStep(std::string_view line) {
    size_t i = 0;
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
        ++i;
    line.remove_prefix(i);
    while (line.starts_with("*") || line.starts_with("#"))
        line.remove_prefix(1);
    while (line.starts_with(" "))
        line.remove_prefix(1);
    if (line.starts_with("Step ") || line.starts_with("step ")) {
        return line.size() > 5 && std::isdigit(static_cast<unsigned char>(line[5]));
    }
    size_t digits = 0;
    while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits])))
        ++digits;
    if (digits == 0 || digits > 3 || digits + 1 >= line.size()) return false;
    return (line[digits] == '.' || line[digits] == ')') && line[digits + 1] == ' ';
}

std::string trimmed(std::string_view s) {
    size_t begin = 0, end = s.size();
    while (begin < end && std::isspace(static_cast<unsigned char>(s[begin])))
        ++begin;
    while (end > begin && std::isspace(static_cast<unsigned char>(s[end - 1])))
        --end;
    return std::string(s.substr(begin, end - begin));
}

}  // namespace

std::vector<std::string> splitReasoningSteps(std::string_view reasoning) {
    std::vector<std::string> steps;
    std::string current;
    auto flush = [&] {
        std::string step = trimmed(current);
        if (!step.empty()) steps.push_back(std::move(step));
        current.clear();
    };
    while (!reasoning.empty()) {
        const size_t eol = reasoning.find('\n');
        const std::string_view line = reasoning.substr(0, eol);
        reasoning.remove_prefix(eol == std::string_view::npos ? reasoning.size() : eol + 1);
        if (isBlank(line)) {
            flush();
            continue;
        }
        if (opensNumberedStep(line)) flush();
        if (!current.empty()) current += '\n';
        current += line;
    }
    flush();
    return steps;
}

}  // namespace ponder
