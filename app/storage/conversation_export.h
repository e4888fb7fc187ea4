/// @brief Export of one conversation to Markdown (for reading) and JSON (for import back).
#pragma once

#include "conversation_store.h"

#include <QByteArray>
#include <QString>

namespace conversationexport {

/// The JSON format's identifiers; see export_format.md next to this file.
inline constexpr char kFormatName[] = "ponder-conversation";
inline constexpr int kFormatVersion = 1;

/// The active branch as a Markdown document: title, system prompt, each message under its
/// role, reasoning folded in a <details> block.
Result<QString> toMarkdown(ConversationStore& store, qint64 conversationId);

/// The whole conversation, every branch included, in the versioned JSON format.
Result<QByteArray> toJson(ConversationStore& store, qint64 conversationId);

}  // namespace conversationexport
