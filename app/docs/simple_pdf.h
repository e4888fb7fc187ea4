/// @brief Writes plain-text PDFs (Helvetica, one text block per page) without Qt Gui, for
/// the benchmark's corpus where no QGuiApplication (and so no QPdfWriter) is available.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace simplepdf {

/// One entry of @p pages per page, each a list of lines (ASCII; other characters become
/// '?'). Returns false when the file cannot be written.
bool write(const QString& path, const QList<QStringList>& pages);

}  // namespace simplepdf
