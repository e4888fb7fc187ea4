#include "local_models_model.h"

#include "fit_estimate.h"
#include "model_catalog.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>

LocalModelsModel::LocalModelsModel(QObject* parent) : QAbstractListModel(parent) {}

int LocalModelsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : count();
}

QHash<int, QByteArray> LocalModelsModel::roleNames() const {
    return {
        {FileNameRole, "fileName"}, {PathRole, "path"},           {SizeBytesRole, "sizeBytes"},
        {SizeTextRole, "sizeText"}, {PartsRole, "parts"},         {CatalogIdRole, "catalogId"},
        {CatalogNameRole, "catalogName"},
    };
}

QVariant LocalModelsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& r = m_rows.at(index.row());
    switch (role) {
        case Qt::DisplayRole:
        case FileNameRole: return r.fileName;
        case PathRole: return QDir(m_folder).filePath(r.fileName);
        case SizeBytesRole: return static_cast<double>(r.sizeBytes);
        case SizeTextRole: return formatMemory(r.sizeBytes);
        case PartsRole: return r.parts;
        case CatalogIdRole: return m_catalogNames.value(r.fileName).first;
        case CatalogNameRole: return m_catalogNames.value(r.fileName).second;
        default: return {};
    }
}

void LocalModelsModel::setFolder(const QString& folder) {
    if (folder != m_folder) {
        m_folder = folder;
        emit folderChanged();
    }
    rescan();
}

void LocalModelsModel::setCatalogNames(const QHash<QString, QPair<QString, QString>>& names) {
    m_catalogNames = names;
    if (count() > 0)
        emit dataChanged(index(0), index(count() - 1), {CatalogIdRole, CatalogNameRole});
}

QList<LocalModelsModel::Row> LocalModelsModel::scan() const {
    QList<Row> rows;
    if (m_folder.isEmpty())
        return rows;
    const QDir dir(m_folder);
    // Sorted by name, so the parts of a split model come in order.
    const QFileInfoList files =
        dir.entryInfoList({QStringLiteral("*.gguf")}, QDir::Files | QDir::Readable, QDir::Name);
    QHash<QString, qint64> sizes;
    for (const QFileInfo& f : files)
        sizes.insert(f.fileName(), f.size());
    for (const QFileInfo& f : files) {
        const SplitIndex split = splitIndexOf(f.fileName());
        if (split.count <= 1) {
            rows.append({f.fileName(), f.size(), 1});
            continue;
        }
        if (split.index != 1)
            continue;  // listed through its first part
        // "name-00001-of-00003.gguf": the other parts differ only in the index.
        const QString stem = f.fileName().chopped(QStringLiteral("00001-of-00000.gguf").size());
        Row row{f.fileName(), 0, split.count};
        bool complete = true;
        for (int i = 1; i <= split.count && complete; ++i) {
            const QString name = QStringLiteral("%1%2-of-%3.gguf")
                                     .arg(stem)
                                     .arg(i, 5, 10, QLatin1Char('0'))
                                     .arg(split.count, 5, 10, QLatin1Char('0'));
            complete = sizes.contains(name);
            row.sizeBytes += sizes.value(name);
        }
        if (complete)
            rows.append(row);
    }
    return rows;
}

void LocalModelsModel::rescan() {
    const QList<Row> wanted = scan();
    const int before = count();
    QSet<QString> wantedNames;
    for (const Row& r : wanted)
        wantedNames.insert(r.fileName);
    // Both lists are sorted by name: remove what went away, then walk once inserting new rows.
    for (int i = count() - 1; i >= 0; --i) {
        if (!wantedNames.contains(m_rows.at(i).fileName)) {
            beginRemoveRows({}, i, i);
            m_rows.removeAt(i);
            endRemoveRows();
        }
    }
    for (int i = 0; i < wanted.size(); ++i) {
        const Row& w = wanted.at(i);
        if (i < count() && m_rows.at(i).fileName == w.fileName) {
            if (!(m_rows.at(i) == w)) {
                m_rows[i] = w;
                emit dataChanged(index(i), index(i));
            }
            continue;
        }
        beginInsertRows({}, i, i);
        m_rows.insert(i, w);
        endInsertRows();
    }
    Q_ASSERT(m_rows == wanted);  // both lists are sorted the same way, so the walk ends equal
    if (count() != before)
        emit countChanged();
}
