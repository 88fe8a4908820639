#include "api/harness.h"

#include <curl/curl.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

extern char** environ;

namespace hoptac::api_test {

namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// How long the server may take to start and write its port file. Generous: ctest runs two test
// processes at once on a small shared machine.
constexpr auto kStartTimeout = 20s;

std::string Tail(const std::string& s, size_t max_bytes = 4000) {
  return s.size() <= max_bytes ? s : "...\n" + s.substr(s.size() - max_bytes);
}

struct SpawnResult {
  pid_t pid = -1;
  std::string error;
};

// posix_spawn rather than fork: the test process may have threads.
SpawnResult Spawn(const std::vector<std::string>& args, const fs::path& out_file, const fs::path& err_file,
                  bool append) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  const int flags = O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_file.c_str(), flags, 0644);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_file.c_str(), flags, 0644);
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  SpawnResult result;
  pid_t pid = -1;
  int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    result.error = "posix_spawn " + args[0] + ": " + std::strerror(rc);
    return result;
  }
  result.pid = pid;
  return result;
}

// Waits for `pid` up to `timeout`; the wait status, or nullopt on timeout.
std::optional<int> WaitFor(pid_t pid, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (true) {
    int status = 0;
    pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) return status;
    if (r < 0 && errno != EINTR) return std::nullopt;
    if (Clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(5ms);
  }
}

std::string DescribeWaitStatus(int status) {
  if (WIFEXITED(status)) return "exit status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return std::string("signal ") + strsignal(WTERMSIG(status));
  return "wait status " + std::to_string(status);
}

void CurlGlobalInit() {
  static const bool done = [] {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    return true;
  }();
  (void)done;
}

size_t WriteBody(char* data, size_t size, size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

size_t WriteHeader(char* data, size_t size, size_t n, void* user) {
  auto& headers = *static_cast<std::multimap<std::string, std::string>*>(user);
  std::string_view line(data, size * n);
  if (line.rfind("HTTP/", 0) == 0) {
    headers.clear();  // a new response (after a 100 Continue, say)
    return size * n;
  }
  auto colon = line.find(':');
  if (colon == std::string_view::npos) return size * n;
  std::string name(line.substr(0, colon));
  for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) value.remove_suffix(1);
  headers.emplace(std::move(name), std::string(value));
  return size * n;
}

}  // namespace

fs::path BinaryPath() {
  const char* env = std::getenv("HOPTAC_BINARY");
#ifdef HOPTAC_DEFAULT_BINARY
  if (env == nullptr || *env == '\0') env = HOPTAC_DEFAULT_BINARY;
#endif
  if (env == nullptr || *env == '\0') {
    ADD_FAILURE() << "HOPTAC_BINARY is not set; run the API tests through ctest";
    return {};
  }
  fs::path p(env);
  std::error_code ec;
  if (!fs::exists(p, ec)) ADD_FAILURE() << "HOPTAC_BINARY=" << p << " does not exist";
  return p;
}

// --- TempDir ----------------------------------------------------------------------------------

TempDir::TempDir(std::string_view prefix) {
  static std::atomic<int> counter{0};
  std::random_device rd;
  for (int attempt = 0; attempt < 100; ++attempt) {
    fs::path candidate = fs::temp_directory_path() /
                         (std::string(prefix) + "-" + std::to_string(getpid()) + "-" +
                          std::to_string(counter++) + "-" + std::to_string(rd() % 1000000));
    std::error_code ec;
    if (fs::create_directory(candidate, ec)) {
      path_ = candidate;
      return;
    }
  }
  ADD_FAILURE() << "could not create a temporary directory";
}

