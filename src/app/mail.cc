// The SMTP mailer (libcurl) and the writing of RFC 5322 / MIME messages. See mail.h.
#include "app/mail.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <mutex>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hoptac::app {
namespace {

constexpr size_t kMaxLine = 76;          // header and body lines, CRLF not counted
constexpr size_t kMaxServerReply = 200;  // how much of the server's last reply goes into a Status

// --- Checking what the caller gave us ------------------------------------------------------

bool HasLineBreak(std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; }

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t len = 0;
    uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += len;
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

// RFC 5322 atext: what may appear in a display name or local part without quoting.
bool IsAtext(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::strchr("!#$%&'*+-/=?^_`{|}~", c) != nullptr;
}

// A mailbox: "Display Name <local@domain>" or "local@domain".
struct Mailbox {
  std::string display;  // UTF-8, may be empty
  std::string address;  // ASCII local@domain (no SMTPUTF8: internationalised addresses are refused)
};

Status BadAddress(std::string_view field, std::string message) {
  return Status::InvalidArgument(message, {FieldError{std::string(field), "invalid_email", message}});
}

Result<Mailbox> ParseMailbox(std::string_view field, std::string_view input) {
  if (HasLineBreak(input)) {
    std::string message = "e-mail header injection refused: `" + std::string(field) + "` contains a line break";
    return Status::InvalidArgument(message, {FieldError{std::string(field), "header_injection", message}});
  }
  if (!IsValidUtf8(input)) return BadAddress(field, "`" + std::string(field) + "` is not valid UTF-8");
  for (char c : input) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) return BadAddress(field, "`" + std::string(field) + "` contains a control character");
  }
  Mailbox box;
  std::string_view addr = Trim(input);
  if (const auto lt = addr.find('<'); lt != std::string_view::npos) {
    if (addr.back() != '>' || addr.find('>') != addr.size() - 1) {
      return BadAddress(field, "`" + std::string(field) + "` is not an e-mail address: expected Name <address>");
    }
    std::string_view display = Trim(addr.substr(0, lt));
    if (display.size() >= 2 && display.front() == '"' && display.back() == '"') {
      display = display.substr(1, display.size() - 2);
    }
    box.display = std::string(display);
    addr = Trim(addr.substr(lt + 1, addr.size() - lt - 2));
  }
  const auto at = addr.rfind('@');
  bool ok = !addr.empty() && addr.size() <= 254 && at != std::string_view::npos && at > 0 && at + 1 < addr.size();
  for (size_t i = 0; ok && i < addr.size(); ++i) {
    const char c = addr[i];
    if (i < at) {
      ok = IsAtext(c) || (c == '.' && i > 0 && i + 1 < at && addr[i + 1] != '.');
    } else if (i > at) {
      ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           (c == '.' && i > at + 1 && i + 1 < addr.size() && addr[i + 1] != '.');
    }
  }
  if (!ok) {
    return BadAddress(field, "`" + std::string(field) + "` is not an e-mail address: \"" + std::string(addr) + "\"");
  }
  box.address = std::string(addr);
  return box;
}

// --- Writing the message ---------------------------------------------------------------------

