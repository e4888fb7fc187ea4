// `ponder docs ...` run as a user would, through the built binary (no display): add, search,
// list, ask with a generated model, embeddings, errors, and resuming after SIGKILL.
#include "database.h"
#include "docs_test_util.h"
#include "model_gen.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

#include <csignal>

namespace {

const QString kPonder = QStringLiteral(PONDER_BINARY_DIR "/bin/ponder");

struct Run {
    int code = -1;
    QByteArray out;
    QByteArray err;
    QJsonDocument json() const { return QJsonDocument::fromJson(out); }
};

Run ponderDocs(const QStringList& args, int timeoutMs = 120000) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));  // a terminal without a display
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    p.setProcessEnvironment(env);
    p.start(kPonder, QStringList{QStringLiteral("docs")} + args);
    Run r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

}  // namespace

class TstDocsCli : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void addSearchList();
    void askAnswersWithCitations();
    void askNothingFound();
    void embeddingModel();
    void errors();
    void resumeAfterKill();

private:
    QTemporaryDir m_tmp;
    QString m_corpus, m_data, m_model;
};

void TstDocsCli::initTestCase() {
    QVERIFY2(QFileInfo(kPonder).isExecutable(), qPrintable(kPonder));
    QVERIFY(m_tmp.isValid());
    m_corpus = m_tmp.filePath(QStringLiteral("corpus"));
    m_data = m_tmp.filePath(QStringLiteral("data"));
    for (const auto& [name, text] : labelledCorpus()) QVERIFY(writeFile(m_corpus + u'/' + name, text.toUtf8()));
    m_model = m_tmp.filePath(QStringLiteral("qwen3.gguf"));
    ponder::testgen::ModelSpec spec;
    spec.arch = "qwen3";
    spec.nCtx = 4096;
    const auto written = ponder::testgen::writeModel(spec, m_model.toStdString());
    QVERIFY2(written.ok(), written.ok() ? "" : written.error().message.c_str());
}

void TstDocsCli::addSearchList() {
    const Run add = ponderDocs({QStringLiteral("add"), m_corpus, QStringLiteral("--collection"), QStringLiteral("Notes"),
                                QStringLiteral("--data-dir"), m_data});
    QVERIFY2(add.code == 0, add.err.constData());
    const QJsonObject summary = add.json().object();
    QCOMPARE(summary.value(QStringLiteral("collection")).toString(), QStringLiteral("Notes"));
    QCOMPARE(summary.value(QStringLiteral("indexed")).toInt(), 6);
    QCOMPARE(summary.value(QStringLiteral("failed")).toInt(), 0);
    QVERIFY(summary.value(QStringLiteral("chunks")).toInt() >= 6);
    QVERIFY(add.err.contains("indexed 6/6 files"));
    QVERIFY(QFileInfo::exists(m_data + u'/' + QLatin1String(Database::kDefaultFileName)));

    const Run search = ponderDocs({QStringLiteral("search"), QStringLiteral("--collection"), QStringLiteral("notes"),
                                   QStringLiteral("--top"), QStringLiteral("3"), QStringLiteral("--data-dir"), m_data,
                                   QStringLiteral("Who developed the printing press?")});
    QVERIFY2(search.code == 0, search.err.constData());
    const QJsonArray hits = search.json().array();
    QVERIFY(!hits.isEmpty() && hits.size() <= 3);
    const QJsonObject first = hits.first().toObject();
    QVERIFY(first.value(QStringLiteral("file")).toString().endsWith(QStringLiteral("/history.txt")));
    QCOMPARE(first.value(QStringLiteral("page")).toInt(), 1);
    QCOMPARE(first.value(QStringLiteral("lineStart")).toInt(), 1);
    QVERIFY(first.value(QStringLiteral("lineEnd")).toInt() >= 1);
    QVERIFY(first.value(QStringLiteral("score")).toDouble() > 0);
    QVERIFY(first.value(QStringLiteral("text")).toString().contains(QStringLiteral("Gutenberg")));

    const Run list = ponderDocs({QStringLiteral("list"), QStringLiteral("--data-dir"), m_data});
    QCOMPARE(list.code, 0);
    QCOMPARE(list.json().array().first().toObject().value(QStringLiteral("collection")).toString(), QStringLiteral("Notes"));
    const Run docs = ponderDocs({QStringLiteral("list"), QStringLiteral("--collection"), QStringLiteral("Notes"),
                                 QStringLiteral("--data-dir"), m_data});
    QCOMPARE(docs.json().array().size(), 6);
    QCOMPARE(docs.json().array().first().toObject().value(QStringLiteral("state")).toString(), QStringLiteral("indexed"));
}

