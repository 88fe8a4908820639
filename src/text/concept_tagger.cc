#include "text/concept_tagger.h"

#include <algorithm>

#include "text/internal/term_trie.h"

namespace hoptac::text {

namespace {

using internal::TermTrie;

// One label as a pattern ending at a trie node.
struct Pattern {
  const Concept* tag;
  const std::string* label;
  const std::string* lang;
  uint32_t language_bit;            // bit of the analyser that produced the label's terms
  std::vector<std::string> exact;   // exact terms, when diacritics distinguish words
  std::vector<uint32_t> gaps;       // position steps between label words; empty when all are 1
  std::vector<uint8_t> word_rules;  // per label word: kNeedsCaps | kBreakAllowed; empty when none
};

// A short label word in capitals ("AI", "ITS") is an acronym: it matches only text in capitals,
// so Vietnamese "ai" (who) or English "its" do not tag it.
constexpr uint8_t kNeedsCaps = 1;
// The label itself has clause punctuation before this word ("illegal, unreported and
// unregulated fishing"), so the text may have it too.
constexpr uint8_t kBreakAllowed = 2;

// Words adjacent in a label must be adjacent in the text. Where stop words separate two label
// words ("vision par ordinateur"), the text may have one more, or fewer ("vision d'ordinateur").
bool GapFits(uint32_t label_gap, uint32_t text_gap) {
  return label_gap <= 1 ? text_gap == 1 : text_gap >= 1 && text_gap <= label_gap + 1;
}

struct Candidate {
  uint32_t start, end;  // indices into the matched-token arrays
  uint32_t node;
};

// A text of four words or more is written with diacritics when two in five of its words carry some
// (typical Vietnamese text: 60-80%; typed without them: none). In such a text a word without
// diacritics is that word, not a word typed without its marks: "bao gồm" (to include) is not "bão"
// (typhoon), "Nam Ninh" is not "nấm" (mushroom), "tra cứu" (to look up) is not "trà" (tea). Short
// texts (search queries such as "nuôi tom") and text typed without or with few marks keep the
// loose reading, where "bao" may stand for "bão".
bool WrittenWithDiacritics(std::span<const Token* const> words) {
  size_t letters = 0, marked = 0;
  for (const Token* w : words) {
    if (w->Has(kTokenNumber) || w->Has(kTokenIdeographic)) continue;
    ++letters;
    if (w->Has(kTokenFolded)) ++marked;
  }
  return letters >= 4 && 5 * marked >= 2 * letters;
}

}  // namespace

struct ConceptTagger::Impl {
  const AnalyzerRegistry* analyzers;
  std::vector<const Analyzer*> languages;  // bit i <-> languages[i]
  uint32_t shared_bits = 0;
  TermTrie trie;
  std::vector<std::vector<Pattern>> patterns;  // by trie node
  size_t pattern_count = 0;

  uint32_t BitOf(const Analyzer& a) const {
    for (size_t i = 0; i < languages.size(); ++i) {
      if (languages[i] == &a) return 1u << i;
    }
    return 0;
  }

  uint32_t AllowedFor(const Analyzer& a) const {
    if (a.language() == "und") return ~0u;
    return BitOf(a) | shared_bits;
  }

  void AddLabel(const Concept& entry, const std::string& lang, const std::string& label) {
    const Analyzer& analyzer = analyzers->For(lang);
    const std::vector<Token> tokens = analyzer.Analyze(label);
    if (tokens.empty()) return;
    std::vector<uint32_t> ids;
    Pattern p{&entry, &label, &lang, BitOf(analyzer), {}, {}, {}};
    for (size_t i = 0; i < tokens.size(); ++i) {
      const Token& t = tokens[i];
      ids.push_back(trie.Intern(t.folded));
      if (analyzer.diacritics_distinguish_words()) p.exact.push_back(t.term);
      if (i > 0) p.gaps.push_back(t.position - tokens[i - 1].position);
      uint8_t rule = 0;
      if (t.Has(kTokenAllCaps) && t.end - t.begin <= kMaxAcronymLetters) rule |= kNeedsCaps;
      if (t.Has(kTokenAfterBreak)) rule |= kBreakAllowed;
      p.word_rules.push_back(rule);
    }
    if (std::all_of(p.gaps.begin(), p.gaps.end(), [](uint32_t g) { return g == 1; })) p.gaps.clear();
    if (std::all_of(p.word_rules.begin(), p.word_rules.end(), [](uint8_t r) { return r == 0; }))
      p.word_rules.clear();
    const uint32_t node = trie.Insert(ids);
    if (patterns.size() <= node) patterns.resize(node + 1);
    for (const Pattern& q : patterns[node]) {
      const bool same = q.tag == p.tag && q.language_bit == p.language_bit && q.exact == p.exact &&
                        q.gaps == p.gaps && q.word_rules == p.word_rules;
      if (same) return;  // pref and alt labels that analyse alike ("drone", "drones")
    }
    patterns[node].push_back(std::move(p));
    ++pattern_count;
  }

