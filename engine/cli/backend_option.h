/// @brief The --backend / --device / --kv-type / --context / --threads / --prompt-chunk
/// options shared by the model commands.
#pragma once

#include "command.h"
#include "ponder/model.h"

namespace ponder::cli {

/// Reads --backend (cpu|vulkan), --device (index or name, Vulkan only), --kv-type (f16|f32),
/// --context N, --threads N and --prompt-chunk N into session options.
Result<SessionOptions> sessionOptionsFrom(const Args& args);

}  // namespace ponder::cli
