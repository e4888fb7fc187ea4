// Tokenizer tests: llama.cpp's own test vectors for six vocabularies, a comparison with
// llama.cpp itself (through node-llama-cpp) on varied text, streaming detokenization, and
// small vocabularies built in code for the algorithms' corner cases.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QStringDecoder>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <future>
#include <random>
#include <map>
#include <memory>
#include <sstream>

#include "ponder/gguf.h"
#include "ponder/tokenizer.h"
#include "tokenizer/unicode.h"
#include "tokenizer_texts.h"

using ponder::Tokenizer;
using ponder::TokenizerVocab;

namespace {

const char* const kVocabs[] = {"deepseek-coder", "deepseek-llm", "gpt-2", "llama-bpe", "llama-spm", "qwen2"};

// tokenizer.ggml.pre values without a test vocabulary of their own: the gpt-2 vocabulary is
// rewritten with each (one name per regex family, plus names that change the defaults), so
// every pre-tokenizer is compared with llama.cpp. "" leaves the key out.
const char* const kPreVariants[] = {
    "", "llama3", "qwen2", "qwen35", "deepseek-llm", "deepseek-coder", "deepseek-v3", "gpt-4o",
    "tekken", "starcoder", "falcon", "chameleon", "youtu", "jais-2", "bailingmoe", "seed-coder", "exaone-moe",
    "minicpm5", "laguna", "poro-chat", "viking", "granite-embed-multi-97m", "olmo", "command-r", "chatglm-bpe"};

QString vocabPath(const std::string& name) {
    return QStringLiteral(PONDER_SHARED_TESTDATA "/vocab/ggml-vocab-%1.gguf").arg(QString::fromStdString(name));
}

std::string readFile(const QString& path) {
    std::ifstream in(path.toStdString(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// UTF-8 to QString keeping a leading U+FEFF (QString::fromUtf8 drops it, and one test text
// starts with it).
QString qs(const std::string& s) {
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
    return decoder.decode(QByteArrayView(s.data(), static_cast<qsizetype>(s.size())));
}

// For failure messages: the text with control characters and non-ASCII visible.
QString show(const std::string& s) {
    QString out;
    for (QChar c : qs(s)) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7F || c.unicode() > 0x7E) {
            out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
        } else {
            out += c;
        }
    }
    return out;
}

QString show(const std::vector<int32_t>& ids) {
    QStringList parts;
    for (int32_t id : ids) parts << QString::number(id);
    return QLatin1Char('[') + parts.join(QLatin1Char(',')) + QLatin1Char(']');
}

std::vector<int32_t> toIds(const QJsonValue& v) {
    std::vector<int32_t> ids;
    for (const auto& x : v.toArray()) ids.push_back(x.toInt());
    return ids;
}

// Writes `source`'s vocabulary under another tokenizer.ggml.pre value.
bool writePreVariant(const ponder::gguf::File& source, const std::string& pre, const QString& path) {
    ponder::gguf::Writer w;
    w.setString("general.architecture", "gpt2");
    w.setString("general.name", "pre-" + pre);
    w.setString("tokenizer.ggml.model", "gpt2");
    if (!pre.empty()) w.setString("tokenizer.ggml.pre", pre);
    auto tokens = source.getStringArray("tokenizer.ggml.tokens");
    auto types = source.getIntArray("tokenizer.ggml.token_type");
    auto merges = source.getStringArray("tokenizer.ggml.merges");
    auto bos = source.getUInt("tokenizer.ggml.bos_token_id");
    auto eos = source.getUInt("tokenizer.ggml.eos_token_id");
    if (!tokens || !types || !merges || !bos || !eos) return false;
    w.setStringArray("tokenizer.ggml.tokens", *tokens);
    w.setI32Array("tokenizer.ggml.token_type", std::vector<int32_t>(types->begin(), types->end()));
    w.setStringArray("tokenizer.ggml.merges", *merges);
    w.setU32("tokenizer.ggml.bos_token_id", static_cast<uint32_t>(*bos));
    w.setU32("tokenizer.ggml.eos_token_id", static_cast<uint32_t>(*eos));
    return w.writeTo(path.toStdString()).ok();
}

bool isValidUtf8(const std::string& s) { return ponder::tok::sanitizeUtf8(s) == s; }

std::unique_ptr<Tokenizer> build(TokenizerVocab v) {
    auto t = Tokenizer::fromVocab(std::move(v));
    if (!t) qWarning("fromVocab: %s", t.error().message.c_str());
    return t ? std::move(t.value()) : nullptr;
}

}  // namespace

class TstTokenizer : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void vocabVectors_data();
    void vocabVectors();
    void matchesLlamaCpp();
    void roundTrip();
    void streamingEmitsOnlyCompleteUtf8();
    void streamingHoldsSplitCharacters();
    void bpeMergesLowestRankLeftmostFirst();
    void specialTokensLongestFirst();
    void spmScoresAndByteFallback();
    void rejectsWhatItCannotRun();
    void invalidUtf8AndThreads();
    void cliTokenize();

private:
    std::map<std::string, std::unique_ptr<Tokenizer>> m_tok;
};

