// Pruned query evaluation (block-max MaxScore) gives exactly the answers of exhaustive evaluation,
// on a random corpus, before and after updates, deletes and compaction; facets are exact.
#include <algorithm>
#include <random>

#include "index_fixture.h"

namespace hoptac::index {
namespace {

const std::vector<std::string> kLangs = {"zh-Hans", "vi", "en", "fr"};
const std::vector<std::string> kCountries = {"CN", "VN", "LA", "KH", "TH"};

// Words of each language, for filler text and queries (common ones first: they are drawn more).
const std::vector<std::vector<std::string>> kWords = {
    {"合作", "技术", "系统", "农业", "培训", "智能", "平台", "服务", "数据", "设备", "试点", "水稻", "监测", "物流"},
    {"hợp tác", "công nghệ", "hệ thống", "nông nghiệp", "đào tạo", "thông minh", "dữ liệu", "thiết bị", "lúa",
     "nuôi tôm", "giám sát", "tỉnh"},
    {"partner", "technology", "system", "farming", "training", "smart", "platform", "data", "pilot", "rice",
     "monitoring", "logistics", "drone", "sensor", "cooperative"},
    {"partenaire", "technologie", "système", "agriculture", "formation", "intelligent", "données", "projet",
     "riz", "surveillance", "capteurs", "coopérative"},
};

class Corpus {
 public:
  explicit Corpus(uint32_t seed) : rng_(seed) {}

  size_t Skewed(size_t n) { return std::min(Below(n), Below(n)); }  // small values more often
  size_t Below(size_t n) { return static_cast<size_t>(rng_() % n); }
  bool Chance(int percent) { return Below(100) < static_cast<size_t>(percent); }

