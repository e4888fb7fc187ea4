// The Models dialog driven the way a user drives it, against a local HTTP server the test
// starts (nothing reaches the internet): the catalog entries with their fit estimate, Download
// with progress, Pause, Resume, then "Chat with it" handing the file to the app; Cancel; a
// server error shown on the entry; and a file copied into the models folder by hand listed
// under "On this computer".
#include <QtQml/qqmlextensionplugin.h>
#include <QCryptographicHash>
#include <QDir>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "download_manager.h"
#include "http_test_server.h"
#include "quick_setup.h"

Q_IMPORT_QML_PLUGIN(Ponder_CorePlugin)
Q_IMPORT_QML_PLUGIN(PonderPlugin)

namespace {

QByteArray fakeModel(qsizetype size) {
    QByteArray data(size, 'm');
    for (qsizetype i = 0; i < size; i += 4099) data[i] = static_cast<char>(i * 17);
    data.replace(0, 4, "GGUF");
    return data;
}

// Delegates hang in the visual tree, not always under their QObject parent: walk childItems.
QQuickItem* findItem(QQuickItem* root, const QString& name) {
    if (!root) return nullptr;
    if (root->objectName() == name) return root;
    for (QQuickItem* child : root->childItems()) {
        if (QQuickItem* found = findItem(child, name)) return found;
    }
    return nullptr;
}

const char* kWindow = R"(
import QtQuick
import QtQuick.Controls
import Ponder
import Ponder.Core
ApplicationWindow {
    required property DownloadManager manager
    property alias dialog: dialog
    width: 900; height: 900; visible: true
    CatalogDialog { id: dialog; downloads: manager }
}
)";

}  // namespace

