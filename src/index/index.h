// Index: hoptac's in-memory search and matching index over profiles, organisations, cases and
// documents. It is derived data: app/ rebuilds it from the store at start-up and keeps it current
// from the change log; it never does I/O itself.
//
// What it holds per document: weighted postings of its analysed text (exact forms, folded forms,
// thesaurus concepts and their ancestors, cross-script name keys), small filter attributes, and the
// display text (title, summary) used for snippets and explanations.
//
// Ranking: BM25 per term list; a query word expands into weighted lists (exact form 1.0, folded form
// 0.6, prefix completions and one-edit typo variants of Latin words 0.3), concepts found in the
// query add concept lists (the concept itself, narrower concepts via the ancestor lists, and the
// broader concept at a lower weight). Matching runs the same machinery with a profile's own text as
// a long query (its 24 heaviest words, all its concepts, no name keys), then adds country and
// subject fit and explains every result. Both find their top documents with
// block-max MaxScore, which is rank-safe: the same results, scores included, as scoring every
// document (IndexOptions::exhaustive). Search totals and facets are exact, counted on bit sets.
//
// Memory: about 400 bytes per profile beyond its display text at 1,000,000 profiles (bit-packed
// postings, a 64-byte record per document, bit sets per filter value); see internal/state.h.
//
// Concurrency (checked by clang's -Wthread-safety where available): one std::shared_mutex `mu_`
// guards all index state. Search and Match take it shared, so any number of readers run at once
// and each sees one consistent state; Upsert and Remove take it exclusively for the short time of
// an in-place update (postings are appended; replaced documents are tombstoned and compacted away
// later), so a reader never sees half a document. Lock order: Index::mu_ is a leaf; the index
// never calls out while holding it. Per-query scratch space is thread_local.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/thread_annotations.h"

namespace hoptac::text {
class AnalyzerRegistry;
class ConceptTagger;
class Thesaurus;
}  // namespace hoptac::text

namespace hoptac::index {

// A document as app/ hands it to the index.
struct DocInput {
  std::string type;  // "profile", "organisation", "case", "document"
  int64_t id = 0;
  struct Part {
    std::string text;
    std::string lang;    // BCP-47; empty: detect
    float weight = 1.0f; // field weight (title 2, summary 1, ...)
    bool name = false;   // also index cross-script name keys (organisation names, places)
  };
  std::vector<Part> parts;
  // Display text (for snippets and explanations), in its original language.
  std::string title, title_lang, summary, summary_lang;
  // Filter attributes; empty when not applicable.
  std::string kind;      // profile kind (offer/request) or organisation kind
  std::string subject;   // profile subject
  std::string status;    // profile status; "published" for always-public types
  std::string country;   // the owner's country (profile: its organisation's)
  std::string locality;
  std::string date;      // YYYY-MM-DD: deadline, case year start, document date
  std::vector<std::string> target_countries;
  int64_t organisation = 0;  // for profiles: the owning organisation's id
};

struct SearchQuery {
  std::string q;
  std::string lang;            // language of labels in results (zh-Hans, vi, en, fr)
  std::vector<std::string> types;  // empty = all
  std::string kind, subject, status, country, locality, date_from, date_to;
  bool published_only = true;
  size_t offset = 0;
  size_t limit = 20;
};

struct Hit {
  std::string type;
  int64_t id = 0;
  double score = 0;
  std::string snippet;  // HTML-escaped text around the first match, matches in <mark>...</mark>
  std::string snippet_lang;
  std::vector<std::string> concepts;  // concept ids the document shares with the query
};

struct SearchResult {
  std::vector<Hit> hits;
  size_t total = 0;  // matching documents (after filters)
  // facet name ("type", "kind", "subject", "country", "status") -> value -> count
  std::map<std::string, std::map<std::string, size_t>> facets;
};

struct Reason {
  std::string kind;     // "concept" (shared or related concept), "term" (matched word), "country"
  std::string concept_id;
  std::string label;    // in the requested language (concept label, term, or country code)
  std::string relation; // for concepts: "same", "narrower", "broader"
  double weight = 0;    // share of the score this reason carries
};

struct MatchItem {
  int64_t id = 0;  // the matching profile
  double score = 0;  // 0..1
  std::vector<Reason> reasons;
};

struct MatchQuery {
  int64_t profile_id = 0;
  std::string lang = "en";
  size_t limit = 10;
};

struct IndexStats {
  size_t documents = 0;      // live documents
  size_t slots = 0;          // including tombstoned ones awaiting compaction
  size_t terms = 0;
  size_t postings = 0;
  size_t memory_bytes = 0;   // index structures, excluding the display text
  size_t text_bytes = 0;     // display text held for snippets
};

struct IndexOptions {
  const text::AnalyzerRegistry& analyzers;
  const text::ConceptTagger* tagger = nullptr;   // optional: no concepts without it
  const text::Thesaurus* thesaurus = nullptr;    // labels and hierarchy for concepts
  // Score every document a query reaches instead of pruning with upper bounds. Same answers, only
  // slower: tests compare the two.
  bool exhaustive = false;
};

class Index {
 public:
  explicit Index(const IndexOptions& options);
  ~Index();
  Index(const Index&) = delete;
  Index& operator=(const Index&) = delete;

  // Adds or replaces the document (type, id).
  void Upsert(const DocInput& doc) EXCLUDES(mu_);
  void Remove(const std::string& type, int64_t id) EXCLUDES(mu_);
  // Adds many documents at once (start-up); faster than Upsert one by one.
  void Bulk(const std::vector<DocInput>& docs) EXCLUDES(mu_);

  // InvalidArgument for bad queries (too long, unknown filter values).
  Result<SearchResult> Search(const SearchQuery& query) const EXCLUDES(mu_);
  // NotFound when the profile is not indexed.
  Result<std::vector<MatchItem>> Match(const MatchQuery& query) const EXCLUDES(mu_);

  // Profiles of an organisation (to re-index them when the organisation changes).
  std::vector<int64_t> ProfilesOf(int64_t organisation) const EXCLUDES(mu_);
  bool Contains(const std::string& type, int64_t id) const EXCLUDES(mu_);
  IndexStats Stats() const EXCLUDES(mu_);

  struct State;  // internal (index/internal/state.h)

 private:
  IndexOptions options_;
  mutable std::shared_mutex mu_;
  std::unique_ptr<State> state_ GUARDED_BY(mu_);
};

}  // namespace hoptac::index
