#include "ponder/tokenizer.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "tokenizer/tokenizer_impl.h"
#include "tokenizer/unicode.h"

namespace ponder {

namespace tok {

uint32_t attrFromType(int32_t type) {
    switch (static_cast<TokenType>(type)) {
    case TokenType::Normal: return kAttrNormal;
    case TokenType::Unknown: return kAttrUnknown;
    case TokenType::Control: return kAttrControl;
    case TokenType::UserDefined: return kAttrUserDefined;
    case TokenType::Unused: return kAttrUnused;
    case TokenType::Byte: return kAttrByte;
    case TokenType::Undefined: break;
    }
    return kAttrUndefined;
}

}  // namespace tok

namespace {

constexpr std::string_view kSpmSpace = "\xE2\x96\x81";  // U+2581 LOWER ONE EIGHTH BLOCK

// Copies into a new string: replacing in place would move the tail once per occurrence.
void replaceAll(std::string& s, std::string_view from, std::string_view to) {
    std::string out;
    out.reserve(s.size());
    size_t last = 0;
    for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, last)) {
        out.append(s, last, pos - last);
        out += to;
        last = pos + from.size();
    }
    out.append(s, last, std::string::npos);
    s = std::move(out);
}

// A byte-level BPE token's text back to bytes. A character outside the byte alphabet cannot
// come from a real vocabulary; llama.cpp writes it as a marker, kept here for equal output.
std::string decodeByteLevel(const std::string& text) {
    std::string out;
    for (uint32_t cp : tok::decodeUtf8Lenient(text)) {
        const int b = tok::unicodeToByte(cp);
        if (b >= 0) {
            out += static_cast<char>(b);
            continue;
        }
        std::string utf8;
        tok::appendUtf8(utf8, cp);
        out += "[UNK_BYTE_0x";
        for (unsigned char c : utf8) {
            char hex[3];
            std::snprintf(hex, sizeof(hex), "%02x", c);
            out += hex;
        }
        out += text + "]";
    }
    return out;
}

// llama.cpp's clean_up_tokenization_spaces, three in-place passes over the decoded text
// (reproduced step by step: each pass reads bytes the previous steps may have changed).
void cleanSpaces(std::string& text) {
    size_t total = text.size();
    // " ?", " !", " .", " ," lose the space.
    size_t end = total;
    total = total ? 1 : 0;
    for (size_t i = 1; i < end; ++i) {
        const char x = text[i];
        if (text[i - 1] == ' ' && (x == '?' || x == '!' || x == '.' || x == ',')) --total;
        text[total++] = x;
    }
    // " ' " loses both spaces.
    end = total;
    total = total ? 1 : 0;
    for (size_t i = 1; i < end; ++i) {
        const char x = text[i];
        if (x == '\'' && i + 1 < end && text[i - 1] == ' ' && text[i + 1] == ' ') {
            --total;
            text[++i] = '\0';
        }
        text[total++] = x;
    }
    // " 's", " 'm", " 're", " 've" lose the space.
    end = total;
    total = total ? 1 : 0;
    for (size_t i = 1; i < end; ++i) {
        const char x = text[i];
        if (text[i - 1] == ' ' && x == '\'' && i + 1 < end) {
            const char x1 = text[i + 1];
            if (x1 == 's' || x1 == 'm') {
                --total;
            } else if (x1 != 't' && x1 != 'd' && i + 2 < end) {
                const char x2 = text[i + 2];
                if ((x1 == 'r' && x2 == 'e') || (x1 == 'v' && x2 == 'e')) --total;
            }
        }
        text[total++] = x;
    }
    text.resize(total);
}

}  // namespace

std::string Tokenizer::Impl::piece(int32_t id, bool renderSpecial) const {
    if (!vocab.has(id)) return {};
    const uint32_t attr = vocab.attr[static_cast<size_t>(id)];
    if (!renderSpecial && (attr & (tok::kAttrUnknown | tok::kAttrControl))) return {};
    const std::string& text = vocab.text[static_cast<size_t>(id)];
    if (attr & (tok::kAttrUnknown | tok::kAttrControl | tok::kAttrUserDefined)) return text;
    if (attr & tok::kAttrNormal) {
        if (bpe) return decodeByteLevel(text);
        std::string out = text;
        replaceAll(out, kSpmSpace, " ");
        return out;
    }
    if ((attr & tok::kAttrByte) && text.size() >= 5) {  // "<0xAB>"
        const std::string hex = text.substr(3, 2);
        return std::string(1, static_cast<char>(std::strtol(hex.c_str(), nullptr, 16)));
    }
    return {};  // unused and undefined tokens stand for no text
}

Tokenizer::Tokenizer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Tokenizer::~Tokenizer() = default;

Result<std::unique_ptr<Tokenizer>> Tokenizer::fromVocab(TokenizerVocab vocab) {
    auto impl = buildTokenizerImpl(std::move(vocab));
    if (!impl) return impl.error();
    return std::unique_ptr<Tokenizer>(new Tokenizer(std::move(impl.value())));
}

