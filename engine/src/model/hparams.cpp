#include "model/hparams.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ponder::model {

namespace {

// Generous ceilings: far above any released model, low enough that products of two of
// them cannot overflow 64 bits and a hostile file cannot ask for absurd buffers.
constexpr uint32_t kMaxLayers = 1024;
constexpr uint32_t kMaxWidth = 1u << 20;
constexpr uint32_t kMaxExperts = 512;  // llama.cpp's LLAMA_MAX_EXPERTS

Error keyError(const std::string& key, const Error& cause) {
    return makeError(cause.code == ErrorCode::Ok ? ErrorCode::InvalidFormat : cause.code,
                     "metadata key '" + key + "': " + cause.message);
}

}  // namespace

Error hparamError(const HyperParams& hp, const std::string& message) {
    return makeError(ErrorCode::InvalidFormat, hp.archName + " model: " + message);
}

Result<uint32_t> KeyReader::u32(const char* suffix) const {
    const std::string k = key(suffix);
    auto v = m_file.getUInt(k);
    if (!v) return keyError(k, v.error());
    if (*v > std::numeric_limits<uint32_t>::max()) {
        return makeError(ErrorCode::InvalidFormat, "metadata key '" + k + "' is too large: " + std::to_string(*v));
    }
    return uint32_t(*v);
}

Result<uint32_t> KeyReader::u32(const char* suffix, uint32_t fallback) const {
    if (!has(suffix)) return fallback;
    return u32(suffix);
}

Result<float> KeyReader::f32(const char* suffix) const {
    const std::string k = key(suffix);
    auto v = m_file.getFloat(k);
    if (!v) return keyError(k, v.error());
    if (!std::isfinite(*v)) return makeError(ErrorCode::InvalidFormat, "metadata key '" + k + "' is not finite");
    return float(*v);
}

Result<float> KeyReader::f32(const char* suffix, float fallback) const {
    if (!has(suffix)) return fallback;
    return f32(suffix);
}

Result<bool> KeyReader::boolean(const char* suffix, bool fallback) const {
    if (!has(suffix)) return fallback;
    const std::string k = key(suffix);
    auto v = m_file.getBool(k);
    if (!v) return keyError(k, v.error());
    return *v;
}

Result<std::string> KeyReader::string(const char* suffix, const std::string& fallback) const {
    if (!has(suffix)) return fallback;
    const std::string k = key(suffix);
    auto v = m_file.getString(k);
    if (!v) return keyError(k, v.error());
    return *v;
}

Result<std::vector<uint32_t>> KeyReader::perLayer(const char* suffix, uint32_t nLayer,
                                                  std::vector<uint32_t> fallback) const {
    const std::string k = key(suffix);
    const gguf::Value* v = m_file.find(k);
    if (!v) {
        if (fallback.size() != nLayer) return makeError(ErrorCode::InvalidFormat, "missing metadata key '" + k + "'");
        return fallback;
    }
    if (v->type != gguf::ValueType::Array) {
        auto one = u32(suffix);
        if (!one) return one.error();
        return std::vector<uint32_t>(nLayer, *one);
    }
    auto arr = m_file.getIntArray(k);
    if (!arr) return keyError(k, arr.error());
    if (arr->size() != nLayer) {
        return makeError(ErrorCode::InvalidFormat, "metadata key '" + k + "' has " + std::to_string(arr->size()) +
                                                       " entries, expected one per layer (" + std::to_string(nLayer) + ")");
    }
    std::vector<uint32_t> out;
    for (int64_t x : *arr) {
        if (x < 0 || x > int64_t(std::numeric_limits<uint32_t>::max())) {
            return makeError(ErrorCode::InvalidFormat, "metadata key '" + k + "' has an out-of-range entry");
        }
        out.push_back(uint32_t(x));
    }
    return out;
}

