/// @brief Error and result types of the storage layer (no exceptions cross its boundary).
#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>
#include <utility>

class QSqlError;

/// What went wrong in a storage call: a code the app can act on and a sentence for people.
class StorageError {
public:
    enum class Code {
        Ok,
        CannotOpen,       ///< the folder or file cannot be created or opened at all
        Corrupt,          ///< the file is not a readable SQLite database (it was set aside)
        TooNew,           ///< written by a newer Ponder; refused, never downgraded
        DiskFull,         ///< SQLITE_FULL: the write did not happen
        ReadOnly,         ///< the file or folder cannot be written
        Busy,             ///< another process holds the database locked for too long
        Io,               ///< any other I/O error from the OS
        NotFound,         ///< no row with that id (or it is in the trash)
        InvalidArgument,  ///< the caller asked for something impossible (wrong parent, bad role)
        InvalidImport,    ///< an import file failed validation
        Sql,              ///< a statement failed for another reason (a bug, most likely)
    };

    StorageError() = default;
    StorageError(Code code, QString message) : m_code(code), m_message(std::move(message)) {}

    /// Maps a failed QtSql call to a code by its SQLite result code; @p what says what we tried.
    static StorageError fromSql(const QSqlError& error, const QString& what);

    bool isOk() const { return m_code == Code::Ok; }
    Code code() const { return m_code; }
    /// A human sentence (translatable), with the SQLite detail appended for bug reports.
    const QString& message() const { return m_message; }

private:
    Code m_code = Code::Ok;
    QString m_message;
};

/// Either a value or a StorageError, in the spirit of std::expected (C++23, not available here).
template <typename T>
class Result {
public:
    Result(T value) : m_value(std::move(value)) {}             // NOLINT: implicit on purpose, like expected
    Result(StorageError error) : m_error(std::move(error)) {}  // NOLINT

    bool isOk() const { return m_value.has_value(); }
    explicit operator bool() const { return isOk(); }
    // Calling value() on an error is a bug in the caller; the assert catches it in tests.
    const T& value() const& {
        Q_ASSERT(m_value);
        return *m_value;
    }
    T& value() & {
        Q_ASSERT(m_value);
        return *m_value;
    }
    // By value, so `for (x : f().value())` keeps the list alive (a T&& would dangle).
    T value() && {
        Q_ASSERT(m_value);
        return std::move(*m_value);
    }
    const StorageError& error() const { return m_error; }

private:
    std::optional<T> m_value;
    StorageError m_error;
};

/// A result without a value: success, or the error.
template <>
class Result<void> {
public:
    Result() = default;
    Result(StorageError error) : m_error(std::move(error)) {}  // NOLINT

    bool isOk() const { return m_error.isOk(); }
    explicit operator bool() const { return isOk(); }
    const StorageError& error() const { return m_error; }

private:
    StorageError m_error;
};

using Status = Result<void>;
