/// @brief ggml tensor element types as stored in GGUF files, with their block geometry.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace ponder {

/// ggml_type ids (engine-spec.md 1.3). Only ids that can occur in a GGUF file are listed;
/// retired ids (4, 5, 31-33, 36-38) are absent on purpose so a file using them is rejected.
enum class TensorType : uint32_t {
    F32 = 0, F16 = 1, Q4_0 = 2, Q4_1 = 3, Q5_0 = 6, Q5_1 = 7, Q8_0 = 8, Q8_1 = 9,
    Q2_K = 10, Q3_K = 11, Q4_K = 12, Q5_K = 13, Q6_K = 14, Q8_K = 15,
    IQ2_XXS = 16, IQ2_XS = 17, IQ3_XXS = 18, IQ1_S = 19, IQ4_NL = 20, IQ3_S = 21, IQ2_S = 22,
    IQ4_XS = 23, I8 = 24, I16 = 25, I32 = 26, I64 = 27, F64 = 28, IQ1_M = 29, BF16 = 30,
    TQ1_0 = 34, TQ2_0 = 35, MXFP4 = 39,
    // Newer ggml types: listed so such files open and can be inspected (ponder-cli info);
    // Ponder cannot compute them (canCompute = false).
    NVFP4 = 40, Q1_0 = 41, Q2_0 = 42,
};

/// Geometry of one type: elements per block and bytes per block.
struct TensorTypeInfo {
    TensorType type;
    std::string_view name;   // "Q4_K"
    uint32_t blockElements;  // 1 for plain types, 32 or 256 for block formats
    uint32_t blockBytes;
    bool canCompute;         // Ponder can dequantize / run it
};

/// Info for a raw type id from a file; nullopt for ids that are unknown or retired.
std::optional<TensorTypeInfo> tensorTypeInfo(uint32_t rawType);
/// All types in id order (for tables and tests).
std::span<const TensorTypeInfo> allTensorTypes();
/// Info for a known type (never fails).
TensorTypeInfo tensorTypeInfo(TensorType type);
/// "Q4_K" etc.
std::string_view tensorTypeName(TensorType type);
/// Parses "q4_k" / "Q4_K"; nullopt when unknown.
std::optional<TensorType> tensorTypeFromName(std::string_view name);

}  // namespace ponder
