#include "model_gen.h"

#include <cmath>
#include <cstring>
#include <functional>
#include <map>

#include "model_gen_moe_arch.h"
#include "model_gen_vocab.h"
#include "ponder/gguf.h"
#include "quant/quant.h"

namespace ponder::testgen {

namespace {

// splitmix64: tiny, fast, identical on every platform (std:: distributions are not).
struct Rng {
    uint64_t s;
    uint64_t next() {
        uint64_t z = (s += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    double uniform() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
    float normal() {
        const double u1 = uniform() + 1e-300, u2 = uniform();
        return float(std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2));
    }
};

uint64_t nameHash(const std::string& s) {
    uint64_t h = 1469598103934665603ull;  // FNV-1a
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    return h;
}

// general.file_type for a dominant tensor type (informational for llama.cpp).
uint32_t fileTypeOf(TensorType t) {
    static const std::map<TensorType, uint32_t> k = {
        {TensorType::F32, 0},   {TensorType::F16, 1},    {TensorType::Q4_0, 2},   {TensorType::Q4_1, 3},
        {TensorType::Q8_0, 7},  {TensorType::Q5_0, 8},   {TensorType::Q5_1, 9},   {TensorType::Q2_K, 10},
        {TensorType::Q3_K, 12}, {TensorType::Q4_K, 15},  {TensorType::Q5_K, 17},  {TensorType::Q6_K, 18},
        {TensorType::IQ4_NL, 25}, {TensorType::IQ4_XS, 30}, {TensorType::BF16, 32}, {TensorType::MXFP4, 38},
    };
    auto it = k.find(t);
    return it == k.end() ? 1024u : it->second;  // 1024 = "guessed"
}

struct Gen {
    const ModelSpec& spec;
    gguf::Writer& main;
    gguf::Writer& twin;