TempDir::~TempDir() {
  if (path_.empty()) return;
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void WriteFile(const fs::path& path, std::string_view content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  ASSERT_TRUE(out.good()) << "cannot write " << path;
}

// --- CLI --------------------------------------------------------------------------------------

CliResult RunCli(const std::vector<std::string>& args, std::chrono::milliseconds timeout) {
  CliResult result;
  fs::path binary = BinaryPath();
  if (binary.empty()) return result;
  TempDir out_dir("hoptac-cli");
  std::vector<std::string> argv{binary.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  auto spawned = Spawn(argv, out_dir.path() / "out", out_dir.path() / "err", false);
  if (spawned.pid < 0) {
    ADD_FAILURE() << spawned.error;
    return result;
  }
  auto status = WaitFor(spawned.pid, timeout);
  if (!status) {
    kill(spawned.pid, SIGKILL);
    waitpid(spawned.pid, nullptr, 0);
    ADD_FAILURE() << "hoptac " << args.front() << " did not finish within " << timeout.count() << " ms";
  } else if (WIFEXITED(*status)) {
    result.exit_code = WEXITSTATUS(*status);
  }
  result.out = ReadFile(out_dir.path() / "out");
  result.err = ReadFile(out_dir.path() / "err");
  return result;
}

std::string CreateToken(const fs::path& data_dir, const std::string& name) {
  CliResult r = RunCli({"token", "create", "--data", data_dir.string(), "--name", name});
  EXPECT_EQ(r.exit_code, 0) << "token create failed: " << r.err;
  std::string token = r.out;
  while (!token.empty() && std::isspace(static_cast<unsigned char>(token.back()))) token.pop_back();
  EXPECT_EQ(token.rfind("hpt_", 0), 0u) << "token create printed: " << r.out;
  return token;
}

// --- HTTP -------------------------------------------------------------------------------------

std::string HttpResponse::Header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

Json HttpResponse::json() const { return Json::parse(body, nullptr, /*allow_exceptions=*/false); }

bool HttpResponse::IsProblem() const { return Header("content-type").rfind("application/problem+json", 0) == 0; }

std::string HttpResponse::Describe() const {
  if (status == 0) return "transport error: " + error;
  std::string b = body.size() > 1500 ? body.substr(0, 1500) + "..." : body;
  return std::to_string(status) + " " + Header("content-type") + " " + b;
}

HttpClient::HttpClient(uint16_t port, std::string token) : port_(port), token_(std::move(token)) {
  CurlGlobalInit();
  curl_ = curl_easy_init();
}

HttpClient::~HttpClient() { curl_easy_cleanup(static_cast<CURL*>(curl_)); }

HttpResponse HttpClient::Send(const std::string& method, const std::string& target, const std::string& body,
                              const Headers& headers) {
  HttpResponse response;
  auto* curl = static_cast<CURL*>(curl_);
  if (curl == nullptr) {
    response.error = "curl_easy_init failed";
    return response;
  }
  curl_easy_reset(curl);
  const std::string url = "http://127.0.0.1:" + std::to_string(port_) + target;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_.count()));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
  curl_easy_setopt(curl, CURLOPT_PATH_AS_IS, 1L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, WriteBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, WriteHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers);
  if (method == "GET") {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  } else if (method == "HEAD") {
    curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  } else {
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
    if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
      curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
      curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    }
  }
  curl_slist* list = nullptr;
  bool has_content_type = false, has_authorization = false;
  for (const auto& h : headers) {
    std::string lower = h.substr(0, h.find(':'));
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    has_content_type |= lower == "content-type";
    has_authorization |= lower == "authorization";
    list = curl_slist_append(list, h.c_str());
  }
  if (!body.empty() && !has_content_type) list = curl_slist_append(list, "Content-Type: application/json");
  if (!token_.empty() && !has_authorization) list = curl_slist_append(list, ("Authorization: Bearer " + token_).c_str());
  list = curl_slist_append(list, "Expect:");  // no 100-continue round trip for large bodies
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);

  CURLcode rc = curl_easy_perform(curl);
  if (rc == CURLE_OK) {
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  } else {
    // A server may answer (413, say) before it has read the whole body, then close; keep the answer.
    long code = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
    if (code != 0 && (rc == CURLE_SEND_ERROR || rc == CURLE_RECV_ERROR)) response.status = code;
    response.error = curl_easy_strerror(rc);
  }
  curl_slist_free_all(list);
  return response;
}

std::string UrlEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  return out;
}

