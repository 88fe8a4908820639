// Query evaluation shared by Search and Match: a query becomes weighted posting lists, scored
// document at a time with block-max MaxScore pruning. Callers hold Index::mu_ shared.
#pragma once

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
  // Long queries: keep the lists of only this many words, those that weigh most (weight times idf),
  // as "more like this" queries do; 0 keeps every word.
  size_t max_words = 0;
  bool name_keys = true;  // look the words up as names across scripts (organisations, places)
};

AnalysedQuery AnalyseQuery(const Index::State& state, const IndexOptions& options, std::string_view text,
                           std::string_view lang, const QueryAnalysisOptions& qopts);

struct Candidate {
  uint32_t slot;
  float score;
};

struct EvaluateOptions {
  size_t k = 10;      // how many of the best to keep
  bool prune = true;  // false: score every document the lists reach (the reference pruning must equal)
};

struct Evaluation {
  std::vector<Candidate> best;  // by descending score, then ascending slot
};

// The best `k` documents of `accept` (a set of slots; it must exclude tombstoned ones) that the
// lists reach, scored as the sum of weight * BM25 over the lists. Slots are taken in windows; with
// `prune`, windowed block-max MaxScore: in each window, the lists whose upper bounds there add up to
// no more than the current k-th best score are only probed for documents the other lists reach, and
// a document is dropped as soon as its score plus the bounds of the lists not yet probed cannot beat
// the k-th. Rank-safe: the same documents with the same scores as without pruning (scores are summed
// in fixed point, so exactly, whatever the order).
Evaluation Evaluate(const Index::State& state, const std::vector<QueryList>& lists, const Bitmap& accept,
                    const EvaluateOptions& options);

// Sets the bit of every slot any of the lists reaches in `words` (state.words() of them).
void MarkReached(const Index::State& state, const std::vector<QueryList>& lists, uint64_t* words);

// weight * BM25 of each list for each slot (0 where the slot is not in the list): row j holds
// slots[j]'s contributions in list order.
std::vector<float> Contributions(const Index::State& state, const std::vector<QueryList>& lists,
                                 const std::vector<uint32_t>& slots);

// HTML-escaped window of `text` around the first word matching `terms`, matches in <mark>.
std::string Snippet(const IndexOptions& options, std::string_view text, const std::string& lang,
                    const std::vector<std::string>& terms, size_t max_bytes = 200);

}  // namespace hoptac::index
