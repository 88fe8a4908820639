// English and French: ICU words, elision (French), stop words, Snowball stems, accents folded.
#include <string_view>

#include "text/internal/analyzers.h"
#include "text/internal/latin_rules.h"
#include "text/internal/pipeline.h"

namespace hoptac::text::internal {

namespace {

constexpr std::string_view kFrenchElisions[] = {"l", "d", "j", "m", "n", "s", "t", "c", "qu",
                                                "jusqu", "lorsqu", "puisqu", "quoiqu"};

class LatinAnalyzer final : public Pipeline {
 public:
  LatinAnalyzer(Config config, std::span<const std::string_view> stopwords,
                std::unique_ptr<Stemmer> stemmer, std::span<const std::string_view> elisions)
      : Pipeline(std::move(config)), stop_(stopwords), stemmer_(std::move(stemmer)) {
    rules_ = {.stop = &stop_, .stemmer = stemmer_.get(), .elisions = elisions};
  }

 protected:
  void Refine(std::string_view text, std::vector<Token>& tokens) const override {
    Stemmer::Lease stemmer = stemmer_->Acquire();
    RefineEach(tokens, [&](Token& t) { return ApplyLatinRules(rules_, stemmer, text, t); });
  }

 private:
  StopList stop_;
  std::unique_ptr<Stemmer> stemmer_;
  LatinRules rules_;
};

Result<std::unique_ptr<Analyzer>> MakeLatin(const std::string& language, const std::string& algorithm,
                                            std::span<const std::string_view> stopwords,
                                            std::span<const std::string_view> elisions) {
  auto segmenter = WordSegmenter::Create(language);
  if (!segmenter.ok()) return segmenter.status();
  auto stemmer = Stemmer::Create(algorithm);
  if (!stemmer.ok()) return stemmer.status();
  Pipeline::Config config{.language = language, .segmenter = std::move(*segmenter), .phrase_joiner = {}};
  return std::unique_ptr<Analyzer>(
      new LatinAnalyzer(std::move(config), stopwords, std::move(*stemmer), elisions));
}

}  // namespace

Result<std::unique_ptr<Analyzer>> MakeEnglishAnalyzer() {
  return MakeLatin("en", "english", EnglishStopwords(), {});
}

Result<std::unique_ptr<Analyzer>> MakeFrenchAnalyzer() {
  return MakeLatin("fr", "french", FrenchStopwords(), kFrenchElisions);
}

}  // namespace hoptac::text::internal
