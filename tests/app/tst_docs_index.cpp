// The document index: text extraction of every format, chunk positions, indexing a corpus
// with broken files in it, change detection, removal, and the schema migration.
#include "chunker.h"
#include "doc_indexer.h"
#include "docs_retriever.h"
#include "docs_test_util.h"
#include "migrations.h"
#include "text_extract.h"

#include <QFont>
#include <QPainter>
#include <QPdfWriter>
#include <QSqlDatabase>
#include <QtTest>

namespace {

// Text on several pages through Qt's own PDF writer, the way a user's PDF would be made.
bool writePdf(const QString& path, const QList<QStringList>& pages) {
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setResolution(72);
    QPainter painter;
    if (!painter.begin(&writer)) return false;
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSize(11);
    painter.setFont(font);
    for (qsizetype i = 0; i < pages.size(); ++i) {
        if (i > 0) writer.newPage();
        int y = 60;
        for (const QString& line : pages[i]) {
            painter.drawText(50, y, line);
            y += 16;
        }
    }
    return painter.end();
}

QList<QStringList> reportPages() {
    return {{QStringLiteral("Annual report"), QStringLiteral("Summary of the year in the orchard.")},
            {QStringLiteral("Weather"), QStringLiteral("Spring frost damaged the early blossoms.")},
            {QStringLiteral("Harvest"), QStringLiteral("The quince harvest reached twelve tonnes in October."),
             QStringLiteral("Pears were sold at the Saturday market.")},
            {QStringLiteral("Outlook"), QStringLiteral("Next year we plant medlar trees.")}};
}

DocumentInfo docNamed(const QList<DocumentInfo>& docs, const QString& name) {
    for (const DocumentInfo& d : docs) {
        if (d.path.endsWith(u'/' + name)) return d;
    }
    return {};
}

}  // namespace

class TstDocsIndex : public QObject {
    Q_OBJECT

private slots:
    void chunkerKeepsPositions();
    void chunkerSplitsLongLines();
    void htmlKeepsLines();
    void pdfTextPerPage();
    void migrationFromVersion2();
    void indexesCorpus();
    void citationsPointAtPdfPage();
    void changedFilesOnly();
    void removal();
};

void TstDocsIndex::chunkerKeepsPositions() {
    QStringList lines;
    for (int i = 1; i <= 200; ++i) lines << QStringLiteral("line %1 of the text with some words").arg(i);
    const QList<TextChunk> chunks = chunker::chunkPages({{1, lines.join(u'\n')}, {2, QStringLiteral("second page")}},
                                                        {300, 80});
    QVERIFY(chunks.size() > 10);
    int previousEnd = 0;
    for (const TextChunk& c : chunks) {
        if (c.page != 1) continue;
        // The text is exactly the lines its range names.
        QCOMPARE(c.text, lines.mid(c.lineStart - 1, c.lineEnd - c.lineStart + 1).join(u'\n'));
        QVERIFY(c.text.size() <= 300);
        // Overlap: each chunk starts at or before the line after the previous one ended.
        QVERIFY(c.lineStart <= previousEnd + 1);
        if (previousEnd > 0) QVERIFY(c.lineStart <= previousEnd);
        QVERIFY(c.lineEnd > previousEnd);
        previousEnd = c.lineEnd;
    }
    QCOMPARE(previousEnd, 200);
    QCOMPARE(chunks.last().page, 2);
    QCOMPARE(chunks.last().text, QStringLiteral("second page"));
    QCOMPARE(chunks.last().lineStart, 1);
}

void TstDocsIndex::chunkerSplitsLongLines() {
    const QString longLine = QStringLiteral("word ").repeated(1000);  // 5000 chars, one line
    const QList<TextChunk> chunks = chunker::chunkPages({{1, QStringLiteral("title\n\n") + longLine + u'\n'}}, {500, 50});
    QVERIFY(chunks.size() >= 10);
    for (const TextChunk& c : chunks) QVERIFY2(c.text.size() <= 500, qPrintable(QString::number(c.text.size())));
    QCOMPARE(chunks.last().lineEnd, 3);
    // Blank lines alone never make a chunk.
    QVERIFY(chunker::chunkPages({{1, QStringLiteral("\n\n   \n")}}).isEmpty());
}

void TstDocsIndex::htmlKeepsLines() {
    const QString html = QStringLiteral(
        "<html>\n<head><style>\nbody { color: red }\n</style>\n<script>var x = '<p>no</p>';</script></head>\n"
        "<body><!-- a\ncomment --><p>Fish &amp; chips&nbsp;&#233;t&#xE9;</p>\n<p>last</p></body></html>");
    const QString text = textextract::htmlToText(html);
    const QStringList lines = text.split(u'\n');
    QCOMPARE(lines.size(), html.count(u'\n') + 1);  // line numbers still point into the file
    QVERIFY2(lines[6].contains(QStringLiteral("Fish & chips été")), qPrintable(lines[6]));
    QVERIFY(lines[7].contains(QStringLiteral("last")));
    QVERIFY(!text.contains(QStringLiteral("color")));
    QVERIFY(!text.contains(QStringLiteral("var x")));
    QVERIFY(!text.contains(QStringLiteral("comment")));
}

