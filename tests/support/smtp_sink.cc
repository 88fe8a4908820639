// The in-process SMTP server for tests, and the reader of the messages it receives. See smtp_sink.h.
#include "support/smtp_sink.h"

#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <cctype>
#include <condition_variable>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>
#include <utility>

namespace hoptac::test_support {
namespace {

namespace net = boost::asio;
using net::awaitable;
using net::use_awaitable;
using net::ip::tcp;

constexpr size_t kMaxLine = 64 * 1024;  // far beyond RFC 5321's 1000, to be lenient with clients
constexpr std::string_view kName = "hoptac-smtp-sink";

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && Upper(s.substr(0, prefix.size())) == prefix;
}

// The path of "FROM:<a@b> SIZE=12" or "TO:<a@b>": "a@b"; nullopt without <...>.
std::optional<std::string> PathOf(std::string_view arg, std::string_view keyword) {
  if (!StartsWithNoCase(arg, keyword)) return std::nullopt;
  arg.remove_prefix(keyword.size());
  while (!arg.empty() && arg.front() == ' ') arg.remove_prefix(1);
  if (arg.empty() || arg.front() != '<') return std::nullopt;
  const auto close = arg.find('>');
  if (close == std::string_view::npos) return std::nullopt;
  return std::string(arg.substr(1, close - 1));
}

// The value of "SIZE=n" among MAIL FROM's parameters, 0 when absent.
size_t SizeParameter(std::string_view arg) {
  const std::string upper = Upper(arg);
  const auto at = upper.find(" SIZE=");
  if (at == std::string::npos) return 0;
  size_t n = 0;
  for (size_t i = at + 6; i < upper.size() && std::isdigit(static_cast<unsigned char>(upper[i])); ++i) {
    n = n * 10 + static_cast<size_t>(upper[i] - '0');
  }
  return n;
}

}  // namespace

struct SmtpSink::Impl {
  explicit Impl(Options o) : options(std::move(o)), refuse(options.refuse), acceptor(ioc) {}

  bool NeedsAuth() const { return !options.user.empty() && !options.password.empty(); }

  void Record(Received message) {
    {
      std::lock_guard lock(mu);
      messages.push_back(message);
    }
    cv.notify_all();
    if (options.on_message) options.on_message(message);
  }

  awaitable<void> Accept();
  awaitable<void> Serve(tcp::socket socket);

  const Options options;
  std::atomic<Refuse> refuse;
  net::io_context ioc;
  tcp::acceptor acceptor;
  uint16_t port = 0;
  std::thread thread;

  mutable std::mutex mu;
  mutable std::condition_variable cv;
  std::vector<Received> messages;  // guarded by mu
};

namespace {

// One connection's line-oriented I/O.
class Lines {
 public:
  explicit Lines(tcp::socket& socket) : socket_(socket) {}

  // The next line without its CRLF (a bare LF is accepted too); nullopt when the peer is gone.
  awaitable<std::optional<std::string>> Read() {
    boost::system::error_code ec;
    const size_t n = co_await net::async_read_until(socket_, net::dynamic_buffer(buffer_, kMaxLine), "\n",
                                                    net::redirect_error(use_awaitable, ec));
    if (ec) co_return std::nullopt;
    std::string line = buffer_.substr(0, n - 1);
    buffer_.erase(0, n);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    co_return line;
  }

  awaitable<bool> Write(std::string_view reply) {
    boost::system::error_code ec;
    co_await net::async_write(socket_, net::buffer(reply.data(), reply.size()), net::redirect_error(use_awaitable, ec));
    co_return !ec;
  }

 private:
  tcp::socket& socket_;
  std::string buffer_;
};

}  // namespace

// GCC 12 pairs Boost.Asio 1.74's recycled coroutine-frame allocation with the wrong delete once it
// has inlined both, and warns (-Wmismatched-new-delete); both sides are ::operator new/delete.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

awaitable<void> SmtpSink::Impl::Accept() {
  for (;;) {
    boost::system::error_code ec;
    tcp::socket socket = co_await acceptor.async_accept(net::redirect_error(use_awaitable, ec));
    if (ec) {
      if (ec == net::error::operation_aborted || !acceptor.is_open()) co_return;
      continue;
    }
    net::co_spawn(ioc, Serve(std::move(socket)), net::detached);
  }
}

