// Vietnamese: ICU splits at spaces, so tokens are syllables. Each keeps its exact form (with the
// tone of "oa", "oe", "uy" placed one way: "hoá" -> "hóa") and gets a folded form without
// diacritics (đ -> d), so "nong nghiep" finds "nông nghiệp". Adjacent
// syllables form phrase pairs, which is how multi-syllable words reach the index.
#include <string>
#include <string_view>

#include "text/internal/analyzers.h"
#include "text/internal/fold.h"
#include "text/internal/pipeline.h"
#include "text/internal/stopwords.h"

namespace hoptac::text::internal {

namespace {

// Vietnamese writes the tone of "oa", "oe" and "uy" at the end of a syllable two ways: on the
// second vowel ("hoá", "khoẻ", "thuỷ", the older style many keyboards still produce) or on the
// first ("hóa", "khỏe", "thủy", the style of current government documents and of the thesaurus).
// Both spell the same word, so the exact form takes the second style. "quý" keeps its tone on
// "y": there "u" belongs to the consonant "qu". `syllable` is case-folded NFC.
std::string CanonicalTonePlacement(std::string syllable) {
  struct Move {
    std::string_view from, to;
  };
  // One row per vowel pair.
  // clang-format off
  static constexpr Move kMoves[] = {
      {"oà", "òa"}, {"oá", "óa"}, {"oả", "ỏa"}, {"oã", "õa"}, {"oạ", "ọa"},
      {"oè", "òe"}, {"oé", "óe"}, {"oẻ", "ỏe"}, {"oẽ", "õe"}, {"oẹ", "ọe"},
      {"uỳ", "ùy"}, {"uý", "úy"}, {"uỷ", "ủy"}, {"uỹ", "ũy"}, {"uỵ", "ụy"},
  };
  // clang-format on
  for (const Move& m : kMoves) {
    if (syllable.size() < m.from.size() || !syllable.ends_with(m.from)) continue;
    const size_t at = syllable.size() - m.from.size();
    if (m.from[0] == 'u' && at > 0 && syllable[at - 1] == 'q') break;
    syllable.replace(at, m.from.size(), m.to);
    break;
  }
  return syllable;
}

class VietnameseAnalyzer final : public Pipeline {
 public:
  explicit VietnameseAnalyzer(Config config) : Pipeline(std::move(config)), stop_(VietnameseStopwords()) {}
  bool diacritics_distinguish_words() const override { return true; }

 protected:
  void Refine(std::string_view, std::vector<Token>& tokens) const override {
    RefineEach(tokens, [&](Token& t) {
      if (t.Has(kTokenNumber) || t.Has(kTokenIdeographic)) {
        t.folded = t.term;
        return true;
      }
      t.term = CanonicalTonePlacement(std::move(t.term));
      if (stop_.Contains(t.term)) return false;
      t.folded = FoldDiacritics(t.term);
      if (t.folded != t.term) t.flags |= kTokenFolded;
      return true;
    });
  }

 private:
  StopList stop_;
};

}  // namespace

Result<std::unique_ptr<Analyzer>> MakeVietnameseAnalyzer() {
  auto segmenter = WordSegmenter::Create("vi");
  if (!segmenter.ok()) return segmenter.status();
  return std::unique_ptr<Analyzer>(new VietnameseAnalyzer(
      {.language = "vi", .segmenter = std::move(*segmenter), .phrase_joiner = std::string(" ")}));
}

}  // namespace hoptac::text::internal
