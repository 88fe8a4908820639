// Pinyin without tones for Han text, via ICU's "Han-Latin; Latin-ASCII; Lower" transliterator:
// "广西" -> "guang xi". Non-Han text is passed through Latin-ASCII and lowercased. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hoptac::text::internal {

// nullopt only if ICU cannot build the transliterator (missing data).
std::optional<std::string> HanToPinyin(std::string_view utf8);

}  // namespace hoptac::text::internal
