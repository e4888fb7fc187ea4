// Message text cut into the runs the view draws differently: Markdown prose, fenced code
// (with its language, open while still streaming) and display math; inline math as code.
#include <QtTest>

#include "markdown_segments.h"

using Kind = MarkdownSegment::Kind;

namespace {
MarkdownSegment prose(const QString& t) { return {Kind::Markdown, t, {}, true}; }
MarkdownSegment code(const QString& t, const QString& lang, bool closed = true) { return {Kind::Code, t, lang, closed}; }
MarkdownSegment math(const QString& t) { return {Kind::Math, t, {}, true}; }
}  // namespace

Q_DECLARE_METATYPE(MarkdownSegment)

class TstMarkdownSegments : public QObject {
    Q_OBJECT

private slots:
    void splits_data() {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QList<MarkdownSegment>>("expected");
        QTest::newRow("empty") << QString() << QList<MarkdownSegment>{};
        QTest::newRow("prose only") << "Some *text*\n\n| a | b |\n|---|---|\n| 1 | 2 |"
                                    << QList<MarkdownSegment>{prose("Some *text*\n\n| a | b |\n|---|---|\n| 1 | 2 |")};
        QTest::newRow("code between prose")
            << "Look:\n\n```cpp\nint x = 1;\n\nreturn x;\n```\nDone."
            << QList<MarkdownSegment>{prose("Look:"), code("int x = 1;\n\nreturn x;", "cpp"), prose("Done.")};
        QTest::newRow("info string words") << "```python title=x\nprint(1)\n```"
                                           << QList<MarkdownSegment>{code("print(1)", "python")};
        QTest::newRow("tilde fence, backticks inside") << "~~~\n```\nnot a fence here\n~~~"
                                                       << QList<MarkdownSegment>{code("```\nnot a fence here", "")};
        QTest::newRow("longer fence closes only with >= length")
            << "````md\n```\ninner\n```\n````" << QList<MarkdownSegment>{code("```\ninner\n```", "md")};
        QTest::newRow("unclosed while streaming") << "Here:\n```rust\nfn main() {"
                                                  << QList<MarkdownSegment>{prose("Here:"), code("fn main() {", "rust", false)};
        QTest::newRow("indented fence") << "   ```\nx\n   ```" << QList<MarkdownSegment>{code("x", "")};
        QTest::newRow("four spaces is not a fence") << "    ```\nx" << QList<MarkdownSegment>{prose("```\nx")};
        QTest::newRow("inline backticks are not a fence") << "use ``` in text``` here"
                                                          << QList<MarkdownSegment>{prose("use ``` in text``` here")};
        QTest::newRow("display math $$") << "Euler:\n$$\ne^{i\\pi} + 1 = 0\n$$\nNice."
                                         << QList<MarkdownSegment>{prose("Euler:"), math("e^{i\\pi} + 1 = 0"), prose("Nice.")};
        QTest::newRow("display math one line") << "$$a^2 + b^2 = c^2$$" << QList<MarkdownSegment>{math("a^2 + b^2 = c^2")};
        QTest::newRow("display math \\[") << "\\[\n\\frac{1}{2}\n\\]" << QList<MarkdownSegment>{math("\\frac{1}{2}")};
        QTest::newRow("unclosed $$ stays prose") << "Cost $$ maybe" << QList<MarkdownSegment>{prose("Cost $$ maybe")};
        QTest::newRow("crlf") << "a\r\n```\r\nb\r\n```" << QList<MarkdownSegment>{prose("a"), code("b", "")};
    }

    void splits() {
        QFETCH(QString, input);
        QFETCH(QList<MarkdownSegment>, expected);
        const QList<MarkdownSegment> got = splitMarkdownSegments(input);
        QCOMPARE(got.size(), expected.size());
        for (qsizetype i = 0; i < got.size(); ++i) {
            QCOMPARE(int(got[i].kind), int(expected[i].kind));
            QCOMPARE(got[i].text, expected[i].text);
            QCOMPARE(got[i].language, expected[i].language);
            QCOMPARE(got[i].closed, expected[i].closed);
        }
    }

    void inlineMath_data() {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("dollar") << "where $x^2$ grows" << "where `x^2` grows";
        QTest::newRow("paren") << "so \\(a+b\\) holds" << "so `a+b` holds";
        QTest::newRow("prices stay") << "costs $5 and $10 today" << "costs $5 and $10 today";
        QTest::newRow("space after opening") << "a $ b$ c" << "a $ b$ c";
        QTest::newRow("inside code untouched") << "run `echo $HOME$` now" << "run `echo $HOME$` now";
        QTest::newRow("backtick in math") << "$a`b$" << "`` a`b ``";
        QTest::newRow("two formulas") << "$a$ and $b$" << "`a` and `b`";
    }

    void inlineMath() {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(inlineMathToCode(input), expected);
    }

    void variantForQml() {
        const QVariantList list = segmentsToVariant(splitMarkdownSegments(QStringLiteral("x\n```js\ny\n```")));
        QCOMPARE(list.size(), 2);
        const QVariantMap c = list[1].toMap();
        QCOMPARE(c.value(QStringLiteral("kind")).toString(), QStringLiteral("code"));
        QCOMPARE(c.value(QStringLiteral("language")).toString(), QStringLiteral("js"));
        QCOMPARE(c.value(QStringLiteral("text")).toString(), QStringLiteral("y"));
        QCOMPARE(c.value(QStringLiteral("closed")).toBool(), true);
    }
};

QTEST_GUILESS_MAIN(TstMarkdownSegments)
#include "tst_markdown_segments.moc"
