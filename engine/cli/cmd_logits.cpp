// ponder-cli logits --model F --tokens 1,2,3 [--backend cpu|vulkan] [--device N]
//                   [--kv-type f16|f32] [--threads N] [--context N]
// Evaluates the tokens as one batch from position 0 and prints the raw logits of every
// position: {"n_vocab":V,"logits":[[...V values...], ...]}. Used to compare Ponder with
// llama.cpp (tests/oracle/logits.mjs) by hand.
#include <charconv>
#include <cstdio>
#include <string>
#include <vector>

#include "backend_option.h"
#include "command.h"
#include "json_writer.h"
#include "ponder/model.h"

namespace ponder::cli {
namespace {

Result<std::vector<int32_t>> parseTokens(const std::string& text) {
    std::vector<int32_t> out;
    size_t begin = 0;
    while (begin <= text.size()) {
        size_t end = text.find(',', begin);
        if (end == std::string::npos) end = text.size();
        const char* b = text.data() + begin;
        const char* e = text.data() + end;
        int32_t id = 0;
        auto [p, ec] = std::from_chars(b, e, id);
        if (b == e || ec != std::errc() || p != e || id < 0) {
            return makeError(ErrorCode::InvalidArgument,
                             "--tokens expects comma-separated token ids, got '" + std::string(b, e) + "'");
        }
        out.push_back(id);
        begin = end + 1;
    }
    return out;
}

Result<void> run(const Args& args) {
    auto path = args.require("model");
    if (!path) return path.error();
    auto tokenText = args.require("tokens");
    if (!tokenText) return tokenText.error();
    auto tokens = parseTokens(*tokenText);
    if (!tokens) return tokens.error();
    auto options = sessionOptionsFrom(args);
    if (!options) return options.error();
    if (auto unused = args.unused(); !unused.empty()) {
        return makeError(ErrorCode::InvalidArgument, "unknown option --" + unused.front());
    }
    auto model = Model::load(*path);
    if (!model) return model.error();
    if (options->contextLength == 0) options->contextLength = uint32_t(tokens->size());
    auto session = Session::create(**model, *options);
    if (!session) return session.error();
    auto logits = (*session)->forward(*tokens, 0);
    if (!logits) return logits.error();

    const size_t nVocab = (*model)->hparams().nVocab;
    JsonWriter j;
    j.beginObject().key("n_vocab").value(uint64_t(nVocab)).key("logits").beginArray();
    for (size_t t = 0; t < tokens->size(); ++t) {
        j.beginArray();
        for (size_t i = 0; i < nVocab; ++i) j.value((*logits)[t * nVocab + i]);
        j.endArray();
    }
    j.endArray().endObject();
    std::printf("%s\n", j.str().c_str());
    return {};
}

const CommandRegistration kRegistration({
    "logits",
    "logits --model F --tokens 1,2,3 [--backend cpu|vulkan] [--device N] [--kv-type f16|f32]",
    "Prints the logits of every position of a token sequence (one batch from position 0).",
    run,
});

}  // namespace
}  // namespace ponder::cli
