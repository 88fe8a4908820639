// Unicode normalisation used everywhere text enters hoptac. All functions take and return UTF-8,
// are pure and thread-safe (ICU normalizer instances are process-wide and immutable).
#pragma once

#include <string>
#include <string_view>

namespace hoptac::text {

// True if `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view s);
// NFC normalisation. Input must be valid UTF-8.
std::string Nfc(std::string_view s);
// NFC + full Unicode case folding (NFKC_Casefold), for comparisons and keys.
std::string FoldCase(std::string_view s);
// NFC and trim Unicode white space at both ends; inner runs of white space are kept.
std::string CleanField(std::string_view s);

}  // namespace hoptac::text
