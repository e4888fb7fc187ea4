#include "code_highlighter.h"

#include <QCoreApplication>
#include <QTextDocument>

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

namespace {

// Loading the repository parses the metadata of several hundred syntax definitions, so all
// highlighters share one. It is deleted with the application object, not at static
// destruction time, when Qt may already be gone.
KSyntaxHighlighting::Repository& repository() {
    static KSyntaxHighlighting::Repository* instance = nullptr;
    if (!instance) {
        instance = new KSyntaxHighlighting::Repository;
        qAddPostRoutine([] {
            delete instance;
            instance = nullptr;
        });
    }
    return *instance;
}

KSyntaxHighlighting::Definition definitionFor(const QString& language) {
    auto& repo = repository();
    if (language.trimmed().isEmpty()) return {};
    auto definition = repo.definitionForName(language);
    // Code fences mostly name a file suffix ("cpp", "py", "rs"), which the definitions list
    // as file patterns.
    if (!definition.isValid()) definition = repo.definitionForFileName(QStringLiteral("snippet.") + language);
    return definition;
}

}  // namespace

CodeHighlighter::CodeHighlighter(QObject* parent) : QObject(parent) {}

CodeHighlighter::~CodeHighlighter() = default;

QQuickTextDocument* CodeHighlighter::textDocument() const {
    return m_textDocument;
}

void CodeHighlighter::setTextDocument(QQuickTextDocument* document) {
    if (m_textDocument == document) return;
    m_textDocument = document;
    apply();
    emit textDocumentChanged();
}

QString CodeHighlighter::language() const {
    return m_language;
}

void CodeHighlighter::setLanguage(const QString& language) {
    if (m_language == language) return;
    m_language = language;
    apply();
    emit languageChanged();
}

bool CodeHighlighter::dark() const {
    return m_dark;
}

void CodeHighlighter::setDark(bool dark) {
    if (m_dark == dark) return;
    m_dark = dark;
    apply();
    emit darkChanged();
}

QString CodeHighlighter::definitionName() const {
    return m_definitionName;
}

void CodeHighlighter::apply() {
    const auto definition = definitionFor(m_language);
    const QString name = definition.isValid() ? definition.name() : QString();
    if (name != m_definitionName) {
        m_definitionName = name;
        emit definitionNameChanged();
    }

    QTextDocument* document = m_textDocument ? m_textDocument->textDocument() : nullptr;
    // Without a document or a known language there is nothing to colour; detaching clears
    // the formats a previous language left behind.
    if (!document || !definition.isValid()) {
        delete m_highlighter;
        m_highlighter = nullptr;
        return;
    }
    if (!m_highlighter) m_highlighter = new KSyntaxHighlighting::SyntaxHighlighter(this);
    const auto theme = repository().defaultTheme(m_dark ? KSyntaxHighlighting::Repository::DarkTheme
                                                        : KSyntaxHighlighting::Repository::LightTheme);
    m_highlighter->setTheme(theme);
    m_highlighter->setDefinition(definition);
    if (m_highlighter->document() != document) m_highlighter->setDocument(document);
    // QSyntaxHighlighter would otherwise colour the text only on the next event loop turn;
    // doing it now means the first frame already shows the colours.
    m_highlighter->rehighlight();
}
