/// @brief What to download and how to check it, and the sidecar that remembers it on disk.
#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <optional>

/// One file to download into the models folder.
struct DownloadSpec {
    QUrl url;
    QString fileName;          ///< bare name inside the models folder
    qint64 expectedSize = 0;   ///< from the catalog; 0 when unknown
    bool sizeExact = false;    ///< expectedSize is the exact byte count
    QByteArray sha256;         ///< lowercase hex; empty when unknown (then only sizes are checked)
    qint64 serverSize = -1;    ///< the length the server announced, once known (-1: not yet)

    bool operator==(const DownloadSpec&) const = default;
};

/// `<file>.part.json` beside `<file>.part`: lets a download continue after the app restarts
/// (and tells whether a .part belongs to the download being started).
namespace DownloadSidecar {
QString partPath(const QString& dir, const QString& fileName);
QString sidecarPath(const QString& dir, const QString& fileName);
/// Written atomically (QSaveFile), so a crash leaves the old or the new sidecar.
bool write(const QString& dir, const DownloadSpec& spec, QString* error);
std::optional<DownloadSpec> read(const QString& dir, const QString& fileName);
void remove(const QString& dir, const QString& fileName);
}  // namespace DownloadSidecar

/// A parsed `Content-Range: bytes first-last/total` header (total -1 for "*").
struct ContentRange {
    qint64 first = -1;
    qint64 last = -1;
    qint64 total = -1;
};
std::optional<ContentRange> parseContentRange(const QByteArray& header);

/// True for a bare *.gguf name that cannot escape the models folder.
bool isSafeModelFileName(const QString& name);

/// "The server answered 404 Not Found for <url>. The file is no longer at this address."
QString httpErrorSentence(int status, const QString& reason, const QUrl& url);
