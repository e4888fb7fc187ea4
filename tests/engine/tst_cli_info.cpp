// Tests of `ponder-cli info`: runs the built binary on a generated model, a real vocabulary
// file and every hostile GGUF file, and checks its JSON, exit code and that it never crashes.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

#include "hostile_gguf.h"
#include "ponder/gguf.h"

using namespace ponder;
namespace pt = ponder::testing;

namespace {

struct CliRun {
    int exitCode = -1;
    bool crashed = false;
    bool finished = false;
    QByteArray out;
    QByteArray err;
};

CliRun runCli(const QStringList& args) {
    QProcess process;
    process.start(QStringLiteral(PONDER_BINARY_DIR "/bin/ponder-cli"), args);
    CliRun run;
    if (!process.waitForStarted(5000)) return run;
    run.finished = process.waitForFinished(5000);
    if (!run.finished) {
        process.kill();
        process.waitForFinished(1000);
    }
    run.crashed = process.exitStatus() == QProcess::CrashExit;
    run.exitCode = process.exitCode();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

QJsonObject parseObject(const QByteArray& text) {
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) return {};
    return doc.object();
}

bool writeBytes(const QString& path, const std::vector<uint8_t>& bytes) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) return false;
    return f.write(reinterpret_cast<const char*>(bytes.data()), qint64(bytes.size())) == qint64(bytes.size());
}

}  // namespace

class TestCliInfo : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void generatedModel();
    void vocabularyFile();
    void fileWithoutArchitecture();
    void usageAndMissingFile();
    void hostileFiles_data();
    void hostileFiles();

private:
    QTemporaryDir m_dir;
};

void TestCliInfo::initTestCase() {
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFile::exists(PONDER_BINARY_DIR "/bin/ponder-cli"), "build ponder-cli first");
}

void TestCliInfo::generatedModel() {
    gguf::Writer w;
    w.setString("general.architecture", "qwen3moe");
    w.setString("general.name", "Tiny MoE");
    w.setU32("qwen3moe.expert_count", 8);
    w.setU32("qwen3moe.expert_used_count", 2);
    w.setU32("qwen3moe.context_length", 4096);
    w.setU32("qwen3moe.block_count", 1);
    w.setU32("qwen3moe.embedding_length", 256);
    w.setU32("general.file_type", 15);
    w.setString("tokenizer.ggml.model", "gpt2");
    w.setStringArray("tokenizer.ggml.tokens", {"a", "b", "c", "d", "e"});
    // 1280 + 4096 + 512 + 256 + 8 + 256 = 6408 parameters.
    QVERIFY(w.addTensor("token_embd.weight", TensorType::Q4_K, {256, 5}, std::vector<uint8_t>(5 * 144)).ok());
    QVERIFY(
        w.addTensor("blk.0.ffn_up_exps.weight", TensorType::Q4_K, {256, 8, 2}, std::vector<uint8_t>(16 * 144))
            .ok());
    QVERIFY(
        w.addTensor("blk.0.attn_v.weight", TensorType::Q6_K, {256, 2}, std::vector<uint8_t>(2 * 210)).ok());
    QVERIFY(w.addTensor("blk.0.attn_norm.weight", TensorType::F32, {256}, std::vector<uint8_t>(1024)).ok());
    QVERIFY(w.addTensor("blk.0.ffn_gate_inp.weight", TensorType::F32, {8}, std::vector<uint8_t>(32)).ok());
    QVERIFY(w.addTensor("output_norm.weight", TensorType::F32, {256}, std::vector<uint8_t>(1024)).ok());
    const QString path = m_dir.filePath("tiny.gguf");
    QVERIFY(w.writeTo(path.toStdString()).ok());

    const CliRun run = runCli({"info", "--model", path});
    QVERIFY(run.finished && !run.crashed);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonObject o = parseObject(run.out);
    QVERIFY2(!o.isEmpty(), run.out.constData());
    QCOMPARE(o["architecture"].toString(), QString("qwen3moe"));
    QCOMPARE(o["name"].toString(), QString("Tiny MoE"));
    QCOMPARE(o["file_size"].toDouble(), double(QFileInfo(path).size()));
    QCOMPARE(o["parameter_count"].toDouble(), 6408.0);
    QCOMPARE(o["tensor_count"].toInt(), 6);
    QCOMPARE(o["expert_count"].toInt(), 8);
    QCOMPARE(o["expert_used_count"].toInt(), 2);
    QCOMPARE(o["context_length"].toInt(), 4096);
    QCOMPARE(o["block_count"].toInt(), 1);
    QCOMPARE(o["embedding_length"].toInt(), 256);
    QCOMPARE(o["tokenizer_model"].toString(), QString("gpt2"));
    QCOMPARE(o["vocab_size"].toInt(), 5);
    QCOMPARE(o["file_type"].toInt(), 15);
    QCOMPARE(o["file_type_name"].toString(), QString("Q4_K_M"));
    const QJsonObject types = o["tensor_types"].toObject();
    QCOMPARE(types.size(), 3);
    QCOMPARE(types["Q4_K"].toInt(), 2);
    QCOMPARE(types["Q6_K"].toInt(), 1);
    QCOMPARE(types["F32"].toInt(), 3);
    QVERIFY(o["warnings"].toArray().isEmpty());
}

