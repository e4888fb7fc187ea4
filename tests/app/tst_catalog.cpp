// The embedded model catalog (every entry complete and sane), the parser's rejection of bad
// entries, the "fits your GPU?" estimate against numbers computed by hand, and CatalogModel
// under QAbstractItemModelTester.
#include "catalog_model.h"
#include "fit_estimate.h"
#include "model_catalog.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

namespace {

constexpr qint64 kGiB = 1024LL * 1024 * 1024;
constexpr qint64 kMiB = 1024LL * 1024;

QJsonObject goodEntry(const QString& id) {
    return QJsonObject{
        {"id", id},
        {"name", "Test"},
        {"family", "Test"},
        {"architecture", "qwen2"},
        {"parameters", 1000000000.0},
        {"activeParameters", 1000000000.0},
        {"experts", 0},
        {"expertsUsed", 0},
        {"quantization", "Q4_K_M"},
        {"contextLength", 4096},
        {"memory", QJsonObject{{"layers", 2}, {"kvHeads", 2}, {"keyLength", 64}, {"valueLength", 64}}},
        {"files",
         QJsonArray{QJsonObject{{"file", id + ".gguf"},
                                {"url", "https://huggingface.co/o/r/resolve/main/" + id + ".gguf"},
                                {"sizeBytes", 600000000.0},
                                {"sizeExact", true},
                                {"sha256", QJsonValue()}}}},
    };
}

QByteArray catalogJson(const QJsonArray& models) {
    return QJsonDocument(QJsonObject{{"version", 1}, {"models", models}}).toJson();
}

}  // namespace

class TestCatalog : public QObject {
    Q_OBJECT

private slots:
    void builtInCatalogIsCompleteAndSane() {
        const ModelCatalog cat = ModelCatalog::builtIn();
        QVERIFY2(cat.problems.isEmpty(), qPrintable(cat.problems.join('\n')));
        QVERIFY(cat.entries.size() >= 10);
        static const QRegularExpression url(
            QStringLiteral("^https://huggingface\\.co/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+/resolve/main/(.+\\.gguf)$"));
        QSet<QString> ids, archs;
        bool multiPart = false, withChecksum = false, moe = false;
        for (const CatalogEntry& e : cat.entries) {
            QVERIFY2(validateCatalogEntry(e).isEmpty(), qPrintable(e.id));
            QVERIFY2(!ids.contains(e.id), qPrintable(e.id));
            ids.insert(e.id);
            archs.insert(e.architecture);
            QVERIFY(!e.name.isEmpty() && !e.family.isEmpty() && !e.quantization.isEmpty());
            QVERIFY(e.parameters > 0 && e.activeParameters > 0 && e.activeParameters <= e.parameters);
            QCOMPARE(e.isMoe(), e.activeParameters < e.parameters);
            if (e.isMoe())
                QVERIFY(e.expertsUsed > 0 && e.expertsUsed <= e.experts);
            QVERIFY(e.contextLength >= 4096);
            QVERIFY(e.kv.bytesPerToken > 0);
            QVERIFY(!e.description.isEmpty());
            for (const CatalogPart& p : e.parts) {
                const QRegularExpressionMatch m = url.match(p.url.toString());
                QVERIFY2(m.hasMatch(), qPrintable(p.url.toString()));
                QCOMPARE(m.captured(1), p.fileName);
                QVERIFY(p.sizeBytes > 0);
                QVERIFY(p.sha256.isEmpty() || p.sha256.size() == 64);
                withChecksum |= !p.sha256.isEmpty();
            }
            multiPart |= e.parts.size() > 1;
            moe |= e.isMoe();
        }
        // The product page's list: DeepSeek distills and MoE models of every family.
        for (const char* arch : {"qwen2", "deepseek2", "qwen3moe", "gpt-oss", "olmoe", "granitemoe", "llama", "qwen3"})
            QVERIFY2(archs.contains(arch), arch);
        QVERIFY(multiPart && withChecksum && moe);
    }

