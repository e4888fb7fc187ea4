#include <algorithm>
#include <new>
#include <string>
#include <vector>

#include "cpu/matmul.h"
#include "model/arch.h"
#include "model/kv_cache.h"
#include "ponder/model.h"
#include "vk/model_runner.h"

namespace ponder {

const model::ModelData& modelData(const Model& m);

struct Session::Impl {
    const Model* model = nullptr;
    model::KvCache cache;                    // CPU backend
    std::unique_ptr<vk::ModelRunner> gpu;    // Vulkan backend
    uint32_t capacity = 0;
    uint32_t position = 0;
    unsigned threads = 1;
};

Session::Session(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Session::~Session() = default;

Result<std::unique_ptr<Session>> Session::create(const Model& model, const SessionOptions& options) {
    const model::ModelData& d = modelData(model);
    uint32_t capacity = options.contextLength;
    if (capacity == 0) capacity = std::min<uint32_t>(d.hp.nCtxTrain, 4096);
    auto impl = std::make_unique<Impl>();
    impl->model = &model;
    impl->threads = options.threads ? options.threads : cpu::defaultThreads();
    impl->capacity = capacity;
    if (options.backend == Backend::Vulkan) {
        auto runner = vk::ModelRunner::create(d, options, capacity);
        if (!runner) return runner.error();
        impl->gpu = std::move(*runner);
        return std::unique_ptr<Session>(new Session(std::move(impl)));
    }
    std::vector<model::KvShape> shapes;
    for (uint32_t l = 0; l < d.hp.nLayer; ++l) shapes.push_back(d.spec->kvShape(d.hp, l));
    PONDER_TRY(impl->cache.init(options.kvType, capacity, shapes));
    return std::unique_ptr<Session>(new Session(std::move(impl)));
}

Result<std::vector<float>> Session::forward(std::span<const int32_t> tokens, uint32_t startPos, LogitsRows rows) {
    Impl& s = *m_impl;
    if (startPos > s.position) {
        return makeError(ErrorCode::InvalidArgument, "start position " + std::to_string(startPos) +
                                                         " is past the cached positions (" + std::to_string(s.position) + ")");
    }
    if (tokens.empty()) return std::vector<float>{};
    if (tokens.size() > s.capacity - startPos) {
        return makeError(ErrorCode::InvalidArgument,
                         "context full: " + std::to_string(startPos) + " + " + std::to_string(tokens.size()) +
                             " tokens exceed the session's " + std::to_string(s.capacity) + " positions");
    }
    s.position = startPos;  // drop what follows startPos (regenerate / edit)
    const model::ModelData& d = modelData(*s.model);
    std::vector<float> logits;
    if (s.gpu) {
        PONDER_TRY(s.gpu->forward(tokens, startPos, rows == LogitsRows::Last, logits));
        s.position = startPos + uint32_t(tokens.size());
        return logits;
    }
    try {
        logits.resize(tokens.size() * size_t(d.hp.nVocab));
        const model::ForwardContext ctx{d, s.cache, s.threads};
        PONDER_TRY(d.spec->forward(ctx, tokens, startPos, logits.data()));
    } catch (const std::bad_alloc&) {
        return makeError(ErrorCode::OutOfMemory, "out of memory in the forward pass");
    }
    s.position = startPos + uint32_t(tokens.size());
    if (rows == LogitsRows::Last) logits.erase(logits.begin(), logits.end() - d.hp.nVocab);
    return logits;
}

Result<std::vector<float>> Session::append(std::span<const int32_t> tokens) {
    return forward(tokens, m_impl->position);
}

void Session::truncate(uint32_t n) { m_impl->position = std::min(m_impl->position, n); }
uint32_t Session::position() const { return m_impl->position; }
uint32_t Session::contextLength() const { return m_impl->capacity; }
const Model& Session::model() const { return *m_impl->model; }
Backend Session::backend() const { return m_impl->gpu ? Backend::Vulkan : Backend::Cpu; }
uint64_t Session::deviceBytes() const { return m_impl->gpu ? m_impl->gpu->memory().total() : 0; }

}  // namespace ponder
