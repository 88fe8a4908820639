// Pipeline: the stages every language shares (see analyzer.h), with two hooks a language fills
// in: Rewrite (script conversion before segmentation) and Refine (per-token language rules).
// Subclasses are immutable after construction; Analyze is thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/analyzer.h"
#include "text/internal/segmenter.h"
#include "text/internal/working_text.h"

namespace hoptac::text::internal {

class Pipeline : public Analyzer {
 public:
  struct Config {
    std::string language;                       // "en", "vi", ...
    std::unique_ptr<WordSegmenter> segmenter;   // never null
    std::optional<std::string> phrase_joiner;   // joins phrase pairs; nullopt: no phrases
  };

  std::string_view language() const override { return language_; }
  std::vector<Token> Analyze(std::string_view text, const AnalyzeOptions& options) const final;

 protected:
  explicit Pipeline(Config config);

  // Rewrites the text before segmentation. Default: nothing.
  virtual void Rewrite(WorkingText& text) const;

  // Applies the language's rules to drafted tokens, whose term is case-folded and whose offsets
  // point into `text`: fills `folded` and flags, may move `begin` (elision), and removes the
  // tokens that should not be indexed (stop words).
  virtual void Refine(std::string_view text, std::vector<Token>& tokens) const = 0;

 private:
  void AppendPhrases(std::string_view text, std::vector<Token>& tokens) const;

  std::string language_;
  std::unique_ptr<WordSegmenter> segmenter_;
  std::optional<std::string> phrase_joiner_;
};

// Calls refine(token) on each token in order and keeps those for which it returns true.
template <typename F>
void RefineEach(std::vector<Token>& tokens, F refine) {
  size_t kept = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (!refine(tokens[i])) continue;
    if (kept != i) tokens[kept] = std::move(tokens[i]);
    ++kept;
  }
  tokens.resize(kept);
}

}  // namespace hoptac::text::internal
