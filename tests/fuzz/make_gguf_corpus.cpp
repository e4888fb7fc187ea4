// Writes the seed corpus for fuzz_gguf: valid GGUF files of several shapes (hand-encoded and
// from gguf::Writer) and every hostile file of hostile_gguf.cpp. Run at build time so no
// binary file lives in git. Usage: make_gguf_corpus <output-dir>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "hostile_gguf.h"
#include "ponder/gguf.h"

namespace {

namespace fs = std::filesystem;
namespace pt = ponder::testing;
using ponder::TensorType;

bool writeFile(const fs::path& path, const std::vector<uint8_t>& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    return static_cast<bool>(out);
}

std::string fileNameFor(const std::string& name) {
    std::string out;
    for (char c : name)
        out += std::isalnum(static_cast<unsigned char>(c)) ? c : '-';
    return out;
}

// A model-like file with every metadata type and several tensor types.
std::vector<uint8_t> writerModel(uint32_t alignment) {
    ponder::gguf::Writer w(alignment);
    w.setString("general.architecture", "qwen3moe");
    w.setU32("qwen3moe.block_count", 1);
    w.setU32("qwen3moe.expert_count", 4);
    w.setU8("t.u8", 1);
    w.setI8("t.i8", -1);
    w.setU16("t.u16", 2);
    w.setI16("t.i16", -2);
    w.setI32("t.i32", -3);
    w.setU64("t.u64", 4);
    w.setI64("t.i64", -4);
    w.setF32("t.f32", 0.5f);
    w.setF64("t.f64", 0.25);
    w.setBool("t.bool", true);
    w.setF32Array("t.f32s", {1, 2});
    w.setI32Array("t.i32s", {1, -1});
    w.setU32Array("t.u32s", {7});
    w.setBoolArray("t.bools", {true, false});
    w.setStringArray("tokenizer.ggml.tokens", {"<s>", "</s>", "a", "b"});
    struct Spec {
        const char* name;
        TensorType type;
        std::vector<uint64_t> ne;
        size_t bytes;
    };
    const Spec specs[] = {
        {"token_embd.weight", TensorType::F32, {4, 4}, 64},
        {"blk.0.ffn_gate_exps.weight", TensorType::Q4_K, {256, 1, 4}, 4 * 144},
        {"blk.0.attn_q.weight", TensorType::Q8_0, {32, 2}, 2 * 34},
        {"blk.0.ffn_down_exps.weight", TensorType::MXFP4, {32, 1, 4}, 4 * 17},
        {"output_norm.weight", TensorType::F16, {4}, 8},
    };
    for (const auto& s : specs) {
        if (!w.addTensor(s.name, s.type, s.ne, std::vector<uint8_t>(s.bytes, 0x11))) return {};
    }
    return w.toBytes();
}

std::vector<uint8_t> vocabulary() {
    ponder::gguf::Writer w;
    std::vector<std::string> tokens, merges;
    std::vector<float> scores;
    std::vector<int32_t> types;
    for (int i = 0; i < 64; ++i) {
        tokens.push_back("tok" + std::to_string(i));
        scores.push_back(-static_cast<float>(i));
        types.push_back(1);
        merges.push_back("t ok" + std::to_string(i));
    }
    w.setString("general.architecture", "llama");
    w.setString("tokenizer.ggml.model", "gpt2");
    w.setStringArray("tokenizer.ggml.tokens", tokens);
    w.setF32Array("tokenizer.ggml.scores", scores);
    w.setI32Array("tokenizer.ggml.token_type", types);
    w.setStringArray("tokenizer.ggml.merges", merges);
    return w.toBytes();
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: make_gguf_corpus <output-dir>\n");
        return 2;
    }
    const fs::path dir = argv[1];
    std::error_code ec;
    fs::remove_all(dir, ec);  // stale seeds from older builds would linger otherwise
    fs::create_directories(dir, ec);
    if (ec) {
        std::fprintf(stderr, "make_gguf_corpus: cannot create %s: %s\n", dir.string().c_str(),
                     ec.message().c_str());
        return 1;
    }
    std::vector<std::pair<std::string, std::vector<uint8_t>>> seeds;
    seeds.emplace_back("valid-hand-encoded", pt::encodeGguf(pt::validRawGguf()));
    pt::RawGguf v2 = pt::validRawGguf();
    v2.version = 2;
    seeds.emplace_back("valid-version-2", pt::encodeGguf(v2));
    seeds.emplace_back("valid-writer-align-32", writerModel(32));
    seeds.emplace_back("valid-writer-align-64", writerModel(64));
    seeds.emplace_back("valid-vocabulary", vocabulary());
    for (auto& c : pt::hostileGgufCases())
        seeds.emplace_back("hostile-" + fileNameFor(c.name), std::move(c.bytes));

    for (const auto& [name, bytes] : seeds) {
        if (!writeFile(dir / (name + ".gguf"), bytes)) {
            std::fprintf(stderr, "make_gguf_corpus: cannot write %s\n", name.c_str());
            return 1;
        }
    }
    std::printf("make_gguf_corpus: wrote %zu seeds to %s\n", seeds.size(), dir.string().c_str());
    return 0;
}
