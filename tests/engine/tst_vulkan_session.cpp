// The Vulkan Session around the forward pass: the memory budget check (OutOfMemory with the
// numbers, before anything large is allocated), upload progress, argument errors, the
// last-row option, and ponder-cli's --backend vulkan / --device / devices. FAILS without a
// Vulkan device (PONDER_TESTS_ALLOW_NO_VULKAN only skips).
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "model/arch.h"
#include "model_gen.h"
#include "ponder/model.h"
#include "vk/device.h"
#include "vk/model_runner.h"

namespace ponder {
const model::ModelData& modelData(const Model& m);  // engine/src/model/model.cpp
}

using namespace ponder;

namespace {

const QString kCli = QStringLiteral(PONDER_BINARY_DIR "/bin/ponder-cli");

std::string mib(uint64_t bytes) {
    const uint64_t tenths = (bytes * 10 + (1u << 19)) >> 20;
    return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " MiB";
}

struct CliResult {
    int exitCode = -1;
    QByteArray out, err;
};

CliResult cli(const QStringList& args) {
    QProcess p;
    p.start(kCli, args);
    CliResult r;
    if (!p.waitForFinished(300000)) return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

}  // namespace

class TstVulkanSession : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<Model> m_model;

private slots:
    void initTestCase() {
        auto device = vk::createDevice();
        if (!device) {
            const QString why = QString::fromStdString(device.error().message);
            if (PONDER_TESTS_ALLOW_NO_VULKAN) QSKIP(qPrintable("no Vulkan device (opt-out set): " + why));
            QFAIL(qPrintable("cannot create a Vulkan device: " + why));
        }
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("olmoe-q4k.gguf"));
        testgen::ModelSpec spec;
        spec.arch = "olmoe";
        spec.type = TensorType::Q4_K;
        spec.nEmbd = 256;
        spec.nHead = 4;
        spec.nHeadKv = 4;
        spec.headDim = 64;
        spec.nFf = 256;
        auto w = testgen::writeModel(spec, m_path.toStdString());
        QVERIFY2(w.ok(), w.ok() ? "" : w.error().message.c_str());
        auto model = Model::load(m_path.toStdString());
        QVERIFY(model.ok());
        m_model = std::move(*model);
    }

    // A budget below the plan fails before allocating, naming what is needed and what
    // there is; exactly the plan succeeds.
    void budgetTooSmall() {
        SessionOptions opt;
        opt.backend = Backend::Vulkan;
        opt.contextLength = 256;
        const vk::MemoryPlan plan = vk::planMemory(modelData(*m_model), opt.kvType, 256, 128);
        QVERIFY(plan.weights > 0 && plan.kvCache > 0 && plan.scratch > 0);
        // KV: 2 layers x 256 positions x (256 + 256) halves.
        QCOMPARE(plan.kvCache, uint64_t(2 * 256 * 512 * 2));

        opt.deviceMemoryBudget = plan.total() - 1;
        bool progressCalled = false;
        opt.uploadProgress = [&](float) { progressCalled = true; };
        auto failed = Session::create(*m_model, opt);
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().code, ErrorCode::OutOfMemory);
        const std::string& msg = failed.error().message;
        qInfo("%s", msg.c_str());
        QVERIFY2(msg.find("needs " + mib(plan.total()) + " (" + std::to_string(plan.total()) + " bytes)") != std::string::npos,
                 msg.c_str());
        QVERIFY2(msg.find("weights " + mib(plan.weights)) != std::string::npos, msg.c_str());
        QVERIFY2(msg.find("KV cache " + mib(plan.kvCache)) != std::string::npos, msg.c_str());
        QVERIFY2(msg.find("has " + mib(plan.total() - 1) + " (" + std::to_string(plan.total() - 1) + " bytes") !=
                     std::string::npos,
                 msg.c_str());
        QVERIFY2(!progressCalled, "nothing may be uploaded when the budget check fails");

        opt.deviceMemoryBudget = plan.total();
        std::vector<float> progress;
        opt.uploadProgress = [&](float f) { progress.push_back(f); };
        auto ok = Session::create(*m_model, opt);
        QVERIFY2(ok.ok(), ok.ok() ? "" : ok.error().message.c_str());
        QCOMPARE((*ok)->backend(), Backend::Vulkan);
        QCOMPARE((*ok)->deviceBytes(), plan.total());
        QVERIFY(!progress.empty());
        QVERIFY(std::is_sorted(progress.begin(), progress.end()));
        QCOMPARE(progress.back(), 1.0f);
    }

    void argumentErrors() {
        SessionOptions opt;
        opt.backend = Backend::Vulkan;
        opt.contextLength = 8;
        auto s = Session::create(*m_model, opt);
        QVERIFY(s.ok());
        Session& session = **s;
        const int32_t bad[] = {1, 100000};
        auto r = session.forward(bad, 0);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(session.position(), 0u);
        const int32_t one[] = {5};
        QCOMPARE(session.forward(one, 3).error().code, ErrorCode::InvalidArgument);  // past the cache
        const std::vector<int32_t> nine(9, 7);
        QCOMPARE(session.forward(nine, 0).error().code, ErrorCode::InvalidArgument);  // context full
        // Still usable after the errors.
        auto fine = session.forward(one, 0, LogitsRows::Last);
        QVERIFY(fine.ok());
        QCOMPARE(fine->size(), size_t(m_model->hparams().nVocab));
        QCOMPARE(session.position(), 1u);
        auto noDevice = [&] {
            SessionOptions o = opt;
            o.device = "no such device";
            return Session::create(*m_model, o);
        }();
        QVERIFY(!noDevice.ok());
        QCOMPARE(noDevice.error().code, ErrorCode::NoDevice);
    }

    // ponder-cli: logits on Vulkan agree with the CPU, devices lists the device, bench
    // reports the Vulkan backend and its device memory, a bad --device is an error.
    void commandLine() {
        const QString tokens = QStringLiteral("1,2,3,4,5,6,7,8,9,10,11,12");
        const QStringList base = {QStringLiteral("logits"), QStringLiteral("--model"), m_path, QStringLiteral("--tokens"),
                                  tokens, QStringLiteral("--kv-type"), QStringLiteral("f32")};
        const CliResult cpu = cli(base);
        const CliResult gpu = cli(base + QStringList{QStringLiteral("--backend"), QStringLiteral("vulkan"),
                                                     QStringLiteral("--device"), QStringLiteral("0")});
        QCOMPARE(cpu.exitCode, 0);
        QVERIFY2(gpu.exitCode == 0, gpu.err.constData());
        const QJsonArray a = QJsonDocument::fromJson(cpu.out).object().value(QStringLiteral("logits")).toArray();
        const QJsonArray b = QJsonDocument::fromJson(gpu.out).object().value(QStringLiteral("logits")).toArray();
        QCOMPARE(a.size(), 12);
        QCOMPARE(b.size(), 12);
        for (qsizetype p = 0; p < a.size(); ++p) {
            const QJsonArray ra = a[p].toArray(), rb = b[p].toArray();
            QCOMPARE(ra.size(), rb.size());
            double scale = 1, d = 0;
            for (qsizetype i = 0; i < ra.size(); ++i) {
                scale = std::max(scale, std::fabs(ra[i].toDouble()));
                d = std::max(d, std::fabs(ra[i].toDouble() - rb[i].toDouble()));
            }
            // The tolerance of tst_vulkan_forward: 4 eps sqrt(n_embd) (n_layer + 1) max|logit|.
            QVERIFY2(d <= 4 * 1.1920929e-7 * 16 * 3 * scale, qPrintable(QString::number(d)));
        }

        const CliResult devices = cli({QStringLiteral("devices")});
        QCOMPARE(devices.exitCode, 0);
        const QJsonObject dj = QJsonDocument::fromJson(devices.out).object();
        QVERIFY(dj.value(QStringLiteral("chosen")).toInt(-1) >= 0);
        const QJsonArray list = dj.value(QStringLiteral("devices")).toArray();
        QVERIFY(!list.isEmpty());
        const QJsonObject d0 = list[0].toObject();
        for (const char* key : {"name", "type", "subgroup_size", "max_storage_buffer_range", "device_local_bytes",
                                "storage_16bit", "cooperative_matrix", "usable"}) {
            QVERIFY2(d0.contains(QLatin1String(key)), key);
        }

        const CliResult bench = cli({QStringLiteral("bench"), QStringLiteral("--model"), m_path, QStringLiteral("--backend"),
                                     QStringLiteral("vulkan"), QStringLiteral("--prompt-tokens"), QStringLiteral("8"),
                                     QStringLiteral("--gen-tokens"), QStringLiteral("4"), QStringLiteral("--reps"),
                                     QStringLiteral("1")});
        QVERIFY2(bench.exitCode == 0, bench.err.constData());
        const QJsonObject bj = QJsonDocument::fromJson(bench.out).object();
        QCOMPARE(bj.value(QStringLiteral("backend")).toString(), QStringLiteral("vulkan"));
        QVERIFY(bj.value(QStringLiteral("device_bytes")).toDouble() > 0);
        QVERIFY(bj.value(QStringLiteral("decode_tps")).toDouble() > 0);

        const CliResult badDevice = cli(base + QStringList{QStringLiteral("--backend"), QStringLiteral("vulkan"),
                                                           QStringLiteral("--device"), QStringLiteral("99")});
        QVERIFY(badDevice.exitCode != 0);
        QVERIFY2(badDevice.err.contains("99"), badDevice.err.constData());
        const CliResult deviceOnCpu = cli(base + QStringList{QStringLiteral("--device"), QStringLiteral("0")});
        QVERIFY(deviceOnCpu.exitCode != 0);
    }
};

QTEST_GUILESS_MAIN(TstVulkanSession)
#include "tst_vulkan_session.moc"
