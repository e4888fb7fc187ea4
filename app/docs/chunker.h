/// @brief Splits extracted pages into overlapping chunks that remember their page and lines.
#pragma once

#include "docs_types.h"

#include <QList>

struct ChunkOptions {
    /// About a paragraph or two: small enough that a citation points somewhere precise and a
    /// handful fit in the prompt, large enough to carry a whole answer.
    int targetChars = 1200;
    /// Text repeated at the start of the next chunk, so an answer that straddles a boundary
    /// is whole in at least one chunk.
    int overlapChars = 200;
};

namespace chunker {

/// Chunks never cross a page, so each has one page number. Lines are counted from 1 within
/// the page; a line longer than targetChars is cut at spaces and its pieces share its number.
/// Whitespace-only chunks are dropped.
QList<TextChunk> chunkPages(const QList<ExtractedPage>& pages, const ChunkOptions& options = {});

}  // namespace chunker
