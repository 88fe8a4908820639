// Token: one unit of analysed text, as the index and the concept tagger consume it.
//
// Every token carries two forms. `term` is the exact form: NFC, NFKC-case-folded, Simplified for
// Chinese ("nông", "drones", "无人"). `folded` is the loose form the index matches when exact
// forms differ: Vietnamese without diacritics ("nong"), the Snowball stem for English and French
// with accents removed ("drone", "crevet"), the term itself for Chinese. The index ranks exact
// matches above folded ones. Offsets are bytes into the caller's original text, so a snippet can
// be highlighted even after normalisation or Traditional -> Simplified conversion.
// A plain value: copy it freely between threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace hoptac::text {

enum TokenFlag : uint16_t {
  kTokenNumber = 1u << 0,       // digits ("2025", "4.0")
  kTokenIdeographic = 1u << 1,  // Han or kana word
  kTokenFolded = 1u << 2,       // folded differs from term (diacritics removed, or stemmed)
  kTokenStemmed = 1u << 3,      // folded is a Snowball stem
  kTokenPhrase = 1u << 4,       // a pair of adjacent words (AnalyzeOptions::phrases)
  kTokenAfterBreak = 1u << 5,   // clause punctuation or a line break separates it from the word before
  kTokenAllCaps = 1u << 6,      // written in capitals, 2+ letters ("AI", "ITS"): maybe an acronym
};

// A word in capitals of at most this many letters (plus a plural "s": "UAVs") is taken for an
// acronym: English and French rules neither drop it as a stop word ("ITS" is not "its") nor stem
// it ("AIS" is not the plural of "ai"), and the concept tagger matches such label words only to
// words in capitals.
inline constexpr size_t kMaxAcronymLetters = 4;

struct Token {
  std::string term;       // exact form
  std::string folded;     // loose form (see above); equal to term when nothing was folded
  uint32_t begin = 0;     // byte offsets into the original text: [begin, end)
  uint32_t end = 0;
  uint32_t position = 0;  // word ordinal; dropped stop words still count, so gaps show them
  uint16_t flags = 0;     // TokenFlag bits

  bool Has(TokenFlag f) const { return (flags & f) != 0; }
  friend bool operator==(const Token&, const Token&) = default;
};

}  // namespace hoptac::text
