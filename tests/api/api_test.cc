// The JSON API over HTTP, black box: the real binary on a fresh data directory. Every test runs in
// two phases (STYLE habit 9): `fresh` checks right after writing; `restarted` restarts the server
// on the same data directory between writing and checking (Checkpoint()), so what the tests see
// must come from the store, not from memory.
#include <algorithm>
#include <functional>
#include <atomic>
#include <map>
#include <mutex>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "api/harness.h"

namespace hoptac::api_test {
namespace {

using namespace std::chrono_literals;

enum class Phase { kFresh, kRestarted };
void PrintTo(Phase phase, std::ostream* os) { *os << (phase == Phase::kFresh ? "fresh" : "restarted"); }

Json T(const std::string& lang, const std::string& text) { return {{"lang", lang}, {"text", text}}; }

int64_t Id(const Json& record) {
  auto it = record.find("id");
  return it != record.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

std::string Item(const std::string& collection, int64_t id) {
  return "/api/v1/" + collection + "/" + std::to_string(id);
}

Json WithoutMeta(Json record) {
  for (const char* key : {"id", "ref", "version", "created_at", "updated_at"}) record.erase(key);
  return record;
}

std::set<std::string> RefsOf(const std::vector<Json>& items) {
  std::set<std::string> refs;
  for (const auto& item : items) {
    if (item.contains("ref") && item["ref"].is_string()) refs.insert(item["ref"].get<std::string>());
  }
  return refs;
}

std::vector<Json> ParseJsonl(const std::string& text) {
  std::vector<Json> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    Json j = Json::parse(line, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << "not a JSON line: " << line;
    out.push_back(j);
  }
  return out;
}

// The Vietnamese name used throughout, in NFC (as stored) and in NFD (as some keyboards send it).
const std::string kSoNongNghiep = "Sở Nông nghiệp Thái Bình";
const std::string kSoNongNghiepNfd = "So\u031B\u0309 No\u0302ng nghie\u0323\u0302p Tha\u0301i Bi\u0300nh";

const Headers kNdjson = {"Content-Type: application/x-ndjson"};

// One record of each type, created through the API in dependency order.
struct Entry {
  std::string collection;
  Json sent;      // the POST body
  Json expected;  // the fields the server must return (no id/ref/version/timestamps)
  Json got;       // the 201 body
};

struct World {
  std::vector<Entry> entries;
  std::map<std::string, int64_t> ids;  // ref -> id (refs are unique across types in the world)

  int64_t id(const std::string& ref) const {
    auto it = ids.find(ref);
    return it == ids.end() ? 0 : it->second;
  }
};

class ApiTest : public ServerTest, public ::testing::WithParamInterface<Phase> {
 protected:
  // Between writing and checking: in the restarted phase the server restarts on the same data.
  void Checkpoint() {
    if (GetParam() == Phase::kRestarted) RestartServer();
  }

  World BuildWorld();

  // The refs of every record of a list query.
  std::set<std::string> ListRefs(const std::string& collection, const std::string& query, bool anonymous = false) {
    return RefsOf(ListAll(collection, query, anonymous));
  }

  // Walks a list page by page with `limit`, recording each page's size.
  std::vector<Json> Walk(HttpClient& client, const std::string& collection, const std::string& query, int limit,
                         std::vector<size_t>* page_sizes = nullptr) {
    std::vector<Json> out;
    std::string cursor;
    for (int page = 0; page < 1000; ++page) {
      std::string target = "/api/v1/" + collection + "?limit=" + std::to_string(limit) +
                           (query.empty() ? "" : "&" + query) + (cursor.empty() ? "" : "&cursor=" + UrlEncode(cursor));
      HttpResponse r = client.Get(target);
      EXPECT_EQ(r.status, 200) << target << " -> " << r.Describe();
      Json j = r.json();
      if (r.status != 200 || !j.is_object()) return out;
      EXPECT_LE(j["items"].size(), static_cast<size_t>(limit));
      if (page_sizes) page_sizes->push_back(j["items"].size());
      for (auto& item : j["items"]) out.push_back(item);
      if (j["next_cursor"].is_null()) return out;
      EXPECT_TRUE(j["next_cursor"].is_string()) << r.Describe();
      cursor = j["next_cursor"].get<std::string>();
    }
    ADD_FAILURE() << "the walk over " << collection << " never ended";
    return out;
  }

  HttpResponse Import(const std::string& jsonl) { return Api().Send("POST", "/api/v1/import", jsonl, kNdjson); }
};

#define CHECKPOINT() ASSERT_NO_FATAL_FAILURE(Checkpoint())

// Collections of personal data: readable with a token only.
bool IsPrivateCollection(const std::string& collection) {
  return collection == "people" || collection == "enrolments" || collection == "interests" ||
         collection == "consents";
}

World ApiTest::BuildWorld() {
  World w;
  auto add = [&](const std::string& collection, const Json& sent, const Json& expected) {
    HttpResponse r = Api().Post("/api/v1/" + collection, sent);
    EXPECT_EQ(r.status, 201) << "POST /api/v1/" << collection << " " << sent.dump() << "\n-> " << r.Describe();
    Json got = r.status == 201 && r.json().is_object() ? r.json() : Json::object();
    if (r.status == 201) {
      const std::string location = r.Header("location"), path = Item(collection, Id(got));
      EXPECT_TRUE(location.size() >= path.size() &&
                  location.compare(location.size() - path.size(), path.size(), path) == 0)
          << collection << ": Location '" << location << "', want " << path;
      EXPECT_EQ(r.Header("etag"), "\"1\"") << collection;
      EXPECT_EQ(r.Header("content-type").rfind("application/json", 0), 0u) << collection;
    }
    w.entries.push_back({collection, sent, expected, got});
    if (got.contains("ref") && got["ref"].is_string()) w.ids[got["ref"].get<std::string>()] = Id(got);
  };
  const Json org1_name = {{"lang", "vi"},
                          {"text", kSoNongNghiep},
                          {"translations", {{"en", "Thai Binh Department of Agriculture"}}}};
  add("organisations",
      {{"ref", "org-1"}, {"name", org1_name}, {"kind", "Government"}, {"country", "vn"}, {"region", "Thái Bình"},
       {"locality_code", "VN-20"}, {"description", T("vi", "Cơ quan chuyên môn về nông nghiệp của tỉnh Thái Bình.")},
       {"website", "https://snnptnt.thaibinh.example.vn"}},
      {{"name", org1_name}, {"kind", "government"}, {"country", "VN"}, {"locality", "Thái Bình"},
       {"locality_code", "VN-20"}, {"description", T("vi", "Cơ quan chuyên môn về nông nghiệp của tỉnh Thái Bình.")},
       {"website", "https://snnptnt.thaibinh.example.vn"}});
  add("organisations",
      {{"ref", "org-2"}, {"name", T("zh-Hans", "广西人工智能研究院")}, {"kind", "research_institute"},
       {"country", "CN"}, {"locality", "南宁"}, {"locality_code", "CN-GX"}, {"website", "https://ai.gx.example.cn"}},
      {{"name", T("zh-Hans", "广西人工智能研究院")}, {"kind", "research_institute"}, {"country", "CN"},
       {"locality", "南宁"}, {"locality_code", "CN-GX"}, {"website", "https://ai.gx.example.cn"}});
  add("organisations",
      {{"ref", "org-3"}, {"name", T("fr", "Institut de recherche pour le développement")},
       {"kind", "research_institute"}, {"country", "FR"}, {"locality", "Marseille"}},
      {{"name", T("fr", "Institut de recherche pour le développement")}, {"kind", "research_institute"},
       {"country", "FR"}, {"locality", "Marseille"}});
  add("people",
      {{"ref", "person-1"}, {"name", "Nguyễn Thị Hương"}, {"org", "org-1"}, {"role", "Chuyên viên chuyển đổi số"},
       {"email", "huong@snn.example.vn"}, {"languages", {"vi", "en", "zh-Hans"}}, {"country", "VN"},
       {"locality", "Thái Bình"}},
      {{"name", "Nguyễn Thị Hương"}, {"organisation", w.id("org-1")}, {"role", "Chuyên viên chuyển đổi số"},
       {"email", "huong@snn.example.vn"}, {"languages", {"vi", "en", "zh-Hans"}}, {"country", "VN"},
       {"locality", "Thái Bình"}});
  const Json p1 = {{"organisation", w.id("org-1")},
                   {"kind", "request"},
                   {"subject", "technology"},
                   {"title", T("vi", "Dự báo sâu bệnh hại lúa bằng trí tuệ nhân tạo")},
                   {"summary", T("vi", "Cần hệ thống cảnh báo sớm sâu bệnh cho 80.000 ha lúa.")},
                   {"target_countries", {"CN", "VN"}},
                   {"deadline", "2026-03-31"},
                   {"status", "published"}};
  Json p1_sent = p1;
  p1_sent["ref"] = "p-1";
  add("profiles", p1_sent, p1);
  add("cases",
      {{"ref", "case-1"}, {"title", T("zh-Hans", "水稻病虫害智能识别在太平省的应用")},
       {"summary", T("zh-Hans", "广西研究院的模型在越南太平省试点。")}, {"supplier", "org-2"}, {"adopter", "org-1"},
       {"country", "VN"}, {"locality", "Thái Bình"}, {"domain", "agriculture"}, {"year", 2024},
       {"outcome", T("vi", "Giảm 30% lượng thuốc bảo vệ thực vật.")}},
      {{"title", T("zh-Hans", "水稻病虫害智能识别在太平省的应用")},
       {"summary", T("zh-Hans", "广西研究院的模型在越南太平省试点。")}, {"supplier", w.id("org-2")},
       {"adopter", w.id("org-1")}, {"country", "VN"}, {"locality", "Thái Bình"}, {"domain", "agriculture"},
       {"year", 2024}, {"outcome", T("vi", "Giảm 30% lượng thuốc bảo vệ thực vật.")}});
  add("agreements",
      {{"ref", "a-1"}, {"title", T("zh-Hans", "人工智能应用合作备忘录")}, {"parties", {"org-1", "org-2"}},
       {"agreement_type", "mou"}, {"signed_date", "2025-09-18"}, {"signed_place", "南宁"}, {"status", "signed"}},
      {{"title", T("zh-Hans", "人工智能应用合作备忘录")}, {"parties", {w.id("org-1"), w.id("org-2")}},
       {"agreement_type", "mou"}, {"signed_date", "2025-09-18"}, {"signed_place", "南宁"}, {"status", "signed"}});
  add("projects",
      {{"ref", "proj-1"}, {"title", T("en", "Rice pest forecasting pilot")},
       {"summary", T("vi", "Thí điểm dự báo sâu bệnh tại ba huyện.")},
       {"parties", Json::array({w.id("org-2"), "org-3"})}, {"stage", "negotiating"}, {"value", 1500000.5},
       {"currency", "cny"}, {"agreement", "a-1"}, {"case", w.id("case-1")}, {"country", "VN"},
       {"start_date", "2025-10-01"}},
      {{"title", T("en", "Rice pest forecasting pilot")}, {"summary", T("vi", "Thí điểm dự báo sâu bệnh tại ba huyện.")},
       {"parties", {w.id("org-2"), w.id("org-3")}}, {"stage", "negotiating"}, {"value", 1500000.5},
       {"currency", "CNY"}, {"agreement", w.id("a-1")}, {"case", w.id("case-1")}, {"country", "VN"},
       {"start_date", "2025-10-01"}});
  const Json prog = {{"title", T("fr", "Formation à l'intelligence artificielle appliquée à l'agriculture")},
                     {"description", T("fr", "Un programme de cinq jours pour les techniciens agricoles.")},
                     {"target_countries", {"VN", "LA", "KH"}},
                     {"language", "fr"}};
  Json prog_sent = prog, prog_expected = prog;
  prog_sent["ref"] = "prog-1";
  prog_sent["provider"] = "org-3";
  prog_expected["provider"] = w.id("org-3");
  add("programmes", prog_sent, prog_expected);
  const Json session = {{"title", T("vi", "Khóa 1: AI cho cán bộ khuyến nông")},
                        {"start_date", "2025-11-03"},
                        {"end_date", "2025-11-07"},
                        {"venue", "Trung tâm Khuyến nông Hà Nội"},
                        {"online", true},
                        {"language", "vi"},
                        {"capacity", 30},
                        {"country", "VN"},
                        {"locality", "Hà Nội"}};
  Json session_sent = session, session_expected = session;
  session_sent["ref"] = "s-1";
  session_sent["programme"] = "prog-1";
  session_expected["programme"] = w.id("prog-1");
  add("sessions", session_sent, session_expected);
  add("enrolments", {{"ref", "e-1"}, {"person", "person-1"}, {"session", "s-1"}, {"status", "Accepted"}},
      {{"person", w.id("person-1")}, {"session", w.id("s-1")}, {"status", "accepted"}});
  const Json doc = {{"title", T("vi", "Thái Bình ứng dụng AI trong nông nghiệp")},
                    {"body", T("vi", "Ngày 18/9/2025, tỉnh Thái Bình ký kết hợp tác với Quảng Tây về trí tuệ nhân tạo.")},
                    {"date", "2025-09-18"},
                    {"source", "Báo Thái Bình"},
                    {"url", "https://baothaibinh.example.vn/ai"}};
  Json doc_sent = doc;
  doc_sent["ref"] = "doc-1";
  add("documents", doc_sent, doc);
  add("interests",
      {{"ref", "i-1"}, {"profile", "p-1"}, {"org", "org-2"}, {"name", "黄伟"}, {"email", "huang.wei@ai.gx.example.cn"},
       {"message", T("zh-Hans", "我们的水稻病虫害识别模型已在广西应用，愿意在太平省试点。")}},
      {{"profile", w.id("p-1")}, {"organisation", w.id("org-2")}, {"name", "黄伟"},
       {"email", "huang.wei@ai.gx.example.cn"},
       {"message", T("zh-Hans", "我们的水稻病虫害识别模型已在广西应用，愿意在太平省试点。")}, {"status", "new"}});
  const Json consent = {{"purpose", "cross_border_transfer"},
                        {"law", "pipl_and_decree_13_2023"},
                        {"destination_country", "CN"},
                        {"granted_at", "2025-10-20"},
                        {"text_version", "2025-10"},
                        {"text", T("vi", "Tôi đồng ý chuyển dữ liệu cá nhân sang Trung Quốc để tham gia khoá học.")}};
  Json consent_sent = consent, consent_expected = consent;
  consent_sent["ref"] = "c-1";
  consent_sent["person"] = "person-1";
  consent_expected["person"] = w.id("person-1");
  add("consents", consent_sent, consent_expected);
  return w;
}

// --- health and records -------------------------------------------------------------------

TEST_P(ApiTest, Healthz) {
  CHECKPOINT();
  HttpResponse r = Anon().Get("/healthz");
  ASSERT_EQ(r.status, 200) << r.Describe();
  Json j = r.json();
  ASSERT_TRUE(j.is_object()) << r.Describe();
  EXPECT_EQ(j.value("status", ""), "ok");
}

TEST_P(ApiTest, CreateAndReadEveryType) {
  World w = BuildWorld();
  ASSERT_FALSE(HasFailure());
  ASSERT_EQ(w.entries.size(), 14u);
  const std::regex iso_utc(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z)");
  std::set<std::string> collections;
  for (const auto& e : w.entries) {
    SCOPED_TRACE(e.collection + " " + e.sent.dump());
    collections.insert(e.collection);
    ASSERT_GT(Id(e.got), 0);
    EXPECT_EQ(e.got.value("ref", Json()), e.sent.value("ref", Json()));
    EXPECT_EQ(e.got.value("version", 0), 1);
    EXPECT_TRUE(std::regex_match(e.got.value("created_at", ""), iso_utc)) << e.got.dump();
    EXPECT_EQ(e.got.value("created_at", ""), e.got.value("updated_at", "?"));
    EXPECT_EQ(WithoutMeta(e.got), e.expected) << "all fields, in canonical form";
  }
  EXPECT_EQ(collections.size(), 12u) << "one of each of the 12 record types";

  // The create response itself: status, Location, ETag, content type.
  HttpResponse r = Api().Post("/api/v1/documents", {{"title", T("en", "Notes")}, {"body", T("en", "Some notes.")}});
  ASSERT_EQ(r.status, 201) << r.Describe();
  Json doc = r.json();
  const std::string location = r.Header("location");
  const std::string expected_path = Item("documents", Id(doc));
  EXPECT_TRUE(location == expected_path ||
              (location.size() > expected_path.size() &&
               location.compare(location.size() - expected_path.size(), expected_path.size(), expected_path) == 0))
      << "Location: " << location;
  EXPECT_EQ(r.Header("etag"), "\"1\"");
  EXPECT_EQ(r.Header("content-type").rfind("application/json", 0), 0u) << r.Header("content-type");
  EXPECT_TRUE(doc["ref"].is_null()) << "a record created without ref has ref null";

  CHECKPOINT();
  for (const auto& e : w.entries) {
    SCOPED_TRACE(e.collection);
    HttpResponse got = Api().Get(Item(e.collection, Id(e.got)));
    ASSERT_EQ(got.status, 200) << got.Describe();
    EXPECT_EQ(got.json(), e.got) << "a read returns exactly what the create returned";
    EXPECT_EQ(got.Header("content-type").rfind("application/json", 0), 0u);
  }
  HttpResponse by_location = Api().Get(expected_path);
  EXPECT_EQ(by_location.status, 200) << by_location.Describe();
  EXPECT_EQ(by_location.json(), doc);
}

TEST_P(ApiTest, DefaultsAreFilledIn) {
  Json org = Create("organisations", {{"name", T("vi", kSoNongNghiep)}, {"kind", "government"}, {"country", "VN"}});
  Json org2 = Create("organisations", {{"name", T("zh-Hans", "广西大学")}, {"kind", "university"}, {"country", "CN"}});
  Json profile = Create("profiles", {{"org", Id(org)}, {"kind", "offer"}, {"title", T("en", "Drone spraying")}});
  Json agreement = Create("agreements", {{"title", T("en", "MoU")},
                                         {"parties", {Id(org), Id(org2)}},
                                         {"agreement_type", "MOU"}});
  Json project = Create("projects", {{"title", T("en", "Pilot")}, {"parties", {Id(org)}}});
  Json programme = Create("programmes", {{"title", T("en", "AI basics")}});
  Json session = Create("sessions", {{"programme", Id(programme)}, {"start_date", "2025-11-03"}, {"end_date", "2025-11-03"}});
  Json person = Create("people", {{"name", "Lê Văn Nam"}});
  Json enrolment = Create("enrolments", {{"person", Id(person)}, {"session", Id(session)}});
  ASSERT_FALSE(HasFailure());
  CHECKPOINT();
  EXPECT_EQ(Read("profiles", Id(profile)).value("subject", ""), "technology");
  EXPECT_EQ(Read("profiles", Id(profile)).value("status", ""), "draft");
  EXPECT_EQ(Read("agreements", Id(agreement)).value("status", ""), "signed");
  EXPECT_EQ(Read("agreements", Id(agreement)).value("agreement_type", ""), "mou");
  EXPECT_EQ(Read("projects", Id(project)).value("stage", ""), "proposed");
  EXPECT_EQ(Read("sessions", Id(session))["online"], false);
  EXPECT_EQ(Read("enrolments", Id(enrolment)).value("status", ""), "applied");
  Json o = Read("organisations", Id(org));
  EXPECT_FALSE(o.contains("description")) << "absent optional fields are left out: " << o.dump();
  EXPECT_FALSE(o.contains("website")) << o.dump();
}

// Every 200 for a record carries its ETag, so that a client can send it back in If-Match.
// KNOWN BUG, fails until fixed: src/http/api.cc Api::TryFast answers cached public records
// (`return Response{.status = 200, ...}` after CachedPublicJson) without the ETag header that
// RecordResponse sets on the slow path; after a create or a first read, GETs have no ETag.
TEST_P(ApiTest, EveryReadCarriesTheVersionAsETag) {
  Json org = Create("organisations", {{"ref", "etag-org"}, {"name", T("vi", kSoNongNghiep)},
                                      {"kind", "government"}, {"country", "VN"}});
  ASSERT_GT(Id(org), 0);
  CHECKPOINT();
  for (int i = 0; i < 3; ++i) {  // the first read may fill a cache; later ones may be served from it
    SCOPED_TRACE("read " + std::to_string(i + 1));
    HttpResponse anon = Anon().Get(Item("organisations", Id(org)));
    ASSERT_EQ(anon.status, 200) << anon.Describe();
    EXPECT_EQ(anon.Header("etag"), "\"1\"") << "anonymous GET lacks the ETag";
    HttpResponse authed = Api().Get(Item("organisations", Id(org)));
    ASSERT_EQ(authed.status, 200) << authed.Describe();
    EXPECT_EQ(authed.Header("etag"), "\"1\"") << "GET with a token lacks the ETag";
    EXPECT_EQ(anon.json(), authed.json());
  }
  HttpResponse patched = Api().Patch(Item("organisations", Id(org)), {{"locality", "Thái Bình"}});
  ASSERT_EQ(patched.status, 200) << patched.Describe();
  EXPECT_EQ(patched.Header("etag"), "\"2\"");
  HttpResponse after = Anon().Get(Item("organisations", Id(org)));
  EXPECT_EQ(after.json().value("version", 0), 2) << "a read after a write sees the write";
  EXPECT_EQ(after.Header("etag"), "\"2\"");
}

// --- lists --------------------------------------------------------------------------------

TEST_P(ApiTest, ListFilters) {
  World w = BuildWorld();
  Create("organisations", {{"ref", "org-4"}, {"name", T("vi", "Trường Đại học Nông Lâm Thái Nguyên")},
                           {"kind", "university"}, {"country", "VN"}});
  Create("organisations", {{"ref", "org-5"}, {"name", T("zh-Hans", "广西大学")}, {"kind", "university"},
                           {"country", "CN"}});
  Create("profiles", {{"ref", "p-2"}, {"org", "org-2"}, {"kind", "offer"}, {"subject", "business"},
                      {"title", T("zh-Hans", "人工智能水稻病虫害识别服务")}, {"status", "published"}});
  Create("profiles", {{"ref", "p-3"}, {"org", "org-2"}, {"kind", "offer"}, {"subject", "technology"},
                      {"title", T("zh-Hans", "农业无人机")}, {"status", "draft"}});
  Create("profiles", {{"ref", "p-4"}, {"org", "org-1"}, {"kind", "request"}, {"subject", "training"},
                      {"title", T("vi", "Đào tạo cán bộ về AI")}, {"status", "closed"}});
  Create("agreements", {{"ref", "a-2"}, {"title", T("en", "Framework")}, {"parties", {"org-2", "org-3"}},
                        {"agreement_type", "framework"}, {"status", "in_force"}});
  Create("projects", {{"ref", "proj-2"}, {"title", T("en", "Drone pilot")}, {"parties", {"org-1", "org-2"}},
                      {"stage", "completed"}});
  Create("enrolments", {{"ref", "e-2"}, {"person", "person-1"}, {"session", "s-1"}, {"status", "waitlisted"}});
  ASSERT_FALSE(HasFailure());
  CHECKPOINT();
  using S = std::set<std::string>;
  // kind and country, alone and together
  EXPECT_EQ(ListRefs("organisations", "kind=university"), (S{"org-4", "org-5"}));
  EXPECT_EQ(ListRefs("organisations", "kind=research_institute"), (S{"org-2", "org-3"}));
  EXPECT_EQ(ListRefs("organisations", "country=VN"), (S{"org-1", "org-4"}));
  EXPECT_EQ(ListRefs("organisations", "kind=university&country=CN"), (S{"org-5"}));
  EXPECT_EQ(ListRefs("organisations", "kind=hospital"), (S{}));
  EXPECT_EQ(ListRefs("profiles", "kind=offer"), (S{"p-2", "p-3"}));
  // status, subject, stage
  EXPECT_EQ(ListRefs("profiles", "status=draft"), (S{"p-3"}));
  EXPECT_EQ(ListRefs("profiles", "status=closed"), (S{"p-4"}));
  EXPECT_EQ(ListRefs("profiles", "subject=technology"), (S{"p-1", "p-3"}));
  EXPECT_EQ(ListRefs("profiles", "subject=training"), (S{"p-4"}));
  EXPECT_EQ(ListRefs("agreements", "status=in_force"), (S{"a-2"}));
  EXPECT_EQ(ListRefs("enrolments", "status=waitlisted"), (S{"e-2"}));
  EXPECT_EQ(ListRefs("projects", "stage=completed"), (S{"proj-2"}));
  EXPECT_EQ(ListRefs("projects", "stage=negotiating"), (S{"proj-1"}));
  // a reference field, by id
  EXPECT_EQ(ListRefs("profiles", "organisation=" + std::to_string(w.id("org-2"))), (S{"p-2", "p-3"}));
  // ref
  EXPECT_EQ(ListRefs("profiles", "ref=p-2"), (S{"p-2"}));
  EXPECT_EQ(ListRefs("organisations", "ref=" + UrlEncode("org-1")), (S{"org-1"}));
  EXPECT_EQ(ListRefs("organisations", "ref=nope"), (S{}));
  // filters are ANDed with the anonymous view: anonymous sees published only
  EXPECT_EQ(ListRefs("profiles", "kind=offer", /*anonymous=*/true), (S{"p-2"}));
  EXPECT_EQ(ListRefs("profiles", "status=draft", /*anonymous=*/true), (S{}));
}

TEST_P(ApiTest, PrefixFilterIgnoresCaseInVietnameseAndMatchesChinese) {
  auto org = [&](const std::string& ref, const Json& name, const std::string& country) {
    Create("organisations", {{"ref", ref}, {"name", name}, {"kind", "government"}, {"country", country}});
  };
  org("vi-1", T("vi", kSoNongNghiep), "VN");
  org("vi-2", T("vi", "Sở Khoa học và Công nghệ Lạng Sơn"), "VN");
  org("vi-3", T("vi", "sở giao thông vận tải hà nội"), "VN");
  org("vi-4", T("vi", "Trường Đại học Sư phạm"), "VN");
  org("vi-5", T("vi", "So Tai chinh"), "VN");  // no diacritics: a different word
  org("vi-nfd", T("vi", "So\u031B\u0309 Y te\u0302\u0301 Thái Bình"), "VN");
  org("zh-1", T("zh-Hans", "广西壮族自治区人工智能研究院"), "CN");
  org("zh-2", T("zh-Hans", "广西大学"), "CN");
  org("zh-3", T("zh-Hans", "云南省农业科学院"), "CN");
  ASSERT_FALSE(HasFailure());
  CHECKPOINT();
  using S = std::set<std::string>;
  const S all_so = {"vi-1", "vi-2", "vi-3", "vi-nfd"};
  EXPECT_EQ(ListRefs("organisations", "prefix=" + UrlEncode("Sở")), all_so);
  EXPECT_EQ(ListRefs("organisations", "prefix=" + UrlEncode("sở")), all_so);
  EXPECT_EQ(ListRefs("organisations", "prefix=" + UrlEncode("SỞ")), all_so);
  EXPECT_EQ(ListRefs("organisations", "prefix=" + UrlEncode("So\u031B\u0309")), all_so) << "an NFD query";
  EXPECT_EQ(ListRefs("organisations", "prefix=" + UrlEncode("sở nông")), (S{"vi-1"}));
  EXPECT_EQ(ListRefs("organisations", "prefix=" + UrlEncode("So ")), (S{"vi-5"}));
  EXPECT_EQ(ListRefs("organisations", "prefix=" + UrlEncode("trường đại")), (S{"vi-4"}));
  EXPECT_EQ(ListRefs("organisations", "prefix=" + UrlEncode("广西")), (S{"zh-1", "zh-2"}));
  EXPECT_EQ(ListRefs("organisations", "prefix=" + UrlEncode("广西大")), (S{"zh-2"}));
  EXPECT_EQ(ListRefs("organisations", "prefix=" + UrlEncode("云南")), (S{"zh-3"}));
  EXPECT_EQ(ListRefs("organisations", "prefix=" + UrlEncode("人工智能")), (S{})) << "a prefix, not a substring";
  EXPECT_EQ(ListRefs("organisations", "prefix=" + UrlEncode("广西") + "&country=VN"), (S{}));
}

TEST_P(ApiTest, DateRangeFilters) {
  World w = BuildWorld();
  auto profile = [&](const std::string& ref, const std::optional<std::string>& deadline) {
    Json body = {{"ref", ref}, {"org", "org-1"}, {"kind", "request"}, {"title", T("en", "Need " + ref)},
                 {"status", "published"}};
    if (deadline) body["deadline"] = *deadline;
    Create("profiles", body);
  };
  profile("d-2025-12-01", "2025-12-01");
  profile("d-2026-06-30", "2026-06-30");
  profile("d-2027-01-01", "2027-01-01");
  profile("d-none", std::nullopt);
  Create("sessions", {{"ref", "s-2"}, {"programme", "prog-1"}, {"start_date", "2026-02-02"}, {"end_date", "2026-02-06"}});
  Create("agreements", {{"ref", "a-old"}, {"title", T("en", "Old MoU")}, {"parties", {"org-1", "org-3"}},
                        {"agreement_type", "mou"}, {"signed_date", "2019-05-10"}});
  Create("documents", {{"ref", "doc-2"}, {"title", T("en", "Later news")}, {"body", T("en", "Later.")},
                       {"date", "2026-01-15"}});
  ASSERT_FALSE(HasFailure());
  CHECKPOINT();
  using S = std::set<std::string>;
  // profiles: deadline (p-1 from the world is 2026-03-31)
  EXPECT_EQ(ListRefs("profiles", "from=2026-01-01"), (S{"p-1", "d-2026-06-30", "d-2027-01-01"}));
  EXPECT_EQ(ListRefs("profiles", "to=2026-03-31"), (S{"p-1", "d-2025-12-01"})) << "to is inclusive";
  EXPECT_EQ(ListRefs("profiles", "from=2026-03-31&to=2026-03-31"), (S{"p-1"})) << "from is inclusive";
  EXPECT_EQ(ListRefs("profiles", "from=2026-04-01&to=2026-12-31"), (S{"d-2026-06-30"}));
  EXPECT_EQ(ListRefs("profiles", "from=2030-01-01"), (S{}));
  EXPECT_EQ(ListRefs("profiles", "from=2026-01-01", /*anonymous=*/true), (S{"p-1", "d-2026-06-30", "d-2027-01-01"}));
  // agreements: signed_date; sessions: start_date; projects: start_date; documents: date
  EXPECT_EQ(ListRefs("agreements", "from=2025-01-01"), (S{"a-1"}));
  EXPECT_EQ(ListRefs("agreements", "to=2024-12-31"), (S{"a-old"}));
  EXPECT_EQ(ListRefs("sessions", "from=2026-01-01"), (S{"s-2"}));
  EXPECT_EQ(ListRefs("sessions", "to=2025-12-31"), (S{"s-1"}));
  EXPECT_EQ(ListRefs("projects", "from=2025-10-01&to=2025-10-01"), (S{"proj-1"}));
  EXPECT_EQ(ListRefs("documents", "from=2025-09-18&to=2025-12-31"), (S{"doc-1"}));
}

TEST_P(ApiTest, ListContainsFilters) {
  World w = BuildWorld();
  Create("profiles", {{"ref", "p-la"}, {"org", "org-2"}, {"kind", "offer"}, {"title", T("en", "For Laos")},
                      {"target_countries", {"LA"}}, {"status", "published"}});
  Create("profiles", {{"ref", "p-vn-kh"}, {"org", "org-2"}, {"kind", "offer"}, {"title", T("en", "For VN and KH")},
                      {"target_countries", {"VN", "KH"}}, {"status", "published"}});
  Create("programmes", {{"ref", "prog-2"}, {"title", T("en", "Programme for China")}, {"target_countries", {"CN"}}});
  Create("agreements", {{"ref", "a-2"}, {"title", T("en", "Framework")}, {"parties", {"org-2", "org-3"}},
                        {"agreement_type", "framework"}});
  Create("projects", {{"ref", "proj-2"}, {"title", T("en", "Second")}, {"parties", {"org-1"}}});
  ASSERT_FALSE(HasFailure());
  CHECKPOINT();
  using S = std::set<std::string>;
  EXPECT_EQ(ListRefs("profiles", "target_countries=VN"), (S{"p-1", "p-vn-kh"}));
  EXPECT_EQ(ListRefs("profiles", "target_countries=LA"), (S{"p-la"}));
  EXPECT_EQ(ListRefs("profiles", "target_countries=CN"), (S{"p-1"}));
  EXPECT_EQ(ListRefs("profiles", "target_countries=TH"), (S{}));
  EXPECT_EQ(ListRefs("programmes", "target_countries=KH"), (S{"prog-1"}));
  EXPECT_EQ(ListRefs("programmes", "target_countries=CN"), (S{"prog-2"}));
  const std::string org1 = std::to_string(w.id("org-1")), org2 = std::to_string(w.id("org-2")),
                    org3 = std::to_string(w.id("org-3"));
  EXPECT_EQ(ListRefs("agreements", "parties=" + org1), (S{"a-1"}));
  EXPECT_EQ(ListRefs("agreements", "parties=" + org2), (S{"a-1", "a-2"}));
  EXPECT_EQ(ListRefs("agreements", "parties=" + org3), (S{"a-2"}));
  EXPECT_EQ(ListRefs("projects", "parties=" + org3), (S{"proj-1"}));
  EXPECT_EQ(ListRefs("projects", "parties=" + org1), (S{"proj-2"}));
  EXPECT_EQ(ListRefs("projects", "parties=" + org2 + "&stage=negotiating"), (S{"proj-1"}));
}

TEST_P(ApiTest, CursorPagination) {
  std::string orgs;
  for (int i = 0; i < 120; ++i) {
    char ref[16];
    std::snprintf(ref, sizeof ref, "page-%03d", i);
    Json line = {{"type", "organisation"}, {"ref", ref}, {"name", T("vi", "Hợp tác xã số " + std::to_string(i))},
                 {"kind", i % 2 == 0 ? "university" : "cooperative"}, {"country", "VN"}};
    orgs += line.dump() + "\n";
  }
  HttpResponse imported = Import(orgs);
  ASSERT_EQ(imported.status, 200) << imported.Describe();
  std::string profiles;
  for (int i = 0; i < 120; ++i) {
    Json line = {{"type", "profile"}, {"ref", "pp-" + std::to_string(i)}, {"org", "page-000"}, {"kind", "offer"},
                 {"title", T("en", "Offer " + std::to_string(i))}, {"status", i % 2 == 0 ? "published" : "draft"}};
    profiles += line.dump() + "\n";
  }
  imported = Import(profiles);
  ASSERT_EQ(imported.status, 200) << imported.Describe();
  CHECKPOINT();

  std::vector<size_t> sizes;
  std::vector<Json> first = Walk(Api(), "organisations", "", 50, &sizes);
  EXPECT_EQ(sizes, (std::vector<size_t>{50, 50, 20}));
  ASSERT_EQ(first.size(), 120u);
  std::vector<int64_t> ids;
  for (const auto& r : first) ids.push_back(Id(r));
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end())) << "stable order: by id";
  EXPECT_EQ(std::set<int64_t>(ids.begin(), ids.end()).size(), 120u) << "no duplicates";
  EXPECT_EQ(RefsOf(first).size(), 120u);

