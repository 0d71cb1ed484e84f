// Status and StatusOr: the error currency inside vanban (LevelDB / Abseil shape).
//
// A Status is either OK or carries a code and a human-readable message. Code that can fail
// returns Status or StatusOr<T>; exceptions from libraries are caught inside the module that
// calls them and never cross a module or plugin boundary. Only cli/main.cc turns a Status into
// an exit code.
//
// Thread-safety: values; safe to copy and move between threads.
#ifndef VANBAN_STATUS_H_
#define VANBAN_STATUS_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace vanban {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // the caller passed something malformed (bad option, bad rule file)
  kNotFound,         // a file or resource does not exist
  kIoError,          // reading or writing failed
  kCorrupt,          // the input is damaged (truncated PDF, bad JPEG, invalid UTF-8)
  kUnsupported,      // the input is valid but of a kind vanban does not handle
  kPermissionDenied, // encrypted document without the password, unreadable file
  kResourceExhausted,// too large, timed out
  kInternal,         // a bug in vanban or a library it uses
};

std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
  static Status Corrupt(std::string m) { return {StatusCode::kCorrupt, std::move(m)}; }
  static Status Unsupported(std::string m) { return {StatusCode::kUnsupported, std::move(m)}; }
  static Status PermissionDenied(std::string m) { return {StatusCode::kPermissionDenied, std::move(m)}; }
  static Status ResourceExhausted(std::string m) { return {StatusCode::kResourceExhausted, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "corrupt: PDF has no %%EOF marker"
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

namespace internal {
// Reports the misuse (value() of a StatusOr that holds an error) and aborts: reading a value that
// is not there is a bug in the caller, in every build type.
[[noreturn]] void DieOfMissingValue(const Status& status);
// The Status a StatusOr holds when it was built from an OK Status, which carries no value.
Status OkStatusWithoutValue();
}  // namespace internal

// Holds either a value or a non-OK Status. Built from an OK Status (a bug: there is no value), it
// holds an internal error instead, in every build type, so ok() never lies.
template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(Status status)  // NOLINT: implicit, so that `return Status::NotFound(...)` works
      : status_(status.ok() ? internal::OkStatusWithoutValue() : std::move(status)) {}
  StatusOr(T value) : value_(std::move(value)) {}  // NOLINT

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  const T& value() const& {
    if (!ok()) internal::DieOfMissingValue(status_);
    return *value_;
  }
  T& value() & {
    if (!ok()) internal::DieOfMissingValue(status_);
    return *value_;
  }
  // By value, so that `for (auto c : F().value())` never binds to a destroyed temporary.
  T value() && {
    if (!ok()) internal::DieOfMissingValue(status_);
    return std::move(*value_);
  }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace vanban

// Returns the Status of `expr` from the calling function when it is not OK.
#define VANBAN_RETURN_IF_ERROR(expr)                       \
  do {                                                     \
    ::vanban::Status _vanban_status = (expr);              \
    if (!_vanban_status.ok()) return _vanban_status;       \
  } while (0)

#define VANBAN_STATUS_CONCAT_INNER(a, b) a##b
#define VANBAN_STATUS_CONCAT(a, b) VANBAN_STATUS_CONCAT_INNER(a, b)

// `VANBAN_ASSIGN_OR_RETURN(auto x, F());` declares (or assigns) x from the value of the StatusOr
// F() returns, or returns its Status from the calling function when it holds an error.
#define VANBAN_ASSIGN_OR_RETURN(lhs, expr) \
  VANBAN_ASSIGN_OR_RETURN_IMPL(VANBAN_STATUS_CONCAT(_vanban_status_or_, __LINE__), lhs, expr)
#define VANBAN_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                 \
  if (!tmp.ok()) return tmp.status();                \
  lhs = std::move(tmp).value()

#endif  // VANBAN_STATUS_H_
