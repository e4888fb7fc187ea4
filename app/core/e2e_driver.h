/// @brief The end-to-end test hook: drives the real app from a JSON script (tests only).
#pragma once

#include <QJsonObject>
#include <QObject>
#include <QTimer>

class ChatController;

/// Runs a script such as
/// `{"tokenDelayMs": 0, "settings": {"keepReasoningOpen": true}, "send": "Hello", "selectFirstChat": true, "screenshot": "a.png",
///   "dump": "chats.json", "quit": true}` against the controller, in that order: wait for the
/// model and send a message, wait for the answer; open the first chat; let the window settle
/// and ask for a screenshot; write every conversation with its messages as JSON; quit.
/// Prints `PONDER_E2E pid=<pid>` and one `PONDER_E2E <event>` line per step on stdout, so a
/// test can follow along (and SIGKILL the process mid-answer).
///
/// Enabled only when PONDER_ENABLE_TEST_HOOKS=1 is in the environment *and* the app got
/// --e2e-script: neither alone does anything, so a user cannot trigger it by accident.
class E2eDriver : public QObject {
    Q_OBJECT

public:
    static bool hooksEnabled();

    E2eDriver(ChatController& controller, QObject* parent = nullptr);

    /// Reads the script; false with @p error when it is unreadable.
    bool load(const QString& scriptPath, QString* error);
    /// Starts once the event loop runs.
    void start();

signals:
    /// The window should save a picture of itself at @p path (connected by main.cpp, which
    /// owns the window; app/ has no GUI).
    void screenshotRequested(const QString& path);

private:
    void step();
    void afterSend();
    void finishScript();
    bool writeDump(const QString& path);
    static void say(const QString& line);

    ChatController& m_controller;
    QJsonObject m_script;
    int m_stage = 0;
    QTimer m_timeout;
};
