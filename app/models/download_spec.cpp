#include "download_spec.h"

#include "models_log.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>

namespace DownloadSidecar {

QString partPath(const QString& dir, const QString& fileName) {
    return QDir(dir).filePath(fileName + QStringLiteral(".part"));
}

QString sidecarPath(const QString& dir, const QString& fileName) {
    return QDir(dir).filePath(fileName + QStringLiteral(".part.json"));
}

bool write(const QString& dir, const DownloadSpec& spec, QString* error) {
    QJsonObject o;
    o.insert(QStringLiteral("url"), spec.url.toString(QUrl::FullyEncoded));
    o.insert(QStringLiteral("fileName"), spec.fileName);
    // Doubles hold integers exactly up to 2^53 bytes (8 PiB).
    o.insert(QStringLiteral("expectedSize"), static_cast<double>(spec.expectedSize));
    o.insert(QStringLiteral("sizeExact"), spec.sizeExact);
    o.insert(QStringLiteral("sha256"), spec.sha256.isEmpty() ? QJsonValue() : QJsonValue(QString::fromLatin1(spec.sha256)));
    o.insert(QStringLiteral("serverSize"), static_cast<double>(spec.serverSize));
    QSaveFile f(sidecarPath(dir, spec.fileName));
    if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(o).toJson()) < 0 || !f.commit()) {
        if (error)
            *error = f.errorString();
        return false;
    }
    return true;
}

std::optional<DownloadSpec> read(const QString& dir, const QString& fileName) {
    QFile f(sidecarPath(dir, fileName));
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(f.read(64 * 1024));
    if (!doc.isObject()) {
        qCWarning(lcModels) << "ignoring unreadable sidecar" << f.fileName();
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    DownloadSpec s;
    s.url = QUrl(o.value(QStringLiteral("url")).toString(), QUrl::StrictMode);
    s.fileName = o.value(QStringLiteral("fileName")).toString();
    s.expectedSize = static_cast<qint64>(o.value(QStringLiteral("expectedSize")).toDouble());
    s.sizeExact = o.value(QStringLiteral("sizeExact")).toBool();
    s.sha256 = o.value(QStringLiteral("sha256")).toString().toLatin1();
    s.serverSize = static_cast<qint64>(o.value(QStringLiteral("serverSize")).toDouble(-1));
    // A sidecar for another name (copied or renamed by hand) must not steer this download.
    if (s.fileName != fileName || !s.url.isValid())
        return std::nullopt;
    return s;
}

void remove(const QString& dir, const QString& fileName) {
    QFile::remove(sidecarPath(dir, fileName));
}

}  // namespace DownloadSidecar

std::optional<ContentRange> parseContentRange(const QByteArray& header) {
    static const QRegularExpression re(QStringLiteral("^\\s*bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)\\s*$"),
                                       QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = re.match(QString::fromLatin1(header));
    if (!m.hasMatch())
        return std::nullopt;
    ContentRange r;
    r.first = m.captured(1).toLongLong();
    r.last = m.captured(2).toLongLong();
    r.total = m.captured(3) == QLatin1String("*") ? -1 : m.captured(3).toLongLong();
    if (r.last < r.first || (r.total >= 0 && r.last >= r.total))
        return std::nullopt;
    return r;
}

bool isSafeModelFileName(const QString& name) {
    static const QRegularExpression ok(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._+-]*\\.gguf$"));
    return ok.match(name).hasMatch() && !name.contains(QStringLiteral(".."));
}

QString httpErrorSentence(int status, const QString& reason, const QUrl& url) {
    const QString what = QCoreApplication::translate("ModelDownloader", "The server answered %1 %2 for %3.")
                             .arg(status)
                             .arg(reason, url.toDisplayString());
    QString hint;
    if (status == 401 || status == 403)
        hint = QCoreApplication::translate("ModelDownloader", "The file needs a login or is not public.");
    else if (status == 404 || status == 410)
        hint = QCoreApplication::translate("ModelDownloader", "The file is no longer at this address.");
    else if (status >= 500)
        hint = QCoreApplication::translate("ModelDownloader", "The server has a problem; try again later.");
    return hint.isEmpty() ? what : what + QLatin1Char(' ') + hint;
}
