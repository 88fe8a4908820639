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
// Words only meet words of the same language, concepts meet across languages: in matching, a
// shared concept counts more than a shared word.
constexpr float kMatchWordWeight = 0.1f;

// This list's score for one slot, or 0 when the slot is not in it.
float Contribution(const Index::State& st, const QueryList& q, uint32_t slot) {
  const auto& docs = q.list->docs;
  auto it = std::lower_bound(docs.begin(), docs.end(), slot);
  if (it == docs.end() || *it != slot) return 0.0f;
  size_t j = static_cast<size_t>(it - docs.begin());
  return q.weight * Bm25(q.idf, q.list->units[j], st.docs[slot].length, static_cast<float>(st.AverageLength()));
}

}  // namespace

Result<std::vector<MatchItem>> Index::Match(const MatchQuery& query) const {
  std::shared_lock lock(mu_);
  const State& st = *state_;
  auto found = st.slot_of.find(State::Key("profile", query.profile_id));
  if (found == st.slot_of.end()) {
    return Status::NotFound("No published profile with id " + std::to_string(query.profile_id) + ".");
  }
  const uint32_t self = found->second;
  const DocMeta& p = st.docs[self];
  const std::string& kind = st.attrs.Value(p.kind);
  const auto wanted = st.attrs.Find(kind == "offer" ? "request" : "offer");
  const auto published = st.attrs.Find("published");
  const auto profile_type = st.types.Find("profile");
  if (!wanted || !published || !profile_type) return std::vector<MatchItem>{};

  std::string lang = !p.summary_lang.empty() ? p.summary_lang : p.title_lang;
  std::string text = p.title + "\n" + p.title + "\n" + p.summary;  // the title counts twice, as when indexed
  AnalysedQuery aq = AnalyseQuery(st, options_, text, lang,
                                  {.expand_prefix = false, .expand_typos = false, .use_frequencies = true,
                                   .word_weight = kMatchWordWeight});

  auto accept = [&](uint32_t slot) {
    const DocMeta& m = st.docs[slot];
    return slot != self && m.type == *profile_type && m.kind == *wanted && m.status == *published;
  };
  const size_t pool = std::max<size_t>(50, query.limit * 5);
  auto candidates = Evaluate(st, aq.lists, pool, accept, nullptr, /*prune=*/true, nullptr);

  float self_score = 0.0f;
  for (const auto& q : aq.lists) self_score += Contribution(st, q, self);
  if (self_score <= 0.0f) self_score = 1.0f;

  auto fits = [&](const DocMeta& m) {
    if (p.country && std::find(m.targets.begin(), m.targets.end(), p.country) != m.targets.end()) return true;
    return m.country && std::find(p.targets.begin(), p.targets.end(), m.country) != p.targets.end();
  };

  std::vector<MatchItem> items;
  for (const auto& c : candidates) {
    const DocMeta& m = st.docs[c.slot];
    float score = std::sqrt(std::min(1.0f, c.score / self_score));
    if (fits(m)) score = std::min(1.0f, score + kCountryBonus);
    items.push_back({.id = m.id, .score = score});
  }
  std::vector<uint32_t> slots;
  for (const auto& c : candidates) slots.push_back(c.slot);
  std::vector<size_t> order(items.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return items[a].score > items[b].score; });
  if (order.size() > query.limit) order.resize(query.limit);

  std::vector<MatchItem> out;
  for (size_t i : order) {
    MatchItem item = items[i];
    const uint32_t slot = slots[i];
    const DocMeta& m = st.docs[slot];
    std::unordered_map<std::string, Reason> reasons;  // by concept id or term
    float total = 0.0f;
    for (const auto& q : aq.lists) {
      float contribution = Contribution(st, q, slot);
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
    item.reasons = std::move(kept);
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace hoptac::index
