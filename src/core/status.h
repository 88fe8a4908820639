// Status and Result<T>: how every hoptac module reports an expected failure.
//
// A Status carries a domain code (never an HTTP code: http/ maps codes to responses in one place),
// a human message in English, and, for validation failures, per-field errors. Each FieldError has a
// stable machine `code` (for example "required", "invalid_country") that the HTTP layer uses to
// translate the message into the caller's language. Status and Result are plain values; they are
// safe to copy between threads.
#pragma once

#include <cassert>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace hoptac {

enum class Code {
  kOk,
  kInvalidArgument,   // the caller sent something wrong; fix the input
  kNotFound,          // no such record
  kConflict,          // clashes with existing state (duplicate ref, still referenced, stale version)
  kUnauthenticated,   // no or bad credentials
  kPermissionDenied,  // credentials fine, not allowed
  kResourceExhausted, // too large, too many, disk full
  kUnavailable,       // try again later (shutting down, busy)
  kTooManyRequests,   // throttled: too many attempts from this account or address; wait and retry
  kInternal,          // a bug or a broken invariant
};

struct FieldError {
  std::string field;    // "name", "parties[1]", "line 42: country"
  std::string code;     // stable key for translation: "required", "invalid_country", ...
  std::string message;  // English text for a person
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Code code, std::string message, std::vector<FieldError> field_errors = {})
      : code_(code), message_(std::move(message)), field_errors_(std::move(field_errors)) {}

  static Status Ok() { return {}; }
  static Status InvalidArgument(std::string message, std::vector<FieldError> errors = {}) {
    return {Code::kInvalidArgument, std::move(message), std::move(errors)};
  }
  static Status NotFound(std::string message) { return {Code::kNotFound, std::move(message)}; }
  static Status Conflict(std::string message, std::vector<FieldError> errors = {}) {
    return {Code::kConflict, std::move(message), std::move(errors)};
  }
  static Status Unauthenticated(std::string message) { return {Code::kUnauthenticated, std::move(message)}; }
  static Status PermissionDenied(std::string message) { return {Code::kPermissionDenied, std::move(message)}; }
  static Status ResourceExhausted(std::string message) { return {Code::kResourceExhausted, std::move(message)}; }
  static Status Unavailable(std::string message) { return {Code::kUnavailable, std::move(message)}; }
  // `retry_after_seconds` travels as a field error named "retry_after" (HTTP: the Retry-After header).
  static Status TooManyRequests(std::string message, int64_t retry_after_seconds) {
    return {Code::kTooManyRequests, std::move(message),
            {{"retry_after", "retry_after", std::to_string(retry_after_seconds)}}};
  }
  static Status Internal(std::string message) { return {Code::kInternal, std::move(message)}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::vector<FieldError>& field_errors() const { return field_errors_; }
  std::string ToString() const;

 private:
  Code code_ = Code::kOk;
  std::string message_;
  std::vector<FieldError> field_errors_;
};

const char* CodeName(Code code);

// Result<T> holds either a value or a non-ok Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Status status) : v_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!std::get<Status>(v_).ok());
  }

  bool ok() const { return v_.index() == 0; }
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

}  // namespace hoptac

// Propagate a non-ok Status from an expression returning Status.
#define HOPTAC_RETURN_IF_ERROR(expr)        \
  do {                                      \
    ::hoptac::Status hoptac_status_ = (expr); \
    if (!hoptac_status_.ok()) return hoptac_status_; \
  } while (0)
