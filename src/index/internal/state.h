// The index's internal state and the term vocabulary shared by indexing and querying. Only
// index/*.cc include this. Everything here is guarded by Index::mu_ (see index.h).
//
// Memory layout, per document (slot): a 64-byte DocMeta with every attribute as a small code
// (strings interned in Dicts), its display text in one shared arena, its concepts and target
// countries in another; a dense float (its length) read by the scoring loop;
// one bit in each bit set of the values it has (type, kind, subject, status, country, countries it
// reaches), which is how filters and facets are computed; its postings, bit-packed (postings.h).
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "index/index.h"
#include "index/internal/bitmap.h"
#include "index/internal/postings.h"

namespace hoptac::index {

// Term namespaces: a byte in front of the term keeps kinds of terms apart in one dictionary.
inline constexpr char kFoldedNs = '\x01';    // folded form (no diacritics, stem)
inline constexpr char kConceptNs = '\x02';   // a thesaurus concept the text mentions
inline constexpr char kAncestorNs = '\x03';  // a concept above one the text mentions
inline constexpr char kNameNs = '\x04';      // a cross-script name key

// Term frequencies are stored in half units, so a field weight of 0.5 still counts.
inline constexpr float kUnitsPerOccurrence = 2.0f;

inline constexpr uint32_t kNoSlot = UINT32_MAX;

// A small string dictionary for attributes ("offer" -> 1). Code 0 means "none". Codes are capped at
// `max_code`: attributes are enumerations (kinds, statuses, countries, languages), so the cap is
// never reached in practice; past it, new values share the last code and cannot be told apart.
class Dict {
 public:
  explicit Dict(uint32_t max_code = UINT32_MAX - 1) : max_code_(max_code) {}
  uint32_t Code(const std::string& value);
  std::optional<uint32_t> Find(const std::string& value) const;
  const std::string& Value(uint32_t code) const { return values_[code]; }
  size_t size() const { return values_.size(); }
  size_t MemoryBytes() const;

 private:
  uint32_t max_code_;
  std::vector<std::string> values_ = {""};
  std::unordered_map<std::string, uint32_t> codes_;
};

struct DocMeta {
  int64_t id = 0;
  uint64_t text = 0;             // offset in State::text of the title, followed by the summary
  uint32_t title_size = 0, summary_size = 0;
  uint32_t organisation = 0;     // code in State::org_codes (profiles only), 0 = none
  uint32_t next_in_org = kNoSlot;  // the next older profile of the same organisation
  uint32_t extra = 0;            // offset in State::extras: concept positions (sorted), then target countries
  uint16_t concepts = 0, targets = 0;
  uint32_t locality = 0;         // State::localities code
  int32_t date = 0;              // yyyymmdd, 0 = none
  float length = 0;              // weighted number of words
  uint16_t kind = 0, subject = 0, status = 0;  // State::attrs codes
  uint16_t country = 0;          // State::countries code
  uint8_t type = 0;              // State::types code
  uint8_t title_lang = 0, summary_lang = 0;  // State::langs codes
  bool alive = false;
};
static_assert(sizeof(DocMeta) == 64, "one cache line per document");

// One analysed document, ready to be inserted (computed without holding the lock).
struct AnalysedDoc {
  std::vector<std::pair<std::string, uint16_t>> terms;  // distinct terms with units
  std::vector<uint32_t> concepts;
  float length = 0;
};

// (type, id) -> slot: open addressing with linear probing over slot numbers (4 bytes a cell, at most
// half full), the keys read from the DocMeta of the slot.
class SlotTable {
 public:
  uint32_t Find(const std::vector<DocMeta>& docs, uint8_t type, int64_t id) const;
  void Insert(const std::vector<DocMeta>& docs, uint32_t slot);
  void Erase(const std::vector<DocMeta>& docs, uint32_t slot);
  void Rebuild(const std::vector<DocMeta>& docs);  // every live slot
  size_t MemoryBytes() const { return cells_.capacity() * sizeof(uint32_t); }

 private:
  static size_t Hash(uint8_t type, int64_t id);
  void Grow(const std::vector<DocMeta>& docs);
  std::vector<uint32_t> cells_;
  size_t used_ = 0;
};

// Hashes std::string and std::string_view alike, so that looking a term up needs no copy.
struct TermHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};