void TstDocsCli::askAnswersWithCitations() {
    const Run ask = ponderDocs({QStringLiteral("ask"), QStringLiteral("--collection"), QStringLiteral("Notes"),
                                QStringLiteral("--model"), m_model, QStringLiteral("--max-tokens"), QStringLiteral("8"),
                                QStringLiteral("--data-dir"), m_data, QStringLiteral("Who developed the printing press?")});
    QVERIFY2(ask.code == 0, ask.err.constData());
    const QJsonObject out = ask.json().object();
    QCOMPARE(out.value(QStringLiteral("nothingFound")).toBool(), false);
    QVERIFY(out.value(QStringLiteral("answer")).isString());  // random weights: any text
    QVERIFY(out.value(QStringLiteral("promptTokens")).toInt() > 20);
    const QJsonArray citations = out.value(QStringLiteral("citations")).toArray();
    QVERIFY(!citations.isEmpty());
    const QJsonObject c = citations.first().toObject();
    QCOMPARE(c.value(QStringLiteral("number")).toInt(), 1);
    QVERIFY(c.value(QStringLiteral("file")).toString().endsWith(QStringLiteral("/history.txt")));
    QCOMPARE(c.value(QStringLiteral("page")).toInt(), 1);
    QVERIFY(c.value(QStringLiteral("text")).toString().contains(QStringLiteral("Gutenberg")));
    QVERIFY(out.value(QStringLiteral("cited")).isArray());
}

void TstDocsCli::askNothingFound() {
    const Run ask = ponderDocs({QStringLiteral("ask"), QStringLiteral("--collection"), QStringLiteral("Notes"),
                                QStringLiteral("--model"), m_model, QStringLiteral("--data-dir"), m_data,
                                QStringLiteral("What is the boiling point of mercury?")});
    QVERIFY2(ask.code == 0, ask.err.constData());
    const QJsonObject out = ask.json().object();
    QCOMPARE(out.value(QStringLiteral("nothingFound")).toBool(), true);
    QVERIFY(out.value(QStringLiteral("answer")).toString().contains(QStringLiteral("nothing")));
    QVERIFY(out.value(QStringLiteral("citations")).toArray().isEmpty());
}

void TstDocsCli::embeddingModel() {
    const QString data = m_tmp.filePath(QStringLiteral("data-vec"));
    const Run add = ponderDocs({QStringLiteral("add"), m_corpus, QStringLiteral("--collection"), QStringLiteral("Vec"),
                                QStringLiteral("--embedding-model"), m_model, QStringLiteral("--data-dir"), data});
    QVERIFY2(add.code == 0, add.err.constData());
    const QJsonObject s = add.json().object();
    QVERIFY(s.value(QStringLiteral("chunks")).toInt() > 0);
    QCOMPARE(s.value(QStringLiteral("embedded")).toInt(), s.value(QStringLiteral("chunks")).toInt());
    QVERIFY(s.value(QStringLiteral("run")).toObject().value(QStringLiteral("embedSeconds")).toDouble() > 0);
    const Run search = ponderDocs({QStringLiteral("search"), QStringLiteral("--collection"), QStringLiteral("Vec"),
                                   QStringLiteral("--data-dir"), data, QStringLiteral("Rosetta Stone")});
    QVERIFY2(search.code == 0, search.err.constData());
    const QJsonArray hits = search.json().array();
    QVERIFY(!hits.isEmpty());
    QVERIFY(hits.first().toObject().value(QStringLiteral("cosine")).isDouble());
}

void TstDocsCli::errors() {
    const QString dd = QStringLiteral("--data-dir");
    QCOMPARE(ponderDocs({QStringLiteral("search"), QStringLiteral("--collection"), QStringLiteral("Nope"), dd, m_data,
                         QStringLiteral("x")}).code, 1);
    QCOMPARE(ponderDocs({QStringLiteral("search"), dd, m_data, QStringLiteral("x")}).code, 1);
    QCOMPARE(ponderDocs({QStringLiteral("search"), QStringLiteral("--collection"), QStringLiteral("Notes"),
                         QStringLiteral("--top"), QStringLiteral("zero"), dd, m_data, QStringLiteral("x")}).code, 1);
    QCOMPARE(ponderDocs({QStringLiteral("add"), m_tmp.filePath(QStringLiteral("missing")), QStringLiteral("--collection"),
                         QStringLiteral("Notes"), dd, m_data}).code, 1);
    QCOMPARE(ponderDocs({QStringLiteral("frobnicate"), dd, m_data}).code, 1);
    const Run badModel = ponderDocs({QStringLiteral("ask"), QStringLiteral("--collection"), QStringLiteral("Notes"),
                                     QStringLiteral("--model"), m_tmp.filePath(QStringLiteral("none.gguf")), dd, m_data,
                                     QStringLiteral("question")});
    QCOMPARE(badModel.code, 1);
    QVERIFY(!badModel.err.isEmpty());
}

