#include "chunk_embedder.h"

#include "docs_log.h"

#include <QtEndian>

#include <string>
#include <vector>

#include "ponder/embedding.h"

EngineEmbedder::EngineEmbedder(QString path, std::unique_ptr<ponder::Embedder> engine)
    : m_path(std::move(path)), m_engine(std::move(engine)) {}

EngineEmbedder::~EngineEmbedder() = default;

std::unique_ptr<EngineEmbedder> EngineEmbedder::open(const QString& modelPath, QString& error, int maxTokens,
                                                     bool preferGpu) {
    ponder::EmbedderOptions options;
    options.maxTokens = uint32_t(std::max(2, maxTokens));
    if (preferGpu) {
        options.backend = ponder::Backend::Vulkan;
        auto gpu = ponder::Embedder::open(modelPath.toStdString(), options);
        if (gpu) {
            auto e = std::unique_ptr<EngineEmbedder>(new EngineEmbedder(modelPath, std::move(*gpu)));
            e->m_gpu = true;
            return e;
        }
        // No GPU, too little memory or an architecture the Vulkan backend lacks: the CPU
        // still works, only slower.
        qCInfo(lcDocs) << "embedding on the CPU:" << QString::fromStdString(gpu.error().message);
        options.backend = ponder::Backend::Cpu;
    }
    auto engine = ponder::Embedder::open(modelPath.toStdString(), options);
    if (!engine) {
        error = QString::fromStdString(engine.error().message);
        qCWarning(lcDocs) << "embedding model" << modelPath << "not usable:" << error;
        return nullptr;
    }
    return std::unique_ptr<EngineEmbedder>(new EngineEmbedder(modelPath, std::move(*engine)));
}

int EngineEmbedder::dimension() const {
    return int(m_engine->dimension());
}

bool EngineEmbedder::embed(const QStringList& texts, QList<QVector<float>>& out, QString& error) {
    std::vector<std::string> batch;
    batch.reserve(size_t(texts.size()));
    for (const QString& t : texts) batch.push_back(t.toStdString());
    auto result = m_engine->embed(batch);
    if (!result) {
        error = QString::fromStdString(result.error().message);
        return false;
    }
    const qsizetype dim = dimension();
    out.clear();
    for (qsizetype i = 0; i < texts.size(); ++i) {
        const float* row = result->data() + i * dim;
        out.append(QVector<float>(row, row + dim));
    }
    return true;
}

namespace embedding {

QByteArray toBlob(const QVector<float>& v) {
    QByteArray blob(v.size() * qsizetype(sizeof(float)), Qt::Uninitialized);
    for (qsizetype i = 0; i < v.size(); ++i) qToLittleEndian(v[i], blob.data() + i * sizeof(float));
    return blob;
}

QVector<float> fromBlob(const QByteArray& blob) {
    QVector<float> v(blob.size() / qsizetype(sizeof(float)));
    for (qsizetype i = 0; i < v.size(); ++i) v[i] = qFromLittleEndian<float>(blob.constData() + i * sizeof(float));
    return v;
}

float cosine(const float* a, const float* b, qsizetype n) {
    float dot = 0.0f;
    for (qsizetype i = 0; i < n; ++i) dot += a[i] * b[i];
    return dot;
}

QString queryText(const QString& question) {
    // The query format of the Qwen3-Embedding model card; documents are embedded as they are.
    return QStringLiteral("Instruct: Given a question, retrieve passages of the user's documents that answer it\nQuery:") +
           question;
}

}  // namespace embedding
