/// @brief Splits a message's Markdown into prose, fenced code and display math, for the view.
#pragma once

#include <QList>
#include <QString>
#include <QVariantList>

/// One run of a message. Qt 6.4's Text.MarkdownText renders prose (tables, lists, links,
/// inline code) well, but shows fenced code as plain paragraphs with no highlighting and no
/// copy button, and knows nothing of LaTeX. So code blocks and display math are cut out and
/// drawn by their own delegates.
struct MarkdownSegment {
    enum class Kind { Markdown, Code, Math };
    Kind kind = Kind::Markdown;
    QString text;      ///< prose: Markdown; code: the code without fences; math: the LaTeX source
    QString language;  ///< code only: the fence's info string's first word ("cpp"), may be empty
    /// False for a code block whose closing fence has not streamed in yet.
    bool closed = true;

    bool operator==(const MarkdownSegment&) const = default;
};

/// Splits @p markdown. Fences are ``` or ~~~ (three or more, up to three spaces of indent);
/// a fence closes with the same character, at least as long. Display math is $$...$$ or
/// \[...\] on lines of their own (the delimiters may share the line with the formula). An
/// unclosed fence at the end (a message still streaming) yields an open code segment.
/// Inline math ($x^2$, \(x\)) in prose becomes inline code, so formulas read as monospace.
QList<MarkdownSegment> splitMarkdownSegments(const QString& markdown);

/// Inline math in prose turned into Markdown inline code. A `$` counts only when it opens
/// without a following space and closes without a preceding space and no digit right after,
/// so prices ("$5 and $10") stay text.
QString inlineMathToCode(const QString& prose);

/// The segments as a list of maps {kind: "markdown"|"code"|"math", text, language, closed}
/// for a QML Repeater.
QVariantList segmentsToVariant(const QList<MarkdownSegment>& segments);