void TstDocsIndex::pdfTextPerPage() {
    QTemporaryDir tmp;
    const QString path = tmp.filePath(QStringLiteral("report.pdf"));
    QVERIFY(writePdf(path, reportPages()));
    const textextract::Extracted e = textextract::extract(path);
    QVERIFY2(e.ok(), qPrintable(e.error));
    QCOMPARE(e.pages.size(), 4);
    for (int i = 0; i < 4; ++i) QCOMPARE(e.pages[i].number, i + 1);
    QVERIFY2(e.pages[2].text.contains(QStringLiteral("quince harvest")), qPrintable(e.pages[2].text));
    QVERIFY(!e.pages[1].text.contains(QStringLiteral("quince")));
}

void TstDocsIndex::migrationFromVersion2() {
    QTemporaryDir tmp;
    {
        QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw-v2"));
        raw.setDatabaseName(tmp.filePath(QString::fromLatin1(Database::kDefaultFileName)));
        QVERIFY(raw.open());
        QVERIFY(migrations::migrate(raw, 2).isOk());
        QVERIFY(QSqlQuery(raw).exec(QStringLiteral(
            "INSERT INTO conversations (id, title, created_at, updated_at) VALUES (5, 'Old chat', 1, 2)")));
        raw.close();
        raw = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("raw-v2"));
    }
    Database db(tmp.path());
    QVERIFY(db.open().isOk());
    QCOMPARE(migrations::userVersion(db.connection()).value(), migrations::latestVersion());
    QVERIFY(migrations::latestVersion() >= 3);
    QCOMPARE(docsScalar(db, QStringLiteral("SELECT title FROM conversations WHERE id = 5")).toString(),
             QStringLiteral("Old chat"));
    DocsStore store(db);
    const Result<qint64> col = store.createCollection(QStringLiteral("Papers"));
    QVERIFY(col.isOk());
    QVERIFY(store.attach(5, col.value()).isOk());
    QCOMPARE(store.collectionsOf(5).value(), QList<qint64>{col.value()});
    // Deleting the chat drops the attachment, not the collection.
    QVERIFY(QSqlQuery(db.connection()).exec(QStringLiteral("DELETE FROM conversations WHERE id = 5")));
    QCOMPARE(docsScalar(db, QStringLiteral("SELECT COUNT(*) FROM conversation_collections")).toInt(), 0);
    QVERIFY(store.collection(col.value()).isOk());
    QVERIFY(!store.createCollection(QStringLiteral("papers")).isOk());  // names are unique, any case
}

