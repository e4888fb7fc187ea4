#include "text_extract.h"

#include "docs_log.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QPdfDocument>
#include <QPdfSelection>
#include <QRegularExpression>
#include <QSet>
#include <QStringDecoder>

namespace textextract {
namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("Documents", text);
}

const QSet<QString>& textExtensions() {
    // Prose, data and the source code people keep next to it. Lower case, without the dot.
    static const QSet<QString> set = {
        QStringLiteral("txt"), QStringLiteral("text"), QStringLiteral("md"), QStringLiteral("markdown"),
        QStringLiteral("mdx"), QStringLiteral("rst"), QStringLiteral("adoc"), QStringLiteral("org"),
        QStringLiteral("tex"), QStringLiteral("log"), QStringLiteral("csv"), QStringLiteral("tsv"),
        QStringLiteral("json"), QStringLiteral("jsonl"), QStringLiteral("yaml"), QStringLiteral("yml"),
        QStringLiteral("toml"), QStringLiteral("ini"), QStringLiteral("cfg"), QStringLiteral("conf"),
        QStringLiteral("xml"), QStringLiteral("c"), QStringLiteral("h"), QStringLiteral("cc"),
        QStringLiteral("cpp"), QStringLiteral("cxx"), QStringLiteral("hpp"), QStringLiteral("hh"),
        QStringLiteral("hxx"), QStringLiteral("ipp"), QStringLiteral("m"), QStringLiteral("mm"),
        QStringLiteral("cs"), QStringLiteral("java"), QStringLiteral("kt"), QStringLiteral("kts"),
        QStringLiteral("scala"), QStringLiteral("go"), QStringLiteral("rs"), QStringLiteral("py"),
        QStringLiteral("pyi"), QStringLiteral("rb"), QStringLiteral("php"), QStringLiteral("pl"),
        QStringLiteral("pm"), QStringLiteral("lua"), QStringLiteral("r"), QStringLiteral("jl"),
        QStringLiteral("swift"), QStringLiteral("dart"), QStringLiteral("js"), QStringLiteral("jsx"),
        QStringLiteral("mjs"), QStringLiteral("cjs"), QStringLiteral("ts"), QStringLiteral("tsx"),
        QStringLiteral("vue"), QStringLiteral("svelte"), QStringLiteral("css"), QStringLiteral("scss"),
        QStringLiteral("less"), QStringLiteral("sql"), QStringLiteral("sh"), QStringLiteral("bash"),
        QStringLiteral("zsh"), QStringLiteral("fish"), QStringLiteral("ps1"), QStringLiteral("bat"),
        QStringLiteral("cmake"), QStringLiteral("qml"), QStringLiteral("proto"), QStringLiteral("gradle"),
        QStringLiteral("mk"), QStringLiteral("el"), QStringLiteral("clj"), QStringLiteral("hs"),
        QStringLiteral("ml"), QStringLiteral("ex"), QStringLiteral("exs"), QStringLiteral("erl"),
        QStringLiteral("zig"), QStringLiteral("nim"), QStringLiteral("glsl"), QStringLiteral("comp"),
        QStringLiteral("f90"), QStringLiteral("asm"), QStringLiteral("s"), QStringLiteral("v"),
        QStringLiteral("sv"), QStringLiteral("vhd")};
    return set;
}

const QSet<QString>& textFileNames() {
    static const QSet<QString> set = {QStringLiteral("makefile"), QStringLiteral("dockerfile"),
                                      QStringLiteral("readme"), QStringLiteral("license"),
                                      QStringLiteral("copying"), QStringLiteral("changelog")};
    return set;
}

Extracted failure(const QString& message) {
    Extracted e;
    e.error = message;
    return e;
}

Extracted extractPdf(const QString& path) {
    QPdfDocument pdf;
    const QPdfDocument::Error error = pdf.load(path);
    switch (error) {
        case QPdfDocument::Error::None:
            break;
        case QPdfDocument::Error::IncorrectPassword:
        case QPdfDocument::Error::UnsupportedSecurityScheme:
            return failure(tr("The PDF is password-protected."));
        case QPdfDocument::Error::FileNotFound:
            return failure(tr("The file cannot be opened."));
        case QPdfDocument::Error::InvalidFileFormat:
            return failure(tr("The PDF is damaged or not a PDF."));
        default:
            return failure(tr("The PDF cannot be read (error %1).").arg(int(error)));
    }
    Extracted out;
    for (int i = 0; i < pdf.pageCount(); ++i) {
        // Page numbers as printed by PDF viewers: the first page is 1, whatever its label.
        QString text = pdf.getAllText(i).text();
        text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));  // pdfium ends lines with CRLF
        text.replace(u'\r', u'\n');
        out.pages.append({i + 1, text});
    }
    if (out.pages.isEmpty()) return failure(tr("The PDF has no pages."));
    return out;
}

QString decodeEntity(const QString& name) {
    static const QHash<QString, QString> named = {
        {QStringLiteral("amp"), QStringLiteral("&")},  {QStringLiteral("lt"), QStringLiteral("<")},
        {QStringLiteral("gt"), QStringLiteral(">")},   {QStringLiteral("quot"), QStringLiteral("\"")},
        {QStringLiteral("apos"), QStringLiteral("'")}, {QStringLiteral("nbsp"), QStringLiteral(" ")},
        {QStringLiteral("mdash"), QStringLiteral("—")}, {QStringLiteral("ndash"), QStringLiteral("–")},
        {QStringLiteral("hellip"), QStringLiteral("…")}, {QStringLiteral("copy"), QStringLiteral("©")}};
    if (name.startsWith(u'#')) {
        bool ok = false;
        const uint code = name.size() > 1 && (name[1] == u'x' || name[1] == u'X') ? name.mid(2).toUInt(&ok, 16)
                                                                                  : name.mid(1).toUInt(&ok, 10);
        if (ok && code > 0 && code <= 0x10FFFF) {
            const char32_t c = code;
            return QString::fromUcs4(&c, 1);
        }
        return {};
    }
    return named.value(name.toLower());
}

}  // namespace