void TestCliInfo::vocabularyFile() {
    // Facts of llama.cpp's ggml-vocab-llama-spm.gguf (Llama 2 tokenizer, 7B hyper-parameters).
    const QString path = QStringLiteral(PONDER_SHARED_TESTDATA "/vocab/ggml-vocab-llama-spm.gguf");
    QVERIFY2(QFile::exists(path), "shared test data is missing");
    const CliRun run = runCli({"info", "--model", path});
    QVERIFY(run.finished && !run.crashed);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonObject o = parseObject(run.out);
    QVERIFY2(!o.isEmpty(), run.out.constData());
    QCOMPARE(o["architecture"].toString(), QString("llama"));
    QCOMPARE(o["tensor_count"].toInt(), 0);
    QCOMPARE(o["parameter_count"].toInt(), 0);
    QVERIFY(o["tensor_types"].toObject().isEmpty());
    QCOMPARE(o["vocab_size"].toInt(), 32000);
    QCOMPARE(o["tokenizer_model"].toString(), QString("llama"));
    QCOMPARE(o["context_length"].toInt(), 4096);
    QCOMPARE(o["block_count"].toInt(), 32);
    QCOMPARE(o["embedding_length"].toInt(), 4096);
    QVERIFY(o["expert_count"].isNull());
    QVERIFY(o["expert_used_count"].isNull());
    QCOMPARE(o["file_type_name"].toString(), QString("F16"));
    QCOMPARE(o["file_size"].toDouble(), double(QFileInfo(path).size()));
}

void TestCliInfo::fileWithoutArchitecture() {
    gguf::Writer w;
    w.setU32("general.file_type", 1024 + 7);  // guessed Q8_0
    w.setU32("general.name", 3);              // wrong type: reported, not fatal
    const QString path = m_dir.filePath("bare.gguf");
    QVERIFY(w.writeTo(path.toStdString()).ok());
    const CliRun run = runCli({"info", "--model", path});
    QVERIFY(run.finished && !run.crashed);
    QCOMPARE(run.exitCode, 0);
    const QJsonObject o = parseObject(run.out);
    QVERIFY(o["architecture"].isNull());
    QVERIFY(o["name"].isNull());
    QVERIFY(o["block_count"].isNull());
    QVERIFY(o["vocab_size"].isNull());
    QCOMPARE(o["file_type_name"].toString(), QString("Q8_0 (guessed)"));
    const QJsonArray warnings = o["warnings"].toArray();
    QCOMPARE(warnings.size(), 1);
    QVERIFY(warnings[0].toString().contains("'general.name' has type u32, expected string"));
}

void TestCliInfo::usageAndMissingFile() {
    const CliRun noModel = runCli({"info"});
    QVERIFY(noModel.finished && !noModel.crashed);
    QCOMPARE(noModel.exitCode, 2);
    QCOMPARE(parseObject(noModel.err)["error"].toString(), QString("invalid_argument"));

    const CliRun typo = runCli({"info", "--model", "x.gguf", "--modle", "y"});
    QCOMPARE(typo.exitCode, 2);
    QVERIFY(parseObject(typo.err)["message"].toString().contains("--modle"));

    const CliRun missing = runCli({"info", "--model", m_dir.filePath("absent.gguf")});
    QVERIFY(missing.finished && !missing.crashed);
    QCOMPARE(missing.exitCode, 1);
    const QJsonObject e = parseObject(missing.err);
    QCOMPARE(e["error"].toString(), QString("file_not_found"));
    QVERIFY(e["message"].toString().contains("absent.gguf"));
}

void TestCliInfo::hostileFiles_data() {
    QTest::addColumn<int>("index");
    const auto cases = pt::hostileGgufCases();
    for (size_t i = 0; i < cases.size(); ++i)
        QTest::newRow(cases[i].name.c_str()) << int(i);
}

void TestCliInfo::hostileFiles() {
    QFETCH(int, index);
    const pt::HostileGguf c = pt::hostileGgufCases()[size_t(index)];
    const QString path = m_dir.filePath(QString("hostile-%1.gguf").arg(index));
    QVERIFY(writeBytes(path, c.bytes));
    const CliRun run = runCli({"info", "--model", path});
    QVERIFY2(run.finished, "ponder-cli did not finish within 5 s");
    QVERIFY2(!run.crashed, "ponder-cli crashed");
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.out.isEmpty());
    const QJsonObject e = parseObject(run.err);
    QVERIFY2(!e.isEmpty(), run.err.constData());
    QCOMPARE(e["error"].toString(), QString(errorCodeName(c.code)));
    const QString message = e["message"].toString();
    QVERIFY2(message.contains(QString::fromStdString(c.messagePart)), qPrintable(message));
    QVERIFY(message.contains(path));
}

QTEST_GUILESS_MAIN(TestCliInfo)
#include "tst_cli_info.moc"
