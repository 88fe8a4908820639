// The HTTP transport: a Boost.Beast server written as C++20 coroutine sessions on a small I/O
// thread pool. It knows nothing of hoptac's routes: it parses requests, enforces limits, serves
// static files, and hands every other request to a Dispatcher. Blocking work (the store) never runs
// on an I/O thread: Dispatcher::Handle is called on a separate worker pool; Dispatcher::TryFast is
// called on the I/O thread and must not block (it serves answers already in memory).
// Thread-safety: Server methods may be called from any thread; Dispatcher methods are called
// concurrently from many threads and must be thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"

namespace hoptac::http {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string path;    // percent-decoded path without the query: "/api/v1/profiles/12"
  std::string raw_target;
  std::multimap<std::string, std::string> query;  // percent-decoded query parameters
  std::map<std::string, std::string> headers;     // names lowercased
  std::string body;
  std::string remote;  // client address
  std::string request_id;

  std::string Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
  std::optional<std::string> Query(const std::string& name) const {
    auto it = query.find(name);
    if (it == query.end()) return std::nullopt;
    return it->second;
  }
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers
};

class Dispatcher {
 public:
  virtual ~Dispatcher() = default;
  // Called on an I/O thread. Return a response only if it can be produced without blocking.
  virtual std::optional<Response> TryFast(const Request& request) { (void)request; return std::nullopt; }
  // Called on a worker thread; may block on the store.
  virtual Response Handle(const Request& request) = 0;
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;              // 0 = ephemeral; see Server::port()
  int io_threads = 2;
  int worker_threads = 4;
  size_t max_body_bytes = 1 << 20;   // larger bodies: 413 problem+json (import endpoints may raise it per path)
  size_t max_import_body_bytes = 64 << 20;  // for paths starting with /api/v1/import
  size_t max_header_bytes = 16 << 10;
  int read_timeout_seconds = 30;     // whole request, headers and body
  int write_timeout_seconds = 30;
  int keep_alive_seconds = 60;
  std::string web_root;              // static files; empty = none
  std::string access_log;            // file path; empty = stderr; "-" = stdout; "off" = none
};

class Server {
 public:
  // `dispatcher` is borrowed and must outlive the server.
  Server(ServerOptions options, Dispatcher& dispatcher);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts accepting. Fails with Unavailable if the address cannot be bound.
  Status Start();
  uint16_t port() const;
  // Stops accepting, lets in-flight requests finish (up to `grace_seconds`), then stops.
  void Shutdown(int grace_seconds = 10);
  // Blocks until Shutdown completes (or SIGTERM/SIGINT arrives, which triggers Shutdown).
  void Wait();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// application/problem+json response (RFC 9457).
Response Problem(int status, const std::string& title, const std::string& detail,
                 const std::string& extra_members_json = "");

}  // namespace hoptac::http
