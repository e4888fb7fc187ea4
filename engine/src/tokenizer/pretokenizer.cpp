#include "tokenizer/pretokenizer.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <algorithm>
#include <cstring>
#include <map>

#include "tokenizer/unicode.h"

namespace ponder::tok {

namespace {

// The regex lists of llama.cpp's llm_tokenizer_bpe (src/llama-vocab.cpp), as the regex engine
// sees them (engine-spec.md 4.2). Families whose splitting llama.cpp does with bespoke code
// instead of a regex (kimi-k2, afmoe, tiny_aya, superbpe, gemma4, ...) are not listed.
// Non-ASCII characters are written as \x{...}: as literals, an editor or a copy through
// the clipboard may normalise them (U+1F7D becomes U+03CE) and silently change a range.
#define PONDER_CONTRACTIONS "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])"
constexpr const char* kGpt2 = R"re('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S))re";
constexpr const char* kLlama3 = PONDER_CONTRACTIONS
    R"re(|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)re";
constexpr const char* kQwen2 = PONDER_CONTRACTIONS
    R"re(|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)re";
constexpr const char* kCjkDeepseek = R"re([\x{4E00}-\x{9FA5}\x{800}-\x{4E00}\x{AC00}-\x{D7FF}]+)re";
constexpr const char* kPoro = R"re( ?[^(\s|.,!?\x{2026}\x{3002}\x{FF0C}\x{3001}\x{964}\x{6D4}\x{60C})]+)re";

const std::map<std::string, std::vector<const char*>>& families() {
    static const std::map<std::string, std::vector<const char*>> table = {
        {"default", {R"re([\p{P}\$\+<=>\^~\|]+)re", kGpt2, R"re(\p{N}+)re", R"re([0-9][0-9][0-9])re"}},
        {"gpt2", {kGpt2}},
        {"llama3", {kLlama3}},
        {"qwen2", {kQwen2}},
        {"qwen35", {PONDER_CONTRACTIONS
                    R"re(|[^\r\n\p{L}\p{N}]?[\p{L}\p{M}]+|\p{N}| ?[^\s\p{L}\p{M}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)re"}},
        {"jais2", {PONDER_CONTRACTIONS
                   R"re(|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s{512}(?!\S)|\s{256}(?!\S)|\s{128}(?!\S)|\s{64}(?!\S)|\s{32}(?!\S)|\s{16}(?!\S)|\s{8}(?!\S)|\s{4}(?!\S)|\s{1,2}(?!\S)|\s{1})re"}},
        {"deepseek-llm", {R"re([\r\n])re",
                          R"re(\s?[A-Za-z\x{B5}\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{1BA}\x{1BC}-\x{1BF}\x{1C4}-\x{293})re"
                          R"re(\x{295}-\x{2AF}\x{370}-\x{373}\x{376}\x{377}\x{37B}-\x{37D}\x{37F}\x{386}\x{388}-)re"
                          R"re(\x{38A}\x{38C}\x{38E}-\x{3A1}\x{3A3}-\x{3F5}\x{3F7}-\x{481}\x{48A}-\x{52F}\x{531}-)re"
                          R"re(\x{556}\x{10A0}-\x{10C5}\x{13A0}-\x{13F5}\x{13F8}-\x{13FD}\x{1C90}-\x{1CBA}\x{1CBD}-)re"
                          R"re(\x{1CBF}\x{1D00}-\x{1D2B}\x{1D6B}-\x{1D77}\x{1D79}-\x{1D9A}\x{1E00}-\x{1F15}\x{1F18}-)re"
                          R"re(\x{1F1D}\x{1F20}-\x{1F45}\x{1F48}-\x{1F4D}\x{1F50}-\x{1F57}\x{1F59}\x{1F5B}\x{1F5D})re"
                          R"re(\x{1F5F}-\x{1F7D}\x{1F80}-\x{1FB4}\x{1FB6}-\x{1FBC}\x{1FBE}\x{1FC2}-\x{1FC4}\x{1FC6}-)re"
                          R"re(\x{1FCC}\x{1FD0}-\x{1FD3}\x{1FD6}-\x{1FDB}\x{1FE0}-\x{1FEC}\x{1FF2}-\x{1FF4}\x{1FF6}-)re"
                          R"re(\x{1FFC}\x{2102}\x{2107}\x{210A}-\x{2113}\x{2115}\x{2119}-\x{211D}\x{2124}\x{2126})re"
                          R"re(\x{2128}\x{212A}-\x{212D}\x{212F}-\x{2134}\x{2139}\x{213C}-\x{213F}\x{2145}-\x{2149})re"
                          R"re(\x{214E}\x{2183}\x{2184}\x{2C00}-\x{2C7B}\x{2C7E}-\x{2CE4}\x{2CEB}-\x{2CEE}\x{2CF2})re"
                          R"re(\x{2CF3}\x{A640}-\x{A66D}\x{A680}-\x{A69B}\x{A722}-\x{A76F}\x{A771}-\x{A787}\x{A78B}-)re"
                          R"re(\x{A78E}\x{AB70}-\x{ABBF}\x{FB00}-\x{FB06}\x{FB13}-\x{FB17}\x{FF21}-\x{FF3A}\x{FF41}-)re"
                          R"re(\x{FF5A}\x{10400}-\x{1044F}\x{104B0}-\x{104D3}\x{104D8}-\x{104FB}\x{10C80}-\x{10CB2})re"
                          R"re(\x{10CC0}-\x{10CF2}\x{118A0}-\x{118DF}\x{1E900}-\x{1E943}]+)re",
                          R"re(\s?[!-/:-~\x{FF01}-\x{FF0F}\x{FF1A}-\x{FF5E}\x{2018}-\x{201F}\x{3000}-\x{3002}]+)re",
                          R"re(\s+$)re",
                          kCjkDeepseek,
                          R"re(\p{N}+)re"}},
        {"deepseek-coder", {R"re([\r\n])re", R"re(\s?\p{L}+)re", R"re(\s?\p{P}+)re", kCjkDeepseek, R"re(\p{N})re"}},
        {"deepseek-v3", {R"re(\p{N}{1,3})re", R"re([\x{4E00}-\x{9FA5}\x{3040}-\x{309F}\x{30A0}-\x{30FF}]+)re",
                         R"re([!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~][A-Za-z]+|[^\r\n\p{L}\p{P}\p{S}]?[\p{L}\p{M}]+| ?[\p{P}\p{S}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)re"}},
        {"youtu", {R"re([\x{AC00}-\x{D7A3}\x{3131}-\x{318E}]+|[\x{FF01}\x{2026}\x{201C}\x{201D}\x{2018}\x{2019}\x{2014}\x{FF1A}\x{FF1B}\x{FF0C}\x{3001}-\x{303F}\x{FE30}-\x{FE4F}]+|[\x{3105}-\x{312F}]+|[\x{4E00}-\x{9FA5}\x{3040}-\x{309F}\x{30A0}-\x{30FF}]+)re",
                   R"re([^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+)re" PONDER_CONTRACTIONS
                   R"re(?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*)re" PONDER_CONTRACTIONS
                   R"re(?|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+)re"}},
        {"falcon", {R"re([\p{P}\$\+<=>\^~\|`]+)re", kGpt2, R"re([0-9][0-9][0-9])re"}},
        {"starcoder", {R"re(\p{N})re", kGpt2}},
        {"poro", {kPoro}},
        {"viking", {kPoro, R"re(\p{N})re"}},
        {"tekken", {R"re([^\r\n\p{L}\p{N}]?((?=[\p{L}])([^a-z]))*((?=[\p{L}])([^A-Z]))+|[^\r\n\p{L}\p{N}]?((?=[\p{L}])([^a-z]))+((?=[\p{L}])([^A-Z]))*|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+)re"}},
        {"chameleon", {R"re(<sentinel:[0-9]+>)re", R"re((IMGIMG)((A|B|C|D|E|F|G|H|I){1,4})Z)re",
                       R"re(([\t\n]|    |  ))re", R"re(\p{N})re", R"re([\p{P}!-/:-@\[-`{-~])re", kGpt2}},
        {"gpt-4o", {R"re([^\r\n\p{L}\p{N}]?((?=[\p{L}])([^a-z]))*((?=[\p{L}])([^A-Z]))+)re" PONDER_CONTRACTIONS
                    R"re(?|[^\r\n\p{L}\p{N}]?((?=[\p{L}])([^a-z]))+((?=[\p{L}])([^A-Z]))*)re" PONDER_CONTRACTIONS
                    R"re(?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+)re"}},
        {"granite-emb-multi", {R"re([^\r\n\p{L}\p{N}]?((?=[\p{L}\p{M}])([^a-z]))*((?=[\p{L}\p{M}])([^A-Z]))+)re" PONDER_CONTRACTIONS
                               R"re(?|[^\r\n\p{L}\p{N}]?((?=[\p{L}\p{M}])([^a-z]))+((?=[\p{L}\p{M}])([^A-Z]))*)re" PONDER_CONTRACTIONS
                               R"re(?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+)re"}},
        {"bailingmoe", {R"re('(?:[sSdDmMtT]|[lL][lL]|[vV][eE]|[rR][eE])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]|\s+(?!\S)|\s+)re"}},
        {"seed-coder", {PONDER_CONTRACTIONS
                        R"re(|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1}| ?[^\s\p{L}\p{N}\r\n]+|\s*[\r\n]+|\s+(?!\S)|\s+)re"}},
        {"laguna", {R"re([^\n]+|[\n]+)re", kQwen2}},
        {"exaone-moe", {PONDER_CONTRACTIONS
                        R"re(|[^\r\n\p{L}\p{N}]?(?:\p{L}\p{M}*(?: \p{L}\p{M}*)*)+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n/]?|\s*[\r\n]|\s+(?!\S)|\s+)re"}},
        {"minicpm5", {R"re(\p{N}{1,3})re", PONDER_CONTRACTIONS
                      R"re(|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}+| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)re"}},
    };
    return table;
}
#undef PONDER_CONTRACTIONS

// tokenizer.ggml.pre values and what llama.cpp's loader sets for each.
struct NameRow {
    const char* family;
    bool cleanSpaces;
    bool ignoreMerges;
    bool addBos;
    bool noDefaultBos;
    std::vector<const char*> names;
};

const std::map<std::string, PreTokenizerTraits>& namesTable() {
    static const std::map<std::string, PreTokenizerTraits> table = [] {
        const std::vector<NameRow> rows = {
            {"default", true, false, false, false, {"", "default"}},
            {"llama3", true, true, true, false,
             {"llama3", "llama-v3", "llama-bpe", "falcon3", "falcon-h1", "pixtral", "midm-2.0", "lfm2", "jina-v5-nano"}},
            {"llama3", true, false, false, false, {"dbrx", "smaug-bpe"}},
            {"llama3", true, false, false, true, {"glm4", "chatglm-bpe"}},
            {"deepseek-llm", false, false, false, false, {"deepseek-llm"}},
            {"deepseek-coder", false, false, false, false, {"deepseek-coder"}},
            {"deepseek-v3", false, false, false, false, {"deepseek-v3", "hunyuan-dense", "joyai-llm"}},
            {"youtu", false, true, false, false, {"youtu"}},
            {"falcon", true, false, false, false, {"falcon"}},
            {"gpt2", true, false, false, false,
             {"gpt-2", "phi-2", "jina-es", "jina-de", "gigachat", "jina-v2-es", "jina-v2-de", "a.x-4.0", "mellum",
              "modern-bert", "mpt", "olmo", "jais", "exaone4", "jina-v1-en", "jina-v2-code", "roberta-bpe"}},
            {"gpt2", false, false, false, false, {"trillion", "granite-docling"}},
            {"jais2", true, false, false, false, {"jais-2"}},
            {"starcoder", true, false, false, false, {"starcoder", "refact", "codeshell", "exaone", "minerva-7b", "mellum2"}},
            {"starcoder", false, false, false, false, {"command-r", "smollm"}},
            {"qwen2", false, false, false, false,
             {"qwen2", "deepseek-r1-qwen", "kormo", "f2llmv2", "hunyuan", "solar-open", "grok-2"}},
            {"qwen2", true, false, false, false, {"stablelm2", "megrez"}},
            {"qwen35", false, false, false, false, {"qwen35"}},
            {"poro", false, false, false, false, {"poro-chat"}},
            {"poro", true, false, false, false, {"bloom", "gpt3-finnish"}},
            {"viking", false, false, false, false, {"viking"}},
            {"tekken", false, true, true, false, {"tekken"}},
            {"chameleon", false, false, true, false, {"chameleon"}},
            {"gpt-4o", false, false, false, false, {"gpt-4o", "llama4", "kanana2", "talkie", "minimax-m2"}},
            {"granite-emb-multi", false, true, false, false, {"granite-embed-multi-97m"}},
            {"bailingmoe", false, false, false, false, {"bailingmoe", "bailingmoe2", "llada-moe"}},
            {"seed-coder", false, false, false, false, {"seed-coder"}},
            {"laguna", false, false, false, false, {"laguna"}},
            {"exaone-moe", true, false, false, false, {"exaone-moe"}},
            {"minicpm5", true, true, false, false, {"minicpm5"}},
        };
        std::map<std::string, PreTokenizerTraits> out;
        for (const auto& row : rows) {
            for (const char* name : row.names) {
                out[name] = PreTokenizerTraits{row.family, row.cleanSpaces, row.ignoreMerges, row.addBos,
                                               row.noDefaultBos};
            }
        }
        return out;
    }();
    return table;
}

// llama.cpp hands a regex with \p{...} classes to std::regex on a "collapsed" copy of the
// text in which every non-ASCII character stands for its general category, so its \p{Lu},
// \p{Ll}, ... all mean "any letter". Rewriting them keeps that behaviour.
std::string adaptPattern(std::string pattern) {
    for (const char* sub : {"\\p{Lu}", "\\p{Ll}", "\\p{Lt}", "\\p{Lm}", "\\p{Lo}"}) {
        for (size_t pos = pattern.find(sub); pos != std::string::npos; pos = pattern.find(sub, pos)) {
            pattern.replace(pos, std::strlen(sub), "\\p{L}");
        }
    }
    return pattern;
}

// What the regexes see in place of `cp`. llama.cpp matches regexes that use \p{...} on a
// "collapsed" copy of the text where each non-ASCII character is replaced by a stand-in for
// its class, and the others on the real code points; in both, non-ASCII whitespace becomes a
// vertical tab (std::regex's \s is ASCII-only). Doing the same here, with stand-ins whose
// class every Unicode version agrees on, makes the pieces independent of the Unicode tables
// compiled into the system's PCRE2, and PCRE2's ASCII \s (no UCP, on purpose: UCP's \s would
// add U+180E) then matches exactly llama.cpp's 25 whitespace code points.
uint32_t byClass(uint32_t cp) {
    if (cp < 0x80) return cp;
    if (isUnicodeWhitespace(cp)) return 0x0B;
    switch (charClass(cp)) {
    case CharClass::Letter: return 0xC0;        // À
    case CharClass::Number: return 0xB2;        // ²
    case CharClass::Mark: return 0x300;         // combining grave accent
    case CharClass::Punctuation: return 0xA1;   // ¡
    case CharClass::Symbol: return 0xA2;        // ¢
    default: return 0x80;                       // a C1 control: none of the above
    }
}

// Regexes without \p{...} list explicit ranges and see real code points. Surrogates, which
// llama.cpp lets through but UTF-8 mode rejects, become a private-use character: no range of
// any pre-tokenizer contains either.
uint32_t literal(uint32_t cp) {
    if (cp < 0x80) return cp;
    if (isUnicodeWhitespace(cp)) return 0x0B;
    if (cp >= 0xD800 && cp <= 0xDFFF) return 0xE000;
    return cp;
}

// The text as one regex flavour sees it, and where each code point starts in it (matches are
// found in bytes and turned back into code point positions).
struct Subject {
    std::string bytes;
    std::vector<size_t> cpStart;