void TstTokenizer::initTestCase() {
    for (const char* name : kVocabs) {
        // (QVERIFY2 would evaluate its message, and error(), even on success.)
        auto file = ponder::gguf::File::open(vocabPath(name).toStdString());
        if (!file) QFAIL(qPrintable(vocabPath(name) + QStringLiteral(": ") + QString::fromStdString(file.error().message)));
        auto tok = Tokenizer::fromGguf(**file);
        if (!tok) QFAIL(qPrintable(QString::fromLatin1(name) + QStringLiteral(": ") + QString::fromStdString(tok.error().message)));
        m_tok[name] = std::move(tok.value());
    }
}

void TstTokenizer::vocabVectors_data() {
    QTest::addColumn<QString>("vocab");
    for (const char* name : kVocabs) QTest::newRow(name) << QString::fromLatin1(name);
}

// llama.cpp's tests/test-tokenizer-0 vectors: inputs separated by "\n__ggml_vocab_test__\n"
// (each input ends right before that separator), one line of ids per input, no BOS, no
// special-token parsing.
void TstTokenizer::vocabVectors() {
    QFETCH(QString, vocab);
    const Tokenizer& tok = *m_tok.at(vocab.toStdString());
    const std::string inp = readFile(vocabPath(vocab.toStdString()) + QStringLiteral(".inp"));
    const std::string out = readFile(vocabPath(vocab.toStdString()) + QStringLiteral(".out"));
    QVERIFY2(!inp.empty() && !out.empty(), "missing .inp/.out test vectors");

    const std::string sep = "\n__ggml_vocab_test__\n";
    std::vector<std::string> inputs;
    for (size_t pos = 0; pos < inp.size();) {
        const size_t next = inp.find(sep, pos);
        if (next == std::string::npos) {
            inputs.push_back(inp.substr(pos));
            break;
        }
        inputs.push_back(inp.substr(pos, next - pos));
        pos = next + sep.size();
    }
    std::vector<std::vector<int32_t>> expected;
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);) {
        std::istringstream ids(line);
        expected.emplace_back();
        for (int32_t id; ids >> id;) expected.back().push_back(id);
    }
    QCOMPARE(inputs.size(), size_t(46));
    QCOMPARE(expected.size(), inputs.size());

    int failures = 0;
    for (size_t i = 0; i < inputs.size(); ++i) {
        const auto got = tok.encode(inputs[i], false, false);
        if (got == expected[i]) continue;
        ++failures;
        qWarning("%s #%zu \"%s\"\n  expected %s\n  got      %s", qPrintable(vocab), i, qPrintable(show(inputs[i])),
                 qPrintable(show(expected[i])), qPrintable(show(got)));
    }
    QCOMPARE(failures, 0);
}

