// Tests of the GGUF reader on files: real vocabularies, split models, open errors, and the
// table of hostile files (plus every truncation and random corruptions) that must each fail
// with a specific error and never crash.
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <filesystem>

#ifndef Q_OS_WIN
#include <sys/stat.h>
#endif

#include "hostile_gguf.h"
#include "ponder/gguf.h"
#include "tst_gguf.h"

using namespace ponder;
using namespace ponder::gguf;
using namespace tst_gguf;
namespace pt = ponder::testing;

void TestGguf::vocabFiles_data() {
    // Sizes are the published vocabularies of these tokenizers (GPT-2 50257 tokens / 50000
    // merges, Llama 2 32000, Llama 3 128256 / 280147 merges, Qwen2 151936, DeepSeek LLM
    // 102400, DeepSeek Coder 32256); the merge counts of the Qwen2/DeepSeek files were read
    // from the same files with a separate throwaway Python parser.
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("architecture");
    QTest::addColumn<QString>("model");
    QTest::addColumn<int>("tokens");
    QTest::addColumn<int>("merges");
    QTest::addColumn<QString>("firstToken");
    QTest::newRow("gpt-2") << "ggml-vocab-gpt-2.gguf"
                           << "gpt2"
                           << "gpt2" << 50257 << 50000 << "!";
    QTest::newRow("llama-spm") << "ggml-vocab-llama-spm.gguf"
                               << "llama"
                               << "llama" << 32000 << -1 << "<unk>";
    QTest::newRow("llama-bpe") << "ggml-vocab-llama-bpe.gguf"
                               << "llama"
                               << "gpt2" << 128256 << 280147 << "!";
    QTest::newRow("qwen2") << "ggml-vocab-qwen2.gguf"
                           << "qwen2"
                           << "gpt2" << 151936 << 151387 << "!";
    QTest::newRow("deepseek-llm") << "ggml-vocab-deepseek-llm.gguf"
                                  << "llama"
                                  << "gpt2" << 102400 << 99757 << "!";
    QTest::newRow("deepseek-coder") << "ggml-vocab-deepseek-coder.gguf"
                                    << "llama"
                                    << "gpt2" << 32256 << 31757 << "!";
}

void TestGguf::vocabFiles() {
    QFETCH(QString, file);
    QFETCH(QString, architecture);
    QFETCH(QString, model);
    QFETCH(int, tokens);
    QFETCH(int, merges);
    QFETCH(QString, firstToken);
    const auto path = std::filesystem::path(PONDER_SHARED_TESTDATA) / "vocab" / file.toStdString();
    QVERIFY2(std::filesystem::exists(path), "shared test data is missing (see tests/CMakeLists.txt)");

    QElapsedTimer timer;
    timer.start();
    auto opened = File::open(path);
    const qint64 ms = timer.elapsed();
    QVERIFY2(opened.ok(), opened.ok() ? "" : opened.error().message.c_str());
    const File& f = **opened;
    // Generous even for a debug build: the point is to catch quadratic behaviour.
    QVERIFY2(ms < 5000, qPrintable(QString("opening took %1 ms").arg(ms)));
    QCOMPARE(f.version(), 3u);
    QVERIFY(f.tensors().empty());
    QCOMPARE(f.fileSize(), uint64_t(std::filesystem::file_size(path)));
    QCOMPARE(QString::fromStdString(*f.getString("general.architecture")), architecture);
    QCOMPARE(QString::fromStdString(*f.getString("tokenizer.ggml.model")), model);
    auto vocabulary = f.getStringArray("tokenizer.ggml.tokens");
    QVERIFY(vocabulary.ok());
    QCOMPARE(int(vocabulary->size()), tokens);
    QCOMPARE(QString::fromStdString(vocabulary->front()), firstToken);
    QCOMPARE(int(f.getIntArray("tokenizer.ggml.token_type")->size()), tokens);
    if (merges >= 0) {
        QCOMPARE(int(f.getStringArray("tokenizer.ggml.merges")->size()), merges);
    } else {
        QVERIFY(f.find("tokenizer.ggml.merges") == nullptr);
        QCOMPARE(int(f.getFloatArray("tokenizer.ggml.scores")->size()), tokens);
    }
    QVERIFY(*f.getUInt("tokenizer.ggml.eos_token_id") < uint64_t(tokens));
}

