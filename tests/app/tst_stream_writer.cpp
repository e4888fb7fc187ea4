// StreamingWriter: batching on a 250 ms timer, final states, write failures, and a real
// process killed with SIGKILL mid-stream that must leave a sound database holding at least
// what it had reported as flushed.
#include "storage_test_util.h"
#include "stream_writer_text.h"
#include "streaming_writer.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

class TestStreamWriter : public QObject {
    Q_OBJECT

    std::unique_ptr<StorageFixture> f;
    qint64 m_answer = 0;

    Message row() { return f->store.message(m_answer).value(); }

private slots:
    void init() {
        f = std::make_unique<StorageFixture>();
        QVERIFY(f->isOk());
        const qint64 c = f->store.createConversation(QStringLiteral("c")).value();
        const qint64 q =
            f->store.appendMessage(newMessage(c, 0, QStringLiteral("user"), QStringLiteral("q"))).value();
        NewMessage a = newMessage(c, q, QStringLiteral("assistant"), QString());
        a.state = MessageState::Streaming;
        m_answer = f->store.appendMessage(a).value();
    }
    void cleanup() { f.reset(); }

    void batchesDeltasIntoTimedFlushes() {
        StreamingWriter writer(f->store, m_answer);
        QSignalSpy flushed(&writer, &StreamingWriter::flushed);
        QSignalSpy updated(&f->store, &ConversationStore::messageUpdated);
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < 50; ++i)
            writer.appendContent(QStringLiteral("t%1 ").arg(i));
        QVERIFY(writer.hasPendingWrite());
        QCOMPARE(row().content, QString());  // nothing written per token
        QVERIFY(flushed.wait(2000));
        // Not per token: a coarse QTimer may fire up to 5% early, and late under load.
        QVERIFY2(clock.elapsed() >= StreamingWriter::kDefaultFlushIntervalMs * 9 / 10,
                 qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(flushed.size(), 1);
        QCOMPARE(updated.size(), 1);  // one UPDATE for 50 deltas
        QCOMPARE(row().content, writer.content());
        QCOMPARE(flushed.first().value(1).toLongLong(), writer.content().size());
        QVERIFY(!writer.hasPendingWrite());
        QCOMPARE(row().state, MessageState::Streaming);
        // Idle: no further writes.
        QTest::qWait(400);
        QCOMPARE(flushed.size(), 1);
    }

    void announcesEveryDeltaAtOnce() {
        StreamingWriter writer(f->store, m_answer);
        QSignalSpy deltas(&writer, &StreamingWriter::deltaAppended);
        writer.appendReasoning(QStringLiteral("hmm"));
        writer.appendContent(QStringLiteral("yes"));
        writer.appendContent(QString());  // nothing to say
        QCOMPARE(deltas.size(), 2);
        QCOMPARE(deltas[0].value(2).toString(), QStringLiteral("hmm"));
        QCOMPARE(deltas[1].value(1).toString(), QStringLiteral("yes"));
        QCOMPARE(deltas[1].value(0).toLongLong(), m_answer);
    }

    void finishWritesTextStateAndTimings() {
        StreamingWriter writer(f->store, m_answer);
        writer.appendReasoning(QStringLiteral("thinking "));
        QTest::qWait(60);
        writer.appendContent(QStringLiteral("answer"));
        MessagePatch extra;
        extra.completionTokens = 5;
        extra.tokensPerSecond = 12.5;
        QVERIFY(writer.finish(extra).isOk());
        const Message m = row();
        QCOMPARE(m.content, QStringLiteral("answer"));
        QCOMPARE(m.reasoning, QStringLiteral("thinking "));
        QCOMPARE(m.state, MessageState::Complete);
        QCOMPARE(m.stats.completionTokens, qint64(5));
        QCOMPARE(m.stats.tokensPerSecond, 12.5);
        QVERIFY2(m.stats.reasoningMs >= 50, qPrintable(QString::number(m.stats.reasoningMs)));
        QVERIFY(m.stats.generationMs >= m.stats.reasoningMs);
        // The end is the end.
        writer.appendContent(QStringLiteral(" more"));
        QCOMPARE(writer.content(), QStringLiteral("answer"));
        QVERIFY(!writer.finish().isOk());
        QCOMPARE(row().content, QStringLiteral("answer"));
    }

    void cancelKeepsTheText() {
        StreamingWriter writer(f->store, m_answer);
        writer.appendContent(QStringLiteral("partial"));
        QVERIFY(writer.cancel().isOk());
        QCOMPARE(row().state, MessageState::Cancelled);
        QCOMPARE(row().content, QStringLiteral("partial"));
    }

    void failureKeepsTheTextWithTheError() {
        StreamingWriter writer(f->store, m_answer);
        writer.appendContent(QStringLiteral("partial"));
        QVERIFY(writer.fail(QStringLiteral("GPU lost")).isOk());
        QCOMPARE(row().state, MessageState::Error);
        QCOMPARE(row().errorText, QStringLiteral("GPU lost"));
        QCOMPARE(row().content, QStringLiteral("partial"));
    }

