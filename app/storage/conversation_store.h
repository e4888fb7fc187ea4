/// @brief Writes to the conversation store (conversations, messages, branches) and announces them.
#pragma once

#include "database.h"
#include "storage_result.h"
#include "storage_types.h"

#include <QtQml/qqmlregistration.h>
#include <QObject>

#include <functional>
#include <set>
#include <tuple>
#include <vector>

/// Every change to conversations and messages goes through this class, so its signals are the
/// one place the list models learn about changes. Reads that are not about one row live in
/// MessageTree (branches) and ConversationSearch (full-text search).
///
/// Belongs to the thread of its Database. Signals are emitted only for committed changes:
/// inside transaction() they wait for the outermost commit and are dropped on rollback.
class ConversationStore : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The app creates the store; QML gets it from the app's controller.")

public:
    explicit ConversationStore(Database& db, QObject* parent = nullptr);

    Database& database() { return m_db; }

    // Conversations.
    Result<qint64> createConversation(const QString& title, const QString& systemPrompt = {},
                                      const QString& modelPath = {});
    /// Any conversation, also one in the trash.
    Result<Conversation> conversation(qint64 id);
    Status renameConversation(qint64 id, const QString& title);
    Status setSystemPrompt(qint64 id, const QString& systemPrompt);
    Status setModelPath(qint64 id, const QString& modelPath);
    Status setPinned(qint64 id, bool pinned);
    /// Live conversations: pinned first, then the most recently updated first.
    Result<QList<Conversation>> listConversations();

    // Trash: delete is undoable until the purge.
    Status softDeleteConversation(qint64 id);
    Status restoreConversation(qint64 id);
    /// Conversations in the trash, most recently deleted first.
    Result<QList<Conversation>> listTrash();
    /// Deletes for good what has been in the trash for at least @p days before @p now.
    /// Returns how many conversations were purged.
    Result<int> purgeDeleted(int days, const QDateTime& now = QDateTime::currentDateTimeUtc());

    // Messages.
    /// Adds a message under @p m.parentId (0: a first message) and makes it the active branch
    /// there. Edit and regenerate append a sibling of the old message, which stays.
    Result<qint64> appendMessage(const NewMessage& m);
    Result<Message> message(qint64 id);
    Status updateMessage(qint64 id, const MessagePatch& patch);
    /// Makes @p messageId and its ancestors the active path of their conversation.
    Status selectBranch(qint64 messageId);
    /// Answers left "streaming" by a crash become "error" with an explanation; their text is
    /// kept. Call once at startup, before any new generation. Returns how many were fixed.
    Result<int> recoverInterruptedMessages();

    /// Runs @p work inside one (nestable) transaction: all of it is stored, or none of it.
    Status transaction(const std::function<Status()>& work);

signals:
    /// A conversation was created, changed, moved to or from the trash, or purged.
    void conversationChanged(qint64 conversationId);
    void messageAdded(qint64 conversationId, qint64 messageId);
    void messageUpdated(qint64 conversationId, qint64 messageId);
    /// The selected branch of a conversation changed (not for appends, which say messageAdded).
    void activePathChanged(qint64 conversationId);

private:
    enum class Notice { ConversationChanged, MessageAdded, MessageUpdated, ActivePathChanged };
    void announce(Notice kind, qint64 conversationId, qint64 messageId = 0);
    void emitNotice(Notice kind, qint64 conversationId, qint64 messageId);
    Status setConversationField(qint64 id, const char* column, const QVariant& value, bool touch);
    Status requireLiveConversation(qint64 id);
    Result<qint64> conversationOfMessage(qint64 messageId);

    Database& m_db;
    int m_transactionDepth = 0;
    using PendingNotice = std::tuple<Notice, qint64, qint64>;
    std::vector<PendingNotice> m_pending;  // in order, for signals after commit
    std::set<PendingNotice> m_pendingSet;  // to send each distinct notice once
};
