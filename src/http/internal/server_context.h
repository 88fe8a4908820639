// What the acceptor, the sessions and Server::Shutdown share. Private to the transport.
//
// Threading model: one io_context per I/O thread (a "lane"). A connection is handed to one lane
// when it is accepted and lives there until it closes, so a session's coroutine and everything it
// owns is only ever touched by its lane's thread: no strands and no locks on the hot path.
// Dispatcher::Handle and disk reads for static files run on `workers` (a separate thread pool);
// their results are posted back to the session's lane.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_set>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>

#include "http/internal/access_log.h"
#include "http/server.h"

namespace hoptac::http::internal {

class StaticFiles;
struct Session;

struct Lane {
  // Only touched on this lane's thread. Declared before `ioc` so that it outlives the session
  // frames that ~io_context may destroy (they unregister themselves).
  std::unordered_set<Session*> sessions;
  AccessLog::Batch log_batch;                      // access log lines from this thread
  boost::asio::steady_timer* log_timer = nullptr;  // the periodic flush, while it runs
  boost::asio::io_context ioc{1};
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work;
  std::thread thread;
};

struct ServerContext {
  ServerContext(const ServerOptions& o, Dispatcher& d) : options(o), dispatcher(d) {}

  const ServerOptions options;
  Dispatcher& dispatcher;
  boost::asio::thread_pool* workers = nullptr;
  StaticFiles* static_files = nullptr;  // null: no web root
  AccessLog* access_log = nullptr;      // null: access log off
  std::string request_id_prefix;        // random per server, so ids differ across restarts
  std::atomic<uint64_t> next_request_id{1};

  // Shutdown phases. `stopping`: no new connections, no more keep-alive, idle ones closed.
  // `abandon`: the grace period is over; queued handlers are answered 503 without running.
  std::atomic<bool> stopping{false};
  std::atomic<bool> abandon{false};

  std::mutex mu;
  std::condition_variable sessions_changed;
  int active_sessions = 0;  // GUARDED_BY(mu)

  void SessionStarted() {
    std::lock_guard lock(mu);
    ++active_sessions;
  }
  void SessionEnded() {
    {
      std::lock_guard lock(mu);
      --active_sessions;
    }
    sessions_changed.notify_all();
  }
};

// Starts serving `socket`, which must belong to `lane.ioc`. Call on any thread.
void SpawnSession(ServerContext& ctx, Lane& lane, boost::asio::ip::tcp::socket socket);

// Call on `lane`'s thread. Closes keep-alive connections waiting for a request, or, with `force`,
// every connection (requests in flight are cut off).
void CloseSessions(Lane& lane, bool force);

}  // namespace hoptac::http::internal
