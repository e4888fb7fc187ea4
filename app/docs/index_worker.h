/// @brief The background half of DocumentLibrary: owns a database connection and the
/// embedding model on the indexing thread and runs DocIndexer there.
#pragma once

#include "docs_types.h"

#include <QObject>
#include <QStringList>

#include <atomic>
#include <memory>

class Database;
class DocsStore;
class EngineEmbedder;

class IndexWorker : public QObject {
    Q_OBJECT

public:
    explicit IndexWorker(const std::atomic<bool>* cancel);
    ~IndexWorker() override;

public slots:
    /// Opens the database (on this thread: SQLite connections belong to one thread) and
    /// indexes every collection, which resumes whatever a previous run left pending.
    void open(const QString& dataDir);
    void addPaths(const QString& collection, const QStringList& paths, const QString& embeddingModel);
    void index(qint64 collectionId);
    void removeCollection(qint64 collectionId);

signals:
    void started(qint64 collectionId);
    void progress(const IndexProgress& progress);
    void finished(qint64 collectionId, const IndexProgress& result);
    void failed(const QString& message);
    /// The folders (with subfolders) and files to watch for a collection.
    void watchList(qint64 collectionId, const QStringList& paths);

private:
    EngineEmbedder* embedderFor(const QString& modelPath);
    void publishWatchList(qint64 collectionId);

    const std::atomic<bool>* m_cancel;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<DocsStore> m_store;
    std::unique_ptr<EngineEmbedder> m_embedder;  // the last model used; models are large
};
