// ProfileGenerator: realistic synthetic cooperation profiles, and the queries asked of them, for the
// index benchmark (bench/index/index_bench.cc).
//
// A profile is an offer or a request written in zh-Hans, vi, en or fr by an organisation of China or
// an ASEAN country: a title of 5-15 words and a summary of 2-4 sentences, made of per-language
// templates whose slots are filled with thesaurus labels (data/thesaurus/concepts.jsonl: a domain,
// a technology, a cooperation theme, an organisation type, in the profile's language, preferred or
// alternative label) plus places, numbers and filler phrases. Concepts are drawn with a Zipf-like
// skew, so some topics are common (rice, drones) and most are rare, as in real data. Offers are
// mostly in Chinese and English, requests mostly in Vietnamese, French and English; some Vietnamese
// is typed without diacritics, as people do on phones. 90% of profiles are published.
//
// Determinism: everything is a pure function of (seed, id): ProfileAt(42) is the same text on every
// machine and in every run, whatever was generated before (the random generator and its
// distributions are our own, not the standard library's, whose distributions differ between
// implementations). So the benchmark regenerates a profile instead of keeping it.
//
// Ownership and threads: the generator borrows the Thesaurus, which must outlive it; it is
// immutable after construction and safe to use from any number of threads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace hoptac::text {
class Thesaurus;
}

namespace hoptac::bench {

namespace internal {
struct Vocabulary;  // generator.cc
}

struct GeneratorOptions {
  uint64_t seed = 20250701;
  size_t profiles = 1'000'000;
  size_t profiles_per_organisation = 5;
  size_t search_queries = 1000;
  size_t match_queries = 1000;
};

struct SyntheticOrganisation {
  int64_t id = 0;
  std::string name, name_lang;
  std::string kind;      // domain organisation kind: enterprise, university, ...
  std::string country;   // ISO 3166 alpha-2
  std::string locality;  // a city or province, in the name's language
};

struct SyntheticProfile {
  int64_t id = 0;
  int64_t organisation = 0;
  std::string kind;     // offer / request
  std::string subject;  // technology, business, research, training, investment
  std::string status;   // published (90%), draft, closed
  std::string deadline; // YYYY-MM-DD or empty
  std::vector<std::string> target_countries;
  std::string lang;     // zh-Hans, vi, en, fr: of title and summary
  std::string title, summary;
  bool without_diacritics = false;  // Vietnamese typed without tone marks
};

struct SyntheticQuery {
  enum class Shape { kLabel, kTwoLabels, kNoDiacritics, kPrefix, kCommonWords, kPlace };
  std::string text;
  std::string lang;         // the language it was written in
  Shape shape = Shape::kLabel;
  bool prefix = false;      // the last word is an unfinished prefix of a real word
};

const char* ShapeName(SyntheticQuery::Shape shape);

class ProfileGenerator {
 public:
  ProfileGenerator(const text::Thesaurus& thesaurus, const GeneratorOptions& options);
  ~ProfileGenerator();
  ProfileGenerator(const ProfileGenerator&) = delete;
  ProfileGenerator& operator=(const ProfileGenerator&) = delete;

  size_t profile_count() const { return options_.profiles; }
  size_t organisation_count() const;

  // Ids run from 1 to the count.
  SyntheticOrganisation OrganisationAt(int64_t id) const;
  SyntheticProfile ProfileAt(int64_t id) const;

  // 1-3 word queries in mixed languages (see SyntheticQuery::Shape), every one built from words
  // the corpus uses, so each should find something.
  std::vector<SyntheticQuery> SearchQueries() const;
  // Profile ids to match, uniformly drawn from all profiles.
  std::vector<int64_t> MatchQueries() const;

 private:
  GeneratorOptions options_;
  std::unique_ptr<const internal::Vocabulary> vocabulary_;  // built once from the thesaurus
};

}  // namespace hoptac::bench
