/// @brief The UI thread's handle on the inference worker: starts its thread, queues
/// requests, cancels without waiting, and relays the worker's signals (queued).
#pragma once

#include <QList>
#include <QObject>
#include <QThread>

#include "inference_types.h"

class InferenceWorker;

class InferenceService : public QObject {
    Q_OBJECT

public:
    explicit InferenceService(QObject* parent = nullptr);
    /// Stops any generation, lets the worker finish its current token and joins the thread.
    ~InferenceService() override;

    /// gpuIndex: a device index or a GpuChoice value; gpuName: the name saved with the index
    /// (see InferenceWorker::loadModel and resolveGpuChoice).
    void loadModel(const QString& path, int contextLength = 0, int gpuIndex = GpuChoice::Automatic,
                   const QString& gpuName = {});
    void unloadModel();
    /// See InferenceWorker::setGpuMemoryBudget (0: the whole device); for the next load.
    void setGpuMemoryBudget(quint64 bytes);
    /// Queues a generation; returns its id (the id every signal about it carries).
    quint64 generate(const QList<PromptMessage>& conversation, const GenerationSettings& settings);
    /// Stops the running generation between two tokens. Never blocks.
    void cancel();

signals:
    void loadStarted(const QString& path);
    void loadProgress(double fraction);
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
    QThread m_thread;
    InferenceWorker* m_worker = nullptr;  // lives on m_thread, deleted when it finishes
    CancelState m_cancel;
    quint64 m_nextRequest = 1;
};