std::string Base64(std::string_view in) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= in.size(); i += 3) {
    const uint32_t v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                       static_cast<unsigned char>(in[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (const size_t rest = in.size() - i; rest > 0) {
    uint32_t v = static_cast<unsigned char>(in[i]) << 16;
    if (rest == 2) v |= static_cast<unsigned char>(in[i + 1]) << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += rest == 2 ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// RFC 2047 "B" encoded words for UTF-8 text, none longer than `first_budget` (the first) or
// `budget` characters, each holding whole characters (RFC 2047 section 5 forbids splitting one).
std::vector<std::string> EncodedWords(std::string_view text, size_t first_budget, size_t budget) {
  static constexpr std::string_view kOpen = "=?UTF-8?B?", kClose = "?=";
  std::vector<std::string> words;
  while (!text.empty()) {
    const size_t room = (words.empty() ? first_budget : budget) - kOpen.size() - kClose.size();
    size_t n = std::min(text.size(), room / 4 * 3);
    while (n > 0 && n < text.size() && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
    if (n == 0) n = std::min<size_t>(text.size(), 4);  // budgets are never that small; keep progressing
    words.push_back(std::string(kOpen) + Base64(text.substr(0, n)) + std::string(kClose));
    text.remove_prefix(n);
  }
  return words;
}

// Writes header fields, folding between tokens so that no line passes kMaxLine.
class HeaderWriter {
 public:
  void Field(std::string_view name, const std::vector<std::string>& tokens) {
    std::string line = std::string(name) + ":";
    for (const auto& token : tokens) {
      if (line.size() + 1 + token.size() > kMaxLine && line.size() > name.size() + 1) {
        out_ += line + "\r\n";
        line.clear();
      }
      line += " " + token;
    }
    out_ += line + "\r\n";
  }
  void Field(std::string_view name, std::string value) { Field(name, std::vector<std::string>{std::move(value)}); }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

bool IsPlainAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7F; }) &&
         s.find("=?") == std::string_view::npos;
}

// A display name as header tokens: plain words when they are atext, encoded words otherwise.
std::vector<std::string> PhraseTokens(std::string_view name, size_t first_budget) {
  const bool atext_words = std::all_of(name.begin(), name.end(), [](char c) { return IsAtext(c) || c == ' '; }) &&
                           name.find("  ") == std::string_view::npos && name.find("=?") == std::string_view::npos;
  if (atext_words) {
    std::vector<std::string> words;
    size_t start = 0;
    while (start < name.size()) {
      const size_t end = std::min(name.find(' ', start), name.size());
      words.emplace_back(name.substr(start, end - start));
      start = end + 1;
    }
    if (std::all_of(words.begin(), words.end(), [](const std::string& w) { return w.size() < kMaxLine - 8; })) {
      return words;
    }
  }
  return EncodedWords(name, first_budget, kMaxLine - 1);
}

std::vector<std::string> MailboxTokens(std::string_view header_name, const Mailbox& box) {
  if (box.display.empty()) return {box.address};
  std::vector<std::string> tokens = PhraseTokens(box.display, kMaxLine - header_name.size() - 2);
  tokens.push_back("<" + box.address + ">");
  return tokens;
}

std::vector<std::string> SubjectTokens(std::string_view subject) {
  constexpr std::string_view kName = "Subject: ";
  if (IsPlainAscii(subject) && kName.size() + subject.size() <= kMaxLine) return {std::string(subject)};
  return EncodedWords(subject, kMaxLine - kName.size(), kMaxLine - 1);
}

// RFC 5322 date-time in UTC: "Tue, 01 Jul 2025 08:15:00 +0000" (names in English, whatever the locale).
std::string DateHeader(std::time_t now) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday], tm.tm_mday,
                kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

std::string MessageId(std::time_t now, const Mailbox& from) {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id = "<" + std::to_string(now) + ".";
  for (int i = 0; i < 2; ++i) {
    uint64_t v = rng();
    for (int k = 0; k < 16; ++k, v >>= 4) id += kHex[v & 15];
  }
  return id + "@" + from.address.substr(from.address.rfind('@') + 1) + ">";
}

// The body in canonical form (CRLF line ends), base64 in lines of kMaxLine.
std::string Body(std::string_view text) {
  std::string crlf;
  crlf.reserve(text.size() + text.size() / 32);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      crlf += "\r\n";
    } else if (text[i] == '\n') {
      crlf += "\r\n";
    } else {
      crlf += text[i];
    }
  }
  const std::string encoded = Base64(crlf);
  std::string out;
  for (size_t i = 0; i < encoded.size(); i += kMaxLine) out += encoded.substr(i, kMaxLine) + "\r\n";
  return out;
}

std::string Compose(const Mailbox& from, const Mailbox& to, const MailMessage& message) {
  const std::time_t now = std::time(nullptr);
  HeaderWriter h;
  h.Field("Date", DateHeader(now));
  h.Field("From", MailboxTokens("From", from));
  h.Field("To", MailboxTokens("To", to));
  h.Field("Subject", SubjectTokens(message.subject));
  h.Field("Message-ID", MessageId(now, from));
  h.Field("MIME-Version", "1.0");
  h.Field("Content-Type", "text/plain; charset=UTF-8");
  h.Field("Content-Transfer-Encoding", "base64");
  h.Field("Auto-Submitted", "auto-generated");  // RFC 3834: no vacation replies to a robot
  return h.Take() + "\r\n" + Body(message.text);
}

// --- Speaking SMTP through libcurl -----------------------------------------------------------

struct Upload {
  std::string_view data;
};

size_t ReadMessage(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const size_t n = std::min(size * count, upload->data.size());
  std::memcpy(buffer, upload->data.data(), n);
  upload->data.remove_prefix(n);
  return n;
}

// Keeps the server's last refusal (a 4xx or 5xx reply line), for messages; the client's own lines
// (AUTH carries the password) are never looked at.
int KeepServerRefusal(CURL*, curl_infotype type, char* data, size_t size, void* user) {
  if (type != CURLINFO_HEADER_IN || size == 0 || (data[0] != '4' && data[0] != '5')) return 0;
  std::string line(data, std::min(size, kMaxServerReply));
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  for (char& c : line) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
  }
  if (!line.empty()) *static_cast<std::string*>(user) = std::move(line);
  return 0;
}

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
  void operator()(char* part) const { curl_free(part); }
};
template <typename T>
using CurlPtr = std::unique_ptr<T, CurlDeleter>;

void InitCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string UrlPart(CURLU* url, CURLUPart part) {
  char* value = nullptr;
  if (curl_url_get(url, part, &value, CURLU_DEFAULT_PORT) != CURLUE_OK || value == nullptr) return {};
  CurlPtr<char> owned(value);
  return value;
}

