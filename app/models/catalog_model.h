/// @brief The recommended models as a QML list: facts, "fits your GPU?", download state.
#pragma once

#include "fit_estimate.h"
#include "model_catalog.h"

#include <QtQml/qqmlregistration.h>
#include <QAbstractListModel>

/// One row per catalog entry. The catalog itself is fixed at start; what changes is the
/// device memory and context length (fitVerdict/fitText of every row) and each row's
/// download state (set by the DownloadManager), each with dataChanged for just those roles.
class CatalogModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by the DownloadManager.")
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        NameRole,
        FamilyRole,
        ArchitectureRole,
        ParamsRole,            ///< total parameters (a number)
        ActiveParamsRole,      ///< parameters used per token
        ParamsTextRole,        ///< "30.5B"
        ActiveParamsTextRole,  ///< "3.3B"
        ExpertsRole,           ///< 0 for dense models
        ExpertsUsedRole,
        QuantizationRole,
        SizeBytesRole,
        SizeTextRole,
        ContextLengthRole,     ///< the model's trained maximum
        DescriptionRole,
        ChecksumKnownRole,     ///< false: only the size is checked after download
        CheckNoteRole,         ///< a sentence saying how the download is checked
        FitVerdictRole,        ///< "fits", "tight", "tooBig", "unknown"
        FitTextRole,           ///< "Too big: needs 10.2 GB, you have 8 GB."
        DownloadedRole,
        DownloadingRole,
        PausedRole,            ///< a partial download waits to be resumed
        ProgressRole,          ///< 0..1
        StatusRole,            ///< a sentence: progress, speed, time left, or the error
        ErrorRole,             ///< the last error, empty when none
    };
    Q_ENUM(Role)

    /// What the DownloadManager tells about one row.
    struct RowState {
        bool downloaded = false;
        bool downloading = false;
        bool paused = false;
        double progress = 0;
        QString status;
        QString error;
        bool operator==(const RowState&) const = default;
    };

    explicit CatalogModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return static_cast<int>(m_entries.size()); }
    /// Replaces the entries (a reset: done once at start).
    void setEntries(const QList<CatalogEntry>& entries);
    const CatalogEntry* entryAt(int row) const;
    Q_INVOKABLE int rowOf(const QString& id) const;

    /// Device memory to compare with (0: unknown) and the context length to plan for.
    void setDeviceBytes(qint64 bytes);
    void setContextLength(int tokens);
    FitResult fitAt(int row) const;

    RowState rowState(int row) const;
    void setRowState(int row, const RowState& state);

    /// "30.5B", "400M": parameter counts the way model cards write them.
    static QString formatParams(qint64 n);

signals:
    void countChanged();

private:
    void fitChanged();

    QList<CatalogEntry> m_entries;
    QList<RowState> m_states;
    qint64 m_deviceBytes = 0;
    int m_contextLength = 8192;
};
