#include "core/app_paths.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

AppPaths AppPaths::resolve(const QString& dataDir, QString* error) {
    QString path = dataDir;
    if (path.isEmpty()) path = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (path.isEmpty()) {
        if (error) *error = QStringLiteral("This system reports no folder for application data.");
        return {};
    }
    // Stored absolute, so that a later change of the working directory cannot move it.
    path = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    if (!QDir().mkpath(path) || !QFileInfo(path).isDir()) {
        if (error)
            *error = QStringLiteral("Cannot create the data folder %1.").arg(QDir::toNativeSeparators(path));
        return {};
    }
    AppPaths paths;
    paths.m_dataDir = path;
    return paths;
}
