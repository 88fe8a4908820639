// Text analysis: one pipeline per language behind one interface.
//
// AnalyzerRegistry owns one Analyzer per supported language (zh, vi, en, fr) and a generic one for
// everything else (ICU still segments Thai, Lao, Khmer and Burmese by dictionary; it folds
// diacritics but has no stemmer or stop words). Every pipeline runs the same stages:
//   repair UTF-8 -> NFC -> language rewrite (zh: Traditional -> Simplified with OpenCC)
//   -> ICU word BreakIterator (dictionary segmentation for Han) -> NFKC case folding
//   -> language rules (stop words, French elision, Snowball stems, diacritic folding)
//   -> optional phrase pairs (zh, vi).
// Which pipeline serves which BCP-47 tag is decided in one table (analyzer_registry.cc);
// callers never branch on the language themselves.
//
// Ownership and threads: the application creates one registry at start-up and lends it by
// reference. After construction every method is const and safe to call from any number of threads
// at once (ICU iterators and Snowball stemmers are leased per call from internal pools).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "text/token.h"

namespace hoptac::text {

struct AnalyzeOptions {
  // Also emit pairs of adjacent words as kTokenPhrase tokens (Vietnamese "nông nghiệp" from two
  // syllables, Chinese "无人机" from 无人 + 机), after the word tokens. Only zh and vi have them.
  bool phrases = false;
};

class Analyzer {
 public:
  virtual ~Analyzer() = default;

  // The language this pipeline serves: "zh", "vi", "en", "fr", or "und" for the generic one.
  virtual std::string_view language() const = 0;

  // True when diacritics tell words apart (Vietnamese tones: "tôm" shrimp, "tóm" to seize), so
  // folded forms should match only text that was written without them.
  virtual bool diacritics_distinguish_words() const { return false; }

  // Tokens of `text` (UTF-8; ill-formed bytes are read as U+FFFD) in text order, phrase tokens
  // last. Offsets are 32-bit: only the first 4 GiB of a text are analysed.
  virtual std::vector<Token> Analyze(std::string_view text, const AnalyzeOptions& options = {}) const = 0;
};

struct RegistryOptions {
  std::string opencc_config;  // OpenCC t2s configuration; empty: the one found at build time
};

class AnalyzerRegistry {
 public:
  static Result<AnalyzerRegistry> Create(const RegistryOptions& options = {});

  AnalyzerRegistry(AnalyzerRegistry&&) noexcept;
  AnalyzerRegistry& operator=(AnalyzerRegistry&&) noexcept;
  ~AnalyzerRegistry();

  // The pipeline for a BCP-47 tag, chosen by primary language ("zh-Hant" -> zh, "vi-VN" -> vi);
  // the generic pipeline for any other tag, "und" or "".
  const Analyzer& For(std::string_view lang) const;

  // For(lang), except that an empty or "und" tag is first resolved with DetectLanguage(text).
  const Analyzer& Resolve(std::string_view text, std::string_view lang) const;

  // Resolve(text, lang).Analyze(text, options).
  std::vector<Token> AnalyzeText(std::string_view text, std::string_view lang,
                                 const AnalyzeOptions& options = {}) const;

  // Every pipeline, the generic one last.
  std::vector<const Analyzer*> analyzers() const;

 private:
  struct Impl;
  explicit AnalyzerRegistry(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace hoptac::text
