#include "download_manager.h"

#include "model_downloader.h"
#include "models_log.h"

#include "gpu_choice.h"
#include "ponder/gpu.h"

#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

namespace {

QString partFile(const QString& dir, const CatalogPart& part) {
    return QDir(dir).filePath(part.fileName);
}

QString timeLeftText(qint64 seconds) {
    if (seconds < 60)
        return DownloadManager::tr("%1 s").arg(std::max<qint64>(seconds, 1));
    const qint64 minutes = (seconds + 59) / 60;
    if (minutes < 60)
        return DownloadManager::tr("%1 min").arg(minutes);
    return DownloadManager::tr("%1 h %2 min").arg(minutes / 60).arg(minutes % 60);
}

DownloadSpec specFor(const CatalogPart& part) {
    DownloadSpec s;
    s.url = part.url;
    s.fileName = part.fileName;
    s.expectedSize = part.sizeBytes;
    s.sizeExact = part.sizeExact;
    s.sha256 = part.sha256;
    return s;
}

}  // namespace

DownloadManager::DownloadManager(QObject* parent) : DownloadManager(QString(), parent) {}

DownloadManager::DownloadManager(const QString& modelsDir, QObject* parent) : QObject(parent) {
    m_catalog.setContextLength(m_contextLength);
    setCatalog(ModelCatalog::builtIn());
    if (!modelsDir.isEmpty())
        setModelsDir(modelsDir);
}

// Downloaders abort their transfers; .part files and sidecars stay for the next start.
DownloadManager::~DownloadManager() = default;

void DownloadManager::componentComplete() {
    m_complete = true;
    detectGpu();
}

void DownloadManager::setGpuChoice(int index) {
    if (index == m_gpuChoice)
        return;
    m_gpuChoice = index;
    m_gpuAsked = false;
    emit gpuChoiceChanged();
    if (m_complete)
        detectGpu();
}

void DownloadManager::setGpuChoiceName(const QString& name) {
    if (name == m_gpuChoiceName)
        return;
    m_gpuChoiceName = name;
    m_gpuAsked = false;
    emit gpuChoiceChanged();
    if (m_complete)
        detectGpu();
}

void DownloadManager::setModelsDir(const QString& dir) {
    if (dir == m_dir)
        return;
    // Running downloads write into the old folder; stop them (their .part files stay there).
    for (auto& [id, job] : m_jobs)
        job.downloader->pause();
    m_jobs.clear();
    m_dir = dir;
    m_local.setFolder(dir);
    refreshAllRows();
    emit modelsDirChanged();
    emit activeDownloadsChanged();
}

void DownloadManager::setContextLength(int tokens) {
    if (tokens <= 0 || tokens == m_contextLength)
        return;
    m_contextLength = tokens;
    m_catalog.setContextLength(tokens);
    emit contextLengthChanged();
}

void DownloadManager::setCatalog(const ModelCatalog& catalog) {
    m_jobs.clear();
    m_entries = catalog;
    m_catalog.setEntries(catalog.entries);
    QHash<QString, QPair<QString, QString>> names;
    for (const CatalogEntry& e : catalog.entries)
        names.insert(e.primaryFileName(), {e.id, e.name});
    m_local.setCatalogNames(names);
    refreshAllRows();
}

void DownloadManager::setGpu(const QString& name, qint64 deviceLocalBytes) {
    m_gpuName = name;
    m_gpuBytes = deviceLocalBytes;
    m_catalog.setDeviceBytes(deviceLocalBytes);
    emit gpuChanged();
}

void DownloadManager::setNetworkAccessManager(QNetworkAccessManager* nam) {
    m_nam = nam;
    for (auto& [id, job] : m_jobs)
        job.downloader->setNetworkAccessManager(nam);
}

void DownloadManager::detectGpu() {
    if (m_gpuAsked)
        return;
    m_gpuAsked = true;
    using Found = QPair<QString, qint64>;
    auto* watcher = new QFutureWatcher<Found>(this);
    const int query = ++m_gpuQuery;
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, query] {
        watcher->deleteLater();
        if (query != m_gpuQuery)
            return;
        const Found found = watcher->result();
        setGpu(found.first, found.second);
    });
    // Automatic and CPU only: the best device; a chosen one as the worker finds it.
    const int index = m_gpuChoice < 0 ? -1 : m_gpuChoice;
    const QString name = index < 0 ? QString() : m_gpuChoiceName;
    // Enumerating Vulkan devices loads drivers: quick, but not for the UI thread.
    watcher->setFuture(QtConcurrent::run([index, name]() -> Found {
        const auto gpus = ponder::listGpus();
        if (!gpus.ok()) {
            qCInfo(lcModels) << "no GPU for the fit estimates:" << QString::fromStdString(gpus.error().message);
            return {};
        }
        const auto gpu = resolveGpuChoice(gpus.value(), index, name);
        if (!gpu.ok())
            return {};
        return {QString::fromStdString(gpu->name), static_cast<qint64>(gpu->deviceLocalBytes)};
    }));
}

