/// @brief Version and build facts for the About page and `ponder --version`.
#pragma once

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

/// Read-only facts about this build, exposed to QML as the singleton AppInfo.
class AppInfo : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(QString version READ version CONSTANT)
    Q_PROPERTY(QString gitRevision READ gitRevision CONSTANT)
    Q_PROPERTY(QString qtVersion READ qtVersion CONSTANT)

public:
    explicit AppInfo(QObject* parent = nullptr);

    QString version() const;
    QString gitRevision() const;
    QString qtVersion() const;
    /// One line for `ponder --version`.
    QString versionLine() const;
};
