/// @brief Logging category of settings and languages ("ponder.settings").
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcSettings)
