#include "sql_script.h"

namespace sqlscript {
namespace {

bool isWordChar(QChar c) {
    return c.isLetterOrNumber() || c == u'_';
}

// Reads the bare word starting at i (empty when i is not at a word start).
QString wordAt(const QString& s, qsizetype i) {
    if (i > 0 && isWordChar(s[i - 1])) return {};
    qsizetype j = i;
    while (j < s.size() && isWordChar(s[j]))
        ++j;
    return s.mid(i, j - i).toUpper();
}

// The statement text without its "--" comment lines (leading comments are common in migrations).
QString withoutLineComments(const QString& statement) {
    QString code;
    for (const QString& line : statement.split(u'\n'))
        if (!line.trimmed().startsWith(u"--")) code += line + u'\n';
    return code;
}

bool isTriggerDefinition(const QString& statementSoFar) {
    // "CREATE [TEMP|TEMPORARY] TRIGGER": only these have a BEGIN ... END body with semicolons.
    const QStringList words = withoutLineComments(statementSoFar).simplified().toUpper().split(u' ');
    if (words.size() < 2 || words[0] != u"CREATE") return false;
    const qsizetype at = (words[1] == u"TEMP" || words[1] == u"TEMPORARY") ? 2 : 1;
    return words.size() > at && words[at] == u"TRIGGER";
}

}  // namespace

QStringList splitStatements(const QString& script) {
    QStringList out;
    qsizetype start = 0;
    int depth = 0;  // open BEGIN (of a trigger body) or CASE blocks
    qsizetype i = 0;
    const qsizetype n = script.size();
    auto finish = [&](qsizetype end) {
        const QString statement = script.mid(start, end - start).trimmed();
        // A piece that is only comments is not a statement: QSqlQuery would reject it.
        if (!withoutLineComments(statement).trimmed().isEmpty()) out << statement;
        start = end + 1;
    };
    while (i < n) {
        const QChar c = script[i];
        if (c == u'\'' || c == u'"' || c == u'`' || c == u'[') {
            const QChar close = c == u'[' ? u']' : c;
            ++i;
            // A doubled quote inside a literal is an escaped quote, not the end.
            while (i < n) {
                if (script[i] == close) {
                    if (close != u']' && i + 1 < n && script[i + 1] == close) {
                        i += 2;
                        continue;
                    }
                    break;
                }
                ++i;
            }
            ++i;
        } else if (c == u'-' && i + 1 < n && script[i + 1] == u'-') {
            while (i < n && script[i] != u'\n')
                ++i;
        } else if (c == u'/' && i + 1 < n && script[i + 1] == u'*') {
            const qsizetype end = script.indexOf(QStringLiteral("*/"), i + 2);
            i = end < 0 ? n : end + 2;
        } else if (c == u';') {
            if (depth == 0) finish(i);
            ++i;
        } else if (isWordChar(c)) {
            const QString word = wordAt(script, i);
            if (word == u"CASE" || (word == u"BEGIN" && isTriggerDefinition(script.mid(start, i - start)))) {
                ++depth;
            } else if (word == u"END" && depth > 0) {
                --depth;
            }
            i += qMax<qsizetype>(1, word.size());
        } else {
            ++i;
        }
    }
    finish(n);
    return out;
}

}  // namespace sqlscript
