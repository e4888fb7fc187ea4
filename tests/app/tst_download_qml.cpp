// DownloadManager created from QML as the Models page will: the Ponder.Core types are
// registered, modelsDir scans the folder, the catalog and local lists are reachable, and the
// one GPU query at start (on a worker thread) finishes without touching the UI thread.
#include <QQmlComponent>
#include <QQmlEngine>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QtQml/qqmlextensionplugin.h>

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
};

QTEST_GUILESS_MAIN(TestDownloadQml)
#include "tst_download_qml.moc"
