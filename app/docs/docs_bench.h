/// @brief `ponder docs bench`: indexing speed (pages/s, chunks/s; embeddings when a model is
/// given) and query latency at 10k and 100k chunks, printed as a Markdown table.
#pragma once

#include <QStringList>

class QCommandLineParser;

/// Works in a temporary folder; the user's data folder is never touched.
int runDocsBench(const QCommandLineParser& parser, const QStringList& positional);
