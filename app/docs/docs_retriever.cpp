#include "docs_retriever.h"

#include "chunk_embedder.h"
#include "docs_log.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace {

// Words that match nearly every passage and say nothing about what is asked. English only
// for now; other languages still work, their function words merely dilute the coverage.
const QSet<QString>& stopWords() {
    static const QSet<QString> set = [] {
        QSet<QString> s;
        const char* words[] = {
            "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been", "before",
            "but", "by", "can", "could", "did", "do", "does", "doing", "done", "for", "from", "had", "has", "have",
            "how", "i", "if", "in", "into", "is", "it", "its", "me", "my", "of", "on", "or", "our", "please",
            "say", "says", "should", "so", "some", "tell", "than", "that", "the", "their", "them", "then", "there",
            "these", "they", "this", "those", "to", "was", "we", "were", "what", "when", "where", "which", "who",
            "whom", "whose", "why", "will", "with", "would", "you", "your", "according", "document", "documents",
            "explain", "describe", "give", "list", "mention", "mentioned", "much", "many"};
        for (const char* w : words) s.insert(QString::fromLatin1(w));
        return s;
    }();
    return set;
}

// A prefix shared by a word's common English inflections ("studies", "study" -> "stud";
// "sleeping" -> "sleep"), so the prefix query finds them all. Never shorter than 3 letters.
QString stem(const QString& w) {
    auto cut = [&](int n) { return w.size() - n >= 3 ? w.left(w.size() - n) : w; };
    if (w.endsWith(QStringLiteral("ing"))) return cut(3);
    if (w.endsWith(QStringLiteral("ies"))) return cut(3);
    if (w.endsWith(QStringLiteral("ied"))) return cut(3);
    if (w.endsWith(QStringLiteral("es")) && w.size() > 4) return cut(2);
    if (w.endsWith(QStringLiteral("ed")) && w.size() > 4) return cut(2);
    if (w.endsWith(u's') && !w.endsWith(QStringLiteral("ss")) && w.size() > 3) return cut(1);
    if (w.endsWith(u'y') && w.size() > 4) return cut(1);
    return w;
}

QStringList words(const QString& text) {
    static const QRegularExpression word(QStringLiteral("[\\p{L}\\p{N}_]+"));
    QStringList out;
    auto it = word.globalMatch(text);
    while (it.hasNext()) out << it.next().captured(0).toLower();
    return out;
}

QString sourceLabel(const Passage& p) {
    const QString name = QFileInfo(p.path).fileName();
    if (p.page > 1 || p.path.endsWith(QStringLiteral(".pdf"), Qt::CaseInsensitive))
        return QStringLiteral("%1, page %2").arg(name).arg(p.page);
    if (p.lineStart == p.lineEnd) return QStringLiteral("%1, line %2").arg(name).arg(p.lineStart);
    return QStringLiteral("%1, lines %2-%3").arg(name).arg(p.lineStart).arg(p.lineEnd);
}

}  // namespace

DocsRetriever::DocsRetriever(DocsStore& store, RetrievalOptions options) : m_store(store), m_options(options) {}

QStringList DocsRetriever::queryTerms(const QString& text) {
    QStringList terms;
    for (const QString& w : words(text)) {
        // One letter ("s" of "Saturn's") would be a prefix of half the vocabulary.
        if (w.size() < 2 || stopWords().contains(w)) continue;
        const QString s = stem(w);
        if (!terms.contains(s)) terms << s;
    }
    return terms;
}

QString DocsRetriever::toMatchExpression(const QString& text) {
    QStringList parts;
    for (QString term : queryTerms(text)) {
        // The words come from a letters-and-digits regex, so there is no quote to double;
        // quoting still guarantees "and", "near" or "col:" are read as plain words.
        term.replace(u'"', QStringLiteral("\"\""));
        parts << u'"' + term + QStringLiteral("\"*");
    }
    return parts.join(QStringLiteral(" OR "));
}

double DocsRetriever::termCoverage(const QStringList& terms, const QString& text) {
    if (terms.isEmpty()) return 0.0;
    const QStringList w = words(text);
    int found = 0;
    for (const QString& t : terms) {
        if (std::any_of(w.begin(), w.end(), [&](const QString& x) { return x.startsWith(t); })) ++found;
    }
    return double(found) / double(terms.size());
}

int DocsRetriever::estimateTokens(const QString& text) {
    return int((text.size() + 3) / 4);
}

Result<QList<Passage>> DocsRetriever::denseSearch(const QList<qint64>& collectionIds, const QString& query) {
    QList<Passage> out;
    m_denseUsed = false;
    if (!m_embedder) return out;
    QList<qint64> usable;
    for (qint64 id : collectionIds) {
        const Result<DocCollection> c = m_store.collection(id);
        if (c && c.value().embeddingModel == m_embedder->modelPath()) usable << id;
    }
    if (usable.isEmpty()) return out;
    QList<QVector<float>> q;
    QString error;
    if (!m_embedder->embed({embedding::queryText(query)}, q, error) || q.isEmpty()) {
        // BM25 still answers; a broken embedding model must not take search down with it.
        qCWarning(lcDocs) << "query embedding failed:" << error;
        return out;
    }
    const Result<QList<QPair<qint64, QByteArray>>> vectors = m_store.vectors(usable);
    if (!vectors) return vectors.error();
    m_denseUsed = true;
    const qsizetype dim = q.first().size();
    for (const auto& [chunkId, blob] : vectors.value()) {
        if (blob.size() != dim * qsizetype(sizeof(float))) continue;
        const QVector<float> v = embedding::fromBlob(blob);
        Passage p;
        p.chunkId = chunkId;
        p.cosine = embedding::cosine(q.first().constData(), v.constData(), dim);
        out << p;
    }
    const qsizetype keep = std::min<qsizetype>(out.size(), m_options.denseCandidates);
    std::partial_sort(out.begin(), out.begin() + keep, out.end(),
                      [](const Passage& a, const Passage& b) { return a.cosine > b.cosine; });
    out.resize(keep);
    return out;
}

