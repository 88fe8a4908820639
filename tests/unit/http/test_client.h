// A small HTTP/1.1 client for the transport tests: Beast over a real loopback socket. Every
// operation has a deadline (10 s unless given), so a broken server fails a test instead of
// hanging it.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

namespace hoptac::http::testing {

using HttpResponse = boost::beast::http::response<boost::beast::http::string_body>;

class TestClient {
 public:
  TestClient() = default;
  // Connects to 127.0.0.1:port; false if refused.
  bool Connect(uint16_t port);

  bool WriteRaw(const std::string& bytes);
  // Reads one response; false on error or close (the error is in last_error()).
  bool Read(HttpResponse& response, std::chrono::milliseconds deadline = std::chrono::seconds(10));
  // Sends a request and reads its response.
  HttpResponse Send(const std::string& method, const std::string& target, const std::string& body = "",
                    const std::map<std::string, std::string>& headers = {});
  // Reads until the server closes; returns what arrived. `closed` says whether EOF/reset came
  // before the deadline.
  std::string ReadUntilClosed(std::chrono::milliseconds deadline, bool& closed);

  std::string last_error() const { return last_error_; }

 private:
  boost::asio::io_context ioc_;
  boost::beast::tcp_stream stream_{ioc_};
  boost::beast::flat_buffer buffer_;
  std::string last_error_;
};

// Connects, sends `raw` and returns everything the server writes before closing.
std::string RawExchange(uint16_t port, const std::string& raw);

}  // namespace hoptac::http::testing
