// File: opening (one file or all shards of a split model) and the tensor index. The typed
// metadata getters are in metadata_getters.cpp.
#include <new>
#include <stdexcept>
#include <unordered_map>

#include "gguf/file_impl.h"
#include "gguf/split.h"

namespace ponder::gguf {
namespace {

std::string num(uint64_t v) {
    return std::to_string(v);
}

Error outOfMemory(const std::string& label) {
    return makeError(ErrorCode::OutOfMemory, label + ": out of memory while opening the model");
}

// Builds the name -> tensor index over all shards. Names were unique per shard already;
// across shards they must be unique too or findTensor would be ambiguous.
Result<void> indexTensors(File::Impl& impl) {
    impl.tensorIndex.reserve(impl.tensors.size());
    for (size_t i = 0; i < impl.tensors.size(); ++i) {
        const TensorInfo& t = impl.tensors[i];
        auto [it, inserted] = impl.tensorIndex.emplace(t.name, i);
        if (!inserted) {
            return makeError(ErrorCode::InvalidFormat, impl.label + ": tensor '" + detail::printable(t.name) +
                                                           "' appears in shard " +
                                                           num(impl.tensors[it->second].shard + 1) +
                                                           " and again in shard " + num(t.shard + 1));
        }
    }
    return {};
}

// split.count of a parsed shard: 1 when absent (an ordinary file).
Result<uint64_t> splitCountOf(const detail::ParsedShard& shard, const std::string& label) {
    if (!shard.keyIndex.count("split.count")) return uint64_t{1};
    return detail::metadataUInt(shard, "split.count", label);
}

Result<void> checkShardNumbers(const detail::ParsedShard& shard, const std::string& label, uint32_t index,
                               uint32_t count) {
    auto no = detail::metadataUInt(shard, "split.no", label);
    if (!no) return no.error();
    if (*no != index - 1) {
        return makeError(ErrorCode::InvalidFormat, label + ": split.no is " + num(*no) + ", expected " +
                                                       num(index - 1) + " for shard " + num(index) + " of " +
                                                       num(count));
    }
    auto declared = splitCountOf(shard, label);
    if (!declared) return declared.error();
    if (*declared != count) {
        return makeError(ErrorCode::InvalidFormat,
                         label + ": split.count is " + num(*declared) + " but shard 1 says " + num(count));
    }
    return {};
}

Result<std::unique_ptr<File::Impl>> openSplit(const std::filesystem::path& path, uint32_t count,
                                              std::unique_ptr<MappedFile> givenMap,
                                              detail::ParsedShard givenShard) {
    const std::string givenLabel = displayPath(path);
    const auto name = detail::parseSplitName(path);
    if (!name) {
        return makeError(ErrorCode::InvalidFormat,
                         givenLabel + ": split.count is " + num(count) +
                             " but the file name does not end in -0000k-of-0000n.gguf, so the other shards "
                             "cannot be found");
    }
    if (name->count != count) {
        return makeError(ErrorCode::InvalidFormat, givenLabel + ": the name says " + num(name->count) +
                                                       " shards but split.count is " + num(count));
    }
    auto impl = std::make_unique<File::Impl>();
    impl->shardCount = count;
    for (uint32_t k = 1; k <= count; ++k) {
        std::unique_ptr<MappedFile> map;
        detail::ParsedShard shard;
        const std::filesystem::path shardPath = k == name->index ? path : detail::splitShardPath(*name, k);
        const std::string label = displayPath(shardPath);
        if (k == name->index) {
            map = std::move(givenMap);
            shard = std::move(givenShard);
        } else {
            auto opened = MappedFile::open(shardPath);
            if (!opened) {
                return makeError(opened.error().code, "shard " + num(k) + " of " + num(count) +
                                                          " of a split model: " + opened.error().message);
            }
            map = std::move(*opened);
            auto parsed = detail::parseShard(map->bytes(), label, k - 1);
            if (!parsed) return parsed.error();
            shard = std::move(*parsed);
        }
        PONDER_TRY(checkShardNumbers(shard, label, k, count));
        for (TensorInfo& t : shard.tensors) {
            t.shard = k - 1;
            impl->tensors.push_back(std::move(t));
        }
        shard.tensors.clear();
        if (k == 1) {
            impl->label = label;
            impl->first = std::move(shard);
        }
        impl->totalBytes += map->bytes().size();
        impl->maps.push_back(std::move(map));
    }
    // split.tensors.count is optional in the spec but always written by gguf-split; when
    // present it catches a shard replaced by one from another model.
    if (impl->first.keyIndex.count("split.tensors.count")) {
        auto total = detail::metadataUInt(impl->first, "split.tensors.count", impl->label);
        if (!total) return total.error();
        if (*total != impl->tensors.size()) {
            return makeError(ErrorCode::InvalidFormat,
                             impl->label + ": split.tensors.count is " + num(*total) + " but the " +
                                 num(count) + " shards hold " + num(impl->tensors.size()) + " tensors");
        }
    }
    return impl;
}

Result<std::unique_ptr<File::Impl>> openImpl(const std::filesystem::path& path) {
    auto map = MappedFile::open(path);
    if (!map) return map.error();
    const std::string label = displayPath(path);
    auto shard = detail::parseShard((*map)->bytes(), label, 0);
    if (!shard) return shard.error();
    auto count = splitCountOf(*shard, label);
    if (!count) return count.error();
    // Five digits in the names; anything larger is corrupt, not a real split.
    if (*count == 0 || *count > 99999) {
        return makeError(ErrorCode::InvalidFormat,
                         label + ": split.count " + num(*count) + " is outside 1..99999");
    }
    if (*count > 1) return openSplit(path, static_cast<uint32_t>(*count), std::move(*map), std::move(*shard));

    auto impl = std::make_unique<File::Impl>();
    impl->label = label;
    impl->totalBytes = (*map)->bytes().size();
    impl->maps.push_back(std::move(*map));
    impl->first = std::move(*shard);
    impl->tensors = std::move(impl->first.tensors);
    impl->first.tensors.clear();
    return impl;
}

}  // namespace

File::File(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
File::~File() = default;

Result<std::unique_ptr<File>> File::open(const std::filesystem::path& path) {
    try {
        auto impl = openImpl(path);
        if (!impl) return impl.error();
        PONDER_TRY(indexTensors(**impl));
        return std::unique_ptr<File>(new File(std::move(*impl)));
    } catch (const std::bad_alloc&) {
        return outOfMemory(displayPath(path));
    } catch (const std::length_error&) {
        return outOfMemory(displayPath(path));
    }
}

Result<std::unique_ptr<File>> File::parse(std::span<const uint8_t> bytes) {
    const std::string label = "<memory>";
    try {
        auto shard = detail::parseShard(bytes, label, 0);
        if (!shard) return shard.error();
        auto impl = std::make_unique<Impl>();
        impl->label = label;
        impl->totalBytes = bytes.size();
        impl->first = std::move(*shard);
        impl->tensors = std::move(impl->first.tensors);
        impl->first.tensors.clear();
        PONDER_TRY(indexTensors(*impl));
        return std::unique_ptr<File>(new File(std::move(impl)));
    } catch (const std::bad_alloc&) {
        return outOfMemory(label);
    } catch (const std::length_error&) {
        return outOfMemory(label);
    }
}

uint32_t File::version() const {
    return m_impl->first.version;
}
uint32_t File::alignment() const {
    return m_impl->first.alignment;
}
uint32_t File::shardCount() const {
    return m_impl->shardCount;
}
uint64_t File::fileSize() const {
    return m_impl->totalBytes;
}

const std::vector<std::pair<std::string, Value>>& File::metadata() const {
    return m_impl->first.metadata;
}
const std::vector<TensorInfo>& File::tensors() const {
    return m_impl->tensors;
}

const Value* File::find(std::string_view key) const {
    return detail::findMetadata(m_impl->first, key);
}

const TensorInfo* File::findTensor(std::string_view name) const {
    auto it = m_impl->tensorIndex.find(name);
    return it == m_impl->tensorIndex.end() ? nullptr : &m_impl->tensors[it->second];
}

}  // namespace ponder::gguf
