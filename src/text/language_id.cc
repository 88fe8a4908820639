#include "text/language_id.h"

#include "text/codes.h"

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include <unicode/uscript.h>
#include <unicode/utf8.h>

namespace hoptac::text {

namespace {
// Short strings (a name, a title) often defeat CLD2; a dominant script still tells a lot.
std::string ByScript(std::string_view s) {
  int han = 0, latin = 0, viet_marks = 0, total = 0;
  int32_t i = 0;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) continue;
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript(c, &status);
    if (sc == USCRIPT_HAN) ++han, ++total;
    else if (sc == USCRIPT_LATIN) {
      ++latin, ++total;
      // Letters that exist only in Vietnamese orthography among our launch languages.
      if (c == 0x0111 || c == 0x0110 || c == 0x01A1 || c == 0x01B0 || c == 0x01A0 || c == 0x01AF ||
          c == 0x0103 || c == 0x0102 || (c >= 0x1EA0 && c <= 0x1EF9))
        ++viet_marks;
    }
  }
  if (total == 0) return "und";
  if (han * 2 > total) return "zh-Hans";
  if (viet_marks > 0) return "vi";
  return "und";
}

// CLD2 reads ill-formed UTF-8 out of bounds (a fuzzer found "\xE0\x80\x80"), so it only sees
// interchange-valid UTF-8: ill-formed bytes become U+FFFD, as its header asks, and control
// characters and noncharacters, which it also refuses, become spaces.
std::string InterchangeValid(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  int32_t i = 0;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) {
      out += "\xEF\xBF\xBD";
    } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F) ||
               U_IS_UNICODE_NONCHAR(c)) {
      out += ' ';
    } else {
      out.append(s.substr(static_cast<size_t>(start), static_cast<size_t>(i - start)));
    }
  }
  return out;
}

}  // namespace

std::string DetectLanguage(std::string_view utf8) {
  bool is_reliable = false;
  int valid_prefix = 0;
  CLD2::Language lang = CLD2::DetectLanguageCheckUTF8(utf8.data(), static_cast<int>(utf8.size()),
                                                      /*is_plain_text=*/true, &is_reliable, &valid_prefix);
  if (valid_prefix < static_cast<int>(utf8.size())) {
    const std::string clean = InterchangeValid(utf8);
    lang = CLD2::DetectLanguageCheckUTF8(clean.data(), static_cast<int>(clean.size()), /*is_plain_text=*/true,
                                         &is_reliable, &valid_prefix);
    if (valid_prefix < static_cast<int>(clean.size())) {
      lang = CLD2::UNKNOWN_LANGUAGE;
      is_reliable = false;
    }
  }
  std::string code = CLD2::LanguageCode(lang);
  if (code == "zh") return "zh-Hans";
  if (code == "zh-Hant") return "zh-Hant";
  if (lang == CLD2::UNKNOWN_LANGUAGE || !is_reliable) {
    std::string by_script = ByScript(utf8);
    if (by_script != "und") return by_script;
    if (lang == CLD2::UNKNOWN_LANGUAGE) return "und";
  }
  // Only tags the rest of hoptac accepts: a record saved with a detected tag must validate again.
  if (auto canonical = CanonicalLanguageTag(code)) return *canonical;
  return "und";
}

}  // namespace hoptac::text