int DownloadManager::activeDownloads() const {
    int n = 0;
    for (const auto& [id, job] : m_jobs) {
        const auto st = job.downloader->state();
        n += st == ModelDownloader::State::Running || st == ModelDownloader::State::Preparing;
    }
    return n;
}

DownloadManager::Job& DownloadManager::jobFor(const CatalogEntry& entry) {
    auto it = m_jobs.find(entry.id);
    if (it != m_jobs.end())
        return it->second;
    Job& job = m_jobs[entry.id];
    job.entryId = entry.id;
    job.downloader = std::make_unique<ModelDownloader>(m_dir);
    if (m_nam)
        job.downloader->setNetworkAccessManager(m_nam);
    const QString id = entry.id;
    ModelDownloader* d = job.downloader.get();
    connect(d, &ModelDownloader::progressChanged, this, [this, id] { refreshRow(id); });
    connect(d, &ModelDownloader::stateChanged, this, [this, id] {
        refreshRow(id);
        emit activeDownloadsChanged();
    });
    // Queued: the next part starts after the downloader has finished emitting.
    connect(d, &ModelDownloader::finished, this, [this, id] { onPartFinished(id); }, Qt::QueuedConnection);
    connect(d, &ModelDownloader::failed, this, [this, id](const QString& message) { onPartFailed(id, message); });
    return job;
}

bool DownloadManager::start(const QString& entryId) {
    const CatalogEntry* entry = m_entries.find(entryId);
    if (!entry) {
        qCWarning(lcModels) << "start: no catalog entry" << entryId;
        return false;
    }
    if (m_dir.isEmpty()) {
        qCWarning(lcModels) << "start: no models folder set";
        return false;
    }
    Job& job = jobFor(*entry);
    const auto st = job.downloader->state();
    if (st == ModelDownloader::State::Running || st == ModelDownloader::State::Preparing)
        return true;
    // Parts finished earlier (before a pause or a restart) are not fetched again.
    job.part = 0;
    job.doneBytes = 0;
    while (job.part < entry->parts.size() && QFileInfo::exists(partFile(m_dir, entry->parts.at(job.part)))) {
        job.doneBytes += QFileInfo(partFile(m_dir, entry->parts.at(job.part))).size();
        ++job.part;
    }
    if (job.part == entry->parts.size()) {
        onPartFinished(entryId);
        return true;
    }
    return runPart(job);
}

bool DownloadManager::runPart(Job& job) {
    const CatalogEntry* entry = m_entries.find(job.entryId);
    const bool ok = job.downloader->start(specFor(entry->parts.at(job.part)));
    refreshRow(job.entryId);
    emit activeDownloadsChanged();
    return ok;
}

void DownloadManager::onPartFinished(const QString& entryId) {
    const CatalogEntry* entry = m_entries.find(entryId);
    auto it = m_jobs.find(entryId);
    if (!entry || it == m_jobs.end())
        return;
    Job& job = it->second;
    if (job.part < entry->parts.size() && QFileInfo::exists(partFile(m_dir, entry->parts.at(job.part)))) {
        job.doneBytes += QFileInfo(partFile(m_dir, entry->parts.at(job.part))).size();
        ++job.part;
    }
    if (job.part < entry->parts.size()) {
        runPart(job);
        return;
    }
    qCInfo(lcModels) << "catalog model downloaded:" << entryId;
    m_local.rescan();
    refreshRow(entryId);
    emit activeDownloadsChanged();
    emit downloadFinished(entryId, pathOf(entryId));
}

void DownloadManager::onPartFailed(const QString& entryId, const QString& message) {
    refreshRow(entryId);
    emit downloadFailed(entryId, message);
}

void DownloadManager::pause(const QString& entryId) {
    auto it = m_jobs.find(entryId);
    if (it != m_jobs.end())
        it->second.downloader->pause();
    refreshRow(entryId);
}

bool DownloadManager::resume(const QString& entryId) {
    // start() finds the .part and its sidecar and continues with a Range request.
    return start(entryId);
}

