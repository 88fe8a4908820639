// JSON string escaping for the transport's own output (problem bodies, access log lines), so the
// transport needs no JSON library. Invalid UTF-8 never reaches the output: each bad byte becomes
// U+FFFD, so every line we write is valid JSON whatever a client sent.
#pragma once

#include <string>
#include <string_view>

namespace hoptac::http::internal {

// Appends `s` to `out` as a quoted JSON string.
void AppendJsonString(std::string& out, std::string_view s);

// True if `s` is well-formed UTF-8 (no overlong forms, no surrogates, at most U+10FFFF).
bool IsValidUtf8(std::string_view s);

// Length of the well-formed UTF-8 sequence starting at s[i], or 0 if it is not one.
size_t Utf8SequenceLength(std::string_view s, size_t i);

}  // namespace hoptac::http::internal
