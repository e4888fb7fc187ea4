#include "ponder/embedding.h"

#include <algorithm>
#include <cmath>
#include <new>
#include <string>

#include "cpu/matmul.h"
#include "model/arch.h"
#include "model/kv_cache.h"
#include "model/llama_family.h"
#include "vk/model_runner.h"

namespace ponder {

const model::ModelData& modelData(const Model& m);  // model.cpp

struct Embedder::Impl {
    std::unique_ptr<Model> model;
    std::unique_ptr<Tokenizer> tokenizer;
    model::KvCache cache;  // reused by every text: each one starts again at position 0
    EmbedderOptions options;
    unsigned threads = 1;
    std::unique_ptr<vk::ModelRunner> runner;  // set: the Vulkan backend runs the forward pass
    uint32_t batchTokens = 0;                 // tokens one forward pass holds (runner's capacity)
};

namespace {

// The Vulkan runner's capacity is a batch's token budget: consecutive texts share one packed
// forward pass (each with its own positions and attention block). 4 x maxTokens holds several
// document chunks (about 300 tokens for 1,200 characters) and keeps the 128-token prompt
// chunks full; fewer, fuller submissions are the whole gain, and it flattens past a few
// texts. The price is the F32 KV cache, which grows with the budget: Qwen3-Embedding-0.6B
// (28 layers, 8 KV heads of 128) needs 224 KiB a position, 448 MiB for 2,048 instead of 112
// MiB for one 512-token text, next to its ~0.6 GiB of Q8_0 weights. A device without the room
// gets half the budget, down to maxTokens (one text a pass at worst, as before).
constexpr uint32_t kBatchTextsOfMaxTokens = 4;

void writeUnit(const float* v, size_t dim, float* out) {
    double norm = 0.0;
    for (size_t j = 0; j < dim; ++j) norm += double(v[j]) * v[j];
    const float inv = norm > 0.0 ? float(1.0 / std::sqrt(norm)) : 0.0f;
    for (size_t j = 0; j < dim; ++j) out[j] = v[j] * inv;
}

}  // namespace

Embedder::Embedder(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Embedder::~Embedder() = default;

Result<std::unique_ptr<Embedder>> Embedder::open(const std::filesystem::path& modelPath,
                                                 const EmbedderOptions& options) {
    auto model = Model::load(modelPath);
    if (!model) return model.error();
    const model::ModelData& d = modelData(**model);
    // Only the llama-family forward knows the hidden-state hook; any other forward would
    // ignore it and write logits through a null pointer.
    if (d.spec->forward != &model::forwardLlamaFamily) {
        return makeError(ErrorCode::Unsupported, "embeddings need a llama-family model (qwen3, qwen2, llama); " +
                                                     d.hp.archName + " is not one");
    }
    if (options.maxTokens < 2) return makeError(ErrorCode::InvalidArgument, "maxTokens must be at least 2");
    auto tokenizer = Tokenizer::fromGguf((*model)->file());
    if (!tokenizer) return tokenizer.error();
    auto impl = std::make_unique<Impl>();
    impl->options = options;
    impl->threads = options.threads ? options.threads : cpu::defaultThreads();
    uint32_t capacity = options.maxTokens;
    if (d.hp.nCtxTrain > 0) capacity = std::min(capacity, d.hp.nCtxTrain);
    impl->options.maxTokens = capacity;
    std::vector<model::KvShape> shapes;
    for (uint32_t l = 0; l < d.hp.nLayer; ++l) shapes.push_back(d.spec->kvShape(d.hp, l));
    // F32: embeddings are compared across runs, the F16 rounding buys nothing at this size.
    if (options.backend == Backend::Vulkan) {
        SessionOptions so;
        so.backend = Backend::Vulkan;
        so.device = options.device;
        // F32 keys and values, as on the CPU: vectors are compared across backends and runs.
        so.kvType = KvCacheType::F32;
        uint32_t factor = options.maxTextsPerPass == 1 ? 1 : kBatchTextsOfMaxTokens;
        auto runner = vk::ModelRunner::create(d, so, capacity * factor);
        while (!runner && runner.error().code == ErrorCode::OutOfMemory && factor > 1) {
            factor /= 2;
            runner = vk::ModelRunner::create(d, so, capacity * factor);
        }
        if (!runner) return runner.error();
        impl->runner = std::move(*runner);
        impl->batchTokens = capacity * factor;
    } else {
        impl->batchTokens = capacity;
        PONDER_TRY(impl->cache.init(KvCacheType::F32, capacity, shapes));
    }
    impl->model = std::move(*model);
    impl->tokenizer = std::move(*tokenizer);
    return std::unique_ptr<Embedder>(new Embedder(std::move(impl)));
}

uint32_t Embedder::dimension() const { return m_impl->model->hparams().nEmbd; }
const Model& Embedder::model() const { return *m_impl->model; }
const Tokenizer& Embedder::tokenizer() const { return *m_impl->tokenizer; }
uint32_t Embedder::batchTokens() const { return m_impl->batchTokens; }

std::vector<int32_t> Embedder::inputTokens(std::string_view text) const {
    const Tokenizer& tok = *m_impl->tokenizer;
    std::vector<int32_t> ids = tok.encode(text, true);
    const int32_t eos = tok.eos();
    // The pooled token must be the end-of-text one even when the text is cut, so drop the
    // tokenizer's own EOS (if it adds one), cut, then append it.
    if (tok.addsEos() && !ids.empty() && ids.back() == eos) ids.pop_back();
    const size_t room = m_impl->options.maxTokens - (eos != Tokenizer::kNoToken ? 1 : 0);
    if (ids.size() > room) ids.resize(room);
    if (eos != Tokenizer::kNoToken) ids.push_back(eos);
    return ids;
}

Result<std::vector<float>> Embedder::embed(std::span<const std::string> texts) {
    Impl& s = *m_impl;
    const model::ModelData& d = modelData(*s.model);
    const size_t dim = d.hp.nEmbd;
    std::vector<float> out;
    try {
        out.assign(texts.size() * dim, 0.0f);
        std::vector<std::vector<int32_t>> ids(texts.size());
        for (size_t i = 0; i < texts.size(); ++i) ids[i] = inputTokens(texts[i]);
        std::vector<float> hidden;  // [T][n_embd], or [texts of a pass][n_embd]
        if (s.runner && s.options.maxTextsPerPass != 1) {
            // Greedy packing in order: a pass takes texts while their tokens fit the budget
            // (a text without tokens keeps the zero vector and takes no room).
            const size_t maxTexts = s.options.maxTextsPerPass ? s.options.maxTextsPerPass : texts.size();
            std::vector<std::span<const int32_t>> pass;
            std::vector<size_t> index;
            for (size_t i = 0; i < texts.size();) {
                pass.clear();
                index.clear();
                size_t tokens = 0;
                for (; i < texts.size() && pass.size() < maxTexts; ++i) {
                    if (ids[i].empty()) continue;
                    if (tokens + ids[i].size() > s.batchTokens) break;
                    tokens += ids[i].size();
                    pass.emplace_back(ids[i]);
                    index.push_back(i);
                }
                if (pass.empty()) continue;
                PONDER_TRY(s.runner->forwardLastHiddenBatch(pass, hidden));
                for (size_t k = 0; k < index.size(); ++k) writeUnit(hidden.data() + k * dim, dim, out.data() + index[k] * dim);
            }
            return out;
        }
        for (size_t i = 0; i < texts.size(); ++i) {
            if (ids[i].empty()) continue;  // no tokens at all: the zero vector matches nothing
            const float* last = nullptr;
            if (s.runner) {
                PONDER_TRY(s.runner->forwardLastHidden(ids[i], hidden));
                last = hidden.data();
            } else {
                hidden.resize(ids[i].size() * dim);
                model::ForwardContext ctx{d, s.cache, s.threads};
                ctx.hiddenOut = hidden.data();
                PONDER_TRY(d.spec->forward(ctx, ids[i], 0, nullptr));
                last = hidden.data() + (ids[i].size() - 1) * dim;
            }
            writeUnit(last, dim, out.data() + i * dim);
        }
    } catch (const std::bad_alloc&) {
        return makeError(ErrorCode::OutOfMemory, "out of memory while embedding");
    }
    return out;
}

}  // namespace ponder
