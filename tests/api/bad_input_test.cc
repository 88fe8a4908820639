// Bad input over HTTP, black box: every malformed, mistyped, oversized or unauthorised request gets
// the right 4xx as an RFC 9457 problem (application/problem+json, title, status, a detail a person
// can act on, and errors[] naming the field at fault), and the server keeps serving afterwards
// (checked in TearDown after every test).
#include <string>
#include <vector>

#include "api/harness.h"

namespace hoptac::api_test {
namespace {

Json T(const std::string& lang, const std::string& text) { return {{"lang", lang}, {"text", text}}; }

int64_t Id(const Json& record) {
  auto it = record.find("id");
  return it != record.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

Json ValidOrg() { return {{"name", T("vi", "Sở Nông nghiệp Thái Bình")}, {"kind", "government"}, {"country", "VN"}}; }

Json With(Json base, const Json& changes) {
  for (const auto& [key, value] : changes.items()) base[key] = value;
  return base;
}

// A problem whose errors[] has an entry for `field` with `code`.
Json ExpectFieldProblem(const HttpResponse& r, long status, const std::string& field, const std::string& code) {
  Json problem = ExpectProblem(r, status);
  Json e = FieldError(problem, field);
  EXPECT_FALSE(e.is_null()) << "errors[] has no entry for field '" << field << "': " << r.Describe();
  if (!e.is_null()) {
    EXPECT_EQ(e.value("code", ""), code) << e.dump();
    EXPECT_FALSE(e.value("message", "").empty()) << e.dump();
  }
  return problem;
}

class BadInputTest : public ServerTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(ServerTest::SetUp());
    org_ = Create("organisations", With(ValidOrg(), {{"ref", "org-1"}}));
    Create("organisations", {{"ref", "org-2"}, {"name", T("zh-Hans", "广西大学")}, {"kind", "university"},
                             {"country", "CN"}});
    Create("programmes", {{"ref", "prog-1"}, {"title", T("fr", "Formation à l'IA")}});
    ASSERT_GT(Id(org_), 0);
  }

  void TearDown() override {
    if (has_server() && server().running()) {
      // Whatever came before, the server still answers and still accepts a normal create.
      HttpResponse health = Anon().Get("/healthz");
      EXPECT_EQ(health.status, 200) << "after bad input: " << health.Describe();
      HttpResponse created = Api().Post("/api/v1/organisations", ValidOrg());
      EXPECT_EQ(created.status, 201) << "after bad input: " << created.Describe();
    }
    ServerTest::TearDown();
  }

  HttpResponse PostRaw(const std::string& collection, const std::string& body) {
    return Api().Send("POST", "/api/v1/" + collection, body);
  }
  std::string OrgPath() const { return "/api/v1/organisations/" + std::to_string(Id(org_)); }
  // Asserts that org-1 is still exactly as created.
  void ExpectOrgUnchanged() {
    HttpResponse r = Api().Get(OrgPath());
    EXPECT_EQ(r.status, 200) << r.Describe();
    EXPECT_EQ(r.json(), org_) << "refused input changed the record";
  }

