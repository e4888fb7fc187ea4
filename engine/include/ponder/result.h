/// @brief Error codes and the Result<T> type every fallible engine call returns.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace ponder {

/// What went wrong, coarse enough for the app to pick a translated sentence.
enum class ErrorCode {
    Ok = 0,
    InvalidArgument,   // the caller passed something meaningless
    FileNotFound,      // a path does not exist or cannot be opened
    IoError,           // read/write/mmap failed (disk full, permissions)
    InvalidFormat,     // a file is not what it claims to be (truncated, hostile, wrong magic)
    Unsupported,       // valid, but not something Ponder can run (architecture, tensor type)
    OutOfMemory,       // host or device memory exhausted, or a budget check failed
    DeviceLost,        // the GPU went away (VK_ERROR_DEVICE_LOST, driver reset)
    NoDevice,          // no usable Vulkan device
    VulkanError,       // any other Vulkan failure
    Cancelled,         // the caller asked to stop
    Internal,          // a bug in Ponder
};

/// A short, stable, English name for an error code (for logs and JSON).
const char* errorCodeName(ErrorCode code);

/// An error: a code plus a human-readable detail (file names, sizes, offsets).
struct Error {
    ErrorCode code = ErrorCode::Internal;
    std::string message;
};

/// Either a value or an Error. Small stand-in for std::expected (C++23), which not every
/// compiler we build with ships yet.
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_v(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(m_v); }
    const T& value() const& { return std::get<0>(m_v); }
    T&& value() && { return std::get<0>(std::move(m_v)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const { return std::get<1>(m_v); }

private:
    std::variant<T, Error> m_v;
};

/// Result of an operation that produces nothing but may fail.
template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_ok(false) {}

    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const Error& error() const { return m_error; }

private:
    Error m_error;
    bool m_ok = true;
};

/// Builds an Error; a shorthand used everywhere in the engine.
inline Error makeError(ErrorCode code, std::string message) { return Error{code, std::move(message)}; }

}  // namespace ponder

/// Propagates an error from an expression returning Result<...>.
#define PONDER_TRY(expr)                                   \
    do {                                                   \
        auto&& ponder_try_result_ = (expr);                \
        if (!ponder_try_result_) return ponder_try_result_.error(); \
    } while (0)