    // A tensor of `type` with normal(0, std) + mean entries; the twin gets the dequantized
    // values so both files describe exactly the same function.
    Result<void> add(const std::string& name, std::vector<uint64_t> ne, TensorType type, float stddev,
                     float mean = 0.0f) {
        for (const auto& omit : spec.omitTensors) {
            if (omit == name) return {};
        }
        uint64_t n = 1;
        for (uint64_t d : ne) n *= d;
        Rng rng{spec.seed * 0x2545F4914F6CDD1Dull ^ nameHash(name)};
        std::vector<float> values(n);
        for (auto& v : values) v = mean + stddev * rng.normal();

        const auto info = tensorTypeInfo(type);
        if (ne[0] % info.blockElements != 0) {
            return makeError(ErrorCode::InvalidArgument, "tensor '" + name + "': row length " + std::to_string(ne[0]) +
                                                             " is not a multiple of the " + std::string(info.name) +
                                                             " block (" + std::to_string(info.blockElements) + ")");
        }
        const size_t rowBytes = quant::rowBytes(type, ne[0]);
        const uint64_t rows = n / ne[0];
        std::vector<uint8_t> bytes(rowBytes * rows);
        std::vector<float> exact(n);
        for (uint64_t r = 0; r < rows; ++r) {
            PONDER_TRY(quant::quantize(type, values.data() + r * ne[0], bytes.data() + r * rowBytes, ne[0]));
            PONDER_TRY(quant::dequantize(type, bytes.data() + r * rowBytes, exact.data() + r * ne[0], ne[0]));
        }
        std::vector<uint8_t> twinBytes(n * sizeof(float));
        std::memcpy(twinBytes.data(), exact.data(), twinBytes.size());
        PONDER_TRY(main.addTensor(name, type, ne, std::move(bytes)));
        PONDER_TRY(twin.addTensor(name, TensorType::F32, ne, std::move(twinBytes)));
        return {};
    }
    Result<void> matrix(const std::string& name, std::vector<uint64_t> ne, float stddev) {
        return add(name, std::move(ne), spec.type, stddev);
    }
    Result<void> norm(const std::string& name, uint64_t n) { return add(name, {n}, TensorType::F32, 0.1f, 1.0f); }
    Result<void> bias(const std::string& name, uint64_t n) { return add(name, {n}, TensorType::F32, 0.1f); }
};

std::string blk(uint32_t l, const char* s) { return "blk." + std::to_string(l) + "." + s; }

}  // namespace

std::string ggufArchName(const std::string& arch) { return arch == "mixtral" ? "llama" : arch; }

std::vector<std::string> supportedArchs() {
    return {"llama", "mixtral", "qwen2", "qwen3", "qwen3moe", "olmoe", "granitemoe", "deepseek2", "gpt-oss"};
}

ModelSpec tinyEmbeddingSpec(uint64_t seed) {
    ModelSpec spec;
    spec.arch = "qwen3";
    spec.nEmbd = 64;
    spec.nLayer = 2;
    spec.nHead = 4;
    spec.nHeadKv = 2;
    spec.nFf = 128;
    spec.nCtx = 512;
    spec.seed = seed;
    return spec;
}

Result<void> writeModel(const ModelSpec& specIn, const std::filesystem::path& path,
                        const std::filesystem::path& f32Twin) {
    ModelSpec spec = specIn;
    const std::string& a = spec.arch;
    // MLA and sink/window architectures have their own tensor lists (model_gen_moe_arch.cpp).
    if (a == "deepseek2" || a == "gpt-oss") return writeMoeArchModel(MoeArchSpec{spec, {}, {}}, path, f32Twin);
    bool known = false;
    for (const auto& s : supportedArchs()) known = known || s == a;
    if (!known) return makeError(ErrorCode::InvalidArgument, "unknown architecture '" + a + "'");
    const bool moe = a == "mixtral" || a == "qwen3moe" || a == "olmoe" || a == "granitemoe";
    if (moe) {
        if (spec.nExpert == 0) spec.nExpert = 8;
        if (spec.nExpertUsed == 0) spec.nExpertUsed = 2;
    } else {
        spec.nExpert = spec.nExpertUsed = 0;
    }
    if (spec.nHead == 0 || spec.nHeadKv == 0 || spec.nHead % spec.nHeadKv != 0) {
        return makeError(ErrorCode::InvalidArgument, "heads must be non-zero and n_head a multiple of n_head_kv");
    }
    const uint32_t hd = spec.headDim ? spec.headDim : spec.nEmbd / spec.nHead;
    const uint32_t nFfExp = a == "qwen3moe" && spec.nFfExp ? spec.nFfExp : spec.nFf;
    if (a == "olmoe" && (spec.nHeadKv != spec.nHead || spec.nHead * hd != spec.nEmbd)) {
        return makeError(ErrorCode::InvalidArgument, "olmoe needs n_head_kv == n_head and n_head*head_dim == n_embd");
    }
    if (a == "qwen2" && spec.nHead * hd != spec.nEmbd) {
        return makeError(ErrorCode::InvalidArgument, "qwen2 needs n_head*head_dim == n_embd");
    }

    gguf::Writer main, twin;
    const std::string arch = ggufArchName(a);
    const auto both = [&](const std::function<void(gguf::Writer&)>& f) { f(main); f(twin); };
    both([&](gguf::Writer& w) {
        w.setString("general.architecture", arch);
        w.setString("general.name", "ponder-random-" + a);
        const auto k = [&](const char* s) { return arch + "." + s; };
        w.setU32(k("context_length"), spec.nCtx);
        w.setU32(k("embedding_length"), spec.nEmbd);
        w.setU32(k("block_count"), spec.nLayer);
        w.setU32(k("feed_forward_length"), spec.nFf);
        w.setU32(k("attention.head_count"), spec.nHead);
        w.setU32(k("attention.head_count_kv"), spec.nHeadKv);
        w.setU32(k("attention.key_length"), hd);
        w.setU32(k("attention.value_length"), hd);
        w.setU32(k("rope.dimension_count"), hd);
        w.setF32(k("rope.freq_base"), spec.ropeFreqBase);
        w.setF32(k("attention.layer_norm_rms_epsilon"), spec.normEps);
        if (spec.yarnFactor > 0.0f) {
            w.setString(k("rope.scaling.type"), "yarn");
            w.setF32(k("rope.scaling.factor"), spec.yarnFactor);
            w.setU32(k("rope.scaling.original_context_length"), spec.yarnOrigCtx);
        }
        if (moe) {
            w.setU32(k("expert_count"), spec.nExpert);
            w.setU32(k("expert_used_count"), spec.nExpertUsed);
        }
        if (a == "qwen3moe") w.setU32(k("expert_feed_forward_length"), nFfExp);
        if (a == "granitemoe") {
            w.setF32(k("logit_scale"), 2.0f);
            w.setF32(k("residual_scale"), 0.5f);
            w.setF32(k("embedding_scale"), 2.0f);
            w.setF32(k("attention.scale"), 1.0f / float(hd));
            if (spec.nFfShexp) w.setU32(k("expert_shared_feed_forward_length"), spec.nFfShexp);
        }
    });
    if (spec.tweakMetadata) both(spec.tweakMetadata);
    main.setU32("general.file_type", fileTypeOf(spec.type));
    twin.setU32("general.file_type", 0);
    if (tensorTypeInfo(spec.type).blockElements > 1) main.setU32("general.quantization_version", 2);
    auto nVocab = writeVocab(main, twin, spec.nVocab, spec.borrowVocab);
    if (!nVocab) return nVocab.error();

    Gen g{spec, main, twin};
    const uint64_t E = spec.nEmbd, V = *nVocab, nQ = uint64_t(spec.nHead) * hd, nK = uint64_t(spec.nHeadKv) * hd;
    // Scales keep activations O(1) and the logits' standard deviation near 3 so that no
    // probability underflows in llama.cpp's softmax (oracle.md).
    const float logitGain = a == "granitemoe" ? 2.0f : 1.0f;  // undoes logit_scale
    // A tied embedding is also the output head, so it takes the head's scale (RMSNorm makes
    // the embedding's own magnitude irrelevant to the first layer).
    const bool tied = spec.tiedOutput && a != "olmoe";
    const float headStd = 3.0f * logitGain / std::sqrt(float(E));
    PONDER_TRY(g.matrix("token_embd.weight", {E, V}, tied ? headStd : 1.0f));
    PONDER_TRY(g.norm("output_norm.weight", E));
    if (!tied) PONDER_TRY(g.matrix("output.weight", {E, V}, headStd));
    if (spec.ropeFreqs && (a == "llama" || a == "mixtral")) {
        PONDER_TRY(g.add("rope_freqs.weight", {hd / 2}, TensorType::F32, 0.5f, 2.0f));
    }
    for (uint32_t l = 0; l < spec.nLayer; ++l) {
        PONDER_TRY(g.norm(blk(l, "attn_norm.weight"), E));
        PONDER_TRY(g.matrix(blk(l, "attn_q.weight"), {E, nQ}, 1.0f / std::sqrt(float(E))));
        PONDER_TRY(g.matrix(blk(l, "attn_k.weight"), {E, nK}, 1.0f / std::sqrt(float(E))));
        PONDER_TRY(g.matrix(blk(l, "attn_v.weight"), {E, nK}, 1.0f / std::sqrt(float(E))));
        PONDER_TRY(g.matrix(blk(l, "attn_output.weight"), {nQ, E}, 1.0f / std::sqrt(float(nQ))));
        if (a == "qwen2" || spec.attnBiases) {
            PONDER_TRY(g.bias(blk(l, "attn_q.bias"), nQ));
            PONDER_TRY(g.bias(blk(l, "attn_k.bias"), nK));
            PONDER_TRY(g.bias(blk(l, "attn_v.bias"), nK));
        }
        if (a == "qwen3" || a == "qwen3moe") {
            PONDER_TRY(g.norm(blk(l, "attn_q_norm.weight"), hd));
            PONDER_TRY(g.norm(blk(l, "attn_k_norm.weight"), hd));
        } else if (a == "olmoe") {
            PONDER_TRY(g.norm(blk(l, "attn_q_norm.weight"), nQ));
            PONDER_TRY(g.norm(blk(l, "attn_k_norm.weight"), nK));
        }
        PONDER_TRY(g.norm(blk(l, "ffn_norm.weight"), E));
        if (!moe) {
            PONDER_TRY(g.matrix(blk(l, "ffn_gate.weight"), {E, spec.nFf}, 1.0f / std::sqrt(float(E))));
            PONDER_TRY(g.matrix(blk(l, "ffn_up.weight"), {E, spec.nFf}, 1.0f / std::sqrt(float(E))));
            PONDER_TRY(g.matrix(blk(l, "ffn_down.weight"), {spec.nFf, E}, 1.0f / std::sqrt(float(spec.nFf))));
            continue;
        }
        const uint64_t X = spec.nExpert, F = nFfExp;
        // A router twice as sharp as the rest separates expert scores, so fewer positions
        // sit on a routing near-tie.
        PONDER_TRY(g.add(blk(l, "ffn_gate_inp.weight"), {E, X}, TensorType::F32, 2.0f / std::sqrt(float(E))));
        PONDER_TRY(g.matrix(blk(l, "ffn_gate_exps.weight"), {E, F, X}, 1.0f / std::sqrt(float(E))));
        PONDER_TRY(g.matrix(blk(l, "ffn_up_exps.weight"), {E, F, X}, 1.0f / std::sqrt(float(E))));
        PONDER_TRY(g.matrix(blk(l, "ffn_down_exps.weight"), {F, E, X}, 1.0f / std::sqrt(float(F))));
        if (a == "granitemoe" && spec.nFfShexp) {
            const uint64_t S = spec.nFfShexp;
            PONDER_TRY(g.matrix(blk(l, "ffn_gate_shexp.weight"), {E, S}, 1.0f / std::sqrt(float(E))));
            PONDER_TRY(g.matrix(blk(l, "ffn_up_shexp.weight"), {E, S}, 1.0f / std::sqrt(float(E))));
            PONDER_TRY(g.matrix(blk(l, "ffn_down_shexp.weight"), {S, E}, 1.0f / std::sqrt(float(S))));
        }
    }
    for (const auto& name : spec.extraTensors) PONDER_TRY(g.add(name, {32}, TensorType::F32, 1.0f));
    PONDER_TRY(main.writeTo(path));
    if (!f32Twin.empty()) PONDER_TRY(twin.writeTo(f32Twin));
    return {};
}

}  // namespace ponder::testgen
