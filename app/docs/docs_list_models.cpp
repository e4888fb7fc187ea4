#include "docs_list_models.h"

#include <QFileInfo>

void CollectionListModel::reload(DocsStore* store) {
    QList<Row> rows;
    if (store) {
        const Result<QList<DocCollection>> all = store->collections();
        if (all) {
            for (const DocCollection& c : all.value()) {
                const Result<CollectionStats> stats = store->stats(c.id);
                rows.append({c, stats ? stats.value() : CollectionStats{}});
            }
        }
    }
    const int before = int(m_rows.size());
    // A reset is cheap here (a handful of collections) and keeps the model obviously right.
    beginResetModel();
    m_rows = rows;
    endResetModel();
    if (before != m_rows.size()) emit countChanged();
}

int CollectionListModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

QVariant CollectionListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const Row& r = m_rows.at(index.row());
    switch (role) {
        case Qt::DisplayRole:
        case NameRole: return r.collection.name;
        case IdRole: return r.collection.id;
        case DocumentsRole: return r.stats.documents;
        case IndexedRole: return r.stats.indexed;
        case PendingRole: return r.stats.pending;
        case FailedRole: return r.stats.failed;
        case ChunksRole: return r.stats.chunks;
        case EmbeddingModelRole: return r.collection.embeddingModel;
        case EmbeddedRole: return r.stats.embedded;
        default: return {};
    }
}

QHash<int, QByteArray> CollectionListModel::roleNames() const {
    return {{IdRole, "collectionId"},         {NameRole, "name"},       {DocumentsRole, "documents"},
            {IndexedRole, "indexed"},         {PendingRole, "pending"}, {FailedRole, "failed"},
            {ChunksRole, "chunks"},           {EmbeddingModelRole, "embeddingModel"},
            {EmbeddedRole, "embedded"}};
}

int CollectionListModel::rowOf(qint64 collectionId) const {
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].collection.id == collectionId) return i;
    return -1;
}

void DocumentListModel::reload(DocsStore* store, qint64 collectionId) {
    QList<DocumentInfo> rows;
    if (store && collectionId > 0) {
        const Result<QList<DocumentInfo>> docs = store->documents(collectionId);
        if (docs) rows = docs.value();
    }
    const int before = int(m_rows.size());
    beginResetModel();
    m_rows = rows;
    endResetModel();
    if (before != m_rows.size()) emit countChanged();
}

void DocumentListModel::setCurrentFile(const QString& path) {
    if (path == m_currentFile) return;
    const QString old = m_currentFile;
    m_currentFile = path;
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].path == old || m_rows[i].path == path) emit dataChanged(index(i), index(i), {StateRole});
    }
}

int DocumentListModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

QVariant DocumentListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const DocumentInfo& d = m_rows.at(index.row());
    switch (role) {
        case IdRole: return d.id;
        case PathRole: return d.path;
        case Qt::DisplayRole:
        case FileNameRole: return QFileInfo(d.path).fileName();
        case StateRole:
            if (d.state == DocumentInfo::State::Indexed) return QStringLiteral("indexed");
            if (d.state == DocumentInfo::State::Error) return QStringLiteral("error");
            return d.path == m_currentFile ? QStringLiteral("indexing") : QStringLiteral("pending");
        case ErrorRole: return d.error;
        case ChunksRole: return d.chunkCount;
        case PagesRole: return d.pages;
        default: return {};
    }
}

QHash<int, QByteArray> DocumentListModel::roleNames() const {
    return {{IdRole, "documentId"}, {PathRole, "path"},     {FileNameRole, "fileName"}, {StateRole, "docState"},
            {ErrorRole, "error"},       {ChunksRole, "chunks"}, {PagesRole, "pages"}};
}
