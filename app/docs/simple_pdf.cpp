#include "simple_pdf.h"

#include <QByteArray>
#include <QFile>

namespace simplepdf {
namespace {

QByteArray pdfString(const QString& line) {
    QByteArray out;
    for (QChar c : line) {
        const char a = c.unicode() >= 32 && c.unicode() < 127 ? char(c.unicode()) : '?';
        if (a == '(' || a == ')' || a == '\\') out += '\\';
        out += a;
    }
    return out;
}

}  // namespace

bool write(const QString& path, const QList<QStringList>& pages) {
    // Objects: 1 catalog, 2 page tree, 3 font, then per page i: 4+2i page, 5+2i contents.
    QByteArray pdf = "%PDF-1.4\n";
    QList<qsizetype> offsets;
    auto object = [&](int number, const QByteArray& body) {
        while (offsets.size() < number) offsets.append(0);
        offsets[number - 1] = pdf.size();
        pdf += QByteArray::number(number) + " 0 obj\n" + body + "\nendobj\n";
    };
    object(1, "<< /Type /Catalog /Pages 2 0 R >>");
    QByteArray kids;
    for (qsizetype i = 0; i < pages.size(); ++i) kids += QByteArray::number(4 + 2 * i) + " 0 R ";
    object(2, "<< /Type /Pages /Kids [" + kids + "] /Count " + QByteArray::number(pages.size()) + " >>");
    object(3, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    for (qsizetype i = 0; i < pages.size(); ++i) {
        const int page = int(4 + 2 * i);
        object(page, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
                     "/Contents " + QByteArray::number(page + 1) + " 0 R >>");
        QByteArray stream = "BT /F1 10 Tf 12 TL 50 750 Td\n";
        for (const QString& line : pages[i]) stream += "(" + pdfString(line) + ") Tj T*\n";
        stream += "ET";
        object(page + 1, "<< /Length " + QByteArray::number(stream.size()) + " >>\nstream\n" + stream + "\nendstream");
    }
    const qsizetype xref = pdf.size();
    pdf += "xref\n0 " + QByteArray::number(offsets.size() + 1) + "\n0000000000 65535 f \n";
    for (qsizetype off : offsets) pdf += QByteArray::number(off).rightJustified(10, '0') + " 00000 n \n";
    pdf += "trailer\n<< /Size " + QByteArray::number(offsets.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
           QByteArray::number(xref) + "\n%%EOF\n";
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(pdf) == pdf.size();
}

}  // namespace simplepdf
