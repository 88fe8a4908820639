// Search, matching and figures over HTTP against the real binary, on a fresh start and again after
// a restart on the same data (the index is rebuilt from the store and must give the same answers).
#include <set>

#include "api/harness.h"

namespace hoptac::api_test {
namespace {

enum class Phase { kFresh, kRestarted };

class SearchApiTest : public ServerTest, public ::testing::WithParamInterface<Phase> {
 protected:
  void Checkpoint() {
    if (GetParam() == Phase::kRestarted) RestartServer();
  }

  // A small cross-lingual world: Chinese and English offers, Vietnamese and French needs.
  void BuildWorld() {
    cn_ = Create("organisations", {{"ref", "org-cn"}, {"name", {{"lang", "zh-Hans"}, {"text", "南宁智农科技有限公司"}}},
                                   {"kind", "enterprise"}, {"country", "CN"}, {"region", "南宁"}})["id"];
    vn_ = Create("organisations", {{"ref", "org-vn"}, {"name", "Sở Nông nghiệp và Môi trường Thái Bình"},
                                   {"kind", "government"}, {"country", "VN"}, {"region", "Thái Bình"}})["id"];
    fr_ = Create("organisations", {{"ref", "org-fr"}, {"name", "Coopérative aquacole du Mékong"},
                                   {"kind", "cooperative"}, {"country", "VN"}})["id"];
    rice_offer_ = Create("profiles", {{"ref", "o-rice"}, {"org", "org-cn"}, {"kind", "offer"}, {"status", "published"},
                                      {"title", {{"lang", "zh-Hans"}, {"text", "水稻病虫害AI智能识别系统"}}},
                                      {"summary", {{"lang", "zh-Hans"}, {"text", "农户用手机拍照，识别稻飞虱、稻瘟病等病虫害并给出防治建议。"}}},
                                      {"target_countries", {"VN"}}})["id"];
    shrimp_offer_ = Create("profiles", {{"ref", "o-shrimp"}, {"org", "org-cn"}, {"kind", "offer"}, {"status", "published"},
                                        {"title", {{"lang", "zh-Hans"}, {"text", "对虾养殖水质智能监测系统"}}},
                                        {"summary", {{"lang", "zh-Hans"}, {"text", "虾塘溶解氧、pH传感器，AI预测缺氧风险。"}}},
                                        {"target_countries", {"VN"}}})["id"];
    drone_offer_ = Create("profiles", {{"ref", "o-drone"}, {"org", "org-cn"}, {"kind", "offer"}, {"status", "published"},
                                       {"title", {{"lang", "en"}, {"text", "Agricultural drone spraying service"}}},
                                       {"summary", {{"lang", "en"}, {"text", "Drones spray pesticide on rice fields."}}}})["id"];
    rice_need_ = Create("profiles", {{"ref", "n-rice"}, {"org", "org-vn"}, {"kind", "request"}, {"status", "published"},
                                     {"title", "Cần giải pháp AI nhận diện sâu bệnh trên lúa cho nông dân"},
                                     {"summary", "Nông dân cần ứng dụng nhận diện rầy nâu và bệnh đạo ôn trên lúa."},
                                     {"target_countries", {"CN"}}})["id"];
    shrimp_need_ = Create("profiles", {{"ref", "n-shrimp"}, {"org", "org-fr"}, {"kind", "request"}, {"status", "published"},
                                       {"title", {{"lang", "fr"}, {"text", "Surveillance de la qualité de l'eau des bassins de crevettes"}}},
                                       {"summary", {{"lang", "fr"}, {"text", "Nous cherchons des capteurs et un modèle d'IA pour l'élevage de crevettes."}}}})["id"];
    draft_ = Create("profiles", {{"ref", "n-draft"}, {"org", "org-vn"}, {"kind", "request"},
                                 {"title", "Bản nháp về nông nghiệp thông minh"}})["id"];
  }

  std::vector<int64_t> SearchIds(HttpClient& client, const std::string& query) {
    HttpResponse r = client.Get("/api/v1/search?" + query);
    EXPECT_EQ(r.status, 200) << query << " -> " << r.Describe();
    std::vector<int64_t> ids;
    if (r.status != 200) return ids;
    const Json body = r.json();  // keep it alive: a range-for over a temporary's member dangles
    for (const auto& item : body["items"]) ids.push_back(item["id"].get<int64_t>());
    return ids;
  }

  static bool Has(const std::vector<int64_t>& v, int64_t id) { return std::find(v.begin(), v.end(), id) != v.end(); }

