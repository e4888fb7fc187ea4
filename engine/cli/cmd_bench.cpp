// ponder-cli bench: prompt (prefill) and generation (decode) speed of a model, as medians of
// several repetitions, with the weight bytes one decoded token must read (the bandwidth
// bound: tokens/s can never exceed memory bandwidth / bytes per token).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

#include "backend_option.h"
#include "command.h"
#include "json_writer.h"
#include "ponder/gguf.h"
#include "ponder/model.h"

namespace ponder::cli {
namespace {

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n == 0 ? 0.0 : (n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]));
}

/// Bytes of weights one decoded token reads: every tensor once, except the token embedding
/// (one row) and routed expert tensors (only the used experts' slices).
uint64_t weightBytesPerToken(const Model& model) {
    const HyperParams& hp = model.hparams();
    uint64_t bytes = 0;
    for (const gguf::TensorInfo& t : model.file().tensors()) {
        if (t.name == "token_embd.weight") {
            bytes += t.ne[1] ? t.byteSize / t.ne[1] : 0;
        } else if (hp.nExpert > 0 && t.nDims >= 2 && t.ne[t.nDims - 1] == hp.nExpert &&
                   t.name.find("_exps") != std::string::npos) {
            bytes += t.byteSize / hp.nExpert * hp.nExpertUsed;
        } else {
            bytes += t.byteSize;
        }
    }
    return bytes;
}

Result<void> run(const Args& args) {
    auto path = args.require("model");
    if (!path) return path.error();
    auto options = sessionOptionsFrom(args);
    if (!options) return options.error();
    auto promptTokens = args.getInt("prompt-tokens", 128);
    auto genTokens = args.getInt("gen-tokens", 64);
    auto reps = args.getInt("reps", 5);
    if (!promptTokens) return promptTokens.error();
    if (!genTokens) return genTokens.error();
    if (!reps) return reps.error();
    if (*promptTokens < 1 || *genTokens < 1 || *reps < 1 || *promptTokens > 65536 || *genTokens > 65536 || *reps > 1000) {
        return makeError(ErrorCode::InvalidArgument, "--prompt-tokens, --gen-tokens and --reps must be positive and sensible");
    }
    if (auto unused = args.unused(); !unused.empty()) {
        return makeError(ErrorCode::InvalidArgument, "unknown option --" + unused.front());
    }
    auto model = Model::load(*path);
    if (!model) return model.error();
    const uint32_t needed = static_cast<uint32_t>(*promptTokens + *genTokens);
    if (options->contextLength < needed) options->contextLength = needed;
    auto session = Session::create(**model, *options);
    if (!session) return session.error();

    const uint32_t nVocab = (*model)->hparams().nVocab;
    std::mt19937 rng(42);
    std::uniform_int_distribution<int32_t> anyToken(0, static_cast<int32_t>(nVocab) - 1);
    std::vector<int32_t> prompt(static_cast<size_t>(*promptTokens));
    for (auto& t : prompt) t = anyToken(rng);

    using Clock = std::chrono::steady_clock;
    std::vector<double> prefill, decode;
    for (long long r = 0; r < *reps; ++r) {
        (*session)->truncate(0);
        const auto p0 = Clock::now();  // prefill: only the last row's logits are needed
        auto logits = (*session)->forward(prompt, 0, LogitsRows::Last);
        if (!logits) return logits.error();
        const auto p1 = Clock::now();
        int32_t next = static_cast<int32_t>(
            std::max_element(logits->end() - nVocab, logits->end()) - (logits->end() - nVocab));
        for (long long g = 0; g < *genTokens; ++g) {
            auto step = (*session)->append(std::span<const int32_t>(&next, 1));
            if (!step) return step.error();
            next = static_cast<int32_t>(std::max_element(step->begin(), step->end()) - step->begin());
        }
        const auto p2 = Clock::now();
        prefill.push_back(*promptTokens / std::chrono::duration<double>(p1 - p0).count());
        decode.push_back(*genTokens / std::chrono::duration<double>(p2 - p1).count());
    }
    const uint64_t perToken = weightBytesPerToken(**model);
    JsonWriter j;
    j.beginObject()
        .key("backend").value(options->backend == Backend::Vulkan ? "vulkan" : "cpu")
        .key("device_bytes").value((*session)->deviceBytes())
        .key("prefill_tps").value(median(prefill))
        .key("decode_tps").value(median(decode))
        .key("reps").value(static_cast<int64_t>(*reps))
        .key("prompt_tokens").value(static_cast<int64_t>(*promptTokens))
        .key("gen_tokens").value(static_cast<int64_t>(*genTokens))
        .key("weight_bytes_per_token").value(perToken)
        .key("decode_read_gbps").value(median(decode) * static_cast<double>(perToken) / 1e9)
        .key("prefill_all").beginArray();
    for (double v : prefill) j.value(v);
    j.endArray().key("decode_all").beginArray();
    for (double v : decode) j.value(v);
    j.endArray().endObject();
    std::printf("%s\n", j.str().c_str());
    return {};
}

const CommandRegistration registration({
    "bench",
    "bench --model F [--backend cpu|vulkan] [--device N] [--prompt-tokens 128] [--gen-tokens 64] [--reps 5] [--threads N]",
    "Measures prompt and generation tokens/s (medians of --reps runs) and the weight bytes read per token.",
    &run,
});

}  // namespace
}  // namespace ponder::cli
