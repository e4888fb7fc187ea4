#include "message_list_model.h"

#include "chat_log.h"
#include "list_sync.h"
#include "markdown_segments.h"
#include "ponder/reasoning_parser.h"

MessageListModel::MessageListModel(QObject* parent) : QAbstractListModel(parent) {}

int MessageListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : count();
}

QVariant MessageListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const PathMessage& p = m_rows[index.row()];
    const Message& m = p.message;
    switch (role) {
        case IdRole:
            return m.id;
        case ParentIdRole:
            return m.parentId;
        case RoleRole:
            return m.role;
        case Qt::DisplayRole:
        case ContentRole:
            return m.content;
        case ReasoningRole:
            return m.reasoning;
        case ModelRole:
            return m.model;
        case StateRole:
            return messageStateName(m.state);
        case ErrorTextRole:
            return m.errorText;
        case PromptTokensRole:
            return m.stats.promptTokens;
        case CompletionTokensRole:
            return m.stats.completionTokens;
        case ReasoningMsRole:
            return m.stats.reasoningMs;
        case GenerationMsRole:
            return m.stats.generationMs;
        case TokensPerSecondRole:
            return m.stats.tokensPerSecond;
        case CreatedRole:
            return m.created;
        case SiblingIndexRole:
            return p.siblingIndex;
        case SiblingCountRole:
            return p.siblingCount;
        case SegmentsRole:
            return segmentsToVariant(splitMarkdownSegments(m.content));
        case ReasoningStepsRole: {
            QStringList steps;
            const QByteArray utf8 = m.reasoning.toUtf8();
            for (const std::string& s : ponder::splitReasoningSteps(std::string_view(utf8.constData(), size_t(utf8.size()))))
                steps << QString::fromStdString(s);
            return steps;
        }
        case ReasoningTokensRole:
            return m.stats.reasoningTokens;
        default:
            return {};
    }
}

QHash<int, QByteArray> MessageListModel::roleNames() const {
    return {{IdRole, "id"},
            {ParentIdRole, "parentId"},
            {RoleRole, "role"},
            {ContentRole, "content"},
            {ReasoningRole, "reasoning"},
            {ModelRole, "modelName"},
            {StateRole, "state"},
            {ErrorTextRole, "errorText"},
            {PromptTokensRole, "promptTokens"},
            {CompletionTokensRole, "completionTokens"},
            {ReasoningMsRole, "reasoningMs"},
            {GenerationMsRole, "generationMs"},
            {TokensPerSecondRole, "tokensPerSecond"},
            {CreatedRole, "created"},
            {SiblingIndexRole, "siblingIndex"},
            {SiblingCountRole, "siblingCount"},
            {SegmentsRole, "segments"},
            {ReasoningStepsRole, "reasoningSteps"},
            {ReasoningTokensRole, "reasoningTokens"}};
}

void MessageListModel::setStore(ConversationStore* store) {
    if (m_store == store) return;
    if (m_store) disconnect(m_store, nullptr, this, nullptr);
    m_store = store;
    if (m_store) {
        auto ifOurs = [this](qint64 conversationId) {
            if (conversationId == m_conversationId) refresh();
        };
        connect(m_store, &ConversationStore::messageAdded, this, ifOurs);
        connect(m_store, &ConversationStore::activePathChanged, this, ifOurs);
        connect(m_store, &ConversationStore::messageUpdated, this, &MessageListModel::onMessageUpdated);
    }
    emit storeChanged();
    refresh();
}

void MessageListModel::setConversationId(qint64 id) {
    if (m_conversationId == id) return;
    // Another conversation shares no rows with this one: a reset is the honest signal.
    beginResetModel();
    m_rows.clear();
    m_conversationId = id;
    endResetModel();
    emit conversationIdChanged();
    emit countChanged();
    refresh();
}

int MessageListModel::rowOf(qint64 messageId) const {
    for (qsizetype i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].message.id == messageId) return static_cast<int>(i);
    return -1;
}

void MessageListModel::refresh() {
    if (!m_store || m_conversationId == 0) {
        apply({});
        return;
    }
    const Result<QList<PathMessage>> path = MessageTree(m_store->database()).activePath(m_conversationId);
    if (!path) {
        setLastError(path.error().message());
        return;
    }
    setLastError({});
    apply(path.value());
}