class TstCatalogView : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    HttpTestServer m_server;
    QByteArray m_file;
    std::unique_ptr<DownloadManager> m_manager;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QObject* m_dialog = nullptr;
    QList<QQmlError> m_warnings;

    // The delegate of one catalog entry, then one of its controls by objectName.
    QQuickItem* control(const QString& entryId, const char* name) {
        auto* popupItem = m_dialog->property("contentItem").value<QQuickItem*>();
        if (!popupItem) return nullptr;
        QQuickItem* entry = findItem(popupItem, QStringLiteral("catalogEntry_") + entryId);
        return findItem(entry, QString::fromLatin1(name));
    }
    QString text(const QString& entryId, const char* name) {
        QQuickItem* item = control(entryId, name);
        return item ? item->property("text").toString() : QString();
    }
    // A click on an ActionButton as the user makes it: through its inner Button.
    bool click(const QString& entryId, const char* name) {
        QQuickItem* action = control(entryId, name);
        if (!action || !action->isVisible()) return false;
        auto* button = action->property("button").value<QQuickItem*>();
        return button && button->isEnabled() && QMetaObject::invokeMethod(button, "clicked");
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_server.listen());
        m_file = fakeModel(3 * 1024 * 1024 + 11);
        m_server.addFile("/tiny-q8_0.gguf", m_file);

        CatalogEntry e;
        e.id = QStringLiteral("tiny");
        e.name = QStringLiteral("Tiny Test Model");
        e.family = QStringLiteral("Test");
        e.architecture = QStringLiteral("qwen3moe");
        e.parameters = 40000000;
        e.activeParameters = 8000000;
        e.experts = 8;
        e.expertsUsed = 2;
        e.quantization = QStringLiteral("Q8_0");
        e.contextLength = 4096;
        e.kv.bytesPerToken = 2048;
        CatalogPart part;
        part.fileName = QStringLiteral("tiny-q8_0.gguf");
        part.url = m_server.url("/tiny-q8_0.gguf");
        part.sizeBytes = m_file.size();
        part.sizeExact = true;
        part.sha256 = QCryptographicHash::hash(m_file, QCryptographicHash::Sha256).toHex();
        e.parts = {part};
        ModelCatalog catalog;
        catalog.entries << e;
        // The same file under another name, to cancel; and one the server does not have.
        e.id = QStringLiteral("cancelme");
        e.name = QStringLiteral("Cancelled Test Model");
        e.parts[0].fileName = QStringLiteral("cancel-q8_0.gguf");
        e.parts[0].url = m_server.url("/cancel-q8_0.gguf");
        m_server.addFile("/cancel-q8_0.gguf", m_file);
        catalog.entries << e;
        e.id = QStringLiteral("missing");
        e.name = QStringLiteral("Missing Test Model");
        e.parts[0].fileName = QStringLiteral("missing-q8_0.gguf");
        e.parts[0].url = m_server.url("/missing-q8_0.gguf");
        catalog.entries << e;

        m_manager = std::make_unique<DownloadManager>(m_dir.path());
        m_manager->setCatalog(catalog);
        m_manager->setGpu(QStringLiteral("Test GPU"), 8LL << 30);

        ponder::ui::configureQuickStyle();
        m_engine = std::make_unique<QQmlApplicationEngine>();
        connect(m_engine.get(), &QQmlEngine::warnings, this, [this](const QList<QQmlError>& w) { m_warnings += w; });
        ponder::ui::configureEngine(*m_engine);
        m_engine->setInitialProperties({{QStringLiteral("manager"), QVariant::fromValue(m_manager.get())}});
        m_engine->loadData(kWindow);
        QCOMPARE(m_engine->rootObjects().size(), 1);
        m_dialog = m_engine->rootObjects().first()->property("dialog").value<QObject*>();
        QVERIFY(m_dialog);
        QMetaObject::invokeMethod(m_dialog, "open");
        QTRY_VERIFY2(control(QStringLiteral("tiny"), "downloadButton"),
                     qPrintable(m_warnings.isEmpty() ? QStringLiteral("no delegate") : m_warnings.first().toString()));
    }

    void showsTheEntryAndItsEstimate() {
        QVERIFY2(text(QStringLiteral("tiny"), "fitText").contains(QStringLiteral("Fits")),
                 qPrintable(text(QStringLiteral("tiny"), "fitText")));
        QVERIFY(control(QStringLiteral("tiny"), "downloadButton")->isVisible());
        QVERIFY(!control(QStringLiteral("tiny"), "openButton")->isVisible());
        QVERIFY(m_server.requests().isEmpty());  // showing the catalog fetched nothing
    }

    void downloadPauseResumeAndOpen() {
        m_server.setSlow(256 * 1024, 40);  // slow enough to pause in the middle
        QVERIFY(click(QStringLiteral("tiny"), "downloadButton"));
        QTRY_VERIFY(control(QStringLiteral("tiny"), "pauseButton")->isVisible());
        // Pause once some bytes are on disk, so that resuming has something to continue.
        QTRY_VERIFY(m_manager->catalog()->index(0).data(CatalogModel::ProgressRole).toDouble() > 0.0);
        QVERIFY(!text(QStringLiteral("tiny"), "statusText").isEmpty());
        QVERIFY(click(QStringLiteral("tiny"), "pauseButton"));
        QTRY_VERIFY(control(QStringLiteral("tiny"), "resumeButton")->isVisible());
        QVERIFY2(text(QStringLiteral("tiny"), "statusText").contains(QStringLiteral("Paused")),
                 qPrintable(text(QStringLiteral("tiny"), "statusText")));

        QSignalSpy finished(m_manager.get(), &DownloadManager::downloadFinished);
        m_server.setSlow(0, 0);
        QVERIFY(click(QStringLiteral("tiny"), "resumeButton"));
        QVERIFY(finished.wait(30000));
        // Resumed with a range request, not downloaded again from the start.
        bool ranged = false;
        for (const auto& r : m_server.requests()) ranged = ranged || r.headers.contains("range");
        QVERIFY(ranged);
        QFile done(QDir(m_dir.path()).filePath(QStringLiteral("tiny-q8_0.gguf")));
        QVERIFY(done.open(QIODevice::ReadOnly));
        QCOMPARE(done.readAll(), m_file);

        QTRY_VERIFY(control(QStringLiteral("tiny"), "openButton")->isVisible());
        QSignalSpy open(m_dialog, SIGNAL(openRequested(QString)));
        QVERIFY(click(QStringLiteral("tiny"), "openButton"));
        QCOMPARE(open.count(), 1);
        QCOMPARE(open.first().at(0).toString(), done.fileName());
    }

    // Cancel stops the download, deletes what came, and offers Download again.
    void cancelDeletesThePartialFile() {
        const QString id = QStringLiteral("cancelme");
        m_server.setSlow(64 * 1024, 40);
        QVERIFY(click(id, "downloadButton"));
        QTRY_VERIFY(control(id, "cancelButton")->isVisible());
        QTRY_VERIFY(m_manager->catalog()->index(1).data(CatalogModel::ProgressRole).toDouble() > 0.0);
        QVERIFY(click(id, "cancelButton"));
        QTRY_VERIFY(control(id, "downloadButton")->isVisible());
        m_server.setSlow(0, 0);
        QVERIFY(!control(id, "cancelButton")->isVisible());
        QVERIFY(!control(id, "openButton")->isVisible());
        QStringList left = QDir(m_dir.path()).entryList({QStringLiteral("cancel-q8_0*")}, QDir::Files | QDir::Hidden);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(u' ')));
    }

    // A download the server refuses: the entry shows the manager's error where the status goes,
    // and Download is offered again (nothing is half-kept).
    void serverErrorIsShownAndRetryable() {
        const QString id = QStringLiteral("missing");
        QVERIFY(click(id, "downloadButton"));
        QTRY_VERIFY(!m_manager->catalog()->index(2).data(CatalogModel::ErrorRole).toString().isEmpty());
        const QString error = m_manager->catalog()->index(2).data(CatalogModel::ErrorRole).toString();
        QTRY_VERIFY2(text(id, "statusText").contains(error), qPrintable(text(id, "statusText") + " / " + error));
        QVERIFY(control(id, "statusText")->isVisible());
        QTRY_VERIFY(control(id, "downloadButton")->isVisible());
        QVERIFY(!control(id, "openButton")->isVisible());
        QVERIFY(!QFileInfo::exists(QDir(m_dir.path()).filePath(QStringLiteral("missing-q8_0.gguf"))));
    }

    void handCopiedFilesAreListed() {
        QFile copied(QDir(m_dir.path()).filePath(QStringLiteral("my-own.gguf")));
        QVERIFY(copied.open(QIODevice::WriteOnly));
        copied.write(fakeModel(4096));
        copied.close();
        QMetaObject::invokeMethod(m_dialog, "close");
        QMetaObject::invokeMethod(m_dialog, "open");  // opening rescans the folder
        auto* popupItem = m_dialog->property("contentItem").value<QQuickItem*>();
        QTRY_VERIFY(findItem(popupItem, QStringLiteral("openLocal_my-own.gguf")));
    }

    void noQmlWarnings() {
        for (const QQmlError& w : m_warnings) qWarning() << w.toString();
        QVERIFY(m_warnings.isEmpty());
    }
};

QTEST_MAIN(TstCatalogView)
#include "tst_catalog_view.moc"
