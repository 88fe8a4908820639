// Accounts over HTTP against the real server and a real SMTP sink: sign-in, session cookies and
// their flags, CSRF, fixation, expiry by logout, throttling, password reset and invitations by
// e-mail, per-user API tokens with scopes, the audit trail, consent, export and erasure.
#include <regex>
#include <thread>

#include "api/harness.h"
#include "support/smtp_sink.h"

namespace hoptac::api_test {
namespace {

using test_support::ParseMail;
using test_support::SmtpSink;

constexpr const char* kAdminEmail = "admin@centre.example";
constexpr const char* kAdminPassword = "Nam Ninh 2025, hợp tác AI";

// A browser: the session cookie and its CSRF token, sent on every request.
struct Browser {
  std::string cookie;
  std::string csrf;
  Headers headers(bool with_csrf = true) const {
    Headers h;
    if (!cookie.empty()) h.push_back("Cookie: hoptac_session=" + cookie);
    if (with_csrf && !csrf.empty()) h.push_back("X-CSRF-Token: " + csrf);
    return h;
  }
};

std::string CookieValue(const HttpResponse& r) {
  std::smatch m;
  const std::string set = r.Header("set-cookie");
  if (std::regex_search(set, m, std::regex("hoptac_session=([^;]*)"))) return m[1];
  return {};
}

class AccountsTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (HasFatalFailure()) return;
    const fs::path pw = work_dir() / "admin-password";
    WriteFile(pw, std::string(kAdminPassword) + "\n");
    CliResult add = RunCli({"user", "add", "--admin", "--email", kAdminEmail, "--name", "Lương Thị Admin", "--data",
                            data_dir().string(), "--password-file", pw.string()});
    ASSERT_EQ(add.exit_code, 0) << add.err;
    server().Stop();
    server().set_extra_args({"--smtp-url", sink_.url(), "--public-url", "http://portal.example",
                             "--mail-from", "hoptac <no-reply@centre.example>"});
    ASSERT_NO_FATAL_FAILURE(StartServer());
  }

  HttpResponse SignIn(const std::string& email, const std::string& password, const Headers& extra = {}) {
    return Anon().Post("/api/v1/session?lang=vi", Json{{"email", email}, {"password", password}}, extra);
  }

  Browser SignedIn(const std::string& email, const std::string& password) {
    HttpResponse r = SignIn(email, password);
    EXPECT_EQ(r.status, 200) << r.Describe();
    return {CookieValue(r), r.json().value("csrf_token", "")};
  }

  // The single-use link (hpl_...) in the n-th e-mail received, and the parsed e-mail.
  std::string LinkToken(size_t n) {
    EXPECT_TRUE(sink_.WaitFor(n + 1, std::chrono::seconds(10))) << "no e-mail arrived";
    auto messages = sink_.Messages();
    if (messages.size() <= n) return {};
    auto mail = ParseMail(messages[n].data);
    EXPECT_TRUE(mail.has_value());
    if (!mail) return {};
    std::smatch m;
    if (std::regex_search(mail->body, m, std::regex("token=(hpl_[A-Za-z0-9_-]+)"))) return m[1];
    ADD_FAILURE() << "no link in: " << mail->body;
    return {};
  }

  SmtpSink sink_;
};