  // True if `p` may match the consecutive words `matched` (same length as the pattern).
  // `accented`: the text is written with diacritics (see WrittenWithDiacritics).
  bool Accepts(const Pattern& p, uint32_t allowed, std::span<const Token* const> matched, bool accented) const {
    if ((p.language_bit & allowed) == 0) return false;
    for (size_t k = 1; k < matched.size(); ++k) {
      const uint32_t label_gap = p.gaps.empty() ? 1 : p.gaps[k - 1];
      if (!GapFits(label_gap, matched[k]->position - matched[k - 1]->position)) return false;
      const uint8_t rule = p.word_rules.empty() ? 0 : p.word_rules[k];
      if (matched[k]->Has(kTokenAfterBreak) && (rule & kBreakAllowed) == 0) return false;
    }
    for (size_t k = 0; k < p.word_rules.size(); ++k) {
      if ((p.word_rules[k] & kNeedsCaps) != 0 && !matched[k]->Has(kTokenAllCaps)) return false;
    }
    for (size_t k = 0; k < p.exact.size(); ++k) {
      const Token& t = *matched[k];
      if ((accented || t.Has(kTokenFolded)) && t.term != p.exact[k]) return false;
    }
    return true;
  }
};

ConceptTagger::ConceptTagger(const Thesaurus& thesaurus, const AnalyzerRegistry& analyzers,
                             const TaggerOptions& options)
    : impl_(std::make_unique<Impl>()) {
  impl_->analyzers = &analyzers;
  impl_->languages = analyzers.analyzers();
  for (const std::string& lang : options.shared_languages)
    impl_->shared_bits |= impl_->BitOf(analyzers.For(lang));
  for (const Concept& entry : thesaurus.concepts()) {
    for (const auto& [lang, labels] : entry.labels) {
      impl_->AddLabel(entry, lang, labels.pref);
      for (const std::string& alt : labels.alt) impl_->AddLabel(entry, lang, alt);
    }
  }
  impl_->patterns.resize(impl_->trie.node_count());
}

ConceptTagger::ConceptTagger(ConceptTagger&&) noexcept = default;
ConceptTagger& ConceptTagger::operator=(ConceptTagger&&) noexcept = default;
ConceptTagger::~ConceptTagger() = default;

size_t ConceptTagger::pattern_count() const { return impl_->pattern_count; }

std::vector<ConceptMatch> ConceptTagger::Tag(std::string_view text, std::string_view lang) const {
  const Analyzer& analyzer = impl_->analyzers->Resolve(text, lang);
  const std::vector<Token> tokens = analyzer.Analyze(text);
  return Tag(tokens, analyzer.language());
}

std::vector<ConceptMatch> ConceptTagger::Tag(std::span<const Token> tokens, std::string_view lang) const {
  const Impl& impl = *impl_;
  const uint32_t allowed = impl.AllowedFor(impl.analyzers->For(lang));
  std::vector<ConceptMatch> out;

  // Word tokens and their term ids.
  std::vector<const Token*> words;
  std::vector<uint32_t> token_index, ids;
  words.reserve(tokens.size());
  for (uint32_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].Has(kTokenPhrase)) continue;
    words.push_back(&tokens[i]);
    token_index.push_back(i);
    ids.push_back(impl.trie.Find(tokens[i].folded));
  }

  const bool accented = WrittenWithDiacritics(words);

  // Every acceptable match.
  std::vector<Candidate> candidates;
  const auto n = static_cast<uint32_t>(words.size());
  for (uint32_t s = 0; s < n; ++s) {
    if (ids[s] == TermTrie::kNone) continue;
    uint32_t node = TermTrie::kRoot;
    for (uint32_t j = s; j < n && ids[j] != TermTrie::kNone; ++j) {
      node = impl.trie.Child(node, ids[j]);
      if (node == TermTrie::kNone) break;
      const std::span<const Token* const> span(words.data() + s, j + 1 - s);
      for (const Pattern& p : impl.patterns[node]) {
        if (impl.Accepts(p, allowed, span, accented)) {
          candidates.push_back({s, j + 1, node});
          break;
        }
      }
    }
  }
  if (candidates.empty()) return out;

  // Longest first (then leftmost); a candidate overlapping an accepted one is dropped, so a
  // shorter label still counts where a longer one that hid it lost to an even longer one.
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    const uint32_t la = a.end - a.start, lb = b.end - b.start;
    return la != lb ? la > lb : a.start < b.start;
  });
  std::vector<bool> covered(n, false);
  std::vector<Candidate> chosen;
  for (const Candidate& c : candidates) {
    if (std::any_of(covered.begin() + c.start, covered.begin() + c.end, [](bool b) { return b; })) continue;
    std::fill(covered.begin() + c.start, covered.begin() + c.end, true);
    chosen.push_back(c);
  }
  std::sort(chosen.begin(), chosen.end(), [](const Candidate& a, const Candidate& b) { return a.start < b.start; });

  for (const Candidate& c : chosen) {
    const std::span<const Token* const> span(words.data() + c.start, c.end - c.start);
    const size_t first_of_span = out.size();
    for (const Pattern& p : impl.patterns[c.node]) {
      if (!impl.Accepts(p, allowed, span, accented)) continue;
      const bool seen = std::any_of(out.begin() + static_cast<std::ptrdiff_t>(first_of_span), out.end(),
                                    [&](const ConceptMatch& m) { return m.tag == p.tag; });
      if (seen) continue;
      out.push_back({.tag = p.tag,
                     .label = *p.label,
                     .label_lang = *p.lang,
                     .first_token = token_index[c.start],
                     .last_token = token_index[c.end - 1] + 1,
                     .begin = words[c.start]->begin,
                     .end = words[c.end - 1]->end});
    }
  }
  return out;
}

}  // namespace hoptac::text