// "smtp://host:port" with no credentials, for messages; empty when the URL is not an SMTP URL.
std::string ServerLabel(const std::string& smtp_url) {
  CurlPtr<CURLU> url(curl_url());
  if (!url || curl_url_set(url.get(), CURLUPART_URL, smtp_url.c_str(), 0) != CURLUE_OK) return {};
  const std::string scheme = UrlPart(url.get(), CURLUPART_SCHEME);
  const std::string host = UrlPart(url.get(), CURLUPART_HOST);
  if ((scheme != "smtp" && scheme != "smtps") || host.empty()) return {};
  return scheme + "://" + host + ":" + UrlPart(url.get(), CURLUPART_PORT);
}

class SmtpMailer final : public Mailer {
 public:
  SmtpMailer(MailConfig config, Mailbox from, std::string server)
      : config_(std::move(config)), from_(std::move(from)), server_(std::move(server)) {}

  Status Send(const MailMessage& message) override {
    auto to = ParseMailbox("to", message.to);
    if (!to.ok()) return to.status();
    if (HasLineBreak(message.subject)) {
      std::string text = "e-mail header injection refused: the subject contains a line break";
      return Status::InvalidArgument(text, {FieldError{"subject", "header_injection", text}});
    }
    if (!IsValidUtf8(message.subject) || !IsValidUtf8(message.text)) {
      return Status::InvalidArgument("the e-mail's subject or text is not valid UTF-8");
    }
    const std::string raw = Compose(from_, *to, message);
    return Transfer(to->address, raw);
  }

 private:
  Status Transfer(const std::string& recipient, const std::string& raw) const {
    CurlPtr<CURL> curl(curl_easy_init());
    if (!curl) return Status::Internal("could not create a libcurl handle");
    const std::string mail_from = "<" + from_.address + ">";
    CurlPtr<curl_slist> rcpt(curl_slist_append(nullptr, ("<" + recipient + ">").c_str()));
    Upload upload{raw};
    std::string server_reply;
    char error[CURL_ERROR_SIZE] = {};

    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, config_.smtp_url.c_str());
#if LIBCURL_VERSION_NUM >= 0x075500
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
#else
    curl_easy_setopt(c, CURLOPT_PROTOCOLS, static_cast<long>(CURLPROTO_SMTP | CURLPROTO_SMTPS));
#endif
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // no SIGALRM across threads
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(config_.timeout_ms));
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(config_.timeout_ms));
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(config_.require_tls ? CURLUSESSL_ALL : CURLUSESSL_TRY));
    if (!config_.username.empty()) {
      curl_easy_setopt(c, CURLOPT_USERNAME, config_.username.c_str());
      curl_easy_setopt(c, CURLOPT_PASSWORD, config_.password.c_str());
    }
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, mail_from.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(raw.size()));
    curl_easy_setopt(c, CURLOPT_READFUNCTION, &ReadMessage);
    curl_easy_setopt(c, CURLOPT_READDATA, &upload);
    curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, &KeepServerRefusal);
    curl_easy_setopt(c, CURLOPT_DEBUGDATA, &server_reply);
    curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);  // feeds KeepServerRefusal; prints nothing

    const CURLcode rc = curl_easy_perform(c);
    if (rc == CURLE_OK) return Status::Ok();
    std::string why = error[0] != '\0' ? std::string(error) : std::string(curl_easy_strerror(rc));
    if (rc == CURLE_USE_SSL_FAILED) why += " (TLS is required but the server does not offer STARTTLS)";
    if (rc == CURLE_LOGIN_DENIED) why += " (check the SMTP user name and password)";
    std::string text = "could not send e-mail through " + server_ + ": " + why;
    if (!server_reply.empty()) text += "; the server said \"" + server_reply + "\"";
    return Status::Unavailable(text);
  }

  const MailConfig config_;
  const Mailbox from_;
  const std::string server_;  // scheme://host:port, without credentials
};

class NullMailer final : public Mailer {
 public:
  Status Send(const MailMessage&) override {
    return Status::Unavailable("e-mail is not configured: start hoptac with --smtp-url");
  }
};

}  // namespace

Result<std::unique_ptr<Mailer>> MakeSmtpMailer(MailConfig config) {
  InitCurlOnce();
  std::string server = ServerLabel(config.smtp_url);
  if (server.empty()) {
    std::string text = "the SMTP URL must be smtp://host[:port] or smtps://host[:port]";
    return Status::InvalidArgument(text, {FieldError{"smtp_url", "invalid_smtp_url", text}});
  }
  if (config.timeout_ms <= 0) return Status::InvalidArgument("the SMTP timeout must be positive");
  auto from = ParseMailbox("from", config.from);
  if (!from.ok()) return from.status();
  return std::unique_ptr<Mailer>(
      std::make_unique<SmtpMailer>(std::move(config), std::move(from).value(), std::move(server)));
}

std::unique_ptr<Mailer> MakeNullMailer() { return std::make_unique<NullMailer>(); }

}  // namespace hoptac::app
