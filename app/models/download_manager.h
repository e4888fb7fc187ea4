/// @brief The Models page's controller: catalog, "fits your GPU?", downloads, local files.
#pragma once

#include "catalog_model.h"
#include "local_models_model.h"
#include "model_catalog.h"

#include <QtQml/qqmlparserstatus.h>
#include <QtQml/qqmlregistration.h>
#include <QObject>

#include <map>
#include <memory>

class ModelDownloader;
class QNetworkAccessManager;

/// Owns the catalog and local-model lists and runs downloads, one downloader per catalog
/// entry, the parts of a split model one after the other. Nothing touches the network
/// until start() or resume() is called for an entry (a user's click). Created from QML it
/// asks the engine for the GPU once, off the UI thread, for the fit estimates.
class DownloadManager : public QObject, public QQmlParserStatus {
    Q_OBJECT
    QML_ELEMENT
    Q_INTERFACES(QQmlParserStatus)
    /// Where models are downloaded to and scanned from (AppPaths' data dir + "/models").
    Q_PROPERTY(QString modelsDir READ modelsDir WRITE setModelsDir NOTIFY modelsDirChanged)
    Q_PROPERTY(CatalogModel* catalog READ catalog CONSTANT)
    Q_PROPERTY(LocalModelsModel* localModels READ localModels CONSTANT)
    /// The context length the fit estimates plan for.
    Q_PROPERTY(int contextLength READ contextLength WRITE setContextLength NOTIFY contextLengthChanged)
    Q_PROPERTY(QString gpuName READ gpuName NOTIFY gpuChanged)
    Q_PROPERTY(double gpuMemoryBytes READ gpuMemoryBytesAsNumber NOTIFY gpuChanged)
    Q_PROPERTY(int activeDownloads READ activeDownloads NOTIFY activeDownloadsChanged)
    /// The settings' GPU choice (AppSettings::gpuIndex and gpuName): the estimates are for
    /// that device. Automatic and CPU only compare with the engine's best device.
    Q_PROPERTY(int gpuChoice READ gpuChoice WRITE setGpuChoice NOTIFY gpuChoiceChanged)
    Q_PROPERTY(QString gpuChoiceName READ gpuChoiceName WRITE setGpuChoiceName NOTIFY gpuChoiceChanged)

public:
    explicit DownloadManager(QObject* parent = nullptr);
    explicit DownloadManager(const QString& modelsDir, QObject* parent = nullptr);
    ~DownloadManager() override;

    void classBegin() override {}
    void componentComplete() override;

    QString modelsDir() const { return m_dir; }
    void setModelsDir(const QString& dir);
    CatalogModel* catalog() { return &m_catalog; }
    LocalModelsModel* localModels() { return &m_local; }
    int contextLength() const { return m_contextLength; }
    void setContextLength(int tokens);
    QString gpuName() const { return m_gpuName; }
    qint64 gpuMemoryBytes() const { return m_gpuBytes; }
    double gpuMemoryBytesAsNumber() const { return static_cast<double>(m_gpuBytes); }
    int activeDownloads() const;
    int gpuChoice() const { return m_gpuChoice; }
    void setGpuChoice(int index);
    QString gpuChoiceName() const { return m_gpuChoiceName; }
    void setGpuChoiceName(const QString& name);

    /// Replaces the built-in catalog (tests point entries at a local server).
    void setCatalog(const ModelCatalog& catalog);
    /// The device to compare with; detectGpu() calls this with the engine's choice.
    void setGpu(const QString& name, qint64 deviceLocalBytes);
    /// Uses this access manager for every download (made on first use otherwise).
    void setNetworkAccessManager(QNetworkAccessManager* nam);

    Q_INVOKABLE bool start(const QString& entryId);
    Q_INVOKABLE void pause(const QString& entryId);
    Q_INVOKABLE bool resume(const QString& entryId);
    /// Stops the download and deletes its partial files.
    Q_INVOKABLE void cancel(const QString& entryId);
    Q_INVOKABLE void rescan();
    /// Asks the engine for the chosen (or best) Vulkan device, on a worker thread, once per
    /// choice.
    Q_INVOKABLE void detectGpu();
    /// Path of a downloaded entry's file (the first part of a split model), else empty.
    Q_INVOKABLE QString pathOf(const QString& entryId) const;

signals:
    void modelsDirChanged();
    void contextLengthChanged();
    void gpuChanged();
    void gpuChoiceChanged();
    void activeDownloadsChanged();
    void downloadFinished(const QString& entryId, const QString& path);
    void downloadFailed(const QString& entryId, const QString& message);

private:
    struct Job {
        QString entryId;
        int part = 0;              ///< index of the part being downloaded
        qint64 doneBytes = 0;      ///< bytes of the parts already finished
        std::unique_ptr<ModelDownloader> downloader;
    };
    Job& jobFor(const CatalogEntry& entry);
    bool runPart(Job& job);
    void onPartFinished(const QString& entryId);
    void onPartFailed(const QString& entryId, const QString& message);
    void refreshRow(const QString& entryId);
    void refreshAllRows();
    CatalogModel::RowState rowStateFor(const CatalogEntry& entry) const;
    CatalogModel::RowState idleState(const CatalogEntry& entry) const;
    QString progressText(const Job& job, const CatalogEntry& entry) const;

    QString m_dir;
    CatalogModel m_catalog;
    LocalModelsModel m_local;
    ModelCatalog m_entries;
    std::map<QString, Job> m_jobs;  // std::map: Job is move-only
    QNetworkAccessManager* m_nam = nullptr;
    int m_contextLength = 8192;
    QString m_gpuName;
    qint64 m_gpuBytes = 0;
    bool m_gpuAsked = false;
    bool m_complete = false;  // QML finished setting the initial properties
    int m_gpuChoice = -1;
    QString m_gpuChoiceName;
    int m_gpuQuery = 0;  // answers to an older choice are dropped
};