    void destructionFlushesWhatIsPending() {
        {
            StreamingWriter writer(f->store, m_answer);
            writer.appendContent(QStringLiteral("last words"));
        }
        QCOMPARE(row().content, QStringLiteral("last words"));
    }

    void fullDiskKeepsTheTextAndRetries() {
        StreamingWriter writer(f->store, m_answer);
        writer.setFlushInterval(50);
        QSignalSpy failed(&writer, &StreamingWriter::writeFailed);
        QSignalSpy flushed(&writer, &StreamingWriter::flushed);
        const int pages = sqlScalar(f->db, QStringLiteral("PRAGMA page_count")).toInt();
        sqlScalar(f->db, QStringLiteral("PRAGMA max_page_count = %1").arg(pages));
        const QString big(300000, u'x');
        writer.appendContent(big);
        const Status s = writer.flush();
        QVERIFY(!s.isOk());
        QCOMPARE(s.error().code(), StorageError::Code::DiskFull);
        QCOMPARE(failed.size(), 1);
        QVERIFY(writer.hasPendingWrite());
        QCOMPARE(row().content, QString());
        // Room again: the retry timer writes everything, nothing was dropped.
        sqlScalar(f->db, QStringLiteral("PRAGMA max_page_count = 1000000"));
        QTRY_VERIFY_WITH_TIMEOUT(flushed.size() >= 1, 3000);
        QCOMPARE(row().content, big);
        QVERIFY(f->db.integrityCheck().isOk());
    }

    void survivesSigkillMidStream_data() {
        QTest::addColumn<int>("flushesBeforeKill");
        QTest::newRow("early in the answer") << 1;
        QTest::newRow("later in the answer") << 4;
    }

    void survivesSigkillMidStream() {
        QFETCH(int, flushesBeforeKill);
        QTemporaryDir dir;
        QProcess helper;
        helper.setProcessChannelMode(QProcess::SeparateChannels);
        helper.start(
            QStringLiteral(STREAM_WRITER_HELPER),
            {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--token-ms"), QStringLiteral("2")});
        QVERIFY2(helper.waitForStarted(10000), qPrintable(helper.errorString()));

        qint64 messageId = 0;
        qint64 flushedContent = 0, flushedReasoning = 0;
        int contentFlushes = 0;
        QByteArray pending;
        auto readLines = [&] {
            pending += helper.readAllStandardOutput();
            qsizetype nl;
            while ((nl = pending.indexOf('\n')) >= 0) {
                const QList<QByteArray> words = pending.left(nl).split(' ');
                pending.remove(0, nl + 1);
                if (words.value(0) == "message") messageId = words.value(1).toLongLong();
                if (words.value(0) == "flushed") {
                    flushedContent = qMax(flushedContent, words.value(1).toLongLong());
                    flushedReasoning = qMax(flushedReasoning, words.value(2).toLongLong());
                    if (words.value(1).toLongLong() > 0) ++contentFlushes;
                }
                QVERIFY2(words.value(0) != "failed" && words.value(0) != "error", pending.constData());
            }
        };
        QElapsedTimer clock;
        clock.start();
        while (contentFlushes < flushesBeforeKill && clock.elapsed() < 30000) {
            helper.waitForReadyRead(100);
            readLines();
        }
        QVERIFY2(contentFlushes >= flushesBeforeKill, helper.readAllStandardError().constData());
        helper.kill();  // SIGKILL: no destructor, no final flush
        QVERIFY(helper.waitForFinished(10000));
        QCOMPARE(helper.exitStatus(), QProcess::CrashExit);
        readLines();  // lines written just before the kill
        QVERIFY(messageId > 0);

        Database db(dir.path());
        const Result<OpenReport> opened = db.open();
        QVERIFY2(opened.isOk(), qPrintable(opened.error().message()));
        QVERIFY(!opened.value().wasSetAside());
        QVERIFY(db.integrityCheck().isOk());
        QVERIFY(ftsConsistent(db, "messages_fts"));
        ConversationStore store(db);
        const Message m = store.message(messageId).value();
        QCOMPARE(m.state, MessageState::Streaming);  // nobody finished it
        // The row holds a prefix of the stream, and at least everything reported as flushed.
        QCOMPARE(m.reasoning, streamtext::fullReasoning());
        QCOMPARE(flushedReasoning, m.reasoning.size());
        const QString expected = streamtext::contentUpTo(streamtext::kReasoningTokens + m.content.size());
        QVERIFY2(expected.startsWith(m.content), qPrintable(m.content.right(80)));
        QVERIFY2(m.content.size() >= flushedContent,
                 qPrintable(QStringLiteral("%1 < %2").arg(m.content.size()).arg(flushedContent)));
        QVERIFY(flushedContent > 0);
        // At startup the app marks it as interrupted, text kept.
        QCOMPARE(store.recoverInterruptedMessages().value(), 1);
        QCOMPARE(store.message(messageId).value().content, m.content);
    }
};

QTEST_GUILESS_MAIN(TestStreamWriter)
#include "tst_stream_writer.moc"
