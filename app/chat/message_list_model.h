/// @brief The messages of one conversation's active branch, for the chat view.
#pragma once

#include "conversation_store.h"
#include "message_tree.h"

#include <QtQml/qqmlregistration.h>
#include <QAbstractListModel>
#include <QPointer>

/// The active path of conversationId, first message first. Follows the store: an appended
/// message is an inserted row, a switched branch replaces the rows below the switch, a
/// streamed update is a dataChanged on that one row. applyDelta() shows streamed text at
/// once, before the StreamingWriter has flushed it.
class MessageListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(ConversationStore* store READ store WRITE setStore NOTIFY storeChanged)
    Q_PROPERTY(qint64 conversationId READ conversationId WRITE setConversationId NOTIFY conversationIdChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        ParentIdRole,
        RoleRole,  ///< "user", "assistant", ...
        ContentRole,
        ReasoningRole,
        ModelRole,  ///< QML name "modelName": a role called "model" would hide a delegate's `model`
        StateRole,  ///< "streaming", "complete", "cancelled", "error"
        ErrorTextRole,
        PromptTokensRole,
        CompletionTokensRole,
        ReasoningMsRole,
        GenerationMsRole,
        TokensPerSecondRole,
        CreatedRole,
        SiblingIndexRole,  ///< 1-based, for "2/3"
        SiblingCountRole,
        SegmentsRole,         ///< content cut into markdown / code / math runs (markdown_segments.h)
        ReasoningStepsRole,   ///< reasoning cut into steps (engine's splitReasoningSteps)
        ReasoningTokensRole,  ///< tokens spent thinking; known for answers of this session only
    };
    Q_ENUM(Role)

    explicit MessageListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    ConversationStore* store() const { return m_store; }
    void setStore(ConversationStore* store);
    qint64 conversationId() const { return m_conversationId; }
    void setConversationId(qint64 id);
    int count() const { return static_cast<int>(m_rows.size()); }
    QString lastError() const { return m_lastError; }

    Q_INVOKABLE int rowOf(qint64 messageId) const;
    /// Shows the sibling @p offset places away (-1: previous, +1: next) of the message at
    /// @p row; the rows below it follow that branch. False when there is no such sibling.
    Q_INVOKABLE bool selectSibling(int row, int offset);
    /// Re-reads the active path from the store.
    Q_INVOKABLE void refresh();

public slots:
    /// Appends streamed text to a shown message (connect StreamingWriter::deltaAppended).
    void applyDelta(qint64 messageId, const QString& contentDelta, const QString& reasoningDelta);

signals:
    void storeChanged();
    void conversationIdChanged();
    void countChanged();
    void lastErrorChanged();

private:
    void onMessageUpdated(qint64 conversationId, qint64 messageId);
    void apply(const QList<PathMessage>& wanted);
    void updateRow(int row, const PathMessage& want);
    void setLastError(const QString& error);

    QPointer<ConversationStore> m_store;
    qint64 m_conversationId = 0;
    QList<PathMessage> m_rows;
    QString m_lastError;
};
