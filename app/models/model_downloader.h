/// @brief Downloads one model file with pause, resume (also after a restart) and checks.
#pragma once

#include "download_spec.h"

#include <QElapsedTimer>
#include <QFile>
#include <QList>
#include <QObject>
#include <QPointer>

#include <atomic>
#include <memory>

class QCryptographicHash;
class QNetworkAccessManager;
class QNetworkReply;

/// Downloads `spec.url` into `<dir>/<file>.part`, then checks the size (and the SHA-256 when
/// the catalog has one, hashed while writing) and renames the file into place atomically.
/// Pause aborts the transfer and keeps the .part; start() or resume() later continues with an
/// HTTP Range request, after an app restart too, from the `<file>.part.json` sidecar. Only
/// an explicit start()/resume() touches the network.
class ModelDownloader : public QObject {
    Q_OBJECT

public:
    enum class State { Idle, Preparing, Running, Paused, Finished, Failed };
    Q_ENUM(State)

    explicit ModelDownloader(const QString& dir, QObject* parent = nullptr);
    ~ModelDownloader() override;

    /// Shares an access manager (the DownloadManager's); otherwise one is made on first use.
    void setNetworkAccessManager(QNetworkAccessManager* nam);
    /// Milliseconds without any data after which the transfer counts as broken.
    void setStallTimeout(int ms) { m_stallTimeoutMs = ms; }

    /// Starts, or continues when a .part with a matching sidecar exists. Returns false when
    /// refused before any network access (bad URL or name, not enough free space); the
    /// reason is in errorString() and failed() is emitted.
    bool start(const DownloadSpec& spec);
    /// Continues the download recorded in `<fileName>.part.json` (after a restart).
    bool resume(const QString& fileName);
    /// Stops the transfer and keeps the .part for a later resume.
    void pause();
    /// Stops and deletes the .part and its sidecar.
    void cancel();

    State state() const { return m_state; }
    DownloadSpec spec() const { return m_spec; }
    QString dir() const { return m_dir; }
    qint64 receivedBytes() const { return m_received; }
    /// The server's length when known, else the catalog's; 0 when neither is known.
    qint64 totalBytes() const;
    double bytesPerSecond() const { return m_speed; }
    /// Estimated seconds left; -1 when unknown.
    qint64 secondsLeft() const;
    QString errorString() const { return m_error; }
    /// The server ignored a Range request and the download began again from byte 0.
    bool restartedFromZero() const { return m_restartedFromZero; }
    QString finalPath() const;

signals:
    void progressChanged(qint64 received, qint64 total);
    void stateChanged(ModelDownloader::State state);
    void finished(const QString& path);
    void failed(const QString& message);

private:
    struct Rehash;
    bool refuse(const QString& message);
    void beginFromPart(qint64 partBytes);
    void onRehashed(quint64 generation, const std::shared_ptr<Rehash>& result);
    void sendRequest();
    bool checkResponseHeaders();
    void onReadyRead();
    void onReplyFinished();
    void verifyAndInstall();
    void restartFromZero();
    void fail(const QString& message, bool deletePart);
    void setState(State state);
    void updateSpeed(bool force);
    void dropReply();
    void stopRehash();
    QNetworkAccessManager* nam();

    QString m_dir;
    DownloadSpec m_spec;
    State m_state = State::Idle;
    QString m_error;
    QPointer<QNetworkAccessManager> m_nam;
    std::unique_ptr<QNetworkAccessManager> m_ownNam;
    QPointer<QNetworkReply> m_reply;
    QFile m_file;
    std::unique_ptr<QCryptographicHash> m_hash;  ///< only when a checksum is expected
    qint64 m_received = 0;
    qint64 m_requestedFrom = 0;  ///< the Range start of the current request
    bool m_headersChecked = false;
    bool m_restartedFromZero = false;
    bool m_retryFromZero = false;  ///< the reply was aborted to ask again without Range
    quint64 m_generation = 0;      ///< invalidates stale rehash results after pause/cancel
    std::shared_ptr<std::atomic_bool> m_rehashCancel;
    int m_stallTimeoutMs = 60000;
    QElapsedTimer m_clock;
    struct Sample {
        qint64 ms;
        qint64 bytes;
    };
    QList<Sample> m_samples;
    double m_speed = 0;
    qint64 m_lastEmitMs = -1;
};
