/// @brief Logging category of the chat models ("ponder.chat").
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcChat)