awaitable<void> SmtpSink::Impl::Serve(tcp::socket socket) {
  Lines io(socket);
  if (refuse.load() == Refuse::kGreeting) {
    co_await io.Write("554 5.3.2 " + std::string(kName) + " is not accepting mail\r\n");
    co_return;
  }
  if (!co_await io.Write("220 " + std::string(kName) + " ESMTP ready\r\n")) co_return;

  std::string helo, auth_user;
  std::optional<std::string> mail_from;
  std::vector<std::string> recipients;
  auto reset = [&] {
    mail_from.reset();
    recipients.clear();
  };

  for (;;) {
    auto line = co_await io.Read();
    if (!line) co_return;
    const auto space = line->find(' ');
    const std::string verb = Upper(std::string_view(*line).substr(0, space));
    const std::string arg = space == std::string::npos ? "" : line->substr(space + 1);
    std::string reply;

    if (verb == "EHLO") {
      helo = arg;
      reset();
      reply = "250-" + std::string(kName) + " greets " + arg + "\r\n250-8BITMIME\r\n250-SIZE " +
              std::to_string(options.max_message_bytes) + "\r\n";
      if (NeedsAuth()) reply += "250-AUTH PLAIN LOGIN\r\n";
      reply += "250 HELP\r\n";
    } else if (verb == "HELO") {
      helo = arg;
      reset();
      reply = "250 " + std::string(kName) + "\r\n";
    } else if (verb == "AUTH") {
      if (!NeedsAuth()) {
        reply = "503 5.5.1 AUTH not offered\r\n";
      } else if (!auth_user.empty()) {
        reply = "503 5.5.1 already authenticated\r\n";
      } else {
        const auto sp = arg.find(' ');
        const std::string mechanism = Upper(std::string_view(arg).substr(0, sp));
        std::string initial = sp == std::string::npos ? "" : arg.substr(sp + 1);
        std::optional<std::string> user, password;
        if (mechanism == "PLAIN") {
          if (initial.empty()) {
            if (!co_await io.Write("334 \r\n")) co_return;
            auto response = co_await io.Read();
            if (!response) co_return;
            initial = *response;
          }
          // authzid NUL authcid NUL passwd
          if (auto decoded = DecodeBase64(initial)) {
            const auto a = decoded->find('\0');
            const auto b = a == std::string::npos ? a : decoded->find('\0', a + 1);
            if (b != std::string::npos) {
              user = decoded->substr(a + 1, b - a - 1);
              password = decoded->substr(b + 1);
            }
          }
        } else if (mechanism == "LOGIN") {
          if (initial.empty()) {
            if (!co_await io.Write("334 VXNlcm5hbWU6\r\n")) co_return;  // "Username:"
            auto response = co_await io.Read();
            if (!response) co_return;
            initial = *response;
          }
          user = DecodeBase64(initial);
          if (!co_await io.Write("334 UGFzc3dvcmQ6\r\n")) co_return;  // "Password:"
          auto response = co_await io.Read();
          if (!response) co_return;
          password = DecodeBase64(*response);
        }
        if (mechanism != "PLAIN" && mechanism != "LOGIN") {
          reply = "504 5.5.4 unrecognised authentication mechanism\r\n";
        } else if (user && password && *user == options.user && *password == options.password) {
          auth_user = *user;
          reply = "235 2.7.0 authentication succeeded\r\n";
        } else {
          reply = "535 5.7.8 authentication credentials invalid\r\n";
        }
      }
    } else if (verb == "MAIL") {
      auto path = PathOf(arg, "FROM:");
      if (!path) {
        reply = "501 5.5.4 syntax: MAIL FROM:<address>\r\n";
      } else if (NeedsAuth() && auth_user.empty()) {
        reply = "530 5.7.0 authentication required\r\n";
      } else if (mail_from) {
        reply = "503 5.5.1 nested MAIL command\r\n";
      } else if (refuse.load() == Refuse::kMailFrom) {
        reply = "550 5.7.1 sender refused by " + std::string(kName) + "\r\n";
      } else if (SizeParameter(arg) > options.max_message_bytes) {
        reply = "552 5.3.4 message too big\r\n";
      } else {
        mail_from = std::move(*path);
        reply = "250 2.1.0 sender OK\r\n";
      }
    } else if (verb == "RCPT") {
      auto path = PathOf(arg, "TO:");
      if (!mail_from) {
        reply = "503 5.5.1 need MAIL before RCPT\r\n";
      } else if (!path) {
        reply = "501 5.5.4 syntax: RCPT TO:<address>\r\n";
      } else if (refuse.load() == Refuse::kRcptTo) {
        reply = "550 5.1.1 mailbox unavailable: " + *path + "\r\n";
      } else {
        recipients.push_back(std::move(*path));
        reply = "250 2.1.5 recipient OK\r\n";
      }
    } else if (verb == "DATA") {
      if (!mail_from || recipients.empty()) {
        reply = "503 5.5.1 need MAIL and RCPT before DATA\r\n";
      } else {
        if (!co_await io.Write("354 end data with <CR><LF>.<CR><LF>\r\n")) co_return;
        std::string data;
        bool too_big = false;
        for (;;) {
          auto data_line = co_await io.Read();
          if (!data_line) co_return;
          if (*data_line == ".") break;
          std::string_view text = *data_line;
          if (!text.empty() && text.front() == '.') text.remove_prefix(1);  // RFC 5321 4.5.2
          if (data.size() + text.size() + 2 > options.max_message_bytes) too_big = true;
          if (!too_big) {
            data += text;
            data += "\r\n";
          }
        }
        if (too_big) {
          reply = "552 5.3.4 message too big\r\n";
        } else if (refuse.load() == Refuse::kData) {
          reply = "554 5.6.0 message refused by " + std::string(kName) + "\r\n";
        } else {
          Record(Received{.helo = helo,
                          .auth_user = auth_user,
                          .mail_from = *mail_from,
                          .recipients = recipients,
                          .data = std::move(data)});
          reply = "250 2.0.0 message accepted\r\n";
        }
        reset();
      }
    } else if (verb == "RSET") {
      reset();
      reply = "250 2.0.0 OK\r\n";
    } else if (verb == "NOOP") {
      reply = "250 2.0.0 OK\r\n";
    } else if (verb == "VRFY") {
      reply = "252 2.5.0 cannot verify, will accept and attempt delivery\r\n";
    } else if (verb == "QUIT") {
      co_await io.Write("221 2.0.0 bye\r\n");
      co_return;
    } else {
      reply = "500 5.5.2 command not recognised\r\n";
    }
    if (!co_await io.Write(reply)) co_return;
  }
}

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

