// Shared by the document-index tests: a database in a temporary folder with a DocsStore, a
// generated corpus of every supported format (and broken ones), and small SQL helpers.
#pragma once

#include "database.h"
#include "docs_store.h"

#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QStringList>
#include <QTemporaryDir>
#include <QVariant>

struct DocsFixture {
    QTemporaryDir dir;
    Database db{dir.filePath(QStringLiteral("data"))};
    Result<OpenReport> opened = db.open();
    DocsStore store{db};

    bool isOk() const { return dir.isValid() && opened.isOk(); }
    QString path(const QString& name) const { return dir.filePath(name); }
};

inline QVariant docsScalar(Database& db, const QString& sql) {
    QSqlQuery q(db.connection());
    if (!q.exec(sql) || !q.next()) return {};
    return q.value(0);
}

inline bool writeFile(const QString& path, const QByteArray& bytes) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

/// A PDF with the standard security handler whose user password is not empty (the /U entry
/// matches no password), so readers must ask for one.
inline QByteArray encryptedPdf() {
    const QList<QByteArray> objects = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        "<< /Length 10 >>\nstream\n0123456789\nendstream",
        "<< /Filter /Standard /V 1 /R 2 /O <" + QByteArray(64, '4') + "> /U <" + QByteArray(64, '2') + "> /P -4 >>",
    };
    QByteArray pdf = "%PDF-1.4\n";
    QList<qsizetype> offsets;
    for (qsizetype i = 0; i < objects.size(); ++i) {
        offsets << pdf.size();
        pdf += QByteArray::number(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const qsizetype xref = pdf.size();
    pdf += "xref\n0 6\n0000000000 65535 f \n";
    for (qsizetype off : offsets) pdf += QByteArray::number(off).rightJustified(10, '0') + " 00000 n \n";
    pdf += "trailer\n<< /Size 6 /Root 1 0 R /Encrypt 5 0 R /ID [<00112233445566778899aabbccddeeff> "
           "<00112233445566778899aabbccddeeff>] >>\nstartxref\n" +
           QByteArray::number(xref) + "\n%%EOF\n";
    return pdf;
}

/// Topic paragraphs with facts a question can be checked against. Each entry: file name,
/// content. The labelled questions in tst_docs_retrieval refer to these sentences.
inline QList<QPair<QString, QString>> labelledCorpus() {
    return {
        {QStringLiteral("astronomy.md"),
         QStringLiteral("# Planets\n\nJupiter is the largest planet of the solar system; its Great Red Spot is a storm "
                        "larger than Earth.\n\nSaturn has rings made of ice and rock.\n\n## Moons\n\nEuropa, a moon of "
                        "Jupiter, hides a salty ocean under its ice shell.\n")},
        {QStringLiteral("cooking.txt"),
         QStringLiteral("Bread dough rises because yeast ferments sugar and releases carbon dioxide.\n"
                        "Knead the dough for ten minutes to develop gluten.\n\n"
                        "Risotto needs arborio rice, warm stock added slowly, and constant stirring.\n")},
        {QStringLiteral("garden.html"),
         QStringLiteral("<html><head><title>Garden</title><script>var tomato = 'not text';</script></head>\n<body>\n"
                        "<h1>Vegetables</h1>\n<p>Tomatoes need six hours of direct sunlight and deep, infrequent "
                        "watering.</p>\n<p>Plant garlic cloves in autumn; harvest them when the lower leaves turn "
                        "brown.</p>\n</body></html>\n")},
        {QStringLiteral("src/checksum.py"),
         QStringLiteral("def adler32(data):\n    \"\"\"Adler-32 checksum: two running sums modulo 65521.\"\"\"\n"
                        "    a, b = 1, 0\n    for byte in data:\n        a = (a + byte) % 65521\n"
                        "        b = (b + a) % 65521\n    return (b << 16) | a\n")},
        {QStringLiteral("history.txt"),
         QStringLiteral("The printing press with movable type was developed by Johannes Gutenberg around 1440 in "
                        "Mainz.\n\nThe Rosetta Stone, found in 1799, carries the same decree in hieroglyphic, "
                        "Demotic and Greek scripts.\n")},
        {QStringLiteral("hardware.md"),
         QStringLiteral("Lithium-ion batteries age faster when stored fully charged at high temperature.\n\n"
                        "A solid-state drive wears out after a limited number of program/erase cycles per cell.\n")},
    };
}

/// FTS5's own check that the external-content index matches the chunks table.
inline bool ftsIntegrity(Database& db) {
    QSqlQuery q(db.connection());
    return q.exec(QStringLiteral("INSERT INTO chunks_fts (chunks_fts, rank) VALUES ('integrity-check', 1)"));
}
