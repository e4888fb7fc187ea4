#include "docs_store.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace {

// Runs a prepared statement with positional values; the error names what we tried.
Status run(QSqlQuery& q, const QString& sql, const QVariantList& values, const char* what) {
    q.setForwardOnly(true);
    if (!q.prepare(sql)) return StorageError::fromSql(q.lastError(), QString::fromLatin1(what));
    for (const QVariant& v : values) q.addBindValue(v);
    if (!q.exec()) return StorageError::fromSql(q.lastError(), QString::fromLatin1(what));
    return {};
}

// "?, ?, ?" for an IN list, with the ids appended to @p values. Ids are integers, but
// binding keeps every statement free of string building from data.
QString placeholders(const QList<qint64>& ids, QVariantList& values) {
    QStringList marks;
    for (qint64 id : ids) {
        marks << QStringLiteral("?");
        values << id;
    }
    return marks.join(QStringLiteral(", "));
}

DocumentInfo::State stateFrom(const QString& s) {
    if (s == u"indexed") return DocumentInfo::State::Indexed;
    if (s == u"error") return DocumentInfo::State::Error;
    return DocumentInfo::State::Pending;
}

const char kDocumentColumns[] =
    "d.id, d.collection_id, d.source_id, d.path, d.state, d.mtime_ms, d.size, d.hash, d.pages, d.error, "
    "(SELECT COUNT(*) FROM chunks c WHERE c.document_id = d.id)";

DocumentInfo readDocument(const QSqlQuery& q) {
    DocumentInfo d;
    d.id = q.value(0).toLongLong();
    d.collectionId = q.value(1).toLongLong();
    d.sourceId = q.value(2).toLongLong();
    d.path = q.value(3).toString();
    d.state = stateFrom(q.value(4).toString());
    d.mtimeMs = q.value(5).isNull() ? -1 : q.value(5).toLongLong();
    d.size = q.value(6).isNull() ? -1 : q.value(6).toLongLong();
    d.hash = q.value(7).toString();
    d.pages = q.value(8).toInt();
    d.error = q.value(9).toString();
    d.chunkCount = q.value(10).toInt();
    return d;
}

StorageError notFound(const char* what) {
    return StorageError(StorageError::Code::NotFound, QCoreApplication::translate("Documents", what));
}

}  // namespace

Result<qint64> DocsStore::createCollection(const QString& name, const QString& embeddingModel) {
    if (name.trimmed().isEmpty()) {
        return StorageError(StorageError::Code::InvalidArgument,
                            QCoreApplication::translate("Documents", "A collection needs a name."));
    }
    QSqlQuery q(m_db.connection());
    if (Status s = run(q, QStringLiteral("INSERT INTO collections (name, embedding_model, created_at) VALUES (?, ?, ?)"),
                       {name.trimmed(), embeddingModel.isEmpty() ? QVariant() : QVariant(embeddingModel),
                        QDateTime::currentMSecsSinceEpoch()},
                       "creating a collection");
        !s)
        return s.error();
    return q.lastInsertId().toLongLong();
}

Result<DocCollection> DocsStore::collectionByName(const QString& name) {
    QSqlQuery q(m_db.connection());
    if (Status s = run(q, QStringLiteral("SELECT id, name, embedding_model FROM collections WHERE name = ?"),
                       {name.trimmed()}, "reading a collection");
        !s)
        return s.error();
    if (!q.next()) return notFound("There is no collection of that name.");
    return DocCollection{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString()};
}

Result<DocCollection> DocsStore::collection(qint64 id) {
    QSqlQuery q(m_db.connection());
    if (Status s = run(q, QStringLiteral("SELECT id, name, embedding_model FROM collections WHERE id = ?"), {id},
                       "reading a collection");
        !s)
        return s.error();
    if (!q.next()) return notFound("The collection does not exist.");
    return DocCollection{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString()};
}

Result<QList<DocCollection>> DocsStore::collections() {
    QSqlQuery q(m_db.connection());
    if (Status s = run(q, QStringLiteral("SELECT id, name, embedding_model FROM collections ORDER BY name"), {},
                       "listing collections");
        !s)
        return s.error();
    QList<DocCollection> out;
    while (q.next()) out.append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString()});
    return out;
}

