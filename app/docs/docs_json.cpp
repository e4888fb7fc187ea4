#include "docs_json.h"

#include <QJsonValue>

namespace docsjson {

QJsonObject passage(const Passage& p) {
    return {{QStringLiteral("file"), p.path},
            {QStringLiteral("page"), p.page},
            {QStringLiteral("lineStart"), p.lineStart},
            {QStringLiteral("lineEnd"), p.lineEnd},
            {QStringLiteral("score"), p.score},
            {QStringLiteral("bm25"), p.bm25},
            {QStringLiteral("cosine"), p.cosine < -1.5 ? QJsonValue() : QJsonValue(p.cosine)},
            {QStringLiteral("termCoverage"), p.termCoverage},
            {QStringLiteral("text"), p.text},
            {QStringLiteral("chunkId"), p.chunkId}};
}

QJsonObject citation(const Citation& c) {
    return {{QStringLiteral("number"), c.number},  {QStringLiteral("file"), c.path},
            {QStringLiteral("page"), c.page},      {QStringLiteral("lineStart"), c.lineStart},
            {QStringLiteral("lineEnd"), c.lineEnd}, {QStringLiteral("text"), c.text},
            {QStringLiteral("chunkId"), c.chunkId}};
}

QJsonObject document(const DocumentInfo& d) {
    const char* state = d.state == DocumentInfo::State::Indexed ? "indexed"
                        : d.state == DocumentInfo::State::Error ? "error"
                                                                : "pending";
    return {{QStringLiteral("file"), d.path},
            {QStringLiteral("state"), QLatin1String(state)},
            {QStringLiteral("pages"), d.pages},
            {QStringLiteral("chunks"), d.chunkCount},
            {QStringLiteral("error"), d.error}};
}

QJsonObject stats(const DocCollection& c, const CollectionStats& s) {
    return {{QStringLiteral("collection"), c.name},
            {QStringLiteral("embeddingModel"), c.embeddingModel},
            {QStringLiteral("documents"), s.documents},
            {QStringLiteral("indexed"), s.indexed},
            {QStringLiteral("pending"), s.pending},
            {QStringLiteral("failed"), s.failed},
            {QStringLiteral("chunks"), s.chunks},
            {QStringLiteral("embedded"), s.embedded}};
}

QJsonObject progress(const IndexProgress& p) {
    return {{QStringLiteral("filesDone"), p.filesDone},
            {QStringLiteral("filesTotal"), p.filesTotal},
            {QStringLiteral("filesFailed"), p.filesFailed},
            {QStringLiteral("chunks"), p.chunks},
            {QStringLiteral("pages"), p.pages},
            {QStringLiteral("embeddedChunks"), p.embeddedChunks},
            {QStringLiteral("embedSeconds"), p.embedSeconds}};
}

}  // namespace docsjson