// --- ServerProcess ----------------------------------------------------------------------------

ServerProcess::ServerProcess(fs::path data_dir, fs::path work_dir)
    : data_dir_(std::move(data_dir)), work_dir_(std::move(work_dir)) {}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
}

std::string ServerProcess::Log() const { return ReadFile(work_dir_ / "server.log"); }

void ServerProcess::Start() {
  ASSERT_LT(pid_, 0) << "the server is already running";
  fs::path binary = BinaryPath();
  ASSERT_FALSE(binary.empty());
  const fs::path port_file = work_dir_ / "port";
  std::error_code ec;
  fs::remove(port_file, ec);
  std::vector<std::string> args = {binary.string(), "serve", "--data", data_dir_.string(), "--listen", "127.0.0.1:0",
                                   "--port-file", port_file.string(), "--access-log", (work_dir_ / "access.log").string()};
  args.insert(args.end(), extra_args_.begin(), extra_args_.end());
  auto spawned = Spawn(args,
                       work_dir_ / "server.log", work_dir_ / "server.log", /*append=*/true);
  ASSERT_GT(spawned.pid, 0) << spawned.error;
  pid_ = spawned.pid;
  const auto deadline = Clock::now() + kStartTimeout;
  while (true) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      FAIL() << "hoptac serve exited during start-up (" << DescribeWaitStatus(status) << "); its log:\n"
             << Tail(Log());
    }
    if (fs::exists(port_file, ec)) {
      std::string text = ReadFile(port_file);
      int port = std::atoi(text.c_str());
      ASSERT_GT(port, 0) << "the port file holds '" << text << "'";
      ASSERT_LE(port, 65535);
      port_ = static_cast<uint16_t>(port);
      return;
    }
    if (Clock::now() >= deadline) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
      pid_ = -1;
      FAIL() << "hoptac serve wrote no port file within " << kStartTimeout.count() << " s; its log:\n"
             << Tail(Log());
    }
    std::this_thread::sleep_for(1ms);
  }
}

void ServerProcess::Stop(std::chrono::milliseconds timeout) {
  ASSERT_GT(pid_, 0) << "the server is not running";
  kill(pid_, SIGTERM);
  auto status = WaitFor(pid_, timeout);
  if (!status) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
    FAIL() << "hoptac serve did not exit within " << timeout.count() << " ms of SIGTERM; its log:\n" << Tail(Log());
  }
  pid_ = -1;
  ASSERT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 0)
      << "hoptac serve ended with " << DescribeWaitStatus(*status) << " after SIGTERM; its log:\n"
      << Tail(Log());
}

