// A real index over the real thesaurus and analysers, for the index tests.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "index/index.h"
#include "text/analyzer.h"
#include "text/concept_tagger.h"
#include "text/thesaurus.h"

namespace hoptac::index {

struct TextWorld {
  std::unique_ptr<text::AnalyzerRegistry> analyzers;
  std::unique_ptr<text::Thesaurus> thesaurus;
  std::unique_ptr<text::ConceptTagger> tagger;

  static TextWorld& Get() {
    static TextWorld* world = [] {
      auto* w = new TextWorld;
      const char* dir = std::getenv("HOPTAC_SOURCE_DIR");
      std::string root = dir ? dir : ".";
      auto analyzers = text::AnalyzerRegistry::Create();
      EXPECT_TRUE(analyzers.ok());
      w->analyzers = std::make_unique<text::AnalyzerRegistry>(std::move(analyzers).value());
      auto thesaurus = text::Thesaurus::Load(root + "/data/thesaurus/concepts.jsonl");
      EXPECT_TRUE(thesaurus.ok()) << thesaurus.status().ToString();
      w->thesaurus = std::make_unique<text::Thesaurus>(std::move(thesaurus).value());
      w->tagger = std::make_unique<text::ConceptTagger>(*w->thesaurus, *w->analyzers);
      return w;
    }();
    return *world;
  }

  std::unique_ptr<Index> NewIndex() {
    return std::make_unique<Index>(
        IndexOptions{.analyzers = *analyzers, .tagger = tagger.get(), .thesaurus = thesaurus.get()});
  }
};

inline DocInput Profile(int64_t id, const std::string& kind, const std::string& lang, const std::string& title,
                        const std::string& summary, const std::string& country = "CN",
                        std::vector<std::string> targets = {"VN"}, const std::string& status = "published") {
  DocInput d{.type = "profile", .id = id};
  d.parts.push_back({.text = title, .lang = lang, .weight = 2.0f});
  d.parts.push_back({.text = summary, .lang = lang, .weight = 1.0f});
  d.title = title;
  d.title_lang = lang;
  d.summary = summary;
  d.summary_lang = lang;
  d.kind = kind;
  d.subject = "technology";
  d.status = status;
  d.country = country;
  d.target_countries = std::move(targets);
  d.organisation = id * 100;
  return d;
}

inline DocInput Organisation(int64_t id, const std::string& lang, const std::string& name, const std::string& country,
                             const std::string& locality = "") {
  DocInput d{.type = "organisation", .id = id, .status = "published"};
  d.parts.push_back({.text = name, .lang = lang, .weight = 2.0f, .name = true});
  if (!locality.empty()) d.parts.push_back({.text = locality, .weight = 1.0f, .name = true});
  d.title = name;
  d.title_lang = lang;
  d.kind = "enterprise";
  d.country = country;
  d.locality = locality;
  return d;
}

}  // namespace hoptac::index
