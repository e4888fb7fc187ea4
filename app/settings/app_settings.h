/// @brief The user's settings (sampling, context, GPU, theme, language, recent models), persisted.
#pragma once

#include <QtQml/qqmlregistration.h>
#include <QObject>
#include <QSettings>
#include <QStringList>

#include <memory>
#include <vector>

#include "inference_types.h"
#include "ponder/gpu.h"

/// Kept in `<data dir>/settings.ini`, beside the chats, so `--data-dir` moves everything and
/// tests never touch the user's own settings. Every setter writes through at once (a crash
/// loses nothing). Sampling values below zero mean "what the model file recommends".
class AppSettings : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The app creates its settings; QML gets them from the ChatController.")
    Q_PROPERTY(double temperature READ temperature WRITE setTemperature NOTIFY changed)
    Q_PROPERTY(int topK READ topK WRITE setTopK NOTIFY changed)
    Q_PROPERTY(double topP READ topP WRITE setTopP NOTIFY changed)
    Q_PROPERTY(double minP READ minP WRITE setMinP NOTIFY changed)
    Q_PROPERTY(double repeatPenalty READ repeatPenalty WRITE setRepeatPenalty NOTIFY changed)
    Q_PROPERTY(int maxTokens READ maxTokens WRITE setMaxTokens NOTIFY changed)
    Q_PROPERTY(int contextLength READ contextLength WRITE setContextLength NOTIFY changed)
    /// Index into gpuNames (the Vulkan device index); -1: let Ponder choose; -2: CPU only
    /// (GpuChoice in inference_types.h). Applies when a model is next opened.
    Q_PROPERTY(int gpuIndex READ gpuIndex WRITE setGpuIndex NOTIFY changed)
    Q_PROPERTY(QString gpuName READ gpuName NOTIFY changed)
    /// 0 follow the system, 1 light, 2 dark (the values of Theme.ColorScheme).
    Q_PROPERTY(int colorScheme READ colorScheme WRITE setColorScheme NOTIFY changed)
    /// "" (the system's), "en", "de" or "zh_CN".
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)
    /// Leave the reasoning panel open after the answer starts (it folds away by default).
    Q_PROPERTY(bool keepReasoningOpen READ keepReasoningOpen WRITE setKeepReasoningOpen NOTIFY changed)
    Q_PROPERTY(QStringList recentModels READ recentModels NOTIFY recentModelsChanged)
    Q_PROPERTY(QStringList gpuNames READ gpuNames NOTIFY gpusChanged)
    /// The device gpuIndex selects, for the About section ("llvmpipe (cpu, 2.0 GB)", or why
    /// none); empty until refreshGpus() has listed the devices.
    Q_PROPERTY(QString gpuInUse READ gpuInUse NOTIFY gpuInUseChanged)

public:
    static constexpr int kMaxRecentModels = 8;

    explicit AppSettings(const QString& dataDir, QObject* parent = nullptr);

    double temperature() const;
    void setTemperature(double v);
    int topK() const;
    void setTopK(int v);
    double topP() const;
    void setTopP(double v);
    double minP() const;
    void setMinP(double v);
    double repeatPenalty() const;
    void setRepeatPenalty(double v);
    int maxTokens() const;
    void setMaxTokens(int v);
    int contextLength() const;
    void setContextLength(int v);
    int gpuIndex() const;
    /// The name of the device gpuIndex chose, saved with it (see resolveGpuChoice); empty for
    /// automatic, CPU only, or a choice made before the devices were listed.
    QString gpuName() const;
    void setGpuIndex(int v);
    int colorScheme() const;
    void setColorScheme(int v);
    bool keepReasoningOpen() const;
    void setKeepReasoningOpen(bool v);
    QString language() const;
    void setLanguage(const QString& code);
    QStringList recentModels() const;
    QStringList gpuNames() const { return m_gpuNames; }
    QString gpuInUse() const;

    /// The sampling settings for a generation request.
    GenerationSettings generationSettings() const;
    /// Puts @p path first in the recent list (once), keeping kMaxRecentModels.
    Q_INVOKABLE void addRecentModel(const QString& path);
    Q_INVOKABLE void removeRecentModel(const QString& path);
    /// Back to "what the model recommends" for every sampling value.
    Q_INVOKABLE void resetSampling();
    /// Lists the Vulkan devices (engine listGpus()) on a worker thread: creating a Vulkan
    /// instance can take a noticeable moment, and the UI thread never waits on the engine.
    /// gpusChanged follows when the list differs.
    Q_INVOKABLE void refreshGpus();
    /// The languages offered, as {code, name} maps, names in their own language.
    Q_INVOKABLE QVariantList languages() const;

signals:
    void changed();
    void languageChanged();
    void recentModelsChanged();
    void gpusChanged();
    void gpuInUseChanged();

private:
    void write(const char* key, const QVariant& value);

    using GpuList = ponder::Result<std::vector<ponder::GpuInfo>>;
    void setGpus(std::shared_ptr<const GpuList> gpus);

    QSettings m_settings;
    QStringList m_gpuNames;
    std::shared_ptr<const GpuList> m_gpus;  // null until listed
    bool m_listing = false;
};
