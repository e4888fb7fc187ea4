// DownloadManager with its CatalogModel and LocalModelsModel (both under
// QAbstractItemModelTester, Fatal): nothing on the network until start(), single and split
// downloads, pause/resume/cancel per entry, rows following the downloads, fit estimates from
// the GPU, and the local models folder scan. The catalog points at a local test server.
#include "download_manager.h"
#include "http_test_server.h"
#include "model_downloader.h"

#include <QAbstractItemModelTester>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

QByteArray makeModel(qsizetype size, char fill) {
    QByteArray data(size, fill);
    for (qsizetype i = 0; i < size; i += 4093)
        data[i] = static_cast<char>(i * 31);
    data.replace(0, 4, "GGUF");
    return data;
}

CatalogPart partFor(HttpTestServer& server, const QString& name, const QByteArray& data) {
    server.addFile("/" + name.toLatin1(), data);
    CatalogPart p;
    p.fileName = name;
    p.url = server.url("/" + name.toLatin1());
    p.sizeBytes = data.size();
    p.sizeExact = true;
    p.sha256 = QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
    return p;
}

CatalogEntry entryFor(const QString& id, QList<CatalogPart> parts, bool moe = false) {
    CatalogEntry e;
    e.id = id;
    e.name = id.toUpper();
    e.family = "Test";
    e.architecture = moe ? "qwen3moe" : "qwen2";
    e.parameters = 30000000;
    e.activeParameters = moe ? 3000000 : 30000000;
    e.experts = moe ? 8 : 0;
    e.expertsUsed = moe ? 2 : 0;
    e.quantization = "Q8_0";
    e.contextLength = 4096;
    e.kv.bytesPerToken = 1024;
    e.parts = std::move(parts);
    return e;
}

void writeFile(const QString& path, qsizetype size) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(makeModel(size, 'x'));
}

}  // namespace

