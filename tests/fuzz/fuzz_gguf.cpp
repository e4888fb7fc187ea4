// Fuzz target for the GGUF reader: any byte string must give a validated File or an Error,
// never a crash, hang, out-of-bounds read or huge allocation. Built as a libFuzzer binary
// with clang++, or linked with standalone_driver.cpp otherwise (tests/engine/fuzz_gguf.cmake).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "ponder/gguf.h"

namespace {

// A broken invariant is a bug: abort so the fuzzer saves the input.
void check(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "fuzz_gguf: invariant broken: %s\n", what);
        std::abort();
    }
}

// Calls every getter on every key: they must answer with a value or an error for any type.
uint64_t exerciseGetters(const ponder::gguf::File& file) {
    uint64_t sink = 0;
    for (const auto& [key, value] : file.metadata()) {
        check(file.find(key) == &value, "find() returns the entry listed by metadata()");
        if (auto v = file.getUInt(key)) sink += *v;
        if (auto v = file.getInt(key)) sink += static_cast<uint64_t>(*v);
        if (auto v = file.getFloat(key)) sink += *v > 0 ? 1 : 0;
        if (auto v = file.getBool(key)) sink += *v;
        if (auto v = file.getString(key)) sink += v->size();
        if (auto v = file.getStringArray(key)) sink += v->size();
        if (auto v = file.getFloatArray(key)) sink += v->size();
        if (auto v = file.getIntArray(key)) sink += v->size();
    }
    return sink;
}

}  // namespace

#ifdef PONDER_FUZZ_LIBFUZZER
extern "C" int LLVMFuzzerInitialize(int*, char***) {
    std::printf("fuzz_gguf: libFuzzer build (clang++ -fsanitize=fuzzer,address,undefined)\n");
    return 0;
}
#endif

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    auto parsed = ponder::gguf::File::parse(std::span<const uint8_t>(data, size));
    if (!parsed) {
        check(!parsed.error().message.empty(), "every error has a message");
        check(parsed.error().code != ponder::ErrorCode::Internal, "no internal errors on input data");
        return 0;
    }
    const ponder::gguf::File& file = **parsed;
    check(file.version() == 2 || file.version() == 3, "version is 2 or 3");
    check(file.alignment() != 0 && (file.alignment() & (file.alignment() - 1)) == 0,
          "alignment is a power of two");
    uint64_t sink = exerciseGetters(file);
    for (const auto& t : file.tensors()) {
        check(file.findTensor(t.name) == &t, "findTensor() finds every tensor");
        check(t.byteSize > 0 && t.data >= data && t.data + t.byteSize <= data + size,
              "tensor data inside the input");
        // Touch both ends so AddressSanitizer would report a pointer outside the input.
        sink += t.data[0] + t.data[t.byteSize - 1] + t.elementCount();
    }
    volatile uint64_t keep = sink;
    (void)keep;
    return 0;
}