TEST_F(AccountsTest, SignInSetsASafeCookieAndChangesNeedTheCsrfToken) {
  // A wrong password: the message in Vietnamese, no cookie.
  HttpResponse wrong = SignIn(kAdminEmail, "not the password at all");
  Json problem = ExpectProblem(wrong, 401);
  EXPECT_EQ(FieldError(problem, "password").value("code", ""), "wrong_credentials");
  EXPECT_EQ(FieldError(problem, "password").value("message", ""), "Địa chỉ email hoặc mật khẩu không đúng");
  EXPECT_TRUE(wrong.Header("set-cookie").empty());

  HttpResponse ok = SignIn("  ADMIN@centre.example ", kAdminPassword);
  ASSERT_EQ(ok.status, 200) << ok.Describe();
  const std::string set = ok.Header("set-cookie");
  EXPECT_NE(set.find("HttpOnly"), std::string::npos) << set;
  EXPECT_NE(set.find("SameSite=Strict"), std::string::npos) << set;
  EXPECT_NE(set.find("Path=/"), std::string::npos) << set;
  EXPECT_EQ(set.find("Secure"), std::string::npos) << "plain http: a Secure cookie would never come back";
  EXPECT_EQ(ok.Header("cache-control"), "no-store");
  const Json body = ok.json();
  EXPECT_EQ(body["user"]["role"], "admin");
  EXPECT_EQ(body["user"]["email"], kAdminEmail);
  EXPECT_EQ(ok.body.find("argon2"), std::string::npos) << "never a password hash";
  Browser admin{CookieValue(ok), body.value("csrf_token", "")};
  ASSERT_FALSE(admin.cookie.empty());
  ASSERT_FALSE(admin.csrf.empty());

  HttpResponse me = Anon().Get("/api/v1/me", admin.headers(false));
  ASSERT_EQ(me.status, 200) << me.Describe();
  EXPECT_EQ(me.json()["user"]["email"], kAdminEmail);
  EXPECT_EQ(me.json()["csrf_token"], admin.csrf);
  ExpectProblem(Anon().Get("/api/v1/me"), 401);

  const Json doc = {{"title", {{"lang", "fr"}, {"text", "Note interne"}}}, {"body", {{"lang", "fr"}, {"text", "Texte."}}}};
  Json no_csrf = ExpectProblem(Anon().Post("/api/v1/documents", doc, admin.headers(false)), 403);
  EXPECT_EQ(FieldError(no_csrf, "X-CSRF-Token").value("code", ""), "csrf");
  Headers forged = admin.headers(false);
  forged.push_back("X-CSRF-Token: " + std::string(admin.csrf.size(), 'A'));
  ExpectProblem(Anon().Post("/api/v1/documents", doc, forged), 403);
  HttpResponse created = Anon().Post("/api/v1/documents", doc, admin.headers());
  EXPECT_EQ(created.status, 201) << created.Describe();

  // Sign-in from another site's page is refused (login CSRF).
  ExpectProblem(SignIn(kAdminEmail, kAdminPassword, {"Origin: https://evil.example"}), 403);

  // Every response carries the security headers; JSON is never a document to render.
  EXPECT_EQ(me.Header("x-content-type-options"), "nosniff");
  EXPECT_NE(me.Header("content-security-policy").find("frame-ancestors 'none'"), std::string::npos);

  // Signing out ends the session on the server, not only in the browser.
  HttpResponse out = Anon().Delete("/api/v1/session", admin.headers());
  EXPECT_EQ(out.status, 204) << out.Describe();
  EXPECT_NE(out.Header("set-cookie").find("Max-Age=0"), std::string::npos);
  ExpectProblem(Anon().Get("/api/v1/me", admin.headers(false)), 401);
  ExpectProblem(Anon().Post("/api/v1/documents", doc, admin.headers()), 401);
}

TEST_F(AccountsTest, EverySignInGetsANewSessionAndLogoutEverywhereEndsThemAll) {
  // A session id planted by an attacker is never adopted: the server issues its own.
  HttpResponse planted = SignIn(kAdminEmail, kAdminPassword, {"Cookie: hoptac_session=hps_planted-by-someone"});
  ASSERT_EQ(planted.status, 200);
  EXPECT_NE(CookieValue(planted), "hps_planted-by-someone");
  ExpectProblem(Anon().Get("/api/v1/me", {"Cookie: hoptac_session=hps_planted-by-someone"}), 401);

  Browser first = SignedIn(kAdminEmail, kAdminPassword);
  // Signing in again from the same browser replaces its session.
  HttpResponse again = SignIn(kAdminEmail, kAdminPassword, first.headers(false));
  ASSERT_EQ(again.status, 200);
  Browser second{CookieValue(again), again.json().value("csrf_token", "")};
  EXPECT_NE(second.cookie, first.cookie);
  ExpectProblem(Anon().Get("/api/v1/me", first.headers(false)), 401);

  Browser laptop = SignedIn(kAdminEmail, kAdminPassword);
  ASSERT_EQ(Anon().Get("/api/v1/me", laptop.headers(false)).status, 200);
  EXPECT_EQ(Anon().Delete("/api/v1/me/sessions", second.headers()).status, 204);
  ExpectProblem(Anon().Get("/api/v1/me", laptop.headers(false)), 401);
  ExpectProblem(Anon().Get("/api/v1/me", second.headers(false)), 401);
  // A session survives a restart of the server (it lives in the store).
  Browser kept = SignedIn(kAdminEmail, kAdminPassword);
  RestartServer();
  EXPECT_EQ(Anon().Get("/api/v1/me", kept.headers(false)).status, 200);
}

