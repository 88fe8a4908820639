// Rules for words of a stemmed Latin-script language (English, French, and the Latin words inside
// Chinese text): apostrophes, elision, stop words, Snowball stem, accent folding.
#pragma once

#include <span>
#include <string_view>

#include "text/internal/stemmer.h"
#include "text/internal/stopwords.h"
#include "text/token.h"

namespace hoptac::text::internal {

struct LatinRules {
  const StopList* stop = nullptr;
  const Stemmer* stemmer = nullptr;
  std::span<const std::string_view> elisions;  // French "l", "d", "qu"...: stripped with their apostrophe
};

// Applies the rules to one drafted token whose offsets point into `text`. Returns false when the
// token is a stop word (or nothing is left after elision) and must be dropped.
bool ApplyLatinRules(const LatinRules& rules, Stemmer::Lease& stemmer, std::string_view text, Token& token);

}  // namespace hoptac::text::internal
