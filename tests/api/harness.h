// The black-box harness of the API suites: runs the real `hoptac` binary (path from the
// HOPTAC_BINARY environment variable, set by hoptac_test in tests/CMakeLists.txt, else the path
// tests/api/CMakeLists.txt compiled in) as a child process on a fresh temporary data directory,
// and talks to it over HTTP with libcurl.
//
// Ownership: a TempDir owns its directory and removes it (std::filesystem::remove_all) when it is
// destroyed. A ServerProcess owns the one child process it started and never signals any other.
// Thread-safety: HttpClient holds one libcurl handle, so one client per thread; ServerProcess and
// TempDir are used from the test's main thread only. RunCli may be called from any thread.
//
// Failures inside the helpers are reported with gtest assertions; helpers that can fail fatally
// are void, so callers wrap them in ASSERT_NO_FATAL_FAILURE.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace hoptac::api_test {

using Json = nlohmann::json;
namespace fs = std::filesystem;

// The hoptac binary under test (HOPTAC_BINARY, else the build's); fails the test when it is missing.
fs::path BinaryPath();

// A uniquely named directory under the system temp directory, removed on destruction.
class TempDir {
 public:
  explicit TempDir(std::string_view prefix = "hoptac-api");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Reads a whole file; empty when it does not exist.
std::string ReadFile(const fs::path& path);
void WriteFile(const fs::path& path, std::string_view content);

// --- CLI ------------------------------------------------------------------------------------

struct CliResult {
  int exit_code = -1;  // -1: did not exit normally (signal or timeout)
  std::string out;
  std::string err;
};

// Runs `hoptac <args...>` to completion (killed after `timeout`), capturing stdout and stderr.
CliResult RunCli(const std::vector<std::string>& args,
                 std::chrono::milliseconds timeout = std::chrono::seconds(60));

// `hoptac token create --data <data_dir> --name <name>`; returns the printed token.
std::string CreateToken(const fs::path& data_dir, const std::string& name);

// --- HTTP -----------------------------------------------------------------------------------

struct HttpResponse {
  long status = 0;                                 // 0: transport failure, see `error`
  std::multimap<std::string, std::string> headers;  // names lowercased
  std::string body;
  std::string error;  // libcurl's message when status == 0

  std::string Header(const std::string& lower_name) const;
  // The body parsed strictly (valid UTF-8 required); discarded (is_discarded()) when not JSON.
  Json json() const;
  bool IsProblem() const;  // Content-Type application/problem+json
  // One line for assertion messages: "409 {...body...}".
  std::string Describe() const;
};

using Headers = std::vector<std::string>;  // "Name: value"

class HttpClient {
 public:
  // `token` empty: anonymous.
  explicit HttpClient(uint16_t port, std::string token = "");
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpResponse Send(const std::string& method, const std::string& target, const std::string& body = "",
                    const Headers& headers = {});
  HttpResponse Get(const std::string& target, const Headers& headers = {}) { return Send("GET", target, "", headers); }
  HttpResponse Delete(const std::string& target, const Headers& headers = {}) {
    return Send("DELETE", target, "", headers);
  }
  HttpResponse Post(const std::string& target, const Json& body, const Headers& headers = {}) {
    return Send("POST", target, body.dump(), headers);
  }
  HttpResponse Put(const std::string& target, const Json& body, const Headers& headers = {}) {
    return Send("PUT", target, body.dump(), headers);
  }
  HttpResponse Patch(const std::string& target, const Json& body, const Headers& headers = {}) {
    return Send("PATCH", target, body.dump(), headers);
  }

  void set_timeout(std::chrono::milliseconds timeout) { timeout_ = timeout; }
  uint16_t port() const { return port_; }

 private:
  uint16_t port_;
  std::string token_;
  std::chrono::milliseconds timeout_ = std::chrono::seconds(30);
  void* curl_;  // CURL*
};

// Percent-encodes a query parameter value (UTF-8 bytes as %XX).
std::string UrlEncode(std::string_view s);

// --- the server -----------------------------------------------------------------------------

class ServerProcess {
 public:
  // `data_dir` holds hoptac.db; `work_dir` receives the port file and the server's log.
  ServerProcess(fs::path data_dir, fs::path work_dir);
  ~ServerProcess();  // SIGKILLs the child if it is still running
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Starts `hoptac serve` and waits (bounded) until it has written its port file.
  void Start();
  // SIGTERM; expects a clean exit with status 0 within the timeout.
  void Stop(std::chrono::milliseconds timeout = std::chrono::seconds(15));
  // SIGKILL, as a crash: no chance to clean up.
  void Kill();
  // Stop() then Start() on the same data directory.
  void Restart();

  // Extra `hoptac serve` options for the next Start (e.g. --smtp-url).
  void set_extra_args(std::vector<std::string> args) { extra_args_ = std::move(args); }

  bool running() const { return pid_ > 0; }
  uint16_t port() const { return port_; }
  const fs::path& data_dir() const { return data_dir_; }
  // The server's stdout and stderr so far (all runs), for failure messages.
  std::string Log() const;

 private:
  fs::path data_dir_;
  fs::path work_dir_;
  std::vector<std::string> extra_args_;
  pid_t pid_ = -1;
  uint16_t port_ = 0;
};

// --- the fixture every API suite builds on -------------------------------------------------

// A fresh data directory, an API token made with the CLI, and a running server.
class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  bool has_server() const { return server_ != nullptr; }
  ServerProcess& server() { return *server_; }
  const fs::path& data_dir() const { return data_dir_; }
  const fs::path& work_dir() const { return tmp_->path(); }
  const std::string& token() const { return token_; }

  // Clients for the server's current port (which changes on restart).
  HttpClient& Api();   // with the token
  HttpClient& Anon();  // anonymous

  // POST /api/v1/<collection>, asserting 201; returns the body.
  Json Create(const std::string& collection, const Json& body);
  // GET /api/v1/<collection>/<id> with the token, asserting 200.
  Json Read(const std::string& collection, int64_t id);
  // Every item of a list, following next_cursor (with the token unless anonymous).
  std::vector<Json> ListAll(const std::string& collection, const std::string& query = "", bool anonymous = false);

  // Start / restart the server and wait until it answers /healthz. Tests use these rather than
  // server().Start(), so they do not race the server's start-up (see the ServerLifecycle tests).
  void StartServer();
  void RestartServer();

 private:
  std::unique_ptr<TempDir> tmp_;
  fs::path data_dir_;
  std::string token_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<HttpClient> api_, anon_;
};

// Asserts an RFC 9457 problem: the status, application/problem+json, a title, a matching
// `status` member, and a non-empty `detail`. Returns the parsed body.
Json ExpectProblem(const HttpResponse& r, long status);
// The entry of a problem's `errors` for `field` (exact match), or null.
Json FieldError(const Json& problem, const std::string& field);

}  // namespace hoptac::api_test
