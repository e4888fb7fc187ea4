#include "model_catalog.h"

#include "download_spec.h"
#include "models_log.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

namespace {

// F16 cache: two bytes per stored element.
constexpr qint64 kKvElementBytes = 2;

qint64 toInt64(const QJsonValue& v) {
    // JSON numbers arrive as doubles; sizes up to 2^53 are exact, far beyond any model file.
    return v.isDouble() ? static_cast<qint64>(v.toDouble()) : 0;
}

KvLayout parseKv(const QJsonObject& m) {
    KvLayout kv;
    if (m.contains(QStringLiteral("kvBytesPerToken"))) {
        // Precomputed where the layout is not plain GQA (MLA, sliding-window layers).
        kv.bytesPerToken = toInt64(m.value(QStringLiteral("kvBytesPerToken")));
    } else {
        const qint64 layers = toInt64(m.value(QStringLiteral("layers")));
        const qint64 heads = toInt64(m.value(QStringLiteral("kvHeads")));
        const qint64 k = toInt64(m.value(QStringLiteral("keyLength")));
        const qint64 v = toInt64(m.value(QStringLiteral("valueLength")));
        kv.bytesPerToken = layers * heads * (k + v) * kKvElementBytes;
    }
    kv.fixedBytes = toInt64(m.value(QStringLiteral("kvFixedBytes")));
    return kv;
}

CatalogPart parsePart(const QJsonObject& o) {
    CatalogPart p;
    p.fileName = o.value(QStringLiteral("file")).toString();
    p.url = QUrl(o.value(QStringLiteral("url")).toString(), QUrl::StrictMode);
    p.sizeBytes = toInt64(o.value(QStringLiteral("sizeBytes")));
    p.sizeExact = o.value(QStringLiteral("sizeExact")).toBool(false);
    const QJsonValue sha = o.value(QStringLiteral("sha256"));
    if (sha.isString())
        p.sha256 = sha.toString().toLatin1();
    return p;
}

CatalogEntry parseEntry(const QJsonObject& o) {
    CatalogEntry e;
    e.id = o.value(QStringLiteral("id")).toString();
    e.name = o.value(QStringLiteral("name")).toString();
    e.family = o.value(QStringLiteral("family")).toString();
    e.architecture = o.value(QStringLiteral("architecture")).toString();
    e.parameters = toInt64(o.value(QStringLiteral("parameters")));
    e.activeParameters = toInt64(o.value(QStringLiteral("activeParameters")));
    e.experts = o.value(QStringLiteral("experts")).toInt();
    e.expertsUsed = o.value(QStringLiteral("expertsUsed")).toInt();
    e.quantization = o.value(QStringLiteral("quantization")).toString();
    e.contextLength = o.value(QStringLiteral("contextLength")).toInt();
    e.kv = parseKv(o.value(QStringLiteral("memory")).toObject());
    e.description = o.value(QStringLiteral("description")).toString();
    const QJsonArray files = o.value(QStringLiteral("files")).toArray();
    for (const QJsonValue& f : files)
        e.parts.append(parsePart(f.toObject()));
    return e;
}

void validatePart(const CatalogEntry& e, const CatalogPart& p, QStringList& out) {
    const QString where = e.id + QLatin1Char('/') + p.fileName;
    if (!isSafeModelFileName(p.fileName))
        out << QStringLiteral("%1: file name is not a plain *.gguf name").arg(where);
    // https://huggingface.co/<owner>/<repo>/resolve/main/[folder/]<file>
    const QStringList segs = p.url.path().split(QLatin1Char('/'), Qt::SkipEmptyParts);
    const bool urlOk = p.url.isValid() && p.url.scheme() == QLatin1String("https") &&
                       p.url.host() == QLatin1String("huggingface.co") && p.url.port() == -1 &&
                       !p.url.hasQuery() && !p.url.hasFragment() && segs.size() >= 5 &&
                       segs.at(2) == QLatin1String("resolve") && segs.at(3) == QLatin1String("main") &&
                       segs.last() == p.fileName;
    if (!urlOk)
        out << QStringLiteral("%1: URL is not https://huggingface.co/<owner>/<repo>/resolve/main/<file>: %2")
                   .arg(where, p.url.toString());
    if (p.sizeBytes <= 0)
        out << QStringLiteral("%1: size must be positive").arg(where);
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
    if (!p.sha256.isEmpty() && !hex.match(QString::fromLatin1(p.sha256)).hasMatch())
        out << QStringLiteral("%1: sha256 must be 64 lowercase hex digits or null").arg(where);
}

}  // namespace

qint64 CatalogEntry::totalBytes() const {
    qint64 sum = 0;
    for (const CatalogPart& p : parts)
        sum += p.sizeBytes;
    return sum;
}

bool CatalogEntry::hasChecksums() const {
    if (parts.isEmpty())
        return false;
    for (const CatalogPart& p : parts)
        if (p.sha256.isEmpty())
            return false;
    return true;
}

QString CatalogEntry::primaryFileName() const {
    return parts.isEmpty() ? QString() : parts.first().fileName;
}

SplitIndex splitIndexOf(const QString& fileName) {
    static const QRegularExpression re(QStringLiteral("-(\\d{5})-of-(\\d{5})\\.gguf$"));
    const QRegularExpressionMatch m = re.match(fileName);
    if (!m.hasMatch())
        return {};
    return {m.captured(1).toInt(), m.captured(2).toInt()};
}

