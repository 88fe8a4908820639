// Turning text into index terms, for documents and for queries alike.
#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "index/internal/query.h"
#include "index/internal/state.h"
#include "text/analyzer.h"
#include "text/concept_tagger.h"
#include "text/language_id.h"
#include "text/name_keys.h"
#include "text/thesaurus.h"

namespace hoptac::index {

namespace {

uint32_t ConceptPosition(const text::Thesaurus& thesaurus, const text::Concept* c) {
  return static_cast<uint32_t>(c - thesaurus.concepts().data());
}

std::string ResolveLang(std::string_view text, std::string_view lang) {
  if (!lang.empty() && lang != "und") return std::string(lang);
  return text::DetectLanguage(text);
}

}  // namespace

uint32_t Dict::Code(const std::string& value) {
  if (value.empty()) return 0;
  auto it = codes_.find(value);
  if (it != codes_.end()) return it->second;
  if (values_.size() > max_code_) return max_code_;
  codes_.emplace(value, static_cast<uint32_t>(values_.size()));
  values_.push_back(value);
  return static_cast<uint32_t>(values_.size() - 1);
}

size_t Dict::MemoryBytes() const {
  size_t bytes = values_.capacity() * sizeof(std::string) + codes_.bucket_count() * sizeof(void*);
  for (const auto& v : values_) bytes += v.capacity() > 15 ? v.capacity() + 1 : 0;
  return bytes + codes_.size() * (sizeof(std::string) + 2 * sizeof(void*)) * 2;
}

std::optional<uint32_t> Dict::Find(const std::string& value) const {
  if (value.empty()) return 0;
  auto it = codes_.find(value);
  if (it == codes_.end()) return std::nullopt;
  return it->second;
}

bool IsLatinWord(std::string_view term) {
  if (term.empty()) return false;
  return std::all_of(term.begin(), term.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  });
}

