// From decoded metadata to a ready Tokenizer::Impl: model defaults, special ids, token
// attributes and the end-of-generation set, following llama.cpp's llama_vocab::load
// (engine-spec.md 4.1, 4.5) so that the same file behaves the same in both.
#include <algorithm>
#include <array>
#include <set>

#include "tokenizer/tokenizer_impl.h"

namespace ponder {

namespace {

using tok::kAttrControl;
using tok::kAttrNormal;
using tok::kAttrUnknown;
using tok::kAttrUnused;
using tok::kAttrUserDefined;

constexpr int32_t kNone = Tokenizer::kNoToken;

// Texts llama.cpp recognises when the file does not name the id (first present wins here;
// llama.cpp takes the first in hash-map order, which only differs when a vocabulary holds
// several of them and the file names none).
const std::vector<std::string> kEotTexts = {
    "<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>", "<|endoftext|>", "<|end_of_text|>",
    "<EOT>", "_<EOT>", "[EOT]", "<｜end▁of▁sentence｜>", "<end_of_utterance>"};
const std::vector<std::string> kEomTexts = {"<|eom_id|>"};
const std::vector<std::string> kFimPreTexts = {"<|fim_prefix|>", "<fim-prefix>", "<fim_prefix>", "<｜fim▁begin｜>",
                                               "<PRE>", "▁<PRE>", "<|code_prefix|>", "<|prefix|>"};
const std::vector<std::string> kFimSufTexts = {"<|fim_suffix|>", "<fim-suffix>", "<fim_suffix>", "<｜fim▁hole｜>",
                                               "<SUF>", "▁<SUF>", "<|code_suffix|>", "<|suffix|>"};
const std::vector<std::string> kFimMidTexts = {"<|fim_middle|>", "<fim-middle>", "<fim_middle>", "<｜fim▁end｜>",
                                               "<MID>", "▁<MID>", "<|code_middle|>", "<|middle|>"};
const std::vector<std::string> kFimPadTexts = {"<|fim_pad|>", "<fim-pad>", "<fim_pad>", "<PAD>", "[PAD]"};
const std::vector<std::string> kFimRepTexts = {"<|fim_repo|>", "<|repo_name|>", "<fim-repo>", "<REPO>", "<reponame>"};
const std::vector<std::string> kFimSepTexts = {"<|file_sep|>"};

// Every token with one of these texts ends generation (llama.cpp's special_eog_ids).
const std::vector<std::string> kEogTexts = {
    "<|eot_id|>", "<|im_end|>", "<|end|>", "<|return|>", "<|call|>", "<|flush|>", "<|calls|>",
    "<end_of_turn>", "<|endoftext|>", "</s>", "<|eom_id|>", "<EOT>", "_<EOT>", "[EOT]", "[EOS]",
    "<|end_of_text|>", "<end_of_utterance>", "<eos>", "<turn|>", "<|tool_response>",
    "<｜end▁of▁sentence｜>", "[e~["};

}  // namespace

Result<std::unique_ptr<Tokenizer::Impl>> buildTokenizerImpl(TokenizerVocab v) {
    auto impl = std::make_unique<Tokenizer::Impl>();
    Tokenizer::Impl& t = *impl;
    tok::VocabData& vocab = t.vocab;

    const size_t n = v.tokens.size();
    if (n == 0) return makeError(ErrorCode::InvalidFormat, "tokenizer.ggml.tokens is missing or empty");
    if (n >= static_cast<size_t>(INT32_MAX)) return makeError(ErrorCode::InvalidFormat, "vocabulary too large");
    if (!v.types.empty() && v.types.size() < n) {
        return makeError(ErrorCode::InvalidFormat, "tokenizer.ggml.token_type has fewer entries than tokens");
    }
    if (!v.scores.empty() && v.scores.size() < n) {
        return makeError(ErrorCode::InvalidFormat, "tokenizer.ggml.scores has fewer entries than tokens");
    }

    // Model type and its defaults.
    if (v.model == "gpt2") {
        t.bpe = true;
        const tok::PreTokenizerTraits* traits = tok::findPreTokenizer(v.pre);
        if (!traits) {
            return makeError(ErrorCode::Unsupported, "pre-tokenizer '" + v.pre + "' is not supported");
        }
        if (v.pre.empty()) {
            t.warnings.push_back("tokenizer.ggml.pre is missing: using the 'default' pre-tokenizer, which "
                                 "probably splits text differently from the model's own tokenizer");
        }
        t.preName = v.pre.empty() ? "default" : v.pre;
        auto pre = tok::PreTokenizer::create(traits->family);
        if (!pre) return pre.error();
        t.pre = std::move(pre.value());
        t.cleanSpaces = traits->cleanSpaces;
        t.ignoreMerges = traits->ignoreMerges;
        t.addBos = traits->addBos;
        t.bos = traits->noDefaultBos ? kNone : 11;  // llama.cpp's gpt2 defaults
        t.eos = 11;
        if (v.merges.empty()) return makeError(ErrorCode::InvalidFormat, "tokenizer.ggml.merges is missing");
        for (size_t i = 0; i < v.merges.size(); ++i) t.ranks.add(v.merges[i], static_cast<int32_t>(i));
    } else if (v.model == "llama") {
        t.bpe = false;
        t.bos = 1;
        t.eos = 2;
        t.unk = 0;
        t.addSpacePrefix = true;
        t.addBos = true;
    } else {
        return makeError(ErrorCode::Unsupported, "tokenizer model '" + v.model + "' is not supported");
    }
    if (v.addSpacePrefix) t.addSpacePrefix = *v.addSpacePrefix;

    // Tokens, attributes, scores.
    vocab.text.resize(n);
    vocab.attr.resize(n, kAttrNormal);
    vocab.fileType.resize(n, static_cast<int32_t>(TokenType::Normal));
    vocab.score.resize(n, 0.0f);
    vocab.byText.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        std::string& word = v.tokens[i];
        if (word.empty()) word = "[EMPTY_" + std::to_string(i) + "]";  // as llama.cpp, so lookups stay unique
        vocab.byText[word] = static_cast<int32_t>(i);
        vocab.text[i] = std::move(word);
        if (!v.types.empty()) {
            vocab.fileType[i] = v.types[i];
            vocab.attr[i] = tok::attrFromType(v.types[i]);
        }
        if (!v.scores.empty()) vocab.score[i] = v.scores[i];
    }
    if (vocab.byText.size() != n) {
        return makeError(ErrorCode::InvalidFormat, "tokenizer.ggml.tokens holds the same text twice");
    }

