/// @brief SQL access to the document index (collections, sources, documents, chunks, FTS5,
/// vectors, chat attachments). One instance per Database connection, i.e. per thread.
#pragma once

#include "database.h"
#include "docs_types.h"
#include "storage_result.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QStringList>

/// A BM25 hit: chunk id and FTS5's bm25() (negative, lower is better).
struct Bm25Hit {
    qint64 chunkId = 0;
    double bm25 = 0.0;
};

/// Counts of one collection for progress displays and `docs list`.
struct CollectionStats {
    int documents = 0;
    int indexed = 0;
    int pending = 0;
    int failed = 0;
    qint64 chunks = 0;
    qint64 embedded = 0;
};

class DocsStore {
public:
    explicit DocsStore(Database& db) : m_db(db) {}

    Database& database() { return m_db; }

    // Collections.
    Result<qint64> createCollection(const QString& name, const QString& embeddingModel = {});
    /// The collection named @p name (case-insensitive), NotFound when there is none.
    Result<DocCollection> collectionByName(const QString& name);
    Result<DocCollection> collection(qint64 id);
    Result<QList<DocCollection>> collections();
    /// Sets (empty: clears) the collection's embedding model. A change drops the stored
    /// vectors; a new model also marks the indexed documents pending, so the next indexing
    /// run embeds them with it. The same model changes nothing.
    Status setEmbeddingModel(qint64 collectionId, const QString& path);
    /// Deletes the collection with its documents, chunks and chat attachments.
    Status removeCollection(qint64 id);

    // Sources: what the user added.
    Result<qint64> addSource(qint64 collectionId, const QString& path, bool isFolder);
    Result<QList<DocSource>> sources(qint64 collectionId);
    /// Removes a source and the documents found under it.
    Status removeSource(qint64 sourceId);

    // Documents.
    /// Makes the documents of @p sourceId exactly @p files: new ones are added as pending,
    /// ones no longer found are deleted (with their chunks). Returns how many were added.
    Result<int> syncDocuments(qint64 collectionId, qint64 sourceId, const QStringList& files);
    Result<QList<DocumentInfo>> documents(qint64 collectionId);
    Result<DocumentInfo> document(qint64 id);
    Status removeDocument(qint64 id);
    /// Marks a document to be indexed again (after a change seen by the file watcher).
    Status markPending(qint64 collectionId, const QString& path);
    Status markError(qint64 documentId, const QString& error, qint64 mtimeMs, qint64 size, const QString& hash);
    /// Same content as indexed (hash equal), only the modification time moved.
    Status touchDocument(qint64 documentId, qint64 mtimeMs);
    /// Replaces the document's chunks and marks it indexed, in one transaction: a crash
    /// leaves either the old state or the new one, never a half-written document.
    /// @p embeddings is empty or holds one float32 blob per chunk.
    Status replaceChunks(qint64 documentId, const QList<TextChunk>& chunks, const QList<QByteArray>& embeddings,
                         qint64 mtimeMs, qint64 size, const QString& hash, int pages);
    Result<CollectionStats> stats(qint64 collectionId);

    // Retrieval.
    /// FTS5 search restricted to the collections; @p match is an FTS5 expression (already
    /// escaped, see DocsRetriever::toMatchExpression).
    Result<QList<Bm25Hit>> searchBm25(const QList<qint64>& collectionIds, const QString& match, int limit);
    /// Every stored vector of the collections: (chunk id, float32 blob).
    Result<QList<QPair<qint64, QByteArray>>> vectors(const QList<qint64>& collectionIds);
    /// Chunk rows with their document path, in the order of @p chunkIds (missing ids skipped).
    Result<QList<Passage>> passages(const QList<qint64>& chunkIds);

    // Chats.
    Status attach(qint64 conversationId, qint64 collectionId);
    Status detach(qint64 conversationId, qint64 collectionId);
    Result<QList<qint64>> collectionsOf(qint64 conversationId);

private:
    Database& m_db;
};
