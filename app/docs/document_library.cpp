#include "document_library.h"

#include "index_worker.h"

namespace {
// Editors save in bursts (temporary file, rename, touch): wait for the burst to end.
constexpr int kDebounceMs = 500;
}  // namespace

DocumentLibrary::DocumentLibrary(const QString& dataDir, QObject* parent) : QObject(parent) {
    qRegisterMetaType<IndexProgress>();
    m_thread.setObjectName(QStringLiteral("ponder-docs-index"));
    m_worker = new IndexWorker(&m_cancel);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &IndexWorker::started, this, [this](qint64) { startRun(); });
    connect(m_worker, &IndexWorker::progress, this, [this](const IndexProgress& p) {
        m_last = p;
        emit progress(p);
        emit progressChanged();
    });
    connect(m_worker, &IndexWorker::finished, this, [this](qint64 id, const IndexProgress& r) {
        finishRun();
        emit collectionIndexed(id, r);
    });
    connect(m_worker, &IndexWorker::failed, this, &DocumentLibrary::failed);
    connect(m_worker, &IndexWorker::watchList, this, &DocumentLibrary::onWatchList);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &DocumentLibrary::onPathChanged);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &DocumentLibrary::onPathChanged);
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, [this] {
        for (qint64 id : std::as_const(m_dirty)) reindex(id);
        m_dirty.clear();
    });
    m_thread.start(QThread::LowPriority);  // indexing must not slow the chat down
    QMetaObject::invokeMethod(m_worker, "open", Qt::QueuedConnection, Q_ARG(QString, dataDir));
}

DocumentLibrary::~DocumentLibrary() {
    m_cancel = true;
    m_thread.quit();
    m_thread.wait();
}

void DocumentLibrary::addPaths(const QString& collection, const QStringList& paths, const QString& embeddingModel) {
    QMetaObject::invokeMethod(m_worker, "addPaths", Qt::QueuedConnection, Q_ARG(QString, collection),
                              Q_ARG(QStringList, paths), Q_ARG(QString, embeddingModel));
}

void DocumentLibrary::reindex(qint64 collectionId) {
    QMetaObject::invokeMethod(m_worker, "index", Qt::QueuedConnection, Q_ARG(qint64, collectionId));
}

void DocumentLibrary::removeCollection(qint64 collectionId) {
    QMetaObject::invokeMethod(m_worker, "removeCollection", Qt::QueuedConnection, Q_ARG(qint64, collectionId));
}

QStringList DocumentLibrary::watchedPaths() const {
    return m_watcher.directories() + m_watcher.files();
}

void DocumentLibrary::onWatchList(qint64 collectionId, const QStringList& paths) {
    const QSet<QString> wanted(paths.begin(), paths.end());
    QStringList unwatch;
    for (auto it = m_watchOwners.begin(); it != m_watchOwners.end();) {
        if (!wanted.contains(it.key())) it->remove(collectionId);
        if (it->isEmpty()) {
            unwatch << it.key();
            it = m_watchOwners.erase(it);
        } else {
            ++it;
        }
    }
    if (!unwatch.isEmpty()) m_watcher.removePaths(unwatch);
    // Also re-adds paths the watcher dropped (a file replaced by rename stops being watched).
    const QStringList watched = watchedPaths();
    const QSet<QString> current(watched.begin(), watched.end());
    QStringList add;
    for (const QString& p : paths) {
        m_watchOwners[p].insert(collectionId);
        if (!current.contains(p)) add << p;
    }
    if (!add.isEmpty()) m_watcher.addPaths(add);
}

void DocumentLibrary::onPathChanged(const QString& path) {
    for (qint64 id : m_watchOwners.value(path)) m_dirty.insert(id);
    m_debounce.start();
}

void DocumentLibrary::startRun() {
    if (m_busy++ == 0) emit indexingChanged();
}

void DocumentLibrary::finishRun() {
    if (m_busy > 0 && --m_busy == 0) emit indexingChanged();
}
