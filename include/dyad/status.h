// Status and Result<T>: how every libdyad function reports expected failures.
//
// Exceptions never cross the library API. A function that can fail returns
// Status (no value) or Result<T> (a value or a Status). Both are [[nodiscard]].
// Messages say what was found, where (file:line when known), and what to do.
#ifndef DYAD_STATUS_H_
#define DYAD_STATUS_H_

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace dyad {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // the caller passed something unusable (bad flag, bad spec)
  kNotFound,         // a path, key or record does not exist
  kIOError,          // the OS refused a read or write
  kCorruption,       // input bytes are not what the format says they must be
  kUnsupported,      // a valid request this build cannot serve
  kInternal,         // a bug in dyad; report it
};

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status IOError(std::string m) { return {StatusCode::kIOError, std::move(m)}; }
  static Status Corruption(std::string m) { return {StatusCode::kCorruption, std::move(m)}; }
  static Status Unsupported(std::string m) { return {StatusCode::kUnsupported, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "OK", or "<code name>: <message>".
  std::string ToString() const;

  // Explicitly drops a status whose failure the caller has decided not to act on.
  void IgnoreError() const {}

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

std::string_view StatusCodeName(StatusCode code);

// A value of type T or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}         // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {   // NOLINT: implicit by design
    assert(!std::get<Status>(v_).ok() && "Result built from an OK Status has no value");
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace dyad

// Returns early from the enclosing function when `expr` yields a non-OK Status.
#define DYAD_RETURN_IF_ERROR(expr)              \
  do {                                          \
    ::dyad::Status dyad_status_ = (expr);       \
    if (!dyad_status_.ok()) return dyad_status_; \
  } while (0)

#define DYAD_CONCAT_INNER_(a, b) a##b
#define DYAD_CONCAT_(a, b) DYAD_CONCAT_INNER_(a, b)
// `DYAD_ASSIGN_OR_RETURN(auto x, F())` binds x to F()'s value or returns its Status.
#define DYAD_ASSIGN_OR_RETURN(lhs, expr) \
  DYAD_ASSIGN_OR_RETURN_IMPL_(DYAD_CONCAT_(dyad_result_, __LINE__), lhs, expr)
#define DYAD_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                \
  if (!tmp.ok()) return tmp.status();               \
  lhs = std::move(tmp).value()

#endif  // DYAD_STATUS_H_
