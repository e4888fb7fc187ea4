// End to end through the real app: `ponder` runs under Xvfb on a temporary data folder with
// the scripted model (--model) and the test hook (--e2e-script, enabled only together with
// PONDER_ENABLE_TEST_HOOKS=1), which sends a message, waits for the streamed answer, saves a
// screenshot of the window and dumps the stored chats as JSON. Then the app is started again
// on the same folder and must find everything; and a run killed with SIGKILL mid-answer must
// leave the partial answer in an intact database.
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

#include "database.h"
#include "message_tree.h"
#include "ponder/gpu.h"
#include "scripted_model.h"

namespace {

const QString kPonder = QStringLiteral(PONDER_BINARY_DIR "/bin/ponder");
const QString kArtifacts = QStringLiteral(PONDER_ARTIFACTS_DIR);
const QString kAnswer = QStringLiteral("Hello! I am Ponder's scripted test model, answering from a fixed script.");

int distinctColors(const QImage& image) {
    QSet<QRgb> colors;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2)
            colors.insert(image.pixel(x, y));
    return int(colors.size());
}

}  // namespace

class TstE2eApp : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_model;

    QString writeScript(const QString& name, const QJsonObject& script) {
        const QString path = m_tmp.filePath(name);
        QFile f(path);
        if (f.open(QIODevice::WriteOnly)) f.write(QJsonDocument(script).toJson());
        return path;
    }

    // Starts ponder under Xvfb; the platform is xcb there (the offscreen default of the
    // test environment is removed).
    void start(QProcess& p, const QString& dataDir, const QString& script, bool withModel) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        env.insert(QStringLiteral("PONDER_ENABLE_TEST_HOOKS"), QStringLiteral("1"));
        p.setProcessEnvironment(env);
        p.setProcessChannelMode(QProcess::MergedChannels);
        QStringList args{QStringLiteral("-a"), QStringLiteral("-s"), QStringLiteral("-screen 0 1280x800x24"),
                         kPonder, QStringLiteral("--data-dir"), dataDir, QStringLiteral("--e2e-script"), script};
        if (withModel) args << QStringLiteral("--model") << m_model;
        p.start(QStringLiteral("xvfb-run"), args);
    }

    static bool finish(QProcess& p, QString* output) {
        const bool done = p.waitForFinished(240000);
        *output += QString::fromLocal8Bit(p.readAll());
        return done && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    }

    static QJsonObject readDump(const QString& path) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) return {};
        return QJsonDocument::fromJson(f.readAll()).object();
    }

    static void checkScreenshot(const QString& path) {
        const QImage image(path);
        QVERIFY2(!image.isNull(), qPrintable(path));
        QVERIFY(image.width() >= 640 && image.height() >= 420);
        const int colors = distinctColors(image);
        QVERIFY2(colors > 24, qPrintable(QStringLiteral("only %1 colours in %2").arg(colors).arg(path)));
    }

