// Factories of the per-language pipelines. Only analyzer_registry.cc calls them: it holds the one
// table that says which pipeline serves which language.
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "text/analyzer.h"

namespace hoptac::text::internal {

Result<std::unique_ptr<Analyzer>> MakeChineseAnalyzer(const std::string& opencc_config);
Result<std::unique_ptr<Analyzer>> MakeVietnameseAnalyzer();
Result<std::unique_ptr<Analyzer>> MakeEnglishAnalyzer();
Result<std::unique_ptr<Analyzer>> MakeFrenchAnalyzer();
Result<std::unique_ptr<Analyzer>> MakeGenericAnalyzer();

}  // namespace hoptac::text::internal
