#include "inference_service.h"

#include <QMetaObject>

#include "inference_worker.h"

InferenceService::InferenceService(QObject* parent) : QObject(parent) {
    qRegisterMetaType<PromptMessage>();
    qRegisterMetaType<QList<PromptMessage>>();
    qRegisterMetaType<GenerationSettings>();
    qRegisterMetaType<ModelSummary>();
    qRegisterMetaType<GenerationStats>();

    m_thread.setObjectName(QStringLiteral("ponder-inference"));
    m_worker = new InferenceWorker(&m_cancel);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);

    // Relays: the worker's signals cross to this (UI) thread as queued calls.
    connect(m_worker, &InferenceWorker::loadStarted, this, &InferenceService::loadStarted);
    connect(m_worker, &InferenceWorker::loadProgress, this, &InferenceService::loadProgress);
    connect(m_worker, &InferenceWorker::modelLoaded, this, &InferenceService::modelLoaded);
    connect(m_worker, &InferenceWorker::modelUnloaded, this, &InferenceService::modelUnloaded);
    connect(m_worker, &InferenceWorker::loadFailed, this, &InferenceService::loadFailed);
    connect(m_worker, &InferenceWorker::generationStarted, this, &InferenceService::generationStarted);
    connect(m_worker, &InferenceWorker::reasoningDelta, this, &InferenceService::reasoningDelta);
    connect(m_worker, &InferenceWorker::reasoningEnded, this, &InferenceService::reasoningEnded);
    connect(m_worker, &InferenceWorker::answerDelta, this, &InferenceService::answerDelta);
    connect(m_worker, &InferenceWorker::generationFinished, this, &InferenceService::generationFinished);
    connect(m_worker, &InferenceWorker::generationFailed, this, &InferenceService::generationFailed);
    m_thread.start();
}

InferenceService::~InferenceService() {
    cancel();
    m_thread.quit();
    m_thread.wait();
}

void InferenceService::loadModel(const QString& path, int contextLength, int gpuIndex, const QString& gpuName) {
    cancel();  // a generation still running or queued would only delay the load
    QMetaObject::invokeMethod(m_worker, "loadModel", Qt::QueuedConnection, Q_ARG(QString, path),
                              Q_ARG(int, contextLength), Q_ARG(int, gpuIndex), Q_ARG(QString, gpuName));
}

void InferenceService::unloadModel() {
    cancel();
    QMetaObject::invokeMethod(m_worker, "unloadModel", Qt::QueuedConnection);
}

void InferenceService::setGpuMemoryBudget(quint64 bytes) {
    QMetaObject::invokeMethod(m_worker, "setGpuMemoryBudget", Qt::QueuedConnection, Q_ARG(quint64, bytes));
}

quint64 InferenceService::generate(const QList<PromptMessage>& conversation, const GenerationSettings& settings) {
    const quint64 id = m_nextRequest++;
    QMetaObject::invokeMethod(m_worker, "generate", Qt::QueuedConnection, Q_ARG(quint64, id),
                              Q_ARG(QList<PromptMessage>, conversation), Q_ARG(GenerationSettings, settings));
    return id;
}

void InferenceService::cancel() {
    m_cancel.through.store(m_nextRequest - 1);
    m_cancel.current.store(true);
}
