// hoptac-bench-http-server: serves the same ~1 KB JSON body three ways, for bench/http/run.sh to
// compare with nginx serving those bytes as a static file:
//   GET /api/fast    answered by Dispatcher::TryFast on the I/O thread
//   GET /api/worker  answered by Dispatcher::Handle on the worker pool
//   GET /bench.json  a static file from --web-root (written there at start)
// It checks its own answer once at start (the body must be valid and ~1 KB) and prints the port.
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "http/server.h"

namespace {

std::string BenchBody() {
  // A realistic search answer: ids, names in several scripts, a score and an explanation.
  std::string body = R"({"total":3,"took_ms":0.41,"items":[)";
  const char* names[] = {"Trung tâm Hợp tác Ứng dụng AI", "中国—东盟人工智能应用合作中心",
                         "ASEAN AI Application Cooperation Centre"};
  for (int i = 0; i < 3; ++i) {
    if (i) body += ",";
    body += R"({"id":)" + std::to_string(1000 + i) + R"(,"type":"organisation","name":")" + names[i] +
            R"(","country":"VN","score":0.)" + std::to_string(87 - i * 11) +
            R"(,"why":["concept:ai.applications","term:hợp tác","term:合作"],"updated":"2026-03-10T08:15:00.123Z"})";
  }
  body += "]}";
  while (body.size() < 1024) body.insert(body.size() - 1, " ");
  return body;
}

class BenchDispatcher : public hoptac::http::Dispatcher {
 public:
  explicit BenchDispatcher(std::string body) : body_(std::move(body)) {}
  std::optional<hoptac::http::Response> TryFast(const hoptac::http::Request& request) override {
    if (request.path == "/api/fast") return Answer();
    return std::nullopt;
  }
  hoptac::http::Response Handle(const hoptac::http::Request& request) override {
    if (request.path == "/api/worker") return Answer();
    return hoptac::http::Problem(404, "Not Found", "No such benchmark route.");
  }

 private:
  hoptac::http::Response Answer() const { return {.status = 200, .content_type = "application/json", .body = body_}; }
  const std::string body_;
};

}  // namespace

int main(int argc, char** argv) {
  hoptac::http::ServerOptions options{.port = 0, .access_log = "off"};
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--port")
      options.port = static_cast<uint16_t>(std::atoi(value.c_str()));
    else if (flag == "--io-threads")
      options.io_threads = std::atoi(value.c_str());
    else if (flag == "--worker-threads")
      options.worker_threads = std::atoi(value.c_str());
    else if (flag == "--access-log")
      options.access_log = value;
    else if (flag == "--web-root")
      options.web_root = value;
    else {
      std::cerr << "usage: hoptac-bench-http-server [--port N] [--io-threads N] [--worker-threads N]"
                   " [--access-log off|-|FILE] [--web-root DIR] [--write-body FILE]\n";
      return 2;
    }
  }
  const std::string body = BenchBody();
  if (body.size() < 1000 || body.size() > 1100 || body.front() != '{' || body.back() != '}') {
    std::cerr << "bench body is malformed (" << body.size() << " bytes)\n";
    return 1;
  }
  if (!options.web_root.empty()) {
    std::ofstream(std::filesystem::path(options.web_root) / "bench.json", std::ios::binary) << body;
  }
  BenchDispatcher dispatcher(body);
  hoptac::http::Server server(options, dispatcher);
  hoptac::Status started = server.Start();
  if (!started.ok()) {
    std::cerr << started.ToString() << "\n";
    return 1;
  }
  std::printf("listening on 127.0.0.1:%u body_bytes=%zu\n", server.port(), body.size());
  std::fflush(stdout);
  server.Wait();
  return 0;
}
