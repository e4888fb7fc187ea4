#include "docs_log.h"

// Warnings by default: a file that cannot be indexed must reach the log in release builds.
Q_LOGGING_CATEGORY(lcDocs, "ponder.docs", QtWarningMsg)