void TstDocsCli::resumeAfterKill() {
    const QString corpus = m_tmp.filePath(QStringLiteral("many")), data = m_tmp.filePath(QStringLiteral("data-kill"));
    const int files = 40;
    for (int i = 0; i < files; ++i) {
        QByteArray text;
        for (int l = 0; l < 60; ++l) text += "File " + QByteArray::number(i) + " line " + QByteArray::number(l) + " marker" +
                                             QByteArray::number(i) + "x of the resumable corpus.\n";
        QVERIFY(writeFile(QStringLiteral("%1/f%2.txt").arg(corpus).arg(i, 2, 10, QChar(u'0')), text));
    }
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PONDER_DOCS_THROTTLE_MS"), QStringLiteral("150"));
    child.setProcessEnvironment(env);
    child.start(kPonder, {QStringLiteral("docs"), QStringLiteral("add"), corpus, QStringLiteral("--collection"),
                          QStringLiteral("R"), QStringLiteral("--data-dir"), data});
    QVERIFY(child.waitForStarted());
    QByteArray err;
    QElapsedTimer timer;
    timer.start();
    while (!err.contains("indexed 8/") && timer.elapsed() < 60000) {
        child.waitForReadyRead(200);
        err += child.readAllStandardError();
    }
    QVERIFY2(err.contains("indexed 8/"), err.constData());
    QCOMPARE(::kill(pid_t(child.processId()), SIGKILL), 0);
    QVERIFY(child.waitForFinished());
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);
    {
        Database db(data);
        QVERIFY(db.open().isOk());
        const int indexed = docsScalar(db, QStringLiteral("SELECT COUNT(*) FROM documents WHERE state = 'indexed'")).toInt();
        QVERIFY2(indexed >= 8 && indexed < files, qPrintable(QString::number(indexed)));
        QCOMPARE(docsScalar(db, QStringLiteral("SELECT COUNT(*) FROM documents")).toInt(), files);
    }
    const Run resume = ponderDocs({QStringLiteral("index"), QStringLiteral("--collection"), QStringLiteral("R"),
                                   QStringLiteral("--data-dir"), data});
    QVERIFY2(resume.code == 0, resume.err.constData());
    const QJsonObject s = resume.json().object();
    QCOMPARE(s.value(QStringLiteral("indexed")).toInt(), files);
    QCOMPARE(s.value(QStringLiteral("pending")).toInt(), 0);
    // Only what the killed run had not finished was indexed now.
    QVERIFY(s.value(QStringLiteral("run")).toObject().value(QStringLiteral("chunks")).toInt() <
            s.value(QStringLiteral("chunks")).toInt());
    // Same chunks as an uninterrupted run, no duplicates, FTS consistent.
    const QString fresh = m_tmp.filePath(QStringLiteral("data-fresh"));
    const Run reference = ponderDocs({QStringLiteral("add"), corpus, QStringLiteral("--collection"), QStringLiteral("R"),
                                      QStringLiteral("--data-dir"), fresh});
    QCOMPARE(reference.code, 0);
    QCOMPARE(s.value(QStringLiteral("chunks")).toInt(), reference.json().object().value(QStringLiteral("chunks")).toInt());
    Database db(data);
    QVERIFY(db.open().isOk());
    QCOMPARE(docsScalar(db, QStringLiteral("SELECT COUNT(*) FROM (SELECT 1 FROM chunks GROUP BY document_id, seq "
                                           "HAVING COUNT(*) > 1)")).toInt(), 0);
    QCOMPARE(docsScalar(db, QStringLiteral("SELECT COUNT(*) FROM (SELECT 1 FROM chunks GROUP BY text, document_id "
                                           "HAVING COUNT(*) > 1)")).toInt(), 0);
    QVERIFY(ftsIntegrity(db));
    for (int i : {0, 20, files - 1}) {
        const Run hit = ponderDocs({QStringLiteral("search"), QStringLiteral("--collection"), QStringLiteral("R"),
                                    QStringLiteral("--top"), QStringLiteral("50"), QStringLiteral("--data-dir"), data,
                                    QStringLiteral("marker%1x").arg(i)});
        QCOMPARE(hit.code, 0);
        QSet<QString> filesHit;
        for (const QJsonValue& v : hit.json().array()) filesHit.insert(v.toObject().value(QStringLiteral("file")).toString());
        QCOMPARE(filesHit.size(), 1);
    }
}

QTEST_GUILESS_MAIN(TstDocsCli)
#include "tst_docs_cli.moc"
