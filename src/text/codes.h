// Validation of the standard codes hoptac stores: ISO 3166-1 alpha-2 countries, BCP-47 language
// tags, ISO 4217 currencies. Backed by ICU's tables; pure and thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hoptac::text {

// "VN", "vn" -> true; "XX", "VNM" -> false. Compare case-insensitively; callers store uppercase.
bool IsIsoCountry(std::string_view code);
// Canonical form of a well-formed BCP-47 tag whose primary language ICU knows ("ZH-hans" -> "zh-Hans",
// "vi" -> "vi"), or nullopt if malformed or unknown.
std::optional<std::string> CanonicalLanguageTag(std::string_view tag);
// "cny", "VND" -> true; "ABC" -> false.
bool IsIsoCurrency(std::string_view code);

}  // namespace hoptac::text