void TstDocsIndex::indexesCorpus() {
    DocsFixture f;
    QVERIFY(f.isOk());
    const QString root = f.path(QStringLiteral("corpus"));
    for (const auto& [name, text] : labelledCorpus()) QVERIFY(writeFile(root + u'/' + name, text.toUtf8()));
    QVERIFY(writePdf(root + QStringLiteral("/report.pdf"), reportPages()));
    QVERIFY(writeFile(root + QStringLiteral("/broken.pdf"), "%PDF-1.7\n1 0 obj << /Type /Catalog /Pa"));
    QVERIFY(writeFile(root + QStringLiteral("/garbage.pdf"), QByteArray(4000, '\x9c')));
    QVERIFY(writeFile(root + QStringLiteral("/locked.pdf"), encryptedPdf()));
    QVERIFY(writeFile(root + QStringLiteral("/binary.txt"), QByteArray("abc\0def\0", 8).repeated(100)));
    QVERIFY(writeFile(root + QStringLiteral("/letter.docx"), "PK\x03\x04 not really"));
    QVERIFY(writeFile(root + QStringLiteral("/picture.png"), "\x89PNG"));
    QVERIFY(writeFile(root + QStringLiteral("/.hidden/secret.txt"), "hidden words"));
    {  // ~12 MB of text: indexed in pieces like any other file
        QByteArray huge;
        for (int i = 0; i < 150000; ++i) huge += "Row " + QByteArray::number(i) + " of the big log file, nothing to see.\n";
        QVERIFY(writeFile(root + QStringLiteral("/big/huge.log"), huge));
    }
    {  // Past the size limit: refused from its size alone (sparse, nothing is written)
        QFile sparse(root + QStringLiteral("/big/enormous.txt"));
        QVERIFY(sparse.open(QIODevice::WriteOnly));
        QVERIFY(sparse.resize(textextract::kMaxTextBytes + 1));
    }
    const Result<qint64> col = f.store.createCollection(QStringLiteral("Everything"));
    QVERIFY(col.isOk());
    QVERIFY(f.store.addSource(col.value(), root, true).isOk());
    DocIndexer indexer(f.store);
    QList<IndexProgress> seen;
    indexer.setProgress([&](const IndexProgress& p) { seen << p; });
    // A file that vanishes between the scan and its turn is an error, not a crash.
    QVERIFY(indexer.scan(col.value()).isOk());
    QVERIFY(QFile::remove(root + QStringLiteral("/hardware.md")));
    const Result<IndexProgress> run = indexer.indexPending(col.value());
    QVERIFY2(run.isOk(), qPrintable(run.error().message()));

    const QList<DocumentInfo> docs = f.store.documents(col.value()).value();
    QCOMPARE(docs.size(), 14);  // 6 labelled, 4 PDFs, binary, docx, huge, enormous (no png, no hidden)
    QCOMPARE(run.value().filesTotal, 14);
    QCOMPARE(run.value().filesDone, 14);
    QCOMPARE(seen.last().filesDone, 14);
    QVERIFY(seen.size() >= 14);
    for (const QString& ok : {QStringLiteral("astronomy.md"), QStringLiteral("cooking.txt"), QStringLiteral("garden.html"),
                              QStringLiteral("checksum.py"), QStringLiteral("history.txt"), QStringLiteral("report.pdf"),
                              QStringLiteral("huge.log")}) {
        const DocumentInfo d = docNamed(docs, ok);
        QVERIFY2(d.state == DocumentInfo::State::Indexed, qPrintable(ok + u' ' + d.error));
        QVERIFY(d.chunkCount > 0);
        QCOMPARE(d.hash.size(), 40);
    }
    QCOMPARE(docNamed(docs, QStringLiteral("report.pdf")).pages, 4);
    QVERIFY(docNamed(docs, QStringLiteral("huge.log")).chunkCount > 5000);
    const struct {
        const char* name;
        const char* error;
    } failures[] = {{"broken.pdf", "damaged"},      {"garbage.pdf", "damaged"},    {"locked.pdf", "password"},
                    {"binary.txt", "not text"},     {"letter.docx", "not supported"}, {"enormous.txt", "too large"},
                    {"hardware.md", "no longer exists"}};
    for (const auto& fail : failures) {
        const DocumentInfo d = docNamed(docs, QString::fromLatin1(fail.name));
        QVERIFY2(d.state == DocumentInfo::State::Error, fail.name);
        QVERIFY2(d.error.contains(QLatin1String(fail.error)), qPrintable(d.error));
        QCOMPARE(d.chunkCount, 0);
    }
    QCOMPARE(run.value().filesFailed, 7);
    // The hidden folder and the image were never picked up.
    for (const DocumentInfo& d : docs) {
        QVERIFY(!d.path.contains(QStringLiteral(".hidden")));
        QVERIFY(!d.path.endsWith(QStringLiteral(".png")));
    }
    // The HTML script text is not indexed; its prose is.
    DocsRetriever r(f.store);
    QVERIFY(r.search({col.value()}, QStringLiteral("tomato"), 5).value().first().text.contains(QStringLiteral("sunlight")));
    QVERIFY(r.search({col.value()}, QStringLiteral("not text var"), 5).value().isEmpty() ||
            !r.search({col.value()}, QStringLiteral("not text var"), 5).value().first().text.contains(QStringLiteral("var")));
    QVERIFY(ftsIntegrity(f.db));
}

void TstDocsIndex::citationsPointAtPdfPage() {
    DocsFixture f;
    QVERIFY(f.isOk());
    const QString pdf = f.path(QStringLiteral("report.pdf"));
    QVERIFY(writePdf(pdf, reportPages()));
    const qint64 col = f.store.createCollection(QStringLiteral("Orchard")).value();
    QVERIFY(f.store.addSource(col, pdf, false).isOk());
    QVERIFY(DocIndexer(f.store).run(col).isOk());
    DocsRetriever r(f.store);
    const Result<DocsContext> ctx = r.buildContextFor({col}, QStringLiteral("How many tonnes of quince were harvested?"));
    QVERIFY(ctx.isOk());
    QVERIFY(!ctx.value().nothingFound);
    const Citation first = ctx.value().citations.value(0);
    QCOMPARE(first.number, 1);
    QCOMPARE(first.path, QFileInfo(pdf).absoluteFilePath());
    QCOMPARE(first.page, 3);
    QVERIFY(first.text.contains(QStringLiteral("twelve tonnes")));
    QVERIFY(ctx.value().promptAddition.contains(QStringLiteral("[1] (report.pdf, page 3)")));
}

