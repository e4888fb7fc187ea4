#include "ponder/result.h"

namespace ponder {

const char* errorCodeName(ErrorCode code) {
    switch (code) {
    case ErrorCode::Ok: return "ok";
    case ErrorCode::InvalidArgument: return "invalid_argument";
    case ErrorCode::FileNotFound: return "file_not_found";
    case ErrorCode::IoError: return "io_error";
    case ErrorCode::InvalidFormat: return "invalid_format";
    case ErrorCode::Unsupported: return "unsupported";
    case ErrorCode::OutOfMemory: return "out_of_memory";
    case ErrorCode::DeviceLost: return "device_lost";
    case ErrorCode::NoDevice: return "no_device";
    case ErrorCode::VulkanError: return "vulkan_error";
    case ErrorCode::Cancelled: return "cancelled";
    case ErrorCode::Internal: return "internal";
    }
    return "unknown";
}

}  // namespace ponder
