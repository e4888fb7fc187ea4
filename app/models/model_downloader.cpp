#include "model_downloader.h"

#include "fit_estimate.h"
#include "models_log.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QStorageInfo>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <cmath>

namespace {

constexpr qint64 kReadChunk = 4 * 1024 * 1024;
constexpr qint64 kSpeedWindowMs = 5000;
constexpr qint64 kProgressEveryMs = 200;

// Sizes the catalog only knows roughly ("4.68 GB" on the Hub) still catch a wrong file:
// an error page or another model is rarely within half to one and a half times the size.
bool roughlyExpected(qint64 actual, qint64 expected) {
    return actual * 2 >= expected && actual * 2 <= expected * 3;
}

}  // namespace

/// Result of hashing an existing .part before resuming it (done off the UI thread: a
/// 10 GB part takes many seconds to read).
struct ModelDownloader::Rehash {
    std::unique_ptr<QCryptographicHash> hash;
    qint64 bytes = 0;
    QString error;
};

ModelDownloader::ModelDownloader(const QString& dir, QObject* parent) : QObject(parent), m_dir(dir) {
    m_clock.start();
}

ModelDownloader::~ModelDownloader() {
    stopRehash();
    dropReply();
    m_file.close();
}

void ModelDownloader::setNetworkAccessManager(QNetworkAccessManager* nam) {
    m_nam = nam;
}

QNetworkAccessManager* ModelDownloader::nam() {
    if (!m_nam) {
        // Constructing the manager does not touch the network; only get() does.
        m_ownNam = std::make_unique<QNetworkAccessManager>();
        m_nam = m_ownNam.get();
    }
    return m_nam;
}

qint64 ModelDownloader::totalBytes() const {
    return m_spec.serverSize >= 0 ? m_spec.serverSize : m_spec.expectedSize;
}

qint64 ModelDownloader::secondsLeft() const {
    const qint64 total = totalBytes();
    if (total <= 0 || m_speed <= 0 || m_state != State::Running)
        return -1;
    return static_cast<qint64>(std::ceil(static_cast<double>(std::max<qint64>(total - m_received, 0)) / m_speed));
}

QString ModelDownloader::finalPath() const {
    return QDir(m_dir).filePath(m_spec.fileName);
}

bool ModelDownloader::refuse(const QString& message) {
    m_error = message;
    qCWarning(lcModels) << "download refused:" << message;
    setState(State::Failed);
    emit failed(message);
    return false;
}

bool ModelDownloader::start(const DownloadSpec& specIn) {
    if (m_state == State::Running || m_state == State::Preparing)
        return true;
    m_error.clear();
    m_restartedFromZero = false;
    const QString scheme = specIn.url.scheme();
    if (!specIn.url.isValid() || specIn.url.host().isEmpty() ||
        (scheme != QLatin1String("https") && scheme != QLatin1String("http")))
        return refuse(tr("Only http and https addresses can be downloaded, not “%1”.").arg(specIn.url.toDisplayString()));
    if (!isSafeModelFileName(specIn.fileName))
        return refuse(tr("“%1” is not a model file name Ponder will write.").arg(specIn.fileName));
    if (!QDir().mkpath(m_dir))
        return refuse(tr("The models folder %1 could not be created.").arg(QDir::toNativeSeparators(m_dir)));

    m_spec = specIn;
    m_spec.sha256 = m_spec.sha256.toLower();
    m_received = 0;
    if (QFileInfo::exists(finalPath())) {
        setState(State::Finished);
        emit finished(finalPath());
        return true;
    }

    const QString part = DownloadSidecar::partPath(m_dir, m_spec.fileName);
    qint64 partBytes = 0;
    if (QFileInfo::exists(part)) {
        // Only continue bytes known to come from this very URL and checksum; a stray .part
        // (older catalog, renamed file) would silently corrupt the result.
        const auto side = DownloadSidecar::read(m_dir, m_spec.fileName);
        if (side && side->url == m_spec.url && side->sha256 == m_spec.sha256) {
            partBytes = QFileInfo(part).size();
            m_spec.serverSize = side->serverSize;
        } else {
            qCInfo(lcModels) << "discarding a .part that belongs to another download:" << part;
            QFile::remove(part);
        }
    }

    const qint64 expected = totalBytes();
    const QStorageInfo disk(m_dir);
    if (expected > 0 && disk.isValid() && disk.bytesAvailable() >= 0 && expected - partBytes > disk.bytesAvailable())
        return refuse(tr("Not enough free disk space: the download needs %1 more, but only %2 is free in %3.")
                          .arg(formatMemory(expected - partBytes), formatMemory(disk.bytesAvailable()),
                               QDir::toNativeSeparators(m_dir)));

    QString error;
    if (!DownloadSidecar::write(m_dir, m_spec, &error))
        return refuse(tr("Could not write the download's notes in %1: %2").arg(QDir::toNativeSeparators(m_dir), error));
    beginFromPart(partBytes);
    return true;
}