    // Special ids: defaults out of range are dropped, file values out of range ignored.
    const auto count = static_cast<int64_t>(n);
    auto setId = [&](int32_t& id, const std::optional<int64_t>& fileId, const char* key) {
        if (id >= count) id = kNone;
        if (!fileId) return;
        if (*fileId < 0 || *fileId >= count) {
            t.warnings.push_back(std::string("tokenizer.ggml.") + key + " = " + std::to_string(*fileId) +
                                 " is outside the vocabulary; ignored");
            return;
        }
        id = static_cast<int32_t>(*fileId);
    };
    setId(t.bos, v.bos, "bos_token_id");
    setId(t.eos, v.eos, "eos_token_id");
    setId(t.eot, v.eot, "eot_token_id");
    setId(t.eom, v.eom, "eom_token_id");
    setId(t.unk, v.unk, "unknown_token_id");
    setId(t.sep, v.sep, "seperator_token_id");
    setId(t.pad, v.pad, "padding_token_id");
    setId(t.mask, v.mask, "mask_token_id");
    setId(t.fimPre, v.fimPre, "fim_pre_token_id");
    setId(t.fimSuf, v.fimSuf, "fim_suf_token_id");
    setId(t.fimMid, v.fimMid, "fim_mid_token_id");
    setId(t.fimPad, v.fimPad, "fim_pad_token_id");
    setId(t.fimRep, v.fimRep, "fim_rep_token_id");
    setId(t.fimSep, v.fimSep, "fim_sep_token_id");
    if (v.addBos) t.addBos = *v.addBos;
    if (v.addEos) t.addEos = *v.addEos;

