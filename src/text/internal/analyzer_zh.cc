// Chinese: Traditional -> Simplified (OpenCC), then ICU's dictionary segmentation. Han words keep
// their form (folded == term); Latin words inside Chinese text ("AI芯片") get the English rules.
// Adjacent Han words form phrase pairs joined without a space (无人 + 机 -> 无人机), which
// evens out segmentation differences between a query and a document.
#include "text/internal/analyzers.h"
#include "text/internal/chinese_converter.h"
#include "text/internal/latin_rules.h"
#include "text/internal/pipeline.h"

namespace hoptac::text::internal {

namespace {

class ChineseAnalyzer final : public Pipeline {
 public:
  ChineseAnalyzer(Config config, std::unique_ptr<ChineseConverter> converter, std::unique_ptr<Stemmer> stemmer)
      : Pipeline(std::move(config)),
        converter_(std::move(converter)),
        stop_(ChineseStopwords()),
        latin_stop_(EnglishStopwords()),
        latin_stemmer_(std::move(stemmer)) {
    latin_rules_ = {.stop = &latin_stop_, .stemmer = latin_stemmer_.get(), .elisions = {}};
  }

 protected:
  void Rewrite(WorkingText& text) const override { converter_->ToSimplified(text); }

  void Refine(std::string_view text, std::vector<Token>& tokens) const override {
    std::optional<Stemmer::Lease> stemmer;  // leased on the first Latin word only
    RefineEach(tokens, [&](Token& t) {
      if (t.Has(kTokenIdeographic)) {
        t.folded = t.term;
        return !stop_.Contains(t.term);
      }
      if (!stemmer) stemmer.emplace(latin_stemmer_->Acquire());
      return ApplyLatinRules(latin_rules_, *stemmer, text, t);
    });
  }

 private:
  std::unique_ptr<ChineseConverter> converter_;
  StopList stop_;
  StopList latin_stop_;
  std::unique_ptr<Stemmer> latin_stemmer_;
  LatinRules latin_rules_;
};

}  // namespace

Result<std::unique_ptr<Analyzer>> MakeChineseAnalyzer(const std::string& opencc_config) {
  auto segmenter = WordSegmenter::Create("zh");
  if (!segmenter.ok()) return segmenter.status();
  auto converter = ChineseConverter::Create(opencc_config);
  if (!converter.ok()) return converter.status();
  auto stemmer = Stemmer::Create("english");
  if (!stemmer.ok()) return stemmer.status();
  return std::unique_ptr<Analyzer>(new ChineseAnalyzer(
      {.language = "zh", .segmenter = std::move(*segmenter), .phrase_joiner = std::string()},
      std::move(*converter), std::move(*stemmer)));
}

}  // namespace hoptac::text::internal
