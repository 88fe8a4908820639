// Text analysis and concept tagging speed on short cooperation profiles (the import workload).
// Each benchmark checks its answer once before timing. Alternatives compared in the same run:
//   - ICU segmentation alone vs the whole pipeline (the cost of normalising, folding, stemming);
//   - the tagger's trie vs a naive scan of every label at every position.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <unicode/brkiter.h>
#include <unicode/utext.h>
#include <vector>

#include "profiles.h"
#include "text/analyzer.h"
#include "text/concept_tagger.h"
#include "text/name_keys.h"
#include "text/thesaurus.h"

namespace hoptac::bench {
namespace {

using text::AnalyzerRegistry;
using text::ConceptTagger;
using text::Thesaurus;
using text::Token;

const AnalyzerRegistry& Registry() {
  static const AnalyzerRegistry* registry = [] {
    auto r = AnalyzerRegistry::Create();
    if (!r.ok()) {
      std::fprintf(stderr, "%s\n", r.status().ToString().c_str());
      std::abort();
    }
    return new AnalyzerRegistry(std::move(*r));
  }();
  return *registry;
}

// The real thesaurus when it exists, else the test fixture.
const Thesaurus& TheThesaurus() {
  static const Thesaurus* thesaurus = [] {
    const std::filesystem::path root = HOPTAC_BENCH_SOURCE_DIR;
    auto path = root / "data/thesaurus/concepts.jsonl";
    if (!std::filesystem::exists(path)) path = root / "tests/golden/text/thesaurus.jsonl";
    auto t = Thesaurus::Load(path);
    if (!t.ok()) {
      std::fprintf(stderr, "%s\n", t.status().ToString().c_str());
      std::abort();
    }
    return new Thesaurus(std::move(*t));
  }();
  return *thesaurus;
}

const ConceptTagger& Tagger() {
  static const ConceptTagger* tagger = new ConceptTagger(TheThesaurus(), Registry());
  return *tagger;
}

std::vector<Profile> ProfilesIn(std::string_view primary) {
  std::vector<Profile> out;
  for (const Profile& p : Profiles()) {
    if (p.lang.substr(0, 2) == primary) out.push_back(p);
  }
  return out;
}

void BM_Analyze(benchmark::State& state, std::string_view lang, bool phrases) {
  const std::vector<Profile> profiles = ProfilesIn(lang);
  size_t bytes = 0, tokens = 0;
  for (const Profile& p : profiles) {
    const auto t = Registry().AnalyzeText(p.text, p.lang);
    if (t.empty()) state.SkipWithError("a profile produced no tokens");
    bytes += p.text.size();
  }
  for (auto _ : state) {
    for (const Profile& p : profiles) {
      auto t = Registry().AnalyzeText(p.text, p.lang, {.phrases = phrases});
      tokens += t.size();
      benchmark::DoNotOptimize(t.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * profiles.size()));
  state.counters["tokens/profile"] =
      static_cast<double>(tokens) / static_cast<double>(state.iterations() * profiles.size());
}
BENCHMARK_CAPTURE(BM_Analyze, zh, "zh", false);
BENCHMARK_CAPTURE(BM_Analyze, vi, "vi", false);
BENCHMARK_CAPTURE(BM_Analyze, en, "en", false);
BENCHMARK_CAPTURE(BM_Analyze, fr, "fr", false);
BENCHMARK_CAPTURE(BM_Analyze, zh_phrases, "zh", true);
BENCHMARK_CAPTURE(BM_Analyze, vi_phrases, "vi", true);

// Baseline: ICU word segmentation alone over the same bytes, one iterator reused.
void BM_IcuSegmentOnly(benchmark::State& state, std::string_view lang) {
  const std::vector<Profile> profiles = ProfilesIn(lang);
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> bi(
      icu::BreakIterator::createWordInstance(icu::Locale(std::string(lang).c_str()), status));
  size_t bytes = 0;
  for (const Profile& p : profiles) bytes += p.text.size();
  for (auto _ : state) {
    for (const Profile& p : profiles) {
      UText ut = UTEXT_INITIALIZER;
      utext_openUTF8(&ut, p.text.data(), static_cast<int64_t>(p.text.size()), &status);
      bi->setText(&ut, status);
      int32_t words = 0;
      for (int32_t pos = bi->first(); pos != icu::BreakIterator::DONE; pos = bi->next()) {
        words += bi->getRuleStatus() >= UBRK_WORD_NONE_LIMIT;
      }
      utext_close(&ut);
      benchmark::DoNotOptimize(words);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}
BENCHMARK_CAPTURE(BM_IcuSegmentOnly, zh, "zh");
BENCHMARK_CAPTURE(BM_IcuSegmentOnly, vi, "vi");
BENCHMARK_CAPTURE(BM_IcuSegmentOnly, en, "en");
BENCHMARK_CAPTURE(BM_IcuSegmentOnly, fr, "fr");

// Analysis + tagging of every profile: the per-record cost of an import.
void BM_TagProfiles(benchmark::State& state) {
  const auto profiles = Profiles();
  size_t matches = 0;
  for (const Profile& p : profiles) {
    if (Tagger().Tag(p.text, p.lang).empty()) state.SkipWithError("a profile got no concept");
  }
  for (auto _ : state) {
    for (const Profile& p : profiles) {
      auto m = Tagger().Tag(p.text, p.lang);
      matches += m.size();
      benchmark::DoNotOptimize(m.data());
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * profiles.size()));
  state.counters["concepts/profile"] = benchmark::Counter(
      static_cast<double>(matches) / static_cast<double>(state.iterations() * profiles.size()),
      benchmark::Counter::kAvgThreads);
  state.counters["patterns"] =
      benchmark::Counter(static_cast<double>(Tagger().pattern_count()), benchmark::Counter::kAvgThreads);
}
BENCHMARK(BM_TagProfiles);
// Two threads on the two cores: readers share the registry and the tagger without contention.
BENCHMARK(BM_TagProfiles)->Threads(2)->UseRealTime();

// Start-up costs: building a registry (ICU iterators, Snowball, OpenCC) and a tagger over the
// whole thesaurus (every label analysed).
void BM_CreateRegistry(benchmark::State& state) {
  for (auto _ : state) {
    auto r = AnalyzerRegistry::Create();
    if (!r.ok()) state.SkipWithError("registry failed");
    benchmark::DoNotOptimize(r.ok());
  }
}
BENCHMARK(BM_CreateRegistry)->Unit(benchmark::kMillisecond)->Iterations(5);

void BM_BuildTagger(benchmark::State& state) {
  for (auto _ : state) {
    ConceptTagger tagger(TheThesaurus(), Registry());
    benchmark::DoNotOptimize(tagger.pattern_count());
  }
  state.counters["concepts"] = static_cast<double>(TheThesaurus().size());
}
BENCHMARK(BM_BuildTagger)->Unit(benchmark::kMillisecond)->Iterations(5);

std::vector<std::vector<Token>> AnalysedProfiles() {
  std::vector<std::vector<Token>> out;
  for (const Profile& p : Profiles()) out.push_back(Registry().AnalyzeText(p.text, p.lang));
  return out;
}

// Matching alone, on tokens analysed once (the import analyses for the index and tags from the
// same tokens).
void BM_TagTokensTrie(benchmark::State& state) {
  const auto analysed = AnalysedProfiles();
  const auto profiles = Profiles();
  for (auto _ : state) {
    for (size_t i = 0; i < analysed.size(); ++i) {
      auto m = Tagger().Tag(analysed[i], profiles[i].lang);
      benchmark::DoNotOptimize(m.data());
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * analysed.size()));
}
BENCHMARK(BM_TagTokensTrie);

// The alternative: every label's folded term sequence compared at every token position.
void BM_TagTokensNaive(benchmark::State& state) {
  std::vector<std::vector<std::string>> labels;
  for (const text::Concept& c : TheThesaurus().concepts()) {
    for (const auto& [lang, l] : c.labels) {
      std::vector<std::string> all = l.alt;
      all.push_back(l.pref);
      for (const std::string& label : all) {
        std::vector<std::string> seq;
        for (const Token& t : Registry().For(lang).Analyze(label)) seq.push_back(t.folded);
        if (!seq.empty()) labels.push_back(std::move(seq));
      }
    }
  }
  const auto analysed = AnalysedProfiles();
  for (auto _ : state) {
    size_t found = 0;
    for (const auto& tokens : analysed) {
      for (size_t s = 0; s < tokens.size(); ++s) {
        for (const auto& seq : labels) {
          size_t k = 0;
          while (k < seq.size() && s + k < tokens.size() && tokens[s + k].folded == seq[k]) ++k;
          found += k == seq.size();
        }
      }
    }
    benchmark::DoNotOptimize(found);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * analysed.size()));
  state.counters["labels"] = static_cast<double>(labels.size());
}
BENCHMARK(BM_TagTokensNaive);

void BM_NameKeys(benchmark::State& state, bool han) {
  const std::vector<std::string_view> names =
      han ? std::vector<std::string_view>{"广西", "南宁", "中国—东盟人工智能应用合作中心", "北海市", "廣西大學"}
          : std::vector<std::string_view>{"Quảng Tây", "Nanning", "Lạng Sơn", "Guangxi University",
                                          "Trung tâm Hợp tác Ứng dụng AI Trung Quốc - ASEAN"};
  if (text::NameKeys("广西") != std::vector<std::string>{"guangxi", "quangtay"})
    state.SkipWithError("unexpected keys for 广西");
  for (auto _ : state) {
    for (std::string_view n : names) benchmark::DoNotOptimize(text::NameKeys(n));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * names.size()));
}
BENCHMARK_CAPTURE(BM_NameKeys, han, true);
BENCHMARK_CAPTURE(BM_NameKeys, latin, false);

}  // namespace
}  // namespace hoptac::bench

BENCHMARK_MAIN();
