/// @brief Text of a document file by format: plain text and source code, Markdown, HTML
/// (tags stripped, source lines kept) and PDF (per page, through QtPdf).
#pragma once

#include "docs_types.h"

#include <QList>
#include <QString>

namespace textextract {

enum class Format { Unsupported, Text, Html, Pdf, Docx };

/// The format the file name says (extension, or well-known names such as Makefile).
Format formatOf(const QString& path);

/// Whether a folder scan picks this file up: every format above except Unsupported. Docx is
/// picked up so the list can say it is not supported rather than hiding it.
bool isCandidate(const QString& path);

struct Extracted {
    QList<ExtractedPage> pages;
    QString error;  ///< set when the file could not be read; pages is then empty
    bool ok() const { return error.isEmpty(); }
};

/// Reads the file; never throws, a broken file gives an error sentence.
Extracted extract(const QString& path);

/// HTML to text, keeping every newline of the source so line numbers still point into the
/// file. Script and style contents are dropped; entities are decoded.
QString htmlToText(const QString& html);

/// Bytes to text: UTF-8 (or the BOM's encoding), else Latin-1. Fails on binary data.
bool decodeText(const QByteArray& bytes, QString& text);

/// Larger text files are refused: they are logs or data dumps, not documents.
constexpr qint64 kMaxTextBytes = 256LL * 1024 * 1024;

}  // namespace textextract