  std::vector<Json> second = Walk(Anon(), "organisations", "", 50);
  std::vector<int64_t> ids2;
  for (const auto& r : second) ids2.push_back(Id(r));
  EXPECT_EQ(ids, ids2) << "walking again gives the same order";

  sizes.clear();
  std::vector<Json> universities = Walk(Api(), "organisations", "kind=university", 50, &sizes);
  EXPECT_EQ(universities.size(), 60u);
  EXPECT_EQ(sizes, (std::vector<size_t>{50, 10}));
  for (const auto& u : universities) EXPECT_EQ(u.value("kind", ""), "university");

  // A record created in the middle of a walk shows up once, at the end.
  HttpResponse page1 = Api().Get("/api/v1/organisations?limit=50");
  ASSERT_EQ(page1.status, 200);
  Json created = Create("organisations", {{"ref", "late"}, {"name", T("en", "Late")}, {"kind", "association"},
                                          {"country", "LA"}});
  std::vector<Json> rest;
  std::string cursor = page1.json()["next_cursor"].get<std::string>();
  while (!cursor.empty()) {
    HttpResponse r = Api().Get("/api/v1/organisations?limit=50&cursor=" + UrlEncode(cursor));
    ASSERT_EQ(r.status, 200) << r.Describe();
    Json j = r.json();
    for (auto& item : j["items"]) rest.push_back(item);
    cursor = j["next_cursor"].is_string() ? j["next_cursor"].get<std::string>() : "";
  }
  ASSERT_EQ(rest.size(), 71u);
  EXPECT_EQ(Id(rest.back()), Id(created));