// The same texts through llama.cpp (tests/oracle/tokenize.mjs) and through Ponder: ids with
// and without special-token parsing, detokenized text, special ids and the EOG set.
void TstTokenizer::matchesLlamaCpp() {
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    QVERIFY2(!node.isEmpty(), "node is not installed: the llama.cpp comparison cannot run (scripts/setup-oracle)");
    QVERIFY2(QFile::exists(QStringLiteral(PONDER_ORACLE_DIR "/node_modules/node-llama-cpp/package.json")),
             "node-llama-cpp is missing from " PONDER_ORACLE_DIR " (scripts/setup-oracle)");

    const auto texts = tokenizerOracleTexts();
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    std::vector<std::pair<std::string, const Tokenizer*>> compared;  // in request order
    std::vector<std::unique_ptr<Tokenizer>> variants;
    QJsonArray vocabs, jsonTexts;
    for (const char* name : kVocabs) {
        vocabs.append(vocabPath(name));
        compared.emplace_back(name, m_tok.at(name).get());
    }
    auto gpt2 = ponder::gguf::File::open(vocabPath("gpt-2").toStdString());
    QVERIFY(gpt2);
    for (const char* pre : kPreVariants) {
        const QString path = dir.filePath(QStringLiteral("pre-%1.gguf").arg(QString::fromLatin1(pre)));
        QVERIFY(writePreVariant(**gpt2, pre, path));
        auto file = ponder::gguf::File::open(path.toStdString());
        QVERIFY(file);
        auto tok = Tokenizer::fromGguf(**file);
        if (!tok) QFAIL(qPrintable(QStringLiteral("pre '%1': ").arg(QString::fromLatin1(pre)) + QString::fromStdString(tok.error().message)));
        vocabs.append(path);
        compared.emplace_back(std::string("gpt-2 as pre '") + pre + "'", tok->get());
        variants.push_back(std::move(tok.value()));
    }
    for (const auto& t : texts) jsonTexts.append(qs(t));
    const QString request = dir.filePath(QStringLiteral("request.json"));
    {
        QFile f(request);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(QJsonObject{{QStringLiteral("vocabs"), vocabs}, {QStringLiteral("texts"), jsonTexts}})
                    .toJson(QJsonDocument::Compact));
    }

    QProcess proc;
    proc.start(node, {QStringLiteral(PONDER_SOURCE_DIR "/tests/oracle/tokenize.mjs"), request,
                      QStringLiteral(PONDER_ORACLE_DIR)});
    QVERIFY2(proc.waitForFinished(180000), "the llama.cpp oracle did not finish in 3 minutes");
    const QByteArray stdoutBytes = proc.readAllStandardOutput();
    QVERIFY2(proc.exitStatus() == QProcess::NormalExit && proc.exitCode() == 0,
             qPrintable(QStringLiteral("oracle failed: ") + QString::fromUtf8(proc.readAllStandardError())));
    QFile artifact(QStringLiteral(PONDER_ARTIFACTS_DIR "/tokenizer_oracle.json"));
    if (artifact.open(QIODevice::WriteOnly)) artifact.write(stdoutBytes);
    const QJsonArray results = QJsonDocument::fromJson(stdoutBytes).object().value(QStringLiteral("results")).toArray();
    QCOMPARE(results.size(), vocabs.size());

    int failures = 0;
    auto fail = [&](const std::string& name, const QString& what) {
        if (++failures <= 40) qWarning("%s: %s", name.c_str(), qPrintable(what));
    };
    for (int v = 0; v < results.size(); ++v) {
        const std::string& name = compared[static_cast<size_t>(v)].first;
        const Tokenizer& tok = *compared[static_cast<size_t>(v)].second;
        const QJsonObject r = results[v].toObject();
        if (r.value(QStringLiteral("bos")).toInt() != tok.bos()) fail(name, QStringLiteral("bos differs"));
        if (r.value(QStringLiteral("eos")).toInt() != tok.eos()) fail(name, QStringLiteral("eos differs"));
        if (r.value(QStringLiteral("eot")).toInt() != tok.eot()) fail(name, QStringLiteral("eot differs"));
        if (r.value(QStringLiteral("addBos")).toBool() != tok.addsBos()) fail(name, QStringLiteral("add_bos differs"));
        if (toIds(r.value(QStringLiteral("eog"))) != tok.endOfGenerationIds()) {
            fail(name, QStringLiteral("EOG set: llama.cpp %1, Ponder %2")
                           .arg(show(toIds(r.value(QStringLiteral("eog")))), show(tok.endOfGenerationIds())));
        }
        for (size_t i = 0; i < texts.size(); ++i) {
            const int ii = static_cast<int>(i);
            for (bool special : {false, true}) {
                const QString key = special ? QStringLiteral("special") : QStringLiteral("plain");
                const auto expected = toIds(r.value(key).toArray().at(ii));
                const auto got = tok.encode(texts[i], false, special);
                if (got != expected) {
                    fail(name, QStringLiteral("%1 \"%2\"\n  llama.cpp %3\n  Ponder    %4")
                                   .arg(key, show(texts[i]), show(expected), show(got)));
                    continue;
                }
                // N-API hands invalid UTF-8 to JavaScript as U+FFFD; compare on that footing.
                const QString decodeKey = special ? QStringLiteral("decodeSpecial") : QStringLiteral("decodePlain");
                const QString want = r.value(decodeKey).toArray().at(ii).toString();
                const std::string mine = ponder::tok::sanitizeUtf8(tok.decode(got, special));
                if (qs(mine) != want) {
                    fail(name, QStringLiteral("%1 of \"%2\": llama.cpp \"%3\", Ponder \"%4\"")
                                   .arg(decodeKey, show(texts[i]), show(want.toStdString()), show(mine)));
                }
            }
        }
    }
    QCOMPARE(failures, 0);
}

