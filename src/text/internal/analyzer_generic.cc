// Any other language: ICU words (dictionary segmentation for Thai, Lao, Khmer, Burmese),
// case folding and diacritic folding; no stop words, no stemming.
#include "text/internal/analyzers.h"
#include "text/internal/fold.h"
#include "text/internal/pipeline.h"

namespace hoptac::text::internal {

namespace {

class GenericAnalyzer final : public Pipeline {
 public:
  explicit GenericAnalyzer(Config config) : Pipeline(std::move(config)) {}

 protected:
  void Refine(std::string_view, std::vector<Token>& tokens) const override {
    for (Token& t : tokens) {
      t.folded = t.Has(kTokenNumber) ? t.term : FoldDiacritics(t.term);
      if (t.folded != t.term) t.flags |= kTokenFolded;
    }
  }
};

}  // namespace

Result<std::unique_ptr<Analyzer>> MakeGenericAnalyzer() {
  auto segmenter = WordSegmenter::Create("root");
  if (!segmenter.ok()) return segmenter.status();
  return std::unique_ptr<Analyzer>(
      new GenericAnalyzer({.language = "und", .segmenter = std::move(*segmenter), .phrase_joiner = {}}));
}

}  // namespace hoptac::text::internal
