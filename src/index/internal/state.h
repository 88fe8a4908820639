// The index's internal state and the term vocabulary shared by indexing and querying. Only
// index/*.cc include this. Everything here is guarded by Index::mu_ (see index.h).
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "index/index.h"

namespace hoptac::index {

// Term namespaces: a byte in front of the term keeps kinds of terms apart in one dictionary.
inline constexpr char kFoldedNs = '\x01';    // folded form (no diacritics, stem)
inline constexpr char kConceptNs = '\x02';   // a thesaurus concept the text mentions
inline constexpr char kAncestorNs = '\x03';  // a concept above one the text mentions
inline constexpr char kNameNs = '\x04';      // a cross-script name key

// Term frequencies are stored in half units, so a field weight of 0.5 still counts.
inline constexpr float kUnitsPerOccurrence = 2.0f;

struct PostingList {
  std::vector<uint32_t> docs;   // slot numbers, ascending
  std::vector<uint16_t> units;  // weighted frequency in half units, parallel to docs
  uint16_t max_units = 0;
};

// A small string dictionary for filter attributes ("offer" -> 1). Code 0 means "none".
class Dict {
 public:
  uint32_t Code(const std::string& value);
  std::optional<uint32_t> Find(const std::string& value) const;
  const std::string& Value(uint32_t code) const { return values_[code]; }
  size_t size() const { return values_.size(); }

 private:
  std::vector<std::string> values_ = {""};
  std::unordered_map<std::string, uint32_t> codes_;
};

struct DocMeta {
  int64_t id = 0;
  int64_t organisation = 0;
  bool alive = false;
  uint8_t type = 0;     // codes in State::types
  uint32_t kind = 0, subject = 0, status = 0, country = 0, locality = 0;  // Dict codes
  int32_t date = 0;     // yyyymmdd, 0 = none
  float length = 0;     // weighted number of words
  std::vector<uint32_t> targets;   // country codes
  std::vector<uint32_t> concepts;  // thesaurus positions of concepts the text mentions
  std::string title, title_lang, summary, summary_lang;
};

// One document analysed into terms, ready to be inserted (computed without holding the lock).
struct AnalysedDoc {
  std::vector<std::pair<std::string, uint16_t>> terms;  // distinct terms with units
  std::vector<uint32_t> concepts;
  float length = 0;
};

struct Index::State {
  std::unordered_map<std::string, uint32_t> term_ids;
  std::vector<PostingList> lists;
  std::set<std::string, std::less<>> folded_latin;  // folded Latin terms, sorted, for prefixes and typos
  std::vector<DocMeta> docs;                        // by slot
  // The length of each slot's document, or -1 once tombstoned: the one per-document value the
  // scoring loop reads, kept dense so a posting costs a 4-byte load rather than a DocMeta line.
  std::vector<float> lengths;
  std::unordered_map<std::string, uint32_t> slot_of;  // "type/id" -> slot
  std::unordered_map<int64_t, std::vector<uint32_t>> profiles_of;  // organisation -> profile slots
  Dict types, attrs, countries, localities;
  size_t live = 0;
  double total_length = 0;
  size_t postings = 0;
  size_t text_bytes = 0;

  static std::string Key(std::string_view type, int64_t id) { return std::string(type) + '/' + std::to_string(id); }
  double AverageLength() const { return live ? total_length / static_cast<double>(live) : 1.0; }
  const PostingList* List(std::string_view term) const {
    auto it = term_ids.find(std::string(term));
    return it == term_ids.end() ? nullptr : &lists[it->second];
  }
};

// --- shared by indexing and querying (analysis.cc) --------------------------------------------

struct TokenSpan {
  uint32_t begin, end;
};

// True for words written in ASCII letters and digits (where prefixes and typos make sense).
bool IsLatinWord(std::string_view term);
// Name keys of a text's words and adjacent word pairs ("Quảng Tây" -> "quang", "tay", "quangtay").
std::vector<std::string> NameKeysOf(std::string_view text, const std::vector<TokenSpan>& spans);

AnalysedDoc AnalyseDoc(const DocInput& doc, const IndexOptions& options);

// BM25 with k1 = 1.2, b = 0.75 on weighted frequencies.
inline float Bm25(float idf, float units, float length, float avg_length) {
  constexpr float k1 = 1.2f, b = 0.75f;
  float tf = units / kUnitsPerOccurrence;
  return idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / avg_length));
}
float Idf(size_t n, size_t df);

// Parses "YYYY-MM-DD" (or "YYYY") to yyyymmdd; 0 when empty or malformed.
int32_t DateNumber(std::string_view date);

}  // namespace hoptac::index
