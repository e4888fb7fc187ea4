/// @brief Ponder's version and the git revision it was built from.
#pragma once

namespace ponder {

/// "0.1.0"
const char* versionString();
/// Short git commit hash, or "unknown" when built outside git.
const char* gitRevision();

}  // namespace ponder
