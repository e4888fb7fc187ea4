#include "backend_option.h"

namespace ponder::cli {

Result<SessionOptions> sessionOptionsFrom(const Args& args) {
    SessionOptions options;
    const std::string backend = args.get("backend", "cpu");
    if (backend == "vulkan") options.backend = Backend::Vulkan;
    else if (backend != "cpu") return makeError(ErrorCode::InvalidArgument, "--backend must be cpu or vulkan");
    const std::string device = args.get("device", "");
    if (!device.empty()) {
        if (options.backend != Backend::Vulkan) {
            return makeError(ErrorCode::InvalidArgument, "--device needs --backend vulkan");
        }
        options.device = device;
    }
    const std::string kv = args.get("kv-type", "f16");
    if (kv == "f16") options.kvType = KvCacheType::F16;
    else if (kv == "f32") options.kvType = KvCacheType::F32;
    else return makeError(ErrorCode::InvalidArgument, "--kv-type must be f16 or f32");
    auto ctx = args.getInt("context", 0);
    if (!ctx) return ctx.error();
    if (*ctx < 0 || *ctx > (1 << 24)) return makeError(ErrorCode::InvalidArgument, "--context out of range");
    options.contextLength = static_cast<uint32_t>(*ctx);
    auto threads = args.getInt("threads", 0);
    if (!threads) return threads.error();
    if (*threads < 0 || *threads > 1024) return makeError(ErrorCode::InvalidArgument, "--threads out of range");
    options.threads = static_cast<unsigned>(*threads);
    auto chunk = args.getInt("prompt-chunk", 0);
    if (!chunk) return chunk.error();
    if (*chunk < 0 || *chunk > 4096) return makeError(ErrorCode::InvalidArgument, "--prompt-chunk out of range");
    options.promptChunk = static_cast<uint32_t>(*chunk);
    return options;
}

}  // namespace ponder::cli
