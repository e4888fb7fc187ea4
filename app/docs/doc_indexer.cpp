#include "doc_indexer.h"

#include "chunk_embedder.h"
#include "docs_log.h"
#include "text_extract.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QThread>

namespace {

QString fileHash(const QString& path, QString& error) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        error = f.errorString();
        return {};
    }
    // SHA-1 is plenty to tell "touched" from "changed"; nothing here is adversarial.
    QCryptographicHash h(QCryptographicHash::Sha1);
    if (!h.addData(&f)) {
        error = f.errorString();
        return {};
    }
    return QString::fromLatin1(h.result().toHex());
}

}  // namespace

DocIndexer::DocIndexer(DocsStore& store, ChunkEmbedder* embedder, IndexerOptions options)
    : m_store(store), m_embedder(embedder), m_options(std::move(options)) {}

QStringList DocIndexer::filesOf(const DocSource& source) {
    QStringList files;
    const QFileInfo root(source.path);
    if (!source.isFolder) {
        if (root.isFile()) files << root.absoluteFilePath();
        return files;
    }
    QDirIterator it(root.absoluteFilePath(), QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        // Hidden folders hold tool state (.git, .venv), not documents.
        const QString relative = root.absoluteDir().relativeFilePath(path);
        if (relative.startsWith(u'.') || relative.contains(QStringLiteral("/."))) continue;
        if (textextract::isCandidate(path)) files << QFileInfo(path).absoluteFilePath();
    }
    files.sort();
    return files;
}

Status DocIndexer::scan(qint64 collectionId) {
    const Result<QList<DocSource>> sources = m_store.sources(collectionId);
    if (!sources) return sources.error();
    for (const DocSource& source : sources.value()) {
        const Result<int> added = m_store.syncDocuments(collectionId, source.id, filesOf(source));
        if (!added) return added.error();
    }
    return {};
}

Result<IndexProgress> DocIndexer::run(qint64 collectionId) {
    if (Status s = scan(collectionId); !s) return s.error();
    return indexPending(collectionId);
}

Result<IndexProgress> DocIndexer::indexPending(qint64 collectionId) {
    const Result<QList<DocumentInfo>> docs = m_store.documents(collectionId);
    if (!docs) return docs.error();
    IndexProgress progress;
    progress.collectionId = collectionId;
    progress.filesTotal = int(docs.value().size());
    if (m_progress) m_progress(progress);
    for (const DocumentInfo& doc : docs.value()) {
        if (cancelled()) break;
        progress.currentFile = doc.path;
        // Before the file too, so a list can show which one is being read now.
        if (m_progress) m_progress(progress);
        StorageError fatal;
        const Outcome outcome = indexOne(doc, progress, fatal);
        // Only the database failing stops the run; files failing are part of the job.
        if (!fatal.isOk()) return fatal;
        ++progress.filesDone;
        if (outcome == Outcome::Failed) ++progress.filesFailed;
        if (m_progress) m_progress(progress);
        if (outcome == Outcome::Indexed && m_options.throttleMs > 0) QThread::msleep(ulong(m_options.throttleMs));
    }
    progress.currentFile.clear();
    return progress;
}

DocIndexer::Outcome DocIndexer::indexOne(const DocumentInfo& doc, IndexProgress& progress, StorageError& fatal) {
    const QFileInfo info(doc.path);
    const qint64 mtime = info.exists() ? info.lastModified().toMSecsSinceEpoch() : -1;
    const qint64 size = info.exists() ? info.size() : -1;
    // Indexed or failed files that look untouched are not read again; a failed one is
    // retried when it changes (a PDF re-saved without a password, say).
    if (doc.state != DocumentInfo::State::Pending && doc.mtimeMs == mtime && doc.size == size) return Outcome::Skipped;
    auto fail = [&](const QString& message) {
        qCWarning(lcDocs) << "skipping" << doc.path << ":" << message;
        if (Status s = m_store.markError(doc.id, message, mtime, size, {}); !s) fatal = s.error();
        return Outcome::Failed;
    };
    if (!info.exists()) return fail(QCoreApplication::translate("Documents", "The file no longer exists."));
    QString error;
    const QString hash = fileHash(doc.path, error);
    if (hash.isEmpty()) return fail(QCoreApplication::translate("Documents", "The file cannot be read: %1").arg(error));
    if (doc.state == DocumentInfo::State::Indexed && doc.hash == hash) {
        if (Status s = m_store.touchDocument(doc.id, mtime); !s) fatal = s.error();
        return Outcome::Skipped;
    }
    const textextract::Extracted text = textextract::extract(doc.path);
    if (!text.ok()) return fail(text.error);
    const QList<TextChunk> chunks = chunker::chunkPages(text.pages, m_options.chunking);
    QList<QByteArray> blobs;
    if (m_embedder && !chunks.isEmpty() && !embedChunks(chunks, blobs, progress, error)) {
        if (cancelled()) return Outcome::Skipped;  // stays pending for the next run
        return fail(QCoreApplication::translate("Documents", "The embedding model failed: %1").arg(error));
    }
    if (Status s = m_store.replaceChunks(doc.id, chunks, blobs, mtime, size, hash, int(text.pages.size())); !s) {
        fatal = s.error();
        return Outcome::Failed;
    }
    progress.chunks += chunks.size();
    progress.pages += text.pages.size();
    qCDebug(lcDocs) << "indexed" << doc.path << chunks.size() << "chunks";
    return Outcome::Indexed;
}

bool DocIndexer::embedChunks(const QList<TextChunk>& chunks, QList<QByteArray>& blobs, IndexProgress& progress,
                             QString& error) {
    QElapsedTimer timer;
    timer.start();
    const int batch = std::max(1, m_options.embedBatch);
    for (qsizetype first = 0; first < chunks.size(); first += batch) {
        if (cancelled()) {
            error = QCoreApplication::translate("Documents", "cancelled");
            return false;
        }
        QStringList texts;
        for (qsizetype i = first; i < std::min(chunks.size(), first + batch); ++i) texts << chunks[i].text;
        QList<QVector<float>> vectors;
        if (!m_embedder->embed(texts, vectors, error)) return false;
        for (const QVector<float>& v : vectors) blobs << embedding::toBlob(v);
        progress.embeddedChunks += texts.size();
    }
    progress.embedSeconds += double(timer.nsecsElapsed()) / 1e9;
    return true;
}
