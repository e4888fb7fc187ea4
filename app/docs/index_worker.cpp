#include "index_worker.h"

#include "chunk_embedder.h"
#include "database.h"
#include "doc_indexer.h"
#include "docs_log.h"
#include "docs_store.h"

#include <QDirIterator>
#include <QFileInfo>

IndexWorker::IndexWorker(const std::atomic<bool>* cancel) : m_cancel(cancel) {}
IndexWorker::~IndexWorker() = default;

void IndexWorker::open(const QString& dataDir) {
    m_db = std::make_unique<Database>(dataDir);
    const Result<OpenReport> opened = m_db->open();
    if (!opened) {
        m_db.reset();
        emit failed(opened.error().message());
        return;
    }
    m_store = std::make_unique<DocsStore>(*m_db);
    const Result<QList<DocCollection>> cols = m_store->collections();
    if (!cols) {
        emit failed(cols.error().message());
        return;
    }
    for (const DocCollection& c : cols.value()) index(c.id);
}

EngineEmbedder* IndexWorker::embedderFor(const QString& modelPath) {
    if (modelPath.isEmpty()) return nullptr;
    if (m_embedder && m_embedder->modelPath() == modelPath) return m_embedder.get();
    m_embedder.reset();
    QString error;
    m_embedder = EngineEmbedder::open(modelPath, error, 512, /*preferGpu=*/true);
    if (!m_embedder) emit failed(tr("The embedding model cannot be used (%1); searching by words only.").arg(error));
    return m_embedder.get();
}

void IndexWorker::addPaths(const QString& collection, const QStringList& paths, const QString& embeddingModel) {
    if (!m_store) return;
    Result<DocCollection> col = m_store->collectionByName(collection);
    if (!col) {
        const Result<qint64> id = m_store->createCollection(collection, embeddingModel);
        if (!id) {
            emit failed(id.error().message());
            return;
        }
        col = m_store->collection(id.value());
    }
    if (!col) return;
    for (const QString& path : paths) {
        const QFileInfo info(path);
        if (!info.exists()) {
            emit failed(tr("%1 does not exist.").arg(path));
            continue;
        }
        if (const Result<qint64> s = m_store->addSource(col.value().id, info.absoluteFilePath(), info.isDir()); !s)
            emit failed(s.error().message());
    }
    index(col.value().id);
}

void IndexWorker::index(qint64 collectionId) {
    if (!m_store) return;
    const Result<DocCollection> col = m_store->collection(collectionId);
    if (!col) return;  // removed meanwhile
    emit started(collectionId);
    DocIndexer indexer(*m_store, embedderFor(col.value().embeddingModel));
    indexer.setCancel(m_cancel);
    indexer.setProgress([this](const IndexProgress& p) { emit progress(p); });
    const Result<IndexProgress> run = indexer.run(collectionId);
    if (!run) {
        qCWarning(lcDocs) << "indexing collection" << collectionId << "failed:" << run.error().message();
        emit failed(run.error().message());
        IndexProgress none;
        none.collectionId = collectionId;
        emit finished(collectionId, none);
        return;
    }
    publishWatchList(collectionId);
    emit finished(collectionId, run.value());
}

void IndexWorker::removeCollection(qint64 collectionId) {
    if (!m_store) return;
    if (Status s = m_store->removeCollection(collectionId); !s) emit failed(s.error().message());
    emit watchList(collectionId, {});
}

void IndexWorker::publishWatchList(qint64 collectionId) {
    // QFileSystemWatcher is not recursive: every folder is watched for added and removed
    // files, every document for edits (folders do not report changes of their files).
    QStringList paths;
    const Result<QList<DocSource>> sources = m_store->sources(collectionId);
    for (const DocSource& s : sources ? sources.value() : QList<DocSource>{}) {
        paths << s.path;
        if (!s.isFolder) continue;
        QDirIterator it(s.path, QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString dir = it.next();
            if (!QFileInfo(dir).fileName().startsWith(u'.')) paths << dir;
        }
    }
    const Result<QList<DocumentInfo>> docs = m_store->documents(collectionId);
    for (const DocumentInfo& d : docs ? docs.value() : QList<DocumentInfo>{}) paths << d.path;
    emit watchList(collectionId, paths);
}
