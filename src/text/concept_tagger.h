// ConceptTagger: finds thesaurus concepts mentioned in a text, in any of its languages.
//
// At construction every label (pref and alt, every language) is analysed with its own language's
// pipeline into a sequence of folded terms, and the sequences go into one trie over term ids.
// Tagging analyses the text (or takes tokens already analysed), looks each token's folded form up
// once, walks the trie from every token, and keeps the longest match where matches overlap. So
// multi-word labels match as sequences ("máy bay không người lái", "vision par ordinateur"),
// Chinese labels match after segmentation, English and French labels match on stems, and
// Vietnamese labels match text written without diacritics ("du bao lu" -> flood forecasting).
// Where diacritics distinguish words (Vietnamese), a text token written with diacritics must
// carry exactly the label's: "tóm" does not tag the concept labelled "tôm"; and in a text written
// with diacritics (four words or more, two in five of them with some), a word without any is taken
// as written, so "bao gồm" does not tag "bão" nor "Nam Ninh" "nấm". A short label word
// in capitals is an acronym and matches only capitals ("AI" is not Vietnamese "ai", who; "ITS" is
// not "its"). Words adjacent in a label must be adjacent in the text (where the label has stop
// words between two words, one more or fewer is allowed), and a match does not cross clause
// punctuation unless the label has it too.
// Labels match text of their own language, plus labels in TaggerOptions::shared_languages
// (English by default) in text of any language; text of undetermined language matches all labels.
//
// Ownership and threads: the tagger borrows the Thesaurus and the AnalyzerRegistry, which must
// outlive it. It is immutable after construction; Tag is safe from any number of threads.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "text/analyzer.h"
#include "text/thesaurus.h"
#include "text/token.h"

namespace hoptac::text {

struct ConceptMatch {
  const Concept* tag = nullptr;  // the concept found
  std::string_view label;       // the label that matched, as written in the thesaurus
  std::string_view label_lang;  // its language tag as written in the thesaurus ("zh-Hans", "vi")
  uint32_t first_token = 0;     // [first_token, last_token): indices into the tokens tagged
  uint32_t last_token = 0;
  uint32_t begin = 0;           // byte span in the original text
  uint32_t end = 0;
};

struct TaggerOptions {
  // Labels in these languages also match text in other languages.
  std::vector<std::string> shared_languages = {"en"};
};

class ConceptTagger {
 public:
  ConceptTagger(const Thesaurus& thesaurus, const AnalyzerRegistry& analyzers,
                const TaggerOptions& options = {});
  ConceptTagger(ConceptTagger&&) noexcept;
  ConceptTagger& operator=(ConceptTagger&&) noexcept;
  ~ConceptTagger();

  // Matches in `text` (language as in AnalyzerRegistry::Resolve), ordered by position. A span
  // that several concepts label equally yields one match per concept; a concept mentioned twice
  // yields two matches.
  std::vector<ConceptMatch> Tag(std::string_view text, std::string_view lang) const;

  // Matches in tokens produced by analyzers.For(lang).Analyze(...); phrase tokens are skipped.
  std::vector<ConceptMatch> Tag(std::span<const Token> tokens, std::string_view lang) const;

  size_t pattern_count() const;  // distinct (concept, language, term sequence) patterns

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hoptac::text
