/// @brief Turns engine errors into translated sentences a person can act on.
#pragma once

#include <QString>

namespace ponder {
struct Error;
}

/// "The model file is damaged or not a GGUF file." plus the engine's detail on a new line.
QString describeEngineError(const ponder::Error& error);
