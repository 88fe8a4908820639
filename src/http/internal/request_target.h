// Turns a raw HTTP request target into the decoded path and query that handlers see, and redacts
// secrets from a target before it is logged. Pure functions, no I/O, safe from any thread.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/status.h"

namespace hoptac::http::internal {

struct DecodedTarget {
  std::string path;                               // "/api/v1/profiles/12"
  std::multimap<std::string, std::string> query;  // '+' is a space, %XX decoded
};

// Percent-decodes `in` into `out`. Fails on a malformed escape ("%4", "%zz"). With
// `plus_is_space`, '+' decodes to ' ' (form encoding, used for query strings).
bool PercentDecode(std::string_view in, bool plus_is_space, std::string& out);

// Accepts origin-form ("/a/b?x=1") and absolute-form ("http://host/a/b?x=1") targets. Refuses
// (InvalidArgument, message fit for a 400 detail): malformed escapes, an encoded NUL or any
// control byte, invalid UTF-8 after decoding, and ".." path segments.
Result<DecodedTarget> DecodeTarget(std::string_view target);

// The target with the values of secret query parameters (token, access_token, password)
// replaced by "REDACTED"; other parameters are kept as they were sent.
std::string RedactTarget(std::string_view target);

}  // namespace hoptac::http::internal
