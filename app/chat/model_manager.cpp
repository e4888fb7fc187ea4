#include "model_manager.h"

#include <QFileInfo>
#include <QLocale>
#include <QUrl>

#include "app_settings.h"
#include "chat_log.h"
#include "inference_service.h"

ModelManager::ModelManager(InferenceService& service, AppSettings& settings, QObject* parent)
    : QObject(parent), m_service(service), m_settings(settings) {
    connect(&m_service, &InferenceService::modelLoaded, this, &ModelManager::onLoaded);
    connect(&m_service, &InferenceService::loadFailed, this, &ModelManager::onFailed);
    connect(&m_service, &InferenceService::modelUnloaded, this, &ModelManager::onUnloaded);
    connect(&m_service, &InferenceService::loadProgress, this, &ModelManager::setLoadProgress);
}

void ModelManager::open(const QString& pathOrUrl) {
    const QUrl url(pathOrUrl);
    const QString path = url.isLocalFile() ? url.toLocalFile() : pathOrUrl;
    if (path.isEmpty()) return;
    load(path, m_settings.gpuIndex());
}

void ModelManager::reopen(bool onCpu) {
    if (m_path.isEmpty() || m_loading) return;
    load(m_path, onCpu ? GpuChoice::CpuOnly : m_settings.gpuIndex());
}

void ModelManager::load(const QString& path, int gpuIndex) {
    m_loading = true;
    m_loaded = false;  // the worker frees the old model before loading the new one
    m_gpuLost = false;
    m_path = QFileInfo(path).absoluteFilePath();
    m_error.clear();
    m_summary = {};
    setLoadProgress(-1);
    emit stateChanged();
    // The saved name goes along: it finds the chosen GPU again if the device order changed.
    m_service.loadModel(m_path, m_settings.contextLength(), gpuIndex,
                        gpuIndex >= 0 ? m_settings.gpuName() : QString());
}

void ModelManager::unload() {
    m_service.unloadModel();
    m_loading = false;
    m_loaded = false;
    m_summary = {};
    emit stateChanged();
}

QString ModelManager::fileName() const { return QFileInfo(m_path).fileName(); }

QString ModelManager::fileSizeText() const {
    return m_summary.fileBytes > 0 ? QLocale().formattedDataSize(m_summary.fileBytes) : QString();
}

QString ModelManager::parametersText() const { return formatCount(m_summary.parameters); }
QString ModelManager::activeParametersText() const { return formatCount(m_summary.activeParameters); }

QString ModelManager::formatCount(qint64 n) {
    if (n <= 0) return {};
    const QLocale locale;
    if (n >= 1'000'000'000) return locale.toString(double(n) / 1e9, 'f', 1) + QStringLiteral(" B");
    if (n >= 1'000'000) return locale.toString(double(n) / 1e6, 'f', 1) + QStringLiteral(" M");
    if (n >= 1'000) return locale.toString(double(n) / 1e3, 'f', 1) + QStringLiteral(" K");
    return locale.toString(n);
}

void ModelManager::setLoadProgress(double fraction) {
    if (fraction == m_loadProgress) return;
    m_loadProgress = fraction;
    emit loadProgressChanged();
}

void ModelManager::onUnloaded() {
    // unload() clears m_loaded first, so a model still marked loaded here was dropped by the
    // worker itself, which it does only when the GPU is lost.
    if (m_loading || !m_loaded) return;
    m_loaded = false;
    m_gpuLost = true;
    emit stateChanged();
}

void ModelManager::onLoaded(const ModelSummary& summary) {
    setLoadProgress(-1);
    m_loading = false;
    m_loaded = true;
    m_summary = summary;
    m_path = summary.path;
    m_error.clear();
    m_settings.addRecentModel(summary.path);
    qCInfo(lcChat) << "model loaded:" << summary.name << summary.architecture << "on" << summary.device;
    emit stateChanged();
    emit modelLoaded();
}

void ModelManager::onFailed(const QString& path, const QString& message) {
    // A failure for a file we no longer wait for (the user opened another) changes nothing.
    if (QFileInfo(path).absoluteFilePath() != m_path) return;
    setLoadProgress(-1);
    m_loading = false;
    m_loaded = false;
    m_error = message;
    emit stateChanged();
    emit loadFailed(message);
}
