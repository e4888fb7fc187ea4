/// @brief Finds the passages of a chat's collections that answer a question (BM25 from
/// FTS5, plus cosine similarity when the collection has an embedding model, fused by
/// reciprocal rank) and builds the numbered, cited prompt addition from them.
#pragma once

#include "docs_store.h"
#include "docs_types.h"

#include <functional>

class ChunkEmbedder;

struct RetrievalOptions {
    int bm25Candidates = 50;
    int denseCandidates = 50;
    /// Reciprocal-rank fusion constant (Cormack et al. use 60): damps the weight of the
    /// very first ranks so neither list dominates.
    int rrfK = 60;
    /// A passage counts as relevant when it holds at least this share of the question's
    /// content words...
    double minTermCoverage = 0.5;
    /// ...or, with an embedding model, at least this cosine similarity.
    double minCosine = 0.5;
    /// Tokens the passages may take in the prompt.
    int contextTokens = 2000;
    int maxPassages = 8;
};

class DocsRetriever {
public:
    using TokenCounter = std::function<int(const QString&)>;

    explicit DocsRetriever(DocsStore& store, RetrievalOptions options = {});

    /// Used for collections whose embedding_model is this embedder's model.
    void setEmbedder(ChunkEmbedder* embedder) { m_embedder = embedder; }
    /// Counts tokens with the loaded model's tokenizer; unset: estimateTokens().
    void setTokenCounter(TokenCounter counter) { m_countTokens = std::move(counter); }
    const RetrievalOptions& options() const { return m_options; }
    /// Whether the last search ranked by the embedding model too.
    bool denseUsed() const { return m_denseUsed; }

    /// The best @p topK passages, best first, with their scores and term coverage.
    Result<QList<Passage>> search(const QList<qint64>& collectionIds, const QString& query, int topK);

    /// What to add to the prompt for @p question in the chat @p conversationId (its attached
    /// collections). No attached collection: an empty context, nothingFound false.
    Result<DocsContext> buildContext(qint64 conversationId, const QString& question);
    Result<DocsContext> buildContextFor(const QList<qint64>& collectionIds, const QString& question);

    /// The user's words as a safe FTS5 expression: each content word quoted (so no word can
    /// act as an operator or column filter), lightly stemmed as a prefix, joined by OR so a
    /// passage need not contain every word; bm25 ranks those with more of them first.
    static QString toMatchExpression(const QString& text);
    /// The content words of a question: lower case, stop words dropped, lightly stemmed.
    static QStringList queryTerms(const QString& text);
    /// Share of @p terms found (as word prefixes) in @p text.
    static double termCoverage(const QStringList& terms, const QString& text);
    /// ceil(chars / 4): the estimate when no tokenizer is at hand.
    static int estimateTokens(const QString& text);
    /// The citations an answer actually refers to ([2], [1, 3]), in order of first use.
    static QList<Citation> citationsUsed(const QString& answer, const QList<Citation>& citations);

private:
    Result<QList<Passage>> denseSearch(const QList<qint64>& collectionIds, const QString& query);
    bool isRelevant(const Passage& p) const;

    DocsStore& m_store;
    RetrievalOptions m_options;
    ChunkEmbedder* m_embedder = nullptr;
    TokenCounter m_countTokens;
    bool m_denseUsed = false;
};