SmtpSink::SmtpSink() : SmtpSink(Options{}) {}

SmtpSink::SmtpSink(Options options) : impl_(std::make_unique<Impl>(std::move(options))) {
  Impl& m = *impl_;
  const tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), m.options.port);
  m.acceptor.open(endpoint.protocol());
  m.acceptor.set_option(tcp::acceptor::reuse_address(true));
  m.acceptor.bind(endpoint);  // throws boost::system::system_error (a std::system_error) on failure
  m.acceptor.listen();
  m.port = m.acceptor.local_endpoint().port();
  net::co_spawn(m.ioc, m.Accept(), net::detached);
  m.thread = std::thread([&m] { m.ioc.run(); });
}

SmtpSink::~SmtpSink() {
  impl_->ioc.stop();
  impl_->thread.join();
}

uint16_t SmtpSink::port() const { return impl_->port; }

std::string SmtpSink::url() const { return "smtp://127.0.0.1:" + std::to_string(impl_->port); }

void SmtpSink::SetRefuse(Refuse refuse) { impl_->refuse.store(refuse); }

std::vector<SmtpSink::Received> SmtpSink::Messages() const {
  std::lock_guard lock(impl_->mu);
  return impl_->messages;
}

bool SmtpSink::WaitFor(size_t n, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(impl_->mu);
  return impl_->cv.wait_for(lock, timeout, [&] { return impl_->messages.size() >= n; });
}

// --- Reading messages ------------------------------------------------------------------------

