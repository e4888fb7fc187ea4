// A stand-in for libFuzzer where clang++ is not available: replays a corpus through
// LLVMFuzzerTestOneInput, then feeds it deterministic mutations of the corpus (bit flips,
// byte sets, truncations, u64/u32 overwrites with hostile values, splices) until a time
// budget runs out. It takes libFuzzer's flags (-max_total_time=, -timeout=, -seed=; others
// are ignored) and directories, so ctest calls both the same way.
//
// Without coverage feedback it finds less than libFuzzer, but the mutations aim at exactly
// the fields a GGUF reader trusts (counts, lengths, type ids, offsets), and with the
// sanitizers on (fuzz_gguf.cmake) an out-of-bounds read still fails loudly.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#ifndef _WIN32
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>
#endif

#if defined(__SANITIZE_ADDRESS__)  // g++
#define PONDER_HAVE_ASAN 1
#elif defined(__has_feature)  // clang
#if __has_feature(address_sanitizer)
#define PONDER_HAVE_ASAN 1
#endif
#endif
#ifdef PONDER_HAVE_ASAN
#include <sanitizer/common_interface_defs.h>
#endif

#ifndef PONDER_FUZZ_DRIVER_NOTE
#define PONDER_FUZZ_DRIVER_NOTE "libFuzzer not used"
#endif

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

struct Options {
    double maxSeconds = 20;
    unsigned timeoutSeconds = 5;
    uint64_t seed = 0x5EEDF00Dull;
    std::vector<std::filesystem::path> dirs;
};

Options parseOptions(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&](const char* flag) { return a.substr(std::strlen(flag)); };
        if (a.rfind("-max_total_time=", 0) == 0) {
            o.maxSeconds = std::atof(value("-max_total_time=").c_str());
        } else if (a.rfind("-timeout=", 0) == 0) {
            o.timeoutSeconds = static_cast<unsigned>(std::atoi(value("-timeout=").c_str()));
        } else if (a.rfind("-seed=", 0) == 0) {
            o.seed = std::strtoull(value("-seed=").c_str(), nullptr, 10);
        } else if (a.rfind("-", 0) != 0) {
            o.dirs.emplace_back(a);
        }
    }
    return o;
}

// The input being run, so a crash handler can save it for reproduction.
std::vector<uint8_t> g_current;

#ifndef _WIN32
void saveCurrentInputAndDie(int sig) {
    // Only async-signal-safe calls here.
    const int fd = ::open("fuzz_gguf-crash-input.bin", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
        ssize_t ignored = ::write(fd, g_current.data(), g_current.size());
        (void)ignored;
        ::close(fd);
    }
    const char msg[] = "fuzz_gguf: crashed or timed out; input saved to fuzz_gguf-crash-input.bin\n";
    ssize_t ignored = ::write(2, msg, sizeof msg - 1);
    (void)ignored;
    if (sig == 0) return;  // called by the sanitizer, which ends the process itself
    ::signal(sig, SIG_DFL);
    ::raise(sig);
}

#ifdef PONDER_HAVE_ASAN
void saveCurrentInput() {
    saveCurrentInputAndDie(0);
}
#endif

void installCrashHandlers() {
    // SIGALRM is our timeout and SIGABRT a broken invariant. Under AddressSanitizer its own
    // handlers report memory errors with a stack trace; keep them and hook its death
    // callback instead. Without it, catch the fatal signals ourselves.
    for (int sig : {SIGALRM, SIGABRT})
        ::signal(sig, saveCurrentInputAndDie);
#ifdef PONDER_HAVE_ASAN
    __sanitizer_set_death_callback(saveCurrentInput);
#else
    for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL})
        ::signal(sig, saveCurrentInputAndDie);
#endif
}
#endif

void runOne(const std::vector<uint8_t>& input, unsigned timeoutSeconds) {
    g_current = input;
#ifndef _WIN32
    ::alarm(timeoutSeconds);  // a hang is a bug too: SIGALRM ends the run
#else
    (void)timeoutSeconds;
#endif
    LLVMFuzzerTestOneInput(g_current.data(), g_current.size());
#ifndef _WIN32
    ::alarm(0);
#endif
}

class Rng {
public:
    explicit Rng(uint64_t seed) : m_state(seed ? seed : 1) {}
    uint64_t next() {  // xorshift64*
        m_state ^= m_state >> 12;
        m_state ^= m_state << 25;
        m_state ^= m_state >> 27;
        return m_state * 2685821657736338717ull;
    }
    size_t below(size_t n) { return n ? static_cast<size_t>(next() % n) : 0; }

private:
    uint64_t m_state;
};

