#include "backend_option.h"

namespace ponder::cli {

Result<SessionOptions> sessionOptionsFrom(const Args& args) {
    SessionOptions options;
    const std::string backend = args.get("backend", "cpu");
    if (backend == "vulkan") {
        return makeError(ErrorCode::Unsupported,
                         "the Vulkan backend does not run whole models yet; use --backend cpu");
    }
    if (backend != "cpu") return makeError(ErrorCode::InvalidArgument, "--backend must be cpu or vulkan");
    args.get("device");  // only meaningful for vulkan
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
    return options;
}

}  // namespace ponder::cli
