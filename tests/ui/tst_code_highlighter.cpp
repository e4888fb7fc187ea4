// CodeHighlighter colours a TextEdit's document through KSyntaxHighlighting: this fails when
// the static library lost its compiled-in syntax definitions, or the type stops applying them.
#include <QtQml/qqmlextensionplugin.h>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickTextDocument>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QtTest>

#include <memory>

#include "quick_setup.h"

Q_IMPORT_QML_PLUGIN(Ponder_CorePlugin)
Q_IMPORT_QML_PLUGIN(PonderPlugin)

namespace {

const char* const kSnippet =
    "// add two numbers\n"
    "int add(int a, int b) {\n"
    "    return a + b;\n"
    "}\n";

// The format covering the character at `position` of the document, if any.
std::optional<QTextCharFormat> formatAt(QTextDocument* document, int position) {
    const QTextBlock block = document->findBlock(position);
    const int offset = position - block.position();
    for (const QTextLayout::FormatRange& range : block.layout()->formats())
        if (offset >= range.start && offset < range.start + range.length) return range.format;
    return std::nullopt;
}

int formatCount(QTextDocument* document) {
    int count = 0;
    for (QTextBlock b = document->begin(); b.isValid(); b = b.next())
        count += int(b.layout()->formats().size());
    return count;
}

}  // namespace

class TstCodeHighlighter : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void colorsCppSnippet();
    void resolvesLanguageNames_data();
    void resolvesLanguageNames();
    void unknownLanguageClearsFormats();
    void darkThemeChangesColors();

private:
    QTextDocument* document() const;

    QQmlEngine m_engine;
    std::unique_ptr<QObject> m_edit;
    QObject* m_highlighter = nullptr;
};

void TstCodeHighlighter::init() {
    ponder::ui::configureEngine(m_engine);
    QQmlComponent component(&m_engine);
    component.setData(R"(
        import QtQuick
        import Ponder
        TextEdit {
            id: edit
            property alias highlighter: highlighter
            textFormat: TextEdit.PlainText
            CodeHighlighter { id: highlighter; textDocument: edit.textDocument; language: "cpp" }
        })",
                      QUrl(QStringLiteral("memory:/Highlighted.qml")));
    // Imports may resolve asynchronously (the type loader has its own thread).
    QTRY_VERIFY(!component.isLoading());
    m_edit.reset(component.create());
    QVERIFY2(m_edit, qPrintable(component.errorString()));
    m_edit->setProperty("text", QString::fromLatin1(kSnippet));
    m_highlighter = m_edit->property("highlighter").value<QObject*>();
    QVERIFY(m_highlighter);
}

void TstCodeHighlighter::cleanup() {
    m_edit.reset();
}

QTextDocument* TstCodeHighlighter::document() const {
    return m_edit->property("textDocument").value<QQuickTextDocument*>()->textDocument();
}

void TstCodeHighlighter::colorsCppSnippet() {
    QCOMPARE(m_highlighter->property("definitionName").toString(), QStringLiteral("C++"));
    QTextDocument* doc = document();
    QVERIFY2(formatCount(doc) > 3, "the snippet was not highlighted");

    const QString text = doc->toPlainText();
    const auto keyword = formatAt(doc, int(text.indexOf(QLatin1String("return"))));
    const auto comment = formatAt(doc, int(text.indexOf(QLatin1String("add two"))));
    QVERIFY(keyword && keyword->hasProperty(QTextFormat::ForegroundBrush));
    QVERIFY(comment && comment->hasProperty(QTextFormat::ForegroundBrush));
    QVERIFY2(keyword->foreground().color() != comment->foreground().color(),
             "keywords and comments look the same");
}

void TstCodeHighlighter::resolvesLanguageNames_data() {
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("definition");
    QTest::newRow("suffix cpp") << "cpp"
                                << "C++";
    QTest::newRow("name Python") << "Python"
                                 << "Python";
    QTest::newRow("suffix py") << "py"
                               << "Python";
    QTest::newRow("suffix rs") << "rs"
                               << "Rust";
    QTest::newRow("name Bash") << "Bash"
                               << "Bash";
    QTest::newRow("unknown") << "no-such-language"
                             << "";
    QTest::newRow("empty") << ""
                           << "";
}

void TstCodeHighlighter::resolvesLanguageNames() {
    QFETCH(QString, language);
    QFETCH(QString, definition);
    m_highlighter->setProperty("language", language);
    QCOMPARE(m_highlighter->property("definitionName").toString(), definition);
}

void TstCodeHighlighter::unknownLanguageClearsFormats() {
    QVERIFY(formatCount(document()) > 0);
    m_highlighter->setProperty("language", QStringLiteral("no-such-language"));
    QCOMPARE(formatCount(document()), 0);
}

void TstCodeHighlighter::darkThemeChangesColors() {
    const int position = int(document()->toPlainText().indexOf(QLatin1String("return")));
    const auto light = formatAt(document(), position);
    m_highlighter->setProperty("dark", true);
    const auto dark = formatAt(document(), position);
    QVERIFY(light && dark);
    QVERIFY(light->foreground().color() != dark->foreground().color());
}

QTEST_MAIN(TstCodeHighlighter)
#include "tst_code_highlighter.moc"
