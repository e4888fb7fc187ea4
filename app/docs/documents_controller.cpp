#include "documents_controller.h"

#include "citation_store.h"
#include "database.h"
#include "docs_log.h"

#include <QFileInfo>

DocumentsController::DocumentsController(const QString& dataDir, Database* db, QObject* parent)
    : QObject(parent),
      m_db(db),
      m_dataDir(dataDir),
      m_collections(new CollectionListModel(this)),
      m_documents(new DocumentListModel(this)) {
    if (m_db) {
        m_store = std::make_unique<DocsStore>(*m_db);
        // Only with a working database: the library resumes unfinished indexing at once.
        m_library = std::make_unique<DocumentLibrary>(dataDir);
        connect(m_library.get(), &DocumentLibrary::progress, this, [this](const IndexProgress& p) {
            if (p.collectionId == m_currentCollection) {
                m_documents->reload(m_store.get(), m_currentCollection);
                m_documents->setCurrentFile(p.currentFile);
            }
        });
        connect(m_library.get(), &DocumentLibrary::collectionIndexed, this, [this] {
            m_documents->setCurrentFile({});
            refresh();
        });
        connect(m_library.get(), &DocumentLibrary::failed, this, &DocumentsController::setError);
    }
    refresh();
}

DocumentsController::~DocumentsController() = default;

void DocumentsController::refresh() {
    m_collections->reload(m_store.get());
    if (m_currentCollection != 0 && m_collections->rowOf(m_currentCollection) < 0) {
        m_currentCollection = 0;
        emit currentCollectionChanged();
    }
    m_documents->reload(m_store.get(), m_currentCollection);
}

void DocumentsController::selectCollection(qint64 collectionId) {
    if (collectionId == m_currentCollection) return;
    m_currentCollection = collectionId;
    m_documents->setCurrentFile({});
    m_documents->reload(m_store.get(), collectionId);
    emit currentCollectionChanged();
}

qint64 DocumentsController::createCollection(const QString& name) {
    const QString trimmed = name.trimmed();
    if (!m_store || trimmed.isEmpty()) return 0;
    if (m_store->collectionByName(trimmed)) {
        setError(tr("A collection named “%1” exists already.").arg(trimmed));
        return 0;
    }
    const Result<qint64> id = m_store->createCollection(trimmed);
    if (!check(id.isOk() ? Status() : id.error())) return 0;
    refresh();
    selectCollection(id.value());
    return id.value();
}

bool DocumentsController::removeCollection(qint64 collectionId) {
    if (!m_store || !check(m_store->removeCollection(collectionId))) return false;
    // The worker drops the collection's folders from the file watcher (the rows are gone).
    m_library->removeCollection(collectionId);
    m_draft.remove(collectionId);
    refresh();
    return true;
}

bool DocumentsController::addUrls(qint64 collectionId, const QList<QUrl>& urls) {
    if (!m_store) return false;
    const Result<DocCollection> col = m_store->collection(collectionId);
    if (!check(col.isOk() ? Status() : col.error())) return false;
    QStringList paths;
    for (const QUrl& url : urls) paths << (url.isLocalFile() ? url.toLocalFile() : url.toString());
    if (paths.isEmpty()) return false;
    m_library->addPaths(col.value().name, paths, col.value().embeddingModel);
    return true;
}

bool DocumentsController::removeDocument(qint64 documentId) {
    if (!m_store) return false;
    const Result<DocumentInfo> doc = m_store->document(documentId);
    if (!check(doc.isOk() ? Status() : doc.error())) return false;
    // A file the user added by itself is its own source: forgetting the source keeps the
    // next rescan from finding it again.
    bool ownSource = false;
    if (const Result<QList<DocSource>> sources = m_store->sources(doc.value().collectionId)) {
        for (const DocSource& s : sources.value())
            if (s.id == doc.value().sourceId && !s.isFolder) ownSource = true;
    }
    const Status removed = ownSource ? m_store->removeSource(doc.value().sourceId) : m_store->removeDocument(documentId);
    if (!check(removed)) return false;
    refresh();
    return true;
}

