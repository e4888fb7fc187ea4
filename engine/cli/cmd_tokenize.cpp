// ponder-cli tokenize --model F --text T: the token ids Ponder's tokenizer gives for a text,
// as JSON. The flags mean what llama.cpp's do: --add-special adds BOS/EOS where the vocabulary
// asks for them, --parse-special turns control tokens written in the text into their ids.
// A vocabulary-only GGUF file is enough.
#include <cstdio>
#include <string>

#include "command.h"
#include "json_writer.h"
#include "ponder/gguf.h"
#include "ponder/tokenizer.h"

namespace ponder::cli {
namespace {

Result<bool> flag(const Args& args, const char* key, bool fallback) {
    auto v = args.getInt(key, fallback ? 1 : 0);
    if (!v) return v.error();
    if (*v != 0 && *v != 1) {
        return makeError(ErrorCode::InvalidArgument, std::string("--") + key + " expects 0 or 1");
    }
    return *v == 1;
}

Result<void> runTokenize(const Args& args) {
    auto model = args.require("model");
    if (!model) return model.error();
    auto text = args.require("text");
    if (!text) return text.error();
    auto addSpecial = flag(args, "add-special", true);
    if (!addSpecial) return addSpecial.error();
    auto parseSpecial = flag(args, "parse-special", false);
    if (!parseSpecial) return parseSpecial.error();
    if (const auto unused = args.unused(); !unused.empty()) {
        return makeError(ErrorCode::InvalidArgument, "unknown option --" + unused.front() + " for tokenize");
    }

    auto file = gguf::File::open(*model);
    if (!file) return file.error();
    auto tokenizer = Tokenizer::fromGguf(**file);
    if (!tokenizer) return tokenizer.error();

    const auto ids = (*tokenizer)->encode(*text, *addSpecial, *parseSpecial);
    JsonWriter json;
    json.beginObject().key("tokens").beginArray();
    for (int32_t id : ids) json.value(id);
    json.endArray().endObject();
    std::printf("%s\n", json.str().c_str());
    return {};
}

const CommandRegistration kTokenize({"tokenize", "tokenize --model F --text T [--add-special 0|1] [--parse-special 0|1]",
                                     "Prints the token ids of a text ({\"tokens\": [...]}).", runTokenize});

}  // namespace
}  // namespace ponder::cli