    Subject(const std::vector<uint32_t>& cps, uint32_t (*map)(uint32_t)) : cpStart(cps.size() + 1) {
        bytes.reserve(cps.size() * 2);
        for (size_t i = 0; i < cps.size(); ++i) {
            cpStart[i] = bytes.size();
            appendUtf8(bytes, map(cps[i]));
        }
        cpStart[cps.size()] = bytes.size();
    }
    size_t cpAt(size_t byte) const {
        return static_cast<size_t>(std::lower_bound(cpStart.begin(), cpStart.end(), byte) - cpStart.begin());
    }
};

struct MatchResources {
    pcre2_match_data* data = nullptr;
    pcre2_match_context* context = nullptr;
    pcre2_jit_stack* stack = nullptr;

    MatchResources() {
        data = pcre2_match_data_create(32, nullptr);
        context = pcre2_match_context_create(nullptr);
        // Long runs of letters recurse deeply in the lookahead patterns (gpt-4o); the
        // default 32 KiB JIT stack would fail on a few kilobytes of text.
        stack = pcre2_jit_stack_create(64 * 1024, 16 * 1024 * 1024, nullptr);
        if (context && stack) pcre2_jit_stack_assign(context, nullptr, stack);
    }
    ~MatchResources() {
        pcre2_jit_stack_free(stack);
        pcre2_match_context_free(context);
        pcre2_match_data_free(data);
    }
    MatchResources(const MatchResources&) = delete;
    MatchResources& operator=(const MatchResources&) = delete;
};

}  // namespace

const PreTokenizerTraits* findPreTokenizer(std::string_view name) {
    const auto& table = namesTable();
    auto it = table.find(std::string(name));
    return it == table.end() ? nullptr : &it->second;
}

Result<std::unique_ptr<PreTokenizer>> PreTokenizer::create(const std::string& family) {
    auto it = families().find(family);
    if (it == families().end()) {
        return makeError(ErrorCode::Unsupported, "no regexes for pre-tokenizer family '" + family + "'");
    }
    std::unique_ptr<PreTokenizer> pre(new PreTokenizer());
    for (const char* source : it->second) {
        const std::string pattern = adaptPattern(source);
        int errorCode = 0;
        PCRE2_SIZE errorOffset = 0;
        pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                                         PCRE2_UTF | PCRE2_DOLLAR_ENDONLY, &errorCode, &errorOffset, nullptr);
        if (!code) {
            PCRE2_UCHAR message[256];
            pcre2_get_error_message(errorCode, message, sizeof(message));
            return makeError(ErrorCode::Internal, "pre-tokenizer '" + family + "': regex error at " +
                                                      std::to_string(errorOffset) + ": " +
                                                      reinterpret_cast<const char*>(message));
        }
        pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);  // optional: the interpreter is the fallback
        pre->m_codes.push_back(code);
        // A regex mixing classes with non-ASCII characters would see stand-ins where it
        // expects real characters (llama.cpp refuses such regexes too).
        const bool classes = pattern.find("\\p{") != std::string::npos;
        if (classes && pattern.find("\\x{") != std::string::npos) {
            return makeError(ErrorCode::Internal, "pre-tokenizer '" + family + "' mixes \\p{} and \\x{}");
        }
        pre->m_byClass.push_back(classes);
    }
    return pre;
}

