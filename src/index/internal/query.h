// Query evaluation shared by Search and Match: a query becomes weighted posting lists, scored
// term-at-a-time into thread-local dense accumulators, with MaxScore-style pruning for long queries.
// Callers hold Index::mu_ shared.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "index/internal/state.h"

namespace hoptac::index {

struct QueryList {
  const PostingList* list = nullptr;
  float weight = 0;
  float idf = 0;
  std::string term;  // with namespace byte
  int word = -1;     // index of the query word it came from (-1: concept, name)
};

struct QueryConcept {
  uint32_t position;  // in the thesaurus
  float weight;       // how often / how strongly the query mentions it
};

struct AnalysedQuery {
  std::vector<QueryList> lists;
  std::vector<QueryConcept> concepts;      // concepts the query text mentions
  std::vector<std::string> match_terms;    // exact and folded forms of query words, for highlighting
  std::string lang;                        // detected language of the query text
};

struct QueryAnalysisOptions {
  bool expand_prefix = true;   // complete the last Latin word
  bool expand_typos = true;    // one-edit variants of rare Latin words
  bool use_frequencies = false;  // long queries (a profile): weight words by their frequency
  float word_weight = 1.0f;      // scales the lists of words (not concepts, not names)
};

AnalysedQuery AnalyseQuery(const Index::State& state, const IndexOptions& options, std::string_view text,
                           std::string_view lang, const QueryAnalysisOptions& qopts);

struct Candidate {
  uint32_t slot;
  float score;
};

// Scores every document the lists reach that passes `accept`; returns the best `k` (all of them
// when k == 0) by descending score and counts accepted documents into `total`. `on_accept` (may be
// empty) sees every accepted slot (for facets). With `prune`, lists whose remaining upper bound
// cannot lift a new document into the top k only update documents already found.
std::vector<Candidate> Evaluate(const Index::State& state, const std::vector<QueryList>& lists, size_t k,
                                const std::function<bool(uint32_t)>& accept,
                                const std::function<void(uint32_t)>& on_accept, bool prune, size_t* total);

// HTML-escaped window of `text` around the first word matching `terms`, matches in <mark>.
std::string Snippet(const IndexOptions& options, const std::string& text, const std::string& lang,
                    const std::vector<std::string>& terms, size_t max_bytes = 200);

}  // namespace hoptac::index
