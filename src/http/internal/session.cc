// One connection: a C++20 coroutine on its lane's thread that reads requests, produces replies
// (static file, Dispatcher::TryFast on this thread, or Dispatcher::Handle on the worker pool) and
// writes them back, until the peer closes, a timeout fires, an error ends it, or the server stops.
#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <ctime>
#include <exception>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>

#include "http/internal/access_log.h"
#include "http/internal/reply.h"
#include "http/internal/request_target.h"
#include "http/internal/server_context.h"
#include "http/internal/static_files.h"

// A note on coroutines and GCC 12: a temporary with a destructor inside a co_await expression
// (a lambda with captures, a Response passed by value) can be destroyed twice (see
// chriskohlhoff/asio#1007 and #858; TSan caught it here as a double shared_ptr release). So in this
// file coroutine parameters are references or trivially destructible values, and anything with a
// destructor that a co_await expression needs is a named local first.

namespace hoptac::http::internal {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using net::awaitable;
using net::use_awaitable;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;

// Beast 1.74 speaks boost::string_view.
inline std::string_view Sv(boost::beast::string_view s) { return {s.data(), s.size()}; }
inline boost::beast::string_view Bv(std::string_view s) { return {s.data(), s.size()}; }

struct Session {
  explicit Session(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  beast::flat_buffer buffer;
  std::string remote;
  std::string head;  // the response header being written, reused across requests
  Lane* lane = nullptr;
  bool idle = false;  // waiting for the first byte of the next request
};

void CloseSessions(Lane& lane, bool force) {
  // close() only queues the aborted completions, so the set is not changed while we iterate.
  for (Session* s : lane.sessions) {
    if (force || s->idle) s->stream.close();
  }
}

namespace {

constexpr size_t kReadChunk = 8192;
// The portal's policy: scripts, styles, data and fonts from this origin only; no inline script or
// <style> element, no plugins, no framing, no foreign form targets. Style attributes stay allowed
// (style-src-attr): the chart library writes its tooltips with them.
constexpr std::string_view kCsp =
    "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";
// Everything else (JSON, files) is never a document to render.
constexpr std::string_view kCspData = "default-src 'none'; frame-ancestors 'none'; sandbox";

struct Clock {
  std::chrono::system_clock::time_point wall = std::chrono::system_clock::now();
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  int64_t ElapsedMicros() const {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start).count();
  }
};

// What the access log needs about a request, whether or not it could be parsed.
struct LogInfo {
  std::string method = "-";
  std::string target = "-";
  std::string request_id;
};

std::string NextRequestId(ServerContext& ctx) {
  uint64_t n = ctx.next_request_id.fetch_add(1, std::memory_order_relaxed);
  return fmt::format("{}-{:08x}", ctx.request_id_prefix, n);
}

// "Date" value, formatted once per second per thread.
std::string_view HttpDate() {
  thread_local std::time_t cached_second = 0;
  thread_local char cached[40];
  std::time_t now = std::time(nullptr);
  if (now != cached_second) {
    std::tm tm{};
    gmtime_r(&now, &tm);
    std::strftime(cached, sizeof(cached), "%a, %d %b %Y %H:%M:%S GMT", &tm);
    cached_second = now;
  }
  return cached;
}

bool IEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool AcceptsGzip(std::string_view accept_encoding) {
  size_t start = 0;
  while (start < accept_encoding.size()) {
    size_t end = accept_encoding.find(',', start);
    if (end == std::string_view::npos) end = accept_encoding.size();
    std::string_view item = accept_encoding.substr(start, end - start);
    start = end + 1;
    size_t semi = item.find(';');
    std::string_view coding = item.substr(0, semi);
    while (!coding.empty() && coding.front() == ' ') coding.remove_prefix(1);
    while (!coding.empty() && coding.back() == ' ') coding.remove_suffix(1);
    if (!IEquals(coding, "gzip") && coding != "*") continue;
    if (semi == std::string_view::npos) return true;
    std::string_view params = item.substr(semi + 1);
    size_t q = params.find("q=");
    if (q == std::string_view::npos) return true;
    std::string_view value = params.substr(q + 2);
    // q=0, q=0.0, q=0.000 refuse; anything else accepts.
    bool zero = !value.empty() && value.front() == '0';
    for (size_t i = 1; zero && i < value.size() && value[i] != ' '; ++i) {
      if (value[i] != '.' && value[i] != '0') zero = false;
    }
    return !zero;
  }
  return false;
}

bool IsHtmlLike(std::string_view content_type) {
  return content_type.starts_with("text/html") || content_type.starts_with("image/svg+xml");
}

Reply Internal() { return Reply(Problem(500, "Internal Server Error", "The server failed to handle the request.")); }

// Runs `work` (moved from) on the worker pool and resumes the awaiting coroutine on its own
// executor with the result. Not a coroutine itself, and it takes `work` by reference, so the
// caller's co_await expression holds no temporary with a destructor (see the note at the top).
template <typename Fn>
struct WorkerInitiation {
  ServerContext* ctx;
  template <typename Handler>
  void operator()(Handler handler, Fn work) const {
    ServerContext* c = ctx;
    net::post(*c->workers, [c, handler = std::move(handler), work = std::move(work)]() mutable {
      Reply reply;
      if (c->abandon.load(std::memory_order_acquire)) {
        reply = Reply(Problem(503, "Service Unavailable", "The server is shutting down."));
      } else {
        try {
          reply = work();
        } catch (const std::exception& e) {
          spdlog::error("http: handler threw: {}", e.what());
          reply = Internal();
        } catch (...) {
          spdlog::error("http: handler threw a non-standard exception");
          reply = Internal();
        }
      }
      auto executor = net::get_associated_executor(handler);
      net::post(executor,
                [handler = std::move(handler), reply = std::move(reply)]() mutable { handler(std::move(reply)); });
    });
  }
};

template <typename Fn>
auto RunOnWorkers(ServerContext& ctx, Fn& work) {
  return net::async_initiate<decltype(use_awaitable), void(Reply)>(WorkerInitiation<Fn>{&ctx}, use_awaitable,
                                                                   std::move(work));
}

awaitable<Reply> Produce(ServerContext& ctx, const std::shared_ptr<const Request>& request) {
  if (ctx.static_files != nullptr && !request->path.starts_with("/api/") && request->path != "/healthz") {
    if (request->method != "GET" && request->method != "HEAD") {
      Reply reply(Problem(405, "Method Not Allowed", "Only GET and HEAD are allowed for static files."));
      reply.response.headers.emplace_back("Allow", "GET, HEAD");
      co_return reply;
    }
    StaticRequest static_request{
        .path = request->path,
        .accepts_gzip = AcceptsGzip(request->Header("accept-encoding")),
    };
    auto inm = request->headers.find("if-none-match");
    if (inm != request->headers.end()) static_request.if_none_match = inm->second;
    if (std::optional<Reply> cached = ctx.static_files->TryCached(static_request)) co_return std::move(*cached);
    StaticFiles* files = ctx.static_files;
    // static_request views into *request, which the closure keeps alive.
    auto work = [files, request, static_request] { return files->Serve(static_request); };
    Reply reply = co_await RunOnWorkers(ctx, work);
    co_return reply;
  }
  try {
    if (std::optional<Response> fast = ctx.dispatcher.TryFast(*request)) co_return Reply(std::move(*fast));
  } catch (const std::exception& e) {
    spdlog::error("http: TryFast threw: {}", e.what());
    co_return Internal();
  } catch (...) {
    spdlog::error("http: TryFast threw a non-standard exception");
    co_return Internal();
  }
  Dispatcher* dispatcher = &ctx.dispatcher;
  auto work = [dispatcher, request] { return Reply(dispatcher->Handle(*request)); };
  Reply reply = co_await RunOnWorkers(ctx, work);
  co_return reply;
}

bool TransportOwned(std::string_view name) {
  return IEquals(name, "content-length") || IEquals(name, "transfer-encoding") || IEquals(name, "connection");
}

// Sent instead of a reply whose status is not an HTTP status code (a dispatcher bug).
const Response& BadStatus() {
  static const Response response =
      Problem(500, "Internal Server Error", "The server produced an invalid status code.");
  return response;
}

struct WriteResult {
  bool ok = false;
  uint64_t body_bytes = 0;
};

bool IsTokenChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// A dispatcher's header must not be able to split the response.
bool IsSafeHeader(std::string_view name, std::string_view value) {
  if (name.empty() || !std::all_of(name.begin(), name.end(), IsTokenChar)) return false;
  return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

bool HasHeader(const Response& r, std::string_view name) {
  return std::any_of(r.headers.begin(), r.headers.end(), [&](const auto& h) { return IEquals(h.first, name); });
}

void AppendHeader(std::string& out, std::string_view name, std::string_view value) {
  out.append(name).append(": ").append(value).append("\r\n");
}

// Serialises the header block ourselves (one string, no per-field allocations) and writes it and
// the body with one gathered write.
awaitable<WriteResult> WriteReply(ServerContext& ctx, Session& s, const Reply& reply, unsigned version, bool keep_alive,
                                  bool head, std::string_view request_id) {
  const bool valid = reply.response.status >= 100 && reply.response.status <= 599;
  const Response& r = valid ? reply.response : BadStatus();
  const std::string_view body = valid ? reply.Body() : std::string_view(r.body);
  std::string& out = s.head;
  out.clear();
  out.append(version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ");
  fmt::format_to(std::back_inserter(out), "{} ", r.status);
  if (bhttp::status code = bhttp::int_to_status(static_cast<unsigned>(r.status)); code != bhttp::status::unknown) {
    out.append(Sv(bhttp::obsolete_reason(code)));
  }
  out.append("\r\nServer: hoptac\r\n");
  AppendHeader(out, "Date", HttpDate());
  const bool custom_type = HasHeader(r, "content-type");
  if (!r.content_type.empty() && !custom_type) AppendHeader(out, "Content-Type", r.content_type);
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kSecurity{{
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "strict-origin-when-cross-origin"},
      {"X-Frame-Options", "DENY"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
      {"Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"},
  }};
  for (const auto& [name, value] : kSecurity) {
    if (r.headers.empty() || !HasHeader(r, name)) AppendHeader(out, name, value);
  }
  // A 304 carries no policy: a browser applies a 304's headers to the page it has cached, so the
  // page keeps the policy of its 200 (a data-only policy here would blank a reloaded portal page).
  const bool not_modified = r.status == 304 && r.content_type.empty();
  if (!HasHeader(r, "content-security-policy") && !not_modified) {
    AppendHeader(out, "Content-Security-Policy", IsHtmlLike(r.content_type) ? kCsp : kCspData);
  }
  AppendHeader(out, "X-Request-Id", request_id);
  for (const auto& [name, value] : r.headers) {
    if (TransportOwned(name)) continue;
    if (!IsSafeHeader(name, value)) {
      spdlog::error("http: dropped an invalid response header {:?}", name);
      continue;
    }
    AppendHeader(out, name, value);
  }
  WriteResult result;
  const bool bodiless = r.status < 200 || r.status == 204 || r.status == 304;
  if (!bodiless) {
    fmt::format_to(std::back_inserter(out), "Content-Length: {}\r\n", body.size());
    if (!head) result.body_bytes = body.size();
  }
  if (version == 10) {
    if (keep_alive) out.append("Connection: keep-alive\r\n");
  } else if (!keep_alive) {
    out.append("Connection: close\r\n");
  }
  out.append("\r\n");
  const std::array<net::const_buffer, 2> buffers{net::buffer(out), net::buffer(body.data(), result.body_bytes)};
  s.stream.expires_after(std::chrono::seconds(ctx.options.write_timeout_seconds));
  error_code ec;
  co_await net::async_write(s.stream, buffers, net::redirect_error(use_awaitable, ec));
  result.ok = !ec;
  co_return result;
}

void Log(ServerContext& ctx, const Session& s, const Clock& clock, const LogInfo& info, int status, uint64_t bytes) {
  if (ctx.access_log == nullptr) return;
  ctx.access_log->Append(s.lane->log_batch, AccessRecord{
                                                .time = clock.wall,
                                                .request_id = info.request_id,
                                                .remote = s.remote,
                                                .method = info.method,
                                                .target = info.target,
                                                .status = status,
                                                .bytes = bytes,
                                                .duration_us = clock.ElapsedMicros(),
                                            });
}

// Half-closes, then reads and discards what the client still sends for a moment, so that our
// error response is not destroyed by a TCP reset caused by unread request bytes.
awaitable<void> LingeringClose(Session& s) {
  error_code ec;
  s.stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (ec) co_return;
  s.stream.expires_after(std::chrono::seconds(2));
  size_t drained = 0;
  while (drained < (64u << 20)) {
    s.buffer.clear();
    size_t n = co_await s.stream.async_read_some(s.buffer.prepare(kReadChunk), net::redirect_error(use_awaitable, ec));
    if (ec) break;
    drained += n;
  }
}

// Sends an error reply for a request we will not process further, then closes the connection.
awaitable<void> Refuse(ServerContext& ctx, Session& s, const Clock& clock, LogInfo& info, Response& response,
                       bool linger) {
  if (info.request_id.empty()) info.request_id = NextRequestId(ctx);
  const int status = response.status;
  const Reply reply(std::move(response));
  WriteResult written = co_await WriteReply(ctx, s, reply, 11, /*keep_alive=*/false,
                                            /*head=*/false, info.request_id);
  Log(ctx, s, clock, info, status, written.body_bytes);
  if (written.ok && linger) co_await LingeringClose(s);
}

bool IsParseError(const error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
         ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message;
}

Response PayloadTooLarge(size_t limit) {
  return Problem(413, "Payload Too Large", fmt::format("The request body is larger than {} bytes.", limit));
}

// Reacts to a failed read; always ends the connection.
awaitable<void> OnReadError(ServerContext& ctx, Session& s, const Clock& clock, LogInfo& info, const error_code& ec,
                            size_t body_limit) {
  if (ec == beast::error::timeout) {
    // tcp_stream has already closed the socket; a partial request timed out.
    if (info.request_id.empty()) info.request_id = NextRequestId(ctx);
    Log(ctx, s, clock, info, 408, 0);
    co_return;
  }
  Response problem;
  if (ec == bhttp::error::body_limit) {
    problem = PayloadTooLarge(body_limit);
  } else if (ec == bhttp::error::header_limit) {
    problem = Problem(431, "Request Header Fields Too Large",
                      fmt::format("The request header is larger than {} bytes.", ctx.options.max_header_bytes));
  } else if (IsParseError(ec)) {
    problem = Problem(400, "Bad Request", fmt::format("The request is not valid HTTP/1.1 ({}).", ec.message()));
  } else {
    co_return;  // peer reset or closed, server shutdown: nothing to say to anyone
  }
  co_await Refuse(ctx, s, clock, info, problem, /*linger=*/true);
}

size_t BodyLimitFor(const ServerOptions& options, std::string_view target) {
  return target.starts_with("/api/v1/import") ? options.max_import_body_bytes : options.max_body_bytes;
}

// Reads, handles and answers one request. Returns whether the connection may carry another.
awaitable<bool> ServeOne(ServerContext& ctx, Session& s) {
  const ServerOptions& options = ctx.options;
  Clock clock;
  LogInfo info;
  error_code ec;
  s.stream.expires_after(std::chrono::seconds(options.read_timeout_seconds));

  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(std::min<size_t>(options.max_header_bytes, UINT32_MAX)));
  // The limit depends on the path, which is known only after the header: admit the larger one
  // while reading the header and check the real one below.
  parser.body_limit(std::max(options.max_body_bytes, options.max_import_body_bytes));
  co_await bhttp::async_read_header(s.stream, s.buffer, parser, net::redirect_error(use_awaitable, ec));
  auto& header = parser.get();
  if (parser.got_some()) {
    info.method = std::string(header.method_string());
    info.target = std::string(header.target());
  }
  size_t body_limit = BodyLimitFor(options, Sv(header.target()));
  if (ec) {
    co_await OnReadError(ctx, s, clock, info, ec, body_limit);
    co_return false;
  }
  if (parser.content_length() && *parser.content_length() > body_limit) {
    Response problem = PayloadTooLarge(body_limit);
    co_await Refuse(ctx, s, clock, info, problem, /*linger=*/true);
    co_return false;
  }
  parser.body_limit(body_limit);
  if (!parser.is_done()) {
    if (IEquals(Sv(header[bhttp::field::expect]), "100-continue")) {
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      co_await net::async_write(s.stream, net::buffer(kContinue.data(), kContinue.size()),
                                net::redirect_error(use_awaitable, ec));
      if (ec) co_return false;
    }
    co_await bhttp::async_read(s.stream, s.buffer, parser, net::redirect_error(use_awaitable, ec));
    if (ec) {
      co_await OnReadError(ctx, s, clock, info, ec, body_limit);
      co_return false;
    }
  }
  s.stream.expires_never();  // no I/O while the reply is produced

  bhttp::request<bhttp::string_body> message = parser.release();
  const unsigned version = message.version();
  const bool head = message.method() == bhttp::verb::head;
  info.request_id = NextRequestId(ctx);

  auto request = std::make_shared<Request>();
  request->method = info.method;
  request->raw_target = info.target;
  request->remote = s.remote;
  request->request_id = info.request_id;
  Result<DecodedTarget> decoded = DecodeTarget(Sv(message.target()));
  Reply reply;
  if (!decoded.ok()) {
    reply = Reply(Problem(400, "Bad Request", decoded.status().message()));
  } else {
    request->path = std::move(decoded->path);
    request->query = std::move(decoded->query);
    for (const auto& field : message) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      auto [it, inserted] = request->headers.try_emplace(std::move(name), Sv(field.value()));
      if (!inserted) {
        it->second.append(it->first == "cookie" ? "; " : ", ");
        it->second.append(Sv(field.value()));
      }
    }
    request->body = std::move(message.body());
    Reply produced = co_await Produce(ctx, request);
    reply = std::move(produced);
  }

  const bool keep_alive = message.keep_alive() && !ctx.stopping.load(std::memory_order_acquire);
  WriteResult written = co_await WriteReply(ctx, s, reply, version, keep_alive, head, info.request_id);
  Log(ctx, s, clock, info, reply.response.status, written.body_bytes);
  co_return written.ok&& keep_alive;
}

awaitable<void> Serve(ServerContext& ctx, Session& s) {
  error_code ec;
  s.remote = s.stream.socket().remote_endpoint(ec).address().to_string();
  s.stream.socket().set_option(tcp::no_delay(true), ec);
  bool first = true;
  for (;;) {
    if (ctx.stopping.load(std::memory_order_acquire)) break;
    if (s.buffer.size() == 0) {
      // Idle: between requests on a keep-alive connection (or before the first one). Shutdown
      // closes connections in this state.
      const int idle_seconds = first ? ctx.options.read_timeout_seconds : ctx.options.keep_alive_seconds;
      s.stream.expires_after(std::chrono::seconds(idle_seconds));
      s.idle = true;
      size_t n =
          co_await s.stream.async_read_some(s.buffer.prepare(kReadChunk), net::redirect_error(use_awaitable, ec));
      s.idle = false;
      if (ec) break;
      s.buffer.commit(n);
    }
    first = false;
    if (!co_await ServeOne(ctx, s)) break;
  }
  s.stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  s.stream.close();
}

awaitable<void> RunSession(ServerContext& ctx, Lane& lane, tcp::socket socket) {
  Session session(std::move(socket));
  session.lane = &lane;
  session.head.reserve(512);
  lane.sessions.insert(&session);
  struct Unregister {
    ServerContext& ctx;
    Lane& lane;
    Session* session;
    ~Unregister() {
      lane.sessions.erase(session);
      ctx.SessionEnded();
    }
  } unregister{ctx, lane, &session};
  try {
    co_await Serve(ctx, session);
  } catch (const std::exception& e) {
    spdlog::error("http: connection from {} failed: {}", session.remote, e.what());
  }
}

}  // namespace

void SpawnSession(ServerContext& ctx, Lane& lane, tcp::socket socket) {
  ctx.SessionStarted();
  net::co_spawn(lane.ioc, RunSession(ctx, lane, std::move(socket)), net::detached);
}

}  // namespace hoptac::http::internal
