// Dispatch from a TensorType to its block geometry and row codecs.
//
// The geometry table is private on purpose: quant must not depend on the GGUF folder, and a
// row codec is only meaningful together with the exact block size it was written for.

#include <array>
#include <string>

#include "quant_internal.h"

namespace ponder::quant {
namespace {

using namespace detail;

struct BlockFormat {
    TensorType type;
    const char* name;
    uint32_t blockElements;
    uint32_t blockBytes;
    DequantizeRowFn dequantizeRow;  // null: Ponder cannot compute this type
    QuantizeRowFn quantizeRow;
};

// Geometry from engine-spec.md 1.3 for every id the enum knows, so rowBytes also works for
// tensors Ponder only has to skip over.
constexpr std::array kFormats = {
    BlockFormat{TensorType::F32, "F32", 1, 4, dequantizeRowF32, quantizeRowF32},
    BlockFormat{TensorType::F16, "F16", 1, 2, dequantizeRowF16, quantizeRowF16},
    BlockFormat{TensorType::BF16, "BF16", 1, 2, dequantizeRowBf16, quantizeRowBf16},
    BlockFormat{TensorType::Q4_0, "Q4_0", 32, 18, dequantizeRowQ4_0, quantizeRowQ4_0},
    BlockFormat{TensorType::Q4_1, "Q4_1", 32, 20, dequantizeRowQ4_1, quantizeRowQ4_1},
    BlockFormat{TensorType::Q5_0, "Q5_0", 32, 22, dequantizeRowQ5_0, quantizeRowQ5_0},
    BlockFormat{TensorType::Q5_1, "Q5_1", 32, 24, dequantizeRowQ5_1, quantizeRowQ5_1},
    BlockFormat{TensorType::Q8_0, "Q8_0", 32, 34, dequantizeRowQ8_0, quantizeRowQ8_0},
    BlockFormat{TensorType::Q8_1, "Q8_1", 32, 36, nullptr, nullptr},
    BlockFormat{TensorType::Q2_K, "Q2_K", 256, 84, dequantizeRowQ2_K, quantizeRowQ2_K},
    BlockFormat{TensorType::Q3_K, "Q3_K", 256, 110, dequantizeRowQ3_K, quantizeRowQ3_K},
    BlockFormat{TensorType::Q4_K, "Q4_K", 256, 144, dequantizeRowQ4_K, quantizeRowQ4_K},
    BlockFormat{TensorType::Q5_K, "Q5_K", 256, 176, dequantizeRowQ5_K, quantizeRowQ5_K},
    BlockFormat{TensorType::Q6_K, "Q6_K", 256, 210, dequantizeRowQ6_K, quantizeRowQ6_K},
    BlockFormat{TensorType::Q8_K, "Q8_K", 256, 292, dequantizeRowQ8_K, quantizeRowQ8_K},
    BlockFormat{TensorType::IQ2_XXS, "IQ2_XXS", 256, 66, nullptr, nullptr},
    BlockFormat{TensorType::IQ2_XS, "IQ2_XS", 256, 74, nullptr, nullptr},
    BlockFormat{TensorType::IQ3_XXS, "IQ3_XXS", 256, 98, nullptr, nullptr},
    BlockFormat{TensorType::IQ1_S, "IQ1_S", 256, 50, nullptr, nullptr},
    BlockFormat{TensorType::IQ4_NL, "IQ4_NL", 32, 18, dequantizeRowIq4Nl, quantizeRowIq4Nl},
    BlockFormat{TensorType::IQ3_S, "IQ3_S", 256, 110, nullptr, nullptr},
    BlockFormat{TensorType::IQ2_S, "IQ2_S", 256, 82, nullptr, nullptr},
    BlockFormat{TensorType::IQ4_XS, "IQ4_XS", 256, 136, dequantizeRowIq4Xs, quantizeRowIq4Xs},
    BlockFormat{TensorType::I8, "I8", 1, 1, nullptr, nullptr},
    BlockFormat{TensorType::I16, "I16", 1, 2, nullptr, nullptr},
    BlockFormat{TensorType::I32, "I32", 1, 4, nullptr, nullptr},
    BlockFormat{TensorType::I64, "I64", 1, 8, nullptr, nullptr},
    BlockFormat{TensorType::F64, "F64", 1, 8, nullptr, nullptr},
    BlockFormat{TensorType::IQ1_M, "IQ1_M", 256, 56, nullptr, nullptr},
    BlockFormat{TensorType::TQ1_0, "TQ1_0", 256, 54, nullptr, nullptr},
    BlockFormat{TensorType::TQ2_0, "TQ2_0", 256, 66, nullptr, nullptr},
    BlockFormat{TensorType::MXFP4, "MXFP4", 32, 17, dequantizeRowMxfp4, quantizeRowMxfp4},
    // Newer ggml types (engine-spec.md 1.3), by raw id so this table does not depend on when
    // the enum gains them.
    BlockFormat{TensorType(40), "NVFP4", 64, 36, nullptr, nullptr},
    BlockFormat{TensorType(41), "Q1_0", 128, 18, nullptr, nullptr},
    BlockFormat{TensorType(42), "Q2_0", 64, 18, nullptr, nullptr},
};

const BlockFormat* findFormat(TensorType type) {
    for (const BlockFormat& format : kFormats) {
        if (format.type == type) return &format;
    }
    return nullptr;
}

std::string typeLabel(TensorType type) {
    const BlockFormat* format = findFormat(type);
    return format ? std::string(format->name) : "type id " + std::to_string(uint32_t(type));
}

// Shared argument checks of dequantize and quantize; returns the format on success.
Result<const BlockFormat*> checkArguments(TensorType type, const void* src, const void* dst, size_t n,
                                          bool wantQuantizer) {
    const BlockFormat* format = findFormat(type);
    if (!format || !(wantQuantizer ? format->quantizeRow != nullptr : format->dequantizeRow != nullptr)) {
        return makeError(ErrorCode::Unsupported,
                         (wantQuantizer ? "cannot quantize to " : "cannot dequantize ") + typeLabel(type));
    }
    if (n % format->blockElements != 0) {
        return makeError(ErrorCode::InvalidArgument,
                         std::to_string(n) + " elements is not a whole number of " + format->name +
                             " blocks of " + std::to_string(format->blockElements));
    }
    if (n > 0 && (src == nullptr || dst == nullptr)) {
        return makeError(ErrorCode::InvalidArgument, "null buffer for " + std::string(format->name));
    }
    return format;
}

}  // namespace

size_t rowBytes(TensorType type, size_t n) {
    const BlockFormat* format = findFormat(type);
    if (!format || n % format->blockElements != 0) return 0;
    return n / format->blockElements * format->blockBytes;
}

Result<void> dequantize(TensorType type, const void* src, float* dst, size_t n) {
    auto format = checkArguments(type, src, dst, n, false);
    if (!format) return format.error();
    (*format)->dequantizeRow(static_cast<const uint8_t*>(src), dst, n / (*format)->blockElements);
    return {};
}

Result<void> quantize(TensorType type, const float* src, void* dst, size_t n) {
    auto format = checkArguments(type, src, dst, n, true);
    if (!format) return format.error();
    (*format)->quantizeRow(src, static_cast<uint8_t*>(dst), n / (*format)->blockElements);
    return {};
}

}  // namespace ponder::quant
