/// @brief Logging category of the document index ("ponder.docs").
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcDocs)
