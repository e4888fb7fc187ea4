#include "model_gen_vocab.h"

#include <string>
#include <vector>

namespace ponder::testgen {

namespace {

// GPT-2's byte-to-unicode map: printable bytes map to themselves, the others to code
// points from U+0100 on, so every byte is a visible, distinct token string.
std::string byteToken(uint32_t byte) {
    uint32_t cp = byte;
    const bool printable = (byte >= 0x21 && byte <= 0x7E) || (byte >= 0xA1 && byte <= 0xAC) || (byte >= 0xAE);
    if (!printable) {
        uint32_t n = 0;
        for (uint32_t b = 0; b < byte; ++b) {
            const bool p = (b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE);
            if (!p) ++n;
        }
        cp = 256 + n;
    }
    std::string s;
    if (cp < 0x80) {
        s += char(cp);
    } else {
        s += char(0xC0 | (cp >> 6));
        s += char(0x80 | (cp & 0x3F));
    }
    return s;
}

struct Vocab {
    std::vector<std::string> tokens, merges;
    std::vector<int32_t> types;
    uint32_t special = 0;
};

// 256 byte tokens, then merges of two lowercase letters ("a b" -> "ab"), then one control
// token used as BOS/EOS. llama.cpp needs merges and a token list to load a gpt2 vocab.
Vocab syntheticVocab(uint32_t nVocab) {
    Vocab v;
    for (uint32_t b = 0; b < 256; ++b) {
        v.tokens.push_back(byteToken(b));
        v.types.push_back(1);  // normal
    }
    const uint32_t nExtra = nVocab - 257;
    for (uint32_t i = 0; i < nExtra; ++i) {
        if (i < 26 * 26) {
            const std::string left(1, char('a' + i / 26)), right(1, char('a' + i % 26));
            v.merges.push_back(left + " " + right);
            v.tokens.push_back(left + right);
        } else {
            // Past the two-letter merges, plain filler tokens keep the size as asked.
            v.tokens.push_back("<|filler_" + std::to_string(i) + "|>");
        }
        v.types.push_back(1);
    }
    v.special = uint32_t(v.tokens.size());
    v.tokens.push_back("<|endoftext|>");
    v.types.push_back(3);  // control
    return v;
}

void putSynthetic(gguf::Writer& w, const Vocab& v) {
    w.setString("tokenizer.ggml.model", "gpt2");
    w.setString("tokenizer.ggml.pre", "default");
    w.setStringArray("tokenizer.ggml.tokens", v.tokens);
    w.setI32Array("tokenizer.ggml.token_type", v.types);
    w.setStringArray("tokenizer.ggml.merges", v.merges);
    w.setU32("tokenizer.ggml.bos_token_id", v.special);
    w.setU32("tokenizer.ggml.eos_token_id", v.special);
    w.setBool("tokenizer.ggml.add_bos_token", false);
}

// Copies one metadata value with its exact type (llama.cpp checks key types strictly).
Result<void> copyValue(gguf::Writer& w, const std::string& key, const gguf::Value& v) {
    using T = gguf::ValueType;
    switch (v.type) {
        case T::U8: case T::U16: case T::U32: case T::U64: {
            const uint64_t x = std::get<uint64_t>(v.data);
            if (v.type == T::U8) w.setU8(key, uint8_t(x));
            else if (v.type == T::U16) w.setU16(key, uint16_t(x));
            else if (v.type == T::U32) w.setU32(key, uint32_t(x));
            else w.setU64(key, x);
            return {};
        }
        case T::I8: case T::I16: case T::I32: case T::I64: {
            const int64_t x = std::get<int64_t>(v.data);
            if (v.type == T::I8) w.setI8(key, int8_t(x));
            else if (v.type == T::I16) w.setI16(key, int16_t(x));
            else if (v.type == T::I32) w.setI32(key, int32_t(x));
            else w.setI64(key, x);
            return {};
        }
        case T::F32: w.setF32(key, float(std::get<double>(v.data))); return {};
        case T::F64: w.setF64(key, std::get<double>(v.data)); return {};
        case T::Bool: w.setBool(key, std::get<bool>(v.data)); return {};
        case T::String: w.setString(key, std::get<std::string>(v.data)); return {};
        case T::Array: break;
    }
    const auto& arr = std::get<gguf::ArrayValue>(v.data);
    switch (arr.elementType) {
        case T::String: {
            std::vector<std::string> s;
            for (const auto& it : arr.items) s.push_back(std::get<std::string>(it));
            w.setStringArray(key, std::move(s));
            return {};
        }
        case T::I32: {
            std::vector<int32_t> s;
            for (const auto& it : arr.items) s.push_back(int32_t(std::get<int64_t>(it)));
            w.setI32Array(key, std::move(s));
            return {};
        }
        case T::U32: {
            std::vector<uint32_t> s;
            for (const auto& it : arr.items) s.push_back(uint32_t(std::get<uint64_t>(it)));
            w.setU32Array(key, std::move(s));
            return {};
        }
        case T::F32: {
            std::vector<float> s;
            for (const auto& it : arr.items) s.push_back(float(std::get<double>(it)));
            w.setF32Array(key, std::move(s));
            return {};
        }
        case T::Bool: {
            std::vector<bool> s;
            for (const auto& it : arr.items) s.push_back(std::get<bool>(it));
            w.setBoolArray(key, std::move(s));
            return {};
        }
        default:
            return makeError(ErrorCode::Unsupported, "cannot copy array key '" + key + "'");
    }
}

}  // namespace

Result<uint32_t> writeVocab(gguf::Writer& a, gguf::Writer& b, uint32_t nVocab,
                            const std::filesystem::path& borrowFrom) {
    if (borrowFrom.empty()) {
        if (nVocab < 258) return makeError(ErrorCode::InvalidArgument, "synthetic vocabularies need >= 258 tokens");
        const Vocab v = syntheticVocab(nVocab);
        putSynthetic(a, v);
        putSynthetic(b, v);
        return uint32_t(v.tokens.size());
    }
    auto file = gguf::File::open(borrowFrom);
    if (!file) return file.error();
    uint32_t n = 0;
    for (const auto& [key, value] : (*file)->metadata()) {
        if (key.rfind("tokenizer.", 0) != 0) continue;
        PONDER_TRY(copyValue(a, key, value));
        PONDER_TRY(copyValue(b, key, value));
        if (key == "tokenizer.ggml.tokens") n = uint32_t(std::get<gguf::ArrayValue>(value.data).items.size());
    }
    if (n == 0) return makeError(ErrorCode::InvalidFormat, borrowFrom.string() + " has no tokenizer.ggml.tokens");
    return n;
}

}  // namespace ponder::testgen