class TestDownloadManager : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> tmp;
    std::unique_ptr<HttpTestServer> server;
    std::unique_ptr<DownloadManager> manager;
    std::unique_ptr<QAbstractItemModelTester> catalogTester, localTester;
    QByteArray tiny, split1, split2;

    QString path(const QString& name) const { return QDir(tmp->path()).filePath(name); }
    QVariant role(const QString& id, int r) const {
        return manager->catalog()->index(manager->catalog()->rowOf(id)).data(r);
    }
    QStringList localFiles() const {
        QStringList out;
        for (int i = 0; i < manager->localModels()->rowCount(); ++i)
            out << manager->localModels()->index(i).data(LocalModelsModel::FileNameRole).toString();
        return out;
    }

    void makeManager() {
        manager = std::make_unique<DownloadManager>(tmp->path());
        catalogTester = std::make_unique<QAbstractItemModelTester>(
            manager->catalog(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        localTester = std::make_unique<QAbstractItemModelTester>(
            manager->localModels(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        ModelCatalog cat;
        cat.entries << entryFor("tiny", {partFor(*server, "tiny.gguf", tiny)})
                    << entryFor("split", {partFor(*server, "split-00001-of-00002.gguf", split1),
                                          partFor(*server, "split-00002-of-00002.gguf", split2)},
                                true);
        manager->setCatalog(cat);
    }

private slots:
    void init() {
        tmp = std::make_unique<QTemporaryDir>();
        QVERIFY(tmp->isValid());
        server = std::make_unique<HttpTestServer>();
        QVERIFY(server->listen());
        tiny = makeModel(2 * 1024 * 1024 + 7, 't');
        split1 = makeModel(1024 * 1024, 'a');
        split2 = makeModel(512 * 1024 + 3, 'b');
    }
    void cleanup() {
        localTester.reset();
        catalogTester.reset();
        manager.reset();
        server.reset();
        tmp.reset();
    }

    void builtInCatalogByDefault() {
        DownloadManager m;
        QVERIFY(m.catalog()->count() >= 10);
        QVERIFY(m.modelsDir().isEmpty());
        QVERIFY(!m.start("qwen3-8b-q4_k_m"));  // no folder yet: refused, nothing fetched
    }

    void nothingTouchesTheNetworkUntilStart() {
        makeManager();
        manager->rescan();
        manager->setGpu("Test GPU", 8LL << 30);
        manager->setContextLength(2048);
        QTest::qWait(100);
        QVERIFY(server->requests().isEmpty());
        QCOMPARE(manager->activeDownloads(), 0);
    }

    void downloadsOneEntry() {
        makeManager();
        QSignalSpy finished(manager.get(), &DownloadManager::downloadFinished);
        QVERIFY(manager->start("tiny"));
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.at(0).at(0).toString(), QStringLiteral("tiny"));
        QCOMPARE(finished.at(0).at(1).toString(), path("tiny.gguf"));
        QVERIFY(role("tiny", CatalogModel::DownloadedRole).toBool());
        QVERIFY(!role("tiny", CatalogModel::DownloadingRole).toBool());
        QCOMPARE(role("tiny", CatalogModel::ProgressRole).toDouble(), 1.0);
        QCOMPARE(role("tiny", CatalogModel::StatusRole).toString(), QStringLiteral("Downloaded"));
        QCOMPARE(manager->pathOf("tiny"), path("tiny.gguf"));
        QCOMPARE(localFiles(), QStringList{"tiny.gguf"});
        QCOMPARE(manager->localModels()->index(0).data(LocalModelsModel::CatalogIdRole).toString(), QStringLiteral("tiny"));
        QCOMPARE(manager->activeDownloads(), 0);
    }

    void downloadsSplitPartsInOrder() {
        makeManager();
        QSignalSpy finished(manager.get(), &DownloadManager::downloadFinished);
        QVERIFY(manager->start("split"));
        QVERIFY(finished.wait(20000));
        QCOMPARE(server->requests().size(), 2);
        QCOMPARE(server->requests().at(0).path, QByteArray("/split-00001-of-00002.gguf"));
        QCOMPARE(server->requests().at(1).path, QByteArray("/split-00002-of-00002.gguf"));
        QCOMPARE(manager->pathOf("split"), path("split-00001-of-00002.gguf"));
        QCOMPARE(localFiles(), QStringList{"split-00001-of-00002.gguf"});
        const QModelIndex row = manager->localModels()->index(0);
        QCOMPARE(row.data(LocalModelsModel::PartsRole).toInt(), 2);
        QCOMPARE(row.data(LocalModelsModel::SizeBytesRole).toDouble(), double(split1.size() + split2.size()));
        QCOMPARE(row.data(LocalModelsModel::CatalogNameRole).toString(), QStringLiteral("SPLIT"));
    }

    void pauseResumeAndCancelPerEntry() {
        makeManager();
        server->setSlow(32 * 1024, 10);
        QVERIFY(manager->start("tiny"));
        QVERIFY(QTest::qWaitFor([&] { return role("tiny", CatalogModel::ProgressRole).toDouble() > 0.1; }, 20000));
        QVERIFY(role("tiny", CatalogModel::DownloadingRole).toBool());
        QVERIFY(role("tiny", CatalogModel::StatusRole).toString().contains(" of "));
        QCOMPARE(manager->activeDownloads(), 1);

        manager->pause("tiny");
        QVERIFY(!role("tiny", CatalogModel::DownloadingRole).toBool());
        QVERIFY(role("tiny", CatalogModel::PausedRole).toBool());
        QVERIFY(role("tiny", CatalogModel::StatusRole).toString().startsWith("Paused at"));
        QCOMPARE(manager->activeDownloads(), 0);
        QVERIFY(QFile::exists(path("tiny.gguf.part")));

        // A new manager (an app restart) shows the paused download and resumes it.
        server->setSlow(0, 0);
        catalogTester.reset();
        localTester.reset();
        const QList<HttpTestServer::Request> before = server->requests();
        makeManager();
        QVERIFY(role("tiny", CatalogModel::PausedRole).toBool());
        QVERIFY(role("tiny", CatalogModel::ProgressRole).toDouble() > 0.1);
        QSignalSpy finished(manager.get(), &DownloadManager::downloadFinished);
        QVERIFY(manager->resume("tiny"));
        QVERIFY(finished.wait(20000));
        QVERIFY(server->requests().last().headers.value("range").startsWith("bytes="));
        QFile f(path("tiny.gguf"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), tiny);

        // Cancel deletes the partial file.
        server->setSlow(32 * 1024, 10);
        QVERIFY(manager->start("split"));
        QVERIFY(QTest::qWaitFor([&] { return QFileInfo(path("split-00001-of-00002.gguf.part")).size() > 0; }, 20000));
        manager->cancel("split");
        QVERIFY(!QFile::exists(path("split-00001-of-00002.gguf.part")));
        QVERIFY(!QFile::exists(path("split-00001-of-00002.gguf.part.json")));
        QVERIFY(!role("split", CatalogModel::PausedRole).toBool());
        QVERIFY(!role("split", CatalogModel::DownloadingRole).toBool());
    }

    void failureShowsInTheRow() {
        makeManager();
        server->addFile("/tiny.gguf", makeModel(tiny.size(), 'q'));  // same size, other bytes
        QSignalSpy failed(manager.get(), &DownloadManager::downloadFailed);
        QVERIFY(manager->start("tiny"));
        QVERIFY(failed.wait(20000));
        QVERIFY(role("tiny", CatalogModel::ErrorRole).toString().contains("checksum"));
        QCOMPARE(role("tiny", CatalogModel::StatusRole), role("tiny", CatalogModel::ErrorRole));
        QVERIFY(!role("tiny", CatalogModel::DownloadedRole).toBool());
    }

    void fitFollowsTheGpuAndContext() {
        makeManager();
        QCOMPARE(role("split", CatalogModel::FitVerdictRole).toString(), QStringLiteral("unknown"));
        QSignalSpy gpu(manager.get(), &DownloadManager::gpuChanged);
        manager->setGpu("Tiny GPU", 256LL << 20);  // below the 512 MiB runtime margin
        QCOMPARE(gpu.size(), 1);
        QCOMPARE(manager->gpuName(), QStringLiteral("Tiny GPU"));
        QCOMPARE(role("split", CatalogModel::FitVerdictRole).toString(), QStringLiteral("tooBig"));
        QVERIFY(role("split", CatalogModel::FitTextRole).toString().contains("does not support that yet"));
        manager->setGpu("Big GPU", 8LL << 30);
        QCOMPARE(role("tiny", CatalogModel::FitVerdictRole).toString(), QStringLiteral("fits"));
    }

    void scansTheFolderAndFollowsChanges() {
        writeFile(path("b.gguf"), 100);
        writeFile(path("a.gguf"), 200);
        writeFile(path("x-00001-of-00002.gguf"), 50);  // incomplete split model: not listed
        writeFile(path("c.gguf.part"), 10);            // unfinished download: not listed
        writeFile(path("notes.txt"), 10);
        makeManager();
        QCOMPARE(localFiles(), (QStringList{"a.gguf", "b.gguf"}));
        QCOMPARE(manager->localModels()->index(0).data(LocalModelsModel::SizeBytesRole).toDouble(), 200.0);

        QSignalSpy inserted(manager->localModels(), &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(manager->localModels(), &QAbstractItemModel::rowsRemoved);
        QSignalSpy reset(manager->localModels(), &QAbstractItemModel::modelReset);
        writeFile(path("x-00002-of-00002.gguf"), 60);
        QVERIFY(QFile::remove(path("a.gguf")));
        manager->rescan();
        QCOMPARE(localFiles(), (QStringList{"b.gguf", "x-00001-of-00002.gguf"}));
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(reset.size(), 0);
        QCOMPARE(manager->localModels()->index(1).data(LocalModelsModel::SizeBytesRole).toDouble(), 110.0);
    }
};

QTEST_GUILESS_MAIN(TestDownloadManager)
#include "tst_download_manager.moc"
