// The benchmark corpus in the two forms the engines take it:
//   - our index gets DocInput, made from a profile and its organisation exactly as app/search.cc's
//     ToDoc makes them (title weight 2, summary 1, organisation name and locality 0.5 with name
//     keys; kind, subject, status, deadline, country, locality, target countries), and does its own
//     analysis;
//   - SQLite FTS5, PostgreSQL and Xapian get the same text already analysed by our analysers, as
//     space-separated terms: one term per word, in its folded form (case-folded, Vietnamese without
//     tone marks, English and French Snowball stems, Chinese words as segmented by ICU), stop words
//     removed, kept to letters and digits so that every engine's own tokenizer sees exactly these
//     terms and nothing more. Queries go through the same analyser (language detected, as the index
//     does for a search box).
// Plain functions over values; the registry is borrowed and thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "generator.h"
#include "index/index.h"

namespace hoptac::text {
class AnalyzerRegistry;
}

namespace hoptac::bench {

// A profile as terms, for the engines that do not analyse text themselves.
struct TermDoc {
  int64_t id = 0;
  std::string title;    // terms of the title (field weight 2 where the engine has field weights)
  std::string summary;  // terms of the summary
  std::string extra;    // terms of the organisation's name and locality (indexed with the summary)
  bool offer = false;
  bool published = false;
};

struct TermQuery {
  std::vector<std::string> terms;  // distinct, in query order
  bool last_is_prefix = false;     // complete the last term (an unfinished word being typed)
};

index::DocInput ToDocInput(const SyntheticProfile& p, const SyntheticOrganisation& org);

// "term term term" for `text` in `lang` (empty: detected).
std::string SegmentedTerms(const text::AnalyzerRegistry& analyzers, std::string_view text, std::string_view lang);

TermDoc ToTermDoc(const text::AnalyzerRegistry& analyzers, const SyntheticProfile& p,
                  const SyntheticOrganisation& org);

TermQuery ToTermQuery(const text::AnalyzerRegistry& analyzers, const SyntheticQuery& q);

// The profile's own title and summary terms as one long OR query, cut to the first `cap` distinct
// terms (0: no cap); `truncated` tells whether the cap cut anything.
TermQuery MatchQueryOf(const TermDoc& doc, size_t cap, bool& truncated);

}  // namespace hoptac::bench