QVariantList DocumentsController::attachedCollections(qint64 conversationId) const {
    QVariantList out;
    if (conversationId == 0) {
        for (qint64 id : m_draft) out << id;
        return out;
    }
    if (!m_store) return out;
    if (const Result<QList<qint64>> ids = m_store->collectionsOf(conversationId))
        for (qint64 id : ids.value()) out << id;
    return out;
}

bool DocumentsController::setAttached(qint64 conversationId, qint64 collectionId, bool attached) {
    if (!m_store) return false;
    if (conversationId == 0) {
        if (attached)
            m_draft.insert(collectionId);
        else
            m_draft.remove(collectionId);
    } else if (!check(attached ? m_store->attach(conversationId, collectionId)
                               : m_store->detach(conversationId, collectionId))) {
        return false;
    }
    emit attachmentsChanged(conversationId);
    return true;
}

void DocumentsController::adoptDraft(qint64 conversationId) {
    if (!m_store || m_draft.isEmpty()) return;
    for (qint64 id : std::as_const(m_draft)) check(m_store->attach(conversationId, id));
    m_draft.clear();
    emit attachmentsChanged(0);
    emit attachmentsChanged(conversationId);
}

QVariantList DocumentsController::citations(qint64 messageId, const QString& content) const {
    QVariantList out;
    if (!m_db || messageId <= 0) return out;
    const Result<QList<Citation>> all = citationstore::load(*m_db, messageId);
    if (!all) return out;
    for (const Citation& c : DocsRetriever::citationsUsed(content, all.value())) {
        out << QVariantMap{{QStringLiteral("number"), c.number},
                           {QStringLiteral("path"), c.path},
                           {QStringLiteral("fileName"), QFileInfo(c.path).fileName()},
                           {QStringLiteral("page"), c.page},
                           {QStringLiteral("lineStart"), c.lineStart},
                           {QStringLiteral("lineEnd"), c.lineEnd},
                           {QStringLiteral("text"), c.text},
                           {QStringLiteral("url"), QUrl::fromLocalFile(c.path)}};
    }
    return out;
}

quint64 DocumentsController::requestContext(qint64 conversationId, const QString& question, int contextTokens) {
    if (!m_store) return 0;
    const Result<QList<qint64>> collections = m_store->collectionsOf(conversationId);
    if (!collections || collections.value().isEmpty()) return 0;
    if (!m_retrieval) {
        m_retrieval = std::make_unique<RetrievalService>(m_dataDir);
        connect(m_retrieval.get(), &RetrievalService::ready, this, &DocumentsController::contextReady);
        connect(m_retrieval.get(), &RetrievalService::warning, this, &DocumentsController::setError);
    }
    return m_retrieval->request(collections.value(), question, contextTokens);
}

bool DocumentsController::setEmbeddingModel(qint64 collectionId, const QString& model) {
    if (!m_store || !m_library) return false;
    const QUrl url(model);
    const QString path = model.isEmpty() ? QString() : QFileInfo(url.isLocalFile() ? url.toLocalFile() : model).absoluteFilePath();
    if (!path.isEmpty() && !QFileInfo(path).isFile()) {
        setError(tr("%1 does not exist.").arg(path));
        return false;
    }
    if (!check(m_store->setEmbeddingModel(collectionId, path))) return false;
    refresh();
    m_library->reindex(collectionId);
    return true;
}

Status DocumentsController::saveCitations(qint64 messageId, const QList<Citation>& citations) {
    if (!m_db) return {};
    return citationstore::save(*m_db, messageId, citations);
}

bool DocumentsController::check(const Status& status) {
    if (status) return true;
    qCWarning(lcDocs) << status.error().message();
    setError(status.error().message());
    return false;
}

void DocumentsController::setError(const QString& text) {
    if (text == m_error) return;
    m_error = text;
    emit errorChanged();
}