  // Anonymous: published profiles only, across pages.
  sizes.clear();
  std::vector<Json> published = Walk(Anon(), "profiles", "", 50, &sizes);
  EXPECT_EQ(published.size(), 60u);
  for (const auto& p : published) EXPECT_EQ(p.value("status", ""), "published") << p.dump();
  std::vector<Json> all_profiles = Walk(Api(), "profiles", "", 50);
  EXPECT_EQ(all_profiles.size(), 120u);
}

// --- updates and deletes ------------------------------------------------------------------

TEST_P(ApiTest, PatchChangesSomeFieldsAndNullRemovesOne) {
  Json org = Create("organisations", {{"ref", "patch-org"}, {"name", T("vi", kSoNongNghiep)}, {"kind", "government"},
                                      {"country", "VN"}, {"locality", "Thái Bình"},
                                      {"description", T("vi", "Mô tả")}, {"website", "https://example.vn"}});
  ASSERT_GT(Id(org), 0);
  CHECKPOINT();
  HttpResponse r = Api().Patch(Item("organisations", Id(org)), {{"description", nullptr}, {"locality", "Hải Phòng"}});
  ASSERT_EQ(r.status, 200) << r.Describe();
  Json patched = r.json();
  EXPECT_EQ(r.Header("etag"), "\"2\"");
  EXPECT_EQ(patched.value("version", 0), 2);
  EXPECT_FALSE(patched.contains("description")) << patched.dump();
  EXPECT_EQ(patched.value("locality", ""), "Hải Phòng");
  EXPECT_EQ(patched.value("website", ""), "https://example.vn") << "fields not in the patch are kept";
  EXPECT_EQ(patched["name"], T("vi", kSoNongNghiep));
  EXPECT_EQ(patched.value("ref", ""), "patch-org");
  EXPECT_EQ(patched["created_at"], org["created_at"]);
  CHECKPOINT();
  EXPECT_EQ(Read("organisations", Id(org)), patched);

  HttpResponse bad = Api().Patch(Item("organisations", Id(org)), {{"name", nullptr}});
  Json problem = ExpectProblem(bad, 400);
  EXPECT_FALSE(FieldError(problem, "name").is_null()) << bad.Describe();
  EXPECT_EQ(Read("organisations", Id(org)).value("version", 0), 2) << "a refused patch changes nothing";
}

TEST_P(ApiTest, PutReplacesTheWholeRecord) {
  Json org = Create("organisations", {{"ref", "put-org"}, {"name", T("vi", kSoNongNghiep)}, {"kind", "government"},
                                      {"country", "VN"}, {"locality", "Thái Bình"},
                                      {"description", T("vi", "Mô tả")}, {"website", "https://example.vn"}});
  ASSERT_GT(Id(org), 0);
  CHECKPOINT();
  const Json body = {{"name", T("vi", "Sở Khoa học và Công nghệ Thái Bình")}, {"kind", "government"}, {"country", "VN"}};
  HttpResponse r = Api().Put(Item("organisations", Id(org)), body);
  ASSERT_EQ(r.status, 200) << r.Describe();
  Json replaced = r.json();
  EXPECT_EQ(WithoutMeta(replaced), body) << "fields left out of a PUT are removed";
  EXPECT_EQ(replaced.value("ref", ""), "put-org") << "a body without ref keeps the ref";
  EXPECT_EQ(replaced.value("version", 0), 2);
  EXPECT_EQ(r.Header("etag"), "\"2\"");
  CHECKPOINT();
  EXPECT_EQ(Read("organisations", Id(org)), replaced);

  HttpResponse bad = Api().Put(Item("organisations", Id(org)), {{"name", T("en", "No kind")}, {"country", "VN"}});
  Json problem = ExpectProblem(bad, 400);
  EXPECT_FALSE(FieldError(problem, "kind").is_null()) << bad.Describe();
  EXPECT_EQ(Read("organisations", Id(org)), replaced);

  HttpResponse missing = Api().Put(Item("organisations", 999999), body);
  ExpectProblem(missing, 404);
}

TEST_P(ApiTest, StaleIfMatchIsAConflict) {
  Json org = Create("organisations", {{"ref", "ifm"}, {"name", T("en", "If-Match Ltd")}, {"kind", "enterprise"},
                                      {"country", "SG"}});
  ASSERT_GT(Id(org), 0);
  CHECKPOINT();
  const std::string path = Item("organisations", Id(org));
  HttpResponse ok = Api().Patch(path, {{"locality", "A"}}, {"If-Match: \"1\""});
  ASSERT_EQ(ok.status, 200) << ok.Describe();
  EXPECT_EQ(ok.json().value("version", 0), 2);

  Json problem = ExpectProblem(Api().Patch(path, {{"locality", "B"}}, {"If-Match: \"1\""}), 409);
  EXPECT_EQ(problem.value("code", ""), "conflict");
  ExpectProblem(Api().Put(path, {{"name", T("en", "X")}, {"kind", "enterprise"}, {"country", "SG"}},
                          {"If-Match: \"1\""}),
                409);
  ExpectProblem(Api().Patch(path, {{"locality", "C"}}, {"If-Match: \"7\""}), 409);
  Json now = Read("organisations", Id(org));
  EXPECT_EQ(now.value("version", 0), 2);
  EXPECT_EQ(now.value("locality", ""), "A") << "a refused write changes nothing";

  HttpResponse current = Api().Patch(path, {{"locality", "D"}}, {"If-Match: \"2\""});
  ASSERT_EQ(current.status, 200) << current.Describe();
  EXPECT_EQ(current.Header("etag"), "\"3\"");
  CHECKPOINT();
  EXPECT_EQ(Read("organisations", Id(org)).value("version", 0), 3);
  EXPECT_EQ(Read("organisations", Id(org)).value("locality", ""), "D");
  ExpectProblem(Api().Patch(path, {{"locality", "E"}}, {"If-Match: \"2\""}), 409);
}

TEST_P(ApiTest, DeleteThenNotFoundForEveryType) {
  World w = BuildWorld();
  ASSERT_FALSE(HasFailure());
  CHECKPOINT();
  // Reverse creation order: nothing is still referenced when it is deleted.
  for (auto it = w.entries.rbegin(); it != w.entries.rend(); ++it) {
    SCOPED_TRACE(it->collection);
    const std::string path = Item(it->collection, Id(it->got));
    HttpResponse del = Api().Delete(path);
    ASSERT_EQ(del.status, 204) << del.Describe();
    EXPECT_TRUE(del.body.empty());
    ExpectProblem(Api().Get(path), 404);
    ExpectProblem(Api().Delete(path), 404);
  }
  CHECKPOINT();
  for (const auto& e : w.entries) {
    SCOPED_TRACE(e.collection);
    ExpectProblem(Api().Get(Item(e.collection, Id(e.got))), 404);
    if (!IsPrivateCollection(e.collection)) {
      ExpectProblem(Anon().Get(Item(e.collection, Id(e.got))), 404);
    }
    EXPECT_TRUE(ListAll(e.collection, "").empty());
  }
}

TEST_P(ApiTest, InterestsArePrivateFilterableByProfileAndValidated) {
  World w = BuildWorld();
  ASSERT_FALSE(HasFailure());
  CHECKPOINT();
  const int64_t profile = w.id("p-1");
  // A second profile and an interest in it, to check the filter.
  Json other = Create("profiles", {{"org", "org-2"}, {"kind", "offer"}, {"status", "published"},
                                   {"title", T("zh-Hans", "智能灌溉系统")}});
  Json second = Create("interests", {{"profile", Id(other)}, {"name", "Trần Văn Bình"}, {"email", "binh@example.vn"},
                                     {"message", T("vi", "Chúng tôi quan tâm đến hệ thống tưới thông minh.")}});
  ASSERT_FALSE(HasFailure());
  EXPECT_EQ(second.value("status", ""), "new") << "the default status";

  ExpectProblem(Anon().Get("/api/v1/interests"), 401);
  ExpectProblem(Anon().Get(Item("interests", w.id("i-1"))), 401);
  const auto on_p1 = ListAll("interests", "profile=" + std::to_string(profile));
  ASSERT_EQ(on_p1.size(), 1u);
  EXPECT_EQ(on_p1[0]["ref"], "i-1");

  // The profile owner answers: accepted.
  HttpResponse accepted = Api().Patch(Item("interests", w.id("i-1")), {{"status", "accepted"}});
  ASSERT_EQ(accepted.status, 200) << accepted.Describe();
  EXPECT_EQ(accepted.json().value("status", ""), "accepted");

  // A bad e-mail, a missing message and an unknown status are named, in Vietnamese when asked.
  HttpResponse bad = Api().Post("/api/v1/interests?lang=vi", Json{{"profile", profile}, {"name", "X"},
                                                                  {"email", "not-an-address"}, {"status", "maybe"}});
  ASSERT_EQ(bad.status, 400) << bad.Describe();
  std::set<std::string> fields;
  const Json problem = bad.json();
  for (const auto& e : problem["errors"]) fields.insert(e["field"].get<std::string>());
  EXPECT_EQ(fields, (std::set<std::string>{"email", "message", "status"})) << bad.Describe();
  // An interest keeps its profile from being deleted.
  ExpectProblem(Api().Delete(Item("profiles", Id(other))), 409);
}

TEST_P(ApiTest, DeleteOfAReferencedOrganisationIsAConflict) {
  Json org = Create("organisations", {{"ref", "ref-org"}, {"name", T("vi", kSoNongNghiep)}, {"kind", "government"},
                                      {"country", "VN"}});
  Json other = Create("organisations", {{"ref", "other-org"}, {"name", T("zh-Hans", "广西大学")},
                                        {"kind", "university"}, {"country", "CN"}});
  Json profile = Create("profiles", {{"org", "ref-org"}, {"kind", "request"}, {"title", T("en", "Need")}});
  Json agreement = Create("agreements", {{"title", T("en", "MoU")}, {"parties", {"other-org", "ref-org"}},
                                         {"agreement_type", "mou"}});
  ASSERT_FALSE(HasFailure());
  CHECKPOINT();
  const std::string path = Item("organisations", Id(org));
  Json problem = ExpectProblem(Api().Delete(path), 409);
  EXPECT_EQ(problem.value("code", ""), "conflict");
  EXPECT_EQ(Read("organisations", Id(org)), org) << "the refused delete left the record alone";
  ASSERT_EQ(Api().Delete(Item("profiles", Id(profile))).status, 204);
  ExpectProblem(Api().Delete(path), 409);  // still a party to the agreement
  CHECKPOINT();
  ASSERT_EQ(Api().Delete(Item("agreements", Id(agreement))).status, 204);
  HttpResponse del = Api().Delete(path);
  EXPECT_EQ(del.status, 204) << del.Describe();
  EXPECT_EQ(Api().Delete(Item("organisations", Id(other))).status, 204);
}

// --- references -----------------------------------------------------------------------------

TEST_P(ApiTest, ReferencesByRefOrById) {
  Json org = Create("organisations", {{"ref", "org-1"}, {"name", T("vi", kSoNongNghiep)}, {"kind", "government"},
                                      {"country", "VN"}});
  ASSERT_GT(Id(org), 0);
  Json by_alias_ref = Create("profiles", {{"ref", "by-alias-ref"}, {"org", "org-1"}, {"kind", "request"},
                                          {"title", T("en", "By alias and ref")}});
  Json by_name_ref = Create("profiles", {{"ref", "by-name-ref"}, {"organisation", "org-1"}, {"kind", "request"},
                                         {"title", T("en", "By name and ref")}});
  Json by_id = Create("profiles", {{"ref", "by-id"}, {"organisation", Id(org)}, {"kind", "offer"},
                                   {"title", T("en", "By id")}});
  Json by_alias_id = Create("profiles", {{"ref", "by-alias-id"}, {"org", Id(org)}, {"kind", "offer"},
                                         {"title", T("en", "By alias and id")}});
  // refs are unique per type: a document may reuse an organisation's ref
  Create("documents", {{"ref", "org-1"}, {"title", T("en", "Same ref, other type")}, {"body", T("en", "Body.")}});
  ASSERT_FALSE(HasFailure());
  CHECKPOINT();
  for (const Json& p : {by_alias_ref, by_name_ref, by_id, by_alias_id}) {
    Json got = Read("profiles", Id(p));
    EXPECT_EQ(got["organisation"], Id(org)) << "references come back as ids: " << got.dump();
    EXPECT_FALSE(got.contains("org")) << "the alias is input only";
  }
  std::vector<Json> found = ListAll("organisations", "ref=org-1");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(Id(found[0]), Id(org));
  EXPECT_EQ(ListAll("profiles", "ref=by-id").size(), 1u);
  EXPECT_EQ(ListAll("profiles", "ref=nope").size(), 0u);
  EXPECT_EQ(ListAll("profiles", "organisation=" + std::to_string(Id(org))).size(), 4u);

  Json dup = ExpectProblem(Api().Post("/api/v1/organisations", {{"ref", "org-1"}, {"name", T("en", "Dup")},
                                                                 {"kind", "enterprise"}, {"country", "VN"}}),
                           409);
  EXPECT_EQ(dup.value("code", ""), "conflict");
  EXPECT_EQ(ListAll("organisations", "").size(), 1u);
}

// --- multilingual text ----------------------------------------------------------------------

TEST_P(ApiTest, MultilingualTextIsStoredInNfc) {
  Json zh = Create("organisations", {{"name", T("zh-Hans", "广西壮族自治区农业农村厅")}, {"kind", "government"},
                                     {"country", "CN"}, {"locality", "南宁市"}});
  Json vi_nfc = Create("organisations", {{"name", T("vi", kSoNongNghiep)}, {"kind", "government"}, {"country", "VN"}});
  Json vi_nfd = Create("organisations", {{"name", T("vi", kSoNongNghiepNfd)}, {"kind", "government"},
                                         {"country", "VN"}, {"locality", "  Tha\u0301i Bi\u0300nh \t"}});
  Json fr = Create("organisations",
                   {{"name", {{"lang", "fr"},
                              {"text", "Chambre d'agriculture de l'Hérault"},
                              {"translations", {{"vi", "Pho\u0300ng No\u0302ng nghie\u0323\u0302p He\u0301rault"},
                                                {"zh-Hans", "埃罗省农业商会"}}}}},
                    {"kind", "association"},
                    {"country", "FR"},
                    {"locality", "Montpellier"}});
  ASSERT_FALSE(HasFailure());
  CHECKPOINT();
  EXPECT_EQ(Read("organisations", Id(zh))["name"], T("zh-Hans", "广西壮族自治区农业农村厅"));
  EXPECT_EQ(Read("organisations", Id(zh)).value("locality", ""), "南宁市");
  EXPECT_EQ(Read("organisations", Id(vi_nfc))["name"], T("vi", kSoNongNghiep));
  Json nfd = Read("organisations", Id(vi_nfd));
  EXPECT_EQ(nfd["name"]["text"], kSoNongNghiep) << "NFD input is stored NFC";
  EXPECT_EQ(nfd.value("locality", ""), "Thái Bình") << "strings are NFC and trimmed";
  Json f = Read("organisations", Id(fr));
  EXPECT_EQ(f["name"]["text"], "Chambre d'agriculture de l'Hérault");
  EXPECT_EQ(f["name"]["lang"], "fr");
  EXPECT_EQ(f["name"]["translations"]["vi"], "Phòng Nông nghiệp Hérault") << "translations are NFC too";
  EXPECT_EQ(f["name"]["translations"]["zh-Hans"], "埃罗省农业商会");
  // The NFD input is found by an NFC prefix, because it is stored NFC.
  EXPECT_EQ(ListAll("organisations", "prefix=" + UrlEncode("Sở Nông")).size(), 2u);
}

TEST_P(ApiTest, LanguageIsDetectedWhenNotGiven) {
  struct Case {
    std::string ref, title, body, lang;
  };
  const std::vector<Case> cases = {
      {"vi", "Ứng dụng trí tuệ nhân tạo trong nông nghiệp",
       "Tỉnh Thái Bình đang thử nghiệm hệ thống dự báo sâu bệnh hại lúa dựa trên trí tuệ nhân tạo, giúp nông dân "
       "giảm chi phí thuốc bảo vệ thực vật và nâng cao năng suất.",
       "vi"},
      {"zh", "人工智能在农业中的应用",
       "广西壮族自治区正在试点基于人工智能的水稻病虫害预测系统，帮助农民减少农药使用并提高产量。", "zh-Hans"},
      {"fr", "L'intelligence artificielle au service des agriculteurs",
       "La province de Thai Binh expérimente un système de prévision des maladies du riz fondé sur l'intelligence "
       "artificielle, afin d'aider les agriculteurs à réduire l'usage des pesticides.",
       "fr"},
  };
  std::map<std::string, int64_t> ids;
  for (const auto& c : cases) {
    ids[c.ref] = Id(Create("documents", {{"ref", c.ref}, {"title", c.title}, {"body", c.body}}));
    // the object form without "lang" is detected too
    ids[c.ref + "-obj"] = Id(Create("documents", {{"ref", c.ref + "-obj"}, {"title", {{"text", c.title}}},
                                                   {"body", {{"text", c.body}}}}));
  }
  ASSERT_FALSE(HasFailure());
  CHECKPOINT();
  for (const auto& c : cases) {
    for (const std::string& ref : {c.ref, c.ref + "-obj"}) {
      SCOPED_TRACE(ref);
      Json doc = Read("documents", ids[ref]);
      EXPECT_EQ(doc["body"]["lang"], c.lang) << doc.dump();
      EXPECT_EQ(doc["body"]["text"], c.body);
      EXPECT_EQ(doc["title"]["lang"], c.lang) << doc.dump();
    }
  }
}

// --- access ---------------------------------------------------------------------------------

TEST_P(ApiTest, AnonymousReadsPublishedContentOnly) {
  World w = BuildWorld();  // p-1 is published
  Json draft = Create("profiles", {{"ref", "p-draft"}, {"org", "org-1"}, {"kind", "offer"},
                                   {"title", T("en", "Draft")}, {"status", "draft"}});
  Json closed = Create("profiles", {{"ref", "p-closed"}, {"org", "org-1"}, {"kind", "offer"},
                                    {"title", T("en", "Closed")}, {"status", "closed"}});
  ASSERT_FALSE(HasFailure());
  CHECKPOINT();
  for (const auto& e : w.entries) {
    SCOPED_TRACE(e.collection);
    const std::string path = Item(e.collection, Id(e.got));
    if (IsPrivateCollection(e.collection)) {
      ExpectProblem(Anon().Get(path), 401);
      ExpectProblem(Anon().Get("/api/v1/" + e.collection), 401);
    } else {
      HttpResponse r = Anon().Get(path);
      EXPECT_EQ(r.status, 200) << r.Describe();
      EXPECT_EQ(r.json(), e.got);
      HttpResponse list = Anon().Get("/api/v1/" + e.collection);
      EXPECT_EQ(list.status, 200) << list.Describe();
    }
    EXPECT_EQ(Api().Get(path).status, 200);
  }
  Json not_found = ExpectProblem(Anon().Get(Item("profiles", Id(draft))), 404);
  EXPECT_EQ(not_found.value("code", ""), "not_found");
  ExpectProblem(Anon().Get(Item("profiles", Id(closed))), 404);
  EXPECT_EQ(Api().Get(Item("profiles", Id(draft))).status, 200);
  EXPECT_EQ(Api().Get(Item("profiles", Id(closed))).status, 200);
  EXPECT_EQ(ListRefs("profiles", "", /*anonymous=*/true), (std::set<std::string>{"p-1"}));
  EXPECT_EQ(ListRefs("profiles", ""), (std::set<std::string>{"p-1", "p-draft", "p-closed"}));

  // Unpublishing hides at once; publishing shows at once.
  const std::string p1 = Item("profiles", w.id("p-1"));
  ASSERT_EQ(Api().Patch(p1, {{"status", "draft"}}).status, 200);
  ExpectProblem(Anon().Get(p1), 404);
  ASSERT_EQ(Api().Patch(Item("profiles", Id(draft)), {{"status", "published"}}).status, 200);
  EXPECT_EQ(Anon().Get(Item("profiles", Id(draft))).status, 200);
  CHECKPOINT();
  ExpectProblem(Anon().Get(p1), 404);
  EXPECT_EQ(ListRefs("profiles", "", /*anonymous=*/true), (std::set<std::string>{"p-draft"}));
  // Writes need the token, whatever the type.
  ExpectProblem(Anon().Post("/api/v1/organisations", {{"name", "X"}, {"kind", "enterprise"}, {"country", "VN"}}), 401);
  ExpectProblem(Anon().Patch(Item("organisations", w.id("org-1")), {{"locality", "X"}}), 401);
  ExpectProblem(Anon().Delete(Item("documents", w.id("doc-1"))), 401);
  EXPECT_EQ(Read("documents", w.id("doc-1")).value("version", 0), 1);
}

// --- bulk -----------------------------------------------------------------------------------

TEST_P(ApiTest, ImportOverTheApi) {
  // Types in any order; a blank line and a CRLF line ending are fine.
  const std::string jsonl =
      R"({"type":"agreement","ref":"imp-a","title":{"lang":"zh-Hans","text":"人工智能合作备忘录"},"parties":["imp-org-1","imp-org-2"],"agreement_type":"mou","signed_date":"2025-09-18"})"
      "\n"
      R"({"type":"profile","ref":"imp-p","org":"imp-org-1","kind":"request","title":"Dự báo sâu bệnh lúa bằng AI","status":"published"})"
      "\r\n"
      R"({"type":"organisation","ref":"imp-org-1","name":"Sở Nông nghiệp Thái Bình","kind":"government","country":"VN","region":"Thái Bình"})"
      "\n\n"
      R"({"type":"organisation","ref":"imp-org-2","name":{"lang":"zh-Hans","text":"广西农业科学院"},"kind":"research_institute","country":"CN"})"
      "\n";
  HttpResponse r = Import(jsonl);
  ASSERT_EQ(r.status, 200) << r.Describe();
  Json report = r.json();
  EXPECT_EQ(report.value("created", 0), 4);
  EXPECT_EQ(report["per_type"], (Json{{"agreement", 1}, {"organisation", 2}, {"profile", 1}})) << r.body;
  CHECKPOINT();
  auto one = [&](const std::string& collection, const std::string& ref) {
    std::vector<Json> items = ListAll(collection, "ref=" + ref);
    EXPECT_EQ(items.size(), 1u) << collection << " " << ref;
    return items.empty() ? Json::object() : items[0];
  };
  Json org1 = one("organisations", "imp-org-1"), org2 = one("organisations", "imp-org-2");
  EXPECT_EQ(org1["name"]["text"], kSoNongNghiep);
  EXPECT_EQ(org1.value("locality", ""), "Thái Bình");
  EXPECT_EQ(one("agreements", "imp-a")["parties"], (Json{Id(org1), Id(org2)}));
  EXPECT_EQ(one("profiles", "imp-p")["organisation"], Id(org1));
  // A second import may point at records already in the store.
  HttpResponse more = Import(R"({"type":"case","ref":"imp-c","title":"Case","adopter":"imp-org-1"})" "\n");
  ASSERT_EQ(more.status, 200) << more.Describe();
  EXPECT_EQ(one("cases", "imp-c")["adopter"], Id(org1));
}

TEST_P(ApiTest, ImportOverTheApiIsAllOrNothing) {
  const std::string good1 = R"({"type":"organisation","ref":"bad-org-1","name":"Sở Y tế Hà Nội","kind":"government","country":"VN"})";
  const std::string good2 = R"({"type":"organisation","ref":"bad-org-2","name":"广西大学","kind":"university","country":"CN"})";
  const std::string good4 = R"({"type":"profile","ref":"bad-p","org":"bad-org-1","kind":"request","title":"Need"})";
  const std::vector<std::pair<std::string, std::string>> bad_lines = {
      {"invalid country", R"({"type":"organisation","ref":"bad-org-3","name":"X","kind":"government","country":"XX"})"},
      {"malformed JSON", R"({"type":"organisation","ref":"bad-org-3","name":)"},
      {"unknown type", R"({"type":"spaceship","ref":"bad-3"})"},
      {"dangling reference", R"({"type":"profile","ref":"bad-p3","org":"nope","kind":"offer","title":"X"})"},
  };
  for (const auto& [what, line3] : bad_lines) {
    SCOPED_TRACE(what);
    HttpResponse r = Import(good1 + "\n" + good2 + "\n" + line3 + "\n" + good4 + "\n");
    Json problem = ExpectProblem(r, 400);
    bool names_line_3 = problem.value("detail", "").find("line 3") != std::string::npos;
    for (const auto& e : problem.value("errors", Json::array())) {
      const std::string field = e.value("field", "");
      names_line_3 |= field.rfind("line 3", 0) == 0;
      EXPECT_TRUE(field.rfind("line 3", 0) == 0) << "only line 3 is at fault: " << e.dump();
    }
    EXPECT_TRUE(names_line_3) << r.Describe();
  }
  CHECKPOINT();
  EXPECT_TRUE(ListAll("organisations", "").empty()) << "nothing was written";
  EXPECT_TRUE(ListAll("profiles", "").empty());
}

TEST_P(ApiTest, ImportWithTheCli) {
  const fs::path good = work_dir() / "good.jsonl";
  const fs::path bad = work_dir() / "bad.jsonl";
  WriteFile(good,
            R"({"type":"organisation","ref":"cli-1","name":"Sở Nông nghiệp Thái Bình","kind":"government","country":"VN"})" "\n"
            R"({"type":"organisation","ref":"cli-2","name":"广西大学","kind":"university","country":"CN"})" "\n"
            R"({"type":"profile","ref":"cli-p","org":"cli-1","kind":"request","title":"Cần AI","status":"published"})" "\n");
  WriteFile(bad,
            R"({"type":"organisation","ref":"cli-bad-1","name":"A","kind":"government","country":"VN"})" "\n"
            R"({"type":"organisation","ref":"cli-bad-2","name":"B","kind":"government","country":"VN"})" "\n"
            R"({"type":"organisation","ref":"cli-bad-3","name":"C","kind":"government","country":"XX"})" "\n"
            R"({"type":"organisation","ref":"cli-bad-4","name":"D","kind":"government","country":"VN"})" "\n");
  ASSERT_NO_FATAL_FAILURE(server().Stop());
  CliResult ok = RunCli({"import", "--data", data_dir().string(), good.string()});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(ok.out.find("imported 3 records"), std::string::npos) << ok.out;
  CliResult refused = RunCli({"import", "--data", data_dir().string(), bad.string()});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.err.find("line 3"), std::string::npos) << refused.err;
  ASSERT_NO_FATAL_FAILURE(StartServer());
  CHECKPOINT();
  EXPECT_EQ(ListRefs("organisations", ""), (std::set<std::string>{"cli-1", "cli-2"}));
  EXPECT_EQ(ListRefs("profiles", "", /*anonymous=*/true), (std::set<std::string>{"cli-p"}));
}

