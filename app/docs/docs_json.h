/// @brief JSON forms of the document index's data, shared by the CLI and its tests.
#pragma once

#include "docs_store.h"
#include "docs_types.h"

#include <QJsonObject>

namespace docsjson {

/// {file, page, lineStart, lineEnd, score, bm25, cosine (null when not computed), text, chunkId}
QJsonObject passage(const Passage& p);
/// {number, file, page, lineStart, lineEnd, text, chunkId}
QJsonObject citation(const Citation& c);
/// {file, state, pages, chunks, error}
QJsonObject document(const DocumentInfo& d);
/// {collection, embeddingModel, documents, indexed, pending, failed, chunks, embedded}
QJsonObject stats(const DocCollection& c, const CollectionStats& s);
/// {filesDone, filesTotal, filesFailed, chunks, pages, embeddedChunks, embedSeconds}
QJsonObject progress(const IndexProgress& p);

}  // namespace docsjson