// Vocabularies that do not clean up spaces give back exactly the text they were given.
void TstTokenizer::roundTrip() {
    int failures = 0;
    for (const char* name : {"qwen2", "deepseek-llm", "deepseek-coder", "llama-spm"}) {
        const Tokenizer& tok = *m_tok.at(name);
        for (const auto& text : tokenizerOracleTexts()) {
            // SPM writes spaces as U+2581, so a U+2581 in the text comes back as a space.
            if (!tok.isByteLevelBpe() && text.find("\xE2\x96\x81") != std::string::npos) continue;
            const std::string back = tok.decode(tok.encode(text, false, false), false);
            if (back == text) continue;
            ++failures;
            qWarning("%s: \"%s\" came back as \"%s\"", name, qPrintable(show(text)), qPrintable(show(back)));
        }
    }
    QCOMPARE(failures, 0);
}

void TstTokenizer::streamingEmitsOnlyCompleteUtf8() {
    int splitCharacters = 0;
    for (const char* name : kVocabs) {
        const Tokenizer& tok = *m_tok.at(name);
        for (const auto& text : tokenizerOracleTexts()) {
            const auto ids = tok.encode(text, false, true);
            ponder::StreamingDetokenizer stream(tok, true);
            std::string joined, raw;
            for (int32_t id : ids) {
                const std::string piece = tok.tokenToPiece(id, true);
                raw += piece;
                if (!isValidUtf8(piece)) ++splitCharacters;
                const std::string chunk = stream.push(id);
                if (!isValidUtf8(chunk)) QFAIL(qPrintable(QStringLiteral("%1: invalid chunk for \"%2\"").arg(name, show(text))));
                joined += chunk;
            }
            joined += stream.finish();
            QCOMPARE(stream.pendingBytes(), size_t(0));
            QCOMPARE(qs(joined), qs(ponder::tok::sanitizeUtf8(raw)));
        }
    }
    // The texts must actually exercise characters split across tokens.
    QVERIFY(splitCharacters > 20);
}

void TstTokenizer::streamingHoldsSplitCharacters() {
    // llama-spm has no token for U+1D11E, so it becomes four byte tokens <0xF0><0x9D><0x84><0x9E>.
    const Tokenizer& spm = *m_tok.at("llama-spm");
    const std::string clef = "\xF0\x9D\x84\x9E";
    const auto ids = spm.encode(clef, false, false);
    QCOMPARE(ids.size(), size_t(5));  // "▁" then the four bytes
    ponder::StreamingDetokenizer stream(spm);
    QCOMPARE(stream.push(ids[0]), std::string(" "));
    QCOMPARE(stream.push(ids[1]), std::string());
    QCOMPARE(stream.push(ids[2]), std::string());
    QCOMPARE(stream.pendingBytes(), size_t(2));
    QCOMPARE(stream.push(ids[3]), std::string());
    QCOMPARE(stream.push(ids[4]), clef);
    QCOMPARE(stream.pendingBytes(), size_t(0));

    // Bytes that can never form a character come out as U+FFFD at once; an unfinished
    // character at the end of the stream does too.
    const int32_t byteFF = ids[1] + (0xFF - 0xF0);  // byte tokens are consecutive in this vocab
    QCOMPARE(spm.tokenText(byteFF), std::string("<0xFF>"));
    const std::string fffd = "\xEF\xBF\xBD";
    QCOMPARE(stream.push(byteFF), fffd);
    QCOMPARE(stream.push(ids[1]), std::string());
    const int32_t byteA = ids[1] - 0xF0 + 'a';
    QCOMPARE(spm.tokenText(byteA), std::string("<0x61>"));
    QCOMPARE(stream.push(byteA), fffd + "a");
    QCOMPARE(stream.push(ids[1]), std::string());
    QCOMPARE(stream.push(ids[2]), std::string());
    QCOMPARE(stream.finish(), fffd);
}