Result<void> readCommonHParams(const KeyReader& keys, HyperParams& hp) {
#define PONDER_READ(dst, expr)             \
    do {                                   \
        auto r_ = (expr);                  \
        if (!r_) return r_.error();        \
        dst = *r_;                         \
    } while (0)

    PONDER_READ(hp.nCtxTrain, keys.u32("context_length"));
    PONDER_READ(hp.nEmbd, keys.u32("embedding_length"));
    PONDER_READ(hp.nLayer, keys.u32("block_count"));
    if (hp.nLayer == 0 || hp.nLayer > kMaxLayers) {
        return hparamError(hp, "block_count " + std::to_string(hp.nLayer) + " is out of range (1.." +
                                   std::to_string(kMaxLayers) + ")");
    }
    PONDER_READ(hp.nExpert, keys.u32("expert_count", 0));
    PONDER_READ(hp.nExpertUsed, keys.u32("expert_used_count", 0));
    PONDER_READ(hp.nExpertGroups, keys.u32("expert_group_count", 0));
    PONDER_READ(hp.nGroupUsed, keys.u32("expert_group_used_count", 0));

    PONDER_READ(hp.nFf, keys.perLayer("feed_forward_length", hp.nLayer, std::vector<uint32_t>(hp.nLayer, 0)));
    PONDER_READ(hp.nHead, keys.perLayer("attention.head_count", hp.nLayer, {}));
    PONDER_READ(hp.nHeadKv, keys.perLayer("attention.head_count_kv", hp.nLayer, hp.nHead));
    for (uint32_t l = 0; l < hp.nLayer; ++l) {
        if (hp.nHead[l] == 0) return hparamError(hp, "layer " + std::to_string(l) + " has zero attention heads");
    }
    // Defaults as llama.cpp: head size n_embd / n_head (of layer 0), n_rot = head size.
    PONDER_READ(hp.headDimK, keys.u32("attention.key_length", hp.nEmbd / hp.nHead[0]));
    PONDER_READ(hp.headDimV, keys.u32("attention.value_length", hp.nEmbd / hp.nHead[0]));
    PONDER_READ(hp.nRot, keys.u32("rope.dimension_count", hp.headDimK));
    PONDER_READ(hp.normEps, keys.f32("attention.layer_norm_rms_epsilon"));

    PONDER_READ(hp.ropeFreqBase, keys.f32("rope.freq_base", 10000.0f));
    hp.ropeFreqBaseSwa = hp.ropeFreqBase;
    std::string scaling;
    PONDER_READ(scaling, keys.string("rope.scaling.type", "linear"));
    if (scaling == "none") hp.ropeScaling = RopeScalingType::None;
    else if (scaling == "linear") hp.ropeScaling = RopeScalingType::Linear;
    else if (scaling == "yarn") hp.ropeScaling = RopeScalingType::Yarn;
    else if (scaling == "longrope") hp.ropeScaling = RopeScalingType::LongRope;
    else return hparamError(hp, "unknown rope.scaling.type '" + scaling + "'");
    float factor = 0.0f;
    if (keys.has("rope.scaling.factor")) PONDER_READ(factor, keys.f32("rope.scaling.factor"));
    else PONDER_READ(factor, keys.f32("rope.scale_linear", 0.0f));
    if (factor < 0.0f) return hparamError(hp, "rope.scaling.factor is negative");
    hp.ropeFreqScale = factor == 0.0f ? 1.0f : 1.0f / factor;
    PONDER_READ(hp.nCtxOrigYarn, keys.u32("rope.scaling.original_context_length", hp.nCtxTrain));
    // Holds rope.scaling.attn_factor until resolveRopeScaling folds in YaRN's factor.
    PONDER_READ(hp.yarnAttnFactor, keys.f32("rope.scaling.attn_factor", 1.0f));
    // llama.cpp reads the yarn_ext_factor / beta keys for none of Ponder's architectures, so
    // neither does Ponder: the defaults (auto, 32, 1) apply.

    if (const gguf::Value* tokens = keys.file().find("tokenizer.ggml.tokens");
        tokens && tokens->type == gguf::ValueType::Array) {
        const auto& arr = std::get<gguf::ArrayValue>(tokens->data);
        hp.nVocab = uint32_t(std::min<size_t>(arr.items.size(), std::numeric_limits<uint32_t>::max()));
    } else if (const auto* embd = keys.file().findTensor("token_embd.weight")) {
        hp.nVocab = uint32_t(std::min<uint64_t>(embd->ne[1], std::numeric_limits<uint32_t>::max()));
    }
    return {};
#undef PONDER_READ
}