bool ModelDownloader::resume(const QString& fileName) {
    const auto side = DownloadSidecar::read(m_dir, fileName);
    if (!side)
        return refuse(tr("There is no interrupted download of %1 to resume.").arg(fileName));
    return start(*side);
}

void ModelDownloader::beginFromPart(qint64 partBytes) {
    stopRehash();  // a rehash still running for an earlier start
    const quint64 generation = m_generation;
    setState(State::Preparing);
    const bool wantHash = !m_spec.sha256.isEmpty();
    if (partBytes == 0 || !wantHash) {
        auto r = std::make_shared<Rehash>();
        r->bytes = partBytes;
        if (wantHash)
            r->hash = std::make_unique<QCryptographicHash>(QCryptographicHash::Sha256);
        onRehashed(generation, r);
        return;
    }
    // The hash of the bytes already on disk has to be rebuilt before new bytes are added.
    auto* watcher = new QFutureWatcher<std::shared_ptr<Rehash>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        onRehashed(generation, watcher->result());
    });
    const QString path = DownloadSidecar::partPath(m_dir, m_spec.fileName);
    // Pause, cancel or quitting stop the hashing too (the thread pool waits for it at exit).
    m_rehashCancel = std::make_shared<std::atomic_bool>(false);
    watcher->setFuture(QtConcurrent::run([path, partBytes, stop = m_rehashCancel] {
        auto r = std::make_shared<Rehash>();
        r->hash = std::make_unique<QCryptographicHash>(QCryptographicHash::Sha256);
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            r->error = f.errorString();
            return r;
        }
        while (r->bytes < partBytes && !*stop) {
            const QByteArray chunk = f.read(std::min(kReadChunk, partBytes - r->bytes));
            if (chunk.isEmpty())
                break;  // shorter than it was a moment ago; resume from what is there
            r->hash->addData(chunk);
            r->bytes += chunk.size();
        }
        return r;
    }));
}

void ModelDownloader::onRehashed(quint64 generation, const std::shared_ptr<Rehash>& r) {
    if (generation != m_generation)
        return;  // paused, cancelled or restarted while hashing
    const QString part = DownloadSidecar::partPath(m_dir, m_spec.fileName);
    if (!r->error.isEmpty())
        return fail(tr("The partial download %1 could not be read: %2").arg(part, r->error), true);
    m_hash = std::move(r->hash);
    m_file.setFileName(part);
    // Unbuffered: a full disk shows up at the write that hit it, not at some later flush.
    if (!m_file.open(QIODevice::ReadWrite | QIODevice::Unbuffered))
        return fail(tr("Could not open %1 for writing: %2").arg(part, m_file.errorString()), false);
    if (!m_file.resize(r->bytes) || !m_file.seek(r->bytes))
        return fail(tr("Could not prepare %1: %2").arg(part, m_file.errorString()), false);
    m_received = r->bytes;
    if (m_spec.serverSize > 0 && m_received == m_spec.serverSize)
        return verifyAndInstall();  // complete before the app stopped; only the rename was missing
    sendRequest();
}

void ModelDownloader::sendRequest() {
    m_requestedFrom = m_received;
    m_headersChecked = false;
    QNetworkRequest req(m_spec.url);
    // Hugging Face answers with a redirect to its CDN; never follow one from https to http.
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    req.setMaximumRedirectsAllowed(10);
    req.setTransferTimeout(m_stallTimeoutMs);
    req.setHeader(QNetworkRequest::UserAgentHeader,
                  QStringLiteral("Ponder/%1").arg(QCoreApplication::applicationVersion()));
    // Bytes as stored: a transparently decompressed body could not be resumed by offset.
    req.setRawHeader("Accept-Encoding", "identity");
    if (m_requestedFrom > 0)
        req.setRawHeader("Range", "bytes=" + QByteArray::number(m_requestedFrom) + '-');
    qCInfo(lcModels) << "GET" << m_spec.url.toDisplayString() << "from byte" << m_requestedFrom;
    m_reply = nam()->get(req);
    connect(m_reply, &QNetworkReply::readyRead, this, &ModelDownloader::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &ModelDownloader::onReplyFinished);
    m_samples.clear();
    m_samples.append({m_clock.elapsed(), m_received});
    m_speed = 0;
    setState(State::Running);
    emit progressChanged(m_received, totalBytes());
}