// A byte-level BPE vocabulary in code: merges apply lowest rank first and, between equal
// pairs, leftmost first.
void TstTokenizer::bpeMergesLowestRankLeftmostFirst() {
    TokenizerVocab v;
    v.model = "gpt2";
    v.pre = "gpt-2";
    v.tokens = {"a", "b", "c", "aa", "ab", "bc", "abc", "\xC4\xA0", "\xC4\xA0" "a", "<|end|>"};
    v.types = {1, 1, 1, 1, 1, 1, 1, 1, 1, 3};
    v.merges = {"b c", "a b", "a a", "ab c", "\xC4\xA0 a"};
    auto tok = build(v);
    QVERIFY(tok);
    QCOMPARE(tok->encode("abc", false, false), (std::vector<int32_t>{0, 5}));   // "b c" before "a b"
    QCOMPARE(tok->encode("aaa", false, false), (std::vector<int32_t>{3, 0}));   // leftmost pair first
    QCOMPARE(tok->encode("ab a", false, false), (std::vector<int32_t>{4, 8}));  // " a" is one piece
    QCOMPARE(tok->encode("abx", false, false), (std::vector<int32_t>{4}));      // no token for x: dropped
    QCOMPARE(tok->decode(std::vector<int32_t>{4, 8}), std::string("ab a"));
    QCOMPARE(tok->encode("a<|end|>", false, true), (std::vector<int32_t>{0, 9}));
    QVERIFY(tok->isEndOfGeneration(9));
    QCOMPARE(tok->eot(), 9);
    // No ids in the file and llama.cpp's gpt2 default (11) is out of range: no BOS/EOS.
    QCOMPARE(tok->eos(), Tokenizer::kNoToken);
    QVERIFY(!tok->addsBos());
}

void TstTokenizer::specialTokensLongestFirst() {
    TokenizerVocab v;
    v.model = "gpt2";
    v.pre = "gpt-2";
    v.tokens = {"x", "y", "<a>", "<a><b>", "UD", "<", ">", "a", "b", "U", "D"};
    v.types = {1, 1, 3, 3, 4, 1, 1, 1, 1, 1, 1};
    v.merges = {"x y"};
    auto tok = build(v);
    QVERIFY(tok);
    QCOMPARE(tok->encode("x<a><b>y<a>", false, true), (std::vector<int32_t>{0, 3, 1, 2}));
    // Control tokens typed as text stay text; user-defined ones are always matched.
    QCOMPARE(tok->encode("<a>UD", false, false), (std::vector<int32_t>{5, 7, 6, 4}));
    QCOMPARE(tok->decode(std::vector<int32_t>{0, 2, 4}, false), std::string("xUD"));
    QCOMPARE(tok->decode(std::vector<int32_t>{0, 2, 4}, true), std::string("x<a>UD"));
}

void TstTokenizer::spmScoresAndByteFallback() {
    TokenizerVocab v;
    v.model = "llama";
    v.tokens = {"<unk>", "<s>", "</s>", "\xE2\x96\x81", "a", "b", "\xE2\x96\x81" "a", "ab", "\xE2\x96\x81" "ab", "<0x7A>"};
    v.types = {2, 3, 3, 1, 1, 1, 1, 1, 1, 6};
    v.scores = {0, 0, 0, -1, -2, -2, -3, -1, -4, 0};
    auto tok = build(v);
    QVERIFY(tok);
    // "ab" (score -1) merges before "▁a" (-3); "▁ab" is then reached from "▁" + "ab".
    QCOMPARE(tok->encode("ab", true, false), (std::vector<int32_t>{1, 8}));
    QCOMPARE(tok->encode("z", false, false), (std::vector<int32_t>{3, 9}));  // byte fallback
    QCOMPARE(tok->encode("q", false, false), (std::vector<int32_t>{3, 0}));  // no byte token: <unk>
    QCOMPARE(tok->decode(std::vector<int32_t>{8, 6}), std::string("ab a"));   // first space dropped
    QCOMPARE(tok->decode(std::vector<int32_t>{3, 9}), std::string("z"));
    // After a special token the next text gets the SPM space prefix again, as in llama.cpp.
    QCOMPARE(tok->encode("a</s>a", false, true), (std::vector<int32_t>{6, 2, 6}));
}

void TstTokenizer::rejectsWhatItCannotRun() {
    TokenizerVocab v;
    v.model = "gpt2";
    v.pre = "kimi-k2";
    v.tokens = {"a"};
    v.merges = {"a a"};
    auto r = Tokenizer::fromVocab(v);
    QVERIFY(!r);
    QCOMPARE(r.error().code, ponder::ErrorCode::Unsupported);
    v.pre.clear();  // missing pre-tokenizer: works, with a warning
    auto d = Tokenizer::fromVocab(v);
    QVERIFY(d);
    QCOMPARE((*d)->preTokenizer(), std::string("default"));
    QCOMPARE((*d)->warnings().size(), size_t(1));
    v.model = "t5";
    QVERIFY(!Tokenizer::fromVocab(v));
    v.model = "gpt2";
    v.tokens = {"a", "a"};
    QVERIFY(!Tokenizer::fromVocab(v));  // duplicate texts
}

