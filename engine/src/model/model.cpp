#include <new>
#include <string>

#include "model/arch.h"
#include "model/hparams.h"
#include "ponder/gguf.h"
#include "ponder/model.h"

namespace ponder {

struct Model::Impl {
    model::ModelData data;
};

Model::Model(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Model::~Model() = default;

const HyperParams& Model::hparams() const { return m_impl->data.hp; }
ParameterCounts Model::parameterCounts() const { return m_impl->data.counts; }
const gguf::File& Model::file() const { return *m_impl->data.file; }

const model::ModelData& modelData(const Model& m);  // used by Session (session.cpp)
const model::ModelData& modelData(const Model& m) { return m.impl().data; }

const char* architectureName(Architecture arch) {
    switch (arch) {
        case Architecture::Llama: return "llama";
        case Architecture::Qwen2: return "qwen2";
        case Architecture::Qwen3: return "qwen3";
        case Architecture::Qwen3Moe: return "qwen3moe";
        case Architecture::Olmoe: return "olmoe";
        case Architecture::GraniteMoe: return "granitemoe";
        case Architecture::Deepseek2: return "deepseek2";
        case Architecture::GptOss: return "gpt-oss";
    }
    return "unknown";
}

Result<std::unique_ptr<Model>> Model::load(const std::filesystem::path& path) {
    auto file = gguf::File::open(path);
    if (!file) return file.error();
    return fromGguf(std::shared_ptr<const gguf::File>(std::move(file.value())));
}

Result<std::unique_ptr<Model>> Model::fromGguf(std::shared_ptr<const gguf::File> file) {
    if (!file) return makeError(ErrorCode::InvalidArgument, "no GGUF file given");
    auto archName = file->getString("general.architecture");
    if (!archName) return makeError(ErrorCode::InvalidFormat, "general.architecture: " + archName.error().message);
    const model::ArchSpec* spec = model::findArch(*archName);
    if (!spec) return makeError(ErrorCode::Unsupported, "architecture '" + *archName + "' is not supported");

    auto impl = std::make_unique<Impl>();
    model::ModelData& d = impl->data;
    d.file = file;
    d.spec = spec;
    d.hp.arch = spec->arch;
    d.hp.archName = *archName;

    const model::KeyReader keys(*file, *archName);
    PONDER_TRY(model::readCommonHParams(keys, d.hp));
    PONDER_TRY(spec->loadHParams(keys, d.hp));
    model::resolveRopeScaling(d.hp);
    PONDER_TRY(model::validateHParams(d.hp));

    model::WeightBinder binder(*file);
    try {
        spec->bindWeights(binder, d.hp, d.weights);
    } catch (const std::bad_alloc&) {
        return makeError(ErrorCode::OutOfMemory, "out of memory while binding the weights");
    }
    PONDER_TRY(binder.finish());

    // Active parameters per token: all but the unselected share of routed experts, and one
    // embedding row instead of the whole table (unless it doubles as the output head).
    const uint64_t total = binder.boundElements();
    uint64_t active = total;
    if (d.hp.nExpert > 0) {
        active -= binder.routedElements() - binder.routedElements() / d.hp.nExpert * d.hp.nExpertUsed;
    }
    if (!d.weights.tiedOutput) {
        const uint64_t embd = uint64_t(d.weights.tokEmbd.cols) * d.weights.tokEmbd.rows;
        active -= embd - d.weights.tokEmbd.cols;
    }
    d.counts = {total, active};
    return std::unique_ptr<Model>(new Model(std::move(impl)));
}

}  // namespace ponder