struct Index::State {
  // Terms.
  std::unordered_map<std::string, uint32_t, TermHash, std::equal_to<>> term_ids;
  std::vector<PostingList> lists;
  std::set<std::string, std::less<>> folded_latin;  // folded Latin terms, sorted, for prefixes and typos
  std::vector<Bitmap> dense;                        // bit sets of dense lists (PostingList::bitmap)

  // Documents, by slot.
  std::vector<DocMeta> docs;
  // The length of each slot's document: the one per-document value the scoring loop reads, kept
  // dense. (Whether a slot is live is in `alive`.)
  std::vector<float> lengths;
  std::string text;                  // display text arena
  std::vector<uint32_t> extras;      // concept positions and target country codes
  SlotTable slots;
  std::unordered_map<int64_t, uint32_t> org_codes;  // organisation id -> code (1..)
  std::vector<uint32_t> org_heads = {kNoSlot};      // by code: newest profile slot (a list through next_in_org)
  Dict types{255}, attrs{65535}, countries{65535}, localities, langs{255};

  // Bit sets of live slots, and of the slots having each value (indexed by code; code 0 is unused).
  Bitmap alive;
  std::vector<Bitmap> type_bits, kind_bits, subject_bits, status_bits, country_bits;
  std::vector<Bitmap> reach_bits;  // own country or a target country, for the country filter

  size_t live = 0;
  double total_length = 0;
  size_t postings = 0;
  size_t text_bytes = 0;   // live display text
  size_t dead_bytes = 0;   // display text and extras of tombstoned documents, until compaction

  double AverageLength() const { return live ? total_length / static_cast<double>(live) : 1.0; }
  const PostingList* List(std::string_view term) const {
    auto it = term_ids.find(term);
    return it == term_ids.end() ? nullptr : &lists[it->second];
  }
  uint32_t SlotOf(std::string_view type, int64_t id) const {
    auto t = types.Find(std::string(type));
    return t ? slots.Find(docs, static_cast<uint8_t>(*t), id) : kNoSlot;
  }
  std::string_view Title(const DocMeta& m) const { return std::string_view(text).substr(m.text, m.title_size); }
  std::string_view Summary(const DocMeta& m) const {
    return std::string_view(text).substr(m.text + m.title_size, m.summary_size);
  }
  const uint32_t* Concepts(const DocMeta& m) const { return extras.data() + m.extra; }
  const uint32_t* Targets(const DocMeta& m) const { return extras.data() + m.extra + m.concepts; }
  size_t words() const { return (docs.size() + 63) / 64; }  // of a bit set over every slot
};

// --- shared by indexing and querying (analysis.cc) --------------------------------------------

struct TokenSpan {
  uint32_t begin, end;
};

// True for words written in ASCII letters and digits (where prefixes and typos make sense).
bool IsLatinWord(std::string_view term);
// Name keys of words and word pairs, by their text: a bulk load keeps one, because organisation names
// and places recur in many profiles and transliterating them (ICU) is the slowest part of indexing.
using NameKeyCache = std::unordered_map<std::string, std::vector<std::string>>;
// Name keys of a text's words and adjacent word pairs ("Quảng Tây" -> "quang", "tay", "quangtay");
// `cache` may be null.
std::vector<std::string> NameKeysOf(std::string_view text, const std::vector<TokenSpan>& spans, NameKeyCache* cache);

AnalysedDoc AnalyseDoc(const DocInput& doc, const IndexOptions& options, NameKeyCache* name_keys = nullptr);

// BM25 with k1 = 1.2, b = 0.75 on weighted frequencies.
inline float Bm25(float idf, float units, float length, float avg_length) {
  constexpr float k1 = 1.2f, b = 0.75f;
  float tf = units / kUnitsPerOccurrence;
  return idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / avg_length));
}
// Never below a small positive value (df can exceed the live count while tombstones wait for
// compaction), so every score is positive and upper bounds hold.
float Idf(size_t n, size_t df);

// Parses "YYYY-MM-DD" (or "YYYY") to yyyymmdd; 0 when empty or malformed.
int32_t DateNumber(std::string_view date);

}  // namespace hoptac::index
