// The transport end to end: a real Server on 127.0.0.1, port 0, talked to over real sockets.
#include "http/server.h"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <random>
#include <thread>

#include <gtest/gtest.h>

#include "test_client.h"

namespace hoptac::http {
namespace {

using testing::HttpResponse;
using testing::TestClient;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

// Answers /fast on the I/O thread; echoes everything else from a worker; /slow blocks until released.
class TestDispatcher : public Dispatcher {
 public:
  std::optional<Response> TryFast(const Request& request) override {
    ++fast_calls;
    if (request.path == "/fast" || request.path == "/healthz") {
      return Response{.status = 200, .content_type = "text/plain", .body = "fast:" + request.path};
    }
    return std::nullopt;
  }

  Response Handle(const Request& request) override {
    ++handle_calls;
    if (request.path == "/slow") {
      slow_entered.set_value();
      std::this_thread::sleep_for(300ms);
      slow_release.get_future().wait_for(10s);
      return Response{.status = 200, .content_type = "text/plain", .body = "slow done"};
    }
    if (request.path == "/throw") throw std::runtime_error("boom");
    std::string out = request.method + " " + request.path + "\n";
    for (const auto& [k, v] : request.query) out += "q:" + k + "=" + v + "\n";
    out += "h:x-test=" + request.Header("x-test") + "\n";
    out += "remote=" + request.remote + "\n";
    out += "id=" + request.request_id + "\n";
    out += "body=" + request.body;
    Response r{.status = request.method == "POST" ? 201 : 200, .content_type = "text/plain", .body = out};
    r.headers.emplace_back("X-Handled-By", "worker");
    return r;
  }

  std::atomic<int> fast_calls{0};
  std::atomic<int> handle_calls{0};
  std::promise<void> slow_entered;
  std::promise<void> slow_release;
};

class ServerTest : public ::testing::Test {
 protected:
  void StartServer(ServerOptions options) {
    options.host = "127.0.0.1";
    options.port = 0;
    if (options.access_log.empty()) options.access_log = "off";
    server_ = std::make_unique<Server>(options, dispatcher_);
    Status started = server_->Start();
    ASSERT_TRUE(started.ok()) << started.ToString();
    ASSERT_NE(server_->port(), 0);
  }
  void TearDown() override {
    if (server_) server_->Shutdown(1);
  }
  uint16_t port() const { return server_->port(); }