    void builtInMemoryFactsMatchTheEngineSpec() {
        // Engine spec section 7.4, KV cache per token (F16).
        const ModelCatalog cat = ModelCatalog::builtIn();
        QCOMPARE(cat.find("qwen3-30b-a3b-q4_k_m")->kv.bytesPerToken, 98304);    // 48 x 2 x 4 x 128 x 2
        QCOMPARE(cat.find("olmoe-1b-7b-0924-instruct-q4_k_m")->kv.bytesPerToken, 131072);  // 16 x 2 x 16 x 128 x 2
        QCOMPARE(cat.find("deepseek-v2-lite-chat-q4_k_m")->kv.bytesPerToken, 276480);      // legacy GGUF
        QCOMPARE(cat.find("gpt-oss-20b-mxfp4")->kv.bytesPerToken, 24576);
        QCOMPARE(cat.find("gpt-oss-20b-mxfp4")->kv.fixedBytes, 18874368);  // 12 x 768 x 2048
        QCOMPARE(cat.find("deepseek-r1-distill-qwen-7b-q4_k_m")->kv.bytesPerToken, 57344);  // 28 x 2 x 4 x 128 x 2
        const CatalogEntry* split = cat.find("qwen2.5-7b-instruct-q4_k_m");
        QCOMPARE(split->parts.size(), 2);
        QCOMPARE(split->primaryFileName(), QStringLiteral("qwen2.5-7b-instruct-q4_k_m-00001-of-00002.gguf"));
    }

