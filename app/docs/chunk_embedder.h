/// @brief Embeddings for the document index: the interface the indexer and retriever use,
/// and its implementation on the engine's Embedder (Qwen3-Embedding GGUF, CPU).
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVector>

#include <memory>

namespace ponder {
class Embedder;
}

class ChunkEmbedder {
public:
    virtual ~ChunkEmbedder() = default;
    /// The GGUF the vectors come from; vectors of different models are never mixed.
    virtual QString modelPath() const = 0;
    virtual int dimension() const = 0;
    /// One unit vector per text, in order. False with @p error set on failure.
    virtual bool embed(const QStringList& texts, QList<QVector<float>>& out, QString& error) = 0;
};

/// Not thread-safe: the thread that indexes (or answers) owns its own instance.
class EngineEmbedder : public ChunkEmbedder {
public:
    /// Loads the model; null with @p error set when it cannot be used for embeddings. With
    /// @p preferGpu the Vulkan backend runs it, and the CPU when no GPU can (logged).
    static std::unique_ptr<EngineEmbedder> open(const QString& modelPath, QString& error, int maxTokens = 512,
                                                bool preferGpu = false);
    ~EngineEmbedder() override;

    QString modelPath() const override { return m_path; }
    int dimension() const override;
    /// Whether the Vulkan backend computes the vectors.
    bool onGpu() const { return m_gpu; }
    bool embed(const QStringList& texts, QList<QVector<float>>& out, QString& error) override;

private:
    EngineEmbedder(QString path, std::unique_ptr<ponder::Embedder> engine);
    QString m_path;
    std::unique_ptr<ponder::Embedder> m_engine;
    bool m_gpu = false;
};

namespace embedding {

/// Float32 little-endian, as stored in chunks.embedding.
QByteArray toBlob(const QVector<float>& v);
QVector<float> fromBlob(const QByteArray& blob);
/// Dot product of two unit vectors = cosine; 0 when the lengths differ.
float cosine(const float* a, const float* b, qsizetype n);
/// Qwen3-Embedding embeds queries with an instruction and documents without one.
QString queryText(const QString& question);

}  // namespace embedding
