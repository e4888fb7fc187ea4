// DownloadManager created from QML as the Models page will: the Ponder.Core types are
// registered, modelsDir scans the folder, the catalog and local lists are reachable, and the
// GPU query (on a worker thread) finishes without touching the UI thread and follows the
// settings' GPU choice.
#include <QQmlComponent>
#include <QQmlEngine>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QtQml/qqmlextensionplugin.h>

#include <memory>

#include "download_manager.h"
#include "ponder/gpu.h"

Q_IMPORT_QML_PLUGIN(Ponder_CorePlugin)

class TestDownloadQml : public QObject {
    Q_OBJECT

private slots:
    void createdFromQml() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile f(dir.filePath("hand-copied.gguf"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("GGUF....");
        f.close();

        QQmlEngine engine;
        QQmlComponent component(&engine);
        component.setData(QStringLiteral("import Ponder.Core\n"
                                         "DownloadManager {\n"
                                         "  property int catalogCount: catalog.count\n"
                                         "  property int localCount: localModels.count\n"
                                         "  contextLength: 4096\n"
                                         "}\n")
                              .toUtf8(),
                          QUrl());
        std::unique_ptr<QObject> manager(component.createWithInitialProperties({{"modelsDir", dir.path()}}));
        QVERIFY2(manager, qPrintable(component.errorString()));
        QVERIFY(manager->property("catalogCount").toInt() >= 10);
        QCOMPARE(manager->property("localCount").toInt(), 1);
        QCOMPARE(manager->property("contextLength").toInt(), 4096);
        QCOMPARE(manager->property("activeDownloads").toInt(), 0);
        // The GPU query runs in the thread pool; wait for it so the test ends cleanly. With
        // no Vulkan device the name stays empty and the estimates say "no GPU".
        QThreadPool::globalInstance()->waitForDone(30000);
        QCoreApplication::processEvents();
        qInfo() << "GPU for the estimates:" << manager->property("gpuName").toString()
                << manager->property("gpuMemoryBytes").toDouble();
    }

    // The estimates follow the settings' GPU choice as the worker resolves it: a device found
    // by its saved name at another index, and none when the chosen GPU is gone.
    void estimatesFollowTheChosenGpu() {
        const auto gpus = ponder::listGpus();
        QVERIFY2(gpus && !gpus->empty(), "the suite needs a Vulkan device (lavapipe in CI)");
        const ponder::GpuInfo& gpu = gpus->front();
        const QString name = QString::fromStdString(gpu.name);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QQmlEngine engine;
        QQmlComponent component(&engine);
        component.setData(QStringLiteral("import Ponder.Core\nDownloadManager {}\n").toUtf8(), QUrl());
        std::unique_ptr<QObject> created(component.createWithInitialProperties(
            {{"modelsDir", dir.path()}, {"gpuChoice", int(gpus->size()) + 2}, {"gpuChoiceName", name}}));
        QVERIFY2(created, qPrintable(component.errorString()));
        auto* manager = qobject_cast<DownloadManager*>(created.get());
        QVERIFY(manager);
        QTRY_COMPARE(manager->gpuName(), name);
        QCOMPARE(manager->gpuMemoryBytes(), qint64(gpu.deviceLocalBytes));

        manager->setGpuChoice(int(gpu.index));
        manager->setGpuChoiceName(QStringLiteral("A GPU that was unplugged"));
        QTRY_VERIFY(manager->gpuName().isEmpty());
        QCOMPARE(manager->gpuMemoryBytes(), qint64(0));

        manager->setGpuChoice(-2);  // CPU only: estimates for the best device
        QTRY_VERIFY(!manager->gpuName().isEmpty());
        QThreadPool::globalInstance()->waitForDone(30000);
    }
};

QTEST_GUILESS_MAIN(TestDownloadQml)
#include "tst_download_qml.moc"
