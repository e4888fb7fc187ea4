// A child process for tst_storage_stream_writer: opens the store in --data-dir, streams the
// deterministic text of stream_writer_text.h through a StreamingWriter, one token every
// --token-ms, and prints "flushed <content length> <reasoning length>" after every committed
// flush, so the test can kill it with SIGKILL and compare the row with what was promised.
#include "conversation_store.h"
#include "database.h"
#include "stream_writer_text.h"
#include "streaming_writer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTimer>

#include <cstdio>

namespace {

void say(const QString& line) {
    std::fputs(qPrintable(line + u'\n'), stdout);
    std::fflush(stdout);  // the test reads this while we run, and after we are killed
}

}  // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption(
        {QStringLiteral("data-dir"), QStringLiteral("Folder of the database."), QStringLiteral("dir")});
    parser.addOption({QStringLiteral("tokens"), QStringLiteral("Tokens to stream."), QStringLiteral("n"),
                      QStringLiteral("100000")});
    parser.addOption({QStringLiteral("token-ms"), QStringLiteral("Milliseconds between tokens."),
                      QStringLiteral("ms"), QStringLiteral("2")});
    parser.process(app);
    if (!parser.isSet(QStringLiteral("data-dir"))) {
        say(QStringLiteral("error --data-dir is required"));
        return 2;
    }

    Database db(parser.value(QStringLiteral("data-dir")));
    if (const Result<OpenReport> opened = db.open(); !opened) {
        say(QStringLiteral("error ") + opened.error().message());
        return 1;
    }
    ConversationStore store(db);
    const Result<qint64> conversation = store.createConversation(QStringLiteral("Streaming"));
    if (!conversation) return 1;
    NewMessage question;
    question.conversationId = conversation.value();
    question.role = QStringLiteral("user");
    question.content = QStringLiteral("Count for me.");
    const Result<qint64> q = store.appendMessage(question);
    if (!q) return 1;
    NewMessage answer;
    answer.conversationId = conversation.value();
    answer.parentId = q.value();
    answer.role = QStringLiteral("assistant");
    answer.state = MessageState::Streaming;
    const Result<qint64> a = store.appendMessage(answer);
    if (!a) return 1;
    say(QStringLiteral("message %1").arg(a.value()));

    StreamingWriter writer(store, a.value());
    QObject::connect(&writer, &StreamingWriter::flushed, [](qint64, qsizetype content, qsizetype reasoning) {
        say(QStringLiteral("flushed %1 %2").arg(content).arg(reasoning));
    });
    QObject::connect(&writer, &StreamingWriter::writeFailed,
                     [](qint64, const QString& message) { say(QStringLiteral("failed ") + message); });

    const int total = parser.value(QStringLiteral("tokens")).toInt();
    int next = 0;
    QTimer tokens;
    tokens.setInterval(parser.value(QStringLiteral("token-ms")).toInt());
    QObject::connect(&tokens, &QTimer::timeout, [&] {
        if (next >= total) {
            tokens.stop();
            writer.finish();
            say(QStringLiteral("finished"));
            app.quit();
            return;
        }
        if (streamtext::isReasoning(next))
            writer.appendReasoning(streamtext::token(next));
        else
            writer.appendContent(streamtext::token(next));
        ++next;
    });
    tokens.start();
    return app.exec();
}
