// The access log: one JSON object per line per request, written by spdlog's asynchronous logger
// on its own thread. An I/O thread formats its lines into its own Batch and hands the batch to
// the logger when it reaches 16 KB or when the server's periodic flush (every 500 ms) comes by,
// so the cost per request is formatting one line, not a queue operation and a write. The file is
// flushed at least once a second and when the log is destroyed; a crash can lose the last half
// second. Secret query values (token, password) are redacted from the logged path.
//
// Thread-safety: Append and Submit may be called concurrently from any threads, each with its
// own Batch (a Batch belongs to one thread).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace hoptac::http::internal {

struct AccessRecord {
  std::chrono::system_clock::time_point time;  // when the request started
  std::string_view request_id;
  std::string_view remote;
  std::string_view method;  // "-" if the request could not be parsed
  std::string_view target;  // raw request target; redacted here before it is written
  int status = 0;
  uint64_t bytes = 0;  // response body bytes
  int64_t duration_us = 0;
};

class AccessLog {
 public:
  // `destination`: a file path (appended to); "" = stderr; "-" = stdout; "off" = no log (null).
  static Result<std::unique_ptr<AccessLog>> Open(const std::string& destination);
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  // Lines not yet handed to the logger; one per I/O thread.
  struct Batch {
    std::string lines;  // '\n'-separated, no trailing newline
  };
  static constexpr size_t kBatchBytes = 16 << 10;

  // Formats `record` into `batch`, and submits the batch once it is large enough.
  void Append(Batch& batch, const AccessRecord& record);
  // Hands the batch's lines to the logger (no-op when empty).
  void Submit(Batch& batch);

  // The JSON line for `record`, without the newline (exposed for tests).
  static std::string Format(const AccessRecord& record);

 private:
  struct State;
  explicit AccessLog(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// "2026-03-10T08:15:00.123Z"; caches the formatted second per thread.
void AppendIso8601(std::string& out, std::chrono::system_clock::time_point time);

}  // namespace hoptac::http::internal
