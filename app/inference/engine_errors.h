/// @brief Turns engine errors into translated sentences a person can act on.
#pragma once

#include <QString>

namespace ponder {
struct Error;
}

/// "The model file is damaged or not a GGUF file." plus the engine's detail on a new line.
QString describeEngineError(const ponder::Error& error);

/// Why a model that was meant for the GPU runs on the CPU instead, as one sentence that does
/// not contradict the fact that it runs ("cannot run yet" would), plus the engine's detail.
QString describeGpuFallback(const ponder::Error& error);
