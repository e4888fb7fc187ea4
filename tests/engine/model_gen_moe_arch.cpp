#include "model_gen_moe_arch.h"

#include <cmath>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "model_gen_vocab.h"
#include "ponder/gguf.h"
#include "quant/quant.h"

namespace ponder::testgen {

namespace {

// splitmix64 seeded per tensor name: the same spec always gives the same file, on every
// platform, whatever order tensors are written in.
struct Rng {
    uint64_t s;
    uint64_t next() {
        uint64_t z = (s += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    float normal() {  // Box-Muller
        const double u1 = (double(next() >> 11) + 1.0) / 9007199254740993.0;
        const double u2 = double(next() >> 11) / 9007199254740992.0;
        return float(std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2));
    }
};

uint64_t hashName(const std::string& s) {
    uint64_t h = 14695981039346656037ull;  // FNV-1a
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    return h;
}

std::string blk(uint32_t l, const char* suffix) { return "blk." + std::to_string(l) + "." + suffix; }

// IQ4_NL / IQ4_XS blocks filled at random. Every nibble indexes the non-linear codebook, so
// any bytes are valid data; only the F16 scale is chosen, for entries of about `sd`. (The
// reference IQ4 quantizers search many scales per block and take ~4 us per element in Debug
// builds, which made these types most of a test's run time.) Rows are 32 or 256 elements.
void randomIq4Row(TensorType type, Rng& rng, float sd, uint8_t* dst, uint64_t ne0) {
    constexpr float kCodebookRms = 67.0f;  // rms of kvalues_iq4nl
    const auto setF16 = [](uint8_t* p, float v) {
        const uint16_t h = quant::fp32ToFp16(v);
        std::memcpy(p, &h, 2);
    };
    const bool xs = type == TensorType::IQ4_XS;
    const uint64_t blockElems = xs ? 256 : 32, blockBytes = xs ? 136 : 18;
    for (uint64_t b = 0; b < ne0 / blockElems; ++b) {
        uint8_t* blk = dst + b * blockBytes;
        for (uint64_t i = 0; i < blockBytes; ++i) blk[i] = uint8_t(rng.next() >> 56);
        // IQ4_XS sub-block scales (ls - 32) are uniform in -32..31 here: rms about 18.5.
        setF16(blk, xs ? sd / (kCodebookRms * 18.5f) : sd / kCodebookRms);
    }
}

// Writes each tensor to the main file in its type and, dequantized, to the F32 twin.
struct Writer2 {
    const ModelSpec& spec;
    gguf::Writer& main;
    gguf::Writer& twin;

