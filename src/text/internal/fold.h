// Character-level folding used by every pipeline and by NameKeys. Pure functions over UTF-8;
// thread-safe (the lookup table is built once, on first use, and never changes).
#pragma once

#include <string>
#include <string_view>

namespace hoptac::text::internal {

// NFKC + full case folding ("Máy" -> "máy", "ＡＩ" -> "ai", "Straße" -> "strasse"); ASCII fast path.
std::string CaseFold(std::string_view s);

// Removes diacritics from Latin letters and drops combining marks: "nông nghiệp" -> "nong nghiep",
// "đồng" -> "dong", "élevage" -> "elevage", "œuvre" -> "oeuvre". Other scripts pass through.
std::string FoldDiacritics(std::string_view s);

// Replaces typographic apostrophes (U+2019, U+02BC) with "'" so elision and possessives are seen.
void NormalizeApostrophes(std::string& s);

}  // namespace hoptac::text::internal
