#include "http/internal/access_log.h"

#include <condition_variable>
#include <ctime>
#include <mutex>
#include <thread>

#include <fmt/format.h>
#include <spdlog/async_logger.h>
#include <spdlog/details/thread_pool.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>

#include "http/internal/json_escape.h"
#include "http/internal/request_target.h"

namespace hoptac::http::internal {

struct AccessLog::State {
  std::shared_ptr<spdlog::async_logger> logger;
  std::shared_ptr<spdlog::details::thread_pool> pool;  // the logger holds it weakly
  std::mutex mu;
  std::condition_variable cv;
  bool stop = false;  // GUARDED_BY(mu)
  std::thread flusher;
};

void AppendIso8601(std::string& out, std::chrono::system_clock::time_point time) {
  thread_local int64_t cached_second = -1;
  thread_local char cached[24];
  const int64_t ms = std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
  const int64_t second = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
  if (second != cached_second) {
    std::time_t t = static_cast<std::time_t>(second);
    std::tm tm{};
    gmtime_r(&t, &tm);
    std::strftime(cached, sizeof(cached), "%Y-%m-%dT%H:%M:%S", &tm);
    cached_second = second;
  }
  out.append(cached);
  fmt::format_to(std::back_inserter(out), ".{:03d}Z", static_cast<int>(ms - second * 1000));
}

std::string AccessLog::Format(const AccessRecord& r) {
  std::string line;
  line.reserve(160 + r.target.size());
  line.append("{\"time\":\"");
  AppendIso8601(line, r.time);
  line.append("\",\"request_id\":");
  AppendJsonString(line, r.request_id);
  line.append(",\"remote\":");
  AppendJsonString(line, r.remote);
  line.append(",\"method\":");
  AppendJsonString(line, r.method);
  line.append(",\"path\":");
  if (r.target.find('?') == std::string_view::npos) {
    AppendJsonString(line, r.target);
  } else {
    AppendJsonString(line, RedactTarget(r.target));
  }
  fmt::format_to(std::back_inserter(line), ",\"status\":{},\"bytes\":{},\"duration_us\":{}}}", r.status, r.bytes,
                 r.duration_us);
  return line;
}

Result<std::unique_ptr<AccessLog>> AccessLog::Open(const std::string& destination) {
  if (destination == "off") return std::unique_ptr<AccessLog>();
  auto state = std::make_unique<State>();
  spdlog::sink_ptr sink;
  try {
    if (destination.empty()) {
      sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    } else if (destination == "-") {
      sink = std::make_shared<spdlog::sinks::stdout_sink_mt>();
    } else {
      sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(destination, /*truncate=*/false);
    }
  } catch (const spdlog::spdlog_ex& e) {
    return Status::Unavailable(fmt::format("cannot open the access log {}: {}", destination, e.what()));
  }
  sink->set_pattern("%v");
  // Not registered with spdlog's global registry: the server owns its log.
  state->pool = std::make_shared<spdlog::details::thread_pool>(/*q_max_items=*/32768, /*threads_n=*/1);
  state->logger = std::make_shared<spdlog::async_logger>("hoptac.access", std::move(sink), state->pool,
                                                         spdlog::async_overflow_policy::block);
  state->logger->set_level(spdlog::level::info);
  State* raw = state.get();
  state->flusher = std::thread([raw] {
    std::unique_lock lock(raw->mu);
    while (!raw->cv.wait_for(lock, std::chrono::seconds(1), [raw] { return raw->stop; })) {
      raw->logger->flush();
    }
  });
  return std::unique_ptr<AccessLog>(new AccessLog(std::move(state)));
}

AccessLog::AccessLog(std::unique_ptr<State> state) : state_(std::move(state)) {}

AccessLog::~AccessLog() {
  {
    std::lock_guard lock(state_->mu);
    state_->stop = true;
  }
  state_->cv.notify_all();
  state_->flusher.join();
  state_->logger->flush();
  // Drain and join the writer thread first, then destroy the logger and its sink on this thread.
  state_->pool.reset();
  state_->logger.reset();
}

void AccessLog::Append(Batch& batch, const AccessRecord& record) {
  if (!batch.lines.empty()) batch.lines.push_back('\n');
  batch.lines.append(Format(record));
  if (batch.lines.size() >= kBatchBytes) Submit(batch);
}

void AccessLog::Submit(Batch& batch) {
  if (batch.lines.empty()) return;
  // The "%v" pattern adds the final newline.
  state_->logger->log(spdlog::level::info, spdlog::string_view_t(batch.lines.data(), batch.lines.size()));
  batch.lines.clear();
}

}  // namespace hoptac::http::internal
