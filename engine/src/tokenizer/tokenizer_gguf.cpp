// Reading the tokenizer keys of a GGUF file into a TokenizerVocab (engine-spec.md 4.1).
#include "ponder/gguf.h"
#include "ponder/tokenizer.h"

namespace ponder {

namespace {

Result<std::optional<int64_t>> optionalId(const gguf::File& file, const char* key) {
    if (!file.find(key)) return std::optional<int64_t>{};
    auto v = file.getUInt(key);
    if (!v) return v.error();
    return std::optional<int64_t>(static_cast<int64_t>(*v));
}

Result<std::optional<bool>> optionalBool(const gguf::File& file, const char* key) {
    if (!file.find(key)) return std::optional<bool>{};
    auto v = file.getBool(key);
    if (!v) return v.error();
    return std::optional<bool>(*v);
}

}  // namespace

Result<std::unique_ptr<Tokenizer>> Tokenizer::fromGguf(const gguf::File& file) {
    TokenizerVocab v;
    auto model = file.getString("tokenizer.ggml.model");
    if (!model) return model.error();
    v.model = *model;
    if (file.find("tokenizer.ggml.pre")) {
        auto pre = file.getString("tokenizer.ggml.pre");
        if (!pre) return pre.error();
        v.pre = *pre;
    }
    auto tokens = file.getStringArray("tokenizer.ggml.tokens");
    if (!tokens) return tokens.error();
    v.tokens = std::move(tokens.value());

    if (file.find("tokenizer.ggml.token_type")) {
        auto types = file.getIntArray("tokenizer.ggml.token_type");
        if (!types) return types.error();
        v.types.reserve(types->size());
        for (int64_t x : *types) v.types.push_back(static_cast<int32_t>(x));
    }
    if (file.find("tokenizer.ggml.scores")) {
        // llama.cpp accepts f32 or i32 scores.
        auto scores = file.getFloatArray("tokenizer.ggml.scores");
        if (scores) {
            for (double x : *scores) v.scores.push_back(static_cast<float>(x));
        } else {
            auto ints = file.getIntArray("tokenizer.ggml.scores");
            if (!ints) return scores.error();
            for (int64_t x : *ints) v.scores.push_back(static_cast<float>(x));
        }
    }
    if (file.find("tokenizer.ggml.merges")) {
        auto merges = file.getStringArray("tokenizer.ggml.merges");
        if (!merges) return merges.error();
        v.merges = std::move(merges.value());
    }

    struct IdKey {
        std::optional<int64_t>* target;
        const char* key;
    };
    const IdKey ids[] = {
        {&v.bos, "tokenizer.ggml.bos_token_id"},
        {&v.eos, "tokenizer.ggml.eos_token_id"},
        {&v.eot, "tokenizer.ggml.eot_token_id"},
        {&v.eom, "tokenizer.ggml.eom_token_id"},
        {&v.unk, "tokenizer.ggml.unknown_token_id"},
        {&v.sep, "tokenizer.ggml.seperator_token_id"},  // sic, the key's spelling
        {&v.pad, "tokenizer.ggml.padding_token_id"},
        {&v.mask, "tokenizer.ggml.mask_token_id"},
        {&v.fimPre, "tokenizer.ggml.fim_pre_token_id"},
        {&v.fimSuf, "tokenizer.ggml.fim_suf_token_id"},
        {&v.fimMid, "tokenizer.ggml.fim_mid_token_id"},
        {&v.fimPad, "tokenizer.ggml.fim_pad_token_id"},
        {&v.fimRep, "tokenizer.ggml.fim_rep_token_id"},
        {&v.fimSep, "tokenizer.ggml.fim_sep_token_id"},
        // Older converters wrote these names; llama.cpp reads them after the new ones.
        {&v.fimPre, "tokenizer.ggml.prefix_token_id"},
        {&v.fimSuf, "tokenizer.ggml.suffix_token_id"},
        {&v.fimMid, "tokenizer.ggml.middle_token_id"},
    };
    for (const auto& id : ids) {
        auto value = optionalId(file, id.key);
        if (!value) return value.error();
        if (*value) *id.target = *value;
    }

    struct BoolKey {
        std::optional<bool>* target;
        const char* key;
    };
    const BoolKey flags[] = {
        {&v.addBos, "tokenizer.ggml.add_bos_token"},
        {&v.addEos, "tokenizer.ggml.add_eos_token"},
        {&v.addSpacePrefix, "tokenizer.ggml.add_space_prefix"},
    };
    for (const auto& flag : flags) {
        auto value = optionalBool(file, flag.key);
        if (!value) return value.error();
        *flag.target = *value;
    }
    return fromVocab(std::move(v));
}

}  // namespace ponder