void resolveRopeScaling(HyperParams& hp) {
    if (hp.ropeScaling == RopeScalingType::None) hp.ropeFreqScale = 1.0f;
    hp.yarnExtFactor = hp.ropeScaling == RopeScalingType::Yarn ? 1.0f : 0.0f;
    const float ropeAttnFactor = hp.yarnAttnFactor;
    float attn = 1.0f;
    if (hp.yarnExtFactor != 0.0f) {
        const auto mscaleOf = [](float s, float m) { return s <= 1.0f ? 1.0f : 0.1f * m * std::log(s) + 1.0f; };
        const float factor = 1.0f / hp.ropeFreqScale;
        if (hp.yarnLogMultiplier != 0.0f) {
            const float mscaleAllDims = hp.yarnLogMultiplier;
            float mscale = 1.0f;
            if (hp.arch == Architecture::Deepseek2 && mscaleAllDims != 1.0f) mscale = mscaleAllDims;
            attn = mscaleOf(factor, mscale) / mscaleOf(factor, mscaleAllDims);
        } else {
            attn = mscaleOf(factor, 1.0f);
        }
        // ggml multiplies by 1 + 0.1 ln(s) again inside rope; llama.cpp cancels it here.
        attn *= 1.0f / (1.0f + 0.1f * std::log(factor));
    }
    hp.yarnAttnFactor = attn * ropeAttnFactor;
}

Result<void> validateHParams(const HyperParams& hp) {
    const auto bad = [&](const std::string& m) { return Result<void>(hparamError(hp, m)); };
    if (hp.nEmbd == 0 || hp.nEmbd > kMaxWidth) return bad("embedding_length " + std::to_string(hp.nEmbd) + " is out of range");
    if (hp.nCtxTrain == 0) return bad("context_length is zero");
    if (hp.nVocab == 0) return bad("the vocabulary is empty (no tokenizer.ggml.tokens and no token_embd.weight)");
    if (hp.nHead.size() != hp.nLayer || hp.nHeadKv.size() != hp.nLayer || hp.nFf.size() != hp.nLayer) {
        return bad("per-layer arrays do not match block_count");
    }
    for (uint32_t l = 0; l < hp.nLayer; ++l) {
        const std::string at = " in layer " + std::to_string(l);
        if (hp.nHead[l] == 0 || hp.nHead[l] > kMaxWidth) return bad("attention.head_count is out of range" + at);
        if (hp.nHeadKv[l] == 0) return bad("attention.head_count_kv is zero" + at);
        if (hp.nHead[l] % hp.nHeadKv[l] != 0) {
            return bad("attention.head_count " + std::to_string(hp.nHead[l]) + " is not a multiple of head_count_kv " +
                       std::to_string(hp.nHeadKv[l]) + at);
        }
        if (hp.nFf[l] > kMaxWidth) return bad("feed_forward_length is out of range" + at);
    }
    if (hp.headDimK == 0 || hp.headDimK > 65536 || hp.headDimV == 0 || hp.headDimV > 65536) {
        return bad("attention key/value length is zero or too large");
    }
    if (hp.ropeEnabled) {
        if (hp.nRot == 0 || hp.nRot % 2 != 0 || hp.nRot > hp.headDimK) {
            return bad("rope.dimension_count " + std::to_string(hp.nRot) + " must be even, non-zero and at most the key length " +
                       std::to_string(hp.headDimK));
        }
        if (!(hp.ropeFreqBase > 0.0f) || !(hp.ropeFreqScale > 0.0f)) return bad("rope.freq_base / scaling factor must be positive");
        if (hp.yarnExtFactor != 0.0f && hp.nCtxOrigYarn == 0) return bad("YaRN needs rope.scaling.original_context_length > 0");
    }
    if (!(hp.normEps > 0.0f)) return bad("attention.layer_norm_rms_epsilon must be positive");
    if (hp.nExpert > kMaxExperts) return bad("expert_count " + std::to_string(hp.nExpert) + " exceeds " + std::to_string(kMaxExperts));
    if (hp.nExpertUsed > hp.nExpert) {
        return bad("expert_used_count " + std::to_string(hp.nExpertUsed) + " exceeds expert_count " + std::to_string(hp.nExpert));
    }
    if (hp.nExpert > 0) {
        if (hp.nExpertUsed == 0) return bad("expert_used_count is zero in a mixture-of-experts model");
        if (hp.nExpertGroups > 1) {
            if (hp.nExpertGroups >= hp.nExpert || hp.nExpert % hp.nExpertGroups != 0) {
                return bad("expert_count must be a multiple of expert_group_count and larger than it");
            }
            if (hp.nGroupUsed == 0 || hp.nGroupUsed >= hp.nExpertGroups) {
                return bad("expert_group_used_count must be in 1..expert_group_count-1");
            }
        }
        if (hp.nFfExp == 0 || hp.nFfExp > kMaxWidth) return bad("the expert feed-forward width is zero or too large");
    } else if (hp.nExpertUsed != 0 || hp.nExpertGroups > 1) {
        return bad("expert_used_count / expert_group_count set in a dense model");
    }
    return {};
}

}  // namespace ponder::model
