// Push-constant blocks shared by C++ (engine/src/vk) and GLSL (shaders/*.comp).
// Plain 32-bit scalars only, so std430 and C++ layouts agree without padding rules.
#ifndef PONDER_PUSH_CONSTANTS_H
#define PONDER_PUSH_CONSTANTS_H

#ifdef __cplusplus
#include <cstdint>
namespace ponder::vk {
#define PONDER_PUSH(name) struct name
#define PONDER_U32 uint32_t
#define PONDER_F32 float
#else
#define PONDER_PUSH(name) layout(push_constant) uniform name
#define PONDER_U32 uint
#define PONDER_F32 float
#endif

// smoke.comp: dot products of int8 rows with an f16 vector.
PONDER_PUSH(SmokePush) {
    PONDER_U32 n;        // elements per row
    PONDER_U32 rows;     // number of rows
    PONDER_F32 scale;    // multiplies every result
}
#ifndef __cplusplus
pc
#endif
;

#ifdef __cplusplus
}  // namespace ponder::vk
#endif
#endif
