/// @brief Syntax highlighting for a QML TextEdit/TextArea through KDE Syntax-Highlighting.
#pragma once

#include <QtQml/qqmlregistration.h>
#include <QObject>
#include <QPointer>
#include <QQuickTextDocument>
#include <QString>

namespace KSyntaxHighlighting {
class SyntaxHighlighter;
}

/// Attaches a highlighter to the document of a TextEdit:
/// `CodeHighlighter { textDocument: edit.textDocument; language: "cpp"; dark: Theme.dark }`.
/// `language` accepts what Markdown code fences use: a definition name ("Python", "C++"),
/// or a file suffix ("cpp", "py", "rs"). Unknown languages leave the text unformatted.
class CodeHighlighter : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(
        QQuickTextDocument* textDocument READ textDocument WRITE setTextDocument NOTIFY textDocumentChanged)
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)
    Q_PROPERTY(bool dark READ dark WRITE setDark NOTIFY darkChanged)
    /// The syntax definition actually used ("C++"), empty when the language is unknown.
    Q_PROPERTY(QString definitionName READ definitionName NOTIFY definitionNameChanged)

public:
    explicit CodeHighlighter(QObject* parent = nullptr);
    ~CodeHighlighter() override;

    QQuickTextDocument* textDocument() const;
    void setTextDocument(QQuickTextDocument* document);
    QString language() const;
    void setLanguage(const QString& language);
    bool dark() const;
    void setDark(bool dark);
    QString definitionName() const;

signals:
    void textDocumentChanged();
    void languageChanged();
    void darkChanged();
    void definitionNameChanged();

private:
    void apply();

    QPointer<QQuickTextDocument> m_textDocument;
    QString m_language;
    bool m_dark = false;
    QString m_definitionName;
    KSyntaxHighlighting::SyntaxHighlighter* m_highlighter = nullptr;
};