QStringList validateCatalogEntry(const CatalogEntry& e) {
    QStringList out;
    static const QRegularExpression idRe(QStringLiteral("^[a-z0-9][a-z0-9._-]*$"));
    if (!idRe.match(e.id).hasMatch())
        out << QStringLiteral("entry '%1': id must be lowercase letters, digits, '.', '_', '-'").arg(e.id);
    const QString id = e.id.isEmpty() ? QStringLiteral("(no id)") : e.id;
    if (e.name.isEmpty() || e.family.isEmpty() || e.architecture.isEmpty() || e.quantization.isEmpty())
        out << QStringLiteral("%1: name, family, architecture and quantization are required").arg(id);
    if (e.parameters <= 0 || e.activeParameters <= 0 || e.activeParameters > e.parameters)
        out << QStringLiteral("%1: need 0 < activeParameters <= parameters").arg(id);
    if (e.experts == 0 && (e.expertsUsed != 0 || e.activeParameters != e.parameters))
        out << QStringLiteral("%1: a dense model has no experts and all parameters active").arg(id);
    if (e.experts > 0 && (e.expertsUsed <= 0 || e.expertsUsed > e.experts || e.activeParameters >= e.parameters))
        out << QStringLiteral("%1: an MoE model uses 1..experts experts and fewer active parameters").arg(id);
    if (e.experts < 0)
        out << QStringLiteral("%1: experts cannot be negative").arg(id);
    if (e.contextLength <= 0)
        out << QStringLiteral("%1: contextLength must be positive").arg(id);
    if (e.kv.bytesPerToken <= 0 || e.kv.fixedBytes < 0)
        out << QStringLiteral("%1: memory facts give no KV cache size").arg(id);
    if (e.parts.isEmpty()) {
        out << QStringLiteral("%1: no files").arg(id);
        return out;
    }
    QSet<QString> names;
    for (qsizetype i = 0; i < e.parts.size(); ++i) {
        const CatalogPart& p = e.parts.at(i);
        validatePart(e, p, out);
        if (names.contains(p.fileName))
            out << QStringLiteral("%1: file %2 listed twice").arg(id, p.fileName);
        names.insert(p.fileName);
        const SplitIndex s = splitIndexOf(p.fileName);
        const int n = static_cast<int>(e.parts.size());
        const bool splitOk = n == 1 ? (s.count == 0 || (s.index == 1 && s.count == 1))
                                    : (s.index == i + 1 && s.count == n);
        if (!splitOk)
            out << QStringLiteral("%1: part %2 of %3 must be named -%4-of-%5.gguf")
                       .arg(id)
                       .arg(i + 1)
                       .arg(n)
                       .arg(i + 1, 5, 10, QLatin1Char('0'))
                       .arg(n, 5, 10, QLatin1Char('0'));
    }
    // Quantized files hold between ~2.5 (IQ2 mixes) and 16 (F16) bits per weight plus a
    // little metadata; anything outside that means a wrong size or parameter count.
    if (e.parameters > 0) {
        const double bpw = static_cast<double>(e.totalBytes()) * 8.0 / static_cast<double>(e.parameters);
        if (bpw < 2.5 || bpw > 17.0)
            out << QStringLiteral("%1: %2 bits per weight is implausible").arg(id).arg(bpw, 0, 'f', 2);
    }
    return out;
}

const CatalogEntry* ModelCatalog::find(const QString& id) const {
    for (const CatalogEntry& e : entries)
        if (e.id == id)
            return &e;
    return nullptr;
}

ModelCatalog ModelCatalog::parse(const QByteArray& json) {
    ModelCatalog cat;
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject()) {
        cat.problems << QStringLiteral("catalog is not a JSON object: %1 at offset %2")
                            .arg(err.errorString())
                            .arg(err.offset);
        return cat;
    }
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("version")).toInt() != 1)
        cat.problems << QStringLiteral("catalog version %1 is not 1").arg(root.value(QStringLiteral("version")).toInt());
    QSet<QString> ids, files;
    const QJsonArray models = root.value(QStringLiteral("models")).toArray();
    for (const QJsonValue& v : models) {
        CatalogEntry e = parseEntry(v.toObject());
        QStringList problems = validateCatalogEntry(e);
        if (ids.contains(e.id))
            problems << QStringLiteral("%1: id used twice").arg(e.id);
        for (const CatalogPart& p : e.parts)
            if (files.contains(p.fileName))
                problems << QStringLiteral("%1: file %2 also belongs to another entry").arg(e.id, p.fileName);
        if (!problems.isEmpty()) {
            cat.problems << problems;
            continue;
        }
        ids.insert(e.id);
        for (const CatalogPart& p : e.parts)
            files.insert(p.fileName);
        cat.entries.append(std::move(e));
    }
    for (const QString& p : std::as_const(cat.problems))
        qCWarning(lcModels) << "catalog:" << p;
    return cat;
}

QString ModelCatalog::builtInPath() {
    return QStringLiteral(":/ponder/catalog/models.json");
}

ModelCatalog ModelCatalog::builtIn() {
    QFile f(builtInPath());
    if (!f.open(QIODevice::ReadOnly)) {
        ModelCatalog cat;
        cat.problems << QStringLiteral("the built-in catalog is missing: %1").arg(f.errorString());
        return cat;
    }
    return parse(f.readAll());
}
