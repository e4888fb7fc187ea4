/// @brief Plain data of the document index: collections, documents, chunks, search hits and
/// the citations an answer refers to.
#pragma once

#include <QList>
#include <QMetaType>
#include <QString>
#include <QVector>

/// A named set of files and folders that chats can be attached to.
struct DocCollection {
    qint64 id = 0;
    QString name;
    QString embeddingModel;  ///< GGUF path; empty = BM25 only
};

/// A file or folder the user added to a collection.
struct DocSource {
    qint64 id = 0;
    qint64 collectionId = 0;
    QString path;
    bool isFolder = false;
};

/// Indexing state of one file: what resume and change detection look at.
struct DocumentInfo {
    enum class State { Pending, Indexed, Error };
    qint64 id = 0;
    qint64 collectionId = 0;
    qint64 sourceId = 0;
    QString path;
    State state = State::Pending;
    qint64 mtimeMs = -1;
    qint64 size = -1;
    QString hash;
    int pages = 0;
    QString error;  ///< why it was skipped, for the document list
    int chunkCount = 0;
};

/// One page of extracted text (text files are a single page).
struct ExtractedPage {
    int number = 1;  ///< counted from 1
    QString text;
};

/// A piece of a document as stored and searched, with where it came from.
struct TextChunk {
    int page = 1;       ///< counted from 1
    int lineStart = 1;  ///< counted from 1 within the page
    int lineEnd = 1;
    QString text;
};

/// A retrieved chunk with its source position and scores.
struct Passage {
    qint64 chunkId = 0;
    QString path;
    int page = 1;
    int lineStart = 1;
    int lineEnd = 1;
    QString text;
    double score = 0.0;       ///< the fused score (reciprocal-rank fusion), higher is better
    double bm25 = 0.0;        ///< FTS5 bm25(), lower is better; 0 when only dense found it
    double cosine = -2.0;     ///< dense similarity; -2 when not computed
    double termCoverage = 0.0;  ///< share of the question's terms present in the text
};

/// What a [n] in an answer refers to, for the UI to open the passage.
struct Citation {
    int number = 0;  ///< the n of [n]
    QString path;
    int page = 1;
    int lineStart = 1;
    int lineEnd = 1;
    QString text;
    qint64 chunkId = 0;
};

/// What the chat controller adds to the prompt for one question.
struct DocsContext {
    QString promptAddition;   ///< numbered passages and the instruction; empty when nothing found
    QList<Citation> citations;
    bool nothingFound = false;
    /// A sentence for the user when nothingFound (instead of letting the model invent one).
    QString message;
    int tokensUsed = 0;       ///< estimate of promptAddition's tokens
    /// The embedding model's ranking took part (the collection has vectors of that model
    /// and the question could be embedded); false: BM25 alone.
    bool dense = false;
};

Q_DECLARE_METATYPE(DocsContext)

/// Progress of an indexing run.
struct IndexProgress {
    qint64 collectionId = 0;
    int filesDone = 0;
    int filesTotal = 0;
    int filesFailed = 0;
    qint64 chunks = 0;       ///< chunks written in this run
    qint64 pages = 0;        ///< pages extracted in this run
    double embedSeconds = 0.0;
    qint64 embeddedChunks = 0;
    QString currentFile;
};

Q_DECLARE_METATYPE(IndexProgress)