void ServerProcess::Kill() {
  ASSERT_GT(pid_, 0) << "the server is not running";
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

void ServerProcess::Restart() {
  ASSERT_NO_FATAL_FAILURE(Stop());
  ASSERT_NO_FATAL_FAILURE(Start());
}

// --- ServerTest -------------------------------------------------------------------------------

void ServerTest::SetUp() {
  tmp_ = std::make_unique<TempDir>();
  ASSERT_FALSE(tmp_->path().empty());
  data_dir_ = tmp_->path() / "data";
  token_ = CreateToken(data_dir_, "api-test");
  ASSERT_FALSE(token_.empty());
  server_ = std::make_unique<ServerProcess>(data_dir_, tmp_->path());
  ASSERT_NO_FATAL_FAILURE(StartServer());
}

void ServerTest::TearDown() {
  if (server_ && server_->running()) {
    server_->Stop();
  }
  if (HasFailure() && server_) {
    std::string log = server_->Log();
    if (!log.empty()) std::cerr << "--- hoptac serve log (tail) ---\n" << Tail(log) << "\n";
  }
  api_.reset();
  anon_.reset();
  server_.reset();
  tmp_.reset();
}

HttpClient& ServerTest::Api() {
  if (!api_ || api_->port() != server_->port()) api_ = std::make_unique<HttpClient>(server_->port(), token_);
  return *api_;
}

HttpClient& ServerTest::Anon() {
  if (!anon_ || anon_->port() != server_->port()) anon_ = std::make_unique<HttpClient>(server_->port());
  return *anon_;
}

void ServerTest::StartServer() {
  ASSERT_NO_FATAL_FAILURE(server_->Start());
  api_.reset();
  anon_.reset();
  HttpResponse health = Anon().Get("/healthz");
  ASSERT_EQ(health.status, 200) << "the server wrote its port file but does not answer: " << health.Describe();
}

void ServerTest::RestartServer() {
  ASSERT_NO_FATAL_FAILURE(server_->Stop());
  ASSERT_NO_FATAL_FAILURE(StartServer());
}

Json ServerTest::Create(const std::string& collection, const Json& body) {
  HttpResponse r = Api().Post("/api/v1/" + collection, body);
  EXPECT_EQ(r.status, 201) << "POST /api/v1/" << collection << " " << body.dump() << "\n-> " << r.Describe();
  Json j = r.json();
  if (r.status != 201 || !j.is_object()) return Json::object();
  return j;
}

Json ServerTest::Read(const std::string& collection, int64_t id) {
  HttpResponse r = Api().Get("/api/v1/" + collection + "/" + std::to_string(id));
  EXPECT_EQ(r.status, 200) << "GET /api/v1/" << collection << "/" << id << " -> " << r.Describe();
  Json j = r.json();
  return j.is_object() ? j : Json::object();
}

std::vector<Json> ServerTest::ListAll(const std::string& collection, const std::string& query, bool anonymous) {
  std::vector<Json> out;
  std::string cursor;
  for (int page = 0; page < 10000; ++page) {
    std::string target = "/api/v1/" + collection + "?limit=500" + (query.empty() ? "" : "&" + query) +
                         (cursor.empty() ? "" : "&cursor=" + UrlEncode(cursor));
    HttpResponse r = anonymous ? Anon().Get(target) : Api().Get(target);
    EXPECT_EQ(r.status, 200) << "GET " << target << " -> " << r.Describe();
    Json j = r.json();
    if (r.status != 200 || !j.is_object() || !j["items"].is_array()) return out;
    for (auto& item : j["items"]) out.push_back(item);
    if (j["next_cursor"].is_null()) return out;
    cursor = j["next_cursor"].get<std::string>();
  }
  ADD_FAILURE() << "the list of " << collection << " never ended";
  return out;
}

// --- problems ---------------------------------------------------------------------------------

Json ExpectProblem(const HttpResponse& r, long status) {
  if (r.status != status) {
    // One failure, not one per member: the rest of the checks would only repeat it.
    ADD_FAILURE() << "expected a " << status << " problem, got " << r.Describe();
    Json j = r.json();
    return j.is_object() ? j : Json::object();
  }
  EXPECT_TRUE(r.IsProblem()) << "Content-Type is '" << r.Header("content-type") << "'; " << r.Describe();
  Json j = r.json();
  EXPECT_TRUE(j.is_object()) << "the problem is not a JSON object (or not valid UTF-8 JSON): " << r.Describe();
  if (!j.is_object()) return Json::object();
  EXPECT_TRUE(j.contains("title") && j["title"].is_string() && !j["title"].get<std::string>().empty())
      << r.Describe();
  EXPECT_EQ(j.value("status", 0), status) << r.Describe();
  EXPECT_TRUE(j.contains("detail") && j["detail"].is_string() && j["detail"].get<std::string>().size() >= 10)
      << "a problem needs a detail a person can act on: " << r.Describe();
  if (j.contains("detail") && j["detail"].is_string()) {
    const std::string detail = j["detail"].get<std::string>();
    EXPECT_EQ(detail.find("json.exception"), std::string::npos) << "library jargon in detail: " << detail;
  }
  return j;
}

Json FieldError(const Json& problem, const std::string& field) {
  if (!problem.is_object() || !problem.contains("errors") || !problem["errors"].is_array()) return nullptr;
  for (const auto& e : problem["errors"]) {
    if (e.is_object() && e.value("field", "") == field) return e;
  }
  return nullptr;
}

}  // namespace hoptac::api_test
