// hoptac-tag: shows what the text pipeline and the concept tagger make of some text, for
// maintaining the thesaurus (data/thesaurus/README.md) and reading the evaluation sets.
//   build/hoptac-tag [--thesaurus FILE] [--tokens] < lines       each line "LANG<TAB>TEXT"
//   build/hoptac-tag [--thesaurus FILE] --profiles FILE.jsonl    title + summary of each profile
// Prints, per text, the concepts tagged (id and the label that matched) and, with --tokens, the
// tokens as "term" or "term/folded".
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "text/analyzer.h"
#include "text/concept_tagger.h"
#include "text/thesaurus.h"

using namespace hoptac;

namespace {

void Show(const text::AnalyzerRegistry& registry, const text::ConceptTagger& tagger, const std::string& lang,
          const std::string& input, bool tokens) {
  if (tokens) {
    std::cout << "  tokens:";
    for (const auto& t : registry.AnalyzeText(input, lang)) {
      std::cout << ' ' << (t.folded == t.term ? t.term : t.term + "/" + t.folded);
    }
    std::cout << '\n';
  }
  std::cout << "  concepts:";
  for (const auto& m : tagger.Tag(input, lang)) std::cout << ' ' << m.tag->id << " [" << m.label << ']';
  std::cout << '\n';
}

}  // namespace

int main(int argc, char** argv) {
  std::string thesaurus_path = "data/thesaurus/concepts.jsonl", profiles;
  bool tokens = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--thesaurus" && i + 1 < argc)
      thesaurus_path = argv[++i];
    else if (a == "--profiles" && i + 1 < argc)
      profiles = argv[++i];
    else if (a == "--tokens")
      tokens = true;
    else {
      std::cerr << "usage: hoptac-tag [--thesaurus FILE] [--tokens] [--profiles FILE.jsonl] < lines\n";
      return 2;
    }
  }
  auto registry = text::AnalyzerRegistry::Create();
  if (!registry.ok()) {
    std::cerr << registry.status().ToString() << "\n";
    return 1;
  }
  auto thesaurus = text::Thesaurus::Load(thesaurus_path);
  if (!thesaurus.ok()) {
    std::cerr << thesaurus.status().ToString() << "\n";
    return 1;
  }
  text::ConceptTagger tagger(*thesaurus, *registry);
  if (!profiles.empty()) {
    std::ifstream in(profiles);
    std::string line;
    while (std::getline(in, line)) {
      auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
      if (j.is_discarded() || !j.contains("title")) continue;
      std::cout << j.value("ref", "?") << ": " << j["title"].value("text", "") << '\n';
      const std::string lang = j["title"].value("lang", "");
      std::string input = j["title"].value("text", "");
      if (j.contains("summary")) input += "\n" + j["summary"].value("text", "");
      Show(*registry, tagger, lang, input, tokens);
    }
    return 0;
  }
  std::string line;
  while (std::getline(std::cin, line)) {
    auto tab = line.find('\t');
    if (tab == std::string::npos) continue;
    std::cout << line.substr(tab + 1) << '\n';
    Show(*registry, tagger, line.substr(0, tab), line.substr(tab + 1), tokens);
  }
  return 0;
}
