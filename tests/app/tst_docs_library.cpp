// DocumentLibrary: background indexing on its own thread and connection, progress, the file
// watcher re-indexing changes, resuming pending work at start, and a clean shutdown.
#include "docs_retriever.h"
#include "docs_test_util.h"
#include "document_library.h"

#include <QSignalSpy>
#include <QtTest>

class TstDocsLibrary : public QObject {
    Q_OBJECT

private slots:
    void indexesInBackgroundAndWatches();
    void resumesPendingAtStart();
    void shutdownWhileIndexing();
};

void TstDocsLibrary::indexesInBackgroundAndWatches() {
    QTemporaryDir tmp;
    const QString data = tmp.filePath(QStringLiteral("data")), folder = tmp.filePath(QStringLiteral("notes"));
    QVERIFY(writeFile(folder + QStringLiteral("/a.txt"), "The heron waits in the shallows.\n"));
    QVERIFY(writeFile(folder + QStringLiteral("/sub/b.md"), "# Kingfisher\nA flash of blue by the river.\n"));
    DocumentLibrary library(data);
    QSignalSpy done(&library, &DocumentLibrary::collectionIndexed);
    QSignalSpy progress(&library, &DocumentLibrary::progress);
    QSignalSpy busy(&library, &DocumentLibrary::indexingChanged);
    library.addPaths(QStringLiteral("Birds"), {folder});
    QVERIFY(done.wait(20000));
    const IndexProgress result = done.last().at(1).value<IndexProgress>();
    QCOMPARE(result.filesDone, 2);
    QCOMPARE(result.filesTotal, 2);
    QVERIFY(result.chunks >= 2);
    QVERIFY(progress.size() >= 3);  // the start and one per file
    QCOMPARE(library.filesDone(), 2);
    QVERIFY(busy.size() >= 2);
    QVERIFY(!library.isIndexing());
    QVERIFY(library.watchedPaths().contains(folder));
    QVERIFY(library.watchedPaths().contains(folder + QStringLiteral("/sub")));

    // A new file in a subfolder and an edited file are picked up without being asked.
    QVERIFY(writeFile(folder + QStringLiteral("/sub/c.txt"), "Cormorants dry their wings.\n"));
    QVERIFY(writeFile(folder + QStringLiteral("/a.txt"), "The egret waits in the shallows now.\n"));
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            Database db(data);
            if (!db.open()) return false;
            DocsStore store(db);
            DocsRetriever r(store);
            const Result<DocCollection> col = store.collectionByName(QStringLiteral("Birds"));
            return col && r.search({col.value().id}, QStringLiteral("cormorants"), 3).value().size() == 1 &&
                   r.search({col.value().id}, QStringLiteral("egret"), 3).value().size() == 1 &&
                   r.search({col.value().id}, QStringLiteral("heron"), 3).value().isEmpty();
        }(),
        20000);
}

void TstDocsLibrary::resumesPendingAtStart() {
    QTemporaryDir tmp;
    const QString data = tmp.filePath(QStringLiteral("data"));
    QVERIFY(writeFile(tmp.filePath(QStringLiteral("f/x.txt")), "otters hold hands while sleeping\n"));
    {  // A run that stopped after recording the files: everything pending.
        Database db(data);
        QVERIFY(db.open().isOk());
        DocsStore store(db);
        const qint64 col = store.createCollection(QStringLiteral("Left")).value();
        const qint64 src = store.addSource(col, tmp.filePath(QStringLiteral("f")), true).value();
        QVERIFY(store.syncDocuments(col, src, {tmp.filePath(QStringLiteral("f/x.txt"))}).isOk());
    }
    DocumentLibrary library(data);
    QSignalSpy done(&library, &DocumentLibrary::collectionIndexed);
    QVERIFY(done.wait(20000));
    QCOMPARE(done.last().at(1).value<IndexProgress>().chunks, 1);
}

void TstDocsLibrary::shutdownWhileIndexing() {
    QTemporaryDir tmp;
    for (int i = 0; i < 300; ++i) {
        QVERIFY(writeFile(tmp.filePath(QStringLiteral("many/f%1.txt").arg(i)),
                          QByteArray("some words to index here\n").repeated(400)));
    }
    QElapsedTimer t;
    t.start();
    {
        DocumentLibrary library(tmp.filePath(QStringLiteral("data")));
        QSignalSpy progress(&library, &DocumentLibrary::progress);
        library.addPaths(QStringLiteral("Many"), {tmp.filePath(QStringLiteral("many"))});
        QTRY_VERIFY_WITH_TIMEOUT(progress.size() >= 3, 20000);
    }  // the destructor cancels between files and joins
    QVERIFY(t.elapsed() < 20000);
    Database db(tmp.filePath(QStringLiteral("data")));
    QVERIFY(db.open().isOk());
    const int pending = docsScalar(db, QStringLiteral("SELECT COUNT(*) FROM documents WHERE state = 'pending'")).toInt();
    QVERIFY2(pending > 0, "cancelled work stays pending for the next start");
    QVERIFY(ftsIntegrity(db));
}

QTEST_GUILESS_MAIN(TstDocsLibrary)
#include "tst_docs_library.moc"