// Values that break naive readers: counts and lengths near 2^64, 2^63 (negative as int64),
// sizes that overflow when multiplied, and small ids just past the valid ranges.
constexpr uint64_t kHostile64[] = {
    ~0ull, 1ull << 63, (1ull << 63) - 1, 1ull << 62, 1ull << 40, 1ull << 32, 0xFFFFFFFFull, 0, 65536, 64};
constexpr uint32_t kHostile32[] = {0, 1, 4, 5, 9, 13, 31, 43, 64, 0x80000000u, 0xFFFFFFFFu};

void mutate(std::vector<uint8_t>& d, const std::vector<std::vector<uint8_t>>& corpus, Rng& rng) {
    const size_t steps = 1 + rng.below(4);
    for (size_t s = 0; s < steps; ++s) {
        const size_t at = rng.below(d.size());
        switch (rng.below(7)) {
            case 0:
                if (!d.empty()) d[at] ^= static_cast<uint8_t>(1u << rng.below(8));
                break;
            case 1: {
                static constexpr uint8_t kBytes[] = {0, 1, 2, 0x7F, 0x80, 0xFF};
                if (!d.empty())
                    d[at] = rng.below(2) ? kBytes[rng.below(std::size(kBytes))]
                                         : static_cast<uint8_t>(rng.next());
                break;
            }
            case 2:
                d.resize(rng.below(d.size() + 1));
                break;
            case 3: {
                const uint64_t v = kHostile64[rng.below(std::size(kHostile64))];
                for (size_t b = 0; b < 8 && at + b < d.size(); ++b)
                    d[at + b] = static_cast<uint8_t>(v >> (8 * b));
                break;
            }
            case 4: {
                const uint32_t v = kHostile32[rng.below(std::size(kHostile32))];
                for (size_t b = 0; b < 4 && at + b < d.size(); ++b)
                    d[at + b] = static_cast<uint8_t>(v >> (8 * b));
                break;
            }
            case 5: {  // splice a piece of another input in
                const auto& other = corpus[rng.below(corpus.size())];
                if (other.empty()) break;
                const size_t from = rng.below(other.size());
                const size_t n = 1 + rng.below(std::min<size_t>(64, other.size() - from));
                d.insert(d.begin() + static_cast<std::ptrdiff_t>(std::min(at, d.size())),
                         other.begin() + static_cast<std::ptrdiff_t>(from),
                         other.begin() + static_cast<std::ptrdiff_t>(from + n));
                break;
            }
            default:  // delete a range
                if (!d.empty())
                    d.erase(
                        d.begin() + static_cast<std::ptrdiff_t>(at),
                        d.begin() + static_cast<std::ptrdiff_t>(std::min(d.size(), at + 1 + rng.below(16))));
                break;
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    const Options options = parseOptions(argc, argv);
    // Sorted, because directory order is unspecified and the run must be reproducible.
    std::vector<std::filesystem::path> files;
    for (const auto& dir : options.dirs) {
        std::error_code ec;
        for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
            if (entry.is_regular_file()) files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    std::vector<std::vector<uint8_t>> corpus;
    for (const auto& file : files) {
        std::ifstream in(file, std::ios::binary);
        corpus.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    if (corpus.empty()) corpus.emplace_back();  // still fuzz from the empty input
#ifndef _WIN32
    installCrashHandlers();
#endif
    // The mutation sequence depends only on the seed and the corpus, so rerunning with the
    // printed -seed= reproduces a failure even when no input file could be saved.
    std::printf("fuzz_gguf: standalone g++ driver (%s): %zu corpus inputs, %.0f s, -seed=%llu\n",
                PONDER_FUZZ_DRIVER_NOTE, corpus.size(), options.maxSeconds,
                static_cast<unsigned long long>(options.seed));
    std::fflush(stdout);

    for (const auto& input : corpus)
        runOne(input, options.timeoutSeconds);

    const auto start = std::chrono::steady_clock::now();
    const auto budget = std::chrono::duration<double>(options.maxSeconds);
    Rng rng(options.seed);
    uint64_t runs = 0;
    std::vector<uint8_t> input;
    while (std::chrono::steady_clock::now() - start < budget) {
        input = corpus[rng.below(corpus.size())];
        mutate(input, corpus, rng);
        runOne(input, options.timeoutSeconds);
        ++runs;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf(
        "fuzz_gguf: done, %zu corpus inputs replayed and %llu mutated inputs run in %.1f s, no failure\n",
        corpus.size(), static_cast<unsigned long long>(runs), seconds);
    return 0;
}
