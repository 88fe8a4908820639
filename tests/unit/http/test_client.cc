#include "test_client.h"

#include <functional>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

namespace hoptac::http::testing {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using error_code = boost::system::error_code;

bool TestClient::Connect(uint16_t port) {
  error_code result;
  stream_.expires_after(std::chrono::seconds(10));
  stream_.async_connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port),
                        [&](error_code ec) { result = ec; });
  ioc_.restart();
  ioc_.run();
  last_error_ = result.message();
  return !result;
}

bool TestClient::WriteRaw(const std::string& bytes) {
  error_code result;
  stream_.expires_after(std::chrono::seconds(10));
  net::async_write(stream_, net::buffer(bytes), [&](error_code ec, size_t) { result = ec; });
  ioc_.restart();
  ioc_.run();
  last_error_ = result.message();
  return !result;
}

bool TestClient::Read(HttpResponse& response, std::chrono::milliseconds deadline) {
  error_code result;
  stream_.expires_after(deadline);
  response = {};
  bhttp::async_read(stream_, buffer_, response, [&](error_code ec, size_t) { result = ec; });
  ioc_.restart();
  ioc_.run();
  last_error_ = result.message();
  return !result;
}

HttpResponse TestClient::Send(const std::string& method, const std::string& target, const std::string& body,
                              const std::map<std::string, std::string>& headers) {
  bhttp::request<bhttp::string_body> request;
  request.version(11);
  request.method_string(method);
  request.target(target);
  request.set(bhttp::field::host, "127.0.0.1");
  for (const auto& [name, value] : headers) request.set(name, value);
  request.body() = body;
  if (!body.empty() || method == "POST" || method == "PUT") request.prepare_payload();
  error_code result;
  stream_.expires_after(std::chrono::seconds(10));
  bhttp::async_write(stream_, request, [&](error_code ec, size_t) { result = ec; });
  ioc_.restart();
  ioc_.run();
  HttpResponse response;
  if (result) {
    last_error_ = result.message();
    return response;
  }
  Read(response);
  return response;
}

std::string TestClient::ReadUntilClosed(std::chrono::milliseconds deadline, bool& closed) {
  std::string got;
  // Whatever Beast already buffered counts too.
  auto data = buffer_.data();
  got.append(static_cast<const char*>(data.data()), data.size());
  buffer_.consume(buffer_.size());
  stream_.expires_after(deadline);
  closed = false;
  char chunk[4096];
  bool done = false;
  std::function<void()> read_more = [&] {
    stream_.async_read_some(net::buffer(chunk), [&](error_code ec, size_t n) {
      got.append(chunk, n);
      if (ec) {
        closed = ec != beast::error::timeout;
        last_error_ = ec.message();
        done = true;
        return;
      }
      read_more();
    });
  };
  read_more();
  ioc_.restart();
  ioc_.run();
  (void)done;
  return got;
}

std::string RawExchange(uint16_t port, const std::string& raw) {
  TestClient client;
  if (!client.Connect(port)) return "connect failed";
  client.WriteRaw(raw);
  bool closed = false;
  return client.ReadUntilClosed(std::chrono::seconds(10), closed);
}

}  // namespace hoptac::http::testing
