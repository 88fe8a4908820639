// Thesaurus: the centre's concept scheme (application domains, technologies, industries), loaded
// from concepts.jsonl, one JSON object per line:
//   {"id":"domain.aquaculture.shrimp","broader":["domain.aquaculture"],
//    "labels":{"vi":{"pref":"nuôi tôm","alt":["tôm"]},"en":{"pref":"shrimp farming","alt":[]},...}}
// "broader" may be omitted for top concepts; "alt" may be omitted; other fields are ignored.
// Load checks that ids are unique, every broader id exists, the broader links have no cycle, and
// every concept has at least one label with a non-empty "pref"; errors name the line. It does not
// demand any particular set of languages: that is a property of the data, checked by its tests.
//
// A Thesaurus is immutable after Load and safe to read from any number of threads. Pointers to
// its concepts stay valid as long as the Thesaurus lives (moving it keeps them valid too).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace hoptac::text {

struct ConceptLabels {
  std::string pref;
  std::vector<std::string> alt;
};

struct Concept {
  std::string id;
  std::vector<std::string> broader;   // as written in the file
  std::vector<std::string> narrower;  // derived: concepts that list this one as broader, file order
  std::map<std::string, ConceptLabels, std::less<>> labels;  // BCP-47 tag ("zh-Hans", "vi") -> labels

  // Labels in `lang` (exact tag), or nullptr.
  const ConceptLabels* LabelsFor(std::string_view lang) const;
  // The preferred label in `lang`, else in English, else in any language, else the id.
  const std::string& PrefLabel(std::string_view lang) const;
};

class Thesaurus {
 public:
  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  static Result<Thesaurus> Load(const std::filesystem::path& path);
  // Parses JSONL text; `source` names it in error messages.
  static Result<Thesaurus> Parse(std::string_view jsonl, std::string_view source = "concepts.jsonl");

  // nullptr if there is no concept with this id.
  const Concept* Find(std::string_view id) const;
  // Every concept above `id` through broader links, nearest first, each once; empty if unknown.
  std::vector<const Concept*> Ancestors(std::string_view id) const;
  // Every concept below `id` through narrower links, nearest first, each once.
  std::vector<const Concept*> Descendants(std::string_view id) const;

  // All concepts in file order; a concept's index here is stable for the life of the Thesaurus.
  const std::vector<Concept>& concepts() const { return concepts_; }
  size_t size() const { return concepts_.size(); }

 private:
  std::vector<const Concept*> Walk(std::string_view id, bool up) const;

  std::vector<Concept> concepts_;
  std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>> index_;  // id -> position in concepts_
  std::vector<std::vector<uint32_t>> broader_;       // positions, parallel to concepts_
  std::vector<std::vector<uint32_t>> narrower_;
};

}  // namespace hoptac::text
