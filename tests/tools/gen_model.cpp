// ponder-gen-model: writes a random model GGUF that Ponder and llama.cpp both load.
//   ponder-gen-model --arch qwen3moe --type q4_k --embd 256 --layers 2 --seed 7 --out m.gguf
//                    [--twin m-f32.gguf] [--heads 4] [--heads-kv 2] [--head-dim D] [--ff 256]
//                    [--experts 8] [--experts-used 2] [--ff-exp N] [--ff-shexp N] [--ctx 256]
//                    [--vocab 512 | --vocab-from ggml-vocab-qwen2.gguf] [--yarn FACTOR]
//                    [--rope-freqs] [--tied] [--attn-bias]
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

#include "model_gen.h"

namespace {

int usage(const char* why) {
    std::fprintf(stderr, "ponder-gen-model: %s\n", why);
    std::fprintf(stderr,
                 "usage: ponder-gen-model --arch A --out F [--type T] [--twin F32FILE] [--seed N] [--embd N]\n"
                 "       [--layers N] [--heads N] [--heads-kv N] [--head-dim N] [--ff N] [--experts N]\n"
                 "       [--experts-used N] [--ff-exp N] [--ff-shexp N] [--ctx N] [--vocab N]\n"
                 "       [--vocab-from GGUF] [--yarn FACTOR] [--rope-freqs] [--tied] [--attn-bias]\n"
                 "archs:");
    for (const auto& a : ponder::testgen::supportedArchs()) std::fprintf(stderr, " %s", a.c_str());
    std::fprintf(stderr, "\n");
    return 2;
}

bool toU32(const std::string& s, uint32_t& out) {
    char* end = nullptr;
    const unsigned long v = std::strtoul(s.c_str(), &end, 10);
    if (s.empty() || *end != '\0' || v > 0xFFFFFFFFul) return false;
    out = uint32_t(v);
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    std::map<std::string, std::string> opt;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a.rfind("--", 0) != 0) return usage(("unexpected argument " + a).c_str());
        a = a.substr(2);
        const bool flag = a == "rope-freqs" || a == "tied" || a == "attn-bias";
        if (flag) {
            opt[a] = "1";
        } else {
            if (i + 1 >= argc) return usage(("--" + a + " needs a value").c_str());
            opt[a] = argv[++i];
        }
    }
    ponder::testgen::ModelSpec spec;
    std::string out, twin;
    const std::map<std::string, uint32_t*> numbers = {
        {"embd", &spec.nEmbd},      {"layers", &spec.nLayer},        {"heads", &spec.nHead},
        {"heads-kv", &spec.nHeadKv}, {"head-dim", &spec.headDim},    {"ff", &spec.nFf},
        {"experts", &spec.nExpert}, {"experts-used", &spec.nExpertUsed}, {"ff-exp", &spec.nFfExp},
        {"ff-shexp", &spec.nFfShexp}, {"ctx", &spec.nCtx},           {"vocab", &spec.nVocab},
    };
    for (const auto& [k, v] : opt) {
        if (auto it = numbers.find(k); it != numbers.end()) {
            if (!toU32(v, *it->second)) return usage(("--" + k + " expects a number").c_str());
        } else if (k == "arch") {
            spec.arch = v;
        } else if (k == "type") {
            auto t = ponder::tensorTypeFromName(v);
            if (!t) return usage(("unknown type " + v).c_str());
            spec.type = *t;
        } else if (k == "seed") {
            spec.seed = std::strtoull(v.c_str(), nullptr, 10);
        } else if (k == "out") {
            out = v;
        } else if (k == "twin") {
            twin = v;
        } else if (k == "vocab-from") {
            spec.borrowVocab = v;
        } else if (k == "yarn") {
            spec.yarnFactor = std::strtof(v.c_str(), nullptr);
        } else if (k == "rope-freqs") {
            spec.ropeFreqs = true;
        } else if (k == "tied") {
            spec.tiedOutput = true;
        } else if (k == "attn-bias") {
            spec.attnBiases = true;
        } else {
            return usage(("unknown option --" + k).c_str());
        }
    }
    if (out.empty()) return usage("--out is required");
    auto ok = ponder::testgen::writeModel(spec, out, twin);
    if (!ok) {
        std::fprintf(stderr, "ponder-gen-model: %s\n", ok.error().message.c_str());
        return 1;
    }
    std::printf("%s\n", out.c_str());
    return 0;
}
