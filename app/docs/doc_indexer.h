/// @brief Brings a collection's index up to date: finds the files of its sources, then
/// extracts, chunks (and embeds) every file that is new or changed, one transaction each.
#pragma once

#include "chunker.h"
#include "docs_store.h"
#include "docs_types.h"

#include <atomic>
#include <functional>

class ChunkEmbedder;

struct IndexerOptions {
    ChunkOptions chunking;
    /// Chunks per embedding call. On Vulkan the engine packs a call's chunks into shared
    /// forward passes of up to 4 x 512 tokens: 16 chunks of ~1,200 characters (300-500
    /// tokens) fill three or four passes, so a larger batch would gain little and only make
    /// cancelling slower.
    int embedBatch = 16;
    /// Pause after each file. Only the resume test sets it, to have time to kill a run
    /// halfway (PONDER_DOCS_THROTTLE_MS in the CLI).
    int throttleMs = 0;
};

/// Runs on whatever thread owns the DocsStore's connection (a worker thread in the app, the
/// main thread in the CLI). Never fails because of one file: a broken file is recorded with
/// its error and skipped. A killed run leaves every file either indexed or pending, so the
/// next run continues where this one stopped.
class DocIndexer {
public:
    using ProgressFn = std::function<void(const IndexProgress&)>;

    DocIndexer(DocsStore& store, ChunkEmbedder* embedder = nullptr, IndexerOptions options = {});

    void setProgress(ProgressFn fn) { m_progress = std::move(fn); }
    void setCancel(const std::atomic<bool>* cancel) { m_cancel = cancel; }

    /// Lists the files of every source again: new files become pending, vanished ones go.
    Status scan(qint64 collectionId);
    /// Indexes every document that is pending or whose file changed since it was indexed.
    Result<IndexProgress> indexPending(qint64 collectionId);
    /// scan() then indexPending().
    Result<IndexProgress> run(qint64 collectionId);

    /// The indexable files of a source: the file itself, or the candidates under a folder
    /// (recursively, hidden files and folders skipped), sorted for a stable order.
    static QStringList filesOf(const DocSource& source);

private:
    enum class Outcome { Skipped, Indexed, Failed };
    Outcome indexOne(const DocumentInfo& doc, IndexProgress& progress, StorageError& fatal);
    bool embedChunks(const QList<TextChunk>& chunks, QList<QByteArray>& blobs, IndexProgress& progress,
                     QString& error);
    bool cancelled() const { return m_cancel && m_cancel->load(); }

    DocsStore& m_store;
    ChunkEmbedder* m_embedder;
    IndexerOptions m_options;
    ProgressFn m_progress;
    const std::atomic<bool>* m_cancel = nullptr;
};