  Json org_;
};

TEST_F(BadInputTest, MalformedJson) {
  const std::vector<std::string> bodies = {
      R"({"name": )", R"({name: "x"})", "not json", R"({"name":"a",})", R"({"name" "a"})", "{'name':'a'}",
      R"({"name":"a"} trailing)", "", "   ", R"({"name":"a\q"})", R"({"name":01})",
  };
  for (const auto& body : bodies) {
    SCOPED_TRACE("body: " + body);
    HttpResponse r = PostRaw("organisations", body);
    ExpectFieldProblem(r, 400, "", "malformed_json");
    ExpectFieldProblem(Api().Send("PATCH", OrgPath(), body), 400, "", "malformed_json");
    ExpectFieldProblem(Api().Send("PUT", OrgPath(), body), 400, "", "malformed_json");
  }
  ExpectOrgUnchanged();
}

TEST_F(BadInputTest, TruncatedJson) {
  const std::string full = With(ValidOrg(), {{"description", T("vi", "Cơ quan chuyên môn của tỉnh Thái Bình.")},
                                             {"website", "https://example.vn"}})
                               .dump();
  for (size_t n = 1; n < full.size(); n += 7) {
    SCOPED_TRACE("first " + std::to_string(n) + " bytes: " + full.substr(0, n));
    ExpectProblem(PostRaw("organisations", full.substr(0, n)), 400);
  }
  // Cut inside a multi-byte character too.
  const std::string cut = full.substr(0, full.find("ở") + 1);
  ExpectProblem(PostRaw("organisations", cut), 400);
}

TEST_F(BadInputTest, BodyThatIsNotAnObject) {
  for (const std::string body : {"[]", "[{\"name\":\"a\"}]", "\"organisation\"", "42", "null", "true"}) {
    SCOPED_TRACE(body);
    Json problem = ExpectProblem(PostRaw("organisations", body), 400);
    EXPECT_FALSE(problem.value("errors", Json::array()).empty()) << problem.dump();
  }
}

TEST_F(BadInputTest, WrongTypes) {
  struct Case {
    std::string collection;
    Json body;
    std::string field, code;
  };
  const Json session = {{"programme", "prog-1"}, {"start_date", "2025-11-03"}, {"end_date", "2025-11-04"}};
  const std::vector<Case> cases = {
      {"sessions", With(session, {{"capacity", "thirty"}}), "capacity", "wrong_type"},
      {"sessions", With(session, {{"capacity", 12.5}}), "capacity", "wrong_type"},
      {"sessions", With(session, {{"online", "yes"}}), "online", "wrong_type"},
      {"sessions", With(session, {{"capacity", 0}}), "capacity", "too_small"},
      {"organisations", With(ValidOrg(), {{"name", {{"lang", "vi"}}}}), "name.text", "required"},
      {"organisations", With(ValidOrg(), {{"name", {{"lang", "vi"}, {"text", 5}}}}), "name.text", "wrong_type"},
      {"organisations", With(ValidOrg(), {{"name", {{"text", "x"}, {"translations", "en"}}}}), "name.translations",
       "wrong_type"},
      {"organisations", With(ValidOrg(), {{"name", 42}}), "name", "wrong_type"},
      {"organisations", With(ValidOrg(), {{"country", 84}}), "country", "wrong_type"},
      {"organisations", With(ValidOrg(), {{"kind", {"government"}}}), "kind", "wrong_type"},
      {"organisations", With(ValidOrg(), {{"ref", 5}}), "ref", "wrong_type"},
      {"organisations", With(ValidOrg(), {{"locality", {{"text", "Thái Bình"}}}}), "locality", "wrong_type"},
      {"cases", {{"title", "Case"}, {"year", 2024.5}}, "year", "wrong_type"},
      {"cases", {{"title", "Case"}, {"year", "2024"}}, "year", "wrong_type"},
      {"agreements", {{"title", "MoU"}, {"parties", "org-1"}, {"agreement_type", "mou"}}, "parties", "wrong_type"},
      {"projects", {{"title", "P"}, {"parties", {"org-1"}}, {"value", "lots"}, {"currency", "VND"}}, "value",
       "wrong_type"},
      {"projects", {{"title", "P"}, {"parties", {"org-1"}}, {"value", -5}, {"currency", "VND"}}, "value", "too_small"},
      {"people", {{"name", "Lê Văn Nam"}, {"languages", "vi"}}, "languages", "wrong_type"},
      {"profiles", {{"org", "org-1"}, {"kind", "offer"}, {"title", "T"}, {"target_countries", Json::array({Json::array({"VN", "CN"})})}},
       "target_countries[0]", "wrong_type"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.collection + " " + c.body.dump());
    ExpectFieldProblem(Api().Post("/api/v1/" + c.collection, c.body), 400, c.field, c.code);
  }
  EXPECT_EQ(Api().Get("/api/v1/sessions").json()["items"].size(), 0u) << "nothing was created";
}

TEST_F(BadInputTest, UnknownFields) {
  ExpectFieldProblem(Api().Post("/api/v1/organisations", With(ValidOrg(), {{"colour", "red"}})), 400, "colour",
                     "unknown_field");
  ExpectFieldProblem(
      Api().Post("/api/v1/organisations", With(ValidOrg(), {{"name", {{"text", "X"}, {"colour", "red"}}}})), 400,
      "name.colour", "unknown_field");
  ExpectFieldProblem(Api().Post("/api/v1/organisations", With(ValidOrg(), {{"agreement_type", "mou"}})), 400,
                     "agreement_type", "unknown_field");
  // an alias and its field together
  Json problem = ExpectProblem(
      Api().Post("/api/v1/organisations", With(ValidOrg(), {{"region", "Thái Bình"}, {"locality", "Thái Bình"}})), 400);
  bool duplicate = !FieldError(problem, "region").is_null() || !FieldError(problem, "locality").is_null();
  EXPECT_TRUE(duplicate) << problem.dump();
  ExpectFieldProblem(Api().Patch(OrgPath(), {{"colour", "red"}}), 400, "colour", "unknown_field");
  ExpectOrgUnchanged();
}

TEST_F(BadInputTest, OversizeBodyIs413) {
  const std::string big(1024 * 1024 + 100, 'a');
  HttpResponse r = Api().Post("/api/v1/organisations", With(ValidOrg(), {{"description", T("en", big)}}));
  ExpectProblem(r, 413);
  HttpResponse patch = Api().Patch(OrgPath(), {{"description", T("en", big)}});
  ExpectProblem(patch, 413);
  ExpectOrgUnchanged();
}

TEST_F(BadInputTest, ImportMayBeLargerThanOneMebibyte) {
  std::string jsonl;
  for (int i = 0; jsonl.size() < 2 * 1024 * 1024; ++i) {
    Json line = With(ValidOrg(), {{"type", "organisation"}, {"ref", "big-" + std::to_string(i)},
                                  {"description", T("en", std::string(1000, 'x'))}});
    jsonl += line.dump() + "\n";
  }
  HttpResponse r = Api().Send("POST", "/api/v1/import", jsonl, {"Content-Type: application/x-ndjson"});
  EXPECT_EQ(r.status, 200) << r.Describe();
}

TEST_F(BadInputTest, InvalidUtf8InsideAJsonString) {
  const std::vector<std::string> names = {
      "S\xFF\xFE",         // bytes that never occur in UTF-8
      "S\xC0\xAF",         // overlong "/"
      "S\xED\xA0\x80",     // an encoded surrogate
      "S\xE1\xBB",         // a truncated sequence (the start of "ở")
      "S\x80",             // a lone continuation byte
  };
  for (const auto& name : names) {
    SCOPED_TRACE(Json(name).dump(-1, ' ', true, Json::error_handler_t::replace));
    const std::string body = R"({"name":")" + name + R"(","kind":"government","country":"VN"})";
    HttpResponse r = PostRaw("organisations", body);
    Json problem = ExpectProblem(r, 400);  // also checks the problem itself is valid UTF-8 JSON
    EXPECT_FALSE(problem.value("errors", Json::array()).empty()) << r.Describe();
  }
  // An escaped lone surrogate is not a character either.
  ExpectProblem(PostRaw("organisations", R"({"name":"S\ud800","kind":"government","country":"VN"})"), 400);
  // Nor is a bad byte in a key.
  ExpectProblem(PostRaw("organisations", "{\"na\xFFme\":\"S\",\"kind\":\"government\",\"country\":\"VN\"}"), 400);
}

TEST_F(BadInputTest, InvalidUtf8InAQueryParameter) {
  for (const std::string query : {"prefix=%FF", "ref=%C3%28", "prefix=%ED%A0%80", "country=%E1%BA", "%FF=1",
                                  "prefix=%G1", "prefix=%"}) {
    SCOPED_TRACE(query);
    HttpResponse r = Anon().Get("/api/v1/organisations?" + query);
    ExpectProblem(r, 400);
  }
  HttpResponse path = Anon().Get("/api/v1/organisations/%FF");
  EXPECT_TRUE(path.status == 400 || path.status == 404) << path.Describe();
  EXPECT_TRUE(path.IsProblem()) << path.Describe();
}

TEST_F(BadInputTest, BadCountryCode) {
  for (const std::string country : {"XX", "VNM", "", "V", "vn1", "ZZ"}) {
    SCOPED_TRACE(country);
    Json problem = ExpectFieldProblem(Api().Post("/api/v1/organisations", With(ValidOrg(), {{"country", country}})),
                                      400, "country", "invalid_country");
  }
  Json problem = ExpectFieldProblem(Api().Post("/api/v1/organisations", With(ValidOrg(), {{"country", "XX"}})), 400,
                                    "country", "invalid_country");
  EXPECT_NE(FieldError(problem, "country").value("message", "").find("XX"), std::string::npos)
      << "the English message names the bad value: " << problem.dump();
  EXPECT_NE(problem.value("detail", "").find("country"), std::string::npos) << problem.dump();
  ExpectFieldProblem(Api().Post("/api/v1/profiles", {{"org", "org-1"}, {"kind", "offer"}, {"title", "T"},
                                                      {"target_countries", {"VN", "XX"}}}),
                     400, "target_countries[1]", "invalid_country");
  ExpectFieldProblem(Api().Patch(OrgPath(), {{"country", "XX"}}), 400, "country", "invalid_country");
  ExpectOrgUnchanged();
}

TEST_F(BadInputTest, BadLanguageTag) {
  ExpectFieldProblem(Api().Post("/api/v1/profiles", {{"org", "org-1"}, {"kind", "offer"},
                                                      {"title", {{"lang", "xx-!!"}, {"text", "Tiêu đề"}}}}),
                     400, "title.lang", "invalid_language");
  ExpectFieldProblem(Api().Post("/api/v1/organisations", With(ValidOrg(), {{"name", T("qqq-zz-!", "X")}})), 400,
                     "name.lang", "invalid_language");
  ExpectFieldProblem(Api().Post("/api/v1/programmes", {{"title", "AI"}, {"language", "klingon!"}}), 400, "language",
                     "invalid_language");
  ExpectFieldProblem(Api().Post("/api/v1/people", {{"name", "Lê Văn Nam"}, {"languages", {"vi", "xx-!!"}}}), 400,
                     "languages[1]", "invalid_language");
  Json problem = ExpectProblem(
      Api().Post("/api/v1/organisations",
                 With(ValidOrg(), {{"name", {{"lang", "vi"}, {"text", "Sở"}, {"translations", {{"xx-!!", "X"}}}}}})),
      400);
  EXPECT_FALSE(problem.value("errors", Json::array()).empty());
}

TEST_F(BadInputTest, BadDate) {
  for (const std::string date : {"2025-02-30", "2025-02-29", "2025-13-01", "2025-00-10", "31/12/2025", "2025-2-3",
                                 "20250101", "2025-12-01T00:00:00Z", ""}) {
    SCOPED_TRACE(date);
    ExpectFieldProblem(Api().Post("/api/v1/profiles", {{"org", "org-1"}, {"kind", "offer"}, {"title", "Offer"},
                                                        {"deadline", date}}),
                       400, "deadline", "invalid_date");
  }
  HttpResponse leap = Api().Post("/api/v1/profiles", {{"org", "org-1"}, {"kind", "offer"}, {"title", "Offer"},
                                                       {"deadline", "2024-02-29"}});
  EXPECT_EQ(leap.status, 201) << "2024 is a leap year: " << leap.Describe();
  ExpectFieldProblem(Api().Post("/api/v1/sessions", {{"programme", "prog-1"}, {"start_date", "2025-11-07"},
                                                      {"end_date", "2025-11-03"}}),
                     400, "end_date", "date_order");
}

TEST_F(BadInputTest, DanglingReferences) {
  ExpectFieldProblem(Api().Post("/api/v1/profiles", {{"organisation", 999999}, {"kind", "offer"}, {"title", "X"}}),
                     400, "organisation", "dangling_ref");
  ExpectFieldProblem(Api().Post("/api/v1/profiles", {{"org", "nope"}, {"kind", "offer"}, {"title", "X"}}), 400,
                     "organisation", "dangling_ref");
  ExpectFieldProblem(Api().Post("/api/v1/sessions", {{"programme", 999999}, {"start_date", "2025-11-03"},
                                                      {"end_date", "2025-11-03"}}),
                     400, "programme", "dangling_ref");
  ExpectFieldProblem(Api().Post("/api/v1/profiles", {{"org", 0}, {"kind", "offer"}, {"title", "X"}}), 400,
                     "organisation", "invalid_ref");
  Json problem = ExpectProblem(Api().Post("/api/v1/agreements", {{"title", "MoU"}, {"parties", {"org-1", "nope"}},
                                                                  {"agreement_type", "mou"}}),
                               400);
  bool names_parties = false;
  for (const auto& e : problem.value("errors", Json::array())) {
    names_parties |= e.value("field", "").rfind("parties", 0) == 0 && e.value("code", "") == "dangling_ref";
  }
  EXPECT_TRUE(names_parties) << problem.dump();
  EXPECT_TRUE(Api().Get("/api/v1/profiles").json()["items"].empty()) << "nothing was created";
  EXPECT_TRUE(Api().Get("/api/v1/agreements").json()["items"].empty()) << "nothing was created";
  Json profile = Create("profiles", {{"org", "org-1"}, {"kind", "offer"}, {"title", "X"}});
  ExpectFieldProblem(Api().Patch("/api/v1/profiles/" + std::to_string(Id(profile)), {{"organisation", "nope"}}), 400,
                     "organisation", "dangling_ref");
  EXPECT_EQ(Api().Get("/api/v1/profiles/" + std::to_string(Id(profile))).json(), profile);
}

TEST_F(BadInputTest, InvalidEnumEmailUrlCurrencyAndLength) {
  ExpectFieldProblem(Api().Post("/api/v1/organisations", With(ValidOrg(), {{"kind", "spaceship"}})), 400, "kind",
                     "invalid_enum");
  ExpectFieldProblem(Api().Post("/api/v1/profiles", {{"org", "org-1"}, {"kind", "offer"}, {"title", "X"},
                                                      {"status", "deleted"}}),
                     400, "status", "invalid_enum");
  ExpectFieldProblem(Api().Post("/api/v1/people", {{"name", "Lê Văn Nam"}, {"email", "not-an-email"}}), 400, "email",
                     "invalid_email");
  for (const std::string url : {"ftp://example.vn", "javascript:alert(1)", "example.vn", "https://exa mple.vn"}) {
    SCOPED_TRACE(url);
    ExpectFieldProblem(Api().Post("/api/v1/organisations", With(ValidOrg(), {{"website", url}})), 400, "website",
                       "invalid_url");
  }
  ExpectFieldProblem(Api().Post("/api/v1/projects", {{"title", "P"}, {"parties", {"org-1"}}, {"value", 10},
                                                      {"currency", "XYZ"}}),
                     400, "currency", "invalid_currency");
  ExpectFieldProblem(Api().Post("/api/v1/projects", {{"title", "P"}, {"parties", {"org-1"}}, {"value", 10}}), 400,
                     "currency", "required");
  ExpectFieldProblem(Api().Post("/api/v1/organisations", With(ValidOrg(), {{"locality_code", "VN-2000"}})), 400,
                     "locality_code", "too_long");
  ExpectFieldProblem(Api().Post("/api/v1/organisations", With(ValidOrg(), {{"locality", std::string(201, 'x')}})),
                     400, "locality", "too_long");
  ExpectFieldProblem(Api().Post("/api/v1/organisations", With(ValidOrg(), {{"name", T("vi", "  \t ")}})), 400, "name",
                     "empty");
  ExpectFieldProblem(Api().Post("/api/v1/organisations", {{"name", "X"}, {"country", "VN"}}), 400, "kind", "required");
  ExpectFieldProblem(Api().Post("/api/v1/agreements", {{"title", "MoU"}, {"parties", {"org-1"}},
                                                        {"agreement_type", "mou"}}),
                     400, "parties", "too_few_parties");
  ExpectFieldProblem(Api().Post("/api/v1/agreements", {{"title", "MoU"}, {"parties", {"org-1", "org-1"}},
                                                        {"agreement_type", "mou"}}),
                     400, "parties", "duplicate");
  Json several = ExpectProblem(Api().Post("/api/v1/organisations", {{"kind", "spaceship"}, {"country", "XX"}}), 400);
  EXPECT_GE(several.value("errors", Json::array()).size(), 3u) << "every field at fault is listed: " << several.dump();
}

TEST_F(BadInputTest, DuplicateRefIsAConflict) {
  Json problem = ExpectProblem(Api().Post("/api/v1/organisations", With(ValidOrg(), {{"ref", "org-1"}})), 409);
  EXPECT_EQ(problem.value("code", ""), "conflict");
}

// --- authentication -------------------------------------------------------------------------

TEST_F(BadInputTest, MissingToken) {
  HttpClient& anon = Anon();
  ExpectProblem(anon.Post("/api/v1/organisations", ValidOrg()), 401);
  ExpectProblem(anon.Put(OrgPath(), ValidOrg()), 401);
  ExpectProblem(anon.Patch(OrgPath(), {{"locality", "X"}}), 401);
  ExpectProblem(anon.Delete(OrgPath()), 401);
  ExpectProblem(anon.Send("POST", "/api/v1/import", With(ValidOrg(), {{"type", "organisation"}}).dump() + "\n",
                          {"Content-Type: application/x-ndjson"}),
                401);
  ExpectProblem(anon.Get("/api/v1/people"), 401);
  ExpectProblem(anon.Get("/api/v1/enrolments"), 401);
  ExpectProblem(anon.Get("/api/v1/changes"), 401);
  Json problem = ExpectProblem(anon.Post("/api/v1/organisations", ValidOrg()), 401);
  EXPECT_NE(problem.value("detail", "").find("token"), std::string::npos)
      << "the detail says what to send: " << problem.dump();
  ExpectOrgUnchanged();
}

TEST_F(BadInputTest, WrongToken) {
  const Headers wrong = {"Authorization: Bearer hpt_wrong"};
  ExpectProblem(Anon().Post("/api/v1/organisations", ValidOrg(), wrong), 401);
  ExpectProblem(Anon().Patch(OrgPath(), {{"locality", "X"}}, wrong), 401);
  ExpectProblem(Anon().Delete(OrgPath(), wrong), 401);
  ExpectProblem(Anon().Get("/api/v1/people", wrong), 401);
  ExpectProblem(Anon().Get("/api/v1/organisations", wrong), 401);
  // A token of the right shape that was never issued.
  const std::string forged = "Authorization: Bearer " + token().substr(0, token().size() - 4) + "AAAA";
  ExpectProblem(Anon().Post("/api/v1/organisations", ValidOrg(), {forged}), 401);
  ExpectOrgUnchanged();
}

// A public read with a bad token must not depend on whether the record happens to be cached:
// the list answers 401, and so must the item (the first read fills the cache, the second may be
// served from it).
// KNOWN BUG, fails until fixed: src/http/api.cc Api::TryFast serves a cached public record
// without looking at the Authorization header, so `Bearer hpt_wrong` gets 200 for a cached item
// and 401 for the same item when it is not cached (and for every list).
TEST_F(BadInputTest, WrongTokenIsRefusedForCachedPublicReadsToo) {
  const Headers wrong = {"Authorization: Bearer hpt_wrong"};
  ASSERT_EQ(Anon().Get(OrgPath()).status, 200);
  ExpectProblem(Anon().Get(OrgPath(), wrong), 401);
  ExpectProblem(Anon().Get(OrgPath(), wrong), 401);
}

TEST_F(BadInputTest, MalformedAuthorizationHeader) {
  for (const std::string header : {"Basic dXNlcjpwYXNz", "Bearer", "Bearer ", "Token hpt_abc", "Bearerhpt_abc",
                                   "Bearer  hpt_abc", "hpt_abc"}) {
    SCOPED_TRACE(header);
    ExpectProblem(Anon().Post("/api/v1/organisations", ValidOrg(), {"Authorization: " + header}), 401);
  }
  ExpectProblem(Anon().Post("/api/v1/organisations", ValidOrg(),
                            {"Authorization: Bearer hpt_" + std::string(500, 'a')}),
                401);
  ExpectOrgUnchanged();
}

// RFC 9110 11.1: the authentication scheme is case-insensitive.
// KNOWN BUG, fails until fixed: src/app/auth.cc App::Authenticate compares the header's first
// seven bytes with "Bearer " case-sensitively, so "bearer <valid token>" is 401.
TEST_F(BadInputTest, BearerSchemeIsCaseInsensitive) {
  for (const std::string scheme : {"bearer", "BEARER"}) {
    HttpResponse r = Anon().Post("/api/v1/organisations", ValidOrg(), {"Authorization: " + scheme + " " + token()});
    EXPECT_EQ(r.status, 201) << scheme << ": " << r.Describe();
  }
}

// RFC 9110 15.5.2: a 401 response MUST carry WWW-Authenticate.
// KNOWN BUG, fails until fixed: src/http/api.cc FromStatus/ProblemFor never add the header; a 401
// should carry `WWW-Authenticate: Bearer` (with error="invalid_token" when a token was sent).
TEST_F(BadInputTest, UnauthorizedNamesTheScheme) {
  HttpResponse r = Anon().Post("/api/v1/organisations", ValidOrg());
  ASSERT_EQ(r.status, 401);
  EXPECT_EQ(r.Header("www-authenticate").rfind("Bearer", 0), 0u) << "WWW-Authenticate: '"
                                                                 << r.Header("www-authenticate") << "'";
}

// --- paths and query parameters -------------------------------------------------------------

TEST_F(BadInputTest, NonNumericIdInPath) {
  for (const std::string id : {"abc", "-1", "0", "1.5", "1e3", "99999999999999999999", "0x10", "+1", "%201", "1%20",
                               "org-1"}) {
    SCOPED_TRACE(id);
    const std::string path = "/api/v1/organisations/" + id;
    Json problem = ExpectProblem(Anon().Get(path), 404);
    EXPECT_EQ(problem.value("code", ""), "not_found") << problem.dump();
    ExpectProblem(Api().Get(path), 404);
    ExpectProblem(Api().Patch(path, {{"locality", "X"}}), 404);
    ExpectProblem(Api().Put(path, ValidOrg()), 404);
    ExpectProblem(Api().Delete(path), 404);
  }
  Json problem = ExpectProblem(Api().Get("/api/v1/organisations/999999"), 404);
  EXPECT_EQ(problem.value("code", ""), "not_found");
  ExpectProblem(Api().Delete("/api/v1/organisations/999999"), 404);
  ExpectProblem(Api().Patch("/api/v1/organisations/999999", {{"locality", "X"}}), 404);
  ExpectOrgUnchanged();
}

TEST_F(BadInputTest, LimitAndCursor) {
  for (const std::string limit : {"0", "-1", "9999", "501", "abc", "", "1.5", "1e2"}) {
    SCOPED_TRACE("limit=" + limit);
    ExpectFieldProblem(Anon().Get("/api/v1/organisations?limit=" + limit), 400, "limit", "out_of_range");
  }
  for (const std::string cursor : {"garbage", "c", "c-5", "cabc", "c0", "12", "", "c1c"}) {
    SCOPED_TRACE("cursor=" + cursor);
    ExpectFieldProblem(Anon().Get("/api/v1/organisations?cursor=" + cursor), 400, "cursor", "invalid_cursor");
  }
  EXPECT_EQ(Anon().Get("/api/v1/organisations?limit=500").status, 200);
  HttpResponse one = Anon().Get("/api/v1/organisations?limit=1");
  ASSERT_EQ(one.status, 200) << one.Describe();
  EXPECT_EQ(one.json()["items"].size(), 1u);
}

TEST_F(BadInputTest, UnknownFilter) {
  ExpectFieldProblem(Anon().Get("/api/v1/organisations?colour=red"), 400, "colour", "unknown_filter");
  ExpectFieldProblem(Anon().Get("/api/v1/organisations?name=X"), 400, "name", "unknown_filter");
  ExpectFieldProblem(Anon().Get("/api/v1/organisations?website=x"), 400, "website", "unknown_filter");
  ExpectFieldProblem(Anon().Get("/api/v1/organisations?from=2025-01-01"), 400, "from", "unknown_filter");
  ExpectFieldProblem(Anon().Get("/api/v1/profiles?summary=x"), 400, "summary", "unknown_filter");
  ExpectFieldProblem(Anon().Get("/api/v1/profiles?from=01/01/2025"), 400, "from", "invalid_date");
  Json problem = ExpectProblem(Anon().Get("/api/v1/organisations?colour=red&limit=0"), 400);
  EXPECT_EQ(problem.value("errors", Json::array()).size(), 2u) << "every bad parameter is listed: " << problem.dump();
}

// from/to are dates: a string of the right shape that is not a date is refused like in a body,
// with the error naming the parameter the caller sent.
// KNOWN BUG, fails until fixed: src/http/api.cc ListRecords checks only the shape of from/to
// (value.size() == 10 and dashes at 4 and 7) and passes "2025-02-30" or "abcd-ef-gh" to the store,
// whose AddDates (src/store/sqlite/internal/list_sql.cc) refuses it under the internal names
// "date_from" / "date_to" (field and detail "filter date_from must be ..."). The 400 is right;
// the field name is not. Use domain IsValidDate in api.cc and report "from" / "to".
TEST_F(BadInputTest, DateFilterMustBeARealDate) {
  for (const std::string date : {"2025-02-30", "abcd-ef-gh", "2025-13-01", "2025/01/01"}) {
    SCOPED_TRACE(date);
    ExpectFieldProblem(Anon().Get("/api/v1/profiles?from=" + date), 400, "from", "invalid_date");
    ExpectFieldProblem(Anon().Get("/api/v1/profiles?to=" + date), 400, "to", "invalid_date");
  }
}

TEST_F(BadInputTest, MethodNotAllowed) {
  HttpResponse r = Api().Delete("/api/v1/organisations");
  Json problem = ExpectProblem(r, 405);
  EXPECT_NE(r.Header("allow").find("GET"), std::string::npos) << r.Header("allow");
  EXPECT_NE(r.Header("allow").find("POST"), std::string::npos) << r.Header("allow");
  ExpectProblem(Api().Post(OrgPath(), ValidOrg()), 405);
  ExpectProblem(Api().Send("GET", "/api/v1/import"), 405);
  ExpectProblem(Api().Send("POST", "/healthz", "{}"), 405);
}

// --- parser limits --------------------------------------------------------------------------

TEST_F(BadInputTest, DeeplyNestedJson) {
  const int depth = 100000;
  std::string body = R"({"name":)" + std::string(depth, '[') + std::string(depth, ']') +
                     R"(,"kind":"government","country":"VN"})";
  ExpectProblem(PostRaw("organisations", body), 400);
  std::string objects;
  for (int i = 0; i < depth; ++i) objects += R"({"a":)";
  objects += "1" + std::string(depth, '}');
  ExpectProblem(PostRaw("organisations", objects), 400);
}

// A number too large for a double is a bad value, not a server error.
// KNOWN BUG, fails until fixed: src/app/record_json.cc Parse() catches only json::parse_error, but
// nlohmann reports "number overflow parsing '1e400'" as json::out_of_range (406); it escapes to the
// worker's catch-all and the answer is 500 "The server failed to handle the request." (API body and
// JSONL import line alike). Catch json::exception (or out_of_range too) and answer 400.
TEST_F(BadInputTest, NumberOverflowIsABadValue) {
  HttpResponse r = PostRaw("sessions", R"({"programme":"prog-1","start_date":"2025-11-03","end_date":"2025-11-03","capacity":1e400})");
  ExpectProblem(r, 400);
  HttpResponse import = Api().Send(
      "POST", "/api/v1/import",
      R"({"type":"session","programme":"prog-1","start_date":"2025-11-03","end_date":"2025-11-03","capacity":-1e999})"
      "\n",
      {"Content-Type: application/x-ndjson"});
  ExpectProblem(import, 400);
}

TEST_F(BadInputTest, BigIntegersAreRefusedNotWrapped) {
  ExpectProblem(PostRaw("cases", R"({"title":"Case","year":18446744073709551616})"), 400);
  ExpectProblem(PostRaw("cases", R"({"title":"Case","year":9223372036854775808})"), 400);
  ExpectProblem(PostRaw("profiles", R"({"organisation":9223372036854775808,"kind":"offer","title":"X"})"), 400);
}

}  // namespace
}  // namespace hoptac::api_test