// The server follows the store's change log, so a write by another process (here `hoptac import`
// while the server runs) shows in reads, cached ones included, within the follow period.
TEST_P(ApiTest, WritesByAnotherProcessBecomeVisible) {
  Create("organisations", {{"ref", "before"}, {"name", T("vi", kSoNongNghiep)}, {"kind", "government"},
                           {"country", "VN"}});
  ASSERT_FALSE(HasFailure());
  CHECKPOINT();
  // Warm whatever caches anonymous reads have.
  for (int i = 0; i < 2; ++i) {
    ASSERT_EQ(Anon().Get("/api/v1/organisations").status, 200);
    ASSERT_EQ(Anon().Get("/api/v1/organisations?country=CN").status, 200);
  }
  const fs::path file = work_dir() / "live.jsonl";
  WriteFile(file,
            R"({"type":"organisation","ref":"live-1","name":"广西大学","kind":"university","country":"CN"})" "\n"
            R"({"type":"profile","ref":"live-p","org":"live-1","kind":"offer","title":"无人机植保","status":"published"})" "\n");
  CliResult im = RunCli({"import", "--data", data_dir().string(), file.string()});
  ASSERT_EQ(im.exit_code, 0) << "import while the server runs: " << im.err;
  using S = std::set<std::string>;
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  S all, cn, profiles;
  while (std::chrono::steady_clock::now() < deadline) {
    all = ListRefs("organisations", "", /*anonymous=*/true);
    cn = ListRefs("organisations", "country=CN", /*anonymous=*/true);
    profiles = ListRefs("profiles", "", /*anonymous=*/true);
    if (all.size() == 2 && cn.size() == 1 && profiles.size() == 1) break;
    std::this_thread::sleep_for(100ms);
  }
  EXPECT_EQ(all, (S{"before", "live-1"}));
  EXPECT_EQ(cn, (S{"live-1"}));
  EXPECT_EQ(profiles, (S{"live-p"}));
}