TEST_F(AccountsTest, WrongPasswordsAreSlowedThenRefusedWithoutLockingOutForGood) {
  for (int i = 0; i < 3; ++i) ExpectProblem(SignIn(kAdminEmail, "wrong password number " + std::to_string(i)), 401);
  // After three, the account must wait: even the right password is not checked now.
  HttpResponse slowed = SignIn(kAdminEmail, kAdminPassword);
  ExpectProblem(slowed, 429);
  const int retry = std::atoi(slowed.Header("retry-after").c_str());
  EXPECT_GE(retry, 1);
  EXPECT_LE(retry, 2);
  std::this_thread::sleep_for(std::chrono::milliseconds(retry * 1000 + 200));
  // After the wait the right user gets in, and the count starts again.
  EXPECT_EQ(SignIn(kAdminEmail, kAdminPassword).status, 200);
  ExpectProblem(SignIn(kAdminEmail, "wrong again"), 401);

  // Per address: guessing across many unknown accounts is refused after 30 failures.
  int refused_at = 0;
  for (int i = 0; i < 40 && refused_at == 0; ++i) {
    HttpResponse r = SignIn("nobody" + std::to_string(i) + "@example.vn", "whatever password");
    if (r.status == 429) refused_at = i;
    else EXPECT_EQ(r.status, 401) << r.Describe();
  }
  EXPECT_GT(refused_at, 20) << "the address limit must not be too tight";
  EXPECT_LE(refused_at, 31);
}

TEST_F(AccountsTest, PasswordResetByEmailIsSingleUse) {
  HttpResponse asked = Anon().Post("/api/v1/password-resets", Json{{"email", kAdminEmail}, {"lang", "zh-Hans"}});
  ASSERT_EQ(asked.status, 202) << asked.Describe();
  const std::string token = LinkToken(0);
  ASSERT_FALSE(token.empty());
  auto mail = ParseMail(sink_.Messages()[0].data);
  ASSERT_TRUE(mail);
  EXPECT_EQ(sink_.Messages()[0].recipients, std::vector<std::string>{kAdminEmail});
  EXPECT_NE(mail->body.find("http://portal.example/reset-password?token="), std::string::npos);

  // An unknown address gets the same answer and no e-mail.
  EXPECT_EQ(Anon().Post("/api/v1/password-resets", Json{{"email", "stranger@example.cn"}}).status, 202);

  // A weak password is refused without using up the link.
  Json weak = ExpectProblem(
      Anon().Post("/api/v1/password-resets/confirm?lang=fr", Json{{"token", token}, {"password", "court"}}), 400);
  EXPECT_EQ(FieldError(weak, "password").value("code", ""), "password_too_short");
  const std::string fresh = "Một mật khẩu mới đủ dài 2026";
  EXPECT_EQ(Anon().Post("/api/v1/password-resets/confirm", Json{{"token", token}, {"password", fresh}}).status, 204);
  Json reused = ExpectProblem(
      Anon().Post("/api/v1/password-resets/confirm", Json{{"token", token}, {"password", fresh + "!"}}), 400);
  EXPECT_EQ(FieldError(reused, "token").value("code", ""), "invalid_link");
  ExpectProblem(SignIn(kAdminEmail, kAdminPassword), 401);
  EXPECT_EQ(SignIn(kAdminEmail, fresh).status, 200);
  EXPECT_EQ(sink_.Messages().size(), 1u);
}