Status DocsStore::setEmbeddingModel(qint64 collectionId, const QString& path) {
    Database::Transaction tx(m_db);
    if (!tx.beginError().isOk()) return tx.beginError();
    const QVariant model = path.isEmpty() ? QVariant() : QVariant(path);
    QSqlQuery q(m_db.connection());
    if (Status s = run(q, QStringLiteral("UPDATE collections SET embedding_model = ? WHERE id = ? AND embedding_model IS NOT ?"),
                       {model, collectionId, model}, "setting the embedding model");
        !s)
        return s;
    if (q.numRowsAffected() == 0) return tx.commit();  // the same model: its vectors stay valid
    // Vectors of two models cannot be compared: the old ones go, and with a new model every
    // indexed document is indexed (and embedded) again by the next run.
    QSqlQuery clear(m_db.connection());
    if (Status s = run(clear, QStringLiteral("UPDATE chunks SET embedding = NULL WHERE document_id IN "
                                             "(SELECT id FROM documents WHERE collection_id = ?)"),
                       {collectionId}, "dropping the old vectors");
        !s)
        return s;
    if (path.isEmpty()) return tx.commit();
    QSqlQuery pending(m_db.connection());
    if (Status s = run(pending, QStringLiteral("UPDATE documents SET state = 'pending' WHERE collection_id = ? AND state = 'indexed'"),
                       {collectionId}, "marking documents for indexing");
        !s)
        return s;
    return tx.commit();
}

Status DocsStore::removeCollection(qint64 id) {
    QSqlQuery q(m_db.connection());
    return run(q, QStringLiteral("DELETE FROM collections WHERE id = ?"), {id}, "removing a collection");
}

Result<qint64> DocsStore::addSource(qint64 collectionId, const QString& path, bool isFolder) {
    QSqlQuery q(m_db.connection());
    // Adding the same path twice is a rescan, not an error.
    if (Status s = run(q, QStringLiteral("INSERT INTO collection_sources (collection_id, path, is_folder) VALUES (?, ?, ?) "
                                         "ON CONFLICT (collection_id, path) DO UPDATE SET is_folder = excluded.is_folder"),
                       {collectionId, path, isFolder ? 1 : 0}, "adding a source");
        !s)
        return s.error();
    QSqlQuery id(m_db.connection());
    if (Status s = run(id, QStringLiteral("SELECT id FROM collection_sources WHERE collection_id = ? AND path = ?"),
                       {collectionId, path}, "adding a source");
        !s)
        return s.error();
    if (!id.next()) return notFound("The source was not saved.");
    return id.value(0).toLongLong();
}

Result<QList<DocSource>> DocsStore::sources(qint64 collectionId) {
    QSqlQuery q(m_db.connection());
    if (Status s = run(q, QStringLiteral("SELECT id, collection_id, path, is_folder FROM collection_sources "
                                         "WHERE collection_id = ? ORDER BY id"),
                       {collectionId}, "listing sources");
        !s)
        return s.error();
    QList<DocSource> out;
    while (q.next())
        out.append({q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toBool()});
    return out;
}

Status DocsStore::removeSource(qint64 sourceId) {
    QSqlQuery q(m_db.connection());
    return run(q, QStringLiteral("DELETE FROM collection_sources WHERE id = ?"), {sourceId}, "removing a source");
}

Result<int> DocsStore::syncDocuments(qint64 collectionId, qint64 sourceId, const QStringList& files) {
    Database::Transaction tx(m_db);
    if (!tx.beginError().isOk()) return tx.beginError();
    QSqlQuery existing(m_db.connection());
    if (Status s = run(existing, QStringLiteral("SELECT id, path FROM documents WHERE source_id = ?"), {sourceId},
                       "scanning documents");
        !s)
        return s.error();
    QHash<QString, qint64> known;
    while (existing.next()) known.insert(existing.value(1).toString(), existing.value(0).toLongLong());
    int added = 0;
    for (const QString& file : files) {
        if (known.remove(file)) continue;
        QSqlQuery q(m_db.connection());
        // A file found under two sources of one collection stays with the first.
        if (Status s = run(q, QStringLiteral("INSERT INTO documents (collection_id, source_id, path) VALUES (?, ?, ?) "
                                             "ON CONFLICT (collection_id, path) DO NOTHING"),
                           {collectionId, sourceId, file}, "adding a document");
            !s)
            return s.error();
        added += q.numRowsAffected() > 0 ? 1 : 0;
    }
    for (qint64 gone : std::as_const(known)) {
        QSqlQuery q(m_db.connection());
        if (Status s = run(q, QStringLiteral("DELETE FROM documents WHERE id = ?"), {gone}, "removing a document"); !s)
            return s.error();
    }
    if (Status s = tx.commit(); !s) return s.error();
    return added;
}

Result<QList<DocumentInfo>> DocsStore::documents(qint64 collectionId) {
    QSqlQuery q(m_db.connection());
    if (Status s = run(q, QStringLiteral("SELECT %1 FROM documents d WHERE d.collection_id = ? ORDER BY d.id")
                              .arg(QLatin1String(kDocumentColumns)),
                       {collectionId}, "listing documents");
        !s)
        return s.error();
    QList<DocumentInfo> out;
    while (q.next()) out.append(readDocument(q));
    return out;
}

