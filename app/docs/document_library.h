/// @brief The app's face of the document index: indexes collections on a background thread
/// with its own database connection, reports progress, resumes unfinished work at start and
/// re-indexes files when the watcher sees them change.
#pragma once

#include "docs_types.h"

#include <QtQml/qqmlregistration.h>
#include <QFileSystemWatcher>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QThread>
#include <QTimer>

#include <atomic>

class IndexWorker;

class DocumentLibrary : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The app creates the library.")
    Q_PROPERTY(bool indexing READ isIndexing NOTIFY indexingChanged)
    Q_PROPERTY(int filesDone READ filesDone NOTIFY progressChanged)
    Q_PROPERTY(int filesTotal READ filesTotal NOTIFY progressChanged)
    Q_PROPERTY(qint64 chunks READ chunks NOTIFY progressChanged)

public:
    /// Opens `<dataDir>` on the worker thread and resumes every collection with work left.
    explicit DocumentLibrary(const QString& dataDir, QObject* parent = nullptr);
    /// Cancels a running file between two files (it stays pending) and joins the thread.
    ~DocumentLibrary() override;

    /// Adds files or folders to the collection (created when missing) and indexes them.
    Q_INVOKABLE void addPaths(const QString& collection, const QStringList& paths, const QString& embeddingModel = {});
    Q_INVOKABLE void reindex(qint64 collectionId);
    Q_INVOKABLE void removeCollection(qint64 collectionId);

    bool isIndexing() const { return m_busy > 0; }
    int filesDone() const { return m_last.filesDone; }
    int filesTotal() const { return m_last.filesTotal; }
    qint64 chunks() const { return m_last.chunks; }
    /// Paths the watcher follows (for tests and diagnostics).
    QStringList watchedPaths() const;

signals:
    void indexingChanged();
    void progressChanged();
    void progress(const IndexProgress& progress);
    /// One indexing run of a collection finished (all files, or cancelled).
    void collectionIndexed(qint64 collectionId, const IndexProgress& result);
    void failed(const QString& message);

private:
    void onWatchList(qint64 collectionId, const QStringList& paths);
    void onPathChanged(const QString& path);
    void startRun();
    void finishRun();

    QThread m_thread;
    IndexWorker* m_worker = nullptr;
    std::atomic<bool> m_cancel{false};
    QFileSystemWatcher m_watcher;
    QHash<QString, QSet<qint64>> m_watchOwners;  // watched path -> collections
    QSet<qint64> m_dirty;
    QTimer m_debounce;
    int m_busy = 0;
    IndexProgress m_last;
};
