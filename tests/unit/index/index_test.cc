#include <algorithm>

#include "index_fixture.h"

namespace hoptac::index {
namespace {

std::vector<int64_t> Ids(const SearchResult& r) {
  std::vector<int64_t> ids;
  for (const auto& h : r.hits) ids.push_back(h.id);
  return ids;
}

bool Has(const std::vector<int64_t>& v, int64_t id) { return std::find(v.begin(), v.end(), id) != v.end(); }

// Offers in Chinese and English, needs in Vietnamese and French, a draft, two organisations.
std::vector<DocInput> World() {
  return {
      Profile(1, "offer", "zh-Hans", "水稻病虫害AI智能识别系统", "农户用手机拍照识别稻飞虱、稻瘟病等病虫害。"),
      Profile(2, "offer", "zh-Hans", "对虾养殖水质智能监测系统", "在虾塘布设溶解氧传感器，AI预测缺氧风险。"),
      Profile(3, "request", "vi", "Cần giải pháp AI nhận diện sâu bệnh trên lúa",
              "Nông dân Thái Bình cần ứng dụng nhận diện rầy nâu và bệnh đạo ôn trên lúa.", "VN", {"CN"}),
      Profile(4, "request", "fr", "Surveillance de la qualité de l'eau des bassins de crevettes",
              "Une coopérative cherche des capteurs et un modèle d'IA pour l'élevage de crevettes.", "VN", {"CN"}),
      Profile(5, "offer", "en", "Agricultural drone spraying service",
              "Drones spray pesticide on rice fields by the hectare.", "CN", {"VN", "LA"}),
      Profile(6, "request", "vi", "Bản nháp: nông nghiệp thông minh", "Chưa công bố.", "VN", {}, "draft"),
      Organisation(10, "zh-Hans", "广西智能科技有限公司", "CN", "南宁"),
      Organisation(11, "vi", "Sở Nông nghiệp và Môi trường Lạng Sơn", "VN", "Lạng Sơn"),
  };
}

class IndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    index_ = TextWorld::Get().NewIndex();
    index_->Bulk(World());
  }
  SearchResult Search(SearchQuery q) {
    auto r = index_->Search(q);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : SearchResult{};
  }
  std::unique_ptr<Index> index_;
};

TEST_F(IndexTest, FindsVietnameseWithAndWithoutDiacritics) {
  auto exact = Ids(Search({.q = "sâu bệnh"}));
  ASSERT_FALSE(exact.empty());
  EXPECT_EQ(exact.front(), 3);
  auto folded = Search({.q = "sau benh lua"});
  ASSERT_FALSE(folded.hits.empty());
  EXPECT_TRUE(Has(Ids(folded), 3));
  EXPECT_NE(folded.hits.front().snippet.find("<mark>"), std::string::npos) << folded.hits.front().snippet;
}

TEST_F(IndexTest, FindsAcrossLanguagesThroughConcepts) {
  // A French query about shrimp farming finds the Chinese shrimp offer through the thesaurus.
  auto r = Ids(Search({.q = "élevage de crevettes", .types = {"profile"}}));
  EXPECT_TRUE(Has(r, 2));
  EXPECT_TRUE(Has(r, 4));
  // "drone" in Vietnamese finds the English drone offer.
  EXPECT_TRUE(Has(Ids(Search({.q = "máy bay không người lái"})), 5));
}

TEST_F(IndexTest, NamesMatchAcrossScripts) {
  EXPECT_TRUE(Has(Ids(Search({.q = "Nanning", .types = {"organisation"}})), 10));
  EXPECT_TRUE(Has(Ids(Search({.q = "Nam Ninh", .types = {"organisation"}})), 10));
  EXPECT_TRUE(Has(Ids(Search({.q = "Guangxi", .types = {"organisation"}})), 10));
  EXPECT_TRUE(Has(Ids(Search({.q = "Quảng Tây", .types = {"organisation"}})), 10));
}

TEST_F(IndexTest, PrefixAndTypoTolerance) {
  EXPECT_TRUE(Has(Ids(Search({.q = "agricul"})), 5));
  EXPECT_TRUE(Has(Ids(Search({.q = "spraing"})), 5));  // one edit from "spraying"
  // Typed further than the stem of the word it begins ("spraying" is indexed as "spray").
  EXPECT_TRUE(Has(Ids(Search({.q = "sprayin"})), 5));
  EXPECT_TRUE(Has(Ids(Search({.q = "rice sprayin"})), 5));
}

// Regression (search_query_fuzzer): a query of one long Latin word built every one-edit variant of
// it (about 53 * length strings of its length: 53 MB for a 1000-letter word), so one request cost
// tens of milliseconds. Typo variants are now only made for words of at most 32 letters.
TEST_F(IndexTest, TypoToleranceSkipsOverlongWords) {
  const std::string word(40, 'q');
  index_->Upsert(Profile(7, "offer", "en", "Drones " + word, "Rice fields."));
  std::string typo = word;
  typo[20] = 'x';
  EXPECT_EQ(Search({.q = typo}).total, 0u);
  EXPECT_TRUE(Has(Ids(Search({.q = word})), 7));
  auto long_word = index_->Search({.q = std::string(1000, 'z')});
  ASSERT_TRUE(long_word.ok());
  EXPECT_EQ(long_word->total, 0u);
}