void DownloadManager::cancel(const QString& entryId) {
    const CatalogEntry* entry = m_entries.find(entryId);
    if (!entry)
        return;
    auto it = m_jobs.find(entryId);
    if (it != m_jobs.end())
        it->second.downloader->cancel();
    // Also partial files from an earlier session, which no downloader has open. Finished
    // parts of a split model stay: they are complete, checked files.
    for (const CatalogPart& p : entry->parts) {
        QFile::remove(DownloadSidecar::partPath(m_dir, p.fileName));
        DownloadSidecar::remove(m_dir, p.fileName);
    }
    refreshRow(entryId);
    emit activeDownloadsChanged();
}

void DownloadManager::rescan() {
    m_local.rescan();
    refreshAllRows();
}

QString DownloadManager::pathOf(const QString& entryId) const {
    const CatalogEntry* entry = m_entries.find(entryId);
    if (!entry || m_dir.isEmpty())
        return {};
    for (const CatalogPart& p : entry->parts)
        if (!QFileInfo::exists(partFile(m_dir, p)))
            return {};
    return partFile(m_dir, entry->parts.first());
}

CatalogModel::RowState DownloadManager::idleState(const CatalogEntry& entry) const {
    CatalogModel::RowState s;
    if (m_dir.isEmpty())
        return s;
    qint64 have = 0;
    bool complete = true, partial = false;
    for (const CatalogPart& p : entry.parts) {
        const QFileInfo done(partFile(m_dir, p));
        const QFileInfo part(DownloadSidecar::partPath(m_dir, p.fileName));
        if (done.exists()) {
            have += done.size();
            partial = true;
        } else {
            complete = false;
            if (part.exists()) {
                have += part.size();
                partial = true;
            }
        }
    }
    if (complete) {
        s.downloaded = true;
        s.progress = 1;
        s.status = tr("Downloaded");
        return s;
    }
    if (partial) {
        s.paused = true;
        const qint64 total = entry.totalBytes();
        s.progress = total > 0 ? std::clamp(static_cast<double>(have) / static_cast<double>(total), 0.0, 1.0) : 0;
        s.status = tr("Paused at %1 of %2.").arg(formatMemory(have), formatMemory(total));
    }
    return s;
}

QString DownloadManager::progressText(const Job& job, const CatalogEntry& entry) const {
    const ModelDownloader& d = *job.downloader;
    QString text;
    if (entry.parts.size() > 1)
        text = tr("Part %1 of %2: ").arg(job.part + 1).arg(entry.parts.size());
    if (d.state() == ModelDownloader::State::Preparing)
        return text + tr("checking the partial download…");
    text += tr("%1 of %2").arg(formatMemory(d.receivedBytes()), formatMemory(d.totalBytes()));
    if (d.bytesPerSecond() > 0)
        text += tr(" at %1/s").arg(formatMemory(static_cast<qint64>(d.bytesPerSecond())));
    const qint64 left = d.secondsLeft();
    if (left >= 0)
        text += tr(", about %1 left").arg(timeLeftText(left));
    return text;
}

CatalogModel::RowState DownloadManager::rowStateFor(const CatalogEntry& entry) const {
    CatalogModel::RowState s = idleState(entry);
    const auto it = m_jobs.find(entry.id);
    if (it == m_jobs.end())
        return s;
    const Job& job = it->second;
    const ModelDownloader& d = *job.downloader;
    const auto st = d.state();
    if (st == ModelDownloader::State::Running || st == ModelDownloader::State::Preparing) {
        s.downloading = true;
        s.paused = false;
        // The current part by the server's length when known, later parts by the catalog's.
        qint64 total = job.doneBytes + d.totalBytes();
        for (qsizetype i = job.part + 1; i < entry.parts.size(); ++i)
            total += entry.parts.at(i).sizeBytes;
        const qint64 have = job.doneBytes + d.receivedBytes();
        s.progress = total > 0 ? std::clamp(static_cast<double>(have) / static_cast<double>(total), 0.0, 1.0) : 0;
        s.status = progressText(job, entry);
    } else if (st == ModelDownloader::State::Failed) {
        s.error = d.errorString();
        s.status = s.error;
    }
    return s;
}

void DownloadManager::refreshRow(const QString& entryId) {
    const int row = m_catalog.rowOf(entryId);
    if (const CatalogEntry* entry = m_catalog.entryAt(row))
        m_catalog.setRowState(row, rowStateFor(*entry));
}

void DownloadManager::refreshAllRows() {
    for (int row = 0; row < m_catalog.count(); ++row)
        m_catalog.setRowState(row, rowStateFor(*m_catalog.entryAt(row)));
}
