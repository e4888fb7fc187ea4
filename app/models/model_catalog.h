/// @brief The curated list of recommended GGUF downloads, read from an embedded JSON file.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

/// One file of a catalog entry. Split models (`...-00001-of-00003.gguf`) have several parts,
/// which are downloaded one after the other into the same folder.
struct CatalogPart {
    QString fileName;   ///< bare name inside the models folder
    QUrl url;           ///< https://huggingface.co/<owner>/<repo>/resolve/main/<file>
    qint64 sizeBytes = 0;
    /// True when sizeBytes is the exact byte count of the published file. Many sizes are
    /// only known as the Hub shows them ("4.68 GB"); then the server's own length is checked
    /// instead and the catalog figure only guards against a grossly wrong file.
    bool sizeExact = false;
    QByteArray sha256;  ///< lowercase hex; empty when no checksum is known
};

/// What the "fits your GPU" estimate needs to know about a model besides its file size.
struct KvLayout {
    /// F16 KV cache bytes per token of context, summed over the layers that keep a
    /// full-length cache.
    qint64 bytesPerToken = 0;
    /// Bytes that do not grow with the context (gpt-oss's sliding-window layers).
    qint64 fixedBytes = 0;
};

/// A recommended model: one quantization of one model, as one or more files.
struct CatalogEntry {
    QString id;            ///< stable key ("qwen3-30b-a3b-q4_k_m")
    QString name;          ///< "Qwen3-30B-A3B"
    QString family;        ///< "Qwen3"
    QString architecture;  ///< GGUF general.architecture ("qwen3moe")
    qint64 parameters = 0;
    qint64 activeParameters = 0;  ///< per token; equals parameters for dense models
    int experts = 0;              ///< routed experts per MoE layer; 0 for dense models
    int expertsUsed = 0;          ///< experts chosen per token
    QString quantization;         ///< "Q4_K_M", "MXFP4"
    int contextLength = 0;        ///< the model's trained maximum
    KvLayout kv;
    QString description;          ///< one line for the catalog view
    QList<CatalogPart> parts;

    bool isMoe() const { return experts > 0; }
    qint64 totalBytes() const;
    /// True when every part has a SHA-256 (else only sizes are checked).
    bool hasChecksums() const;
    /// The file the engine opens: the only file, or the first part of a split model.
    QString primaryFileName() const;
};

/// The parsed catalog plus what was wrong with it.
struct ModelCatalog {
    QList<CatalogEntry> entries;
    QStringList problems;  ///< empty when every entry is complete and sane

    /// Entry by id, nullptr when unknown.
    const CatalogEntry* find(const QString& id) const;

    /// Parses catalog JSON. Entries with missing or meaningless fields are dropped and
    /// described in `problems`, so one bad entry cannot hide the rest.
    static ModelCatalog parse(const QByteArray& json);
    /// The catalog embedded in the program (resources/catalog/models.json).
    static ModelCatalog builtIn();
    /// Path of the embedded catalog in Qt's resource system.
    static QString builtInPath();
};

/// Checks one entry for completeness and sanity (URL form, sizes, parameter counts, split
/// part names); returns the problems found, empty when none.
QStringList validateCatalogEntry(const CatalogEntry& entry);

/// "name-00002-of-00003.gguf" -> {2, 3}; {0, 0} when the name is not a split part.
struct SplitIndex {
    int index = 0;
    int count = 0;
};
SplitIndex splitIndexOf(const QString& fileName);