TEST_P(ApiTest, ExportThenImportIntoAFreshStoreGivesTheSameRecords) {
  World w = BuildWorld();
  Create("organisations", {{"name", T("vi", "Không có mã tham chiếu")}, {"kind", "cooperative"}, {"country", "VN"}});
  Create("profiles", {{"org", "org-2"}, {"kind", "offer"}, {"title", T("zh-Hans", "无外部编号")}});
  ASSERT_FALSE(HasFailure());
  CHECKPOINT();
  const fs::path exported = work_dir() / "export.jsonl";
  ASSERT_NO_FATAL_FAILURE(server().Stop());
  CliResult ex = RunCli({"export", "--data", data_dir().string(), "--out", exported.string()});
  ASSERT_EQ(ex.exit_code, 0) << ex.err;
  ASSERT_NO_FATAL_FAILURE(StartServer());

  TempDir fresh("hoptac-api-fresh");
  const fs::path fresh_data = fresh.path() / "data";
  CliResult im = RunCli({"import", "--data", fresh_data.string(), exported.string()});
  ASSERT_EQ(im.exit_code, 0) << im.err;
  const fs::path again = fresh.path() / "again.jsonl";
  CliResult ex2 = RunCli({"export", "--data", fresh_data.string(), "--out", again.string()});
  ASSERT_EQ(ex2.exit_code, 0) << ex2.err;

  auto by_ref = [](const std::vector<Json>& lines) {
    std::map<std::pair<std::string, std::string>, Json> out;
    for (Json line : lines) {
      EXPECT_TRUE(line.contains("type") && line.contains("ref") && line["ref"].is_string()) << line.dump();
      for (const char* key : {"version", "created_at", "updated_at", "id"}) line.erase(key);
      auto key = std::make_pair(line.value("type", ""), line.value("ref", ""));
      EXPECT_EQ(out.count(key), 0u) << "two lines for " << key.first << " " << key.second;
      out[key] = line;
    }
    return out;
  };
  auto first = by_ref(ParseJsonl(ReadFile(exported)));
  auto second = by_ref(ParseJsonl(ReadFile(again)));
  EXPECT_EQ(first.size(), w.entries.size() + 2);
  for (const auto& e : w.entries) {
    const std::string type = e.collection == "people" ? "person" : e.collection.substr(0, e.collection.size() - 1);
    EXPECT_EQ(first.count({type, e.sent["ref"].get<std::string>()}), 1u) << type << " " << e.sent["ref"];
  }
  EXPECT_EQ(first.size(), second.size());
  for (const auto& [key, line] : first) {
    auto it = second.find(key);
    ASSERT_NE(it, second.end()) << key.first << " " << key.second << " is missing after the round trip";
    EXPECT_EQ(it->second, line) << key.first << " " << key.second;
  }
  // References are written as refs, so the file does not depend on the store's ids.
  Json a1 = first[{"agreement", "a-1"}];
  EXPECT_EQ(a1["parties"], (Json{"org-1", "org-2"})) << a1.dump();
}

