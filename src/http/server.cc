// Server: owns the I/O lanes, the acceptor, the worker pool, the static files and the access log,
// and runs the shutdown sequence. Sessions themselves live in internal/session.cc.
#include "http/server.h"

#include <algorithm>
#include <cassert>
#include <chrono>
#include <csignal>
#include <future>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "http/internal/access_log.h"
#include "http/internal/server_context.h"
#include "http/internal/static_files.h"

namespace hoptac::http {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;

struct Server::Impl {
  Impl(ServerOptions options, Dispatcher& dispatcher) : ctx(std::move(options), dispatcher) {}

  enum class State { kNew, kRunning, kStopped };

  net::awaitable<void> AcceptLoop();
  net::awaitable<void> FlushAccessLog(internal::Lane& lane);
  Status Listen();
  void RunLane(internal::Lane& lane);

  // Declaration order is destruction order reversed: the context outlives the lanes (session
  // frames destroyed by ~io_context touch it), and the lanes outlive the acceptor and signals.
  internal::ServerContext ctx;
  std::unique_ptr<internal::AccessLog> access_log;
  std::unique_ptr<internal::StaticFiles> static_files;
  std::optional<net::thread_pool> workers;
  std::vector<std::unique_ptr<internal::Lane>> lanes;
  std::optional<tcp::acceptor> acceptor;   // on lanes[0]; touched only there once running
  std::optional<net::signal_set> signals;  // on lanes[0]; touched only there
  std::atomic<uint16_t> port{0};
  size_t next_lane = 0;  // used only by the accept loop