std::vector<int32_t> Tokenizer::encode(std::string_view text, bool addSpecial, bool parseSpecial) const {
    const Impl& t = *m_impl;
    std::vector<int32_t> out;
    const auto fragments = tok::partitionSpecial(t.vocab, t.specials, text, parseSpecial);
    if (addSpecial && t.addBos && t.bos != kNoToken) out.push_back(t.bos);

    bool prevSpecial = true;  // SPM: a text fragment at the start or after a token gets a space
    for (const auto& f : fragments) {
        if (f.token != kNoToken) {
            out.push_back(f.token);
            prevSpecial = true;
            continue;
        }
        const std::string_view part = text.substr(f.offset, f.length);
        if (t.bpe) {
            std::string encoded;
            for (const std::string& word : t.pre->split(part)) {
                encoded.clear();
                for (unsigned char c : word) encoded += tok::byteToUnicode(c);
                tok::bpeEncodeWord(t.vocab, t.ranks, encoded, t.ignoreMerges, out);
            }
        } else {
            std::string escaped;
            if (t.addSpacePrefix && prevSpecial) escaped = " ";
            escaped.append(part);
            replaceAll(escaped, " ", kSpmSpace);
            tok::spmEncode(t.vocab, t.unk, escaped, out);
        }
        prevSpecial = false;
    }

    if (addSpecial && t.addEos && t.eos != kNoToken) out.push_back(t.eos);
    return out;
}

std::string Tokenizer::tokenToPiece(int32_t id, bool renderSpecial) const { return m_impl->piece(id, renderSpecial); }

std::string Tokenizer::decode(std::span<const int32_t> ids, bool renderSpecial) const {
    std::string out;
    bool stripSpace = m_impl->addSpacePrefix;  // only the first token's space, as llama.cpp
    for (int32_t id : ids) {
        std::string p = m_impl->piece(id, renderSpecial);
        if (stripSpace && !p.empty() && p[0] == ' ') p.erase(0, 1);
        stripSpace = false;
        out += p;
    }
    if (m_impl->cleanSpaces) cleanSpaces(out);
    return out;
}

int32_t Tokenizer::vocabSize() const { return m_impl->vocab.size(); }
bool Tokenizer::isByteLevelBpe() const { return m_impl->bpe; }
const std::string& Tokenizer::preTokenizer() const { return m_impl->preName; }

const std::string& Tokenizer::tokenText(int32_t id) const {
    static const std::string empty;
    return m_impl->vocab.has(id) ? m_impl->vocab.text[static_cast<size_t>(id)] : empty;
}

TokenType Tokenizer::tokenType(int32_t id) const {
    return m_impl->vocab.has(id) ? static_cast<TokenType>(m_impl->vocab.fileType[static_cast<size_t>(id)])
                                 : TokenType::Undefined;
}

bool Tokenizer::isControl(int32_t id) const {
    return m_impl->vocab.has(id) && (m_impl->vocab.attr[static_cast<size_t>(id)] & tok::kAttrControl);
}

bool Tokenizer::isEndOfGeneration(int32_t id) const {
    return std::binary_search(m_impl->eog.begin(), m_impl->eog.end(), id);
}

std::vector<int32_t> Tokenizer::endOfGenerationIds() const { return m_impl->eog; }
int32_t Tokenizer::bos() const { return m_impl->bos; }
int32_t Tokenizer::eos() const { return m_impl->eos; }
int32_t Tokenizer::eot() const { return m_impl->eot; }
int32_t Tokenizer::pad() const { return m_impl->pad; }
int32_t Tokenizer::unk() const { return m_impl->unk; }
bool Tokenizer::addsBos() const { return m_impl->addBos && m_impl->bos != kNoToken; }
bool Tokenizer::addsEos() const { return m_impl->addEos && m_impl->eos != kNoToken; }
const std::vector<std::string>& Tokenizer::warnings() const { return m_impl->warnings; }

StreamingDetokenizer::StreamingDetokenizer(const Tokenizer& tokenizer, bool renderSpecial)
    : m_tokenizer(&tokenizer), m_renderSpecial(renderSpecial) {}

std::string StreamingDetokenizer::push(int32_t id) {
    m_pending += m_tokenizer->tokenToPiece(id, m_renderSpecial);
    std::string out;
    size_t i = 0;
    while (i < m_pending.size()) {
        const int r = tok::utf8Scan(m_pending, i);
        if (r == 0) break;  // an unfinished character: wait for the next token
        if (r > 0) {
            out.append(m_pending, i, static_cast<size_t>(r));
            i += static_cast<size_t>(r);
        } else {
            tok::appendUtf8(out, 0xFFFD);
            i += static_cast<size_t>(-r);
        }
    }
    m_pending.erase(0, i);
    return out;
}

std::string StreamingDetokenizer::finish() {
    std::string out = tok::sanitizeUtf8(m_pending);
    m_pending.clear();
    return out;
}

void StreamingDetokenizer::reset() { m_pending.clear(); }

}  // namespace ponder