void TestGguf::splitModelOpensAllShards() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto base = toPath(dir.path());
    // Shard k holds tensor(s) "t<k>..."; metadata lives in shard 1, as gguf-split writes it.
    for (uint16_t k = 0; k < 3; ++k) {
        Writer w;
        if (k == 0) w.setString("general.architecture", "llama");
        w.setU16("split.no", k);
        w.setU16("split.count", 3);
        w.setI32("split.tensors.count", 4);
        const int n = k == 1 ? 2 : 1;
        for (int i = 0; i < n; ++i) {
            const std::string name = "t" + std::to_string(k) + "." + std::to_string(i);
            QVERIFY(w.addTensor(name, TensorType::F32, {8}, bytePattern(32, uint8_t(10 * k + i))).ok());
        }
        char file[64];
        std::snprintf(file, sizeof file, "model-%05d-of-00003.gguf", k + 1);
        QVERIFY(w.writeTo(base / file).ok());
    }
    for (const char* entry : {"model-00001-of-00003.gguf", "model-00002-of-00003.gguf"}) {
        auto opened = File::open(base / entry);
        QVERIFY2(opened.ok(), opened.ok() ? "" : opened.error().message.c_str());
        const File& f = **opened;
        QCOMPARE(f.shardCount(), 3u);
        QCOMPARE(*f.getString("general.architecture"), std::string("llama"));
        QCOMPARE(f.tensors().size(), size_t(4));
        const char* names[] = {"t0.0", "t1.0", "t1.1", "t2.0"};
        const uint32_t shards[] = {0, 1, 1, 2};
        const uint8_t seeds[] = {0, 10, 11, 20};
        uint64_t total = 0;
        for (size_t i = 0; i < 4; ++i) {
            const TensorInfo* t = f.findTensor(names[i]);
            QVERIFY(t == &f.tensors()[i]);
            QCOMPARE(t->shard, shards[i]);
            QVERIFY(std::memcmp(t->data, bytePattern(32, seeds[i]).data(), 32) == 0);
        }
        for (const char* shard :
             {"model-00001-of-00003.gguf", "model-00002-of-00003.gguf", "model-00003-of-00003.gguf"}) {
            total += std::filesystem::file_size(base / shard);
        }
        QCOMPARE(f.fileSize(), total);
    }
}

void TestGguf::splitModelErrors() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto base = toPath(dir.path());
    auto writeShard = [&](const std::string& name, uint16_t no, uint16_t count, int32_t total) {
        Writer w;
        w.setU16("split.no", no);
        w.setU16("split.count", count);
        w.setI32("split.tensors.count", total);
        QVERIFY(w.addTensor("x" + std::to_string(no), TensorType::F32, {4}, std::vector<uint8_t>(16)).ok());
        QVERIFY(w.writeTo(base / name).ok());
    };
    // Missing shard 2.
    writeShard("a-00001-of-00002.gguf", 0, 2, 2);
    auto missing = File::open(base / "a-00001-of-00002.gguf");
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, ErrorCode::FileNotFound);
    QVERIFY(message(missing.error()).contains("shard 2 of 2"));
    QVERIFY(message(missing.error()).contains("a-00002-of-00002.gguf"));
    // Shard 2 claims to be shard 1.
    writeShard("b-00001-of-00002.gguf", 0, 2, 2);
    writeShard("b-00002-of-00002.gguf", 0, 2, 2);
    auto renumbered = File::open(base / "b-00001-of-00002.gguf");
    QVERIFY(!renumbered.ok());
    QVERIFY(message(renumbered.error()).contains("b-00002-of-00002.gguf: split.no is 0, expected 1"));
    // Tensor total disagrees.
    writeShard("c-00001-of-00002.gguf", 0, 2, 5);
    writeShard("c-00002-of-00002.gguf", 1, 2, 5);
    auto total = File::open(base / "c-00001-of-00002.gguf");
    QVERIFY(!total.ok());
    QVERIFY(message(total.error()).contains("split.tensors.count is 5 but the 2 shards hold 2 tensors"));
    // A shard under a name that does not say where its siblings are.
    writeShard("renamed.gguf", 0, 2, 2);
    auto renamed = File::open(base / "renamed.gguf");
    QVERIFY(!renamed.ok());
    QVERIFY(message(renamed.error()).contains("does not end in -0000k-of-0000n.gguf"));
    // The name and split.count disagree.
    writeShard("d-00001-of-00003.gguf", 0, 2, 2);
    auto disagree = File::open(base / "d-00001-of-00003.gguf");
    QVERIFY(!disagree.ok());
    QVERIFY(message(disagree.error()).contains("the name says 3 shards but split.count is 2"));
}