  std::mutex shutdown_mu;  // serialises Start and Shutdown
  std::mutex mu;
  std::condition_variable state_changed;
  State state = State::kNew;  // GUARDED_BY(mu)
  bool signalled = false;     // GUARDED_BY(mu)
};

Status Server::Impl::Listen() {
  const ServerOptions& o = ctx.options;
  error_code ec;
  tcp::endpoint endpoint;
  net::ip::address address = net::ip::make_address(o.host, ec);
  if (!ec) {
    endpoint = tcp::endpoint(address, o.port);
  } else {
    tcp::resolver resolver(lanes[0]->ioc);
    auto results = resolver.resolve(o.host, std::to_string(o.port), ec);
    if (ec || results.empty()) {
      return Status::Unavailable(fmt::format("cannot resolve {}: {}", o.host, ec.message()));
    }
    endpoint = results.begin()->endpoint();
  }
  acceptor.emplace(lanes[0]->ioc);
  auto fail = [&](const char* what) {
    Status status =
        Status::Unavailable(fmt::format("cannot listen on {}:{} ({}): {}", o.host, o.port, what, ec.message()));
    acceptor.reset();
    return status;
  };
  if (acceptor->open(endpoint.protocol(), ec); ec) return fail("open");
  if (acceptor->set_option(net::socket_base::reuse_address(true), ec); ec) return fail("reuse_address");
  if (acceptor->bind(endpoint, ec); ec) return fail("bind");
  if (acceptor->listen(net::socket_base::max_listen_connections, ec); ec) return fail("listen");
  port = acceptor->local_endpoint(ec).port();
  return Status::Ok();
}

net::awaitable<void> Server::Impl::AcceptLoop() {
  for (;;) {
    internal::Lane& lane = *lanes[next_lane++ % lanes.size()];
    tcp::socket socket(lane.ioc);
    error_code ec;
    co_await acceptor->async_accept(socket, net::redirect_error(net::use_awaitable, ec));
    if (ctx.stopping.load(std::memory_order_acquire) || !acceptor->is_open()) break;
    if (ec) {
      if (ec == net::error::operation_aborted) break;
      // Out of descriptors or memory: back off instead of spinning.
      spdlog::warn("http: accept failed: {}", ec.message());
      net::steady_timer timer(acceptor->get_executor(), std::chrono::milliseconds(50));
      co_await timer.async_wait(net::redirect_error(net::use_awaitable, ec));
      continue;
    }
    internal::SpawnSession(ctx, lane, std::move(socket));
  }
}

// Hands this lane's access log lines to the logger every 500 ms; Shutdown cancels it.
net::awaitable<void> Server::Impl::FlushAccessLog(internal::Lane& lane) {
  net::steady_timer timer(lane.ioc);
  lane.log_timer = &timer;
  for (;;) {
    timer.expires_after(std::chrono::milliseconds(500));
    error_code ec;
    co_await timer.async_wait(net::redirect_error(net::use_awaitable, ec));
    ctx.access_log->Submit(lane.log_batch);
    if (ec || ctx.stopping.load(std::memory_order_acquire)) break;
  }
  lane.log_timer = nullptr;
}

void Server::Impl::RunLane(internal::Lane& lane) {
  for (;;) {
    try {
      lane.ioc.run();
      return;
    } catch (const std::exception& e) {
      spdlog::error("http: I/O thread caught: {}", e.what());
    }
  }
}

Server::Server(ServerOptions options, Dispatcher& dispatcher)
    : impl_(std::make_unique<Impl>(std::move(options), dispatcher)) {}

Server::~Server() { Shutdown(0); }

Status Server::Start() {
  Impl& m = *impl_;
  std::lock_guard serial(m.shutdown_mu);
  {
    std::lock_guard lock(m.mu);
    if (m.state != Impl::State::kNew) return Status::Internal("the server was already started");
  }
  const ServerOptions& o = m.ctx.options;
  Result<std::unique_ptr<internal::AccessLog>> log = internal::AccessLog::Open(o.access_log);
  if (!log.ok()) return log.status();
  if (!o.web_root.empty()) {
    Result<std::unique_ptr<internal::StaticFiles>> files = internal::StaticFiles::Open(o.web_root);
    if (!files.ok()) return files.status();
    m.static_files = std::move(files).value();
  }
  m.access_log = std::move(log).value();

  for (int i = 0; i < std::max(1, o.io_threads); ++i) m.lanes.push_back(std::make_unique<internal::Lane>());
  if (Status listening = m.Listen(); !listening.ok()) {
    m.lanes.clear();
    m.static_files.reset();
    m.access_log.reset();
    return listening;
  }
  m.workers.emplace(static_cast<size_t>(std::max(1, o.worker_threads)));
  std::random_device random;
  m.ctx.request_id_prefix = fmt::format("{:08x}", random());
  m.ctx.workers = &*m.workers;
  m.ctx.static_files = m.static_files.get();
  m.ctx.access_log = m.access_log.get();

  net::co_spawn(m.lanes[0]->ioc, m.AcceptLoop(), net::detached);
  // SIGTERM/SIGINT are caught from the moment Start returns (a supervisor may stop us as soon as
  // the port is announced). No lane thread runs yet, so touching lane 0's signal set here is safe.
  m.signals.emplace(m.lanes[0]->ioc, SIGINT, SIGTERM);
  m.signals->async_wait([&m](const error_code& ec, int signal) {
    if (ec) return;
    spdlog::info("http: signal {} received, shutting down", signal);
    {
      std::lock_guard lock(m.mu);
      m.signalled = true;
    }
    m.state_changed.notify_all();
  });
  for (auto& lane : m.lanes) {
    if (m.access_log) net::co_spawn(lane->ioc, m.FlushAccessLog(*lane), net::detached);
    lane->work.emplace(lane->ioc.get_executor());
    lane->thread = std::thread([&m, l = lane.get()] { m.RunLane(*l); });
  }
  std::lock_guard lock(m.mu);
  m.state = Impl::State::kRunning;
  return Status::Ok();
}

uint16_t Server::port() const { return impl_->port.load(); }

void Server::Shutdown(int grace_seconds) {
  Impl& m = *impl_;
  std::lock_guard serial(m.shutdown_mu);
  {
    std::lock_guard lock(m.mu);
    if (m.state != Impl::State::kRunning) return;
  }
  for ([[maybe_unused]] auto& lane : m.lanes) {
    assert(lane->thread.get_id() != std::this_thread::get_id() && "Shutdown called on an I/O thread");
  }
  internal::ServerContext& ctx = m.ctx;
  ctx.stopping.store(true, std::memory_order_release);

  // 1. Stop accepting: once this returns, new connections are refused by the kernel.
  std::promise<void> closed;
  net::post(m.lanes[0]->ioc, [&m, &closed] {
    error_code ec;
    m.acceptor->close(ec);
    if (m.signals) m.signals->cancel(ec);
    closed.set_value();
  });
  closed.get_future().wait();

  // 2. Close keep-alive connections that wait for a request; the others close after their reply.
  for (auto& lane : m.lanes) net::post(lane->ioc, [l = lane.get()] { internal::CloseSessions(*l, false); });

  // 3. Let requests in flight finish, up to the grace period.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(std::max(0, grace_seconds));
  auto all_closed = [&ctx] { return ctx.active_sessions == 0; };
  bool drained;
  {
    std::unique_lock lock(ctx.mu);
    drained = ctx.sessions_changed.wait_until(lock, deadline, all_closed);
  }

  // 4. Grace is over: queued handlers are answered 503 unrun, and every connection is cut.
  if (!drained) {
    ctx.abandon.store(true, std::memory_order_release);
    for (auto& lane : m.lanes) net::post(lane->ioc, [l = lane.get()] { internal::CloseSessions(*l, true); });
  }

  // 5. Handlers already running cannot be interrupted: wait for them.
  m.workers->join();

  // 6. Let the lanes run dry, then stop them.
  for (auto& lane : m.lanes) {
    net::post(lane->ioc, [l = lane.get()] {
      if (l->log_timer != nullptr) l->log_timer->cancel();
    });
    lane->work.reset();
  }
  {
    std::unique_lock lock(ctx.mu);
    if (!ctx.sessions_changed.wait_for(lock, std::chrono::seconds(5), all_closed)) {
      spdlog::warn("http: {} connections did not close; stopping anyway", ctx.active_sessions);
    }
  }
  for (auto& lane : m.lanes) lane->ioc.stop();
  for (auto& lane : m.lanes) lane->thread.join();

  if (m.access_log) {
    for (auto& lane : m.lanes) m.access_log->Submit(lane->log_batch);  // the lanes are joined
  }
  ctx.access_log = nullptr;
  m.access_log.reset();  // flushes
  {
    std::lock_guard lock(m.mu);
    m.state = Impl::State::kStopped;
  }
  m.state_changed.notify_all();
}

void Server::Wait() {
  Impl& m = *impl_;
  {
    std::lock_guard lock(m.mu);
    if (m.state == Impl::State::kNew) return;
  }
  std::unique_lock lock(m.mu);
  m.state_changed.wait(lock, [&m] { return m.state == Impl::State::kStopped || m.signalled; });
  if (m.state == Impl::State::kStopped) return;
  lock.unlock();
  Shutdown();
}

}  // namespace hoptac::http