// Arbitrary bytes are accepted: byte-level BPE sees each invalid byte as U+FFFD (as
// llama.cpp), SPM keeps them as byte tokens. Encoding is safe from several threads at once.
void TstTokenizer::invalidUtf8AndThreads() {
    std::mt19937 rng(7);
    for (int round = 0; round < 200; ++round) {
        std::string bytes(static_cast<size_t>(rng() % 24 + 1), '\0');
        for (char& c : bytes) c = static_cast<char>(rng() % 4 == 0 ? rng() % 0x80 : 0x80 + rng() % 0x80);
        std::string lenient;
        for (uint32_t cp : ponder::tok::decodeUtf8Lenient(bytes)) ponder::tok::appendUtf8(lenient, cp);
        for (const char* name : {"qwen2", "deepseek-llm", "llama-spm"}) {
            const Tokenizer& tok = *m_tok.at(name);
            const std::string back = tok.decode(tok.encode(bytes, false, false));
            QCOMPARE(back, tok.isByteLevelBpe() ? lenient : bytes);
        }
    }

    const auto texts = tokenizerOracleTexts();
    for (const char* name : {"qwen2", "llama-spm"}) {
        const Tokenizer& tok = *m_tok.at(name);
        std::vector<std::vector<int32_t>> expected;
        for (const auto& t : texts) expected.push_back(tok.encode(t, true, true));
        auto work = [&] {
            for (size_t i = 0; i < texts.size(); ++i) {
                if (tok.encode(texts[i], true, true) != expected[i]) return false;
            }
            return true;
        };
        auto a = std::async(std::launch::async, work);
        auto b = std::async(std::launch::async, work);
        QVERIFY(a.get());
        QVERIFY(b.get());
    }
}

void TstTokenizer::cliTokenize() {
    const QString cli = QStringLiteral(PONDER_BINARY_DIR "/bin/ponder-cli");
    QVERIFY2(QFile::exists(cli), "ponder-cli was not built");
    // deepseek-coder adds BOS (32013) and is small enough to load quickly four times.
    const std::string text = "<｜begin▁of▁sentence｜>Hello<｜end▁of▁sentence｜> world";
    const Tokenizer& tok = *m_tok.at("deepseek-coder");
    for (const auto& [add, parse] : std::vector<std::pair<int, int>>{{1, 0}, {0, 1}, {1, 1}, {0, 0}}) {
        QProcess proc;
        proc.start(cli, {QStringLiteral("tokenize"), QStringLiteral("--model"), vocabPath("deepseek-coder"),
                         QStringLiteral("--text"), qs(text), QStringLiteral("--add-special"), QString::number(add),
                         QStringLiteral("--parse-special"), QString::number(parse)});
        QVERIFY(proc.waitForFinished(60000));
        QCOMPARE(proc.exitCode(), 0);
        const auto got = toIds(QJsonDocument::fromJson(proc.readAllStandardOutput()).object().value(QStringLiteral("tokens")));
        QCOMPARE(got, tok.encode(text, add == 1, parse == 1));
        QCOMPARE(got.front() == tok.bos(), add == 1 || parse == 1);
    }
    // Defaults are --add-special 1 --parse-special 0; unknown options are refused.
    QProcess defaults;
    defaults.start(cli, {QStringLiteral("tokenize"), QStringLiteral("--model"), vocabPath("deepseek-coder"),
                         QStringLiteral("--text"), qs(text)});
    QVERIFY(defaults.waitForFinished(60000));
    QCOMPARE(toIds(QJsonDocument::fromJson(defaults.readAllStandardOutput()).object().value(QStringLiteral("tokens"))),
             tok.encode(text, true, false));
    QProcess typo;
    typo.start(cli, {QStringLiteral("tokenize"), QStringLiteral("--model"), vocabPath("deepseek-coder"),
                     QStringLiteral("--text"), QStringLiteral("x"), QStringLiteral("--parse-specials"), QStringLiteral("1")});
    QVERIFY(typo.waitForFinished(60000));
    QCOMPARE(typo.exitCode(), 2);
}

QTEST_GUILESS_MAIN(TstTokenizer)
#include "tst_tokenizer.moc"
