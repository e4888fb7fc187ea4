// The Documents view's C++ side (DocumentsController and its two list models, checked by
// QAbstractItemModelTester): create and refuse collections, add a folder, see every file's
// state (indexed, or error with its reason for an encrypted or broken PDF), remove a
// document and a collection, and resume indexing that a previous run left pending.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

#include "docs_test_util.h"
#include "documents_controller.h"

namespace {

QVariant cell(QAbstractItemModel* m, int row, int role) { return m->index(row, 0).data(role); }

int rowOfFile(QAbstractItemModel* m, const QString& name) {
    for (int r = 0; r < m->rowCount(); ++r)
        if (cell(m, r, DocumentListModel::FileNameRole).toString() == name) return r;
    return -1;
}

bool allSettled(QAbstractItemModel* m) {
    for (int r = 0; r < m->rowCount(); ++r) {
        const QString s = cell(m, r, DocumentListModel::StateRole).toString();
        if (s != QLatin1String("indexed") && s != QLatin1String("error")) return false;
    }
    return m->rowCount() > 0;
}

}  // namespace

class TstDocsModels : public QObject {
    Q_OBJECT

private slots:
    void collectionsDocumentsStatesAndRemoval() {
        DocsFixture f;
        QVERIFY(f.isOk());
        const QString folder = f.path(QStringLiteral("papers"));
        QVERIFY(writeFile(folder + QStringLiteral("/notes.md"), "# Notes\n\nThe kettle boils at noon.\n"));
        QVERIFY(writeFile(folder + QStringLiteral("/locked.pdf"), encryptedPdf()));
        QVERIFY(writeFile(folder + QStringLiteral("/broken.pdf"), "%PDF-1.4\nthis is not a pdf body"));
        QVERIFY(writeFile(f.path(QStringLiteral("single.txt")), "A file added on its own.\n"));

        DocumentsController docs(f.dir.filePath(QStringLiteral("data")), &f.db);
        QAbstractItemModelTester t1(docs.collections(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(docs.documents(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(docs.collections()->rowCount(), 0);

        const qint64 id = docs.createCollection(QStringLiteral("  Papers "));
        QVERIFY(id > 0);
        QCOMPARE(docs.currentCollectionId(), id);
        QCOMPARE(cell(docs.collections(), 0, CollectionListModel::NameRole).toString(), QStringLiteral("Papers"));
        // Names are unique regardless of case; the refusal is a sentence.
        QCOMPARE(docs.createCollection(QStringLiteral("papers")), 0);
        QVERIFY(docs.error().contains(QLatin1String("papers")));
        QCOMPARE(docs.createCollection(QStringLiteral("   ")), 0);

        QVERIFY(docs.addUrls(id, {QUrl::fromLocalFile(folder), QUrl::fromLocalFile(f.path(QStringLiteral("single.txt")))}));
        QTRY_VERIFY_WITH_TIMEOUT(docs.documents()->rowCount() == 4 && allSettled(docs.documents()), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!docs.library()->isIndexing(), 10000);
        DocumentListModel* m = docs.documents();
        QCOMPARE(cell(m, rowOfFile(m, QStringLiteral("notes.md")), DocumentListModel::StateRole).toString(),
                 QStringLiteral("indexed"));
        QVERIFY(cell(m, rowOfFile(m, QStringLiteral("notes.md")), DocumentListModel::ChunksRole).toInt() >= 1);
        for (const QString& bad : {QStringLiteral("locked.pdf"), QStringLiteral("broken.pdf")}) {
            const int row = rowOfFile(m, bad);
            QCOMPARE(cell(m, row, DocumentListModel::StateRole).toString(), QStringLiteral("error"));
            QVERIFY2(!cell(m, row, DocumentListModel::ErrorRole).toString().isEmpty(), qPrintable(bad));
        }
        QCOMPARE(cell(docs.collections(), 0, CollectionListModel::IndexedRole).toInt(), 2);
        QCOMPARE(cell(docs.collections(), 0, CollectionListModel::FailedRole).toInt(), 2);

        // The file added on its own goes with its source; a folder's file is removed alone.
        const qint64 single = cell(m, rowOfFile(m, QStringLiteral("single.txt")), DocumentListModel::IdRole).toLongLong();
        QVERIFY(docs.removeDocument(single));
        QCOMPARE(m->rowCount(), 3);
        QCOMPARE(docsScalar(f.db, QStringLiteral("SELECT COUNT(*) FROM collection_sources")).toInt(), 1);
        const qint64 broken = cell(m, rowOfFile(m, QStringLiteral("broken.pdf")), DocumentListModel::IdRole).toLongLong();
        QVERIFY(docs.removeDocument(broken));
        QCOMPARE(m->rowCount(), 2);

        // The indexing row: the file the worker reads now.
        const QString notes = cell(m, rowOfFile(m, QStringLiteral("notes.md")), DocumentListModel::PathRole).toString();
        QVERIFY(docsScalar(f.db, QStringLiteral("UPDATE documents SET state = 'pending' WHERE path = '%1'").arg(notes))
                    .isNull());
        m->reload(&f.store, id);
        m->setCurrentFile(notes);
        QCOMPARE(cell(m, rowOfFile(m, QStringLiteral("notes.md")), DocumentListModel::StateRole).toString(),
                 QStringLiteral("indexing"));

        QVERIFY(docs.removeCollection(id));
        QCOMPARE(docs.collections()->rowCount(), 0);
        QCOMPARE(docs.currentCollectionId(), 0);
        QCOMPARE(m->rowCount(), 0);
        QCOMPARE(docsScalar(f.db, QStringLiteral("SELECT COUNT(*) FROM chunks")).toInt(), 0);
    }

    void pendingWorkResumesAtStart() {
        DocsFixture f;
        QVERIFY(f.isOk());
        const QString folder = f.path(QStringLiteral("left"));
        QVERIFY(writeFile(folder + QStringLiteral("/a.txt"), "Alpha text.\n"));
        QVERIFY(writeFile(folder + QStringLiteral("/b.txt"), "Beta text.\n"));
        // What a run killed before indexing leaves: a source and pending documents.
        const Result<qint64> col = f.store.createCollection(QStringLiteral("Left"));
        QVERIFY(col.isOk());
        const Result<qint64> src = f.store.addSource(col.value(), folder, true);
        QVERIFY(src.isOk());
        QVERIFY(f.store.syncDocuments(col.value(), src.value(), {folder + QStringLiteral("/a.txt"),
                                                                  folder + QStringLiteral("/b.txt")})
                    .isOk());
        DocumentsController docs(f.dir.filePath(QStringLiteral("data")), &f.db);
        docs.selectCollection(col.value());
        QCOMPARE(docs.documents()->rowCount(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(allSettled(docs.documents()), 30000);
        QCOMPARE(cell(docs.documents(), 0, DocumentListModel::StateRole).toString(), QStringLiteral("indexed"));
    }

    void withoutDatabaseEverythingIsRefused() {
        DocumentsController docs(QString(), nullptr);
        QCOMPARE(docs.collections()->rowCount(), 0);
        QCOMPARE(docs.createCollection(QStringLiteral("X")), 0);
        QVERIFY(!docs.setAttached(0, 1, true));
        QVERIFY(docs.citations(1, QStringLiteral("[1]")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TstDocsModels)
#include "tst_docs_models.moc"
