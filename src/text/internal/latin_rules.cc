#include "text/internal/latin_rules.h"

#include <algorithm>

#include "text/internal/fold.h"
#include "text/internal/utf8.h"

namespace hoptac::text::internal {

namespace {

constexpr size_t kMaxElisionPrefix = 8;  // "lorsqu", "puisqu", "quoiqu", "jusqu"

// Byte offset just after the first apostrophe in text[begin, end), or `begin` if none.
uint32_t AfterApostrophe(std::string_view text, uint32_t begin, uint32_t end) {
  for (size_t i = begin; i < end;) {
    const char32_t c = DecodeNext(text, i);
    if (c == '\'' || c == 0x2019 || c == 0x02BC) return static_cast<uint32_t>(i);
  }
  return begin;
}

void StripElision(std::span<const std::string_view> elisions, std::string_view text, Token& t) {
  const size_t apostrophe = t.term.find('\'');
  if (apostrophe == std::string::npos || apostrophe == 0 || apostrophe > kMaxElisionPrefix) return;
  const std::string_view prefix(t.term.data(), apostrophe);
  if (std::find(elisions.begin(), elisions.end(), prefix) == elisions.end()) return;
  t.term.erase(0, apostrophe + 1);
  t.begin = AfterApostrophe(text, t.begin, t.end);
}

// The acronym's surface without a plural "s" ("UAVs" -> "UAV"), or empty if `t` is no acronym.
std::string_view AcronymSurface(std::string_view text, const Token& t) {
  if (!t.Has(kTokenAllCaps)) return {};
  std::string_view surface = text.substr(t.begin, t.end - t.begin);
  if (surface.size() > 2 && surface.back() == 's') surface.remove_suffix(1);
  return surface.size() <= kMaxAcronymLetters ? surface : std::string_view();
}

}  // namespace

bool ApplyLatinRules(const LatinRules& rules, Stemmer::Lease& stemmer, std::string_view text, Token& t) {
  if (t.Has(kTokenNumber) || t.Has(kTokenIdeographic)) {
    t.folded = t.term;
    return true;
  }
  NormalizeApostrophes(t.term);
  if (!rules.elisions.empty()) StripElision(rules.elisions, text, t);
  if (t.term.empty()) return false;
  // "ITS", "MES", "TA" in capitals are acronyms (intelligent transport systems...), not "its";
  // Snowball would read "AIS" as the plural of "ai". An acronym keeps its letters.
  const std::string_view acronym = AcronymSurface(text, t);
  if (acronym.empty() && rules.stop->Contains(t.term)) return false;
  std::string stem = acronym.empty() ? stemmer.Stem(t.term) : CaseFold(acronym);
  if (stem != t.term) t.flags |= kTokenStemmed;
  t.folded = FoldDiacritics(stem);
  if (t.folded != t.term) t.flags |= kTokenFolded;
  return true;
}

}  // namespace hoptac::text::internal