std::vector<std::string> NameKeysOf(std::string_view text, const std::vector<TokenSpan>& spans,
                                    NameKeyCache* cache) {
  std::vector<std::string> keys;
  auto add = [&](uint32_t begin, uint32_t end) {
    std::string_view words = text.substr(begin, end - begin);
    if (!cache) {
      for (auto& k : text::NameKeys(words)) keys.push_back(std::move(k));
      return;
    }
    auto it = cache->find(std::string(words));
    if (it == cache->end()) it = cache->emplace(std::string(words), text::NameKeys(words)).first;
    keys.insert(keys.end(), it->second.begin(), it->second.end());
  };
  for (size_t i = 0; i < spans.size(); ++i) {
    add(spans[i].begin, spans[i].end);
    if (i + 1 < spans.size()) add(spans[i].begin, spans[i + 1].end);
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

float Idf(size_t n, size_t df) {
  double d = static_cast<double>(df);
  return std::max(1e-6f, static_cast<float>(std::log(1.0 + (static_cast<double>(n) - d + 0.5) / (d + 0.5))));
}

int32_t DateNumber(std::string_view date) {
  int32_t v = 0;
  int digits = 0;
  for (char c : date) {
    if (c == '-') continue;
    if (c < '0' || c > '9') return 0;
    v = v * 10 + (c - '0');
    ++digits;
  }
  if (digits == 4) return v * 10000 + 101;
  return digits == 8 ? v : 0;
}

AnalysedDoc AnalyseDoc(const DocInput& doc, const IndexOptions& options, NameKeyCache* name_keys) {
  std::unordered_map<std::string, float> units;
  std::unordered_map<uint32_t, float> concepts;
  AnalysedDoc out;
  for (const auto& part : doc.parts) {
    if (part.text.empty()) continue;
    std::string lang = ResolveLang(part.text, part.lang);
    const text::Analyzer& analyzer = options.analyzers.For(lang);
    auto tokens = analyzer.Analyze(part.text, {.phrases = true});
    const float w = part.weight * kUnitsPerOccurrence;
    std::vector<TokenSpan> spans;
    for (const auto& t : tokens) {
      units[t.term] += w;
      if (t.folded != t.term || !t.Has(text::kTokenIdeographic)) units[kFoldedNs + t.folded] += w;
      if (!t.Has(text::kTokenPhrase)) {
        out.length += part.weight;
        spans.push_back({t.begin, t.end});
      }
    }
    if (part.name) {
      for (const auto& key : NameKeysOf(part.text, spans, name_keys)) units[kNameNs + key] += w;
    }
    if (options.tagger && options.thesaurus) {
      for (const auto& m : options.tagger->Tag(tokens, lang)) {
        concepts[ConceptPosition(*options.thesaurus, m.tag)] += part.weight;
      }
    }
  }
  for (const auto& [position, weight] : concepts) {
    const auto& c = options.thesaurus->concepts()[position];
    units[kConceptNs + c.id] += weight * kUnitsPerOccurrence;
    out.concepts.push_back(position);
    for (const auto* a : options.thesaurus->Ancestors(c.id)) units[kAncestorNs + a->id] += kUnitsPerOccurrence;
  }
  std::sort(out.concepts.begin(), out.concepts.end());
  out.terms.reserve(units.size());
  for (auto& [term, u] : units) {
    out.terms.emplace_back(term, static_cast<uint16_t>(std::min(65535.0f, std::round(u))));
  }
  return out;
}

namespace {

// The longest query word that gets one-edit typo variants (a fuzzer's 1000-letter word made a
// search build 53,000 candidate strings of 1 KB each).
constexpr size_t kMaxTypoWordBytes = 32;

// One-edit variants of an ASCII word that exist in the folded vocabulary. Candidates are written
// into one buffer (namespace byte, then the word) and looked up without allocating.
std::vector<std::string> TypoVariants(const Index::State& state, const std::string& word, size_t max) {
  std::vector<std::string> found;
  std::string probe;
  probe.reserve(word.size() + 2);
  auto check = [&] {
    if (found.size() >= max) return;
    const std::string_view candidate = std::string_view(probe).substr(1);
    if (candidate != word && state.term_ids.find(std::string_view(probe)) != state.term_ids.end() &&
        std::find(found.begin(), found.end(), candidate) == found.end())
      found.emplace_back(candidate);
  };
  auto reset = [&] { probe.assign(1, kFoldedNs).append(word); };
  static constexpr std::string_view kAlphabet = "abcdefghijklmnopqrstuvwxyz";
  for (size_t i = 0; i < word.size(); ++i) {  // deletion
    reset();
    probe.erase(i + 1, 1);
    check();
  }
  for (size_t i = 0; i + 1 < word.size(); ++i) {  // transposition
    reset();
    std::swap(probe[i + 1], probe[i + 2]);
    check();
  }
  reset();
  for (size_t i = 0; i < word.size(); ++i) {  // substitution
    for (char c : kAlphabet) {
      if (c == word[i]) continue;
      probe[i + 1] = c;
      check();
    }
    probe[i + 1] = word[i];
  }
  for (size_t i = 0; i <= word.size(); ++i) {  // insertion
    reset();
    probe.insert(probe.begin() + static_cast<long>(i) + 1, 'a');
    for (char c : kAlphabet) {
      probe[i + 1] = c;
      check();
    }
  }
  return found;
}

}  // namespace

AnalysedQuery AnalyseQuery(const Index::State& state, const IndexOptions& options, std::string_view query,
                           std::string_view lang, const QueryAnalysisOptions& qopts) {
  AnalysedQuery out;
  out.lang = ResolveLang(query, lang);
  const text::Analyzer& analyzer = options.analyzers.For(out.lang);
  auto tokens = analyzer.Analyze(query, {.phrases = true});

  std::unordered_map<std::string, QueryList> lists;  // term -> list, keeping the highest weight
  const size_t n = std::max<size_t>(state.live, 1);
  auto add = [&](const std::string& term, float weight, int word) {
    const PostingList* list = state.List(term);
    if (!list || list->df == 0) return;
    auto [it, inserted] = lists.try_emplace(term);
    QueryList& q = it->second;
    if (inserted) {
      q = {.list = list, .weight = weight, .idf = Idf(n, list->df), .term = term, .word = word};
    } else if (qopts.use_frequencies) {
      q.weight = std::min(q.weight + weight * 0.5f, weight * 3);
    } else {
      q.weight = std::max(q.weight, weight);
    }
  };

  std::vector<TokenSpan> spans;
  int last_word = -1;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (!tokens[i].Has(text::kTokenPhrase)) last_word = static_cast<int>(i);
  }
  for (size_t i = 0; i < tokens.size(); ++i) {
    const auto& t = tokens[i];
    const int word = static_cast<int>(i);
    const bool phrase = t.Has(text::kTokenPhrase);
    const float ww = qopts.word_weight;
    add(t.term, ww * (phrase ? 0.8f : 1.0f), word);
    add(kFoldedNs + t.folded, ww * (phrase ? 0.5f : 0.6f), word);
    out.match_terms.push_back(t.term);
    out.match_terms.push_back(t.folded);
    if (phrase) continue;
    spans.push_back({t.begin, t.end});
    if (!IsLatinWord(t.folded)) continue;
    const PostingList* folded = state.List(kFoldedNs + t.folded);
    if (qopts.expand_prefix && word == last_word && t.folded.size() >= 2) {
      size_t added = 0;
      for (auto it = state.folded_latin.lower_bound(t.folded);
           it != state.folded_latin.end() && it->compare(0, t.folded.size(), t.folded) == 0 && added < 8; ++it) {
        if (*it == t.folded) continue;
        add(kFoldedNs + *it, 0.3f, word);
        out.match_terms.push_back(*it);
        ++added;
      }
      // An unfinished word can be longer than the stem of the word it begins ("pharmaceutica" of
      // "pharmaceutical", whose stem is "pharmaceut"): try the word with its last letters dropped.
      for (size_t cut = 1; added == 0 && !folded && cut <= 3 && t.folded.size() > cut + 3; ++cut) {
        const std::string stem = t.folded.substr(0, t.folded.size() - cut);
        if (state.List(kFoldedNs + stem)) {
          add(kFoldedNs + stem, 0.3f, word);
          out.match_terms.push_back(stem);
          ++added;
        }
      }
    }
    // Words past kMaxTypoWordBytes are not real words, and their variants cost O(length^2) bytes.
    if (qopts.expand_typos && t.folded.size() >= 4 && t.folded.size() <= kMaxTypoWordBytes &&
        (!folded || folded->df < 3)) {
      for (const auto& v : TypoVariants(state, t.folded, 6)) {
        add(kFoldedNs + v, 0.3f, word);
        out.match_terms.push_back(v);
      }
    }
  }
  // Transliterating is the slowest part of analysing a query, and words recur from query to query:
  // each thread keeps the name keys of the words it has seen (a pure function of the word).
  if (qopts.name_keys) {
    thread_local NameKeyCache name_keys;
    if (name_keys.size() > 20'000) name_keys.clear();
    for (const auto& key : NameKeysOf(query, spans, &name_keys)) add(kNameNs + key, 1.0f, -1);
  }

  if (options.tagger && options.thesaurus) {
    std::unordered_map<uint32_t, float> concepts;
    for (const auto& m : options.tagger->Tag(tokens, out.lang)) {
      concepts[ConceptPosition(*options.thesaurus, m.tag)] += 1.0f;
    }
    for (const auto& [position, count] : concepts) {
      const auto& c = options.thesaurus->concepts()[position];
      float strength = qopts.use_frequencies ? std::min(3.0f, 1.0f + 0.5f * (count - 1)) : 1.0f;
      out.concepts.push_back({position, strength});
      add(kConceptNs + c.id, 1.5f * strength, -1);
      add(kAncestorNs + c.id, 0.8f * strength, -1);
      for (const auto& b : c.broader) add(kConceptNs + b, 0.6f * strength, -1);
    }
  }
  if (qopts.max_words > 0) {
    // A word weighs what its heaviest list (exact, folded) could add: keep the heaviest words.
    std::unordered_map<int, float> word_mass;
    for (const auto& [term, q] : lists) {
      if (q.word >= 0) word_mass[q.word] = std::max(word_mass[q.word], q.weight * q.idf);
    }
    if (word_mass.size() > qopts.max_words) {
      std::vector<std::pair<float, int>> ranked;
      for (const auto& [word, mass] : word_mass) ranked.emplace_back(mass, word);
      std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
      });
      std::unordered_set<int> kept;
      for (size_t i = 0; i < qopts.max_words; ++i) kept.insert(ranked[i].second);
      std::erase_if(lists, [&](const auto& entry) { return entry.second.word >= 0 && !kept.count(entry.second.word); });
    }
  }
  out.lists.reserve(lists.size());
  for (auto& [term, q] : lists) out.lists.push_back(std::move(q));
  std::sort(out.lists.begin(), out.lists.end(), [](const QueryList& a, const QueryList& b) { return a.term < b.term; });
  std::sort(out.match_terms.begin(), out.match_terms.end());
  out.match_terms.erase(std::unique(out.match_terms.begin(), out.match_terms.end()), out.match_terms.end());
  return out;
}

}  // namespace hoptac::index
