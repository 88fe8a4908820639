// Wall-clock helpers. Timestamps in hoptac are ISO 8601 UTC strings with millisecond precision
// ("2026-03-10T08:15:00.123Z"), which sort lexicographically in time order.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace hoptac {

std::string NowIso8601();
// The ISO 8601 UTC timestamp of a Unix time in milliseconds (e.g. an expiry: now + a duration).
std::string Iso8601AtMillis(int64_t unix_millis);
int64_t NowUnixMillis();
// True if `s` is a valid calendar date "YYYY-MM-DD" (leap years checked).
bool IsValidDate(std::string_view s);

}  // namespace hoptac