    // Ids the file leaves out are found by their text; such tokens always act as control.
    auto detect = [&](int32_t& id, const std::vector<std::string>& texts) {
        if (id != kNone) return;
        for (const auto& text : texts) {
            const int32_t found = vocab.find(text);
            if (found == kNone) continue;
            id = found;
            vocab.attr[static_cast<size_t>(found)] |= kAttrControl;
            return;
        }
    };
    detect(t.eot, kEotTexts);
    detect(t.eom, kEomTexts);
    detect(t.fimPre, kFimPreTexts);
    detect(t.fimSuf, kFimSufTexts);
    detect(t.fimMid, kFimMidTexts);
    detect(t.fimPad, kFimPadTexts);
    detect(t.fimRep, kFimRepTexts);
    detect(t.fimSep, kFimSepTexts);

    for (size_t i = 0; i < n; ++i) {
        if ((vocab.attr[i] & kAttrControl) && vocab.text[i].find("unused") != std::string::npos) {
            vocab.attr[i] |= kAttrUnused;
        }
    }

    // End of generation.
    std::set<int32_t> eog;
    for (int32_t id : {t.fimPad, t.fimRep, t.fimSep}) {
        if (id != kNone) eog.insert(id);
    }
    for (const auto& text : kEogTexts) {
        const int32_t id = vocab.find(text);
        if (id == kNone) continue;
        eog.insert(id);
        vocab.attr[static_cast<size_t>(id)] |= kAttrControl;
    }
    // gpt-oss (harmony): these structure tokens are always rendered so the output can be parsed.
    for (const char* text : {"<|channel|>", "<|message|>", "<|start|>", "<|constrain|>"}) {
        const int32_t id = vocab.find(text);
        if (id != kNone) vocab.attr[static_cast<size_t>(id)] = kAttrUserDefined;
    }
    for (int32_t id : {t.eos, t.eot, t.eom}) {
        if (id != kNone) eog.insert(id);
    }
    auto eogHas = [&](const char* text) {
        const int32_t id = vocab.find(text);
        return id != kNone && eog.count(id) ? id : kNone;
    };
    // In harmony <|end|> only closes a message; the turn ends with <|return|> or <|call|>.
    const int32_t endId = eogHas("<|end|>");
    const bool hasCall = eogHas("<|call|>") != kNone || eogHas("<|calls|>") != kNone;
    if (endId != kNone && hasCall && (eogHas("<|return|>") != kNone || eogHas("<|flush|>") != kNone)) {
        eog.erase(endId);
        vocab.attr[static_cast<size_t>(endId)] = kAttrUserDefined;
    }
    // Gemma 4 uses </s> as ordinary text.
    const int32_t closeS = eogHas("</s>");
    if (closeS != kNone && eogHas("<|tool_response>") != kNone) {
        eog.erase(closeS);
        vocab.attr[static_cast<size_t>(closeS)] = kAttrNormal;
    }
    t.eog.assign(eog.begin(), eog.end());

    // Tokens cut out of the text before pre-tokenization, longest first. std::sort (not a
    // stable sort) on the ids in increasing order, as llama.cpp does, so equally long tokens
    // that overlap in a text are tried in the same order with the same standard library.
    for (int32_t id = 0; id < static_cast<int32_t>(n); ++id) {
        if (vocab.attr[static_cast<size_t>(id)] & (kAttrControl | kAttrUserDefined | kAttrUnknown)) {
            t.specials.push_back(id);
        }
    }
    std::sort(t.specials.begin(), t.specials.end(), [&](int32_t a, int32_t b) {
        return vocab.text[static_cast<size_t>(a)].size() > vocab.text[static_cast<size_t>(b)].size();
    });
    return impl;
}

}  // namespace ponder
