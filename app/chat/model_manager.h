/// @brief The loaded model as the UI sees it: open, loading state, facts, errors.
#pragma once

#include <QtQml/qqmlregistration.h>
#include <QObject>

#include "inference_types.h"

class AppSettings;
class InferenceService;

/// Loads models through the inference service and keeps what is known about the current one
/// for the model panel (from ModelSummary). Load errors arrive as the engine's human sentence.
class ModelManager : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Part of the ChatController.")
    Q_PROPERTY(bool loading READ loading NOTIFY stateChanged)
    Q_PROPERTY(bool loaded READ loaded NOTIFY stateChanged)
    /// The file being loaded, or the loaded one.
    Q_PROPERTY(QString path READ path NOTIFY stateChanged)
    Q_PROPERTY(QString fileName READ fileName NOTIFY stateChanged)
    /// Why the last load failed (a sentence); empty after a successful load.
    Q_PROPERTY(QString error READ error NOTIFY stateChanged)
    Q_PROPERTY(QString name READ name NOTIFY stateChanged)
    Q_PROPERTY(QString architecture READ architecture NOTIFY stateChanged)
    Q_PROPERTY(QString fileSizeText READ fileSizeText NOTIFY stateChanged)
    Q_PROPERTY(QString parametersText READ parametersText NOTIFY stateChanged)
    Q_PROPERTY(QString activeParametersText READ activeParametersText NOTIFY stateChanged)
    Q_PROPERTY(int experts READ experts NOTIFY stateChanged)
    Q_PROPERTY(int expertsUsed READ expertsUsed NOTIFY stateChanged)
    Q_PROPERTY(QString quantization READ quantization NOTIFY stateChanged)
    Q_PROPERTY(int contextLength READ contextLength NOTIFY stateChanged)
    Q_PROPERTY(int trainedContextLength READ trainedContextLength NOTIFY stateChanged)
    Q_PROPERTY(QString chatFormat READ chatFormat NOTIFY stateChanged)
    /// What runs the model: the GPU's name or "CPU"; deviceNote says why not the GPU.
    Q_PROPERTY(QString device READ device NOTIFY stateChanged)
    Q_PROPERTY(QString deviceNote READ deviceNote NOTIFY stateChanged)
    /// 0..1 while the weights are uploaded to the GPU; -1 when not known (CPU, or not begun).
    Q_PROPERTY(double loadProgress READ loadProgress NOTIFY loadProgressChanged)
    /// The GPU stopped responding and the worker closed the model (the chats are intact);
    /// reopen() offers it again, on the GPU or the CPU. Cleared by the next open.
    Q_PROPERTY(bool gpuLost READ gpuLost NOTIFY stateChanged)

public:
    ModelManager(InferenceService& service, AppSettings& settings, QObject* parent = nullptr);

    /// Loads a GGUF file; @p pathOrUrl may be a path or a file: URL (from a FileDialog).
    Q_INVOKABLE void open(const QString& pathOrUrl);
    Q_INVOKABLE void unload();
    /// Opens the last model again: on the GPU the settings choose, or with @p onCpu on the
    /// CPU for this once (after a lost GPU, without changing the setting).
    Q_INVOKABLE void reopen(bool onCpu);

    bool loading() const { return m_loading; }
    bool loaded() const { return m_loaded; }
    QString path() const { return m_path; }
    QString fileName() const;
    QString error() const { return m_error; }
    QString name() const { return m_summary.name; }
    QString architecture() const { return m_summary.architecture; }
    QString fileSizeText() const;
    QString parametersText() const;
    QString activeParametersText() const;
    int experts() const { return m_summary.experts; }
    int expertsUsed() const { return m_summary.expertsUsed; }
    QString quantization() const { return m_summary.quantization; }
    int contextLength() const { return m_summary.contextLength; }
    int trainedContextLength() const { return m_summary.trainedContextLength; }
    QString chatFormat() const { return m_summary.chatFormat; }
    QString device() const { return m_summary.device; }
    QString deviceNote() const { return m_summary.deviceNote; }
    double loadProgress() const { return m_loadProgress; }
    bool gpuLost() const { return m_gpuLost; }

    /// "1.5 B", "640 M": parameter counts the way model cards write them.
    static QString formatCount(qint64 n);

signals:
    void stateChanged();
    void loadProgressChanged();
    void modelLoaded();
    void loadFailed(const QString& message);

private:
    void onLoaded(const ModelSummary& summary);
    void onFailed(const QString& path, const QString& message);
    void onUnloaded();
    void load(const QString& path, int gpuIndex);
    void setLoadProgress(double fraction);

    InferenceService& m_service;
    AppSettings& m_settings;
    bool m_loading = false;
    bool m_loaded = false;
    QString m_path;
    QString m_error;
    ModelSummary m_summary;
    double m_loadProgress = -1;
    bool m_gpuLost = false;
};