  TestDispatcher dispatcher_;
  std::unique_ptr<Server> server_;
};

TEST_F(ServerTest, GetAndPostRoundTrip) {
  StartServer({});
  TestClient client;
  ASSERT_TRUE(client.Connect(port()));
  HttpResponse get = client.Send("GET", "/echo", "", {{"X-Test", "yes"}});
  EXPECT_EQ(get.result_int(), 200);
  EXPECT_NE(get.body().find("GET /echo\n"), std::string::npos) << get.body();
  EXPECT_NE(get.body().find("h:x-test=yes"), std::string::npos);
  EXPECT_NE(get.body().find("remote=127.0.0.1"), std::string::npos);
  EXPECT_EQ(get["Server"], "hoptac");
  EXPECT_EQ(get["X-Content-Type-Options"], "nosniff");
  EXPECT_EQ(get["Referrer-Policy"], "strict-origin-when-cross-origin");
  EXPECT_EQ(get["X-Frame-Options"], "DENY");
  EXPECT_EQ(get["X-Handled-By"], "worker");
  EXPECT_FALSE(get["Date"].empty());
  EXPECT_EQ(get["Content-Length"], std::to_string(get.body().size()));
  std::string id(get["X-Request-Id"]);
  EXPECT_FALSE(id.empty());
  EXPECT_NE(get.body().find("id=" + id), std::string::npos);

  HttpResponse post = client.Send("POST", "/echo", "{\"name\":\"Hà Nội\"}", {{"Content-Type", "application/json"}});
  EXPECT_EQ(post.result_int(), 201);
  EXPECT_NE(post.body().find("body={\"name\":\"Hà Nội\"}"), std::string::npos) << post.body();
  EXPECT_NE(post["X-Request-Id"], id);
}

TEST_F(ServerTest, DecodesVietnameseAndChineseQueries) {
  StartServer({});
  TestClient client;
  ASSERT_TRUE(client.Connect(port()));
  HttpResponse r = client.Send(
      "GET", "/search/%E4%B8%AD%E6%96%87?q=Tr%C3%AD+tu%E1%BB%87+nh%C3%A2n+t%E1%BA%A1o&city=%E5%8D%97%E5%AE%81&x=a%2Bb");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_NE(r.body().find("GET /search/中文\n"), std::string::npos) << r.body();
  EXPECT_NE(r.body().find("q:q=Trí tuệ nhân tạo\n"), std::string::npos) << r.body();
  EXPECT_NE(r.body().find("q:city=南宁\n"), std::string::npos);
  EXPECT_NE(r.body().find("q:x=a+b\n"), std::string::npos);
}

TEST_F(ServerTest, RefusesBadPathEncodings) {
  StartServer({});
  for (const char* target : {"/a%00b", "/a%FFb", "/../etc/passwd", "/x?q=%zz"}) {
    TestClient client;
    ASSERT_TRUE(client.Connect(port()));
    HttpResponse r = client.Send("GET", target);
    EXPECT_EQ(r.result_int(), 400) << target;
    EXPECT_EQ(r[boost::beast::http::field::content_type], "application/problem+json") << target;
    EXPECT_NE(r.body().find("\"status\":400"), std::string::npos);
  }
  EXPECT_EQ(dispatcher_.handle_calls, 0);
}

TEST_F(ServerTest, KeepAliveAndPipelining) {
  StartServer({});
  TestClient client;
  ASSERT_TRUE(client.Connect(port()));
  for (int i = 0; i < 5; ++i) {
    HttpResponse r = client.Send("GET", "/echo?i=" + std::to_string(i));
    ASSERT_EQ(r.result_int(), 200) << client.last_error();
    EXPECT_TRUE(r.keep_alive());
    EXPECT_NE(r.body().find("q:i=" + std::to_string(i)), std::string::npos);
  }
  // Three requests in one write: three answers, in order.
  std::string pipelined;
  for (int i = 0; i < 3; ++i) {
    pipelined +=
        "POST /echo?n=" + std::to_string(i) + " HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nab" + std::to_string(i);
  }
  ASSERT_TRUE(client.WriteRaw(pipelined));
  for (int i = 0; i < 3; ++i) {
    HttpResponse r;
    ASSERT_TRUE(client.Read(r)) << client.last_error();
    EXPECT_NE(r.body().find("q:n=" + std::to_string(i)), std::string::npos) << r.body();
    EXPECT_NE(r.body().find("body=ab" + std::to_string(i)), std::string::npos);
  }
  // HTTP/1.0 without keep-alive, and "Connection: close", both end the connection.
  ASSERT_TRUE(client.WriteRaw("GET /fast HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  HttpResponse last;
  ASSERT_TRUE(client.Read(last));
  EXPECT_FALSE(last.keep_alive());
  bool closed = false;
  EXPECT_EQ(client.ReadUntilClosed(5s, closed), "");
  EXPECT_TRUE(closed);
}

TEST_F(ServerTest, OversizeBodyGets413ThenServerStillServes) {
  StartServer({.max_body_bytes = 1024});
  const std::string expected = R"({"type":"about:blank","title":"Payload Too Large","status":413,)"
                               R"("detail":"The request body is larger than 1024 bytes."})";
  {
    TestClient client;
    ASSERT_TRUE(client.Connect(port()));
    HttpResponse r = client.Send("POST", "/echo", std::string(4096, 'x'));
    EXPECT_EQ(r.result_int(), 413) << client.last_error();
    EXPECT_EQ(r[boost::beast::http::field::content_type], "application/problem+json");
    EXPECT_EQ(r.body(), expected);
    EXPECT_FALSE(r.keep_alive());
    bool closed = false;
    client.ReadUntilClosed(5s, closed);
    EXPECT_TRUE(closed);
  }
  {
    // Chunked: the size is only known while reading.
    std::string chunked = "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 4; ++i) chunked += "200\r\n" + std::string(512, 'y') + "\r\n";
    chunked += "0\r\n\r\n";
    std::string got = testing::RawExchange(port(), chunked);
    EXPECT_NE(got.find("HTTP/1.1 413"), std::string::npos) << got;
    EXPECT_NE(got.find(expected), std::string::npos);
  }
  {
    // Expect: 100-continue with a declared oversize body: refused before the body is sent.
    std::string got = testing::RawExchange(
        port(), "PUT /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 999999\r\nExpect: 100-continue\r\n\r\n");
    EXPECT_EQ(got.find("100 Continue"), std::string::npos);
    EXPECT_NE(got.find("HTTP/1.1 413"), std::string::npos) << got;
  }
  TestClient next;
  ASSERT_TRUE(next.Connect(port()));
  EXPECT_EQ(next.Send("POST", "/echo", std::string(1024, 'z')).result_int(), 201);
  EXPECT_EQ(dispatcher_.handle_calls, 1);
}

TEST_F(ServerTest, ImportPathsHaveTheirOwnLimit) {
  StartServer({.max_body_bytes = 100, .max_import_body_bytes = 10000});
  TestClient client;
  ASSERT_TRUE(client.Connect(port()));
  EXPECT_EQ(client.Send("POST", "/api/v1/import/csv", std::string(5000, 'x')).result_int(), 201);
  HttpResponse r = client.Send("POST", "/api/v1/import/csv", std::string(10001, 'x'));
  EXPECT_EQ(r.result_int(), 413);
  EXPECT_NE(r.body().find("larger than 10000 bytes"), std::string::npos);
}

TEST_F(ServerTest, ExpectContinueIsHonoured) {
  StartServer({});
  TestClient client;
  ASSERT_TRUE(client.Connect(port()));
  ASSERT_TRUE(client.WriteRaw("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n"));
  HttpResponse interim;
  ASSERT_TRUE(client.Read(interim));
  EXPECT_EQ(interim.result_int(), 100);
  ASSERT_TRUE(client.WriteRaw("hello"));
  HttpResponse final_response;
  ASSERT_TRUE(client.Read(final_response));
  EXPECT_EQ(final_response.result_int(), 201);
  EXPECT_NE(final_response.body().find("body=hello"), std::string::npos);
}

TEST_F(ServerTest, MalformedRequestLineGets400) {
  StartServer({});
  std::string got = testing::RawExchange(port(), "GET /a b c HTTP/9.9\r\nHost: x\r\n\r\n");
  EXPECT_TRUE(got.starts_with("HTTP/1.1 400")) << got;
  EXPECT_NE(got.find("application/problem+json"), std::string::npos);
  EXPECT_NE(got.find("\"status\":400"), std::string::npos);
  got = testing::RawExchange(port(), "\x01\x02garbage\r\n\r\n");
  EXPECT_TRUE(got.starts_with("HTTP/1.1 400")) << got;
  EXPECT_EQ(dispatcher_.handle_calls, 0);
}

TEST_F(ServerTest, OversizeHeaderGets431) {
  StartServer({.max_header_bytes = 1024});
  std::string got =
      testing::RawExchange(port(), "GET /echo HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(4000, 'a') + "\r\n\r\n");
  EXPECT_TRUE(got.starts_with("HTTP/1.1 431")) << got.substr(0, 200);
}

TEST_F(ServerTest, SlowClientIsCutOffAfterReadTimeout) {
  StartServer({.read_timeout_seconds = 1});
  TestClient client;
  ASSERT_TRUE(client.Connect(port()));
  auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(client.WriteRaw("GET /echo HTTP/1.1\r\nHost: x\r\nX-Partial: "));
  bool closed = false;
  std::string got = client.ReadUntilClosed(10s, closed);
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(closed);
  EXPECT_EQ(got, "");
  EXPECT_GE(elapsed, 900ms);
  EXPECT_LT(elapsed, 5s);
  EXPECT_EQ(dispatcher_.handle_calls, 0);
}

TEST_F(ServerTest, IdleKeepAliveConnectionIsClosed) {
  StartServer({.keep_alive_seconds = 1});
  TestClient client;
  ASSERT_TRUE(client.Connect(port()));
  ASSERT_EQ(client.Send("GET", "/fast").result_int(), 200);
  bool closed = false;
  auto start = std::chrono::steady_clock::now();
  client.ReadUntilClosed(10s, closed);
  EXPECT_TRUE(closed);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
}

TEST_F(ServerTest, TryFastAnswersWithoutTheWorkerPool) {
  StartServer({});
  TestClient client;
  ASSERT_TRUE(client.Connect(port()));
  HttpResponse r = client.Send("GET", "/fast");
  EXPECT_EQ(r.result_int(), 200);
  EXPECT_EQ(r.body(), "fast:/fast");
  EXPECT_EQ(dispatcher_.fast_calls, 1);
  EXPECT_EQ(dispatcher_.handle_calls, 0);
  r = client.Send("GET", "/other");
  EXPECT_EQ(r.result_int(), 200);
  EXPECT_EQ(dispatcher_.fast_calls, 2);
  EXPECT_EQ(dispatcher_.handle_calls, 1);
}

TEST_F(ServerTest, HeadHasLengthButNoBody) {
  StartServer({});
  std::string got = testing::RawExchange(port(), "HEAD /fast HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(got.starts_with("HTTP/1.1 200")) << got;
  EXPECT_NE(got.find("Content-Length: 10\r\n"), std::string::npos) << got;
  EXPECT_TRUE(got.ends_with("\r\n\r\n")) << got;
}

TEST_F(ServerTest, HandlerExceptionBecomes500) {
  StartServer({});
  TestClient client;
  ASSERT_TRUE(client.Connect(port()));
  HttpResponse r = client.Send("GET", "/throw");
  EXPECT_EQ(r.result_int(), 500);
  EXPECT_EQ(r[boost::beast::http::field::content_type], "application/problem+json");
  EXPECT_EQ(client.Send("GET", "/fast").result_int(), 200);  // the connection survives
}

TEST_F(ServerTest, ShutdownFinishesInFlightRequestAndRefusesNewConnections) {
  StartServer({.worker_threads = 2});
  TestClient idle;
  ASSERT_TRUE(idle.Connect(port()));
  ASSERT_EQ(idle.Send("GET", "/fast").result_int(), 200);  // now an idle keep-alive connection

  auto entered = dispatcher_.slow_entered.get_future();
  std::promise<HttpResponse> slow_response;
  std::thread slow_client([&] {
    TestClient client;
    if (!client.Connect(port())) {
      slow_response.set_value({});
      return;
    }
    slow_response.set_value(client.Send("GET", "/slow"));
  });
  ASSERT_EQ(entered.wait_for(10s), std::future_status::ready);

  const uint16_t bound_port = port();
  auto shutdown_start = std::chrono::steady_clock::now();
  std::thread stopper([&] { server_->Shutdown(10); });

  // New connections are refused as soon as the acceptor is closed.
  bool refused = false;
  for (int i = 0; i < 100 && !refused; ++i) {
    TestClient probe;
    refused = !probe.Connect(bound_port);
    if (!refused) std::this_thread::sleep_for(20ms);
  }
  EXPECT_TRUE(refused);
  // The idle keep-alive connection is closed without waiting for the grace period.
  bool closed = false;
  idle.ReadUntilClosed(5s, closed);
  EXPECT_TRUE(closed);

  dispatcher_.slow_release.set_value();
  auto response_future = slow_response.get_future();
  ASSERT_EQ(response_future.wait_for(10s), std::future_status::ready);
  HttpResponse r = response_future.get();
  EXPECT_EQ(r.result_int(), 200);
  EXPECT_EQ(r.body(), "slow done");
  EXPECT_FALSE(r.keep_alive());
  stopper.join();
  slow_client.join();
  EXPECT_LT(std::chrono::steady_clock::now() - shutdown_start, 5s);
  server_->Shutdown(1);  // idempotent
}

TEST_F(ServerTest, ShutdownGraceExpiresForStuckRequests) {
  StartServer({.worker_threads = 1});
  auto entered = dispatcher_.slow_entered.get_future();
  std::promise<HttpResponse> slow_response;
  std::thread slow_client([&] {
    TestClient client;
    client.Connect(port());
    slow_response.set_value(client.Send("GET", "/slow"));
  });
  ASSERT_EQ(entered.wait_for(10s), std::future_status::ready);
  // A second request queues behind the busy worker; it must not run after the grace period.
  std::thread queued_client([&] {
    TestClient client;
    client.Connect(port());
    client.Send("GET", "/echo");
  });
  std::this_thread::sleep_for(100ms);
  std::thread releaser([&] {
    std::this_thread::sleep_for(1500ms);
    dispatcher_.slow_release.set_value();
  });
  auto start = std::chrono::steady_clock::now();
  server_->Shutdown(1);
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_GE(elapsed, 900ms);
  EXPECT_LT(elapsed, 5s);
  releaser.join();
  slow_client.join();
  queued_client.join();
  EXPECT_EQ(dispatcher_.handle_calls, 1);  // the queued /echo was abandoned, not run
}

TEST_F(ServerTest, StartFailsOnAPortInUse) {
  StartServer({});
  ServerOptions options{.host = "127.0.0.1", .port = port(), .access_log = "off"};
  Server second(options, dispatcher_);
  Status s = second.Start();
  EXPECT_EQ(s.code(), Code::kUnavailable) << s.ToString();
}

TEST_F(ServerTest, WaitReturnsAfterShutdown) {
  StartServer({});
  std::thread waiter([&] { server_->Wait(); });
  std::this_thread::sleep_for(50ms);
  server_->Shutdown(1);
  waiter.join();
}

TEST_F(ServerTest, AccessLogWritesOneJsonLinePerRequest) {
  fs::path dir = fs::path(::testing::TempDir()) / ("hoptac_http_log_" + std::to_string(std::random_device()()));
  fs::create_directories(dir);
  fs::path log = dir / "access.log";
  StartServer({.access_log = log.string()});
  TestClient client;
  ASSERT_TRUE(client.Connect(port()));
  HttpResponse r = client.Send("GET", "/echo?token=s3cret&q=ok");
  std::string id(r["X-Request-Id"]);
  client.Send("GET", "/fast");
  server_->Shutdown(1);
  std::ifstream in(log);
  std::string first, second;
  std::getline(in, first);
  std::getline(in, second);
  EXPECT_NE(first.find("\"request_id\":\"" + id + "\""), std::string::npos) << first;
  EXPECT_NE(first.find("\"path\":\"/echo?token=REDACTED&q=ok\""), std::string::npos) << first;
  EXPECT_EQ(first.find("s3cret"), std::string::npos);
  EXPECT_NE(first.find("\"method\":\"GET\""), std::string::npos);
  EXPECT_NE(first.find("\"status\":200"), std::string::npos);
  EXPECT_NE(first.find("\"duration_us\":"), std::string::npos);
  EXPECT_NE(second.find("\"path\":\"/fast\""), std::string::npos) << second;
  fs::remove_all(dir);
}

// ---- static files ----

class StaticServerTest : public ServerTest {
 protected:
  void SetUp() override {
    root_ = fs::path(::testing::TempDir()) / ("hoptac_http_web_" + std::to_string(std::random_device()()));
    fs::create_directories(root_ / "web" / "assets");
    Write("web/index.html", "<!doctype html><title>hoptac</title>");
    Write("web/assets/app.1a2b.js", "console.log('hoptac');");
    Write("web/assets/app.1a2b.js.gz", "GZIPPED-BYTES");
    Write("web/assets/app.1a2b.css", "body{}");
    Write("web/assets/app.1a2b.js.map", "{}");
    Write("web/data.json", "{\"a\":1}");
    Write("web/logo.svg", "<svg/>");
    Write("web/img.png", "PNG");
    Write("web/favicon.ico", "ICO");
    Write("web/font.woff2", "WOFF2");
    Write("web/pic.webp", "WEBP");
    Write("web/robots.txt", "User-agent: *");
    Write("web/.env", "SECRET=1");
    Write("secret.txt", "outside the root");
    fs::create_symlink(root_ / "secret.txt", root_ / "web" / "leak.txt");
    StartServer({.web_root = (root_ / "web").string()});
  }
  void TearDown() override {
    ServerTest::TearDown();
    fs::remove_all(root_);
  }
  void Write(const std::string& relative, const std::string& content) {
    std::ofstream(root_ / relative, std::ios::binary) << content;
  }
  HttpResponse Get(const std::string& target, const std::map<std::string, std::string>& headers = {}) {
    TestClient client;
    if (!client.Connect(port())) return {};
    return client.Send("GET", target, "", headers);
  }

  fs::path root_;
};

TEST_F(StaticServerTest, ServesTypesAndCachingPolicy) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"/", "text/html; charset=utf-8"},
      {"/index.html", "text/html; charset=utf-8"},
      {"/assets/app.1a2b.js", "text/javascript; charset=utf-8"},
      {"/assets/app.1a2b.css", "text/css; charset=utf-8"},
      {"/assets/app.1a2b.js.map", "application/json"},
      {"/data.json", "application/json"},
      {"/logo.svg", "image/svg+xml"},
      {"/img.png", "image/png"},
      {"/favicon.ico", "image/x-icon"},
      {"/font.woff2", "font/woff2"},
      {"/pic.webp", "image/webp"},
      {"/robots.txt", "text/plain; charset=utf-8"},
  };
  for (int round = 0; round < 2; ++round) {  // the second round is served from memory
    for (const auto& [path, type] : cases) {
      HttpResponse r = Get(path);
      EXPECT_EQ(r.result_int(), 200) << path;
      EXPECT_EQ(r[boost::beast::http::field::content_type], type) << path;
      EXPECT_FALSE(r[boost::beast::http::field::etag].empty()) << path;
    }
  }
  HttpResponse index = Get("/");
  EXPECT_EQ(index.body(), "<!doctype html><title>hoptac</title>");
  EXPECT_EQ(index[boost::beast::http::field::cache_control], "no-cache");
  EXPECT_NE(index["Content-Security-Policy"].find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(index["X-Frame-Options"], "DENY");
  HttpResponse asset = Get("/assets/app.1a2b.css");
  EXPECT_EQ(asset.body(), "body{}");
  EXPECT_EQ(asset[boost::beast::http::field::cache_control], "public, max-age=31536000, immutable");
  EXPECT_EQ(dispatcher_.handle_calls, 0);
  EXPECT_EQ(dispatcher_.fast_calls, 0);
}

TEST_F(StaticServerTest, EtagRevalidationGives304) {
  HttpResponse first = Get("/data.json");
  std::string etag(first[boost::beast::http::field::etag]);
  ASSERT_FALSE(etag.empty());
  HttpResponse again = Get("/data.json", {{"If-None-Match", etag}});
  EXPECT_EQ(again.result_int(), 304);
  EXPECT_EQ(again.body(), "");
  EXPECT_EQ(again[boost::beast::http::field::etag], etag);
  EXPECT_EQ(Get("/data.json", {{"If-None-Match", "\"other\", W/" + etag}}).result_int(), 304);
  EXPECT_EQ(Get("/data.json", {{"If-None-Match", "\"other\""}}).result_int(), 200);
}

// Regression: a 304 for the portal's page carried the data-only policy (sandbox), which the browser
// applied to its cached page, so every reload of the portal came up blank.
TEST_F(StaticServerTest, NotModifiedKeepsThePagesOwnPolicy) {
  HttpResponse page = Get("/");
  const std::string policy(page["Content-Security-Policy"]);
  EXPECT_NE(policy.find("script-src 'self'"), std::string::npos) << policy;
  EXPECT_EQ(policy.find("sandbox"), std::string::npos) << policy;
  std::string etag(page[boost::beast::http::field::etag]);
  HttpResponse again = Get("/", {{"If-None-Match", etag}});
  ASSERT_EQ(again.result_int(), 304);
  EXPECT_EQ(again["Content-Security-Policy"], "") << "a 304 must not replace the cached page's policy";
}

TEST_F(StaticServerTest, ServesPrecompressedGzipToClientsThatAcceptIt) {
  HttpResponse gz = Get("/assets/app.1a2b.js", {{"Accept-Encoding", "br, gzip;q=0.8"}});
  EXPECT_EQ(gz.result_int(), 200);
  EXPECT_EQ(gz.body(), "GZIPPED-BYTES");
  EXPECT_EQ(gz[boost::beast::http::field::content_encoding], "gzip");
  EXPECT_EQ(gz[boost::beast::http::field::vary], "Accept-Encoding");
  EXPECT_EQ(gz[boost::beast::http::field::content_type], "text/javascript; charset=utf-8");
  HttpResponse plain = Get("/assets/app.1a2b.js", {{"Accept-Encoding", "gzip;q=0"}});
  EXPECT_EQ(plain.body(), "console.log('hoptac');");
  EXPECT_TRUE(plain[boost::beast::http::field::content_encoding].empty());
  EXPECT_EQ(plain[boost::beast::http::field::vary], "Accept-Encoding");
  EXPECT_NE(plain[boost::beast::http::field::etag], gz[boost::beast::http::field::etag]);
  HttpResponse none = Get("/assets/app.1a2b.js");
  EXPECT_EQ(none.body(), "console.log('hoptac');");
}

TEST_F(StaticServerTest, ClientRoutesFallBackToIndexAndMissingFilesAre404) {
  HttpResponse route = Get("/profiles/42");
  EXPECT_EQ(route.result_int(), 200);
  EXPECT_EQ(route.body(), "<!doctype html><title>hoptac</title>");
  EXPECT_EQ(route[boost::beast::http::field::cache_control], "no-cache");
  HttpResponse under_assets = Get("/assets/missing-route");
  EXPECT_EQ(under_assets.result_int(), 200);
  EXPECT_EQ(under_assets[boost::beast::http::field::cache_control], "no-cache");
  HttpResponse missing = Get("/assets/missing.js");
  EXPECT_EQ(missing.result_int(), 404);
  EXPECT_EQ(missing[boost::beast::http::field::content_type], "application/problem+json");
}

TEST_F(StaticServerTest, RefusesTraversalHiddenFilesAndSymlinksOut) {
  for (const char* target : {"/../secret.txt", "/%2e%2e/secret.txt", "/assets/%2E%2E/%2E%2E/secret.txt",
                             "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/index.html%00.png"}) {
    std::string got = testing::RawExchange(
        port(), std::string("GET ") + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_TRUE(got.starts_with("HTTP/1.1 400")) << target << "\n" << got;
    EXPECT_EQ(got.find("outside the root"), std::string::npos);
  }
  for (const char* target : {"/leak.txt", "/.env"}) {
    HttpResponse r = Get(target);
    EXPECT_EQ(r.result_int(), 404) << target;
    EXPECT_EQ(r.body().find("outside the root"), std::string::npos);
    EXPECT_EQ(r.body().find("SECRET"), std::string::npos);
  }
  // Absolute-looking paths stay under the root: no such file there, no extension, so the app shell.
  for (const char* target : {"//etc/passwd", "/etc/passwd", "///etc//passwd"}) {
    HttpResponse r = Get(target);
    EXPECT_EQ(r.body(), "<!doctype html><title>hoptac</title>") << target;
  }
}

TEST_F(StaticServerTest, OnlyGetAndHeadAndApiGoesToTheDispatcher) {
  TestClient client;
  ASSERT_TRUE(client.Connect(port()));
  HttpResponse post = client.Send("POST", "/index.html", "x");
  EXPECT_EQ(post.result_int(), 405);
  EXPECT_EQ(post[boost::beast::http::field::allow], "GET, HEAD");
  HttpResponse api = client.Send("GET", "/api/v1/things");
  EXPECT_EQ(api.result_int(), 200);
  EXPECT_NE(api.body().find("GET /api/v1/things"), std::string::npos);
  HttpResponse health = client.Send("GET", "/healthz");
  EXPECT_EQ(health.body(), "fast:/healthz");
  std::string head = testing::RawExchange(port(), "HEAD /data.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(head.find("Content-Length: 7\r\n"), std::string::npos) << head;
  EXPECT_TRUE(head.ends_with("\r\n\r\n"));
}

TEST_F(StaticServerTest, PicksUpChangedFiles) {
  EXPECT_EQ(Get("/robots.txt").body(), "User-agent: *");
  Write("web/robots.txt", "Disallow: /");
  // Cached answers are rechecked against the disk after at most two seconds.
  std::string body;
  for (int i = 0; i < 40 && body != "Disallow: /"; ++i) {
    std::this_thread::sleep_for(100ms);
    body = Get("/robots.txt").body();
  }
  EXPECT_EQ(body, "Disallow: /");
}

}  // namespace
}  // namespace hoptac::http
