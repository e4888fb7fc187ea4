/// @brief The --backend / --kv-type / --context options shared by the model commands.
#pragma once

#include "command.h"
#include "ponder/model.h"

namespace ponder::cli {

/// Reads --backend (cpu|vulkan), --kv-type (f16|f32) and --context N into session options.
/// The Vulkan forward pass is not wired into sessions yet: asking for it is an error that
/// says so rather than a silent fallback to the CPU.
Result<SessionOptions> sessionOptionsFrom(const Args& args);

}  // namespace ponder::cli
