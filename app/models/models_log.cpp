#include "models_log.h"

Q_LOGGING_CATEGORY(lcModels, "ponder.models", QtWarningMsg)
