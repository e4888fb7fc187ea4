/// @brief Logging category of the model catalog and downloads ("ponder.models").
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcModels)
