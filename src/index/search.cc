// Full-text search with filters, facets and snippets.
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

uint32_t Lookup(const Dict& dict, const std::string& value) { return dict.Find(value).value_or(kNoMatch); }

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

  std::vector<uint32_t> types;
  for (const auto& t : query.types) types.push_back(st.types.Find(t).value_or(kNoMatch));
  const uint32_t kind = Lookup(st.attrs, query.kind), subject = Lookup(st.attrs, query.subject),
                 status = Lookup(st.attrs, query.status), country = Lookup(st.countries, query.country),
                 locality = Lookup(st.localities, query.locality), published = Lookup(st.attrs, "published");
  const int32_t from = DateNumber(query.date_from), to = DateNumber(query.date_to);

  auto accept = [&](uint32_t slot) {
    const DocMeta& m = st.docs[slot];
    if (!types.empty() && std::find(types.begin(), types.end(), m.type) == types.end()) return false;
    if (!query.kind.empty() && m.kind != kind) return false;
    if (!query.subject.empty() && m.subject != subject) return false;
    if (!query.status.empty() && m.status != status) return false;
    if (query.published_only && m.status != published) return false;
    if (!query.country.empty() && m.country != country &&
        std::find(m.targets.begin(), m.targets.end(), country) == m.targets.end())
      return false;
    if (!query.locality.empty() && m.locality != locality) return false;
    if (from && (!m.date || m.date < from)) return false;
    if (to && (!m.date || m.date > to)) return false;
    return true;
  };

  SearchResult result;
  // Flat counters indexed by dictionary code (code 0 = none is never reported).
  std::vector<size_t> by_type(st.types.size()), by_kind(st.attrs.size()), by_subject(st.attrs.size()),
      by_status(st.attrs.size()), by_country(st.countries.size());
  auto count = [&](uint32_t slot) {
    const DocMeta& m = st.docs[slot];
    ++by_type[m.type];
    ++by_kind[m.kind];
    ++by_subject[m.subject];
    ++by_status[m.status];
    ++by_country[m.country];
  };

  AnalysedQuery aq = AnalyseQuery(st, options_, query.q, "", {});
  const size_t want = query.offset + query.limit;
  std::vector<Candidate> candidates;
  if (aq.lists.empty() && query.q.find_first_not_of(" \t\r\n") == std::string::npos) {
    // No words: browse everything that passes the filters, newest first.
    for (uint32_t slot = static_cast<uint32_t>(st.docs.size()); slot-- > 0;) {
      if (!st.docs[slot].alive || !accept(slot)) continue;
      count(slot);
      if (candidates.size() < want) candidates.push_back({slot, 0.0f});
      ++result.total;
    }
  } else {
    candidates = Evaluate(st, aq.lists, want, accept, count, /*prune=*/false, &result.total);
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
  for (size_t i = query.offset; i < candidates.size(); ++i) {
    const DocMeta& m = st.docs[candidates[i].slot];
    Hit hit{.type = st.types.Value(m.type), .id = m.id, .score = candidates[i].score};
    const bool use_summary = !m.summary.empty();
    hit.snippet = Snippet(options_, use_summary ? m.summary : m.title, use_summary ? m.summary_lang : m.title_lang,
                          aq.match_terms);
    hit.snippet_lang = use_summary ? m.summary_lang : m.title_lang;
    if (options_.thesaurus) {
      for (const auto& qc : aq.concepts) {
        if (std::binary_search(m.concepts.begin(), m.concepts.end(), qc.position))
          hit.concepts.push_back(options_.thesaurus->concepts()[qc.position].id);
      }
    }
    result.hits.push_back(std::move(hit));
  }
  return result;
}

}  // namespace hoptac::index
