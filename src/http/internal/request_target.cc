#include "http/internal/request_target.h"

#include <array>
#include <cctype>

#include "http/internal/json_escape.h"

namespace hoptac::http::internal {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool HasControlByte(std::string_view s) {
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) return true;
  }
  return false;
}

bool HasDotDotSegment(std::string_view path) {
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    if (path.substr(start, end - start) == "..") return true;
    start = end + 1;
  }
  return false;
}

bool IsSecretName(std::string_view encoded_name) {
  static constexpr std::array<std::string_view, 3> kSecrets{"token", "access_token", "password"};
  std::string name;
  if (!PercentDecode(encoded_name, /*plus_is_space=*/true, name)) name.assign(encoded_name);
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (auto secret : kSecrets) {
    if (name == secret) return true;
  }
  return false;
}

}  // namespace

bool PercentDecode(std::string_view in, bool plus_is_space, std::string& out) {
  out.clear();
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      int hi = HexValue(in[i + 1]);
      int lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return true;
}

Result<DecodedTarget> DecodeTarget(std::string_view target) {
  // Absolute-form: drop "scheme://authority" and keep the path onwards (RFC 9112 3.2.2).
  for (std::string_view scheme : {"http://", "https://"}) {
    if (target.size() >= scheme.size()) {
      std::string head(target.substr(0, scheme.size()));
      for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (head == scheme) {
        size_t slash = target.find_first_of("/?", scheme.size());
        target = slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
        break;
      }
    }
  }
  if (target.empty() || target.front() != '/') {
    return Status::InvalidArgument("The request target must be an absolute path.");
  }
  size_t q = target.find('?');
  std::string_view raw_path = target.substr(0, q);
  std::string_view raw_query = q == std::string_view::npos ? std::string_view() : target.substr(q + 1);
  if (size_t hash = raw_query.find('#'); hash != std::string_view::npos) raw_query = raw_query.substr(0, hash);

  DecodedTarget out;
  if (!PercentDecode(raw_path, /*plus_is_space=*/false, out.path)) {
    return Status::InvalidArgument("The request path has a malformed percent-encoding.");
  }
  if (HasControlByte(out.path)) {
    return Status::InvalidArgument("The request path contains a control character.");
  }
  if (!IsValidUtf8(out.path)) {
    return Status::InvalidArgument("The request path is not valid UTF-8.");
  }
  if (HasDotDotSegment(out.path)) {
    return Status::InvalidArgument("The request path must not contain '..' segments.");
  }

  std::string name, value;
  size_t start = 0;
  while (start < raw_query.size()) {
    size_t end = raw_query.find('&', start);
    if (end == std::string_view::npos) end = raw_query.size();
    std::string_view pair = raw_query.substr(start, end - start);
    start = end + 1;
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string_view raw_name = pair.substr(0, eq);
    std::string_view raw_value = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    if (!PercentDecode(raw_name, true, name) || !PercentDecode(raw_value, true, value)) {
      return Status::InvalidArgument("The query string has a malformed percent-encoding.");
    }
    if (HasControlByte(name) || HasControlByte(value)) {
      return Status::InvalidArgument("The query string contains a control character.");
    }
    if (!IsValidUtf8(name) || !IsValidUtf8(value)) {
      return Status::InvalidArgument("The query string is not valid UTF-8.");
    }
    out.query.emplace(std::move(name), std::move(value));
    name.clear();
    value.clear();
  }
  return out;
}

std::string RedactTarget(std::string_view target) {
  size_t q = target.find('?');
  if (q == std::string_view::npos) return std::string(target);
  std::string out(target.substr(0, q + 1));
  std::string_view query = target.substr(q + 1);
  size_t start = 0;
  bool first = true;
  while (start <= query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    std::string_view pair = query.substr(start, end - start);
    if (!first) out.push_back('&');
    first = false;
    size_t eq = pair.find('=');
    if (eq != std::string_view::npos && IsSecretName(pair.substr(0, eq))) {
      out.append(pair.substr(0, eq + 1)).append("REDACTED");
    } else {
      out.append(pair);
    }
    start = end + 1;
  }
  return out;
}

}  // namespace hoptac::http::internal
