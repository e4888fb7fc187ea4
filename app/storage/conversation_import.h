/// @brief Import of a conversation from the JSON export format (validated, never trusted).
#pragma once

#include "conversation_store.h"

#include <QByteArray>

namespace conversationimport {

/// Largest file accepted; larger input is refused before parsing (a conversation of this size
/// is far beyond any real chat, and parsing it would hold the UI thread).
inline constexpr qsizetype kMaxBytes = 64 * 1024 * 1024;

/// Validates @p json against the format of export_format.md (version 1 or older) and stores
/// it as a new conversation, all or nothing. Returns the new conversation's id, or an
/// InvalidImport error naming what is wrong. Malformed input of any kind is an error, never a
/// crash.
Result<qint64> fromJson(ConversationStore& store, const QByteArray& json);

}  // namespace conversationimport
