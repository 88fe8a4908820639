// Language identification for untagged text (CLD2). Returns a BCP-47 tag: "vi", "zh-Hans",
// "zh-Hant", "en", "fr", ... or "und" when the text is too short or unreliable.
// Thread-safe: CLD2 keeps no mutable state.
#pragma once

#include <string>
#include <string_view>

namespace hoptac::text {

std::string DetectLanguage(std::string_view utf8);

}  // namespace hoptac::text
