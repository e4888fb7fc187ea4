#include "scripted_model.h"

#include <cmath>
#include <cstring>

#include "ponder/gguf.h"

namespace ponder::testgen {
namespace {

constexpr uint32_t kEmbd = 64;   // one-hot width: script pieces + the "any other token" slot
constexpr uint32_t kFf = 64;
constexpr uint32_t kMaxPieces = kEmbd - 1;
constexpr float kLogitScale = 3.0f;  // the next piece's logit is 3*sqrt(64) = 24; others 0

// GPT-2's byte-to-unicode table: printable bytes map to themselves, the rest to U+0100+.
std::vector<std::string> byteTokens() {
    std::vector<std::string> out(256);
    int extra = 0;
    for (int b = 0; b < 256; ++b) {
        const bool printable = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
        const uint32_t cp = printable ? static_cast<uint32_t>(b) : 256u + static_cast<uint32_t>(extra++);
        std::string s;
        if (cp < 0x80) {
            s += static_cast<char>(cp);
        } else {
            s += static_cast<char>(0xC0 | (cp >> 6));
            s += static_cast<char>(0x80 | (cp & 0x3F));
        }
        out[b] = s;
    }
    return out;
}

// Encodes raw text as the byte-level token text the vocabulary stores.
std::string byteLevel(const std::string& text, const std::vector<std::string>& table) {
    std::string out;
    for (unsigned char c : text) out += table[c];
    return out;
}

std::vector<uint8_t> floatBytes(const std::vector<float>& v) {
    std::vector<uint8_t> out(v.size() * sizeof(float));
    std::memcpy(out.data(), v.data(), out.size());
    return out;
}

}  // namespace

std::vector<std::string> defaultScript() {
    return {
        "The user wants a greeting.",
        "\n\nStep 1: notice they said hello.",
        "\n\nStep 2: answer warmly and briefly.\n",
        "</think>",
        "\n\n",
        "Hello! ",
        "I am Ponder's scripted test model, ",
        "answering from a fixed script.",
    };
}

Result<void> writeScriptedModel(const std::filesystem::path& path, const std::vector<std::string>& pieces) {
    if (pieces.empty() || pieces.size() > kMaxPieces) {
        return makeError(ErrorCode::InvalidArgument, "a script needs 1 to 63 pieces");
    }
    // Vocabulary: 256 byte tokens, the R1 control tokens, then one entry per script piece.
    const std::vector<std::string> bytes = byteTokens();
    std::vector<std::string> tokens = bytes;
    std::vector<int32_t> types(256, 1);
    auto addToken = [&](const std::string& text, int32_t type) {
        tokens.push_back(text);
        types.push_back(type);
        return static_cast<uint32_t>(tokens.size() - 1);
    };
    const uint32_t bos = addToken("<｜begin▁of▁sentence｜>", 3);
    const uint32_t eos = addToken("<｜end▁of▁sentence｜>", 3);
    addToken("<｜User｜>", 3);
    addToken("<｜Assistant｜>", 3);
    addToken("<think>", 4);
    std::vector<uint32_t> pieceIds;
    for (const auto& p : pieces) pieceIds.push_back(addToken(byteLevel(p, bytes), 1));
    const auto nVocab = static_cast<uint32_t>(tokens.size());

    gguf::Writer w;
    w.setString("general.architecture", "llama");
    w.setString("general.name", "Ponder scripted test model");
    w.setU32("general.file_type", 0);
    w.setU32("llama.context_length", 4096);
    w.setU32("llama.embedding_length", kEmbd);
    w.setU32("llama.block_count", 1);
    w.setU32("llama.feed_forward_length", kFf);
    w.setU32("llama.attention.head_count", 4);
    w.setU32("llama.attention.head_count_kv", 4);
    w.setU32("llama.rope.dimension_count", kEmbd / 4);
    w.setF32("llama.attention.layer_norm_rms_epsilon", 1e-6f);
    w.setU32("llama.vocab_size", nVocab);
    w.setString("tokenizer.ggml.model", "gpt2");
    w.setString("tokenizer.ggml.pre", "deepseek-r1-qwen");
    w.setStringArray("tokenizer.ggml.tokens", tokens);
    w.setI32Array("tokenizer.ggml.token_type", types);
    w.setStringArray("tokenizer.ggml.merges", {"Ġ Ġ"});  // BPE needs at least one merge
    w.setU32("tokenizer.ggml.bos_token_id", bos);
    w.setU32("tokenizer.ggml.eos_token_id", eos);
    w.setBool("tokenizer.ggml.add_bos_token", true);
    w.setBool("tokenizer.ggml.add_eos_token", false);
    // Enough of R1's Jinja template for detection: the role markers and the opening <think>.
    w.setString("tokenizer.chat_template",
                "{{ bos_token }}{% for message in messages %}{% if message['role'] == 'user' %}"
                "{{ '<｜User｜>' + message['content'] }}{% else %}{{ '<｜Assistant｜>' + message['content'] + "
                "'<｜end▁of▁sentence｜>' }}{% endif %}{% endfor %}{% if add_generation_prompt %}"
                "{{ '<｜Assistant｜><think>\\n' }}{% endif %}");

    // Slot of each token: script pieces get slots 0..n-1, every other token the last slot.
    auto slotOf = [&](uint32_t token) -> uint32_t {
        for (size_t i = 0; i < pieceIds.size(); ++i) {
            if (pieceIds[i] == token) return static_cast<uint32_t>(i);
        }
        return kEmbd - 1;
    };
    std::vector<float> embd(size_t(kEmbd) * nVocab, 0.0f);  // [n_embd, n_vocab]
    for (uint32_t t = 0; t < nVocab; ++t) embd[size_t(t) * kEmbd + slotOf(t)] = 1.0f;
    std::vector<float> out(size_t(kEmbd) * nVocab, 0.0f);   // [n_embd, n_vocab]
    // Row of token u has weight on the slots whose successor is u.
    out[size_t(pieceIds[0]) * kEmbd + (kEmbd - 1)] = kLogitScale;
    for (size_t i = 0; i < pieceIds.size(); ++i) {
        const uint32_t next = i + 1 < pieceIds.size() ? pieceIds[i + 1] : eos;
        out[size_t(next) * kEmbd + i] = kLogitScale;
    }
    const std::vector<float> ones(kEmbd, 1.0f);
    const std::vector<float> zerosSquare(size_t(kEmbd) * kEmbd, 0.0f);
    const std::vector<float> zerosFf(size_t(kEmbd) * kFf, 0.0f);

    PONDER_TRY(w.addTensor("token_embd.weight", TensorType::F32, {kEmbd, nVocab}, floatBytes(embd)));
    PONDER_TRY(w.addTensor("output_norm.weight", TensorType::F32, {kEmbd}, floatBytes(ones)));
    PONDER_TRY(w.addTensor("output.weight", TensorType::F32, {kEmbd, nVocab}, floatBytes(out)));
    PONDER_TRY(w.addTensor("blk.0.attn_norm.weight", TensorType::F32, {kEmbd}, floatBytes(ones)));
    // Zero projections: attention and FFN add nothing, so the residual stream carries the
    // token's own embedding to the output head.
    for (const char* name : {"blk.0.attn_q.weight", "blk.0.attn_k.weight", "blk.0.attn_v.weight",
                             "blk.0.attn_output.weight"}) {
        PONDER_TRY(w.addTensor(name, TensorType::F32, {kEmbd, kEmbd}, floatBytes(zerosSquare)));
    }
    PONDER_TRY(w.addTensor("blk.0.ffn_norm.weight", TensorType::F32, {kEmbd}, floatBytes(ones)));
    PONDER_TRY(w.addTensor("blk.0.ffn_gate.weight", TensorType::F32, {kEmbd, kFf}, floatBytes(zerosFf)));
    PONDER_TRY(w.addTensor("blk.0.ffn_up.weight", TensorType::F32, {kEmbd, kFf}, floatBytes(zerosFf)));
    PONDER_TRY(w.addTensor("blk.0.ffn_down.weight", TensorType::F32, {kFf, kEmbd}, floatBytes(zerosFf)));
    return w.writeTo(path);
}

}  // namespace ponder::testgen