TEST_F(AccountsTest, AnInvitedEditorChangesOnlyItsOwnOrganisationAndTheAuditTrailSaysWho) {
  const int64_t mine = Create("organisations", {{"name", "Sở Nông nghiệp Lạng Sơn"}, {"kind", "government"},
                                                {"country", "VN"}})["id"];
  const int64_t other = Create("organisations", {{"name", "南宁智农科技有限公司"}, {"kind", "enterprise"},
                                                 {"country", "CN"}})["id"];
  const int64_t their_profile = Create("profiles", {{"organisation", other}, {"kind", "offer"}, {"status", "published"},
                                                    {"title", {{"lang", "zh-Hans"}, {"text", "水稻病虫害识别"}}}})["id"];
  Browser admin = SignedIn(kAdminEmail, kAdminPassword);
  HttpResponse invited = Anon().Post(
      "/api/v1/invitations", Json{{"email", "lan@snn.example.vn"}, {"role", "editor"}, {"organisations", {mine}},
                                  {"lang", "vi"}},
      admin.headers());
  ASSERT_EQ(invited.status, 202) << invited.Describe();
  const std::string token = LinkToken(0);
  auto mail = ParseMail(sink_.Messages()[0].data);
  ASSERT_TRUE(mail);
  EXPECT_NE(mail->body.find("Sở Nông nghiệp Lạng Sơn"), std::string::npos) << mail->body;

  HttpResponse accepted = Anon().Post("/api/v1/invitations/accept",
                                      Json{{"token", token}, {"display_name", "Nguyễn Thị Lan"},
                                           {"password", "Lạng Sơn hợp tác 2026"}});
  ASSERT_EQ(accepted.status, 201) << accepted.Describe();
  Browser lan{CookieValue(accepted), accepted.json().value("csrf_token", "")};
  EXPECT_EQ(accepted.json()["user"]["role"], "editor");
  ExpectProblem(Anon().Post("/api/v1/invitations/accept", Json{{"token", token}, {"display_name", "X"},
                                                              {"password", "another long password"}}),
                400);

  HttpResponse own = Anon().Post("/api/v1/profiles", Json{{"organisation", mine}, {"kind", "request"},
                                                          {"title", "Dự báo sâu bệnh lúa"}},
                                 lan.headers());
  ASSERT_EQ(own.status, 201) << own.Describe();
  ExpectProblem(Anon().Post("/api/v1/profiles", Json{{"organisation", other}, {"kind", "request"}, {"title", "X"}},
                            lan.headers()),
                403);
  ExpectProblem(Anon().Patch("/api/v1/profiles/" + std::to_string(their_profile), Json{{"status", "closed"}},
                             lan.headers()),
                403);
  // Moving its own profile to another organisation is refused too.
  ExpectProblem(Anon().Patch("/api/v1/profiles/" + std::to_string(own.json()["id"].get<int64_t>()),
                             Json{{"organisation", other}}, lan.headers()),
                403);
  EXPECT_EQ(Read("profiles", their_profile).value("version", 0), 1);
  ExpectProblem(Anon().Get("/api/v1/audit", lan.headers(false)), 403);
  ExpectProblem(Anon().Get("/api/v1/users", lan.headers(false)), 403);

  // The administrator reads who created what, with the values.
  HttpResponse trail = Anon().Get("/api/v1/audit?type=profile&id=" + std::to_string(own.json()["id"].get<int64_t>()),
                                  admin.headers(false));
  ASSERT_EQ(trail.status, 200) << trail.Describe();
  Json items = trail.json()["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["actor"], "lan@snn.example.vn");
  EXPECT_EQ(items[0]["op"], "create");
  EXPECT_TRUE(items[0]["before"].is_null());
  EXPECT_EQ(items[0]["after"]["title"]["text"], "Dự báo sâu bệnh lúa");
  // The trail cannot be changed through the API.
  EXPECT_EQ(Anon().Send("DELETE", "/api/v1/audit", "", admin.headers()).status, 405);
  HttpResponse exported = Anon().Get("/api/v1/audit?format=jsonl", admin.headers(false));
  ASSERT_EQ(exported.status, 200);
  EXPECT_EQ(exported.Header("content-type").rfind("application/x-ndjson", 0), 0u);
  EXPECT_NE(exported.body.find("\"op\":\"create\""), std::string::npos);
  EXPECT_EQ(exported.body.find("argon2"), std::string::npos);

  // Per-user API tokens: a read-only one cannot write; revoked, it no longer works.
  HttpResponse made = Anon().Post("/api/v1/me/tokens", Json{{"name", "script"}, {"scopes", "read"},
                                                            {"expires_in_days", 30}},
                                  lan.headers());
  ASSERT_EQ(made.status, 201) << made.Describe();
  HttpClient script(server().port(), made.json()["token"].get<std::string>());
  EXPECT_EQ(script.Get("/api/v1/me").status, 200);
  ExpectProblem(script.Post("/api/v1/profiles", Json{{"organisation", mine}, {"kind", "request"}, {"title", "Y"}}),
                403);
  EXPECT_EQ(Anon().Delete("/api/v1/me/tokens?name=script", lan.headers()).status, 204);
  ExpectProblem(script.Get("/api/v1/me"), 401);
}

TEST_F(AccountsTest, CrossBorderEnrolmentNeedsConsentAndErasureKeepsTheFigures) {
  const int64_t provider = Create("organisations", {{"name", "广西大学"}, {"kind", "university"}, {"country", "CN"}})["id"];
  const int64_t programme = Create("programmes", {{"title", "人工智能应用培训"}, {"provider", provider}})["id"];
  const int64_t session = Create("sessions", {{"programme", programme}, {"start_date", "2026-03-02"},
                                              {"end_date", "2026-03-06"}, {"country", "CN"}, {"locality", "南宁"}})["id"];
  const int64_t person = Create("people", {{"name", "Trần Văn Bình"}, {"email", "binh@example.vn"},
                                           {"country", "VN"}, {"locality", "Cao Bằng"}})["id"];
  Json refused = ExpectProblem(Api().Post("/api/v1/enrolments?lang=vi", Json{{"person", person}, {"session", session}}), 400);
  EXPECT_EQ(FieldError(refused, "person").value("code", ""), "consent_required");
  Create("consents", {{"person", person}, {"law", "pipl_and_decree_13_2023"}, {"destination_country", "CN"},
                      {"granted_at", "2026-02-01"}, {"text_version", "2026-01"},
                      {"text", {{"lang", "vi"}, {"text", "Tôi đồng ý chuyển dữ liệu cá nhân sang Trung Quốc."}}}});
  Create("enrolments", {{"person", person}, {"session", session}, {"status", "attended"}});
  const Json before = Anon().Get("/api/v1/figures").json();

  HttpResponse exported = Api().Get("/api/v1/people/" + std::to_string(person) + "/export");
  ASSERT_EQ(exported.status, 200) << exported.Describe();
  Json data = exported.json();
  EXPECT_EQ(data["person"]["name"], "Trần Văn Bình");
  EXPECT_EQ(data["enrolments"].size(), 1u);
  EXPECT_EQ(data["consents"].size(), 1u);

  EXPECT_EQ(Api().Post("/api/v1/people/" + std::to_string(person) + "/erase", Json::object()).status, 204);
  Json erased = Read("people", person);
  EXPECT_EQ(erased["name"], "[erased]");
  EXPECT_FALSE(erased.contains("email"));
  EXPECT_EQ(erased["country"], "VN") << "kept: the figures count participants by country";
  EXPECT_EQ(Anon().Get("/api/v1/figures").json(), before) << "erasure keeps the published figures true";
  // The audit trail keeps who and when, but no longer the name.
  Browser admin = SignedIn(kAdminEmail, kAdminPassword);
  HttpResponse trail =
      Anon().Get("/api/v1/audit?format=jsonl&type=person&id=" + std::to_string(person), admin.headers(false));
  ASSERT_EQ(trail.status, 200);
  EXPECT_EQ(trail.body.find("Trần Văn Bình"), std::string::npos) << trail.body;
  EXPECT_EQ(trail.body.find("binh@example.vn"), std::string::npos);
}

}  // namespace
}  // namespace hoptac::api_test