TEST_P(ApiTest, BackupWhileServing) {
  World w = BuildWorld();
  ASSERT_FALSE(HasFailure());
  CHECKPOINT();
  // A writer keeps creating records while the backup runs.
  std::atomic<bool> stop{false};
  std::mutex mu;
  std::vector<std::string> acked;  // GUARDED_BY(mu)
  std::thread writer([&, port = server().port()] {
    HttpClient client(port, token());
    for (int i = 0; !stop && i < 100000; ++i) {
      std::string ref = "bk-" + std::to_string(i);
      HttpResponse r = client.Post("/api/v1/organisations", {{"ref", ref}, {"name", T("vi", "Hợp tác xã " + ref)},
                                                               {"kind", "cooperative"}, {"country", "VN"}});
      if (r.status == 201) {
        std::lock_guard lock(mu);
        acked.push_back(ref);
      }
    }
  });
  std::this_thread::sleep_for(200ms);
  size_t acked_before;
  {
    std::lock_guard lock(mu);
    acked_before = acked.size();
  }
  const fs::path backup = work_dir() / "backup.db";
  CliResult b = RunCli({"backup", "--data", data_dir().string(), "--to", backup.string()});
  std::this_thread::sleep_for(100ms);
  stop = true;
  writer.join();
  ASSERT_EQ(b.exit_code, 0) << b.err;
  ASSERT_TRUE(fs::exists(backup));

  TempDir restored("hoptac-api-restored");
  const fs::path restored_data = restored.path() / "data";
  fs::create_directories(restored_data);
  fs::copy_file(backup, restored_data / "hoptac.db");
  CliResult check = RunCli({"check", "--data", restored_data.string()});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_EQ(check.out, "ok\n");
  CliResult ex = RunCli({"export", "--data", restored_data.string()});
  ASSERT_EQ(ex.exit_code, 0) << ex.err;
  std::set<std::string> refs;
  for (const auto& line : ParseJsonl(ex.out)) refs.insert(line.value("ref", ""));
  for (const auto& e : w.entries) EXPECT_EQ(refs.count(e.sent["ref"].get<std::string>()), 1u) << e.sent["ref"];
  std::lock_guard lock(mu);
  for (size_t i = 0; i < acked_before; ++i) {
    EXPECT_EQ(refs.count(acked[i]), 1u) << acked[i] << " was acknowledged before the backup began";
  }
  // The live store is untouched by the backup.
  EXPECT_EQ(ListAll("organisations", "").size(), 3 + acked.size());
}

