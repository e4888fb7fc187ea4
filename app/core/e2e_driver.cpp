#include "e2e_driver.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <cstdio>

#include "app_settings.h"
#include "chat_controller.h"
#include "message_tree.h"
#include "model_manager.h"

namespace {
// Generous: the CPU reference backend under Xvfb on two cores; a real hang still ends.
constexpr int kTimeoutMs = 180000;
}  // namespace

bool E2eDriver::hooksEnabled() { return qEnvironmentVariable("PONDER_ENABLE_TEST_HOOKS") == QLatin1String("1"); }

E2eDriver::E2eDriver(ChatController& controller, QObject* parent) : QObject(parent), m_controller(controller) {
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(kTimeoutMs);
    connect(&m_timeout, &QTimer::timeout, this, [] {
        say(QStringLiteral("timeout"));
        QCoreApplication::exit(3);
    });
}

void E2eDriver::say(const QString& line) {
    std::fprintf(stdout, "PONDER_E2E %s\n", qPrintable(line));
    std::fflush(stdout);
}

bool E2eDriver::load(const QString& scriptPath, QString* error) {
    QFile file(scriptPath);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject()) {
        *error = parseError.errorString();
        return false;
    }
    m_script = doc.object();
    m_controller.setTokenDelayForTests(m_script.value(QStringLiteral("tokenDelayMs")).toInt());
    // Settings by property name, e.g. {"keepReasoningOpen": true, "colorScheme": 2}.
    const QJsonObject settings = m_script.value(QStringLiteral("settings")).toObject();
    for (auto it = settings.begin(); it != settings.end(); ++it) {
        if (!m_controller.settings()->setProperty(it.key().toUtf8().constData(), it.value().toVariant())) {
            *error = QStringLiteral("unknown setting %1").arg(it.key());
            return false;
        }
    }
    return true;
}

void E2eDriver::start() {
    say(QStringLiteral("pid=%1").arg(QCoreApplication::applicationPid()));
    m_timeout.start();
    QTimer::singleShot(0, this, &E2eDriver::step);
}

void E2eDriver::step() {
    const QString text = m_script.value(QStringLiteral("send")).toString();
    if (text.isEmpty()) {
        finishScript();
        return;
    }
    ModelManager* model = m_controller.model();
    if (!model->loaded()) {
        if (!model->error().isEmpty()) {
            say(QStringLiteral("load-failed ") + model->error().simplified());
            QCoreApplication::exit(2);
            return;
        }
        QTimer::singleShot(100, this, &E2eDriver::step);  // still loading
        return;
    }
    connect(&m_controller, &ChatController::answerEnded, this, &E2eDriver::afterSend, Qt::SingleShotConnection);
    if (!m_controller.send(text)) {
        say(QStringLiteral("send-refused ") + m_controller.notice());
        QCoreApplication::exit(2);
        return;
    }
    say(QStringLiteral("answer-started message=%1").arg(m_controller.streamingMessageId()));
}

void E2eDriver::afterSend() {
    say(QStringLiteral("answer-ended"));
    finishScript();
}

void E2eDriver::finishScript() {
    if (m_script.value(QStringLiteral("selectFirstChat")).toBool() && m_controller.conversations()->count() > 0) {
        const QModelIndex first = m_controller.conversations()->index(0);
        m_controller.selectChat(first.data(ConversationListModel::IdRole).toLongLong());
    }
    // Let the list lay out and the renderer draw the new rows before the picture.
    QTimer::singleShot(1500, this, [this] {
        const QString shot = m_script.value(QStringLiteral("screenshot")).toString();
        if (!shot.isEmpty()) {
            emit screenshotRequested(shot);
            say(QStringLiteral("screenshot ") + shot);
        }
        const QString dump = m_script.value(QStringLiteral("dump")).toString();
        if (!dump.isEmpty() && writeDump(dump)) say(QStringLiteral("dump ") + dump);
        if (m_script.value(QStringLiteral("quit")).toBool(true)) {
            say(QStringLiteral("quit"));
            QCoreApplication::quit();
        }
    });
}

bool E2eDriver::writeDump(const QString& path) {
    ConversationStore* store = m_controller.store();
    if (!store) return false;
    const Result<QList<Conversation>> list = store->listConversations();
    if (!list) return false;
    QJsonArray conversations;
    for (const Conversation& c : list.value()) {
        QJsonArray messages;
        const Result<QList<PathMessage>> active = MessageTree(store->database()).activePath(c.id);
        for (const PathMessage& p : active.isOk() ? active.value() : QList<PathMessage>{}) {
            messages.append(QJsonObject{{QStringLiteral("role"), p.message.role},
                                        {QStringLiteral("content"), p.message.content},
                                        {QStringLiteral("reasoning"), p.message.reasoning},
                                        // What "Thought for N s, M tokens" is made from.
                                        {QStringLiteral("reasoningMs"), p.message.stats.reasoningMs},
                                        {QStringLiteral("reasoningTokens"), p.message.stats.reasoningTokens},
                                        {QStringLiteral("state"), messageStateName(p.message.state)}});
        }
        conversations.append(QJsonObject{{QStringLiteral("id"), c.id},
                                         {QStringLiteral("title"), c.title},
                                         {QStringLiteral("messages"), messages}});
    }
    QJsonObject root{{QStringLiteral("conversations"), conversations},
                     {QStringLiteral("shownMessages"), m_controller.messages()->count()},
                     {QStringLiteral("modelLoaded"), m_controller.model()->loaded()},
                     // Which backend really ran the chat: the GPU's name or "CPU", and why not the GPU.
                     {QStringLiteral("modelDevice"), m_controller.model()->device()},
                     {QStringLiteral("modelDeviceNote"), m_controller.model()->deviceNote()}};
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) return false;
    file.write(QJsonDocument(root).toJson());
    return file.commit();
}
