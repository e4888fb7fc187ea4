// ponder-cli info --model F: what a GGUF file holds, as JSON. Works on full models, on split
// models (any shard's path) and on vocabulary-only files without tensors.
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "command.h"
#include "json_writer.h"
#include "ponder/gguf.h"

namespace ponder::cli {
namespace {

// general.file_type ids (llama_ftype, engine-spec.md 1.5).
struct FileTypeName {
    uint64_t id;
    const char* name;
};
constexpr FileTypeName kFileTypeNames[] = {
    {0, "ALL_F32"}, {1, "F16"},     {2, "Q4_0"},       {3, "Q4_1"},    {7, "Q8_0"},     {8, "Q5_0"},
    {9, "Q5_1"},    {10, "Q2_K"},   {11, "Q3_K_S"},    {12, "Q3_K_M"}, {13, "Q3_K_L"},  {14, "Q4_K_S"},
    {15, "Q4_K_M"}, {16, "Q5_K_S"}, {17, "Q5_K_M"},    {18, "Q6_K"},   {19, "IQ2_XXS"}, {20, "IQ2_XS"},
    {21, "Q2_K_S"}, {22, "IQ3_XS"}, {23, "IQ3_XXS"},   {24, "IQ1_S"},  {25, "IQ4_NL"},  {26, "IQ3_S"},
    {27, "IQ3_M"},  {28, "IQ2_S"},  {29, "IQ2_M"},     {30, "IQ4_XS"}, {31, "IQ1_M"},   {32, "BF16"},
    {36, "TQ1_0"},  {37, "TQ2_0"},  {38, "MXFP4_MOE"}, {39, "NVFP4"},  {40, "Q1_0"},    {41, "Q2_0"},
};

const char* fileTypeName(uint64_t id) {
    for (const auto& entry : kFileTypeNames) {
        if (entry.id == id) return entry.name;
    }
    return nullptr;
}

constexpr uint64_t kFileTypeGuessed = 1024;

/// Writes metadata that may be absent. A key with an unexpected type is reported as null
/// plus a warning rather than failing the whole command: `info` is the tool people run on
/// a file that will not load, so it should show as much as it can.
class Reporter {
public:
    Reporter(JsonWriter& json, const gguf::File& file) : m_json(json), m_file(file) {}

    std::optional<uint64_t> uintOf(const std::string& key) {
        if (!m_file.find(key)) return std::nullopt;
        auto v = m_file.getUInt(key);
        if (!v) {
            m_warnings.push_back(v.error().message);
            return std::nullopt;
        }
        return *v;
    }

    std::optional<std::string> stringOf(const std::string& key) {
        if (!m_file.find(key)) return std::nullopt;
        auto v = m_file.getString(key);
        if (!v) {
            m_warnings.push_back(v.error().message);
            return std::nullopt;
        }
        return *v;
    }

    void writeUInt(const char* name, const std::optional<std::string>& key) {
        m_json.key(name);
        if (auto v = key ? uintOf(*key) : std::nullopt) {
            m_json.value(*v);
        } else {
            m_json.null();
        }
    }

    void writeString(const char* name, const std::optional<std::string>& v) {
        m_json.key(name);
        if (v) {
            m_json.value(*v);
        } else {
            m_json.null();
        }
    }

    // Vocabulary size: the length of the token list, else {arch}.vocab_size.
    std::optional<uint64_t> vocabSize(const std::string& arch) {
        if (const gguf::Value* tokens = m_file.find("tokenizer.ggml.tokens")) {
            if (const auto* array = std::get_if<gguf::ArrayValue>(&tokens->data)) return array->items.size();
            m_warnings.push_back("tokenizer.ggml.tokens is not an array");
        }
        if (!arch.empty()) return uintOf(arch + ".vocab_size");
        return std::nullopt;
    }

    const std::vector<std::string>& warnings() const { return m_warnings; }

private:
    JsonWriter& m_json;
    const gguf::File& m_file;
    std::vector<std::string> m_warnings;
};

Result<void> runInfo(const Args& args) {
    auto model = args.require("model");
    if (!model) return model.error();
    if (const auto unused = args.unused(); !unused.empty()) {
        return makeError(ErrorCode::InvalidArgument, "unknown option --" + unused.front() + " for info");
    }
    auto opened = gguf::File::open(*model);
    if (!opened) return opened.error();
    const gguf::File& file = **opened;

    JsonWriter json;
    Reporter report(json, file);
    const std::optional<std::string> arch = report.stringOf("general.architecture");
    const std::string prefix = arch.value_or("");

    uint64_t parameters = 0;
    std::map<uint32_t, uint64_t> histogram;  // ordered by type id for stable output
    for (const auto& t : file.tensors()) {
        parameters += t.elementCount();
        ++histogram[static_cast<uint32_t>(t.type)];
    }

    json.beginObject();
    json.key("file").value(*model);
    json.key("file_size").value(file.fileSize());
    json.key("shards").value(file.shardCount());
    json.key("gguf_version").value(file.version());
    json.key("alignment").value(file.alignment());
    report.writeString("architecture", arch);
    report.writeString("name", report.stringOf("general.name"));
    json.key("parameter_count").value(parameters);
    json.key("tensor_count").value(static_cast<uint64_t>(file.tensors().size()));
    json.key("metadata_count").value(static_cast<uint64_t>(file.metadata().size()));
    // Without an architecture there is no key prefix, so these are null rather than guessed.
    auto archKey = [&](const char* suffix) -> std::optional<std::string> {
        if (!arch) return std::nullopt;
        return *arch + "." + suffix;
    };
    report.writeUInt("expert_count", archKey("expert_count"));
    report.writeUInt("expert_used_count", archKey("expert_used_count"));
    report.writeUInt("context_length", archKey("context_length"));
    report.writeUInt("block_count", archKey("block_count"));
    report.writeUInt("embedding_length", archKey("embedding_length"));
    report.writeString("tokenizer_model", report.stringOf("tokenizer.ggml.model"));
    json.key("vocab_size");
    if (auto vocab = report.vocabSize(prefix)) {
        json.value(*vocab);
    } else {
        json.null();
    }

    json.key("tensor_types").beginObject();
    for (const auto& [type, count] : histogram) {
        json.key(tensorTypeName(static_cast<TensorType>(type))).value(count);
    }
    json.endObject();

    const auto fileType = report.uintOf("general.file_type");
    json.key("file_type");
    if (fileType) {
        json.value(*fileType);
    } else {
        json.null();
    }
    json.key("file_type_name");
    const char* typeName = fileType ? fileTypeName(*fileType & ~kFileTypeGuessed) : nullptr;
    if (typeName) {
        json.value(std::string(typeName) + (*fileType & kFileTypeGuessed ? " (guessed)" : ""));
    } else {
        json.null();
    }

    json.key("warnings").beginArray();
    for (const auto& w : report.warnings())
        json.value(w);
    json.endArray();
    json.endObject();
    std::printf("%s\n", json.str().c_str());
    return {};
}

const CommandRegistration kInfo(
    {"info", "info --model F",
     "Prints a GGUF file's architecture, sizes, tokenizer and tensor types as JSON.", &runInfo});

}  // namespace
}  // namespace ponder::cli
