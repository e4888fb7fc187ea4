/// @brief A read-only memory mapping of a whole file (POSIX mmap or Win32 file mapping).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>

#include "ponder/result.h"

namespace ponder::gguf {

/// A path as UTF-8 for messages. path::string() can throw on Windows for names outside the
/// ANSI code page; messages must never throw.
std::string displayPath(const std::filesystem::path& path);

/// Maps a file read-only for its whole lifetime. Model weights are read straight from the
/// mapping (the OS pages them in on demand), so opening a 20 GB model costs no copy.
/// If another process truncates the file while it is mapped, touching the lost pages raises
/// SIGBUS; nothing portable can prevent that, so Ponder only maps files it treats as
/// read-only (downloaded models).
class MappedFile {
public:
    static Result<std::unique_ptr<MappedFile>> open(const std::filesystem::path& path);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    std::span<const uint8_t> bytes() const { return {m_data, m_size}; }
    const std::filesystem::path& path() const { return m_path; }

private:
    MappedFile() = default;

    std::filesystem::path m_path;
    const uint8_t* m_data = nullptr;
    size_t m_size = 0;
#ifdef _WIN32
    void* m_fileHandle = nullptr;     // HANDLE
    void* m_mappingHandle = nullptr;  // HANDLE
#endif
};

}  // namespace ponder::gguf
