// Index maintenance: adding, replacing and removing documents; compaction; statistics.
#include "index/index.h"

#include <algorithm>
#include <mutex>

#include "index/internal/state.h"

namespace hoptac::index {

namespace {

// A posting list holding at least 1/kDenseShare of all slots (and kDenseMinimum postings) also
// keeps a bit set of its slots, so that counting a query's matches ORs words instead of unpacking
// postings; it loses it when it falls under half that share (checked after bulk loads).
constexpr size_t kDenseShare = 16;
constexpr size_t kDenseMinimum = 256;

size_t HeapBytes(const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 : 0; }

void SetIn(std::vector<Bitmap>& bits, uint32_t code, uint32_t slot) {
  if (code == 0) return;
  if (bits.size() <= code) bits.resize(code + 1);
  bits[code].Set(slot);
}

void ClearIn(std::vector<Bitmap>& bits, uint32_t code, uint32_t slot) {
  if (code != 0 && code < bits.size()) bits[code].Clear(slot);
}

void MakeDense(Index::State& st, PostingList& pl) {
  Bitmap bits;
  pl.ForEach([&](uint32_t doc, uint16_t) { bits.Set(doc); });
  pl.bitmap = static_cast<uint32_t>(st.dense.size());
  st.dense.push_back(std::move(bits));
}

// The bit sets of a document's attribute values: set (adding) or cleared (tombstoning).
template <typename Op>
void MarkValues(Index::State& st, const DocMeta& m, uint32_t slot, Op op) {
  op(st.type_bits, m.type, slot);
  op(st.kind_bits, m.kind, slot);
  op(st.subject_bits, m.subject, slot);
  op(st.status_bits, m.status, slot);
  op(st.country_bits, m.country, slot);
  op(st.reach_bits, m.country, slot);
  const uint32_t* targets = st.Targets(m);
  for (uint16_t i = 0; i < m.targets; ++i) op(st.reach_bits, targets[i], slot);
}

void LinkToOrganisation(Index::State& st, DocMeta& m, uint32_t slot) {
  if (!m.organisation) return;
  m.next_in_org = st.org_heads[m.organisation];
  st.org_heads[m.organisation] = slot;
}

// Inserts an analysed document into a new slot. Caller holds the lock exclusively.
void Insert(Index::State& st, const DocInput& doc, AnalysedDoc analysed) {
  const uint32_t slot = static_cast<uint32_t>(st.docs.size());
  DocMeta m;
  m.id = doc.id;
  m.alive = true;
  m.type = static_cast<uint8_t>(st.types.Code(doc.type));
  m.kind = static_cast<uint16_t>(st.attrs.Code(doc.kind));
  m.subject = static_cast<uint16_t>(st.attrs.Code(doc.subject));
  m.status = static_cast<uint16_t>(st.attrs.Code(doc.status));
  m.country = static_cast<uint16_t>(st.countries.Code(doc.country));
  m.locality = st.localities.Code(doc.locality);
  m.date = DateNumber(doc.date);
  m.length = std::max(1.0f, analysed.length);
  m.text = st.text.size();
  m.title_size = static_cast<uint32_t>(doc.title.size());
  m.summary_size = static_cast<uint32_t>(doc.summary.size());
  st.text += doc.title;
  st.text += doc.summary;
  m.title_lang = static_cast<uint8_t>(st.langs.Code(doc.title_lang));
  m.summary_lang = static_cast<uint8_t>(st.langs.Code(doc.summary_lang));
  m.extra = static_cast<uint32_t>(st.extras.size());
  m.concepts = static_cast<uint16_t>(std::min<size_t>(analysed.concepts.size(), UINT16_MAX));
  st.extras.insert(st.extras.end(), analysed.concepts.begin(), analysed.concepts.begin() + m.concepts);
  for (const auto& c : doc.target_countries) {
    if (m.targets == UINT16_MAX) break;
    st.extras.push_back(st.countries.Code(c));
    ++m.targets;
  }
  st.text_bytes += m.title_size + m.summary_size;
  if (doc.type == "profile" && doc.organisation) {
    auto [it, inserted] = st.org_codes.try_emplace(doc.organisation, static_cast<uint32_t>(st.org_heads.size()));
    if (inserted) st.org_heads.push_back(kNoSlot);
    m.organisation = it->second;
    LinkToOrganisation(st, m, slot);
  }
  st.alive.Set(slot);
  MarkValues(st, m, slot, SetIn);
  st.lengths.push_back(m.length);
  for (auto& [term, units] : analysed.terms) {
    auto [it, inserted] = st.term_ids.try_emplace(term, static_cast<uint32_t>(st.lists.size()));
    if (inserted) {
      st.lists.emplace_back();
      if (term.size() > 1 && term[0] == kFoldedNs && IsLatinWord(std::string_view(term).substr(1)))
        st.folded_latin.insert(term.substr(1));
    }
    PostingList& pl = st.lists[it->second];
    pl.Append(slot, units, st.lengths.data());
    if (pl.bitmap != kNoBitmap) {
      st.dense[pl.bitmap].Set(slot);
    } else if (pl.df >= kDenseMinimum && pl.df * kDenseShare >= slot + 1) {
      MakeDense(st, pl);
    }
    ++st.postings;
  }
  st.total_length += m.length;
  ++st.live;
  st.docs.push_back(m);
  st.slots.Insert(st.docs, slot);
}

void Tombstone(Index::State& st, uint32_t slot) {
  DocMeta& m = st.docs[slot];
  if (!m.alive) return;
  st.slots.Erase(st.docs, slot);
  m.alive = false;
  --st.live;
  st.total_length -= m.length;
  st.text_bytes -= m.title_size + m.summary_size;
  st.dead_bytes += m.title_size + m.summary_size + (m.concepts + m.targets) * sizeof(uint32_t);
  st.alive.Clear(slot);
  MarkValues(st, m, slot, ClearIn);
  if (m.organisation) {
    uint32_t* link = &st.org_heads[m.organisation];
    while (*link != kNoSlot && *link != slot) link = &st.docs[*link].next_in_org;
    if (*link == slot) *link = m.next_in_org;
    m.next_in_org = kNoSlot;
  }
}

// Gives dense lists their bit sets and takes them from lists that are no longer dense.
void RebalanceDense(Index::State& st) {
  const size_t slots = st.docs.size();
  bool dropped = false;
  for (auto& pl : st.lists) {
    if (pl.bitmap != kNoBitmap && pl.df * kDenseShare * 2 < slots) {
      st.dense[pl.bitmap] = Bitmap();
      pl.bitmap = kNoBitmap;
      dropped = true;
    } else if (pl.bitmap == kNoBitmap && pl.df >= kDenseMinimum && pl.df * kDenseShare >= slots) {
      MakeDense(st, pl);
    }
  }
  if (!dropped) return;
  // Renumber the remaining bit sets.
  std::vector<Bitmap> dense;
  for (auto& pl : st.lists) {
    if (pl.bitmap == kNoBitmap) continue;
    dense.push_back(std::move(st.dense[pl.bitmap]));
    pl.bitmap = static_cast<uint32_t>(dense.size() - 1);
  }
  st.dense = std::move(dense);
}

void ShrinkToFit(Index::State& st) {
  for (auto& pl : st.lists) pl.ShrinkToFit();
  for (auto& b : st.dense) b.ShrinkToFit();
  for (auto* family : {&st.type_bits, &st.kind_bits, &st.subject_bits, &st.status_bits, &st.country_bits,
                       &st.reach_bits}) {
    for (auto& b : *family) b.ShrinkToFit();
  }
  st.alive.ShrinkToFit();
  st.docs.shrink_to_fit();
  st.lengths.shrink_to_fit();
  st.text.shrink_to_fit();
  st.extras.shrink_to_fit();
}

// Drops tombstoned slots once they are a quarter of all slots: renumbers live documents, rewrites
// every posting list, the text and extras arenas and the bit sets. O(postings); runs under the
// exclusive lock.
void MaybeCompact(Index::State& st) {
  const size_t dead = st.docs.size() - st.live;
  if (dead < 1024 || dead * 4 < st.docs.size()) return;
  std::vector<uint32_t> remap(st.docs.size(), kNoSlot);
  std::vector<DocMeta> docs;
  std::string text;
  std::vector<uint32_t> extras;
  docs.reserve(st.live);
  text.reserve(st.text_bytes);
  extras.reserve(st.extras.size());
  for (uint32_t s = 0; s < st.docs.size(); ++s) {
    DocMeta m = st.docs[s];
    if (!m.alive) continue;
    remap[s] = static_cast<uint32_t>(docs.size());
    const size_t text_size = m.title_size + m.summary_size;
    text.append(st.text, m.text, text_size);
    m.text = text.size() - text_size;
    const uint32_t* extra = st.extras.data() + m.extra;
    m.extra = static_cast<uint32_t>(extras.size());
    extras.insert(extras.end(), extra, extra + m.concepts + m.targets);
    docs.push_back(m);
  }
  st.docs = std::move(docs);
  st.text = std::move(text);
  st.extras = std::move(extras);
  st.dead_bytes = 0;
  st.lengths.clear();
  for (const auto& m : st.docs) st.lengths.push_back(m.length);

  st.alive = Bitmap();
  for (auto* family : {&st.type_bits, &st.kind_bits, &st.subject_bits, &st.status_bits, &st.country_bits,
                       &st.reach_bits}) {
    family->assign(family->size(), Bitmap());
  }
  std::fill(st.org_heads.begin(), st.org_heads.end(), kNoSlot);
  for (uint32_t s = 0; s < st.docs.size(); ++s) {
    DocMeta& m = st.docs[s];
    st.alive.Set(s);
    MarkValues(st, m, s, SetIn);
    LinkToOrganisation(st, m, s);
  }

  st.postings = 0;
  st.dense.clear();
  for (auto& pl : st.lists) {
    PostingList rewritten;
    pl.ForEach([&](uint32_t doc, uint16_t units) {
      const uint32_t to = remap[doc];
      if (to != kNoSlot) rewritten.Append(to, units, st.lengths.data());
    });
    rewritten.ShrinkToFit();
    st.postings += rewritten.df;
    pl = std::move(rewritten);
  }
  RebalanceDense(st);
  st.slots.Rebuild(st.docs);
}

}  // namespace

// --- SlotTable ---------------------------------------------------------------------------------

size_t SlotTable::Hash(uint8_t type, int64_t id) {
  uint64_t x = static_cast<uint64_t>(id) * 0x9E3779B97F4A7C15ULL ^ (static_cast<uint64_t>(type) << 56);
  x ^= x >> 29;
  x *= 0xBF58476D1CE4E5B9ULL;
  return static_cast<size_t>(x ^ (x >> 32));
}

uint32_t SlotTable::Find(const std::vector<DocMeta>& docs, uint8_t type, int64_t id) const {
  if (cells_.empty()) return kNoSlot;
  const size_t mask = cells_.size() - 1;
  for (size_t i = Hash(type, id) & mask;; i = (i + 1) & mask) {
    const uint32_t s = cells_[i];
    if (s == kNoSlot) return kNoSlot;
    if (docs[s].id == id && docs[s].type == type) return s;
  }
}

void SlotTable::Insert(const std::vector<DocMeta>& docs, uint32_t slot) {
  if ((used_ + 1) * 2 > cells_.size()) Grow(docs);
  const size_t mask = cells_.size() - 1;
  size_t i = Hash(docs[slot].type, docs[slot].id) & mask;
  while (cells_[i] != kNoSlot) i = (i + 1) & mask;
  cells_[i] = slot;
  ++used_;
}

void SlotTable::Erase(const std::vector<DocMeta>& docs, uint32_t slot) {
  if (cells_.empty()) return;
  const size_t mask = cells_.size() - 1;
  size_t i = Hash(docs[slot].type, docs[slot].id) & mask;
  while (cells_[i] != slot) {
    if (cells_[i] == kNoSlot) return;
    i = (i + 1) & mask;
  }
  // Backward-shift deletion: pull later cells of the probe run into the hole.
  cells_[i] = kNoSlot;
  --used_;
  for (size_t j = (i + 1) & mask; cells_[j] != kNoSlot; j = (j + 1) & mask) {
    const size_t home = Hash(docs[cells_[j]].type, docs[cells_[j]].id) & mask;
    const bool movable = i <= j ? (home <= i || home > j) : (home <= i && home > j);
    if (movable) {
      cells_[i] = cells_[j];
      cells_[j] = kNoSlot;
      i = j;
    }
  }
}

void SlotTable::Grow(const std::vector<DocMeta>& docs) {
  std::vector<uint32_t> old = std::move(cells_);
  cells_.assign(std::max<size_t>(16, old.size() * 2), kNoSlot);
  used_ = 0;
  for (uint32_t s : old) {
    if (s != kNoSlot) Insert(docs, s);
  }
}

void SlotTable::Rebuild(const std::vector<DocMeta>& docs) {
  size_t live = 0;
  for (const auto& m : docs) live += m.alive;
  size_t size = 16;
  while (size < live * 2 + 2) size *= 2;
  cells_.assign(size, kNoSlot);
  used_ = 0;
  for (uint32_t s = 0; s < docs.size(); ++s) {
    if (docs[s].alive) Insert(docs, s);
  }
}

// --- Index -------------------------------------------------------------------------------------

Index::Index(const IndexOptions& options) : options_(options), state_(std::make_unique<State>()) {}
Index::~Index() = default;

void Index::Upsert(const DocInput& doc) {
  AnalysedDoc analysed = AnalyseDoc(doc, options_);  // the slow part, outside the lock
  std::unique_lock lock(mu_);
  State& st = *state_;
  if (uint32_t slot = st.SlotOf(doc.type, doc.id); slot != kNoSlot) Tombstone(st, slot);
  Insert(st, doc, std::move(analysed));
  MaybeCompact(st);
}

void Index::Bulk(const std::vector<DocInput>& docs) {
  constexpr size_t kBatch = 512;
  NameKeyCache name_keys;
  for (size_t from = 0; from < docs.size(); from += kBatch) {
    size_t to = std::min(docs.size(), from + kBatch);
    std::vector<AnalysedDoc> analysed;
    analysed.reserve(to - from);
    for (size_t i = from; i < to; ++i) analysed.push_back(AnalyseDoc(docs[i], options_, &name_keys));
    if (name_keys.size() > 200'000) name_keys.clear();  // bounded: words and pairs of names recur
    std::unique_lock lock(mu_);
    State& st = *state_;
    for (size_t i = from; i < to; ++i) {
      if (uint32_t slot = st.SlotOf(docs[i].type, docs[i].id); slot != kNoSlot) Tombstone(st, slot);
      Insert(st, docs[i], std::move(analysed[i - from]));
    }
    MaybeCompact(st);
  }
  // Bulk loads happen once, at start-up: give back the vectors' growth slack.
  std::unique_lock lock(mu_);
  RebalanceDense(*state_);
  ShrinkToFit(*state_);
}

void Index::Remove(const std::string& type, int64_t id) {
  std::unique_lock lock(mu_);
  State& st = *state_;
  const uint32_t slot = st.SlotOf(type, id);
  if (slot == kNoSlot) return;
  Tombstone(st, slot);
  MaybeCompact(st);
}

std::vector<int64_t> Index::ProfilesOf(int64_t organisation) const {
  std::shared_lock lock(mu_);
  const State& st = *state_;
  std::vector<int64_t> out;
  auto it = st.org_codes.find(organisation);
  if (it == st.org_codes.end()) return out;
  for (uint32_t s = st.org_heads[it->second]; s != kNoSlot; s = st.docs[s].next_in_org) out.push_back(st.docs[s].id);
  std::reverse(out.begin(), out.end());  // oldest first
  return out;
}

bool Index::Contains(const std::string& type, int64_t id) const {
  std::shared_lock lock(mu_);
  return state_->SlotOf(type, id) != kNoSlot;
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
  // Heap bytes as allocated (capacities); hash-table nodes and buckets estimated for libstdc++.
  constexpr size_t kNode = 2 * sizeof(void*);  // allocation header and next pointer
  size_t bytes = st.docs.capacity() * sizeof(DocMeta) + st.lengths.capacity() * sizeof(float) +
                 st.extras.capacity() * sizeof(uint32_t) + (st.text.capacity() - st.text_bytes) +
                 st.slots.MemoryBytes() + st.org_heads.capacity() * sizeof(uint32_t) +
                 st.org_codes.bucket_count() * sizeof(void*) + st.org_codes.size() * (kNode + 16) +
                 st.lists.capacity() * sizeof(PostingList) + st.alive.bytes();
  for (const auto& pl : st.lists) bytes += pl.MemoryBytes() - sizeof(PostingList);
  for (const auto& b : st.dense) bytes += b.bytes();
  for (const auto* family : {&st.type_bits, &st.kind_bits, &st.subject_bits, &st.status_bits, &st.country_bits,
                             &st.reach_bits}) {
    for (const auto& b : *family) bytes += b.bytes() + sizeof(Bitmap);
  }
  bytes += st.term_ids.bucket_count() * sizeof(void*);
  for (const auto& [term, id] : st.term_ids) bytes += kNode + sizeof(term) + 16 + HeapBytes(term);
  for (const auto& t : st.folded_latin) bytes += kNode + 3 * sizeof(void*) + sizeof(t) + HeapBytes(t);
  for (const Dict* d : {&st.types, &st.attrs, &st.countries, &st.localities, &st.langs}) bytes += d->MemoryBytes();
  s.memory_bytes = bytes;
  return s;
}

}  // namespace hoptac::index
