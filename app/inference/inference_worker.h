/// @brief The one object that owns the engine. It lives on the inference thread and serves
/// requests in arrival order (the thread's event queue is the request queue).
#pragma once

#include <QObject>
#include <QString>
#include <atomic>
#include <memory>

#include "inference_types.h"
#include "ponder/result.h"

namespace ponder {
class Assistant;
}

class InferenceWorker : public QObject {
    Q_OBJECT

public:
    /// `cancel` is shared with the UI thread (see CancelState).
    explicit InferenceWorker(CancelState* cancel, QObject* parent = nullptr);
    ~InferenceWorker() override;

public slots:
    /// Opens the model on the GPU `gpuIndex` and `gpuName` name (GpuChoice, resolveGpuChoice),
    /// uploading the weights with
    /// progress. When the GPU cannot run it (no device, architecture not on Vulkan yet, too
    /// little device memory) it runs on the CPU instead and ModelSummary::deviceNote says why.
    void loadModel(const QString& path, int contextLength, int gpuIndex, const QString& gpuName);
    void unloadModel();
    /// Caps the device memory a model may use on the GPU (0: the device's own memory); applies
    /// from the next loadModel. A model over the cap runs on the CPU, as one too big for the GPU.
    void setGpuMemoryBudget(quint64 bytes);
    void generate(quint64 requestId, const QList<PromptMessage>& conversation, const GenerationSettings& settings);

signals:
    void loadStarted(const QString& path);
    void loadProgress(double fraction);  // 0..1 while the weights go to the GPU
    void modelLoaded(const ModelSummary& summary);
    void modelUnloaded();
    void loadFailed(const QString& path, const QString& message);

    void generationStarted(quint64 requestId);
    void reasoningDelta(quint64 requestId, const QString& text);
    void reasoningEnded(quint64 requestId, double seconds);
    void answerDelta(quint64 requestId, const QString& text);
    void generationFinished(quint64 requestId, const GenerationStats& stats);
    void generationFailed(quint64 requestId, const QString& message);

private:
    /// Tries the GPU; on success the assistant, else the reason it could not (for the note).
    ponder::Result<std::unique_ptr<ponder::Assistant>> openOnGpu(const QString& path, uint32_t contextLength,
                                                                 int gpuIndex, const QString& gpuName,
                                                                 QString* deviceName);

    CancelState* m_cancel;
    std::unique_ptr<ponder::Assistant> m_assistant;
    quint64 m_gpuMemoryBudget = 0;
};