  int64_t cn_ = 0, vn_ = 0, fr_ = 0, rice_offer_ = 0, shrimp_offer_ = 0, drone_offer_ = 0, rice_need_ = 0,
          shrimp_need_ = 0, draft_ = 0;
};

TEST_P(SearchApiTest, SearchesAcrossLanguagesWithFacetsAndSnippets) {
  BuildWorld();
  Checkpoint();
  // Vietnamese words, with and without diacritics.
  auto with = SearchIds(Anon(), "q=" + UrlEncode("sâu bệnh lúa") + "&type=profile");
  ASSERT_FALSE(with.empty());
  EXPECT_EQ(with.front(), rice_need_);
  EXPECT_TRUE(Has(SearchIds(Anon(), "q=" + UrlEncode("sau benh lua") + "&type=profile"), rice_need_));
  // Through the thesaurus: a French query finds the Chinese shrimp offer.
  EXPECT_TRUE(Has(SearchIds(Anon(), "q=" + UrlEncode("élevage de crevettes")), shrimp_offer_));
  // Names across scripts.
  EXPECT_TRUE(Has(SearchIds(Anon(), "q=Nanning&type=organisation"), cn_));
  EXPECT_TRUE(Has(SearchIds(Anon(), "q=" + UrlEncode("Nam Ninh") + "&type=organisation"), cn_));

  HttpResponse r = Anon().Get("/api/v1/search?q=AI&kind=offer&lang=vi");
  ASSERT_EQ(r.status, 200) << r.Describe();
  Json j = r.json();
  for (const auto& item : j["items"]) {
    EXPECT_EQ(item["record"]["kind"], "offer");
    EXPECT_TRUE(item.contains("snippet"));
    EXPECT_TRUE(item["ref"].is_string());
    // A profile hit names its organisation, so a result list needs no second request.
    ASSERT_TRUE(item.contains("organisation")) << item.dump();
    EXPECT_EQ(item["organisation"]["id"], item["record"]["organisation"]);
    EXPECT_TRUE(item["organisation"]["name"].contains("text")) << item.dump();
    EXPECT_FALSE(item["organisation"].contains("description")) << "a summary, not the whole record";
  }
  EXPECT_EQ(j["facets"]["kind"]["offer"].get<int>(), j["total"].get<int>());
  // Drafts stay private; the token holder sees them.
  EXPECT_FALSE(Has(SearchIds(Anon(), "q=" + UrlEncode("nông nghiệp thông minh")), draft_));
  EXPECT_TRUE(Has(SearchIds(Api(), "q=" + UrlEncode("nông nghiệp thông minh")), draft_));
}

TEST_P(SearchApiTest, MatchesExplainInTheReadersLanguage) {
  BuildWorld();
  Checkpoint();
  HttpResponse r = Anon().Get("/api/v1/profiles/" + std::to_string(rice_need_) + "/matches?limit=3&lang=vi");
  ASSERT_EQ(r.status, 200) << r.Describe();
  Json items = r.json()["items"];
  ASSERT_FALSE(items.empty());
  EXPECT_EQ(items[0]["profile"]["id"], rice_offer_);
  EXPECT_EQ(items[0]["profile"]["ref"], "o-rice");
  EXPECT_EQ(items[0]["organisation"]["id"], cn_);
  EXPECT_EQ(items[0]["organisation"]["name"]["text"], "南宁智农科技有限公司");
  EXPECT_EQ(items[0]["organisation"]["country"], "CN");
  EXPECT_GT(items[0]["score"].get<double>(), 0.0);
  EXPECT_LE(items[0]["score"].get<double>(), 1.0);
  std::set<std::string> kinds;
  std::string concept_label;
  for (const auto& reason : items[0]["reasons"]) {
    kinds.insert(reason["kind"].get<std::string>());
    if (reason["kind"] == "concept" && concept_label.empty()) concept_label = reason["label"];
  }
  EXPECT_TRUE(kinds.count("concept"));
  EXPECT_TRUE(kinds.count("country"));  // the offer targets VN, the need's country
  // The same match explained in Chinese has Chinese labels.
  Json zh = Anon().Get("/api/v1/profiles/" + std::to_string(rice_need_) + "/matches?limit=1&lang=zh-Hans").json();
  std::string zh_label;
  for (const auto& reason : zh["items"][0]["reasons"]) {
    if (reason["kind"] == "concept") { zh_label = reason["label"]; break; }
  }
  EXPECT_NE(zh_label, concept_label);
  // The French need finds the Chinese shrimp offer first.
  Json fr = Anon().Get("/api/v1/profiles/" + std::to_string(shrimp_need_) + "/matches?lang=fr").json();
  ASSERT_FALSE(fr["items"].empty());
  EXPECT_EQ(fr["items"][0]["profile"]["id"], shrimp_offer_);
  // Drafts have no public matches.
  EXPECT_EQ(Anon().Get("/api/v1/profiles/" + std::to_string(draft_) + "/matches").status, 404);
}

TEST_P(SearchApiTest, WritesAreSearchableWhenAcknowledged) {
  BuildWorld();
  Checkpoint();
  EXPECT_FALSE(Has(SearchIds(Anon(), "q=hydropower"), drone_offer_));
  HttpResponse p = Api().Patch("/api/v1/profiles/" + std::to_string(drone_offer_),
                               {{"title", {{"lang", "en"}, {"text", "Hydropower dam inspection with drones"}}}});
  ASSERT_EQ(p.status, 200) << p.Describe();
  EXPECT_TRUE(Has(SearchIds(Anon(), "q=hydropower"), drone_offer_));
  ASSERT_EQ(Api().Delete("/api/v1/profiles/" + std::to_string(drone_offer_)).status, 204);
  EXPECT_FALSE(Has(SearchIds(Anon(), "q=hydropower"), drone_offer_));
  Checkpoint();
  EXPECT_FALSE(Has(SearchIds(Anon(), "q=hydropower"), drone_offer_));
}

TEST_P(SearchApiTest, BadQueriesGetAClearProblem) {
  BuildWorld();
  Checkpoint();
  struct Case {
    std::string query, field;
  } cases[] = {
      {"q=" + std::string(10000, 'a'), "q"},
      {"q=%FF%FE", ""},
      {"q=x&type=spaceship", "type"},
      {"q=x&kind=bogus", "kind"},
      {"q=x&country=XX", "country"},
      {"q=x&from=2025-02-30", "from"},
      {"q=x&limit=0", "limit"},
      {"q=x&cursor=zzz", "cursor"},
      {"q=x&colour=red", "colour"},
  };
  for (const auto& c : cases) {
    HttpResponse r = Anon().Get("/api/v1/search?" + c.query);
    EXPECT_EQ(r.status, 400) << c.query << " -> " << r.Describe();
    EXPECT_TRUE(r.IsProblem()) << c.query;
    bool named = c.field.empty();  // a query string that is not UTF-8 is refused before any field
    const Json problem = r.json();
    for (const auto& e : problem.value("errors", Json::array())) named |= e.value("field", "") == c.field;
    EXPECT_TRUE(named) << c.query << " -> " << r.body;
  }
  // An empty query browses; it is not an error.
  EXPECT_EQ(Anon().Get("/api/v1/search?q=").status, 200);
  EXPECT_EQ(Anon().Get("/api/v1/profiles/999999/matches").status, 404);
  EXPECT_EQ(Anon().Get("/api/v1/profiles/" + std::to_string(rice_need_) + "/matches?limit=500").status, 400);
  EXPECT_EQ(Anon().Get("/healthz").status, 200);
}

TEST_P(SearchApiTest, FiguresAreComputedFromRecords) {
  BuildWorld();
  Json before = Anon().Get("/api/v1/figures").json();
  Create("agreements", {{"title", "Biên bản ghi nhớ hợp tác AI"}, {"parties", {"org-cn", "org-vn"}},
                        {"agreement_type", "mou"}, {"signed_date", "2025-09-18"}});
  Checkpoint();
  Json after = Anon().Get("/api/v1/figures").json();
  EXPECT_EQ(after["totals"]["agreements"].get<int>(), before["totals"]["agreements"].get<int>() + 1);
  int y2025 = 0;
  for (const auto& e : after["agreements_per_year"]) if (e["year"] == "2025") y2025 = e["count"];
  EXPECT_EQ(y2025, 1);
  EXPECT_EQ(after["published_profiles"]["offer"].get<int>(), 3);
  EXPECT_EQ(after["published_profiles"]["request"].get<int>(), 2);
}

INSTANTIATE_TEST_SUITE_P(Phases, SearchApiTest, ::testing::Values(Phase::kFresh, Phase::kRestarted),
                         [](const auto& info) { return info.param == Phase::kFresh ? "Fresh" : "Restarted"; });

}  // namespace
}  // namespace hoptac::api_test
