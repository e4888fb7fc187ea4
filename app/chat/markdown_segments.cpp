#include "markdown_segments.h"

#include <QRegularExpression>
#include <QVariantMap>

namespace {

struct Fence {
    QChar ch;
    int length = 0;
    QString info;
};

// A line opening (or closing) a fence: up to three spaces, then three or more ` or ~.
bool parseFence(const QString& line, Fence& fence) {
    int i = 0;
    while (i < line.size() && i < 3 && line[i] == QLatin1Char(' '))
        ++i;
    if (i >= line.size()) return false;
    const QChar ch = line[i];
    if (ch != QLatin1Char('`') && ch != QLatin1Char('~')) return false;
    int n = 0;
    while (i + n < line.size() && line[i + n] == ch)
        ++n;
    if (n < 3) return false;
    const QString info = line.mid(i + n).trimmed();
    // CommonMark: a backtick fence's info string may not contain backticks (that is inline code).
    if (ch == QLatin1Char('`') && info.contains(QLatin1Char('`'))) return false;
    fence = {ch, n, info};
    return true;
}

bool closesFence(const QString& line, const Fence& open) {
    Fence f;
    return parseFence(line, f) && f.ch == open.ch && f.length >= open.length && f.info.isEmpty();
}

class Splitter {
public:
    QList<MarkdownSegment> run(const QString& markdown) {
        const QStringList lines = markdown.split(QLatin1Char('\n'));
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const QString& line = lines[i];
            Fence fence;
            if (parseFence(line, fence)) {
                i = takeCode(lines, i, fence);
                continue;
            }
            const QString t = line.trimmed();
            if (t.startsWith(QLatin1String("$$")) || t.startsWith(QLatin1String("\\["))) {
                const qsizetype end = takeMath(lines, i);
                if (end >= 0) {
                    i = end;
                    continue;
                }
            }
            m_prose << line;
        }
        flushProse();
        return m_out;
    }

private:
    qsizetype takeCode(const QStringList& lines, qsizetype start, const Fence& fence) {
        flushProse();
        MarkdownSegment code;
        code.kind = MarkdownSegment::Kind::Code;
        code.language = fence.info.section(QLatin1Char(' '), 0, 0);
        QStringList body;
        qsizetype i = start + 1;
        for (; i < lines.size(); ++i) {
            if (closesFence(lines[i], fence)) break;
            body << lines[i];
        }
        code.closed = i < lines.size();
        code.text = body.join(QLatin1Char('\n'));
        m_out << code;
        return code.closed ? i : lines.size();
    }

    // Display math from line `start`; returns the last line used, or -1 when it never closes
    // (then the text is prose: a lone "$$" while streaming is shown as it is).
    qsizetype takeMath(const QStringList& lines, qsizetype start) {
        const QString first = lines[start].trimmed();
        const bool dollars = first.startsWith(QLatin1String("$$"));
        const QString close = dollars ? QStringLiteral("$$") : QStringLiteral("\\]");
        QString text = first.mid(2);
        qsizetype i = start;
        for (;;) {
            const qsizetype at = text.indexOf(close);
            if (at >= 0) {
                if (!text.mid(at + 2).trimmed().isEmpty()) return -1;  // text after: inline use
                text.truncate(at);
                break;
            }
            if (++i >= lines.size()) return -1;
            text += QLatin1Char('\n') + lines[i];
        }
        flushProse();
        MarkdownSegment math;
        math.kind = MarkdownSegment::Kind::Math;
        math.text = text.trimmed();
        m_out << math;
        return i;
    }

    void flushProse() {
        // Blank lines between blocks are layout, not content: an all-blank run is dropped.
        const QString text = m_prose.join(QLatin1Char('\n'));
        m_prose.clear();
        if (text.trimmed().isEmpty()) return;
        MarkdownSegment prose;
        prose.text = inlineMathToCode(text.trimmed());
        m_out << prose;
    }

    QStringList m_prose;
    QList<MarkdownSegment> m_out;
};

QString asInlineCode(const QString& math) {
    // A backtick inside the formula would end the code span: use a longer delimiter then.
    const QString tick = math.contains(QLatin1Char('`')) ? QStringLiteral("`` ") : QStringLiteral("`");
    const QString end = math.contains(QLatin1Char('`')) ? QStringLiteral(" ``") : QStringLiteral("`");
    return tick + math + end;
}

}  // namespace

QString inlineMathToCode(const QString& prose) {
    // \( ... \) first: unambiguous. Then $...$ with the price rule. Existing inline code is
    // skipped so a `$HOME` in a code span stays as written.
    static const QRegularExpression pattern(QStringLiteral(
        R"((`+)[^`]*?\1|\\\((.+?)\\\)|(?<![\\$\w])\$(?![\s$])((?:\\\$|[^$\n])+?)(?<![\s\\])\$(?![\d$]))"));
    QString out;
    qsizetype last = 0;
    auto it = pattern.globalMatch(prose);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out += prose.mid(last, m.capturedStart() - last);
        if (m.capturedLength(1) > 0) {
            out += m.captured(0);
        } else {
            const QString math = m.capturedLength(2) > 0 ? m.captured(2) : m.captured(3);
            out += asInlineCode(math.trimmed());
        }
        last = m.capturedEnd();
    }
    out += prose.mid(last);
    return out;
}

QList<MarkdownSegment> splitMarkdownSegments(const QString& markdown) {
    QString text = markdown;
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    return Splitter().run(text);
}

QVariantList segmentsToVariant(const QList<MarkdownSegment>& segments) {
    QVariantList list;
    list.reserve(segments.size());
    for (const MarkdownSegment& s : segments) {
        QVariantMap map;
        switch (s.kind) {
            case MarkdownSegment::Kind::Markdown: map[QStringLiteral("kind")] = QStringLiteral("markdown"); break;
            case MarkdownSegment::Kind::Code: map[QStringLiteral("kind")] = QStringLiteral("code"); break;
            case MarkdownSegment::Kind::Math: map[QStringLiteral("kind")] = QStringLiteral("math"); break;
        }
        map[QStringLiteral("text")] = s.text;
        map[QStringLiteral("language")] = s.language;
        map[QStringLiteral("closed")] = s.closed;
        list << map;
    }
    return list;
}