bool ModelDownloader::checkResponseHeaders() {
    m_headersChecked = true;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString reason = m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    if (status == 416 && m_requestedFrom > 0) {
        // The server cannot serve our offset: the file there is not the one we started.
        restartFromZero();
        return false;
    }
    if (status >= 400) {
        fail(httpErrorSentence(status, reason, m_spec.url), false);
        return false;
    }
    qint64 total = -1;
    if (status == 206) {
        const auto range = parseContentRange(m_reply->rawHeader("Content-Range"));
        if (!range || range->first != m_requestedFrom) {
            restartFromZero();
            return false;
        }
        total = range->total;
    } else if (status == 200) {
        if (m_requestedFrom > 0) {
            // The server ignored Range and sends the whole file: keep it, from byte 0.
            qCInfo(lcModels) << "server ignored the Range request; downloading from the start";
            if (!m_file.resize(0) || !m_file.seek(0)) {
                fail(tr("Could not prepare %1: %2").arg(m_file.fileName(), m_file.errorString()), false);
                return false;
            }
            m_restartedFromZero = true;
            m_received = m_requestedFrom = 0;
            if (m_hash)
                m_hash->reset();
            m_samples = {{m_clock.elapsed(), 0}};
        }
        const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
        total = length.isValid() ? length.toLongLong() : -1;
    } else {
        fail(tr("The server gave an unexpected answer (%1 %2).").arg(status).arg(reason), false);
        return false;
    }
    if (total < 0)
        return true;
    if (m_requestedFrom > 0 && m_spec.serverSize >= 0 && total != m_spec.serverSize) {
        // The file changed on the server since the .part was begun.
        restartFromZero();
        return false;
    }
    const qint64 expected = m_spec.expectedSize;
    if (expected > 0 && (m_spec.sizeExact ? total != expected : !roughlyExpected(total, expected))) {
        fail(tr("The server offers %1 bytes, but the catalog expects %2. The file may have changed; the "
                "download was stopped.")
                 .arg(total)
                 .arg(expected),
             true);
        return false;
    }
    if (total != m_spec.serverSize) {
        m_spec.serverSize = total;
        QString error;
        if (!DownloadSidecar::write(m_dir, m_spec, &error))
            qCWarning(lcModels) << "could not update the sidecar:" << error;
    }
    const QStorageInfo disk(m_dir);
    if (disk.isValid() && disk.bytesAvailable() >= 0 && total - m_received > disk.bytesAvailable()) {
        fail(tr("Not enough free disk space: the download needs %1 more, but only %2 is free.")
                 .arg(formatMemory(total - m_received), formatMemory(disk.bytesAvailable())),
             false);
        return false;
    }
    return true;
}

void ModelDownloader::onReadyRead() {
    if (!m_reply || m_state != State::Running)
        return;
    if (m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() >= 400) {
        // An error page: handled when the reply has finished (aborting it now would leave
        // Qt reporting the error twice).
        m_reply->readAll();
        return;
    }
    if (!m_headersChecked && !checkResponseHeaders())
        return;
    while (m_reply && m_reply->bytesAvailable() > 0) {
        const QByteArray chunk = m_reply->read(kReadChunk);
        if (chunk.isEmpty())
            break;
        // A short write (the disk filled up mid-chunk) leaves valid bytes on disk: count
        // them, so a resume continues exactly after them, then let the next write report why.
        qint64 written = 0;
        while (written < chunk.size()) {
            const qint64 n = m_file.write(chunk.constData() + written, chunk.size() - written);
            if (n <= 0)
                break;
            written += n;
        }
        if (m_hash)
            m_hash->addData(QByteArrayView(chunk).first(written));
        m_received += written;
        if (written != chunk.size())
            return fail(tr("Writing %1 failed: %2. Free some disk space, then resume.")
                            .arg(QDir::toNativeSeparators(m_file.fileName()), m_file.errorString()),
                        false);
    }
    updateSpeed(false);
}

void ModelDownloader::onReplyFinished() {
    if (!m_reply || m_state != State::Running)
        return;
    const bool hasStatus = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid();
    if (hasStatus && !m_headersChecked && !checkResponseHeaders())
        return;
    if (m_reply && m_reply->bytesAvailable() > 0) {
        onReadyRead();
        if (m_state != State::Running)
            return;
    }
    const QNetworkReply::NetworkError err = m_reply->error();
    const QString errText = m_reply->errorString();
    dropReply();
    updateSpeed(true);
    if (err != QNetworkReply::NoError) {
        // Our own aborts drop the reply first, so a cancel here is the stall timeout.
        const QString why = err == QNetworkReply::OperationCanceledError ? tr("the server stopped sending data") : errText;
        return fail(tr("The download was interrupted (%1). Resume continues where it stopped.").arg(why), false);
    }
    if (m_spec.serverSize >= 0 && m_received != m_spec.serverSize)
        return fail(tr("The connection closed after %1 of %2. Resume continues where it stopped.")
                        .arg(formatMemory(m_received), formatMemory(m_spec.serverSize)),
                    false);
    verifyAndInstall();
}