Format formatOf(const QString& path) {
    const QFileInfo info(path);
    const QString suffix = info.suffix().toLower();
    if (suffix == u"pdf") return Format::Pdf;
    if (suffix == u"html" || suffix == u"htm" || suffix == u"xhtml") return Format::Html;
    if (suffix == u"docx") return Format::Docx;
    if (textExtensions().contains(suffix)) return Format::Text;
    if (suffix.isEmpty() && textFileNames().contains(info.fileName().toLower())) return Format::Text;
    return Format::Unsupported;
}

bool isCandidate(const QString& path) {
    return formatOf(path) != Format::Unsupported;
}

bool decodeText(const QByteArray& bytes, QString& text) {
    const std::optional<QStringConverter::Encoding> bom = QStringConverter::encodingForData(bytes);
    const bool wide = bom && *bom != QStringConverter::Utf8;
    // A NUL byte in the first 8 KiB of an 8-bit file means binary data, not text.
    if (!wide && bytes.left(8192).contains('\0')) return false;
    QStringDecoder decoder(bom.value_or(QStringConverter::Utf8));
    text = decoder.decode(bytes);
    if (decoder.hasError()) text = QString::fromLatin1(bytes);  // legacy 8-bit files
    if (text.startsWith(QChar(0xFEFF))) text.remove(0, 1);
    return true;
}

QString htmlToText(const QString& html) {
    QString out;
    out.reserve(html.size());
    qsizetype i = 0;
    const qsizetype n = html.size();
    auto keepNewlines = [&](qsizetype from, qsizetype to) {
        const qsizetype lines = QStringView(html).mid(from, to - from).count(u'\n');
        if (lines > 0) out.append(QString(lines, u'\n'));
        else out.append(u' ');  // a tag separates words (<td>a</td><td>b</td>)
    };
    while (i < n) {
        const QChar c = html[i];
        if (c == u'<') {
            // Comments, then script/style elements whose content is not text.
            if (QStringView(html).mid(i, 4) == u"<!--") {
                qsizetype end = html.indexOf(QStringLiteral("-->"), i + 4);
                end = end < 0 ? n : end + 3;
                keepNewlines(i, end);
                i = end;
                continue;
            }
            qsizetype close = html.indexOf(u'>', i);
            if (close < 0) close = n - 1;
            static const QRegularExpression rawTag(QStringLiteral("^<\\s*(script|style)\\b"),
                                                   QRegularExpression::CaseInsensitiveOption);
            const QRegularExpressionMatch raw = rawTag.match(QStringView(html).mid(i, 16));
            if (raw.hasMatch()) {
                const QString endTag = QStringLiteral("</") + raw.captured(1);
                qsizetype end = html.indexOf(endTag, close, Qt::CaseInsensitive);
                end = end < 0 ? n : html.indexOf(u'>', end);
                end = end < 0 ? n : end + 1;
                keepNewlines(i, end);
                i = end;
                continue;
            }
            keepNewlines(i, close + 1);
            i = close + 1;
            continue;
        }
        if (c == u'&') {
            const qsizetype semi = html.indexOf(u';', i);
            if (semi > i && semi - i <= 10) {
                const QString decoded = decodeEntity(html.mid(i + 1, semi - i - 1));
                if (!decoded.isEmpty()) {
                    out.append(decoded);
                    i = semi + 1;
                    continue;
                }
            }
        }
        out.append(c);
        ++i;
    }
    return out;
}

Extracted extract(const QString& path) {
    const QFileInfo info(path);
    if (!info.exists()) return failure(tr("The file no longer exists."));
    if (!info.isFile()) return failure(tr("Not a regular file."));
    const Format format = formatOf(path);
    switch (format) {
        case Format::Unsupported:
            return failure(tr("This file type is not supported."));
        case Format::Docx:
            // A .docx is a ZIP of XML; Qt has no public ZIP reader and Ponder takes no new
            // dependency for it yet. Saying so beats indexing nothing silently.
            return failure(tr("Word documents (.docx) are not supported yet; save as PDF or text."));
        case Format::Pdf:
            return extractPdf(path);
        case Format::Text:
        case Format::Html:
            break;
    }
    if (info.size() > kMaxTextBytes) {
        return failure(tr("The file is too large to index (%1 MiB; the limit is %2 MiB).")
                           .arg((info.size() + 1024 * 1024 - 1) / (1024 * 1024))
                           .arg(kMaxTextBytes / (1024 * 1024)));
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return failure(tr("The file cannot be read: %1").arg(file.errorString()));
    const QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError) return failure(tr("The file cannot be read: %1").arg(file.errorString()));
    QString text;
    if (!decodeText(bytes, text)) return failure(tr("The file is not text."));
    if (format == Format::Html) text = htmlToText(text);
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    text.replace(u'\r', u'\n');
    Extracted out;
    out.pages.append({1, text});
    return out;
}

}  // namespace textextract
