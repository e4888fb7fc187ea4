/// @brief The folders where Ponder keeps its files.
#pragma once

#include <QString>

/// Where the database, settings and downloaded models live. Resolved once at start (from
/// `--data-dir` or the platform default) and handed to whatever needs a path.
class AppPaths {
public:
    /// Uses `dataDir`, or QStandardPaths::AppDataLocation when it is empty, and creates the
    /// folder. On failure returns an invalid AppPaths and sets `error` to a sentence.
    static AppPaths resolve(const QString& dataDir, QString* error);

    bool isValid() const { return !m_dataDir.isEmpty(); }
    /// Absolute path of the data folder, which exists.
    QString dataDir() const { return m_dataDir; }

private:
    QString m_dataDir;
};