    Result<void> add(const std::string& name, std::vector<uint64_t> ne, TensorType type, float stddev,
                     float mean = 0.0f) {
        for (const auto& omit : spec.omitTensors) {
            if (omit == name) return {};
        }
        uint64_t n = 1;
        for (uint64_t x : ne) n *= x;
        const auto info = tensorTypeInfo(type);
        if (ne[0] % info.blockElements != 0) {
            return makeError(ErrorCode::InvalidArgument, "tensor '" + name + "': rows of " + std::to_string(ne[0]) +
                                                             " are not whole " + std::string(info.name) + " blocks");
        }
        Rng rng{spec.seed * 0x9E3779B97F4A7C15ull ^ hashName(name)};
        const bool iq4Type = type == TensorType::IQ4_NL || type == TensorType::IQ4_XS;
        std::vector<float> values(n);  // [rows][ne0]
        if (!iq4Type || mean != 0.0f) {
            for (auto& v : values) v = mean + stddev * rng.normal();
        }
        const size_t rowBytes = quant::rowBytes(type, ne[0]);
        const uint64_t rows = n / ne[0];
        std::vector<uint8_t> bytes(rowBytes * rows);
        std::vector<float> exact(n);  // what the quantized rows decode to
        const bool iq4 = iq4Type && mean == 0.0f;
        for (uint64_t r = 0; r < rows; ++r) {
            if (iq4) randomIq4Row(type, rng, stddev, bytes.data() + r * rowBytes, ne[0]);
            else PONDER_TRY(quant::quantize(type, values.data() + r * ne[0], bytes.data() + r * rowBytes, ne[0]));
            PONDER_TRY(quant::dequantize(type, bytes.data() + r * rowBytes, exact.data() + r * ne[0], ne[0]));
        }
        std::vector<uint8_t> twinBytes(n * sizeof(float));
        std::memcpy(twinBytes.data(), exact.data(), twinBytes.size());
        PONDER_TRY(main.addTensor(name, type, ne, std::move(bytes)));
        return twin.addTensor(name, TensorType::F32, std::move(ne), std::move(twinBytes));
    }
    // A weight matrix in the file's type (or its fallback), entries N(0, 1/ne0) so that every
    // projection keeps activations O(1).
    Result<void> matrix(const std::string& name, std::vector<uint64_t> ne, TensorType type) {
        const float sd = 1.0f / std::sqrt(float(ne[0]));
        const TensorType t = fallbackType(type, ne[0]);
        return add(name, std::move(ne), t, sd);
    }
    Result<void> norm(const std::string& name, uint64_t n) { return add(name, {n}, TensorType::F32, 0.1f, 1.0f); }
    Result<void> f32(const std::string& name, std::vector<uint64_t> ne, float sd) {
        return add(name, std::move(ne), TensorType::F32, sd);
    }
};

Result<void> writeDeepseek2Layers(Writer2& g, const MoeArchSpec& ms) {
    const ModelSpec& s = ms.base;
    const Deepseek2Options& o = ms.ds;
    const uint64_t E = s.nEmbd, H = s.nHead, kMla = uint64_t(o.nopeDim) + o.ropeDim, c = o.kvLoraRank;
    const TensorType t = s.type;
    for (uint32_t l = 0; l < s.nLayer; ++l) {
        PONDER_TRY(g.norm(blk(l, "attn_norm.weight"), E));
        if (o.qLoraRank > 0) {
            PONDER_TRY(g.matrix(blk(l, "attn_q_a.weight"), {E, o.qLoraRank}, t));
            PONDER_TRY(g.norm(blk(l, "attn_q_a_norm.weight"), o.qLoraRank));
            PONDER_TRY(g.matrix(blk(l, "attn_q_b.weight"), {o.qLoraRank, H * kMla}, t));
        } else {
            PONDER_TRY(g.matrix(blk(l, "attn_q.weight"), {E, H * kMla}, t));
        }
        PONDER_TRY(g.matrix(blk(l, "attn_kv_a_mqa.weight"), {E, c + o.ropeDim}, t));
        PONDER_TRY(g.norm(blk(l, "attn_kv_a_norm.weight"), c));
        if (o.absorbed) {
            PONDER_TRY(g.matrix(blk(l, "attn_k_b.weight"), {o.nopeDim, c, H}, o.kbType.value_or(t)));
            PONDER_TRY(g.matrix(blk(l, "attn_v_b.weight"), {c, o.valueDim, H}, o.vbType.value_or(t)));
        } else {
            PONDER_TRY(g.matrix(blk(l, "attn_kv_b.weight"), {c, H * (uint64_t(o.nopeDim) + o.valueDim)}, t));
        }
        PONDER_TRY(g.matrix(blk(l, "attn_output.weight"), {H * o.valueDim, E}, t));
        PONDER_TRY(g.norm(blk(l, "ffn_norm.weight"), E));
        if (l < o.leadingDense) {
            PONDER_TRY(g.matrix(blk(l, "ffn_gate.weight"), {E, s.nFf}, t));
            PONDER_TRY(g.matrix(blk(l, "ffn_up.weight"), {E, s.nFf}, t));
            PONDER_TRY(g.matrix(blk(l, "ffn_down.weight"), {s.nFf, E}, t));
            continue;
        }
        const uint64_t X = s.nExpert, F = s.nFfExp ? s.nFfExp : s.nFf, S = F * o.nShared;
        // A sharp router separates the experts' scores, so fewer positions sit on a near-tie.
        PONDER_TRY(g.f32(blk(l, "ffn_gate_inp.weight"), {E, X}, 2.0f / std::sqrt(float(E))));
        // A selection bias comparable to the sigmoid scores' spread changes which experts win.
        if (o.selectionBias) PONDER_TRY(g.f32(blk(l, "exp_probs_b.bias"), {X}, 0.3f));
        if (o.mergedGateUp) {
            PONDER_TRY(g.matrix(blk(l, "ffn_gate_up_exps.weight"), {E, 2 * F, X}, t));
        } else {
            PONDER_TRY(g.matrix(blk(l, "ffn_gate_exps.weight"), {E, F, X}, t));
            PONDER_TRY(g.matrix(blk(l, "ffn_up_exps.weight"), {E, F, X}, t));
        }
        PONDER_TRY(g.matrix(blk(l, "ffn_down_exps.weight"), {F, E, X}, t));
        PONDER_TRY(g.matrix(blk(l, "ffn_gate_shexp.weight"), {E, S}, t));
        PONDER_TRY(g.matrix(blk(l, "ffn_up_shexp.weight"), {E, S}, t));
        PONDER_TRY(g.matrix(blk(l, "ffn_down_shexp.weight"), {S, E}, t));
    }
    return {};
}

Result<void> writeGptOssLayers(Writer2& g, const MoeArchSpec& ms) {
    const ModelSpec& s = ms.base;
    const GptOssOptions& o = ms.oss;
    const uint64_t E = s.nEmbd, d = s.headDim ? s.headDim : s.nEmbd / s.nHead;
    const uint64_t nQ = s.nHead * d, nK = s.nHeadKv * d, X = s.nExpert, F = s.nFfExp ? s.nFfExp : s.nFf;
    const TensorType t = s.type, te = o.expertType.value_or(s.type);
    for (uint32_t l = 0; l < s.nLayer; ++l) {
        PONDER_TRY(g.norm(blk(l, "attn_norm.weight"), E));
        if (o.fusedQkv) {
            PONDER_TRY(g.matrix(blk(l, "attn_qkv.weight"), {E, nQ + 2 * nK}, t));
            PONDER_TRY(g.f32(blk(l, "attn_qkv.bias"), {nQ + 2 * nK}, 0.1f));
        } else {
            PONDER_TRY(g.matrix(blk(l, "attn_q.weight"), {E, nQ}, t));
            PONDER_TRY(g.matrix(blk(l, "attn_k.weight"), {E, nK}, t));
            PONDER_TRY(g.matrix(blk(l, "attn_v.weight"), {E, nK}, t));
            PONDER_TRY(g.f32(blk(l, "attn_q.bias"), {nQ}, 0.1f));
            PONDER_TRY(g.f32(blk(l, "attn_k.bias"), {nK}, 0.1f));
            PONDER_TRY(g.f32(blk(l, "attn_v.bias"), {nK}, 0.1f));
        }
        PONDER_TRY(g.matrix(blk(l, "attn_output.weight"), {nQ, E}, t));
        PONDER_TRY(g.f32(blk(l, "attn_output.bias"), {E}, 0.1f));
        // Sinks around the typical score so that they take a visible share of the softmax.
        PONDER_TRY(g.add(blk(l, "attn_sinks.weight"), {s.nHead}, TensorType::F32, 1.0f, 1.0f));
        PONDER_TRY(g.norm(blk(l, "post_attention_norm.weight"), E));
        PONDER_TRY(g.f32(blk(l, "ffn_gate_inp.weight"), {E, X}, 2.0f / std::sqrt(float(E))));
        PONDER_TRY(g.f32(blk(l, "ffn_gate_inp.bias"), {X}, 0.1f));
        // Gate and up get six times the usual gain so that about a tenth of their values
        // cross swiglu_oai's clamp at +-7 (only then is the clamp tested); down is scaled
        // down to keep the expert output O(1).
        PONDER_TRY(g.add(blk(l, "ffn_gate_exps.weight"), {E, F, X}, fallbackType(te, E), 6.0f / std::sqrt(float(E))));
        PONDER_TRY(g.add(blk(l, "ffn_up_exps.weight"), {E, F, X}, fallbackType(te, E), 6.0f / std::sqrt(float(E))));
        PONDER_TRY(g.add(blk(l, "ffn_down_exps.weight"), {F, E, X}, fallbackType(te, F), 0.1f / std::sqrt(float(F))));
        PONDER_TRY(g.f32(blk(l, "ffn_gate_exps.bias"), {F, X}, 0.1f));
        PONDER_TRY(g.f32(blk(l, "ffn_up_exps.bias"), {F, X}, 0.1f));
        PONDER_TRY(g.f32(blk(l, "ffn_down_exps.bias"), {E, X}, 0.1f));
    }
    return {};
}

void writeKeys(gguf::Writer& w, const MoeArchSpec& ms) {
    const ModelSpec& s = ms.base;
    const std::string& a = s.arch;
    const auto k = [&](const char* suffix) { return a + "." + suffix; };
    w.setString("general.architecture", a);
    w.setString("general.name", "ponder-random-" + a);
    w.setU32(k("context_length"), s.nCtx);
    w.setU32(k("embedding_length"), s.nEmbd);
    w.setU32(k("block_count"), s.nLayer);
    w.setU32(k("attention.head_count"), s.nHead);
    w.setF32(k("attention.layer_norm_rms_epsilon"), s.normEps);
    w.setF32(k("rope.freq_base"), s.ropeFreqBase);
    w.setU32(k("expert_count"), s.nExpert);
    w.setU32(k("expert_used_count"), s.nExpertUsed);
    w.setU32(k("expert_feed_forward_length"), s.nFfExp ? s.nFfExp : s.nFf);
    if (s.yarnFactor > 0.0f) {
        w.setString(k("rope.scaling.type"), "yarn");
        w.setF32(k("rope.scaling.factor"), s.yarnFactor);
        w.setU32(k("rope.scaling.original_context_length"), s.yarnOrigCtx);
    }
    if (a == "gpt-oss") {
        const uint32_t d = s.headDim ? s.headDim : s.nEmbd / s.nHead;
        const GptOssOptions& o = ms.oss;
        w.setU32(k("attention.head_count_kv"), s.nHeadKv);
        w.setU32(k("attention.key_length"), d);
        w.setU32(k("attention.value_length"), d);
        w.setU32(k("rope.dimension_count"), d);
        w.setU32(k("attention.sliding_window"), o.slidingWindow);
        if (o.swaPattern) w.setU32(k("attention.sliding_window_pattern"), o.swaPattern);
        if (o.ropeFreqBaseSwa > 0.0f) w.setF32(k("rope.freq_base_swa"), o.ropeFreqBaseSwa);
        return;
    }
    const Deepseek2Options& o = ms.ds;
    const uint32_t kMla = o.nopeDim + o.ropeDim;
    w.setU32(k("feed_forward_length"), s.nFf);
    w.setU32(k("leading_dense_block_count"), o.leadingDense);
    if (o.writeQLoraKey) w.setU32(k("attention.q_lora_rank"), o.qLoraRank);
    w.setU32(k("attention.kv_lora_rank"), o.kvLoraRank);
    w.setU32(k("rope.dimension_count"), o.ropeDim);
    if (o.absorbed) {
        w.setU32(k("attention.head_count_kv"), 1);
        w.setU32(k("attention.key_length"), o.kvLoraRank + o.ropeDim);
        w.setU32(k("attention.value_length"), o.kvLoraRank);
        w.setU32(k("attention.key_length_mla"), kMla);
        w.setU32(k("attention.value_length_mla"), o.valueDim);
    } else {
        w.setU32(k("attention.head_count_kv"), s.nHead);
        w.setU32(k("attention.key_length"), kMla);
        w.setU32(k("attention.value_length"), o.valueDim);
    }
    w.setU32(k("expert_shared_count"), o.nShared);
    if (o.gating) w.setU32(k("expert_gating_func"), o.gating);
    if (o.groups) {
        w.setU32(k("expert_group_count"), o.groups);
        w.setU32(k("expert_group_used_count"), o.groupsUsed);
    }
    if (o.weightsNorm) w.setBool(k("expert_weights_norm"), true);
    if (o.weightsScale != 0.0f) w.setF32(k("expert_weights_scale"), o.weightsScale);
    if (o.yarnLogMultiplier != 0.0f) w.setF32(k("rope.scaling.yarn_log_multiplier"), o.yarnLogMultiplier);
}

uint32_t fileTypeFor(TensorType t) {
    switch (t) {
        case TensorType::F32: return 0;
        case TensorType::F16: return 1;
        case TensorType::Q4_0: return 2;
        case TensorType::Q4_1: return 3;
        case TensorType::Q8_0: return 7;
        case TensorType::Q5_0: return 8;
        case TensorType::Q5_1: return 9;
        case TensorType::Q2_K: return 10;
        case TensorType::Q3_K: return 12;
        case TensorType::Q4_K: return 15;
        case TensorType::Q5_K: return 17;
        case TensorType::Q6_K: return 18;
        case TensorType::IQ4_NL: return 25;
        case TensorType::IQ4_XS: return 30;
        case TensorType::BF16: return 32;
        case TensorType::MXFP4: return 38;  // MXFP4_MOE
        default: return 1024;               // "guessed": informational only
    }
}

}  // namespace

TensorType fallbackType(TensorType wanted, uint64_t ne0) {
    if (ne0 % tensorTypeInfo(wanted).blockElements == 0) return wanted;
    TensorType t = wanted;
    switch (wanted) {
        case TensorType::IQ4_XS: t = TensorType::IQ4_NL; break;
        case TensorType::Q2_K:
        case TensorType::Q3_K: t = TensorType::Q4_0; break;
        case TensorType::Q4_K: t = TensorType::Q5_0; break;
        case TensorType::Q5_K: t = TensorType::Q5_1; break;
        case TensorType::Q6_K: t = TensorType::Q8_0; break;
        default: break;
    }
    return ne0 % tensorTypeInfo(t).blockElements == 0 ? t : TensorType::F16;
}

Result<void> writeMoeArchModel(const MoeArchSpec& specIn, const std::filesystem::path& path,
                               const std::filesystem::path& f32Twin) {
    MoeArchSpec ms = specIn;
    ModelSpec& s = ms.base;
    if (s.arch != "deepseek2" && s.arch != "gpt-oss") {
        return makeError(ErrorCode::InvalidArgument, "writeMoeArchModel: unknown architecture '" + s.arch + "'");
    }
    if (s.nExpert == 0) s.nExpert = 8;
    if (s.nExpertUsed == 0) s.nExpertUsed = 2;
    if (s.nHead == 0 || s.nHeadKv == 0 || s.nHead % s.nHeadKv != 0) {
        return makeError(ErrorCode::InvalidArgument, "heads must be non-zero and n_head a multiple of n_head_kv");
    }

    gguf::Writer main, twin;
    writeKeys(main, ms);
    writeKeys(twin, ms);
    if (s.tweakMetadata) {
        s.tweakMetadata(main);
        s.tweakMetadata(twin);
    }
    main.setU32("general.file_type", fileTypeFor(ms.oss.expertType.value_or(s.type)));
    twin.setU32("general.file_type", 0);
    if (tensorTypeInfo(s.type).blockElements > 1) main.setU32("general.quantization_version", 2);
    auto nVocab = writeVocab(main, twin, s.nVocab, s.borrowVocab);
    if (!nVocab) return nVocab.error();

    Writer2 g{s, main, twin};
    const uint64_t E = s.nEmbd, V = *nVocab;
    // Output head scaled for logits with a standard deviation near 3 (oracle.md: no
    // probability may underflow in llama.cpp's softmax).
    const float headSd = 3.0f / std::sqrt(float(E));
    const bool tied = s.tiedOutput && s.arch == "deepseek2";  // gpt-oss requires output.weight
    PONDER_TRY(g.add("token_embd.weight", {E, V}, fallbackType(s.type, E), tied ? headSd : 1.0f));
    PONDER_TRY(g.norm("output_norm.weight", E));
    if (!tied) PONDER_TRY(g.add("output.weight", {E, V}, fallbackType(s.type, E), headSd));
    if (s.arch == "deepseek2") PONDER_TRY(writeDeepseek2Layers(g, ms));
    else PONDER_TRY(writeGptOssLayers(g, ms));
    for (const auto& name : s.extraTensors) PONDER_TRY(g.add(name, {32}, TensorType::F32, 1.0f));
    PONDER_TRY(main.writeTo(path));
    if (!f32Twin.empty()) PONDER_TRY(twin.writeTo(f32Twin));
    return {};
}

}  // namespace ponder::testgen
