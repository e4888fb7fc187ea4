#include "catalog_model.h"

#include <cmath>

CatalogModel::CatalogModel(QObject* parent) : QAbstractListModel(parent) {}

int CatalogModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : count();
}

QHash<int, QByteArray> CatalogModel::roleNames() const {
    return {
        {IdRole, "entryId"},
        {NameRole, "name"},
        {FamilyRole, "family"},
        {ArchitectureRole, "architecture"},
        {ParamsRole, "params"},
        {ActiveParamsRole, "activeParams"},
        {ParamsTextRole, "paramsText"},
        {ActiveParamsTextRole, "activeParamsText"},
        {ExpertsRole, "experts"},
        {ExpertsUsedRole, "expertsUsed"},
        {QuantizationRole, "quantization"},
        {SizeBytesRole, "sizeBytes"},
        {SizeTextRole, "sizeText"},
        {ContextLengthRole, "contextLength"},
        {DescriptionRole, "description"},
        {ChecksumKnownRole, "checksumKnown"},
        {CheckNoteRole, "checkNote"},
        {FitVerdictRole, "fitVerdict"},
        {FitTextRole, "fitText"},
        {DownloadedRole, "downloaded"},
        {DownloadingRole, "downloading"},
        {PausedRole, "paused"},
        {ProgressRole, "progress"},
        {StatusRole, "status"},
        {ErrorRole, "error"},
    };
}

QString CatalogModel::formatParams(qint64 n) {
    if (n >= 1'000'000'000) {
        const double b = std::round(static_cast<double>(n) / 1e8) / 10.0;
        return (b == std::floor(b) ? QString::number(static_cast<qint64>(b)) : QString::number(b, 'f', 1)) +
               QLatin1Char('B');
    }
    return QString::number(static_cast<qint64>(std::round(static_cast<double>(n) / 1e6))) + QLatin1Char('M');
}

QVariant CatalogModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CatalogEntry& e = m_entries.at(index.row());
    const RowState& s = m_states.at(index.row());
    switch (role) {
        case Qt::DisplayRole:
        case NameRole: return e.name;
        case IdRole: return e.id;
        case FamilyRole: return e.family;
        case ArchitectureRole: return e.architecture;
        // qint64 reaches QML as a number; parameter counts and sizes stay far below 2^53.
        case ParamsRole: return static_cast<double>(e.parameters);
        case ActiveParamsRole: return static_cast<double>(e.activeParameters);
        case ParamsTextRole: return formatParams(e.parameters);
        case ActiveParamsTextRole: return formatParams(e.activeParameters);
        case ExpertsRole: return e.experts;
        case ExpertsUsedRole: return e.expertsUsed;
        case QuantizationRole: return e.quantization;
        case SizeBytesRole: return static_cast<double>(e.totalBytes());
        case SizeTextRole: return formatMemory(e.totalBytes());
        case ContextLengthRole: return e.contextLength;
        case DescriptionRole: return e.description;
        case ChecksumKnownRole: return e.hasChecksums();
        case CheckNoteRole:
            return e.hasChecksums()
                       ? tr("Checked with SHA-256 after download.")
                       : tr("No checksum is published in the catalog for this file: only its size is checked.");
        case FitVerdictRole: return fitVerdictName(fitAt(index.row()).verdict);
        case FitTextRole: return fitAt(index.row()).text;
        case DownloadedRole: return s.downloaded;
        case DownloadingRole: return s.downloading;
        case PausedRole: return s.paused;
        case ProgressRole: return s.progress;
        case StatusRole: return s.status;
        case ErrorRole: return s.error;
        default: return {};
    }
}

void CatalogModel::setEntries(const QList<CatalogEntry>& entries) {
    beginResetModel();
    m_entries = entries;
    m_states = QList<RowState>(entries.size());
    endResetModel();
    emit countChanged();
}

const CatalogEntry* CatalogModel::entryAt(int row) const {
    return row >= 0 && row < count() ? &m_entries.at(row) : nullptr;
}

int CatalogModel::rowOf(const QString& id) const {
    for (int i = 0; i < count(); ++i)
        if (m_entries.at(i).id == id)
            return i;
    return -1;
}

FitResult CatalogModel::fitAt(int row) const {
    const CatalogEntry* e = entryAt(row);
    if (!e)
        return {};
    FitInput in;
    in.weightBytes = e->totalBytes();
    in.kvBytesPerToken = e->kv.bytesPerToken;
    in.kvFixedBytes = e->kv.fixedBytes;
    in.contextLength = m_contextLength;
    in.modelMaxContext = e->contextLength;
    in.deviceBytes = m_deviceBytes;
    in.moe = e->isMoe();
    return estimateFit(in);
}

void CatalogModel::setDeviceBytes(qint64 bytes) {
    if (bytes == m_deviceBytes)
        return;
    m_deviceBytes = bytes;
    fitChanged();
}

void CatalogModel::setContextLength(int tokens) {
    if (tokens == m_contextLength || tokens <= 0)
        return;
    m_contextLength = tokens;
    fitChanged();
}

void CatalogModel::fitChanged() {
    if (count() > 0)
        emit dataChanged(index(0), index(count() - 1), {FitVerdictRole, FitTextRole});
}

CatalogModel::RowState CatalogModel::rowState(int row) const {
    return row >= 0 && row < count() ? m_states.at(row) : RowState{};
}

void CatalogModel::setRowState(int row, const RowState& state) {
    if (row < 0 || row >= count() || m_states.at(row) == state)
        return;
    m_states[row] = state;
    const QModelIndex i = index(row);
    emit dataChanged(i, i, {DownloadedRole, DownloadingRole, PausedRole, ProgressRole, StatusRole, ErrorRole});
}