void ModelDownloader::verifyAndInstall() {
    const QString part = DownloadSidecar::partPath(m_dir, m_spec.fileName);
    m_file.close();
    const qint64 size = QFileInfo(part).size();
    if (m_spec.expectedSize > 0 && m_spec.sizeExact && size != m_spec.expectedSize)
        return fail(tr("The download has %1 bytes instead of %2; it was deleted.").arg(size).arg(m_spec.expectedSize),
                    true);
    if (m_hash && m_hash->result().toHex() != m_spec.sha256)
        return fail(tr("The downloaded file is damaged: its SHA-256 checksum does not match the catalog. It was "
                       "deleted; start the download again."),
                    true);
    QFile check(part);
    if (!check.open(QIODevice::ReadOnly) || check.read(4) != QByteArrayLiteral("GGUF"))
        return fail(tr("The server did not send a GGUF model file; it was deleted."), true);
    check.close();
    if (QFileInfo::exists(finalPath()))
        return fail(tr("%1 already exists in the models folder.").arg(m_spec.fileName), false);
    // A rename within one folder is atomic: the model appears complete or not at all.
    if (!QFile::rename(part, finalPath()))
        return fail(tr("The finished download could not be renamed to %1.").arg(QDir::toNativeSeparators(finalPath())),
                    false);
    DownloadSidecar::remove(m_dir, m_spec.fileName);
    m_hash.reset();
    qCInfo(lcModels) << "downloaded" << finalPath() << size << "bytes";
    setState(State::Finished);
    emit progressChanged(m_received, totalBytes());
    emit finished(finalPath());
}

void ModelDownloader::restartFromZero() {
    qCInfo(lcModels) << "the partial download does not match the server's file; starting again";
    dropReply();
    if (!m_file.resize(0) || !m_file.seek(0))
        return fail(tr("Could not prepare %1: %2").arg(m_file.fileName(), m_file.errorString()), false);
    m_restartedFromZero = true;
    m_received = 0;
    m_spec.serverSize = -1;
    if (m_hash)
        m_hash->reset();
    sendRequest();
}

void ModelDownloader::pause() {
    if (m_state != State::Running && m_state != State::Preparing)
        return;
    stopRehash();
    dropReply();
    m_file.close();
    m_hash.reset();
    m_speed = 0;
    qCInfo(lcModels) << "paused" << m_spec.fileName << "at" << m_received;
    setState(State::Paused);
}

void ModelDownloader::cancel() {
    stopRehash();
    dropReply();
    m_file.close();
    m_hash.reset();
    if (!m_spec.fileName.isEmpty()) {
        QFile::remove(DownloadSidecar::partPath(m_dir, m_spec.fileName));
        DownloadSidecar::remove(m_dir, m_spec.fileName);
    }
    m_received = 0;
    m_speed = 0;
    m_error.clear();
    setState(State::Idle);
}

void ModelDownloader::fail(const QString& message, bool deletePart) {
    stopRehash();
    dropReply();
    m_file.close();
    m_hash.reset();
    m_speed = 0;
    // An empty .part (an error before the first byte) is not worth keeping either.
    if (deletePart || m_received == 0) {
        QFile::remove(DownloadSidecar::partPath(m_dir, m_spec.fileName));
        DownloadSidecar::remove(m_dir, m_spec.fileName);
        m_received = 0;
    }
    m_error = message;
    qCWarning(lcModels) << "download of" << m_spec.fileName << "failed:" << message;
    setState(State::Failed);
    emit failed(message);
}

void ModelDownloader::stopRehash() {
    ++m_generation;
    if (m_rehashCancel)
        *m_rehashCancel = true;
}

void ModelDownloader::dropReply() {
    if (!m_reply)
        return;
    QNetworkReply* reply = m_reply;
    m_reply = nullptr;
    reply->disconnect(this);
    // A reply that already failed (an HTTP error status) ends by itself; aborting it again
    // only makes Qt complain.
    if (reply->isRunning() && reply->error() == QNetworkReply::NoError)
        reply->abort();
    reply->deleteLater();
}

void ModelDownloader::setState(State state) {
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void ModelDownloader::updateSpeed(bool force) {
    const qint64 now = m_clock.elapsed();
    if (m_samples.isEmpty() || now - m_samples.last().ms >= 100)
        m_samples.append({now, m_received});
    while (m_samples.size() > 2 && now - m_samples.first().ms > kSpeedWindowMs)
        m_samples.removeFirst();
    const qint64 dt = now - m_samples.first().ms;
    if (dt > 0)
        m_speed = static_cast<double>(m_received - m_samples.first().bytes) * 1000.0 / static_cast<double>(dt);
    if (force || m_lastEmitMs < 0 || now - m_lastEmitMs >= kProgressEveryMs) {
        m_lastEmitMs = now;
        emit progressChanged(m_received, totalBytes());
    }
}