void TestGguf::openErrors() {
    QTemporaryDir dir;
    auto missing = File::open(toPath(dir.path()) / "nope.gguf");
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().code, ErrorCode::FileNotFound);
    QVERIFY(message(missing.error()).contains("nope.gguf"));
    auto directory = File::open(toPath(dir.path()));
    QVERIFY(!directory.ok());
    QCOMPARE(directory.error().code, ErrorCode::InvalidArgument);
    QVERIFY(message(directory.error()).contains("is a directory"));
#ifndef Q_OS_WIN
    // A FIFO must be refused at once, not block waiting for a writer.
    const auto fifo = toPath(dir.path()) / "fifo.gguf";
    QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
    QElapsedTimer timer;
    timer.start();
    auto opened = File::open(fifo);
    QVERIFY(timer.elapsed() < 2000);
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().code, ErrorCode::InvalidArgument);
    QVERIFY(message(opened.error()).contains("not a regular file"));
#endif
}

void TestGguf::hostileFiles_data() {
    QTest::addColumn<int>("index");
    const auto cases = pt::hostileGgufCases();
    QVERIFY(cases.size() >= 25);
    for (size_t i = 0; i < cases.size(); ++i)
        QTest::newRow(cases[i].name.c_str()) << int(i);
}

void TestGguf::hostileFiles() {
    QFETCH(int, index);
    const pt::HostileGguf c = pt::hostileGgufCases()[size_t(index)];
    auto parsed = File::parse(c.bytes);
    QVERIFY2(!parsed.ok(), "a hostile file was accepted");
    QCOMPARE(errorCodeName(parsed.error().code), errorCodeName(c.code));
    QVERIFY2(message(parsed.error()).contains(QByteArray::fromStdString(c.messagePart)),
             qPrintable("message was: " + message(parsed.error())));

    // Through a real file the message names the path instead of "<memory>".
    QTemporaryDir dir;
    const QString qpath = dir.filePath("hostile.gguf");
    {
        QFile out(qpath);
        QVERIFY(out.open(QIODevice::WriteOnly));
        QCOMPARE(out.write(reinterpret_cast<const char*>(c.bytes.data()), qint64(c.bytes.size())),
                 qint64(c.bytes.size()));
    }
    const auto path = toPath(qpath);
    auto opened = File::open(path);
    QVERIFY(!opened.ok());
    QCOMPARE(errorCodeName(opened.error().code), errorCodeName(c.code));
    QVERIFY(message(opened.error()).startsWith(QByteArray::fromStdString(path.string() + ": ")));
}

void TestGguf::everyPrefixIsRejected() {
    const auto image = pt::encodeGguf(pt::validRawGguf());
    QVERIFY(File::parse(image).ok());
    for (size_t cut = 0; cut < image.size(); ++cut) {
        auto parsed = File::parse(std::span<const uint8_t>(image.data(), cut));
        QVERIFY2(!parsed.ok(), qPrintable(QString("prefix of %1 bytes accepted").arg(cut)));
        QCOMPARE(parsed.error().code, ErrorCode::InvalidFormat);
        QVERIFY2(
            message(parsed.error()).contains("truncated"),
            qPrintable(QString("cut %1: %2").arg(cut).arg(QString::fromStdString(parsed.error().message))));
    }
}

void TestGguf::randomCorruptionGivesErrorsNotCrashes() {
    // Deterministic single-field corruptions of a valid file: the reader must answer each
    // with a valid file or an error carrying a format code and a message, never a crash.
    const auto valid = pt::encodeGguf(pt::validRawGguf());
    uint64_t state = 12345;
    auto next = [&] {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    };
    int rejected = 0;
    for (int i = 0; i < 20000; ++i) {
        std::vector<uint8_t> image = valid;
        const size_t at = next() % image.size();
        switch (next() % 3) {
            case 0:
                image[at] ^= uint8_t(1u << (next() % 8));
                break;
            case 1:
                image[at] = uint8_t(next());
                break;
            default: {
                const uint64_t huge = next() % 2 ? ~uint64_t{0} : uint64_t{1} << (32 + next() % 31);
                for (size_t b = 0; b < 8 && at + b < image.size(); ++b)
                    image[at + b] = uint8_t(huge >> (8 * b));
            }
        }
        auto parsed = File::parse(image);
        if (parsed.ok()) continue;
        ++rejected;
        const ErrorCode code = parsed.error().code;
        QVERIFY2(code == ErrorCode::InvalidFormat || code == ErrorCode::Unsupported,
                 parsed.error().message.c_str());
        QVERIFY(parsed.error().message.size() > 10);
    }
    QVERIFY(rejected > 1000);  // the corruptions do reach the validation
}
