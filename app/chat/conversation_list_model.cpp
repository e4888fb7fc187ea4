#include "conversation_list_model.h"

#include "chat_log.h"
#include "conversation_search.h"
#include "list_sync.h"

ConversationListModel::ConversationListModel(QObject* parent) : QAbstractListModel(parent) {}

int ConversationListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : count();
}

QVariant ConversationListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const Row& r = m_rows[index.row()];
    switch (role) {
        case IdRole:
            return r.id;
        case Qt::DisplayRole:
        case TitleRole:
            return r.title;
        case PinnedRole:
            return r.pinned;
        case UpdatedRole:
            return r.updated;
        case SnippetRole:
            return r.snippet;
        case MessageIdRole:
            return r.messageId;
        default:
            return {};
    }
}

QHash<int, QByteArray> ConversationListModel::roleNames() const {
    return {{IdRole, "id"},           {TitleRole, "title"},     {PinnedRole, "pinned"},
            {UpdatedRole, "updated"}, {SnippetRole, "snippet"}, {MessageIdRole, "messageId"}};
}

void ConversationListModel::setStore(ConversationStore* store) {
    if (m_store == store) return;
    if (m_store) disconnect(m_store, nullptr, this, nullptr);
    m_store = store;
    if (m_store) {
        // Any committed change may move, add or drop a row; re-reading the list is one
        // indexed query, and apply() turns the difference into row signals.
        connect(m_store, &ConversationStore::conversationChanged, this, &ConversationListModel::refresh);
        // New or longer answers change what a search finds.
        connect(m_store, &ConversationStore::messageUpdated, this, [this] {
            if (!m_searchText.isEmpty()) refresh();
        });
    }
    emit storeChanged();
    refresh();
}

void ConversationListModel::setSearchText(const QString& text) {
    if (m_searchText == text) return;
    m_searchText = text;
    emit searchTextChanged();
    refresh();
}

int ConversationListModel::rowOf(qint64 conversationId) const {
    for (qsizetype i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].id == conversationId) return static_cast<int>(i);
    return -1;
}

void ConversationListModel::refresh() {
    QList<Row> wanted;
    if (!m_store) {
        apply(wanted);
        return;
    }
    if (m_searchText.trimmed().isEmpty()) {
        const Result<QList<Conversation>> list = m_store->listConversations();
        if (!list) {
            setLastError(list.error().message());
            return;  // keep showing what we had rather than an empty sidebar
        }
        for (const Conversation& c : list.value())
            wanted.append({c.id, c.title, c.pinned, c.updated, {}, 0});
    } else {
        const Result<QList<SearchHit>> hits = ConversationSearch(m_store->database()).search(m_searchText);
        if (!hits) {
            setLastError(hits.error().message());
            return;
        }
        for (const SearchHit& h : hits.value())
            wanted.append({h.conversationId, h.title, h.pinned, h.updated, h.snippet, h.messageId});
    }
    apply(wanted);
}

void ConversationListModel::apply(const QList<Row>& wanted) {
    QList<qint64> currentIds, wantedIds;
    for (const Row& r : m_rows)
        currentIds << r.id;
    for (const Row& r : wanted)
        wantedIds << r.id;
    const int before = count();
    for (const ListEdit& e : planListEdits(currentIds, wantedIds)) {
        switch (e.kind) {
            case ListEdit::Kind::Remove:
                beginRemoveRows({}, e.from, e.from);
                m_rows.removeAt(e.from);
                endRemoveRows();
                break;
            case ListEdit::Kind::Move:
                beginMoveRows({}, e.from, e.from, {}, e.to);
                m_rows.move(e.from, e.to);
                endMoveRows();
                break;
            case ListEdit::Kind::Insert:
                beginInsertRows({}, e.to, e.to);
                m_rows.insert(e.to, wanted[e.to]);
                endInsertRows();
                break;
        }
    }
    for (qsizetype i = 0; i < wanted.size(); ++i) {
        Row& have = m_rows[i];
        const Row& want = wanted[i];
        QList<int> roles;
        if (have.title != want.title) roles << TitleRole << Qt::DisplayRole;
        if (have.pinned != want.pinned) roles << PinnedRole;
        if (have.updated != want.updated) roles << UpdatedRole;
        if (have.snippet != want.snippet) roles << SnippetRole;
        if (have.messageId != want.messageId) roles << MessageIdRole;
        if (roles.isEmpty()) continue;
        have = want;
        emit dataChanged(index(int(i)), index(int(i)), roles);
    }
    if (count() != before) emit countChanged();
}

void ConversationListModel::setLastError(const QString& error) {
    if (!error.isEmpty()) qCWarning(lcChat) << error;
    if (m_lastError == error) return;
    m_lastError = error;
    emit lastErrorChanged();
}

bool ConversationListModel::check(const Status& status) {
    setLastError(status ? QString() : status.error().message());
    return status.isOk();
}

bool ConversationListModel::rename(qint64 conversationId, const QString& title) {
    return m_store && check(m_store->renameConversation(conversationId, title));
}

bool ConversationListModel::setPinned(qint64 conversationId, bool pinned) {
    return m_store && check(m_store->setPinned(conversationId, pinned));
}

bool ConversationListModel::remove(qint64 conversationId) {
    return m_store && check(m_store->softDeleteConversation(conversationId));
}

bool ConversationListModel::restore(qint64 conversationId) {
    return m_store && check(m_store->restoreConversation(conversationId));
}