TEST_F(IndexTest, FiltersAndFacets) {
  auto r = Search({.q = "AI", .kind = "offer"});
  for (const auto& h : r.hits) EXPECT_TRUE(h.id == 1 || h.id == 2 || h.id == 5) << h.id;
  auto all = Search({.q = "AI"});
  EXPECT_EQ(all.facets["kind"]["offer"] + all.facets["kind"]["request"], all.facets["type"]["profile"]);
  EXPECT_EQ(all.total, Ids(Search({.q = "AI", .limit = 100})).size());
  // country filter: a profile's own country or its target countries
  auto la = Ids(Search({.q = "drone", .country = "LA"}));
  EXPECT_TRUE(Has(la, 5));
  auto fr = Search({.q = "drone", .country = "FR"});
  EXPECT_EQ(fr.total, 0u);
  // drafts are not public
  EXPECT_FALSE(Has(Ids(Search({.q = "nông nghiệp thông minh"})), 6));
  EXPECT_TRUE(Has(Ids(Search({.q = "nông nghiệp thông minh", .published_only = false})), 6));
}

TEST_F(IndexTest, PaginationCoversEveryHitOnce) {
  auto all = Search({.q = "AI", .limit = 100});
  std::vector<int64_t> seen;
  for (size_t offset = 0; offset < all.total; offset += 2) {
    auto page = Ids(Search({.q = "AI", .offset = offset, .limit = 2}));
    seen.insert(seen.end(), page.begin(), page.end());
  }
  EXPECT_EQ(seen, Ids(all));
}

TEST_F(IndexTest, UpdatesAndDeletesAreVisibleAtOnce) {
  ASSERT_TRUE(Has(Ids(Search({.q = "drone"})), 5));
  index_->Upsert(Profile(5, "offer", "en", "Cold chain logistics optimisation", "Route planning for refrigerated trucks."));
  EXPECT_FALSE(Has(Ids(Search({.q = "drone"})), 5));
  EXPECT_TRUE(Has(Ids(Search({.q = "refrigerated"})), 5));
  index_->Remove("profile", 5);
  EXPECT_FALSE(Has(Ids(Search({.q = "refrigerated"})), 5));
  EXPECT_FALSE(index_->Contains("profile", 5));
}

TEST_F(IndexTest, BadQueriesAreRefused) {
  auto long_query = index_->Search({.q = std::string(10000, 'a')});
  EXPECT_FALSE(long_query.ok());
  auto bad_utf8 = index_->Search({.q = std::string("\xff\xfe", 2)});
  EXPECT_FALSE(bad_utf8.ok());
  auto empty = index_->Search({.q = ""});  // browsing: everything public
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->total, 7u);
}

TEST_F(IndexTest, MatchesRequestsWithOffersAcrossLanguages) {
  // Vietnamese rice-pest need -> the Chinese rice-pest offer first, with a shared concept.
  auto vi = index_->Match({.profile_id = 3, .lang = "vi", .limit = 3});
  ASSERT_TRUE(vi.ok());
  ASSERT_FALSE(vi->empty());
  EXPECT_EQ(vi->front().id, 1);
  bool concept_reason = false;
  for (const auto& r : vi->front().reasons) concept_reason |= r.kind == "concept" && !r.label.empty();
  EXPECT_TRUE(concept_reason);
  // French shrimp need -> the Chinese shrimp offer first.
  auto fr = index_->Match({.profile_id = 4, .lang = "fr", .limit = 3});
  ASSERT_TRUE(fr.ok());
  ASSERT_FALSE(fr->empty());
  EXPECT_EQ(fr->front().id, 2);
  // An offer's matches are requests only, never itself, never drafts.
  auto offer = index_->Match({.profile_id = 1, .lang = "en", .limit = 10});
  ASSERT_TRUE(offer.ok());
  for (const auto& m : *offer) {
    EXPECT_TRUE(m.id == 3 || m.id == 4) << m.id;
    EXPECT_GT(m.score, 0.0);
    EXPECT_LE(m.score, 1.0);
  }
  EXPECT_FALSE(index_->Match({.profile_id = 999}).ok());
}

TEST_F(IndexTest, ReasonLabelsFollowTheRequestedLanguage) {
  auto zh = index_->Match({.profile_id = 3, .lang = "zh-Hans", .limit = 1});
  auto en = index_->Match({.profile_id = 3, .lang = "en", .limit = 1});
  ASSERT_TRUE(zh.ok() && en.ok());
  ASSERT_FALSE(zh->empty());
  std::string zh_label, en_label;
  for (const auto& r : zh->front().reasons) if (r.kind == "concept") { zh_label = r.label; break; }
  for (const auto& r : en->front().reasons) if (r.kind == "concept") { en_label = r.label; break; }
  EXPECT_FALSE(zh_label.empty());
  EXPECT_NE(zh_label, en_label);
  EXPECT_TRUE(static_cast<unsigned char>(zh_label[0]) >= 0xE0) << zh_label;  // a CJK character
}

TEST_F(IndexTest, RebuildGivesTheSameAnswers) {
  auto before = Search({.q = "AI nông nghiệp"});
  auto rebuilt = TextWorld::Get().NewIndex();
  rebuilt->Bulk(World());
  auto after = rebuilt->Search({.q = "AI nông nghiệp"});
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(Ids(before), Ids(*after));
}

}  // namespace
}  // namespace hoptac::index
