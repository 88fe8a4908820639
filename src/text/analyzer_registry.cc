#include <algorithm>
#include <cctype>

#include "text/analyzer.h"
#include "text/internal/analyzers.h"
#include "text/language_id.h"

#ifndef HOPTAC_OPENCC_T2S
#define HOPTAC_OPENCC_T2S "/usr/share/opencc/t2s.json"
#endif

namespace hoptac::text {

namespace {

using Factory = Result<std::unique_ptr<Analyzer>> (*)(const RegistryOptions&);

// The one place that says which pipeline serves which primary language subtag. A language added
// later with data alone (Thai, Lao, Khmer, Indonesian...) is served by the generic pipeline.
struct PipelineEntry {
  std::string_view language;
  Factory make;
};

const PipelineEntry kPipelines[] = {
    {"zh", [](const RegistryOptions& o) {
       return internal::MakeChineseAnalyzer(o.opencc_config.empty() ? HOPTAC_OPENCC_T2S : o.opencc_config);
     }},
    {"vi", [](const RegistryOptions&) { return internal::MakeVietnameseAnalyzer(); }},
    {"en", [](const RegistryOptions&) { return internal::MakeEnglishAnalyzer(); }},
    {"fr", [](const RegistryOptions&) { return internal::MakeFrenchAnalyzer(); }},
};

// "zh-Hant-TW" -> "zh"; "VI" -> "vi".
std::string PrimarySubtag(std::string_view tag) {
  std::string primary(tag.substr(0, tag.find_first_of("-_")));
  for (char& c : primary) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return primary;
}

}  // namespace

struct AnalyzerRegistry::Impl {
  std::vector<std::unique_ptr<Analyzer>> by_language;  // parallel to kPipelines
  std::unique_ptr<Analyzer> generic;
};

AnalyzerRegistry::AnalyzerRegistry(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
AnalyzerRegistry::AnalyzerRegistry(AnalyzerRegistry&&) noexcept = default;
AnalyzerRegistry& AnalyzerRegistry::operator=(AnalyzerRegistry&&) noexcept = default;
AnalyzerRegistry::~AnalyzerRegistry() = default;

Result<AnalyzerRegistry> AnalyzerRegistry::Create(const RegistryOptions& options) {
  auto impl = std::make_unique<Impl>();
  for (const PipelineEntry& entry : kPipelines) {
    auto analyzer = entry.make(options);
    if (!analyzer.ok()) return analyzer.status();
    impl->by_language.push_back(std::move(*analyzer));
  }
  auto generic = internal::MakeGenericAnalyzer();
  if (!generic.ok()) return generic.status();
  impl->generic = std::move(*generic);
  return AnalyzerRegistry(std::move(impl));
}

const Analyzer& AnalyzerRegistry::For(std::string_view lang) const {
  const std::string primary = PrimarySubtag(lang);
  for (size_t i = 0; i < std::size(kPipelines); ++i) {
    if (kPipelines[i].language == primary) return *impl_->by_language[i];
  }
  return *impl_->generic;
}

const Analyzer& AnalyzerRegistry::Resolve(std::string_view text, std::string_view lang) const {
  if (lang.empty() || PrimarySubtag(lang) == "und") return For(DetectLanguage(text));
  return For(lang);
}

std::vector<Token> AnalyzerRegistry::AnalyzeText(std::string_view text, std::string_view lang,
                                                 const AnalyzeOptions& options) const {
  return Resolve(text, lang).Analyze(text, options);
}

std::vector<const Analyzer*> AnalyzerRegistry::analyzers() const {
  std::vector<const Analyzer*> all;
  for (const auto& a : impl_->by_language) all.push_back(a.get());
  all.push_back(impl_->generic.get());
  return all;
}

}  // namespace hoptac::text
