// Full-text search with filters, facets and snippets.
//
// A search is three passes over bit sets of slots: the filters (AND of the bit sets of the wanted
// values), the documents the query's lists reach (OR of the dense lists' bit sets, plus the slots of
// the others), and their AND, whose population is the exact total and whose AND with each facet
// value's bit set is that value's exact count. The top hits are then found document at a time with
// block-max MaxScore among those slots only.
#include <algorithm>
#include <mutex>

#include "index/index.h"
#include "index/internal/query.h"
#include "text/normalize.h"
#include "text/thesaurus.h"

namespace hoptac::index {

namespace {

constexpr size_t kMaxQueryBytes = 1000;

// A filter value the index has never seen matches nothing (rather than everything).
constexpr uint32_t kNoMatch = UINT32_MAX;

// Facets are counted document by document (reading DocMeta) when the matches are fewer than one
// slot in kFacetByDocument, else by ANDing bit sets, whose cost does not depend on the matches.
constexpr size_t kFacetByDocument = 64;

uint32_t Lookup(const Dict& dict, const std::string& value) { return dict.Find(value).value_or(kNoMatch); }

// Per-thread bit sets of one search.
struct SearchScratch {
  Bitmap filter, reached;
};
thread_local SearchScratch search_scratch;

const Bitmap* ValueBits(const std::vector<Bitmap>& family, uint32_t code) {
  static const Bitmap kEmpty;
  return code != kNoMatch && code < family.size() ? &family[code] : &kEmpty;
}

template <typename F>
void ForEachSlot(const Bitmap& bits, size_t words, F&& f) {
  const uint64_t* w = bits.data();
  for (size_t i = 0; i < words; ++i) {
    for (uint64_t x = w[i]; x; x &= x - 1) f(static_cast<uint32_t>(i * 64 + static_cast<unsigned>(__builtin_ctzll(x))));
  }
}

}  // namespace

Result<SearchResult> Index::Search(const SearchQuery& query) const {
  if (query.q.size() > kMaxQueryBytes) {
    return Status::InvalidArgument("The query is too long.",
                                   {{"q", "too_long", "is longer than " + std::to_string(kMaxQueryBytes) + " bytes"}});
  }
  if (!text::IsValidUtf8(query.q)) {
    return Status::InvalidArgument("The query is not valid UTF-8.", {{"q", "invalid_utf8", "is not valid UTF-8"}});
  }
  std::shared_lock lock(mu_);
  const State& st = *state_;
  const size_t words = st.words();

  // The filters: the bit sets of the wanted values (each holds live documents only), ANDed.
  std::vector<const Bitmap*> wanted;
  Bitmap& any_type = search_scratch.filter;
  if (!query.types.empty()) {
    any_type.Resize(0);
    any_type.Resize(words);
    for (const auto& t : query.types) OrInto(any_type.data(), words, *ValueBits(st.type_bits, Lookup(st.types, t)));
    wanted.push_back(&any_type);
  }
  if (!query.kind.empty()) wanted.push_back(ValueBits(st.kind_bits, Lookup(st.attrs, query.kind)));
  if (!query.subject.empty()) wanted.push_back(ValueBits(st.subject_bits, Lookup(st.attrs, query.subject)));
  if (!query.status.empty()) wanted.push_back(ValueBits(st.status_bits, Lookup(st.attrs, query.status)));
  if (query.published_only) wanted.push_back(ValueBits(st.status_bits, Lookup(st.attrs, "published")));
  if (!query.country.empty()) wanted.push_back(ValueBits(st.reach_bits, Lookup(st.countries, query.country)));
  if (wanted.empty()) wanted.push_back(&st.alive);

  AnalysedQuery aq = AnalyseQuery(st, options_, query.q, "", {});
  const bool browse = aq.lists.empty() && query.q.find_first_not_of(" \t\r\n") == std::string::npos;
  // The matches: filtered documents the lists reach (every filtered document when browsing).
  Bitmap& matches = search_scratch.reached;
  matches.Resize(0);
  matches.Resize(words);
  if (browse) {
    OrInto(matches.data(), words, *wanted[0]);
  } else {
    MarkReached(st, aq.lists, matches.data());
    AndInto(matches.data(), words, *wanted[0]);
  }
  for (size_t i = 1; i < wanted.size(); ++i) AndInto(matches.data(), words, *wanted[i]);
  // Locality and dates are rarely filtered on: checked document by document on the matches.
  const int32_t from = DateNumber(query.date_from), to = DateNumber(query.date_to);
  if (!query.locality.empty() || from || to) {
    const uint32_t locality = Lookup(st.localities, query.locality);
    ForEachSlot(matches, words, [&](uint32_t slot) {
      const DocMeta& m = st.docs[slot];
      if ((!query.locality.empty() && m.locality != locality) || (from && (!m.date || m.date < from)) ||
          (to && (!m.date || m.date > to)))
        matches.Clear(slot);
    });
  }

  SearchResult result;
  result.total = CountBits(matches.data(), words);
  // Flat counters indexed by dictionary code (code 0 = none is never reported).
  std::vector<size_t> by_type(st.types.size()), by_kind(st.attrs.size()), by_subject(st.attrs.size()),
      by_status(st.attrs.size()), by_country(st.countries.size());
  if (result.total * kFacetByDocument < st.docs.size()) {
    ForEachSlot(matches, words, [&](uint32_t slot) {
      const DocMeta& m = st.docs[slot];
      ++by_type[m.type];
      ++by_kind[m.kind];
      ++by_subject[m.subject];
      ++by_status[m.status];
      ++by_country[m.country];
    });
  } else {
    auto count = [&](const std::vector<Bitmap>& family, std::vector<size_t>& counts) {
      for (uint32_t code = 1; code < family.size(); ++code) {
        counts[code] = CountAnd(matches.data(), family[code].data(), std::min(words, family[code].words()));
      }
    };
    count(st.type_bits, by_type);
    count(st.kind_bits, by_kind);
    count(st.subject_bits, by_subject);
    count(st.status_bits, by_status);
    count(st.country_bits, by_country);
  }
  auto report = [&](const char* facet, const std::vector<size_t>& counts, const Dict& dict) {
    for (uint32_t code = 1; code < counts.size(); ++code) {
      if (counts[code]) result.facets[facet][dict.Value(code)] = counts[code];
    }
  };
  report("type", by_type, st.types);
  report("kind", by_kind, st.attrs);
  report("subject", by_subject, st.attrs);
  report("status", by_status, st.attrs);
  report("country", by_country, st.countries);

  const size_t want = query.offset + query.limit;
  std::vector<Candidate> candidates;
  if (browse) {
    // No words: everything that passes the filters, newest first.
    const uint64_t* w = matches.data();
    for (size_t i = words; i-- > 0 && candidates.size() < want;) {
      for (uint64_t x = w[i]; x && candidates.size() < want; x &= ~(uint64_t{1} << (63 - __builtin_clzll(x)))) {
        candidates.push_back({static_cast<uint32_t>(i * 64 + 63 - static_cast<unsigned>(__builtin_clzll(x))), 0.0f});
      }
    }
  } else {
    candidates = Evaluate(st, aq.lists, matches, {.k = want, .prune = !options_.exhaustive}).best;
  }

  for (size_t i = query.offset; i < candidates.size(); ++i) {
    const DocMeta& m = st.docs[candidates[i].slot];
    Hit hit{.type = st.types.Value(m.type), .id = m.id, .score = candidates[i].score};
    const bool use_summary = m.summary_size > 0;
    hit.snippet_lang = st.langs.Value(use_summary ? m.summary_lang : m.title_lang);
    hit.snippet = Snippet(options_, use_summary ? st.Summary(m) : st.Title(m), hit.snippet_lang, aq.match_terms);
    if (options_.thesaurus) {
      const uint32_t* concepts = st.Concepts(m);
      for (const auto& qc : aq.concepts) {
        if (std::binary_search(concepts, concepts + m.concepts, qc.position))
          hit.concepts.push_back(options_.thesaurus->concepts()[qc.position].id);
      }
    }
    result.hits.push_back(std::move(hit));
  }
  return result;
}

}  // namespace hoptac::index