Result<QList<Passage>> DocsRetriever::search(const QList<qint64>& collectionIds, const QString& query, int topK) {
    const Result<QList<Bm25Hit>> bm25 =
        m_store.searchBm25(collectionIds, toMatchExpression(query), m_options.bm25Candidates);
    if (!bm25) return bm25.error();
    const Result<QList<Passage>> dense = denseSearch(collectionIds, query);
    if (!dense) return dense.error();
    // Reciprocal-rank fusion: ranks, not raw scores, because bm25 and cosine live on
    // unrelated scales.
    QHash<qint64, Passage> fused;
    for (qsizetype r = 0; r < bm25.value().size(); ++r) {
        Passage& p = fused[bm25.value()[r].chunkId];
        p.chunkId = bm25.value()[r].chunkId;
        p.bm25 = bm25.value()[r].bm25;
        p.score += 1.0 / double(m_options.rrfK + r + 1);
    }
    for (qsizetype r = 0; r < dense.value().size(); ++r) {
        Passage& p = fused[dense.value()[r].chunkId];
        p.chunkId = dense.value()[r].chunkId;
        p.cosine = dense.value()[r].cosine;
        p.score += 1.0 / double(m_options.rrfK + r + 1);
    }
    QList<Passage> ranked = fused.values();
    std::sort(ranked.begin(), ranked.end(), [](const Passage& a, const Passage& b) {
        return a.score != b.score ? a.score > b.score : a.chunkId < b.chunkId;
    });
    if (topK >= 0 && ranked.size() > topK) ranked.resize(topK);
    QList<qint64> ids;
    for (const Passage& p : ranked) ids << p.chunkId;
    Result<QList<Passage>> rows = m_store.passages(ids);
    if (!rows) return rows.error();
    const QStringList terms = queryTerms(query);
    QList<Passage> out = std::move(rows).value();
    for (qsizetype i = 0; i < out.size(); ++i) {
        const Passage& scored = fused[out[i].chunkId];
        out[i].score = scored.score;
        out[i].bm25 = scored.bm25;
        out[i].cosine = scored.cosine;
        out[i].termCoverage = termCoverage(terms, out[i].text);
    }
    return out;
}

bool DocsRetriever::isRelevant(const Passage& p) const {
    return (p.bm25 != 0.0 && p.termCoverage >= m_options.minTermCoverage) || p.cosine >= m_options.minCosine;
}

Result<DocsContext> DocsRetriever::buildContext(qint64 conversationId, const QString& question) {
    const Result<QList<qint64>> collections = m_store.collectionsOf(conversationId);
    if (!collections) return collections.error();
    if (collections.value().isEmpty()) return DocsContext{};
    return buildContextFor(collections.value(), question);
}

Result<DocsContext> DocsRetriever::buildContextFor(const QList<qint64>& collectionIds, const QString& question) {
    const Result<QList<Passage>> found = search(collectionIds, question, m_options.maxPassages * 2);
    if (!found) return found.error();
    DocsContext ctx;
    ctx.dense = m_denseUsed;
    const TokenCounter count = m_countTokens ? m_countTokens : TokenCounter(&DocsRetriever::estimateTokens);
    const QString instruction = QStringLiteral(
        "Answer the question from the numbered passages of the user's documents below. After each "
        "statement taken from a passage, cite it as [n]. If the passages do not contain the answer, "
        "say that the documents do not contain it; do not make an answer up.\n");
    QString text = instruction;
    int used = count(instruction);
    for (const Passage& p : found.value()) {
        if (ctx.citations.size() >= m_options.maxPassages) break;
        if (!isRelevant(p)) continue;
        const int number = int(ctx.citations.size()) + 1;
        const QString header = QStringLiteral("\n[%1] (%2)\n").arg(number).arg(sourceLabel(p));
        QString body = p.text;
        int cost = count(header) + count(body);
        if (used + cost > m_options.contextTokens) {
            if (!ctx.citations.isEmpty()) break;
            // The best passage alone is over budget: cut it rather than answer from nothing.
            const int room = std::max(0, m_options.contextTokens - used - count(header));
            body = body.left(qsizetype(room) * 3);
            cost = count(header) + count(body);
        }
        text += header + body + u'\n';
        used += cost;
        ctx.citations.append({number, p.path, p.page, p.lineStart, p.lineEnd, p.text, p.chunkId});
    }
    if (ctx.citations.isEmpty()) {
        ctx.nothingFound = true;
        ctx.message = QCoreApplication::translate(
            "Documents",
            "The attached documents contain nothing that answers this question, so Ponder will not answer "
            "from them.");
        return ctx;
    }
    ctx.promptAddition = text;
    ctx.tokensUsed = used;
    return ctx;
}

QList<Citation> DocsRetriever::citationsUsed(const QString& answer, const QList<Citation>& citations) {
    static const QRegularExpression group(QStringLiteral("\\[(\\d+(?:\\s*,\\s*\\d+)*)\\]"));
    QList<Citation> used;
    QSet<int> seen;
    auto it = group.globalMatch(answer);
    while (it.hasNext()) {
        const QStringList numbers = it.next().captured(1).split(u',');
        for (const QString& n : numbers) {
            const int k = n.trimmed().toInt();
            if (seen.contains(k)) continue;
            for (const Citation& c : citations) {
                if (c.number == k) {
                    used << c;
                    seen.insert(k);
                }
            }
        }
    }
    return used;
}
