/// @brief GGUF files already in the models folder, as a QML list.
#pragma once

#include <QtQml/qqmlregistration.h>
#include <QAbstractListModel>
#include <QHash>

/// The models in the folder, sorted by file name. A split model is one row (its first part,
/// which is what the engine opens) and is listed only when all its parts are there; .part
/// files of unfinished downloads are not listed. rescan() updates rows in place (inserts,
/// removals, dataChanged) so a view keeps its position.
class LocalModelsModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by the DownloadManager.")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(QString folder READ folder NOTIFY folderChanged)

public:
    enum Role {
        FileNameRole = Qt::UserRole + 1,
        PathRole,
        SizeBytesRole,
        SizeTextRole,
        PartsRole,        ///< 1, or the number of files of a split model
        CatalogIdRole,    ///< the catalog entry this file belongs to, empty when none
        CatalogNameRole,
    };
    Q_ENUM(Role)

    explicit LocalModelsModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return static_cast<int>(m_rows.size()); }
    QString folder() const { return m_folder; }
    /// Sets the folder and scans it.
    void setFolder(const QString& folder);
    /// Primary file name -> (catalog id, display name), to label catalog downloads.
    void setCatalogNames(const QHash<QString, QPair<QString, QString>>& names);
    Q_INVOKABLE void rescan();

signals:
    void countChanged();
    void folderChanged();

private:
    struct Row {
        QString fileName;
        qint64 sizeBytes = 0;
        int parts = 1;
        bool operator==(const Row&) const = default;
    };
    QList<Row> scan() const;

    QString m_folder;
    QList<Row> m_rows;
    QHash<QString, QPair<QString, QString>> m_catalogNames;
};
