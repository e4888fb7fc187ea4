#include "ponder/tensor_type.h"

#include <array>
#include <cctype>

namespace ponder {
namespace {

// Block geometry from engine-spec.md 1.3 (ggml-common.h static asserts, gguf-py
// GGML_QUANT_SIZES). canCompute marks what the spec's section 3.3 says an engine needs for
// every popular quant of the target architectures; the quant folder implements exactly
// these, so the model loader can reject anything else up front with a clear message.
constexpr std::array kTypes = {
    TensorTypeInfo{TensorType::F32, "F32", 1, 4, true},
    TensorTypeInfo{TensorType::F16, "F16", 1, 2, true},
    TensorTypeInfo{TensorType::Q4_0, "Q4_0", 32, 18, true},
    TensorTypeInfo{TensorType::Q4_1, "Q4_1", 32, 20, true},
    TensorTypeInfo{TensorType::Q5_0, "Q5_0", 32, 22, true},
    TensorTypeInfo{TensorType::Q5_1, "Q5_1", 32, 24, true},
    TensorTypeInfo{TensorType::Q8_0, "Q8_0", 32, 34, true},
    TensorTypeInfo{TensorType::Q8_1, "Q8_1", 32, 36, false},
    TensorTypeInfo{TensorType::Q2_K, "Q2_K", 256, 84, true},
    TensorTypeInfo{TensorType::Q3_K, "Q3_K", 256, 110, true},
    TensorTypeInfo{TensorType::Q4_K, "Q4_K", 256, 144, true},
    TensorTypeInfo{TensorType::Q5_K, "Q5_K", 256, 176, true},
    TensorTypeInfo{TensorType::Q6_K, "Q6_K", 256, 210, true},
    TensorTypeInfo{TensorType::Q8_K, "Q8_K", 256, 292, false},
    TensorTypeInfo{TensorType::IQ2_XXS, "IQ2_XXS", 256, 66, false},
    TensorTypeInfo{TensorType::IQ2_XS, "IQ2_XS", 256, 74, false},
    TensorTypeInfo{TensorType::IQ3_XXS, "IQ3_XXS", 256, 98, false},
    TensorTypeInfo{TensorType::IQ1_S, "IQ1_S", 256, 50, false},
    TensorTypeInfo{TensorType::IQ4_NL, "IQ4_NL", 32, 18, true},
    TensorTypeInfo{TensorType::IQ3_S, "IQ3_S", 256, 110, false},
    TensorTypeInfo{TensorType::IQ2_S, "IQ2_S", 256, 82, false},
    TensorTypeInfo{TensorType::IQ4_XS, "IQ4_XS", 256, 136, true},
    TensorTypeInfo{TensorType::I8, "I8", 1, 1, false},
    TensorTypeInfo{TensorType::I16, "I16", 1, 2, false},
    TensorTypeInfo{TensorType::I32, "I32", 1, 4, false},
    TensorTypeInfo{TensorType::I64, "I64", 1, 8, false},
    TensorTypeInfo{TensorType::F64, "F64", 1, 8, false},
    TensorTypeInfo{TensorType::IQ1_M, "IQ1_M", 256, 56, false},
    TensorTypeInfo{TensorType::BF16, "BF16", 1, 2, true},
    TensorTypeInfo{TensorType::TQ1_0, "TQ1_0", 256, 54, false},
    TensorTypeInfo{TensorType::TQ2_0, "TQ2_0", 256, 66, false},
    TensorTypeInfo{TensorType::MXFP4, "MXFP4", 32, 17, true},
    TensorTypeInfo{TensorType::NVFP4, "NVFP4", 64, 36, false},
    TensorTypeInfo{TensorType::Q1_0, "Q1_0", 128, 18, false},
    TensorTypeInfo{TensorType::Q2_0, "Q2_0", 64, 18, false},
};

constexpr uint32_t kMaxId = 42;

// id -> index into kTypes, or -1 for ids that are retired or unknown. Built at compile time
// so a lookup in the per-tensor hot path is one array access.
constexpr std::array<int8_t, kMaxId + 1> kIndexById = [] {
    std::array<int8_t, kMaxId + 1> index{};
    for (auto& i : index)
        i = -1;
    for (size_t i = 0; i < kTypes.size(); ++i) {
        index[static_cast<uint32_t>(kTypes[i].type)] = static_cast<int8_t>(i);
    }
    return index;
}();

static_assert(kTypes.size() == 35, "every TensorType enumerator has one row");

}  // namespace

std::span<const TensorTypeInfo> allTensorTypes() {
    return kTypes;
}

std::optional<TensorTypeInfo> tensorTypeInfo(uint32_t rawType) {
    if (rawType > kMaxId || kIndexById[rawType] < 0) return std::nullopt;
    return kTypes[static_cast<size_t>(kIndexById[rawType])];
}

TensorTypeInfo tensorTypeInfo(TensorType type) {
    if (auto info = tensorTypeInfo(static_cast<uint32_t>(type))) return *info;
    // Only reachable through a cast of an invalid number to TensorType. Block size 1 keeps
    // divisions safe; blockBytes 0 marks it invalid (the writer checks the raw id instead).
    return TensorTypeInfo{type, "invalid", 1, 0, false};
}

std::string_view tensorTypeName(TensorType type) {
    return tensorTypeInfo(type).name;
}

std::optional<TensorType> tensorTypeFromName(std::string_view name) {
    for (const auto& info : kTypes) {
        if (info.name.size() != name.size()) continue;
        bool same = true;
        for (size_t i = 0; i < name.size() && same; ++i) {
            same = std::toupper(static_cast<unsigned char>(name[i])) == info.name[i];
        }
        if (same) return info.type;
    }
    return std::nullopt;
}

}  // namespace ponder