Result<DocumentInfo> DocsStore::document(qint64 id) {
    QSqlQuery q(m_db.connection());
    if (Status s = run(q, QStringLiteral("SELECT %1 FROM documents d WHERE d.id = ?").arg(QLatin1String(kDocumentColumns)),
                       {id}, "reading a document");
        !s)
        return s.error();
    if (!q.next()) return notFound("The document does not exist.");
    return readDocument(q);
}

Status DocsStore::removeDocument(qint64 id) {
    QSqlQuery q(m_db.connection());
    return run(q, QStringLiteral("DELETE FROM documents WHERE id = ?"), {id}, "removing a document");
}

Status DocsStore::markPending(qint64 collectionId, const QString& path) {
    QSqlQuery q(m_db.connection());
    return run(q, QStringLiteral("UPDATE documents SET state = 'pending' WHERE collection_id = ? AND path = ?"),
               {collectionId, path}, "marking a document for indexing");
}

Status DocsStore::markError(qint64 documentId, const QString& error, qint64 mtimeMs, qint64 size, const QString& hash) {
    Database::Transaction tx(m_db);
    if (!tx.beginError().isOk()) return tx.beginError();
    QSqlQuery del(m_db.connection());
    if (Status s = run(del, QStringLiteral("DELETE FROM chunks WHERE document_id = ?"), {documentId}, "clearing chunks"); !s)
        return s;
    QSqlQuery q(m_db.connection());
    if (Status s = run(q, QStringLiteral("UPDATE documents SET state = 'error', error = ?, mtime_ms = ?, size = ?, hash = ?, "
                                         "pages = 0, indexed_at = ? WHERE id = ?"),
                       {error, mtimeMs, size, hash.isEmpty() ? QVariant() : QVariant(hash),
                        QDateTime::currentMSecsSinceEpoch(), documentId},
                       "recording an indexing error");
        !s)
        return s;
    return tx.commit();
}

Status DocsStore::touchDocument(qint64 documentId, qint64 mtimeMs) {
    QSqlQuery q(m_db.connection());
    return run(q, QStringLiteral("UPDATE documents SET mtime_ms = ? WHERE id = ?"), {mtimeMs, documentId},
               "updating a document");
}

Status DocsStore::replaceChunks(qint64 documentId, const QList<TextChunk>& chunks, const QList<QByteArray>& embeddings,
                                qint64 mtimeMs, qint64 size, const QString& hash, int pages) {
    Database::Transaction tx(m_db);
    if (!tx.beginError().isOk()) return tx.beginError();
    QSqlQuery del(m_db.connection());
    if (Status s = run(del, QStringLiteral("DELETE FROM chunks WHERE document_id = ?"), {documentId}, "clearing chunks"); !s)
        return s;
    QSqlQuery ins(m_db.connection());
    if (!ins.prepare(QStringLiteral("INSERT INTO chunks (document_id, seq, page, line_start, line_end, text, embedding) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?)")))
        return StorageError::fromSql(ins.lastError(), QStringLiteral("storing chunks"));
    for (qsizetype i = 0; i < chunks.size(); ++i) {
        const TextChunk& c = chunks[i];
        ins.bindValue(0, documentId);
        ins.bindValue(1, qint64(i));
        ins.bindValue(2, c.page);
        ins.bindValue(3, c.lineStart);
        ins.bindValue(4, c.lineEnd);
        ins.bindValue(5, c.text);
        ins.bindValue(6, i < embeddings.size() ? QVariant(embeddings[i]) : QVariant(QMetaType(QMetaType::QByteArray)));
        if (!ins.exec()) return StorageError::fromSql(ins.lastError(), QStringLiteral("storing chunks"));
    }
    QSqlQuery q(m_db.connection());
    if (Status s = run(q, QStringLiteral("UPDATE documents SET state = 'indexed', error = NULL, mtime_ms = ?, size = ?, "
                                         "hash = ?, pages = ?, indexed_at = ? WHERE id = ?"),
                       {mtimeMs, size, hash, pages, QDateTime::currentMSecsSinceEpoch(), documentId},
                       "marking a document indexed");
        !s)
        return s;
    return tx.commit();
}