private slots:
    void initTestCase() {
        QVERIFY(m_tmp.isValid());
        QVERIFY2(QFileInfo(kPonder).isExecutable(), qPrintable(kPonder));
        QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("xvfb-run")).isEmpty(),
                 "xvfb-run is missing (Debian package xvfb)");
        m_model = m_tmp.filePath(QStringLiteral("scripted.gguf"));
        auto written = ponder::testgen::writeScriptedModel(m_model.toStdString());
        QVERIFY2(written.ok(), written.ok() ? "" : written.error().message.c_str());
        QDir().mkpath(kArtifacts);
    }

    void hookNeedsTheEnvironmentVariable() {
        // The same option without PONDER_ENABLE_TEST_HOOKS=1 is refused before any window.
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("PONDER_ENABLE_TEST_HOOKS"));
        p.setProcessEnvironment(env);
        p.start(kPonder, {QStringLiteral("--data-dir"), m_tmp.filePath(QStringLiteral("unused")),
                          QStringLiteral("--e2e-script"), m_tmp.filePath(QStringLiteral("x.json"))});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 1);
        QVERIFY(QString::fromLocal8Bit(p.readAllStandardError()).contains(QStringLiteral("PONDER_ENABLE_TEST_HOOKS")));
    }

    void chatStreamsAndSurvivesRestart() {
        const QString data = m_tmp.filePath(QStringLiteral("data"));
        const QString shot = kArtifacts + QStringLiteral("/e2e-chat.png");
        const QString dump = m_tmp.filePath(QStringLiteral("dump1.json"));
        QFile::remove(shot);
        QString out;
        {
            QProcess p;
            start(p, data,
                  writeScript(QStringLiteral("send.json"),
                              {{"send", "Hello there! Can you greet me?"},
                               {"settings", QJsonObject{{"keepReasoningOpen", true}}},
                               {"screenshot", shot},
                               {"dump", dump}}),
                  true);
            QVERIFY2(finish(p, &out), qPrintable(out));
        }
        QVERIFY2(out.contains(QStringLiteral("PONDER_E2E answer-ended")), qPrintable(out));
        checkScreenshot(shot);
        const QJsonArray chats = readDump(dump).value(QStringLiteral("conversations")).toArray();
        QCOMPARE(chats.size(), 1);
        const QJsonArray messages = chats[0].toObject().value(QStringLiteral("messages")).toArray();
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages[0].toObject().value(QStringLiteral("content")).toString(),
                 QStringLiteral("Hello there! Can you greet me?"));
        const QJsonObject answer = messages[1].toObject();
        QCOMPARE(answer.value(QStringLiteral("content")).toString(), kAnswer);
        QVERIFY(answer.value(QStringLiteral("reasoning")).toString().contains(QStringLiteral("Step 2: answer warmly")));
        QCOMPARE(answer.value(QStringLiteral("state")).toString(), QStringLiteral("complete"));
        // The folded reasoning's "Thought for N s, M tokens": both numbers stored (and, by the
        // comparison after the restart below, read back unchanged).
        QVERIFY2(answer.value(QStringLiteral("reasoningTokens")).toInteger() > 0, qPrintable(QJsonDocument(answer).toJson()));
        QVERIFY2(answer.value(QStringLiteral("reasoningMs")).toInteger() > 0, qPrintable(QJsonDocument(answer).toJson()));
        // The default settings run the chat on the GPU the engine prefers (lavapipe in CI).
        const auto gpus = ponder::listGpus();
        QVERIFY2(gpus && !gpus->empty(), "the suite needs a Vulkan device (lavapipe in CI)");
        const auto best = ponder::chooseGpu(*gpus, std::nullopt);
        QVERIFY(best.ok());
        const QJsonObject first = readDump(dump);
        QCOMPARE(first.value(QStringLiteral("modelDevice")).toString(), QString::fromStdString(best->name));
        QCOMPARE(first.value(QStringLiteral("modelDeviceNote")).toString(), QString());

        // Restart on the same folder, without a model: the chat is listed and opens.
        const QString shot2 = kArtifacts + QStringLiteral("/e2e-restart.png");
        const QString dump2 = m_tmp.filePath(QStringLiteral("dump2.json"));
        out.clear();
        {
            QProcess p;
            start(p, data,
                  writeScript(QStringLiteral("reopen.json"),
                              {{"selectFirstChat", true}, {"screenshot", shot2}, {"dump", dump2}}),
                  false);
            QVERIFY2(finish(p, &out), qPrintable(out));
        }
        checkScreenshot(shot2);
        const QJsonObject again = readDump(dump2);
        QCOMPARE(again.value(QStringLiteral("conversations")).toArray(), chats);
        QCOMPARE(again.value(QStringLiteral("shownMessages")).toInt(), 2);
    }

    void sigkillMidAnswerKeepsThePartialText() {
        const QString data = m_tmp.filePath(QStringLiteral("killed"));
        QProcess p;
        // 400 ms after each streamed piece: the answer takes seconds, the writer flushes
        // every 250 ms, so the kill lands mid-answer with text already in the database.
        start(p, data, writeScript(QStringLiteral("slow.json"), {{"send", "hello"}, {"tokenDelayMs", 400}}), true);
        QString out;
        qint64 pid = 0;
        static const QRegularExpression pidLine(QStringLiteral("PONDER_E2E pid=(\\d+)"));
        QElapsedTimer clock;
        clock.start();
        while (!out.contains(QStringLiteral("answer-started")) && clock.elapsed() < 120000) {
            p.waitForReadyRead(500);
            out += QString::fromLocal8Bit(p.readAll());
        }
        const auto m = pidLine.match(out);
        QVERIFY2(m.hasMatch() && out.contains(QStringLiteral("answer-started")), qPrintable(out));
        pid = m.captured(1).toLongLong();

        // Wait (read-only, through SQLite's WAL) until some streamed text is committed.
        const QString file = QDir(data).filePath(QString::fromLatin1(Database::kDefaultFileName));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("peek"));
            db.setDatabaseName(file);
            db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
            QVERIFY(db.open());
            bool seen = false;
            for (int i = 0; i < 200 && !seen; ++i) {
                QSqlQuery q(db);
                seen = q.exec(QStringLiteral("SELECT 1 FROM messages WHERE role = 'assistant' AND state = "
                                             "'streaming' AND length(reasoning) > 0")) && q.next();
                if (!seen) QTest::qWait(50);
            }
            db.close();
            QVERIFY2(seen, "no streamed text reached the database");
        }
        QSqlDatabase::removeDatabase(QStringLiteral("peek"));
        QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);
        p.waitForFinished(30000);

        // The database opens without being set aside, passes the integrity check and holds the
        // partial answer, still marked as streaming (the next start recovers it).
        qint64 answerId = 0;
        {
            Database db(data);
            const Result<OpenReport> opened = db.open();
            QVERIFY2(opened, qPrintable(opened.error().message()));
            QVERIFY(!opened.value().wasSetAside());
            QVERIFY(db.integrityCheck());
            QSqlQuery q(db.connection());
            QVERIFY(q.exec(QStringLiteral("SELECT id, state, reasoning, content FROM messages WHERE role = 'assistant'")));
            QVERIFY(q.next());
            answerId = q.value(0).toLongLong();
            QCOMPARE(q.value(1).toString(), QStringLiteral("streaming"));
            QVERIFY(!q.value(2).toString().isEmpty());
            QVERIFY2(q.value(3).toString().size() < kAnswer.size(), "the answer was complete: not killed mid-answer");
        }
        // The next start turns it into a visible error with its text kept.
        const QString dump = m_tmp.filePath(QStringLiteral("dump-killed.json"));
        QProcess again;
        start(again, data, writeScript(QStringLiteral("after.json"), {{"selectFirstChat", true}, {"dump", dump}}), false);
        QString out2;
        QVERIFY2(finish(again, &out2), qPrintable(out2));
        const QJsonArray chats = readDump(dump).value(QStringLiteral("conversations")).toArray();
        QCOMPARE(chats.size(), 1);
        const QJsonObject answer = chats[0].toObject().value(QStringLiteral("messages")).toArray().at(1).toObject();
        QCOMPARE(answer.value(QStringLiteral("state")).toString(), QStringLiteral("error"));
        QVERIFY(!answer.value(QStringLiteral("reasoning")).toString().isEmpty());
        Q_UNUSED(answerId);
    }
};

QTEST_GUILESS_MAIN(TstE2eApp)
#include "tst_e2e_app.moc"
