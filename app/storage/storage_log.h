/// @brief Logging category of the conversation store ("ponder.storage").
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcStorage)