// --- OpenAPI --------------------------------------------------------------------------------

TEST_P(ApiTest, OpenApiDocumentsEveryLiveRoute) {
  World w = BuildWorld();
  ASSERT_FALSE(HasFailure());
  CHECKPOINT();
  HttpResponse r = Anon().Get("/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200) << r.Describe();
  Json doc = r.json();
  ASSERT_TRUE(doc.is_object()) << "not valid JSON";
  EXPECT_EQ(doc.value("openapi", ""), "3.1.0");
  ASSERT_TRUE(doc["paths"].is_object());
  std::map<std::string, int64_t> id_of;  // collection -> a real id
  for (const auto& e : w.entries) id_of.emplace(e.collection, Id(e.got));
  // Accounts are not records: one made by the service token (which acts as an administrator).
  HttpResponse user = Api().Post("/api/v1/users", Json{{"email", "staff@centre.example"}, {"display_name", "Staff"},
                                                       {"role", "staff"}});
  ASSERT_EQ(user.status, 201) << user.Describe();
  id_of["users"] = Id(user.json());

  struct Op {
    std::string method, path, target;
  };
  std::vector<Op> ops;
  const std::set<std::string> kMethods = {"get", "post", "put", "patch", "delete"};
  for (const auto& [path, item] : doc["paths"].items()) {
    std::string target = path;
    if (auto pos = target.find("{id}"); pos != std::string::npos) {
      std::string collection = path.substr(std::string("/api/v1/").size());
      collection = collection.substr(0, collection.find('/'));
      ASSERT_TRUE(id_of.count(collection)) << "no record for " << path;
      target.replace(pos, 4, std::to_string(id_of[collection]));
    }
    std::set<std::string> documented;
    for (const auto& [method, op] : item.items()) {
      if (!kMethods.count(method)) continue;
      documented.insert(method);
      std::string upper = method;
      for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      ops.push_back({upper, path, target});
    }
    EXPECT_FALSE(documented.empty()) << path;
    // Conversely, a method the document does not list is 405 with an Allow header.
    for (const auto& method : kMethods) {
      if (documented.count(method)) continue;
      std::string upper = method;
      for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      HttpResponse not_allowed = Api().Send(upper, target, upper == "GET" || upper == "DELETE" ? "" : "{}");
      ExpectProblem(not_allowed, 405);
      EXPECT_FALSE(not_allowed.Header("allow").empty()) << upper << " " << target;
    }
  }
  EXPECT_GE(ops.size(), 4u + 10u * 6u) << "4 fixed operations and 6 per record type";
  // Deletes last, so the ids stay valid for the other operations.
  std::stable_partition(ops.begin(), ops.end(), [](const Op& op) { return op.method != "DELETE"; });
  for (const auto& op : ops) {
    SCOPED_TRACE(op.method + " " + op.path);
    std::string body;
    if (op.method == "POST" || op.method == "PUT" || op.method == "PATCH") body = op.path == "/api/v1/import" ? "" : "{}";
    HttpResponse live = Api().Send(op.method, op.target, body, op.path == "/api/v1/import" ? kNdjson : Headers{});
    ASSERT_NE(live.status, 0) << live.Describe();
    EXPECT_NE(live.status, 405) << live.Describe();
    EXPECT_LT(live.status, 500) << live.Describe();
    if (live.status == 404) {
      EXPECT_NE(live.json().value("code", ""), "no_route") << live.Describe();
    }
  }
}

TEST_P(ApiTest, UndocumentedPathsAreNoRoute) {
  Json org = Create("organisations", {{"name", T("en", "Org")}, {"kind", "enterprise"}, {"country", "VN"}});
  Json profile = Create("profiles", {{"org", Id(org)}, {"kind", "offer"}, {"title", T("en", "Offer")},
                                     {"status", "published"}});
  CHECKPOINT();
  HttpResponse r = Anon().Get("/api/v1/openapi.json");
  Json paths = r.json().value("paths", Json::object());
  const std::string profile_id = std::to_string(Id(profile));
  const std::vector<std::string> targets = {"/api/v1/nope",
                                           "/api/v1/nope/1",
                                           "/api/v1/profiles/" + profile_id + "/extra",
                                           "/api/v1/profiles/1/extra",
                                           "/api/v1/organisations/1/2",
                                           "/api/v2/profiles",
                                           "/api/v1/profile"};
  for (const std::string& target : targets) {
    SCOPED_TRACE(target);
    EXPECT_FALSE(paths.contains(target));
    for (const std::string method : {"GET", "POST", "DELETE"}) {
      HttpResponse got = Api().Send(method, target, method == "POST" ? "{}" : "");
      Json problem = ExpectProblem(got, 404);
      EXPECT_EQ(problem.value("code", ""), "no_route") << method << " " << target << " -> " << got.Describe();
    }
  }
}

// --- translated errors ----------------------------------------------------------------------

TEST_P(ApiTest, ErrorMessagesAreTranslated) {
  CHECKPOINT();
  const Json bad = {{"name", T("vi", kSoNongNghiep)}, {"kind", "government"}, {"country", "XX"}};
  struct Case {
    std::string query;
    Headers headers;
    std::string title, message_contains, lang;
  };
  const std::vector<Case> cases = {
      {"", {"Accept-Language: vi"}, "Yêu cầu không hợp lệ", "quốc gia", "vi"},
      {"", {"Accept-Language: vi-VN,vi;q=0.9,en;q=0.8"}, "Yêu cầu không hợp lệ", "quốc gia", "vi"},
      {"?lang=zh-Hans", {}, "请求无效", "国家代码", "zh-Hans"},
      {"", {"Accept-Language: zh-CN,zh;q=0.9"}, "请求无效", "国家代码", "zh-Hans"},
      {"", {"Accept-Language: fr"}, "Requête invalide", "code pays", "fr"},
      {"?lang=fr", {"Accept-Language: vi"}, "Requête invalide", "code pays", "fr (?lang= wins)"},
      {"", {}, "Bad Request", "ISO 3166-1", "en (default)"},
      {"", {"Accept-Language: de-DE"}, "Bad Request", "ISO 3166-1", "en (unsupported language)"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.lang);
    HttpResponse r = Api().Post("/api/v1/organisations" + c.query, bad, c.headers);
    Json problem = ExpectProblem(r, 400);
    EXPECT_EQ(problem.value("title", ""), c.title);
    Json e = FieldError(problem, "country");
    ASSERT_FALSE(e.is_null()) << r.Describe();
    EXPECT_EQ(e.value("code", ""), "invalid_country");
    EXPECT_NE(e.value("message", "").find(c.message_contains), std::string::npos) << e.dump();
  }
  HttpResponse missing = Api().Get("/api/v1/organisations/999999", {"Accept-Language: vi"});
  Json problem = ExpectProblem(missing, 404);
  EXPECT_EQ(problem.value("title", ""), "Không tìm thấy");
}

// Conflicts carry field errors too (still_referenced, stale_version); their messages follow the
// caller's language like every other field error.
// KNOWN BUG, fails until fixed: src/http/messages.cc kFieldMessages has no entry for
// "still_referenced" (emitted by src/store/sqlite/internal/record_writer.cc, RecordWriter::Remove)
// nor "stale_version" (RecordWriter::Replace), so vi/zh-Hans/fr callers get English messages.
TEST_P(ApiTest, ConflictMessagesAreTranslatedToo) {
  Json org = Create("organisations", {{"name", T("vi", kSoNongNghiep)}, {"kind", "government"}, {"country", "VN"}});
  Create("profiles", {{"org", Id(org)}, {"kind", "request"}, {"title", T("vi", "Cần AI")}});
  ASSERT_FALSE(HasFailure());
  CHECKPOINT();
  const std::string path = Item("organisations", Id(org));
  struct Case {
    std::string what;
    std::function<HttpResponse(const Headers&)> send;
  };
  const std::vector<Case> cases = {
      {"delete of a referenced record", [&](const Headers& h) { return Api().Delete(path, h); }},
      {"stale If-Match",
       [&](const Headers& h) {
         Headers with = h;
         with.push_back("If-Match: \"9\"");
         return Api().Patch(path, {{"locality", "X"}}, with);
       }},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    Json english = ExpectProblem(c.send({}), 409);
    ASSERT_FALSE(english.value("errors", Json::array()).empty()) << english.dump();
    const Json en_error = english["errors"][0];
    for (const std::string lang : {"vi", "zh-Hans", "fr"}) {
      SCOPED_TRACE(lang);
      Json problem = ExpectProblem(c.send({"Accept-Language: " + lang}), 409);
      EXPECT_NE(problem.value("title", ""), "Conflict") << "the title is translated";
      Json e = FieldError(problem, en_error.value("field", ""));
      ASSERT_FALSE(e.is_null()) << problem.dump();
      EXPECT_NE(e.value("message", ""), en_error.value("message", ""))
          << "code '" << e.value("code", "") << "' has no " << lang << " message in src/http/messages.cc";
    }
  }
}

// --- the process -------------------------------------------------------------------------

// The port file says "ready": a supervisor (systemd, a deploy script, this harness) may send
// SIGTERM at once, and that must be a clean stop with exit status 0, not death by the signal.
// KNOWN BUG, fails until fixed: src/cli/cli.cc writes the port file after server.Start() but
// before server.Wait(), and src/http/server.cc Server::Wait() only then posts the creation of the
// SIGINT/SIGTERM signal_set to lane 0; a SIGTERM in between kills the process (status 143). Seen
// within 2 to 12 start/stop cycles here.
TEST(ServerLifecycle, SigtermRightAfterThePortFileAppearsIsACleanStop) {
  TempDir tmp;
  const fs::path data = tmp.path() / "data";
  ServerProcess server(data, tmp.path());
  for (int i = 0; i < 30; ++i) {
    SCOPED_TRACE("start " + std::to_string(i + 1));
    ASSERT_NO_FATAL_FAILURE(server.Start());
    ASSERT_NO_FATAL_FAILURE(server.Stop());
  }
}

TEST(ServerLifecycle, RestartsKeepTheData) {
  TempDir tmp;
  const fs::path data = tmp.path() / "data";
  const std::string token = CreateToken(data, "lifecycle");
  ServerProcess server(data, tmp.path());
  ASSERT_NO_FATAL_FAILURE(server.Start());
  std::vector<int64_t> ids;
  for (int i = 0; i < 5; ++i) {
    HttpClient client(server.port(), token);
    HttpResponse r = client.Post("/api/v1/organisations", {{"ref", "life-" + std::to_string(i)},
                                                           {"name", T("vi", kSoNongNghiep)},
                                                           {"kind", "government"},
                                                           {"country", "VN"}});
    ASSERT_EQ(r.status, 201) << r.Describe();
    ids.push_back(Id(r.json()));
    ASSERT_NO_FATAL_FAILURE(server.Restart());
  }
  HttpClient client(server.port());
  for (int64_t id : ids) EXPECT_EQ(client.Get(Item("organisations", id)).status, 200) << id;
  ASSERT_NO_FATAL_FAILURE(server.Stop());
}

INSTANTIATE_TEST_SUITE_P(Phases, ApiTest, ::testing::Values(Phase::kFresh, Phase::kRestarted),
                         [](const ::testing::TestParamInfo<Phase>& info) {
                           return info.param == Phase::kFresh ? "fresh" : "restarted";
                         });

}  // namespace
}  // namespace hoptac::api_test
