#include "hostile_gguf.h"

#include <cstring>
#include <functional>

namespace ponder::testing {

GgufBytes& GgufBytes::u8(uint8_t v) {
    bytes.push_back(v);
    return *this;
}
GgufBytes& GgufBytes::u16(uint16_t v) {
    for (int i = 0; i < 2; ++i)
        bytes.push_back(static_cast<uint8_t>(v >> (8 * i)));
    return *this;
}
GgufBytes& GgufBytes::u32(uint32_t v) {
    for (int i = 0; i < 4; ++i)
        bytes.push_back(static_cast<uint8_t>(v >> (8 * i)));
    return *this;
}
GgufBytes& GgufBytes::u64(uint64_t v) {
    for (int i = 0; i < 8; ++i)
        bytes.push_back(static_cast<uint8_t>(v >> (8 * i)));
    return *this;
}
GgufBytes& GgufBytes::f32(float v) {
    uint32_t bits = 0;
    std::memcpy(&bits, &v, 4);
    return u32(bits);
}
GgufBytes& GgufBytes::f64(double v) {
    uint64_t bits = 0;
    std::memcpy(&bits, &v, 8);
    return u64(bits);
}
GgufBytes& GgufBytes::str(std::string_view s) {
    u64(s.size());
    bytes.insert(bytes.end(), s.begin(), s.end());
    return *this;
}
GgufBytes& GgufBytes::raw(const std::vector<uint8_t>& b) {
    bytes.insert(bytes.end(), b.begin(), b.end());
    return *this;
}
GgufBytes& GgufBytes::padTo(size_t alignment) {
    while (alignment > 1 && bytes.size() % alignment != 0)
        bytes.push_back(0);
    return *this;
}

std::vector<uint8_t> encodeGguf(const RawGguf& file, GgufSections* sections) {
    GgufSections s;
    GgufBytes b;
    b.u32(file.magic).u32(file.version);
    b.u64(file.tensorCount.value_or(file.tensors.size()));
    b.u64(file.kvCount.value_or(file.kvs.size()));
    s.headerEnd = b.size();
    for (const RawKv& kv : file.kvs) {
        b.u64(kv.keyLength.value_or(kv.key.size()));
        b.bytes.insert(b.bytes.end(), kv.key.begin(), kv.key.end());
        b.u32(kv.type).raw(kv.value);
        s.kvEnds.push_back(b.size());
    }
    const size_t align = file.alignment;
    uint64_t nextOffset = 0;
    for (const RawTensor& t : file.tensors) {
        b.str(t.name);
        b.u32(t.nDims.value_or(static_cast<uint32_t>(t.ne.size())));
        for (uint64_t n : t.ne)
            b.u64(n);
        b.u32(t.type);
        b.u64(t.offset.value_or(nextOffset));
        nextOffset += t.data.size();
        if (align > 1) nextOffset += (align - nextOffset % align) % align;
        s.tensorInfoEnds.push_back(b.size());
    }
    b.padTo(align);
    s.dataStart = b.size();
    for (size_t i = 0; i < file.tensors.size(); ++i) {
        b.raw(file.tensors[i].data);
        // ggml pads after every tensor, the last one included.
        if (i + 1 < file.tensors.size() || file.tensors[i].data.size() % align != 0) b.padTo(align);
        s.tensorDataEnds.push_back(b.size());
    }
    if (sections) *sections = s;
    return b.bytes;
}

std::vector<uint8_t> encodeU32(uint32_t v) {
    return GgufBytes().u32(v).bytes;
}
std::vector<uint8_t> encodeString(std::string_view s) {
    return GgufBytes().str(s).bytes;
}
std::vector<uint8_t> encodeStringArray(const std::vector<std::string>& items) {
    GgufBytes b;
    b.u32(8).u64(items.size());
    for (const auto& s : items)
        b.str(s);
    return b.bytes;
}

RawKv kvU32(std::string key, uint32_t v) {
    return {std::move(key), 4, encodeU32(v), {}};
}
RawKv kvF32(std::string key, float v) {
    return {std::move(key), 6, GgufBytes().f32(v).bytes, {}};
}
RawKv kvString(std::string key, std::string_view v) {
    return {std::move(key), 8, encodeString(v), {}};
}
RawKv kvStringArray(std::string key, const std::vector<std::string>& items) {
    return {std::move(key), 9, encodeStringArray(items), {}};
}

namespace {

std::vector<uint8_t> pattern(size_t n, uint8_t seed) {
    std::vector<uint8_t> out(n);
    for (size_t i = 0; i < n; ++i)
        out[i] = static_cast<uint8_t>(seed + 7 * i);
    return out;
}

constexpr uint32_t kF32 = 0, kF16 = 1, kQ4_0 = 2;
constexpr uint64_t kTwo63 = uint64_t{1} << 63;

}  // namespace

RawGguf validRawGguf() {
    RawGguf f;
    f.kvs = {
        kvString("general.architecture", "llama"),
        kvString("general.name", "hostile-base"),
        kvU32("llama.block_count", ValidGgufFacts::kBlockCount),
        kvU32("llama.context_length", 128),
        kvU32("llama.embedding_length", 8),
        kvF32("llama.rope.freq_base", 10000.0f),
        kvU32("general.file_type", 2),
        kvString("tokenizer.ggml.model", "gpt2"),
        kvStringArray("tokenizer.ggml.tokens", {"a", "b", "c", "<s>"}),
    };
    f.tensors = {
        {"token_embd.weight", {8, 4}, kF32, pattern(8 * 4 * 4, 1), {}, {}},   // 128 bytes at 0
        {"blk.0.attn_q.weight", {64, 2}, kQ4_0, pattern(4 * 18, 2), {}, {}},  // 72 bytes at 128
        {"output_norm.weight", {16}, kF16, pattern(16 * 2, 3), {}, {}},       // 32 bytes at 224
    };
    return f;
}

std::vector<HostileGguf> hostileGgufCases() {
    std::vector<HostileGguf> cases;
    const ErrorCode bad = ErrorCode::InvalidFormat;
    // Builds a case from the valid file with one change applied.
    auto add = [&](std::string name, ErrorCode code, std::string part,
                   const std::function<void(RawGguf&)>& change) {
        RawGguf f = validRawGguf();
        change(f);
        cases.push_back({std::move(name), encodeGguf(f), code, std::move(part)});
    };
    auto addBytes = [&](std::string name, std::vector<uint8_t> bytes, ErrorCode code, std::string part) {
        cases.push_back({std::move(name), std::move(bytes), code, std::move(part)});
    };

    // Header.
    addBytes("empty file", {}, bad, "too short for a GGUF header");
    addBytes("three bytes", {'G', 'G', 'U'}, bad, "too short for a GGUF header");
    add("bad magic", bad, "bad magic 0x4c4d4747", [](RawGguf& f) { f.magic = 0x4C4D4747; });
    add("version 0", bad, "invalid GGUF version 0", [](RawGguf& f) { f.version = 0; });
    add("version 1", ErrorCode::Unsupported, "GGUF version 1 is no longer supported",
        [](RawGguf& f) { f.version = 1; });
    add("version 4", ErrorCode::Unsupported, "GGUF version 4 is newer", [](RawGguf& f) { f.version = 4; });
    add("big-endian version", ErrorCode::Unsupported, "big-endian",
        [](RawGguf& f) { f.version = 0x03000000; });
    addBytes("header cut after version", GgufBytes().u32(0x46554747).u32(3).bytes, bad,
             "the tensor count needs 8 bytes");
    add("negative tensor count", bad, "tensor count 9223372036854775808 at offset 8 is negative",
        [](RawGguf& f) { f.tensorCount = kTwo63; });
    add("huge tensor count", bad, "tensor count 1099511627776 at offset 8 needs at least",
        [](RawGguf& f) { f.tensorCount = uint64_t{1} << 40; });
    add("negative metadata count", bad, "metadata count 18446744073709551615 at offset 16 is negative",
        [](RawGguf& f) { f.kvCount = ~uint64_t{0}; });
    add("huge metadata count", bad, "metadata count 1099511627776 at offset 16 needs at least",
        [](RawGguf& f) { f.kvCount = uint64_t{1} << 40; });

    // Metadata.
    add("empty key", bad, "has an empty key", [](RawGguf& f) { f.kvs[1].key.clear(); });
    add("huge key length", bad, "key length 4611686018427387904 exceeds the GGUF limit",
        [](RawGguf& f) { f.kvs[0].keyLength = uint64_t{1} << 62; });
    add("key length past the end", bad, "the key of metadata entry #8",
        [](RawGguf& f) { f.kvs.back().keyLength = 60000; });
    add("duplicate key", bad, "duplicate metadata key 'llama.block_count'",
        [](RawGguf& f) { f.kvs.push_back(kvU32("llama.block_count", 3)); });
    add("unknown value type", bad, "key 'llama.context_length': unknown value type 13",
        [](RawGguf& f) { f.kvs[3].type = 13; });
    add("huge string length", bad, "key 'general.name': string length 9223372036854775808",
        [](RawGguf& f) { f.kvs[1].value = GgufBytes().u64(kTwo63).bytes; });
    add("bool value 2", bad, "key 'tokenizer.ggml.add_bos_token': bool value 2", [](RawGguf& f) {
        f.kvs.push_back({"tokenizer.ggml.add_bos_token", 7, {2}, {}});
    });
    add("bool array element 3", bad, "bool element #2 value 3", [](RawGguf& f) {
        f.kvs.push_back({"test.flags", 9, GgufBytes().u32(7).u64(3).u8(1).u8(0).u8(3).bytes, {}});
    });
    add("nested array", bad, "key 'test.nested': nested array", [](RawGguf& f) {
        f.kvs.push_back({"test.nested", 9, GgufBytes().u32(9).u64(1).u32(4).u64(1).u32(7).bytes, {}});
    });
    add("unknown array element type", bad, "unknown array element type 200", [](RawGguf& f) {
        f.kvs.push_back({"test.weird", 9, GgufBytes().u32(200).u64(1).u32(0).bytes, {}});
    });
    add("huge array count", bad, "key 'tokenizer.ggml.tokens': array count 1099511627776",
        [](RawGguf& f) { f.kvs[8].value = GgufBytes().u32(8).u64(uint64_t{1} << 40).bytes; });
    add("huge string in array", bad, "length 1125899906842624 of string #0",
        [](RawGguf& f) { f.kvs[8].value = GgufBytes().u32(8).u64(2).u64(uint64_t{1} << 50).bytes; });
    add("alignment 48", bad, "general.alignment 48 is not a power of two",
        [](RawGguf& f) { f.kvs.push_back(kvU32("general.alignment", 48)); });
    add("alignment 0", bad, "general.alignment 0 is not a power of two",
        [](RawGguf& f) { f.kvs.push_back(kvU32("general.alignment", 0)); });
    add("alignment stored as u64", bad, "general.alignment has type u64, expected u32", [](RawGguf& f) {
        f.kvs.push_back({"general.alignment", 10, GgufBytes().u64(32).bytes, {}});
    });

    // Tensor infos.
    add("empty tensor name", bad, "tensor #1 (info at offset 473) has an empty name",
        [](RawGguf& f) { f.tensors[1].name.clear(); });
    add("tensor name of 64 bytes", bad, "name length 64 is not below 64",
        [](RawGguf& f) { f.tensors[0].name = std::string(64, 'x'); });
    add("duplicate tensor name", bad, "duplicate tensor name in tensor 'token_embd.weight'",
        [](RawGguf& f) { f.tensors[2].name = f.tensors[0].name; });
    add("n_dims 5", bad, "n_dims 5 is outside 1..4", [](RawGguf& f) { f.tensors[2].ne = {16, 1, 1, 1, 1}; });
    add("n_dims 0", bad, "n_dims 0 is outside 1..4", [](RawGguf& f) { f.tensors[2].ne.clear(); });
    add("zero dimension", bad, "dimension 1 is 0", [](RawGguf& f) { f.tensors[0].ne = {8, 0}; });
    add("negative dimension", bad, "dimension 1 is negative (-9223372036854775803)", [](RawGguf& f) {
        f.tensors[0].ne = {8, kTwo63 + 5};
    });
    add("element count overflow", bad, "element count of shape [4294967296, 4294967296] overflows",
        [](RawGguf& f) {
            f.tensors[0].ne = {uint64_t{1} << 32, uint64_t{1} << 32};
        });
    add("byte size overflow", bad, "byte size of shape [4611686018427387904] overflows",
        [](RawGguf& f) { f.tensors[0].ne = {uint64_t{1} << 62}; });
    add("ne0 not a multiple of the block size", bad, "ne0 48 is not a multiple of the Q4_0 block size 32",
        [](RawGguf& f) {
            f.tensors[1].ne = {48, 3};
        });
    add("retired tensor type", bad, "tensor type id 4 is retired", [](RawGguf& f) { f.tensors[0].type = 4; });
    add("unknown tensor type", ErrorCode::Unsupported, "unknown tensor type id 1000",
        [](RawGguf& f) { f.tensors[0].type = 1000; });

    // Tensor layout.
    add("first tensor not at offset 0", bad, "'token_embd.weight' has data offset 32, expected 0",
        [](RawGguf& f) { f.tensors[0].offset = 32; });
    add("overlapping tensors", bad, "'blk.0.attn_q.weight' has data offset 64, expected 128",
        [](RawGguf& f) { f.tensors[1].offset = 64; });
    add("gap between tensors", bad, "'output_norm.weight' has data offset 256, expected 224",
        [](RawGguf& f) { f.tensors[2].offset = 256; });
    add("offset far past the end", bad, "has data offset 9223372036854775808, expected 224",
        [](RawGguf& f) { f.tensors[2].offset = kTwo63; });
    add("shape larger than the data", bad, "'output_norm.weight' (2097152 bytes at file offset",
        [](RawGguf& f) { f.tensors[2].ne = {1 << 20}; });

    // Truncation at every section boundary (the full size is not a boundary to cut at).
    GgufSections sections;
    const std::vector<uint8_t> valid = encodeGguf(validRawGguf(), &sections);
    std::vector<size_t> cuts = {sections.headerEnd};
    cuts.insert(cuts.end(), sections.kvEnds.begin(), sections.kvEnds.end());
    cuts.insert(cuts.end(), sections.tensorInfoEnds.begin(), sections.tensorInfoEnds.end());
    cuts.push_back(sections.dataStart);
    cuts.insert(cuts.end(), sections.tensorDataEnds.begin(), sections.tensorDataEnds.end() - 1);
    for (size_t cut : cuts) {
        addBytes("truncated at section boundary " + std::to_string(cut),
                 std::vector<uint8_t>(valid.begin(), valid.begin() + static_cast<std::ptrdiff_t>(cut)), bad,
                 "truncated");
    }
    // And at fixed pseudo-random points (a linear congruential sequence, so the cases are
    // the same on every run and a failure can be reproduced).
    uint64_t state = 0x9E3779B97F4A7C15ull;
    for (int i = 0; i < 12; ++i) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        const size_t cut = 1 + static_cast<size_t>((state >> 33) % (valid.size() - 1));
        addBytes("truncated at byte " + std::to_string(cut),
                 std::vector<uint8_t>(valid.begin(), valid.begin() + static_cast<std::ptrdiff_t>(cut)), bad,
                 "truncated");
    }
    return cases;
}

}  // namespace ponder::testing
