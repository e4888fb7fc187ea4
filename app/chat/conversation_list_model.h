/// @brief The sidebar's list of conversations (or search results), for QML.
#pragma once

#include "conversation_store.h"

#include <QtQml/qqmlregistration.h>
#include <QAbstractListModel>
#include <QDateTime>
#include <QPointer>

/// Live conversations, pinned first, then most recently updated; or, while searchText is set,
/// the conversations matching it, best first, each with a highlighted snippet. Follows the
/// store's change signals with row moves, inserts, removals and dataChanged, never resets
/// (a reset would lose the view's scroll position and selection).
class ConversationListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(ConversationStore* store READ store WRITE setStore NOTIFY storeChanged)
    Q_PROPERTY(QString searchText READ searchText WRITE setSearchText NOTIFY searchTextChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        TitleRole,
        PinnedRole,
        UpdatedRole,
        SnippetRole,    ///< HTML with <b> around matches; empty outside search
        MessageIdRole,  ///< the message the snippet comes from (0: the title matched)
    };
    Q_ENUM(Role)

    explicit ConversationListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    ConversationStore* store() const { return m_store; }
    void setStore(ConversationStore* store);
    QString searchText() const { return m_searchText; }
    void setSearchText(const QString& text);
    int count() const { return static_cast<int>(m_rows.size()); }
    QString lastError() const { return m_lastError; }

    /// Row of a conversation, -1 when not listed.
    Q_INVOKABLE int rowOf(qint64 conversationId) const;
    /// Re-reads the list from the store (it normally follows the store's signals by itself).
    Q_INVOKABLE void refresh();

    // Actions for the sidebar's menu; false (and lastError) when the store refused.
    Q_INVOKABLE bool rename(qint64 conversationId, const QString& title);
    Q_INVOKABLE bool setPinned(qint64 conversationId, bool pinned);
    /// Moves to the trash; restore() undoes it.
    Q_INVOKABLE bool remove(qint64 conversationId);
    Q_INVOKABLE bool restore(qint64 conversationId);

signals:
    void storeChanged();
    void searchTextChanged();
    void countChanged();
    void lastErrorChanged();

private:
    struct Row {
        qint64 id = 0;
        QString title;
        bool pinned = false;
        QDateTime updated;
        QString snippet;
        qint64 messageId = 0;
    };
    void apply(const QList<Row>& wanted);
    bool check(const Status& status);
    void setLastError(const QString& error);

    QPointer<ConversationStore> m_store;
    QString m_searchText;
    QList<Row> m_rows;
    QString m_lastError;
};
