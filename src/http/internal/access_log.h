// The access log: one JSON object per line per request, written by spdlog's asynchronous logger
// on its own thread, so an I/O thread only formats a line and queues it. Lines are flushed at
// least once a second and when the log is destroyed. Secret query values (token, password) are
// redacted from the logged path.
//
// Thread-safety: Write may be called concurrently from any thread.
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

  void Write(const AccessRecord& record);

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
