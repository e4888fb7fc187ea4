/// @brief The one object that owns the engine. It lives on the inference thread and serves
/// requests in arrival order (the thread's event queue is the request queue).
#pragma once

#include <QObject>
#include <QString>
#include <atomic>
#include <memory>

#include "inference_types.h"

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
    void loadModel(const QString& path, int contextLength);
    void unloadModel();
    void generate(quint64 requestId, const QList<PromptMessage>& conversation, const GenerationSettings& settings);

signals:
    void loadStarted(const QString& path);
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
    CancelState* m_cancel;
    std::unique_ptr<ponder::Assistant> m_assistant;
};