  std::string Label(const std::string& lang) {
    const auto& concepts = TextWorld::Get().thesaurus->concepts();
    const auto& c = concepts[Skewed(concepts.size())];
    const text::ConceptLabels* labels = c.LabelsFor(lang);
    if (!labels) return Word(lang);
    if (!labels->alt.empty() && Chance(30)) return labels->alt[Below(labels->alt.size())];
    return labels->pref;
  }
  std::string Word(const std::string& lang) {
    const auto& words = kWords[LangIndex(lang)];
    return words[Skewed(words.size())];
  }
  std::string Text(const std::string& lang, size_t pieces) {
    std::string out;
    for (size_t i = 0; i < pieces; ++i) {
      if (!out.empty() && lang != "zh-Hans") out += ' ';
      out += Chance(50) ? Label(lang) : Word(lang);
    }
    return out;
  }
  DocInput Doc(int64_t id) {
    const std::string lang = kLangs[Below(kLangs.size())];
    std::vector<std::string> targets;
    for (size_t i = Below(3); i > 0; --i) targets.push_back(kCountries[Below(kCountries.size())]);
    DocInput d = Profile(id, Chance(50) ? "offer" : "request", lang, Text(lang, 2 + Below(3)), Text(lang, 3 + Below(8)),
                         kCountries[Skewed(kCountries.size())], targets, Chance(85) ? "published" : "draft");
    d.organisation = 1 + static_cast<int64_t>(Below(300));
    if (Chance(60)) d.date = "2026-" + std::to_string(10 + Below(3)) + "-1" + std::to_string(Below(10));
    return d;
  }
  SearchQuery Query() {
    const std::string lang = kLangs[Below(kLangs.size())];
    SearchQuery q{.q = Text(lang, 1 + Below(3))};
    // An unfinished Latin word.
    if (Chance(15) && q.q.size() > 4 && std::all_of(q.q.end() - 3, q.q.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
      q.q.resize(q.q.size() - 2);
    if (Chance(20)) q.kind = Chance(50) ? "offer" : "request";
    if (Chance(15)) q.country = kCountries[Below(kCountries.size())];
    if (Chance(10)) q.published_only = false;
    if (Chance(10)) q.date_from = "2026-11-01";
    if (Chance(10)) q.types = {"profile"};
    q.offset = Chance(20) ? Below(30) : 0;
    q.limit = 1 + Below(25);
    return q;
  }

 private:
  static size_t LangIndex(const std::string& lang) {
    return static_cast<size_t>(std::find(kLangs.begin(), kLangs.end(), lang) - kLangs.begin());
  }
  std::mt19937 rng_;
};

struct Pair {
  std::unique_ptr<Index> pruned, exhaustive;

  Pair() {
    auto& world = TextWorld::Get();
    IndexOptions options{.analyzers = *world.analyzers, .tagger = world.tagger.get(), .thesaurus = world.thesaurus.get()};
    pruned = std::make_unique<Index>(options);
    options.exhaustive = true;
    exhaustive = std::make_unique<Index>(options);
  }
  void Bulk(const std::vector<DocInput>& docs) {
    pruned->Bulk(docs);
    exhaustive->Bulk(docs);
  }
  void Upsert(const DocInput& doc) {
    pruned->Upsert(doc);
    exhaustive->Upsert(doc);
  }
  void Remove(int64_t id) {
    pruned->Remove("profile", id);
    exhaustive->Remove("profile", id);
  }
};

std::string Describe(const SearchQuery& q) {
  return "q=\"" + q.q + "\" kind=" + q.kind + " country=" + q.country + " offset=" + std::to_string(q.offset) +
         " limit=" + std::to_string(q.limit);
}

// Same hits (ids, scores to the bit, snippets), same total, same facets.
void ExpectSameSearches(Pair& pair, Corpus& corpus, int queries) {
  int nonempty = 0;
  for (int i = 0; i < queries; ++i) {
    const SearchQuery q = corpus.Query();
    auto a = pair.pruned->Search(q);
    auto b = pair.exhaustive->Search(q);
    ASSERT_TRUE(a.ok() && b.ok());
    ASSERT_EQ(a->hits.size(), b->hits.size()) << Describe(q);
    for (size_t h = 0; h < a->hits.size(); ++h) {
      EXPECT_EQ(a->hits[h].id, b->hits[h].id) << Describe(q) << " rank " << h;
      EXPECT_EQ(a->hits[h].score, b->hits[h].score) << Describe(q) << " rank " << h;
      EXPECT_EQ(a->hits[h].snippet, b->hits[h].snippet);
    }
    EXPECT_EQ(a->total, b->total) << Describe(q);
    EXPECT_EQ(a->facets, b->facets) << Describe(q);
    nonempty += !a->hits.empty();
  }
  EXPECT_GT(nonempty, queries / 2);  // the corpus and queries share words: most queries find something
}

void ExpectSameMatches(Pair& pair, Corpus& corpus, int64_t ids, int queries) {
  int nonempty = 0;
  for (int i = 0; i < queries; ++i) {
    const int64_t id = 1 + static_cast<int64_t>(corpus.Below(static_cast<size_t>(ids)));
    const size_t limit = 1 + corpus.Below(20);
    auto a = pair.pruned->Match({.profile_id = id, .limit = limit});
    auto b = pair.exhaustive->Match({.profile_id = id, .limit = limit});
    ASSERT_EQ(a.ok(), b.ok()) << id;
    if (!a.ok()) continue;
    ASSERT_EQ(a->size(), b->size()) << id;
    for (size_t m = 0; m < a->size(); ++m) {
      EXPECT_EQ((*a)[m].id, (*b)[m].id) << "profile " << id << " rank " << m;
      EXPECT_EQ((*a)[m].score, (*b)[m].score) << "profile " << id << " rank " << m;
      EXPECT_EQ((*a)[m].reasons.size(), (*b)[m].reasons.size());
    }
    nonempty += !a->empty();
  }
  EXPECT_GT(nonempty, queries / 2);
}

TEST(IndexPruning, PrunedEqualsExhaustiveOnARandomCorpus) {
  Corpus corpus(20261124);
  Pair pair;
  std::vector<DocInput> docs;
  constexpr int64_t kDocs = 3000;
  for (int64_t id = 1; id <= kDocs; ++id) docs.push_back(corpus.Doc(id));
  pair.Bulk(docs);
  ExpectSameSearches(pair, corpus, 300);
  ExpectSameMatches(pair, corpus, kDocs, 150);
}

TEST(IndexPruning, PrunedEqualsExhaustiveAfterUpdatesDeletesAndCompaction) {
  Corpus corpus(7);
  Pair pair;
  std::vector<DocInput> docs;
  constexpr int64_t kDocs = 2500;
  for (int64_t id = 1; id <= kDocs; ++id) docs.push_back(corpus.Doc(id));
  pair.Bulk(docs);
  // Enough replacements to pass the compaction threshold (a quarter of the slots dead) and more.
  std::vector<int64_t> removed;
  for (int i = 0; i < 1800; ++i) {
    const int64_t id = 1 + static_cast<int64_t>(corpus.Below(kDocs));
    if (corpus.Chance(20)) {
      pair.Remove(id);
      removed.push_back(id);
    } else {
      pair.Upsert(corpus.Doc(id));
      std::erase(removed, id);
    }
    if (i % 600 == 0) ExpectSameSearches(pair, corpus, 40);
  }
  EXPECT_LT(pair.pruned->Stats().slots, kDocs + 1800);  // compacted at least once
  ExpectSameSearches(pair, corpus, 200);
  ExpectSameMatches(pair, corpus, kDocs, 100);
  // Removed documents are gone from every answer.
  for (int i = 0; i < 100; ++i) {
    auto r = pair.pruned->Search({.q = corpus.Text("en", 1), .published_only = false, .limit = 1000});
    ASSERT_TRUE(r.ok());
    for (const auto& h : r->hits) EXPECT_EQ(std::count(removed.begin(), removed.end(), h.id), 0) << h.id;
  }
  for (int64_t id : removed) EXPECT_FALSE(pair.pruned->Contains("profile", id));
}

TEST(IndexFacets, CountsEqualTheTotalsOfTheFilteredQueries) {
  // A facet count is the total of the same query filtered on that value, whether the counts come
  // from the matching documents one by one (few matches) or from bit sets (many).
  Corpus corpus(99);
  auto index = TextWorld::Get().NewIndex();
  std::vector<DocInput> docs;
  for (int64_t id = 1; id <= 2000; ++id) docs.push_back(corpus.Doc(id));
  index->Bulk(docs);
  int checked = 0;
  for (const std::string q : {"", "technology", "data", "nông nghiệp", "智能", "riz", "sensor platform"}) {
    auto all = index->Search({.q = q, .published_only = false});
    ASSERT_TRUE(all.ok());
    size_t by_type = 0;
    for (const auto& [value, count] : all->facets["type"]) by_type += count;
    EXPECT_EQ(by_type, all->total) << q;
    for (const auto& [kind, count] : all->facets["kind"]) {
      auto filtered = index->Search({.q = q, .kind = kind, .published_only = false});
      ASSERT_TRUE(filtered.ok());
      EXPECT_EQ(filtered->total, count) << q << " kind " << kind;
      ++checked;
    }
    for (const auto& [status, count] : all->facets["status"]) {
      auto filtered = index->Search({.q = q, .status = status, .published_only = false});
      ASSERT_TRUE(filtered.ok());
      EXPECT_EQ(filtered->total, count) << q << " status " << status;
    }
  }
  EXPECT_GT(checked, 5);
  // Browsing everything: the facets are the corpus's own counts.
  auto browse = index->Search({.q = "", .published_only = false});
  ASSERT_TRUE(browse.ok());
  size_t offers = 0, published = 0;
  for (const auto& d : docs) {
    offers += d.kind == "offer";
    published += d.status == "published";
  }
  EXPECT_EQ(browse->total, docs.size());
  EXPECT_EQ(browse->facets["kind"]["offer"], offers);
  EXPECT_EQ(browse->facets["status"]["published"], published);
}

TEST(IndexMemory, StatsAccountForTheIndexAndShrinkWhenDocumentsGo) {
  Corpus corpus(3);
  auto index = TextWorld::Get().NewIndex();
  std::vector<DocInput> docs;
  for (int64_t id = 1; id <= 2000; ++id) docs.push_back(corpus.Doc(id));
  index->Bulk(docs);
  const IndexStats full = index->Stats();
  EXPECT_EQ(full.documents, 2000u);
  EXPECT_GT(full.postings, 2000u * 10);
  EXPECT_GT(full.text_bytes, 2000u * 20);
  // At least the per-document metadata and a byte per posting; at most a few KiB per document at
  // this small size (fixed costs are spread over few documents).
  EXPECT_GT(full.memory_bytes, 2000u * 64 + full.postings);
  EXPECT_LT(full.memory_bytes, 2000u * 4096);
  for (int64_t id = 1; id <= 2000; ++id) index->Remove("profile", id);
  const IndexStats empty = index->Stats();
  EXPECT_EQ(empty.documents, 0u);
  EXPECT_EQ(empty.text_bytes, 0u);
  EXPECT_LT(empty.postings, full.postings / 2);  // compaction dropped the postings of removed documents
  EXPECT_LT(empty.memory_bytes, full.memory_bytes);
}

}  // namespace
}  // namespace hoptac::index