PreTokenizer::~PreTokenizer() {
    for (auto* code : m_codes) pcre2_code_free(code);
}

std::vector<std::string> PreTokenizer::split(std::string_view text) const {
    const std::vector<uint32_t> cps = decodeUtf8Lenient(text);
    const size_t n = cps.size();
    std::unique_ptr<Subject> subjects[2];  // [0] literal, [1] by class; built when first needed

    // Pieces as code point lengths, like llama.cpp's offsets.
    std::vector<size_t> lengths;
    if (n > 0) lengths.push_back(n);

    MatchResources res;
    for (size_t r = 0; r < m_codes.size() && !lengths.empty(); ++r) {
        pcre2_code* code = m_codes[r];
        auto& slot = subjects[m_byClass[r] ? 1 : 0];
        if (!slot) slot = std::make_unique<Subject>(cps, m_byClass[r] ? byClass : literal);
        const Subject& subject = *slot;
        const auto* base = reinterpret_cast<PCRE2_SPTR>(subject.bytes.data());
        std::vector<size_t> next;
        next.reserve(lengths.size() * 2);
        size_t start = 0;
        for (size_t len : lengths) {
            // Each piece is its own subject: lookaheads and $ must see its end as the end.
            const size_t byteBegin = subject.cpStart[start];
            const size_t byteEnd = subject.cpStart[start + len];
            PCRE2_SPTR piece = base + byteBegin;
            const PCRE2_SIZE pieceBytes = byteEnd - byteBegin;
            size_t emitted = start;  // code point where the next piece begins
            PCRE2_SIZE offset = 0;
            while (offset < pieceBytes) {
                int rc = pcre2_match(code, piece, pieceBytes, offset, PCRE2_NO_UTF_CHECK, res.data, res.context);
                if (rc == PCRE2_ERROR_JIT_STACKLIMIT) {
                    rc = pcre2_match(code, piece, pieceBytes, offset, PCRE2_NO_UTF_CHECK | PCRE2_NO_JIT,
                                     res.data, res.context);
                }
                if (rc < 0) break;  // no further match (or a resource error): the rest is a gap
                const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(res.data);
                if (ov[1] <= ov[0]) {
                    // An empty match produces nothing in llama.cpp either; step one character.
                    if (ov[0] >= pieceBytes) break;
                    offset = ov[0] + utf8SequenceLength(piece[ov[0]]);
                    continue;
                }
                const size_t matchBegin = subject.cpAt(byteBegin + ov[0]);
                const size_t matchEnd = subject.cpAt(byteBegin + ov[1]);
                if (matchBegin > emitted) next.push_back(matchBegin - emitted);  // unmatched span
                next.push_back(matchEnd - matchBegin);
                emitted = matchEnd;
                offset = ov[1];
            }
            if (start + len > emitted) next.push_back(start + len - emitted);
            start += len;
        }
        lengths = std::move(next);
    }

    std::vector<std::string> pieces;
    pieces.reserve(lengths.size());
    size_t start = 0;
    for (size_t len : lengths) {
        std::string piece;
        for (size_t i = start; i < start + len; ++i) appendUtf8(piece, cps[i]);
        pieces.push_back(std::move(piece));
        start += len;
    }
    return pieces;
}

}  // namespace ponder::tok