void MessageListModel::apply(const QList<PathMessage>& wanted) {
    QList<qint64> currentIds, wantedIds;
    for (const PathMessage& p : m_rows)
        currentIds << p.message.id;
    for (const PathMessage& p : wanted)
        wantedIds << p.message.id;
    const int before = count();
    for (const ListEdit& e : planListEdits(currentIds, wantedIds)) {
        switch (e.kind) {
            case ListEdit::Kind::Remove:
                beginRemoveRows({}, e.from, e.from);
                m_rows.removeAt(e.from);
                endRemoveRows();
                break;
            case ListEdit::Kind::Move:  // a path never reorders, but stay correct if it did
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
    for (qsizetype i = 0; i < wanted.size(); ++i)
        updateRow(int(i), wanted[i]);
    if (count() != before) emit countChanged();
}

void MessageListModel::updateRow(int row, const PathMessage& want) {
    PathMessage& have = m_rows[row];
    const Message& a = have.message;
    const Message& b = want.message;
    QList<int> roles;
    if (a.content != b.content) roles << ContentRole << Qt::DisplayRole << SegmentsRole;
    if (a.reasoning != b.reasoning) roles << ReasoningRole << ReasoningStepsRole;
    if (a.model != b.model) roles << ModelRole;
    if (a.state != b.state) roles << StateRole;
    if (a.errorText != b.errorText) roles << ErrorTextRole;
    if (a.stats.promptTokens != b.stats.promptTokens) roles << PromptTokensRole;
    if (a.stats.completionTokens != b.stats.completionTokens) roles << CompletionTokensRole;
    if (a.stats.reasoningMs != b.stats.reasoningMs) roles << ReasoningMsRole;
    if (a.stats.reasoningTokens != b.stats.reasoningTokens) roles << ReasoningTokensRole;
    if (a.stats.generationMs != b.stats.generationMs) roles << GenerationMsRole;
    if (a.stats.tokensPerSecond != b.stats.tokensPerSecond) roles << TokensPerSecondRole;
    if (have.siblingIndex != want.siblingIndex) roles << SiblingIndexRole;
    if (have.siblingCount != want.siblingCount) roles << SiblingCountRole;
    if (roles.isEmpty()) return;
    have = want;
    emit dataChanged(index(row), index(row), roles);
}

void MessageListModel::onMessageUpdated(qint64 conversationId, qint64 messageId) {
    if (!m_store || conversationId != m_conversationId) return;
    const int row = rowOf(messageId);
    if (row < 0) return;  // on another branch
    // Re-read only this row: a streaming answer is updated four times a second.
    const Result<Message> m = m_store->message(messageId);
    if (!m) {
        setLastError(m.error().message());
        return;
    }
    PathMessage updated = m_rows[row];
    updated.message = m.value();
    updateRow(row, updated);
}

void MessageListModel::applyDelta(qint64 messageId, const QString& contentDelta,
                                  const QString& reasoningDelta) {
    const int row = rowOf(messageId);
    if (row < 0) return;  // not shown; the next flush reaches the store anyway
    Message& m = m_rows[row].message;
    QList<int> roles;
    if (!contentDelta.isEmpty()) {
        m.content += contentDelta;
        roles << ContentRole << Qt::DisplayRole << SegmentsRole;
    }
    if (!reasoningDelta.isEmpty()) {
        m.reasoning += reasoningDelta;
        roles << ReasoningRole << ReasoningStepsRole;
    }
    if (!roles.isEmpty()) emit dataChanged(index(row), index(row), roles);
}

bool MessageListModel::selectSibling(int row, int offset) {
    if (!m_store || row < 0 || row >= count()) return false;
    const PathMessage& p = m_rows[row];
    const Result<SiblingInfo> info = MessageTree(m_store->database()).siblingInfo(p.message.id);
    if (!info) {
        setLastError(info.error().message());
        return false;
    }
    const int target = info.value().index - 1 + offset;
    if (target < 0 || target >= info.value().count) return false;
    const Status s = m_store->selectBranch(info.value().siblingIds[target]);
    if (!s) {
        setLastError(s.error().message());
        return false;
    }
    refresh();  // selectBranch announces it too; refresh is cheap and idempotent
    return true;
}

void MessageListModel::setLastError(const QString& error) {
    if (!error.isEmpty()) qCWarning(lcChat) << error;
    if (m_lastError == error) return;
    m_lastError = error;
    emit lastErrorChanged();
}
