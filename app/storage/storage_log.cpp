#include "storage_log.h"

// Warnings by default: storage problems (set-aside files, failed flushes) must reach the log
// even in release builds, where debug output is off.
Q_LOGGING_CATEGORY(lcStorage, "ponder.storage", QtWarningMsg)
