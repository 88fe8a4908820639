// Vietnamese: ICU splits at spaces, so tokens are syllables. Each keeps its exact form and gets a
// folded form without diacritics (đ -> d), so "nong nghiep" finds "nông nghiệp". Adjacent
// syllables form phrase pairs, which is how multi-syllable words reach the index.
#include "text/internal/analyzers.h"
#include "text/internal/fold.h"
#include "text/internal/pipeline.h"
#include "text/internal/stopwords.h"

namespace hoptac::text::internal {

namespace {

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
