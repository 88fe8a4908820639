// Matching: the complementary published profiles of a profile, ranked across languages by shared
// concepts, text similarity and country fit, each with its reasons.
#include <algorithm>
#include <cmath>
#include <mutex>
#include <unordered_map>

#include "index/index.h"
#include "index/internal/query.h"
#include "text/thesaurus.h"

namespace hoptac::index {

namespace {

constexpr float kCountryBonus = 0.05f;
// A need is best met by an offer of the same subject (technology, business, training, research,
// investment): selling the scanner is not the AI that reads its images, a course about drones is
// not a spraying service.
constexpr float kSubjectBonus = 0.05f;
// Words only meet words of the same language, concepts meet across languages: in matching, a
// shared concept counts more than a shared word.
constexpr float kMatchWordWeight = 0.1f;
// A profile is a long query: only its heaviest words count (as in "more like this" queries), which
// cut the match p99 at 100,000 profiles from 8.5 to 3.8 ms and changed no evaluation result for
// the worse. Its words are not looked up as names of organisations or places: that matched needs
// with suppliers of the places they mention, and dropping it raised P@1 on all three sets.
constexpr size_t kMatchWords = 24;
// Matches are ranked by BM25, then the best kMinPool (or three times the limit) are re-ranked with
// the country and subject bonuses.
constexpr size_t kMinPool = 30;

// Per-thread bit set of the profiles a match may return.
thread_local Bitmap match_scratch;

bool Has(const uint32_t* values, uint16_t n, uint32_t value) { return std::find(values, values + n, value) != values + n; }

}  // namespace

Result<std::vector<MatchItem>> Index::Match(const MatchQuery& query) const {
  std::shared_lock lock(mu_);
  const State& st = *state_;
  const uint32_t self = st.SlotOf("profile", query.profile_id);
  if (self == kNoSlot) {
    return Status::NotFound("No published profile with id " + std::to_string(query.profile_id) + ".");
  }
  const DocMeta& p = st.docs[self];
  const std::string& kind = st.attrs.Value(p.kind);
  const auto wanted = st.attrs.Find(kind == "offer" ? "request" : "offer");
  const auto published = st.attrs.Find("published");
  const auto profile_type = st.types.Find("profile");
  if (!wanted || !published || !profile_type || *profile_type >= st.type_bits.size() || *wanted >= st.kind_bits.size() ||
      *published >= st.status_bits.size()) {
    return std::vector<MatchItem>{};
  }

  const std::string& lang = st.langs.Value(p.summary_size ? p.summary_lang : p.title_lang);
  std::string text;  // the title counts twice, as when indexed
  text.append(st.Title(p)).append("\n").append(st.Title(p)).append("\n").append(st.Summary(p));
  AnalysedQuery aq = AnalyseQuery(st, options_, text, lang,
                                  {.expand_prefix = false, .expand_typos = false, .use_frequencies = true,
                                   .word_weight = kMatchWordWeight,
                                   .max_words = kMatchWords, .name_keys = false});

  // Published profiles of the complementary kind, other than this one.
  const size_t words = st.words();
  Bitmap& accept = match_scratch;
  accept.Resize(0);
  accept.Resize(words);
  OrInto(accept.data(), words, st.alive);
  AndInto(accept.data(), words, st.type_bits[*profile_type]);
  AndInto(accept.data(), words, st.kind_bits[*wanted]);
  AndInto(accept.data(), words, st.status_bits[*published]);
  accept.Clear(self);
  const size_t pool = std::max<size_t>(kMinPool, query.limit * 3);
  const std::vector<Candidate> candidates =
      Evaluate(st, aq.lists, accept, {.k = pool, .prune = !options_.exhaustive}).best;

  const std::vector<float> own = Contributions(st, aq.lists, {self});
  float self_score = 0.0f;
  for (float c : own) self_score += c;
  if (self_score <= 0.0f) self_score = 1.0f;

  auto fits = [&](const DocMeta& m) {
    if (p.country && Has(st.Targets(m), m.targets, p.country)) return true;
    return m.country && Has(st.Targets(p), p.targets, m.country);
  };

  std::vector<MatchItem> items;
  for (const auto& c : candidates) {
    const DocMeta& m = st.docs[c.slot];
    float score = std::sqrt(std::min(1.0f, c.score / self_score));
    if (fits(m)) score = std::min(1.0f, score + kCountryBonus);
    if (p.subject != 0 && m.subject == p.subject) score = std::min(1.0f, score + kSubjectBonus);
    items.push_back({.id = m.id, .score = score});
  }
  std::vector<size_t> order(items.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return items[a].score > items[b].score; });
  if (order.size() > query.limit) order.resize(query.limit);

  std::vector<uint32_t> shown;
  for (size_t i : order) shown.push_back(candidates[i].slot);
  const std::vector<float> contributions = Contributions(st, aq.lists, shown);
  std::vector<MatchItem> out;
  for (size_t i : order) {
    MatchItem item = items[i];
    const DocMeta& m = st.docs[candidates[i].slot];
    const float* shares = contributions.data() + out.size() * aq.lists.size();
    std::unordered_map<std::string, Reason> reasons;  // by concept id or term
    float total = 0.0f;
    for (size_t l = 0; l < aq.lists.size(); ++l) {
      const QueryList& q = aq.lists[l];
      const float contribution = shares[l];
      if (contribution <= 0.0f) continue;
      total += contribution;
      const char ns = q.term[0];
      std::string body = q.term.substr(1);
      Reason r;
      if ((ns == kConceptNs || ns == kAncestorNs) && options_.thesaurus) {
        r.kind = "concept";
        r.concept_id = body;
        const text::Concept* c = options_.thesaurus->Find(body);
        r.label = c ? c->PrefLabel(query.lang) : body;
        bool mentioned = std::any_of(aq.concepts.begin(), aq.concepts.end(), [&](const QueryConcept& qc) {
          return options_.thesaurus->concepts()[qc.position].id == body;
        });
        r.relation = ns == kAncestorNs ? "narrower" : mentioned ? "same" : "broader";
      } else if (ns == kNameNs) {
        continue;
      } else {
        r.kind = "term";
        r.label = ns == kFoldedNs ? body : q.term;
      }
      std::string key = r.kind + ":" + (r.kind == "concept" ? r.concept_id : r.label);
      auto [it, inserted] = reasons.try_emplace(key, r);
      if (!inserted && r.relation == "same") it->second.relation = "same";
      it->second.weight += contribution;
    }
    std::vector<Reason> list;
    for (auto& [key, r] : reasons) {
      r.weight = total > 0 ? r.weight / total : 0;
      list.push_back(std::move(r));
    }
    std::sort(list.begin(), list.end(), [](const Reason& a, const Reason& b) {
      if (a.kind != b.kind) return a.kind == "concept";
      return a.weight > b.weight;
    });
    // At most 5 concepts and 5 terms: enough to explain, short enough to read.
    std::vector<Reason> kept;
    int concepts = 0, terms = 0;
    for (auto& r : list) {
      int& n = r.kind == "concept" ? concepts : terms;
      if (n++ < 5) kept.push_back(std::move(r));
    }
    if (fits(m)) {
      kept.push_back({.kind = "country", .label = st.countries.Value(p.country ? p.country : m.country),
                      .weight = kCountryBonus});
    }
    if (p.subject != 0 && m.subject == p.subject) {
      kept.push_back({.kind = "subject", .label = st.attrs.Value(p.subject), .weight = kSubjectBonus});
    }
    item.reasons = std::move(kept);
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace hoptac::index
