// Index maintenance: adding, replacing and removing documents; compaction; statistics.
#include "index/index.h"

#include <algorithm>
#include <mutex>

#include "index/internal/state.h"

namespace hoptac::index {

namespace {

// Inserts an analysed document into a new slot. Caller holds the lock exclusively.
void Insert(Index::State& st, const DocInput& doc, AnalysedDoc analysed) {
  const uint32_t slot = static_cast<uint32_t>(st.docs.size());
  DocMeta m;
  m.id = doc.id;
  m.organisation = doc.organisation;
  m.alive = true;
  m.type = static_cast<uint8_t>(st.types.Code(doc.type));
  m.kind = st.attrs.Code(doc.kind);
  m.subject = st.attrs.Code(doc.subject);
  m.status = st.attrs.Code(doc.status);
  m.country = st.countries.Code(doc.country);
  m.locality = st.localities.Code(doc.locality);
  m.date = DateNumber(doc.date);
  m.length = std::max(1.0f, analysed.length);
  for (const auto& c : doc.target_countries) m.targets.push_back(st.countries.Code(c));
  m.concepts = std::move(analysed.concepts);
  m.title = doc.title;
  m.title_lang = doc.title_lang;
  m.summary = doc.summary;
  m.summary_lang = doc.summary_lang;
  st.text_bytes += m.title.size() + m.summary.size();
  for (auto& [term, units] : analysed.terms) {
    auto [it, inserted] = st.term_ids.try_emplace(term, static_cast<uint32_t>(st.lists.size()));
    if (inserted) {
      st.lists.emplace_back();
      if (term.size() > 1 && term[0] == kFoldedNs && IsLatinWord(std::string_view(term).substr(1)))
        st.folded_latin.insert(term.substr(1));
    }
    PostingList& pl = st.lists[it->second];
    pl.docs.push_back(slot);
    pl.units.push_back(units);
    pl.max_units = std::max(pl.max_units, units);
    ++st.postings;
  }
  st.slot_of[Index::State::Key(doc.type, doc.id)] = slot;
  if (doc.type == "profile" && doc.organisation) st.profiles_of[doc.organisation].push_back(slot);
  st.total_length += m.length;
  ++st.live;
  st.lengths.push_back(m.length);
  st.docs.push_back(std::move(m));
}

void Tombstone(Index::State& st, uint32_t slot) {
  DocMeta& m = st.docs[slot];
  if (!m.alive) return;
  m.alive = false;
  st.lengths[slot] = -1.0f;
  --st.live;
  st.total_length -= m.length;
  st.text_bytes -= m.title.size() + m.summary.size();
  if (m.organisation) {
    auto it = st.profiles_of.find(m.organisation);
    if (it != st.profiles_of.end()) std::erase(it->second, slot);
  }
  m.title.clear();
  m.title.shrink_to_fit();
  m.summary.clear();
  m.summary.shrink_to_fit();
  m.concepts.clear();
  m.concepts.shrink_to_fit();
  m.targets.clear();
}

// Drops tombstoned slots once they are a quarter of all slots: renumbers live documents and
// rewrites every posting list. O(postings); runs under the exclusive lock.
void MaybeCompact(Index::State& st) {
  const size_t dead = st.docs.size() - st.live;
  if (dead < 1024 || dead * 4 < st.docs.size()) return;
  std::vector<uint32_t> remap(st.docs.size(), UINT32_MAX);
  std::vector<DocMeta> docs;
  docs.reserve(st.live);
  for (uint32_t s = 0; s < st.docs.size(); ++s) {
    if (!st.docs[s].alive) continue;
    remap[s] = static_cast<uint32_t>(docs.size());
    docs.push_back(std::move(st.docs[s]));
  }
  st.docs = std::move(docs);
  st.lengths.clear();
  for (const auto& m : st.docs) st.lengths.push_back(m.length);
  st.postings = 0;
  for (auto& pl : st.lists) {
    size_t w = 0;
    pl.max_units = 0;
    for (size_t r = 0; r < pl.docs.size(); ++r) {
      uint32_t to = remap[pl.docs[r]];
      if (to == UINT32_MAX) continue;
      pl.docs[w] = to;
      pl.units[w] = pl.units[r];
      pl.max_units = std::max(pl.max_units, pl.units[w]);
      ++w;
    }
    pl.docs.resize(w);
    pl.units.resize(w);
    pl.docs.shrink_to_fit();
    pl.units.shrink_to_fit();
    st.postings += w;
  }
  for (auto& [key, slot] : st.slot_of) slot = remap[slot];
  std::erase_if(st.slot_of, [](const auto& kv) { return kv.second == UINT32_MAX; });
  for (auto& [org, slots] : st.profiles_of) {
    for (auto& s : slots) s = remap[s];
    std::erase(slots, UINT32_MAX);
  }
}

}  // namespace

Index::Index(const IndexOptions& options) : options_(options), state_(std::make_unique<State>()) {}
Index::~Index() = default;

void Index::Upsert(const DocInput& doc) {
  AnalysedDoc analysed = AnalyseDoc(doc, options_);  // the slow part, outside the lock
  std::unique_lock lock(mu_);
  State& st = *state_;
  auto it = st.slot_of.find(State::Key(doc.type, doc.id));
  if (it != st.slot_of.end()) Tombstone(st, it->second);
  Insert(st, doc, std::move(analysed));
  MaybeCompact(st);
}

void Index::Bulk(const std::vector<DocInput>& docs) {
  constexpr size_t kBatch = 512;
  for (size_t from = 0; from < docs.size(); from += kBatch) {
    size_t to = std::min(docs.size(), from + kBatch);
    std::vector<AnalysedDoc> analysed;
    analysed.reserve(to - from);
    for (size_t i = from; i < to; ++i) analysed.push_back(AnalyseDoc(docs[i], options_));
    std::unique_lock lock(mu_);
    State& st = *state_;
    for (size_t i = from; i < to; ++i) {
      auto it = st.slot_of.find(State::Key(docs[i].type, docs[i].id));
      if (it != st.slot_of.end()) Tombstone(st, it->second);
      Insert(st, docs[i], std::move(analysed[i - from]));
    }
    MaybeCompact(st);
  }
  // Bulk loads happen once, at start-up: give back the vectors' growth slack.
  std::unique_lock lock(mu_);
  for (auto& pl : state_->lists) {
    pl.docs.shrink_to_fit();
    pl.units.shrink_to_fit();
  }
}

void Index::Remove(const std::string& type, int64_t id) {
  std::unique_lock lock(mu_);
  State& st = *state_;
  auto it = st.slot_of.find(State::Key(type, id));
  if (it == st.slot_of.end()) return;
  Tombstone(st, it->second);
  st.slot_of.erase(it);
  MaybeCompact(st);
}

std::vector<int64_t> Index::ProfilesOf(int64_t organisation) const {
  std::shared_lock lock(mu_);
  std::vector<int64_t> out;
  auto it = state_->profiles_of.find(organisation);
  if (it == state_->profiles_of.end()) return out;
  for (uint32_t slot : it->second) out.push_back(state_->docs[slot].id);
  return out;
}

bool Index::Contains(const std::string& type, int64_t id) const {
  std::shared_lock lock(mu_);
  return state_->slot_of.count(State::Key(type, id)) > 0;
}

IndexStats Index::Stats() const {
  std::shared_lock lock(mu_);
  const State& st = *state_;
  IndexStats s;
  s.documents = st.live;
  s.slots = st.docs.size();
  s.terms = st.lists.size();
  s.postings = st.postings;
  s.text_bytes = st.text_bytes;
  size_t bytes = st.docs.capacity() * sizeof(DocMeta) + st.lengths.capacity() * sizeof(float);
  for (const auto& m : st.docs) {
    bytes += m.targets.capacity() * sizeof(uint32_t) + m.concepts.capacity() * sizeof(uint32_t);
  }
  for (const auto& pl : st.lists) {
    bytes += sizeof(PostingList) + pl.docs.capacity() * sizeof(uint32_t) + pl.units.capacity() * sizeof(uint16_t);
  }
  for (const auto& [term, id] : st.term_ids) bytes += term.capacity() + sizeof(term) + 2 * sizeof(void*) + 8;
  for (const auto& t : st.folded_latin) bytes += t.capacity() + sizeof(t) + 4 * sizeof(void*);
  for (const auto& [key, slot] : st.slot_of) bytes += key.capacity() + sizeof(key) + 2 * sizeof(void*) + 8;
  s.memory_bytes = bytes;
  return s;
}

}  // namespace hoptac::index
