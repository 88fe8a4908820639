// Shared fixtures for the text tests: one AnalyzerRegistry per test binary (building it loads
// ICU dictionaries and OpenCC, so it is made once), and paths under HOPTAC_SOURCE_DIR.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "text/analyzer.h"

namespace hoptac::text::testing {

inline const AnalyzerRegistry& Registry() {
  static const AnalyzerRegistry* registry = [] {
    auto r = AnalyzerRegistry::Create();
    if (!r.ok()) {
      ADD_FAILURE() << r.status().ToString();
      std::abort();
    }
    return new AnalyzerRegistry(std::move(*r));  // lives for the whole test binary
  }();
  return *registry;
}

inline std::filesystem::path SourceDir() {
  const char* dir = std::getenv("HOPTAC_SOURCE_DIR");
  return dir != nullptr ? std::filesystem::path(dir) : std::filesystem::path(HOPTAC_TEST_SOURCE_DIR_FALLBACK);
}

// "term" or "term/folded" when the folded form differs: the notation of the golden files.
inline std::string Describe(const Token& t) { return t.folded == t.term ? t.term : t.term + "/" + t.folded; }

}  // namespace hoptac::text::testing
