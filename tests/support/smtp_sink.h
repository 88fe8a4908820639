// SmtpSink: a real SMTP server for tests, in the test's own process, on 127.0.0.1 and an ephemeral
// port. It speaks as much of RFC 5321 as a client such as libcurl needs (greeting, EHLO/HELO,
// optional AUTH PLAIN/LOGIN, MAIL FROM, RCPT TO, DATA with dot-unstuffing, RSET, NOOP, VRFY, QUIT)
// and keeps every message it accepts. It can be told to refuse at one step, to test a client's
// error paths. No TLS: STARTTLS is never offered.
//
// Also here: ParseMail, an independent reader of the messages hoptac writes (RFC 5322 header
// fields, RFC 2047 encoded words, base64 and quoted-printable bodies), so that tests can check what
// a mail client would show.
//
// Ownership and threads: a SmtpSink owns one thread that runs its Boost.Asio io_context; it starts
// listening in the constructor (std::system_error if it cannot) and stops, closing every
// connection, in the destructor. Every public method may be called from any thread. on_message
// runs on the sink's thread. This library depends on no hoptac module, so that black-box tests
// can link it too.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hoptac::test_support {

class SmtpSink {
 public:
  // Where the sink says no. Refusals are permanent (5xx) replies.
  enum class Refuse {
    kNothing,
    kGreeting,  // 554 on connection, then hangs up
    kMailFrom,  // 550 to MAIL FROM
    kRcptTo,    // 550 to every RCPT TO
    kData,      // 554 once the message has been sent (after the final ".")
  };

  struct Received {
    std::string helo;                     // the name given in EHLO/HELO
    std::string auth_user;                // who authenticated (AUTH), empty when nobody did
    std::string mail_from;                // the reverse path, without <>
    std::vector<std::string> recipients;  // forward paths, without <>
    std::string data;                     // the message as sent, dot-unstuffed, CRLF line ends, no final "."
  };

  struct Options {
    uint16_t port = 0;  // 0: an ephemeral port
    Refuse refuse = Refuse::kNothing;
    // When both are set, AUTH PLAIN and LOGIN are offered and required before MAIL FROM (530 without,
    // 535 for other credentials).
    std::string user;
    std::string password;
    size_t max_message_bytes = 10 * 1024 * 1024;      // 552 beyond
    std::function<void(const Received&)> on_message;  // called for each accepted message
  };

  SmtpSink();
  explicit SmtpSink(Options options);
  ~SmtpSink();
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  uint16_t port() const;
  // "smtp://127.0.0.1:PORT"
  std::string url() const;

  // Changes where the sink says no, for the next commands it reads.
  void SetRefuse(Refuse refuse);

  // The messages accepted so far, oldest first.
  std::vector<Received> Messages() const;
  // Waits until at least n messages have been accepted; false on timeout.
  bool WaitFor(size_t n, std::chrono::milliseconds timeout) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// One message as a mail client reads it.
struct ParsedMail {
  // Header fields in order: names as written, values unfolded and with RFC 2047 encoded words
  // decoded to UTF-8.
  std::vector<std::pair<std::string, std::string>> headers;
  // Raw (unfolded, undecoded) values, in the same order, to check the encoding itself.
  std::vector<std::string> raw_values;
  std::string body;  // decoded by Content-Transfer-Encoding (base64, quoted-printable, 7bit, 8bit)

  // The decoded value of the first field called `name` (case-insensitive); nullopt when absent.
  std::optional<std::string> Header(std::string_view name) const;
  std::optional<std::string> RawHeader(std::string_view name) const;
};

// Splits header and body (at the first empty line) and decodes both; nullopt when the message is
// malformed: no empty line, a line that is not a field, a broken encoded word or body encoding.
std::optional<ParsedMail> ParseMail(std::string_view raw);

// Base64 (RFC 4648) with whitespace ignored; nullopt on any other character or bad padding.
std::optional<std::string> DecodeBase64(std::string_view in);

}  // namespace hoptac::test_support
