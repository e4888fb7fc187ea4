#include "chunker.h"

#include <algorithm>

namespace chunker {
namespace {

struct Segment {
    int line = 1;
    QStringView text;
};

// Cuts one over-long line at the last space before the limit (or hard, for minified code).
void splitLine(QStringView line, int lineNo, int limit, QList<Segment>& out) {
    while (line.size() > limit) {
        qsizetype cut = limit;
        for (qsizetype k = limit; k > limit / 2; --k) {
            if (line[k].isSpace()) {
                cut = k;
                break;
            }
        }
        out.append({lineNo, line.left(cut)});
        line = line.mid(cut);
        while (!line.isEmpty() && line.front().isSpace()) line = line.mid(1);
    }
    out.append({lineNo, line});
}

void chunkPage(const ExtractedPage& page, const ChunkOptions& o, QList<TextChunk>& out) {
    const int target = std::max(64, o.targetChars);
    const int overlap = std::clamp(o.overlapChars, 0, target / 2);
    QList<Segment> segs;
    int lineNo = 1;
    for (QStringView line : QStringView(page.text).split(u'\n')) {
        splitLine(line, lineNo, target, segs);
        ++lineNo;
    }
    qsizetype start = 0;
    while (start < segs.size()) {
        qsizetype end = start;
        qsizetype length = 0;
        while (end < segs.size() && (end == start || length + segs[end].text.size() + 1 <= target)) {
            length += segs[end].text.size() + 1;
            ++end;
        }
        QString text;
        text.reserve(length);
        for (qsizetype k = start; k < end; ++k) {
            if (k > start) text.append(segs[k].line == segs[k - 1].line ? u' ' : u'\n');
            text.append(segs[k].text);
        }
        if (!text.trimmed().isEmpty()) {
            // Trim blank lines at the edges so the line range covers only the text shown.
            qsizetype first = start, last = end - 1;
            while (first < last && segs[first].text.trimmed().isEmpty()) ++first;
            while (last > first && segs[last].text.trimmed().isEmpty()) --last;
            out.append({page.number, segs[first].line, segs[last].line, text.trimmed()});
        }
        if (end >= segs.size()) break;
        // Step back over whole segments worth about `overlap` characters, always moving on.
        qsizetype next = end;
        qsizetype kept = 0;
        while (next - 1 > start && kept + segs[next - 1].text.size() <= overlap) {
            kept += segs[next - 1].text.size() + 1;
            --next;
        }
        start = next;
    }
}

}  // namespace

QList<TextChunk> chunkPages(const QList<ExtractedPage>& pages, const ChunkOptions& options) {
    QList<TextChunk> out;
    for (const ExtractedPage& page : pages) chunkPage(page, options, out);
    return out;
}

}  // namespace chunker
