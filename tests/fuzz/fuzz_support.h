// Shared by the libFuzzer targets: the real text world (analysers, thesaurus, concept tagger)
// built once per process, and a small reader that splits a fuzz input into choices and payload.
// Each target defines LLVMFuzzerTestOneInput; libFuzzer calls it from one thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "text/analyzer.h"
#include "text/concept_tagger.h"
#include "text/thesaurus.h"

namespace hoptac::fuzz {

// The source tree (data/thesaurus/...): HOPTAC_SOURCE_DIR, else the one the target was built from.
inline std::string SourceDir() {
  const char* dir = std::getenv("HOPTAC_SOURCE_DIR");
  return dir && *dir ? dir : HOPTAC_SOURCE_DIR_DEFAULT;
}

// What the server builds at start-up, built once and never destroyed (so LeakSanitizer sees it
// as reachable, not leaked). Aborts when the data is missing: a fuzzer without it tests nothing.
struct TextWorld {
  std::unique_ptr<text::AnalyzerRegistry> analyzers;
  std::unique_ptr<text::Thesaurus> thesaurus;
  std::unique_ptr<text::ConceptTagger> tagger;

  static const TextWorld& Get() {
    static const TextWorld* world = [] {
      auto* w = new TextWorld;
      auto analyzers = text::AnalyzerRegistry::Create();
      if (!analyzers.ok()) std::abort();
      w->analyzers = std::make_unique<text::AnalyzerRegistry>(std::move(analyzers).value());
      auto thesaurus = text::Thesaurus::Load(SourceDir() + "/data/thesaurus/concepts.jsonl");
      if (!thesaurus.ok()) std::abort();
      w->thesaurus = std::make_unique<text::Thesaurus>(std::move(thesaurus).value());
      w->tagger = std::make_unique<text::ConceptTagger>(*w->thesaurus, *w->analyzers);
      return w;
    }();
    return *world;
  }
};

// Reads choices off the front of the input; what is left is the payload.
class Input {
 public:
  Input(const uint8_t* data, size_t size) : rest_(reinterpret_cast<const char*>(data), size) {}

  // The next byte (0 once the input is used up).
  uint8_t Byte() {
    if (rest_.empty()) return 0;
    auto b = static_cast<uint8_t>(rest_.front());
    rest_.remove_prefix(1);
    return b;
  }
  // Bytes up to the next '\n' (dropped), or everything left.
  std::string_view Line() {
    size_t nl = rest_.find('\n');
    std::string_view line = rest_.substr(0, nl);
    rest_.remove_prefix(nl == std::string_view::npos ? rest_.size() : nl + 1);
    return line;
  }
  std::string_view Rest() const { return rest_; }

 private:
  std::string_view rest_;
};

// A failed invariant: abort, so libFuzzer keeps the input as a crash.
#define HOPTAC_FUZZ_CHECK(cond)                                                               \
  do {                                                                                        \
    if (!(cond)) {                                                                            \
      std::fprintf(stderr, "fuzz invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
      std::abort();                                                                           \
    }                                                                                         \
  } while (0)

}  // namespace hoptac::fuzz