Result<CollectionStats> DocsStore::stats(qint64 collectionId) {
    QSqlQuery q(m_db.connection());
    if (Status s = run(q, QStringLiteral("SELECT COUNT(*), SUM(state = 'indexed'), SUM(state = 'pending'), SUM(state = 'error') "
                                         "FROM documents WHERE collection_id = ?"),
                       {collectionId}, "counting documents");
        !s || !q.next())
        return s ? StorageError::fromSql(q.lastError(), QStringLiteral("counting documents")) : s.error();
    CollectionStats st;
    st.documents = q.value(0).toInt();
    st.indexed = q.value(1).toInt();
    st.pending = q.value(2).toInt();
    st.failed = q.value(3).toInt();
    QSqlQuery c(m_db.connection());
    if (Status s = run(c, QStringLiteral("SELECT COUNT(*), COUNT(c.embedding) FROM chunks c JOIN documents d "
                                         "ON d.id = c.document_id WHERE d.collection_id = ?"),
                       {collectionId}, "counting chunks");
        !s || !c.next())
        return s ? StorageError::fromSql(c.lastError(), QStringLiteral("counting chunks")) : s.error();
    st.chunks = c.value(0).toLongLong();
    st.embedded = c.value(1).toLongLong();
    return st;
}

Result<QList<Bm25Hit>> DocsStore::searchBm25(const QList<qint64>& collectionIds, const QString& match, int limit) {
    if (collectionIds.isEmpty() || match.isEmpty()) return QList<Bm25Hit>{};
    QVariantList values{match};
    const QString in = placeholders(collectionIds, values);
    values << limit;
    QSqlQuery q(m_db.connection());
    if (Status s = run(q, QStringLiteral("SELECT chunks_fts.rowid, bm25(chunks_fts) AS score FROM chunks_fts "
                                         "JOIN chunks c ON c.id = chunks_fts.rowid JOIN documents d ON d.id = c.document_id "
                                         "WHERE chunks_fts MATCH ? AND d.collection_id IN (%1) ORDER BY score LIMIT ?")
                              .arg(in),
                       values, "searching documents");
        !s)
        return s.error();
    QList<Bm25Hit> out;
    while (q.next()) out.append({q.value(0).toLongLong(), q.value(1).toDouble()});
    return out;
}

Result<QList<QPair<qint64, QByteArray>>> DocsStore::vectors(const QList<qint64>& collectionIds) {
    QList<QPair<qint64, QByteArray>> out;
    if (collectionIds.isEmpty()) return out;
    QVariantList values;
    const QString in = placeholders(collectionIds, values);
    QSqlQuery q(m_db.connection());
    if (Status s = run(q, QStringLiteral("SELECT c.id, c.embedding FROM chunks c JOIN documents d ON d.id = c.document_id "
                                         "WHERE d.collection_id IN (%1) AND c.embedding IS NOT NULL")
                              .arg(in),
                       values, "reading vectors");
        !s)
        return s.error();
    while (q.next()) out.append({q.value(0).toLongLong(), q.value(1).toByteArray()});
    return out;
}

Result<QList<Passage>> DocsStore::passages(const QList<qint64>& chunkIds) {
    QList<Passage> out;
    if (chunkIds.isEmpty()) return out;
    QVariantList values;
    const QString in = placeholders(chunkIds, values);
    QSqlQuery q(m_db.connection());
    if (Status s = run(q, QStringLiteral("SELECT c.id, d.path, c.page, c.line_start, c.line_end, c.text FROM chunks c "
                                         "JOIN documents d ON d.id = c.document_id WHERE c.id IN (%1)")
                              .arg(in),
                       values, "reading passages");
        !s)
        return s.error();
    QHash<qint64, Passage> byId;
    while (q.next()) {
        Passage p;
        p.chunkId = q.value(0).toLongLong();
        p.path = q.value(1).toString();
        p.page = q.value(2).toInt();
        p.lineStart = q.value(3).toInt();
        p.lineEnd = q.value(4).toInt();
        p.text = q.value(5).toString();
        byId.insert(p.chunkId, p);
    }
    for (qint64 id : chunkIds) {
        if (byId.contains(id)) out.append(byId.value(id));
    }
    return out;
}

Status DocsStore::attach(qint64 conversationId, qint64 collectionId) {
    QSqlQuery q(m_db.connection());
    return run(q, QStringLiteral("INSERT OR IGNORE INTO conversation_collections (conversation_id, collection_id) VALUES (?, ?)"),
               {conversationId, collectionId}, "attaching a collection");
}

Status DocsStore::detach(qint64 conversationId, qint64 collectionId) {
    QSqlQuery q(m_db.connection());
    return run(q, QStringLiteral("DELETE FROM conversation_collections WHERE conversation_id = ? AND collection_id = ?"),
               {conversationId, collectionId}, "detaching a collection");
}

Result<QList<qint64>> DocsStore::collectionsOf(qint64 conversationId) {
    QSqlQuery q(m_db.connection());
    if (Status s = run(q, QStringLiteral("SELECT collection_id FROM conversation_collections WHERE conversation_id = ? "
                                         "ORDER BY collection_id"),
                       {conversationId}, "reading attached collections");
        !s)
        return s.error();
    QList<qint64> out;
    while (q.next()) out.append(q.value(0).toLongLong());
    return out;
}