    void parserDropsBadEntries_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("problem");
        auto file = [](const QString& name, const QString& url, double size, const QJsonValue& sha) {
            return QJsonValue(QJsonArray{QJsonObject{{"file", name}, {"url", url}, {"sizeBytes", size}, {"sha256", sha}}});
        };
        QTest::newRow("http url") << "files"
                                  << file("bad.gguf", "http://huggingface.co/o/r/resolve/main/bad.gguf", 6e8, {})
                                  << "URL is not";
        QTest::newRow("other host") << "files" << file("bad.gguf", "https://example.com/o/r/resolve/main/bad.gguf", 6e8, {})
                                    << "URL is not";
        QTest::newRow("not main") << "files" << file("bad.gguf", "https://huggingface.co/o/r/blob/main/bad.gguf", 6e8, {})
                                  << "URL is not";
        QTest::newRow("name differs") << "files"
                                      << file("bad.gguf", "https://huggingface.co/o/r/resolve/main/other.gguf", 6e8, {})
                                      << "URL is not";
        QTest::newRow("unsafe name") << "files"
                                     << file("../bad.gguf", "https://huggingface.co/o/r/resolve/main/../bad.gguf", 6e8, {})
                                     << "plain *.gguf";
        QTest::newRow("no size") << "files" << file("bad.gguf", "https://huggingface.co/o/r/resolve/main/bad.gguf", 0, {})
                                 << "size must be positive";
        QTest::newRow("bad sha") << "files"
                                 << file("bad.gguf", "https://huggingface.co/o/r/resolve/main/bad.gguf", 6e8, "abc")
                                 << "sha256";
        QTest::newRow("active > total") << "activeParameters" << QJsonValue(2e9) << "activeParameters";
        QTest::newRow("dense with experts") << "expertsUsed" << QJsonValue(2) << "dense model";
        QTest::newRow("no context") << "contextLength" << QJsonValue(0) << "contextLength";
        QTest::newRow("no kv") << "memory" << QJsonValue(QJsonObject{}) << "KV cache";
        QTest::newRow("no name") << "name" << QJsonValue("") << "required";
        QTest::newRow("bpw") << "parameters" << QJsonValue(1e11) << "";  // active > total too; any problem
        QTest::newRow("tiny file") << "files"
                                   << file("bad.gguf", "https://huggingface.co/o/r/resolve/main/bad.gguf", 1000, {})
                                   << "bits per weight";
    }
    void parserDropsBadEntries() {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QFETCH(QString, problem);
        QJsonObject bad = goodEntry("bad");
        bad.insert(field, value);
        const ModelCatalog cat = ModelCatalog::parse(catalogJson({goodEntry("good"), bad}));
        QCOMPARE(cat.entries.size(), 1);
        QCOMPARE(cat.entries.at(0).id, QStringLiteral("good"));
        QVERIFY(!cat.problems.isEmpty());
        QVERIFY2(cat.problems.join('\n').contains(problem), qPrintable(cat.problems.join('\n')));
    }

    void parserChecksSplitNamesAndDuplicates() {
        QJsonObject split = goodEntry("split");
        auto part = [](const QString& name) {
            return QJsonObject{{"file", name},
                               {"url", "https://huggingface.co/o/r/resolve/main/" + name},
                               {"sizeBytes", 3e8}};
        };
        split.insert("files", QJsonArray{part("s-00001-of-00002.gguf"), part("s-00002-of-00002.gguf")});
        QJsonObject misnamed = goodEntry("misnamed");
        misnamed.insert("files", QJsonArray{part("m-00001-of-00002.gguf"), part("m-00003-of-00002.gguf")});
        const ModelCatalog cat = ModelCatalog::parse(catalogJson({split, misnamed, goodEntry("split")}));
        QCOMPARE(cat.entries.size(), 1);
        QCOMPARE(cat.entries.at(0).parts.size(), 2);
        QCOMPARE(cat.entries.at(0).totalBytes(), qint64(6e8));
        const QString all = cat.problems.join('\n');
        QVERIFY2(all.contains("must be named -00002-of-00002.gguf"), qPrintable(all));
        QVERIFY2(all.contains("id used twice"), qPrintable(all));
        QVERIFY(!ModelCatalog::parse("not json").problems.isEmpty());
    }

    void splitIndex() {
        QCOMPARE(splitIndexOf("a-00002-of-00003.gguf").index, 2);
        QCOMPARE(splitIndexOf("a-00002-of-00003.gguf").count, 3);
        QCOMPARE(splitIndexOf("a.gguf").count, 0);
        QCOMPARE(splitIndexOf("a-2-of-3.gguf").count, 0);
    }

    void formatsMemoryLikeGpusAreSold() {
        QCOMPARE(formatMemory(8 * kGiB), QStringLiteral("8 GB"));
        QCOMPARE(formatMemory(10952166605), QStringLiteral("10.2 GB"));  // 10.2 GiB
        QCOMPARE(formatMemory(8546984919), QStringLiteral("8 GB"));      // 7.96 GiB rounds up
        QCOMPARE(formatMemory(512 * kMiB), QStringLiteral("512 MB"));
        QCOMPARE(formatMemory(1023), QStringLiteral("1 KB"));
        QCOMPARE(CatalogModel::formatParams(30500000000), QStringLiteral("30.5B"));
        QCOMPARE(CatalogModel::formatParams(8000000000), QStringLiteral("8B"));
        QCOMPARE(CatalogModel::formatParams(400000000), QStringLiteral("400M"));
    }

    void fitEstimateHandComputed() {
        // DeepSeek-R1-Distill-Qwen-7B Q4_K_M, 8K context, 8 GiB GPU:
        //   KV 57,344 x 8,192 = 469,762,048; overhead 512 MiB + 5% of 4.68e9 = 770,870,912;
        //   needed 4,680,000,000 + 469,762,048 + 770,870,912 = 5,920,632,960 (5.51 GiB).
        FitInput in{4680000000, 57344, 0, 8192, 131072, 8 * kGiB, false};
        FitResult r = estimateFit(in);
        QCOMPARE(r.kvBytes, 469762048);
        QCOMPARE(r.overheadBytes, 770870912);
        QCOMPARE(r.neededBytes, 5920632960);
        QCOMPARE(r.verdict, FitVerdict::Fits);
        QCOMPARE(r.text, QStringLiteral("Fits: needs 5.5 GB, you have 8 GB."));

        // Qwen3-30B-A3B on 24 GiB at 32K context: KV 98,304 x 32,768 = 3,221,225,472;
        // overhead 536,870,912 + 930,000,000; needed 23,288,096,384 (21.7 GiB), above 85% of
        // 24 GiB (21,904,333,209) but below 24 GiB: tight.
        r = estimateFit({18600000000, 98304, 0, 32768, 40960, 24 * kGiB, true});
        QCOMPARE(r.neededBytes, 23288096384);
        QCOMPARE(r.verdict, FitVerdict::Tight);
        QVERIFY2(r.text.startsWith("Tight: needs 21.7 GB of your 24 GB."), qPrintable(r.text));

        // gpt-oss-20b on 8 GiB: KV 24,576 x 8,192 + 18,874,368 SWA = 220,200,960;
        // needed 12.1e9 + 220,200,960 + 1,141,870,912 = 13,462,071,872 (12.5 GiB).
        r = estimateFit({12100000000, 24576, 18874368, 8192, 131072, 8 * kGiB, true});
        QCOMPARE(r.kvBytes, 220200960);
        QCOMPARE(r.neededBytes, 13462071872);
        QCOMPARE(r.verdict, FitVerdict::TooBig);
        QVERIFY2(r.text.startsWith("Too big: needs 12.5 GB, you have 8 GB."), qPrintable(r.text));
        QVERIFY2(r.text.contains("experts kept in system RAM") && r.text.contains("does not support that yet"),
                 qPrintable(r.text));

        // A dense model too big gets other advice, no expert talk.
        r = estimateFit({8990000000, 196608, 0, 4096, 131072, 8 * kGiB, false});
        QCOMPARE(r.neededBytes, 10781677280);
        QCOMPARE(r.text, QStringLiteral("Too big: needs 10 GB, you have 8 GB. Try a smaller model or quantization."));

        // The context is capped at what the model was trained for (OLMoE: 4,096).
        r = estimateFit({4210000000, 131072, 0, 32768, 4096, 16 * kGiB, true});
        QCOMPARE(r.contextUsed, 4096);
        QCOMPARE(r.kvBytes, 536870912);
        QCOMPARE(r.neededBytes, 5494241824);

        // No GPU found: no verdict, but still the number.
        r = estimateFit({4680000000, 57344, 0, 8192, 131072, 0, false});
        QCOMPARE(r.verdict, FitVerdict::Unknown);
        QVERIFY2(r.text.contains("5.5 GB") && r.text.contains("no GPU"), qPrintable(r.text));
    }

    void fitEstimateBoundaries() {
        // weights 0: needed = 512 MiB + KV. With 1 byte per token and N tokens, needed is exact.
        const qint64 needed = 512 * kMiB + 1000;
        auto at = [&](qint64 device) { return estimateFit({0, 1, 0, 1000, 0, device, false}).verdict; };
        QCOMPARE(at(needed), FitVerdict::Tight);        // all of it: tight
        QCOMPARE(at(needed - 1), FitVerdict::TooBig);   // one byte short
        QCOMPARE(at(needed * 2), FitVerdict::Fits);     // half of it
        QCOMPARE(at(qint64(std::ceil(double(needed) / kFitComfortShare))), FitVerdict::Fits);
        QCOMPARE(at(qint64(double(needed) / kFitComfortShare) - 10), FitVerdict::Tight);
    }

    void catalogModelUnderTester() {
        CatalogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        const ModelCatalog cat = ModelCatalog::builtIn();
        model.setEntries(cat.entries);
        QCOMPARE(model.rowCount(), cat.entries.size());
        const QHash<int, QByteArray> names = model.roleNames();
        for (const char* role : {"name", "family", "architecture", "params", "activeParams", "experts", "quantization",
                                 "sizeBytes", "fitVerdict", "fitText", "downloaded", "downloading", "progress", "status"})
            QVERIFY2(names.values().contains(role), role);

        const int row = model.rowOf("gpt-oss-20b-mxfp4");
        QVERIFY(row >= 0);
        const QModelIndex i = model.index(row);
        QCOMPARE(i.data(CatalogModel::NameRole).toString(), QStringLiteral("gpt-oss-20b"));
        QCOMPARE(i.data(CatalogModel::ExpertsRole).toInt(), 32);
        QCOMPARE(i.data(CatalogModel::ActiveParamsTextRole).toString(), QStringLiteral("3.6B"));
        QCOMPARE(i.data(CatalogModel::SizeBytesRole).toDouble(), 12100000000.0);
        QCOMPARE(i.data(CatalogModel::FitVerdictRole).toString(), QStringLiteral("unknown"));
        QVERIFY(i.data(CatalogModel::CheckNoteRole).toString().contains("only its size is checked"));
        const int checked = model.rowOf("deepseek-r1-distill-qwen-14b-q4_k_m");
        QVERIFY(model.index(checked).data(CatalogModel::ChecksumKnownRole).toBool());

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setDeviceBytes(8 * kGiB);
        QCOMPARE(changed.size(), 1);
        QVERIFY(changed.at(0).at(2).value<QList<int>>().contains(CatalogModel::FitTextRole));
        QCOMPARE(i.data(CatalogModel::FitVerdictRole).toString(), QStringLiteral("tooBig"));
        QVERIFY(i.data(CatalogModel::FitTextRole).toString().startsWith("Too big: needs 12.5 GB, you have 8 GB."));
        model.setContextLength(8192);  // the default: no change, no signal
        QCOMPARE(changed.size(), 1);

        CatalogModel::RowState s;
        s.downloading = true;
        s.progress = 0.5;
        s.status = "half";
        model.setRowState(row, s);
        QCOMPARE(changed.size(), 2);
        QCOMPARE(changed.at(1).at(0).value<QModelIndex>().row(), row);
        QCOMPARE(i.data(CatalogModel::ProgressRole).toDouble(), 0.5);
        QVERIFY(i.data(CatalogModel::DownloadingRole).toBool());
        model.setRowState(row, s);  // unchanged: no signal
        QCOMPARE(changed.size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_catalog.moc"
