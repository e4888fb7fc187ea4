/// @brief The list models of the Documents view: the collections with their counts, and the
/// documents of one collection with their indexing state.
#pragma once

#include "docs_store.h"

#include <QtQml/qqmlregistration.h>
#include <QAbstractListModel>

class CollectionListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by DocumentsController.")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    /// EmbeddingModelRole: the GGUF path, empty for words only; EmbeddedRole: chunks with a vector.
    enum Roles {
        IdRole = Qt::UserRole + 1,
        NameRole,
        DocumentsRole,
        IndexedRole,
        PendingRole,
        FailedRole,
        ChunksRole,
        EmbeddingModelRole,
        EmbeddedRole
    };

    explicit CollectionListModel(QObject* parent = nullptr) : QAbstractListModel(parent) {}

    /// Reads the collections again (null store: empty).
    void reload(DocsStore* store);
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    Q_INVOKABLE int rowOf(qint64 collectionId) const;

signals:
    void countChanged();

private:
    struct Row {
        DocCollection collection;
        CollectionStats stats;
    };
    QList<Row> m_rows;
};

class DocumentListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by DocumentsController.")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    /// StateRole (QML "docState"; "state" is taken by Item): "indexed", "indexing" (the file being read now), "pending" or "error".
    enum Roles { IdRole = Qt::UserRole + 1, PathRole, FileNameRole, StateRole, ErrorRole, ChunksRole, PagesRole };

    explicit DocumentListModel(QObject* parent = nullptr) : QAbstractListModel(parent) {}

    void reload(DocsStore* store, qint64 collectionId);
    /// The file the indexer reads now: its row says "indexing".
    void setCurrentFile(const QString& path);
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void countChanged();

private:
    QList<DocumentInfo> m_rows;
    QString m_currentFile;
};
