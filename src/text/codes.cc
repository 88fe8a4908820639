#include "text/codes.h"

#include <unicode/locid.h>
#include <unicode/ucurr.h>
#include <unicode/uenum.h>
#include <unicode/uloc.h>

#include <algorithm>
#include <cctype>
#include <set>

namespace hoptac::text {

namespace {
std::string Upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

const std::set<std::string>& Countries() {
  static const std::set<std::string> kSet = [] {
    std::set<std::string> set;
    for (const char* const* p = uloc_getISOCountries(); *p; ++p) set.insert(*p);
    // ICU lists some deprecated codes; ISO 3166-1 alpha-2 has exactly 249 assigned codes plus XK
    // (Kosovo, user-assigned but in common use). Keep ICU's list: it matches current assignments.
    return set;
  }();
  return kSet;
}

const std::set<std::string>& Currencies() {
  static const std::set<std::string> kSet = [] {
    std::set<std::string> set;
    UErrorCode status = U_ZERO_ERROR;
    UEnumeration* e = ucurr_openISOCurrencies(UCURR_COMMON | UCURR_NON_DEPRECATED, &status);
    if (U_SUCCESS(status)) {
      const char* code;
      while ((code = uenum_next(e, nullptr, &status)) != nullptr && U_SUCCESS(status)) set.insert(code);
      uenum_close(e);
    }
    return set;
  }();
  return kSet;
}

const std::set<std::string>& Languages() {
  static const std::set<std::string> kSet = [] {
    std::set<std::string> set;
    for (const char* const* p = uloc_getISOLanguages(); *p; ++p) set.insert(*p);
    return set;
  }();
  return kSet;
}
}  // namespace

bool IsIsoCountry(std::string_view code) {
  return code.size() == 2 && Countries().count(Upper(code)) > 0;
}

bool IsIsoCurrency(std::string_view code) {
  return code.size() == 3 && Currencies().count(Upper(code)) > 0;
}

std::optional<std::string> CanonicalLanguageTag(std::string_view tag) {
  if (tag.empty() || tag.size() > 35) return std::nullopt;
  // "und" (undetermined) is what language identification says of text it cannot place.
  if (tag.size() == 3 && std::tolower(static_cast<unsigned char>(tag[0])) == 'u' &&
      std::tolower(static_cast<unsigned char>(tag[1])) == 'n' && std::tolower(static_cast<unsigned char>(tag[2])) == 'd') {
    return std::string("und");
  }
  for (char c : tag) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return std::nullopt;
  }
  UErrorCode status = U_ZERO_ERROR;
  std::string t(tag);
  icu::Locale loc = icu::Locale::forLanguageTag(t, status);
  if (U_FAILURE(status) || loc.isBogus()) return std::nullopt;
  std::string lang = loc.getLanguage();
  // ICU's two-letter list lacks some living languages (Tagalog "tl" is listed as "fil"); one it
  // knows a three-letter code for is a language all the same.
  if (lang.empty() || (Languages().count(lang) == 0 && std::string(loc.getISO3Language()).empty())) {
    return std::nullopt;
  }
  std::string canonical = loc.toLanguageTag<std::string>(status);
  if (U_FAILURE(status)) return std::nullopt;
  // A tag ICU had to repair (e.g. a bad subtag dropped) is not well-formed input; one whose
  // deprecated code it replaced ("iw" -> "he") is, and comes back in its current form.
  std::string lower_in(tag), lower_out(canonical);
  std::transform(lower_in.begin(), lower_in.end(), lower_in.begin(), ::tolower);
  std::transform(lower_out.begin(), lower_out.end(), lower_out.begin(), ::tolower);
  if (lower_in != lower_out &&
      std::count(lower_in.begin(), lower_in.end(), '-') != std::count(lower_out.begin(), lower_out.end(), '-')) {
    return std::nullopt;
  }
  return canonical;
}

}  // namespace hoptac::text
