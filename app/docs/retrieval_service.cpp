#include "retrieval_service.h"

#include "chunk_embedder.h"
#include "database.h"
#include "docs_log.h"
#include "docs_retriever.h"
#include "docs_store.h"

RetrievalWorker::RetrievalWorker() = default;
RetrievalWorker::~RetrievalWorker() = default;

void RetrievalWorker::open(const QString& dataDir) {
    m_db = std::make_unique<Database>(dataDir);
    const Result<OpenReport> opened = m_db->open();
    if (!opened) {
        m_openError = opened.error().message();
        m_db.reset();
        return;
    }
    m_store = std::make_unique<DocsStore>(*m_db);
}

EngineEmbedder* RetrievalWorker::embedderFor(const QList<qint64>& collectionIds) {
    // The first collection with a model decides; the retriever uses the vectors of every
    // collection embedded with that same model and BM25 for the others.
    QString model;
    for (qint64 id : collectionIds) {
        const Result<DocCollection> c = m_store->collection(id);
        if (c && !c.value().embeddingModel.isEmpty()) {
            model = c.value().embeddingModel;
            break;
        }
    }
    if (model.isEmpty() || model == m_failedModel) return nullptr;
    if (m_embedder && m_embedder->modelPath() == model) return m_embedder.get();
    m_embedder.reset();
    QString error;
    m_embedder = EngineEmbedder::open(model, error, 512, /*preferGpu=*/true);
    if (!m_embedder) {
        m_failedModel = model;
        qCWarning(lcDocs) << "embedding model" << model << "unusable:" << error;
        emit warning(tr("The embedding model cannot be used (%1); searching your documents by words only.").arg(error));
    }
    return m_embedder.get();
}

void RetrievalWorker::retrieve(quint64 requestId, const QList<qint64>& collectionIds, const QString& question,
                               int contextTokens) {
    if (!m_store) {
        emit ready(requestId, {}, tr("The documents cannot be searched: %1").arg(m_openError));
        return;
    }
    RetrievalOptions options;
    options.contextTokens = std::max(64, contextTokens);
    DocsRetriever retriever(*m_store, options);
    retriever.setEmbedder(embedderFor(collectionIds));
    const Result<DocsContext> ctx = retriever.buildContextFor(collectionIds, question);
    if (!ctx) {
        emit ready(requestId, {}, ctx.error().message());
        return;
    }
    qCDebug(lcDocs) << "request" << requestId << ":" << ctx.value().citations.size() << "passages, dense"
                    << ctx.value().dense;
    emit ready(requestId, ctx.value(), {});
}

RetrievalService::RetrievalService(const QString& dataDir, QObject* parent) : QObject(parent) {
    qRegisterMetaType<DocsContext>();
    m_thread.setObjectName(QStringLiteral("ponder-retrieval"));
    m_worker = new RetrievalWorker;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &RetrievalWorker::ready, this, &RetrievalService::ready);
    connect(m_worker, &RetrievalWorker::warning, this, &RetrievalService::warning);
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, "open", Qt::QueuedConnection, Q_ARG(QString, dataDir));
}

RetrievalService::~RetrievalService() {
    m_thread.quit();
    m_thread.wait();
}

quint64 RetrievalService::request(const QList<qint64>& collectionIds, const QString& question, int contextTokens) {
    const quint64 id = ++m_lastRequest;
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, id, collectionIds, question, contextTokens] {
        worker->retrieve(id, collectionIds, question, contextTokens);
    }, Qt::QueuedConnection);
    return id;
}