void TstDocsIndex::changedFilesOnly() {
    DocsFixture f;
    QVERIFY(f.isOk());
    const QString root = f.path(QStringLiteral("c"));
    QVERIFY(writeFile(root + QStringLiteral("/a.txt"), "alpha facts about otters\n"));
    QVERIFY(writeFile(root + QStringLiteral("/b.txt"), "beta facts about beavers\n"));
    const qint64 col = f.store.createCollection(QStringLiteral("C")).value();
    QVERIFY(f.store.addSource(col, root, true).isOk());
    QVERIFY(DocIndexer(f.store).run(col).isOk());
    const QList<qint64> firstIds = {docsScalar(f.db, QStringLiteral("SELECT MIN(id) FROM chunks")).toLongLong(),
                                    docsScalar(f.db, QStringLiteral("SELECT MAX(id) FROM chunks")).toLongLong()};
    // Nothing changed: nothing is written again.
    Result<IndexProgress> again = DocIndexer(f.store).run(col);
    QCOMPARE(again.value().chunks, 0);
    QCOMPARE((QList<qint64>{docsScalar(f.db, QStringLiteral("SELECT MIN(id) FROM chunks")).toLongLong(),
                            docsScalar(f.db, QStringLiteral("SELECT MAX(id) FROM chunks")).toLongLong()}),
             firstIds);
    // Touched but equal content: the hash says so, no re-indexing.
    QFile a(root + QStringLiteral("/a.txt"));
    QVERIFY(a.open(QIODevice::ReadWrite));
    QVERIFY(a.setFileTime(QDateTime::currentDateTime().addSecs(60), QFileDevice::FileModificationTime));
    a.close();
    again = DocIndexer(f.store).run(col);
    QCOMPARE(again.value().chunks, 0);
    // Changed content: only that file is indexed again, and the old text is gone from search.
    QVERIFY(writeFile(root + QStringLiteral("/b.txt"), "gamma facts about badgers, longer now\n"));
    again = DocIndexer(f.store).run(col);
    QCOMPARE(again.value().chunks, 1);
    DocsRetriever r(f.store);
    QVERIFY(r.search({col}, QStringLiteral("beavers"), 5).value().isEmpty());
    QCOMPARE(r.search({col}, QStringLiteral("badgers"), 5).value().size(), 1);
    // A new file appears, a file is deleted.
    QVERIFY(writeFile(root + QStringLiteral("/sub/c.md"), "delta facts about weasels\n"));
    QVERIFY(QFile::remove(root + QStringLiteral("/a.txt")));
    again = DocIndexer(f.store).run(col);
    QCOMPARE(f.store.documents(col).value().size(), 2);
    QVERIFY(r.search({col}, QStringLiteral("otters"), 5).value().isEmpty());
    QCOMPARE(r.search({col}, QStringLiteral("weasels"), 5).value().size(), 1);
    QVERIFY(ftsIntegrity(f.db));
}

void TstDocsIndex::removal() {
    DocsFixture f;
    QVERIFY(f.isOk());
    QVERIFY(writeFile(f.path(QStringLiteral("x/one.txt")), "the lighthouse keeper\n"));
    QVERIFY(writeFile(f.path(QStringLiteral("y/two.txt")), "the lighthouse lamp\n"));
    const qint64 col = f.store.createCollection(QStringLiteral("Sea")).value();
    const qint64 sx = f.store.addSource(col, f.path(QStringLiteral("x")), true).value();
    QVERIFY(f.store.addSource(col, f.path(QStringLiteral("y")), true).isOk());
    QVERIFY(DocIndexer(f.store).run(col).isOk());
    DocsRetriever r(f.store);
    QCOMPARE(r.search({col}, QStringLiteral("lighthouse"), 5).value().size(), 2);
    QVERIFY(f.store.removeSource(sx).isOk());
    QCOMPARE(r.search({col}, QStringLiteral("lighthouse"), 5).value().size(), 1);
    QVERIFY(f.store.removeCollection(col).isOk());
    QCOMPARE(docsScalar(f.db, QStringLiteral("SELECT COUNT(*) FROM documents")).toInt(), 0);
    QCOMPARE(docsScalar(f.db, QStringLiteral("SELECT COUNT(*) FROM chunks")).toInt(), 0);
    QCOMPARE(docsScalar(f.db, QStringLiteral("SELECT COUNT(*) FROM chunks_fts WHERE chunks_fts MATCH 'lighthouse'")).toInt(), 0);
    QVERIFY(ftsIntegrity(f.db));
}

QTEST_MAIN(TstDocsIndex)
#include "tst_docs_index.moc"
