#include "gguf/mapped_file.h"

#include <cerrno>
#include <limits>
#include <string>
#include <system_error>

#ifdef _WIN32
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>
#else
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace ponder::gguf {
namespace {

std::string quoted(const std::filesystem::path& path) {
    // Appended piece by piece: GCC 12's -Wrestrict misfires on "'" + std::string at -O3.
    std::string out(1, '\'');
    out += displayPath(path);
    out += '\'';
    return out;
}

}  // namespace

std::string displayPath(const std::filesystem::path& path) {
    const auto utf8 = path.u8string();
    return std::string(utf8.begin(), utf8.end());
}

#ifdef _WIN32

namespace {

Error windowsError(const std::filesystem::path& path, const char* what) {
    const DWORD code = GetLastError();
    const std::string detail = std::system_category().message(static_cast<int>(code));
    const bool missing = code == ERROR_FILE_NOT_FOUND || code == ERROR_PATH_NOT_FOUND;
    return makeError(missing ? ErrorCode::FileNotFound : ErrorCode::IoError,
                     std::string(what) + " " + quoted(path) + ": " + detail);
}

}  // namespace

Result<std::unique_ptr<MappedFile>> MappedFile::open(const std::filesystem::path& path) {
    std::unique_ptr<MappedFile> file(new MappedFile());
    file->m_path = path;
    // FILE_SHARE_DELETE lets the app's model manager delete or rename a model that is
    // still loaded, as POSIX allows.
    HANDLE handle = CreateFileW(path.c_str(), GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_DELETE, nullptr,
                                OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (handle == INVALID_HANDLE_VALUE) return windowsError(path, "cannot open");
    file->m_fileHandle = handle;

    BY_HANDLE_FILE_INFORMATION info{};
    if (!GetFileInformationByHandle(handle, &info)) return windowsError(path, "cannot stat");
    if (info.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) {
        return makeError(ErrorCode::InvalidArgument, quoted(path) + " is a directory, not a GGUF file");
    }
    LARGE_INTEGER size{};
    if (!GetFileSizeEx(handle, &size)) return windowsError(path, "cannot get the size of");
    const auto bytes = static_cast<unsigned long long>(size.QuadPart);
    if (bytes > std::numeric_limits<size_t>::max()) {
        return makeError(ErrorCode::OutOfMemory, quoted(path) + " is too large to map in a 32-bit process");
    }
    if (bytes == 0) return file;  // mapping an empty file fails; the parser reports it

    HANDLE mapping = CreateFileMappingW(handle, nullptr, PAGE_READONLY, 0, 0, nullptr);
    if (mapping == nullptr) return windowsError(path, "cannot create a file mapping of");
    file->m_mappingHandle = mapping;
    void* view = MapViewOfFile(mapping, FILE_MAP_READ, 0, 0, 0);
    if (view == nullptr) return windowsError(path, "cannot map");
    file->m_data = static_cast<const uint8_t*>(view);
    file->m_size = static_cast<size_t>(bytes);
    return file;
}

MappedFile::~MappedFile() {
    if (m_data) UnmapViewOfFile(m_data);
    if (m_mappingHandle) CloseHandle(static_cast<HANDLE>(m_mappingHandle));
    if (m_fileHandle) CloseHandle(static_cast<HANDLE>(m_fileHandle));
}

#else  // POSIX

namespace {

Error posixError(const std::filesystem::path& path, const char* what, int err) {
    const std::string detail = std::generic_category().message(err);
    const ErrorCode code = (err == ENOENT || err == ENOTDIR) ? ErrorCode::FileNotFound : ErrorCode::IoError;
    return makeError(code, std::string(what) + " " + quoted(path) + ": " + detail);
}

// Closes the descriptor on every return path; the mapping stays valid after close.
struct FdCloser {
    int fd;
    ~FdCloser() {
        if (fd >= 0) ::close(fd);
    }
};

}  // namespace

Result<std::unique_ptr<MappedFile>> MappedFile::open(const std::filesystem::path& path) {
    std::unique_ptr<MappedFile> file(new MappedFile());
    file->m_path = path;
    int fd = -1;
    do {
        // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever;
        // it has no effect on the regular files that pass the check below.
        fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) return posixError(path, "cannot open", errno);
    FdCloser closer{fd};

    struct stat st {};
    if (::fstat(fd, &st) != 0) return posixError(path, "cannot stat", errno);
    if (S_ISDIR(st.st_mode)) {
        return makeError(ErrorCode::InvalidArgument, quoted(path) + " is a directory, not a GGUF file");
    }
    if (!S_ISREG(st.st_mode)) {
        // A FIFO or device would block or has no size; models are always plain files.
        return makeError(ErrorCode::InvalidArgument, quoted(path) + " is not a regular file");
    }
    const auto bytes = static_cast<unsigned long long>(st.st_size);
    if (bytes > std::numeric_limits<size_t>::max()) {
        return makeError(ErrorCode::OutOfMemory, quoted(path) + " is too large to map in a 32-bit process");
    }
    if (bytes == 0) return file;  // mmap of length 0 fails; the parser reports the empty file

    void* addr = ::mmap(nullptr, static_cast<size_t>(bytes), PROT_READ, MAP_SHARED, fd, 0);
    if (addr == MAP_FAILED) return posixError(path, "cannot mmap", errno);
    file->m_data = static_cast<const uint8_t*>(addr);
    file->m_size = static_cast<size_t>(bytes);
    return file;
}

MappedFile::~MappedFile() {
    if (m_data) ::munmap(const_cast<uint8_t*>(m_data), m_size);
}

#endif

}  // namespace ponder::gguf
