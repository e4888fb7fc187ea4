/// @brief The citations of an answer (table message_citations, migration 005): what its [n]
/// referred to, kept with the message so a restart still opens the passages.
#pragma once

#include "database.h"
#include "docs_types.h"
#include "storage_result.h"

namespace citationstore {

/// Replaces the citations of @p messageId with @p citations (one transaction).
Status save(Database& db, qint64 messageId, const QList<Citation>& citations);
/// The citations of @p messageId ordered by number (chunkId is 0: the copy outlives chunks).
Result<QList<Citation>> load(Database& db, qint64 messageId);

}  // namespace citationstore