namespace {

std::string Trimmed(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  return std::string(s.substr(b, s.find_last_not_of(" \t") - b + 1));
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// Quoted-printable (RFC 2045 6.7); `header` for RFC 2047's Q encoding, where '_' is a space.
std::optional<std::string> DecodeQuotedPrintable(std::string_view in, bool header) {
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '=') {
      if (!header && i + 1 < in.size() && (in[i + 1] == '\r' || in[i + 1] == '\n')) {  // soft line break
        i += (in[i + 1] == '\r' && i + 2 < in.size() && in[i + 2] == '\n') ? 2 : 1;
        continue;
      }
      if (i + 2 >= in.size()) return std::nullopt;
      const int hi = HexValue(in[i + 1]), lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (header && c == '_') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

// Decodes the RFC 2047 encoded words of an unfolded header value; whitespace between two adjacent
// encoded words is dropped (RFC 2047 section 6.2).
std::optional<std::string> DecodeWords(std::string_view value) {
  std::string out, pending_space;
  bool last_was_word = false;
  size_t i = 0;
  while (i < value.size()) {
    if (value[i] == ' ' || value[i] == '\t') {
      pending_space += value[i++];
      continue;
    }
    if (value.substr(i, 2) == "=?") {
      const size_t q1 = value.find('?', i + 2);
      const size_t q2 = q1 == std::string_view::npos ? q1 : value.find('?', q1 + 1);
      const size_t end = q2 == std::string_view::npos ? q2 : value.find("?=", q2 + 1);
      if (end == std::string_view::npos || q2 != q1 + 2) return std::nullopt;
      const std::string charset = Upper(value.substr(i + 2, q1 - i - 2));
      const char encoding = static_cast<char>(std::toupper(static_cast<unsigned char>(value[q1 + 1])));
      const std::string_view text = value.substr(q2 + 1, end - q2 - 1);
      if (charset != "UTF-8" && charset != "US-ASCII") return std::nullopt;
      std::optional<std::string> decoded;
      if (encoding == 'B') decoded = DecodeBase64(text);
      if (encoding == 'Q') decoded = DecodeQuotedPrintable(text, true);
      if (!decoded) return std::nullopt;
      if (!last_was_word) out += pending_space;
      out += *decoded;
      pending_space.clear();
      last_was_word = true;
      i = end + 2;
      continue;
    }
    out += pending_space;
    pending_space.clear();
    const size_t next = value.find_first_of(" \t", i);
    const size_t stop = next == std::string_view::npos ? value.size() : next;
    out += value.substr(i, stop - i);
    last_was_word = false;
    i = stop;
  }
  return out + pending_space;
}

int Base64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

}  // namespace

std::optional<std::string> DecodeBase64(std::string_view in) {
  std::string out;
  uint32_t acc = 0;
  int bits = 0, padding = 0;
  for (char c : in) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    if (c == '=') {
      ++padding;
      continue;
    }
    const int v = Base64Value(c);
    if (v < 0) return std::nullopt;
    if (padding > 0) return std::nullopt;  // data after padding
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  if (padding > 2 || bits >= 6) return std::nullopt;
  return out;
}

std::optional<std::string> ParsedMail::Header(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (Upper(n) == Upper(name)) return v;
  }
  return std::nullopt;
}

std::optional<std::string> ParsedMail::RawHeader(std::string_view name) const {
  for (size_t i = 0; i < headers.size(); ++i) {
    if (Upper(headers[i].first) == Upper(name)) return raw_values[i];
  }
  return std::nullopt;
}

std::optional<ParsedMail> ParseMail(std::string_view raw) {
  size_t split = raw.find("\r\n\r\n");
  size_t body_start = split + 4;
  if (split == std::string_view::npos) {
    split = raw.find("\n\n");
    body_start = split + 2;
  }
  if (split == std::string_view::npos) return std::nullopt;

  // Header lines, unfolded: a line that starts with white space continues the one before.
  std::vector<std::string> fields;
  std::string_view head = raw.substr(0, split);
  while (!head.empty()) {
    const size_t nl = head.find('\n');
    std::string_view line = head.substr(0, nl);
    head.remove_prefix(nl == std::string_view::npos ? head.size() : nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
      if (fields.empty()) return std::nullopt;
      fields.back() += line;
    } else {
      fields.emplace_back(line);
    }
  }
  ParsedMail mail;
  for (const auto& f : fields) {
    const size_t colon = f.find(':');
    if (colon == std::string::npos || colon == 0) return std::nullopt;
    std::string raw_value = Trimmed(std::string_view(f).substr(colon + 1));
    auto decoded = DecodeWords(raw_value);
    if (!decoded) return std::nullopt;
    mail.headers.emplace_back(f.substr(0, colon), *decoded);
    mail.raw_values.push_back(std::move(raw_value));
  }

  const std::string_view body = raw.substr(body_start);
  const std::string encoding = Upper(mail.Header("Content-Transfer-Encoding").value_or("7bit"));
  std::optional<std::string> decoded;
  if (encoding == "BASE64") {
    decoded = DecodeBase64(body);
  } else if (encoding == "QUOTED-PRINTABLE") {
    decoded = DecodeQuotedPrintable(body, false);
  } else {
    decoded = std::string(body);
  }
  if (!decoded) return std::nullopt;
  mail.body = std::move(*decoded);
  return mail;
}

}  // namespace hoptac::test_support
