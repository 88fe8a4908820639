// Who may do what, black box: every route of the API against every role, allowed or refused.
//
// The columns of the matrix: a centre administrator, centre staff, an editor of organisation A, an
// editor of organisation B, a trainee with a person record, an anonymous caller, a read-only API
// token of the staff user, and the CLI's service token (it acts for the centre). Two more columns
// are derived, not written: the staff user's browser session without its CSRF token, and with
// another session's; both must be refused (403) on every change and read like staff.
//
// The rules (src/app/access.cc, the header of each route in src/http/):
//   admin, staff   read and change every record; only admin: users, roles and the audit trail;
//                  staff: invitations (of editors and trainees), import, the change log, a person's
//                  export and erasure
//   editor         reads public content and its organisations' private records; changes only
//                  records that belong to its organisations (an organisation: update only), never
//                  documents or consents, and cannot move a record to another organisation
//   trainee        reads public content and its own person, enrolments and consents; applies for a
//                  session (status applied), cancels its application, records its consents
//   anonymous      reads published content only: a draft profile is 404, a private type 401;
//                  every change 401
//   read token     reads like its user; every change 403
// A record one may not read does not exist for one: reading or changing it is 404, not 403 (but a
// type a role may never read at all, such as consents for an editor, is refused as a type: 403
// whatever the id, which tells nothing either).
//
// A refused request writes nothing: the change log (read as the CLI) gains no entry and the target
// record keeps its version. Rows that destroy (DELETE, erase) give an allowed caller a fresh copy of
// the target, so the world stays whole for the rows after; a refused caller is tried on the real one.
#include <array>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "api/harness.h"
#include "support/smtp_sink.h"

namespace hoptac::api_test {
namespace {

using test_support::SmtpSink;

constexpr const char* kAdminEmail = "admin@centre.example";
constexpr const char* kPassword = "correct horse battery staple";

// The columns of the matrix, in the order the rows spell them.
enum Column : size_t {
  kAdmin,
  kStaff,
  kEditorA,
  kEditorB,
  kTrainee,
  kAnonymous,
  kReadToken,
  kCli,
  kNoCsrf,     // derived: the staff session without X-CSRF-Token
  kWrongCsrf,  // derived: the staff session with the administrator's session's CSRF token
  kColumns,
};
constexpr size_t kWrittenColumns = kNoCsrf;
constexpr std::array<const char*, kColumns> kColumnNames = {"admin",
                                                            "staff",
                                                            "editor of A",
                                                            "editor of B",
                                                            "trainee",
                                                            "anonymous",
                                                            "read-only token",
                                                            "CLI token",
                                                            "staff session without CSRF token",
                                                            "staff session with another session's CSRF token"};

// The outcome class a cell expects. kNotSent: the request is not made for that column.
enum class Outcome { kOk, k401, k403, k404, kNotSent };

std::string Name(Outcome o) {
  switch (o) {
    case Outcome::kOk:
      return "2xx";
    case Outcome::k401:
      return "401";
    case Outcome::k403:
      return "403";
    case Outcome::k404:
      return "404";
    case Outcome::kNotSent:
      return "-";
  }
  return "?";
}

bool Is2xx(long status) { return status >= 200 && status < 300; }

bool Matches(Outcome want, long got) {
  switch (want) {
    case Outcome::kOk:
      return Is2xx(got);
    case Outcome::k401:
      return got == 401;
    case Outcome::k403:
      return got == 403;
    case Outcome::k404:
      return got == 404;
    case Outcome::kNotSent:
      return true;
  }
  return false;
}

Json T(const std::string& lang, const std::string& text) { return {{"lang", lang}, {"text", text}}; }

int64_t Id(const Json& j) {
  auto it = j.find("id");
  return it != j.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

std::string Item(const std::string& collection, int64_t id) {
  return "/api/v1/" + collection + "/" + std::to_string(id);
}

Json WithoutMeta(Json record) {
  for (const char* key : {"id", "ref", "version", "created_at", "updated_at"}) record.erase(key);
  return record;
}

void ReplaceAll(std::string& s, const std::string& from, const std::string& to) {
  for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
}

// One request and the outcome expected for each written column.
struct Row {
  std::string method;
  // {id}: the target record (or its copy); {self}: the caller's user id (a bystander's for callers
  // without an account); {n}: a number new for each request, for e-mail addresses that must differ.
  std::string path;
  // One word per written column, in Column order: ok, 401, 403, 404 or -.
  std::string expect;
  std::string body = {};
  // The record the row targets, read back to check that a refused request left it as it was.
  std::string collection = {};
  int64_t id = 0;
  bool copy_when_allowed = false;  // destructive: an allowed caller works on a fresh copy of the target
  Headers headers = {};
};

// A caller: a browser session (cookie and CSRF token), an API token, or nobody.
struct Caller {
  std::string cookie;
  std::string csrf;
  std::string bearer;
  int64_t user_id = 0;

  Headers HeadersFor(const std::string& method, Headers extra) const {
    if (!bearer.empty()) extra.push_back("Authorization: Bearer " + bearer);
    if (!cookie.empty()) extra.push_back("Cookie: hoptac_session=" + cookie);
    if (!csrf.empty() && method != "GET") extra.push_back("X-CSRF-Token: " + csrf);
    return extra;
  }
};

std::string SessionCookie(const HttpResponse& r) {
  const std::string set = r.Header("set-cookie");
  const std::string key = "hoptac_session=";
  const size_t at = set.find(key);
  if (at == std::string::npos) return {};
  const size_t end = set.find(';', at);
  return set.substr(at + key.size(), end == std::string::npos ? std::string::npos : end - at - key.size());
}

class AccessMatrixTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (HasFatalFailure()) return;
    const fs::path password_file = work_dir() / "admin-password";
    WriteFile(password_file, std::string(kPassword) + "\n");
    CliResult add = RunCli({"user", "add", "--admin", "--email", kAdminEmail, "--name", "Centre Admin",
                            "--password-file", password_file.string(), "--data", data_dir().string()});
    ASSERT_EQ(add.exit_code, 0) << add.err;
    // Invitations need e-mail: a real SMTP sink in this process.
    ASSERT_NO_FATAL_FAILURE(server().Stop());
    server().set_extra_args({"--smtp-url", sink_.url(), "--public-url", "http://portal.example", "--mail-from",
                             "hoptac <no-reply@centre.example>"});
    ASSERT_NO_FATAL_FAILURE(StartServer());
    ASSERT_NO_FATAL_FAILURE(BuildWorldAndCallers());
    Drain();
  }

  int64_t id(const std::string& ref) const {
    auto it = ids_.find(ref);
    EXPECT_NE(it, ids_.end()) << "no record with ref " << ref << " in the world";
    return it == ids_.end() ? 0 : it->second;
  }

  HttpResponse Send(Column column, const std::string& method, const std::string& target, const std::string& body = "",
                    const Headers& extra = {}) {
    return Anon().Send(method, target, body, callers_[column].HeadersFor(method, extra));
  }

  // Signs in with the shared password (one argon2 verification).
  void SignIn(const std::string& email, Caller& out) {
    HttpResponse r = Anon().Post("/api/v1/session", Json{{"email", email}, {"password", kPassword}});
    ASSERT_EQ(r.status, 200) << "sign-in of " << email << ": " << r.Describe();
    out.cookie = SessionCookie(r);
    out.csrf = r.json().value("csrf_token", "");
    out.user_id = Id(r.json().value("user", Json::object()));
    ASSERT_FALSE(out.cookie.empty()) << r.Describe();
    ASSERT_FALSE(out.csrf.empty()) << r.Describe();
  }

  // POST /api/v1/users as the administrator's session; returns the new user's id.
  int64_t AddUser(const std::string& email, const std::string& name, const std::string& role, const Json& orgs,
                  bool with_password = true) {
    Json body = {{"email", email}, {"display_name", name}, {"role", role}, {"organisations", orgs}, {"lang", "en"}};
    if (with_password) body["password"] = kPassword;
    HttpResponse r = Send(kAdmin, "POST", "/api/v1/users", body.dump());
    EXPECT_EQ(r.status, 201) << "POST /api/v1/users " << email << " -> " << r.Describe();
    return Id(r.json());
  }

  // Creates a record as the CLI (or the given column) and remembers its ref.
  void Add(const std::string& collection, const std::string& ref, Json body, Column as = kCli) {
    body["ref"] = ref;
    HttpResponse r = Send(as, "POST", "/api/v1/" + collection, body.dump());
    ASSERT_EQ(r.status, 201) << "POST /api/v1/" << collection << " " << body.dump() << " -> " << r.Describe();
    ids_[ref] = Id(r.json());
  }

  // The world: organisations A, B and a third, C; a published and a draft profile of A and of B; a
  // case, an agreement and a project of A with C; a programme of A with two sessions (and one of B);
  // a person of A; the trainee's person; their enrolments and consents; two interests in A's
  // published profile (from C and from B); a document. Then every caller of the matrix.
  void BuildWorldAndCallers() {
    callers_[kCli].bearer = token();
    ASSERT_NO_FATAL_FAILURE(SignIn(kAdminEmail, callers_[kAdmin]));
    ASSERT_NO_FATAL_FAILURE(Add("organisations", "org-a",
                                {{"name", T("vi", "Sở Nông nghiệp Thái Bình")},
                                 {"kind", "government"},
                                 {"country", "VN"},
                                 {"locality", "Thái Bình"}}));
    ASSERT_NO_FATAL_FAILURE(Add("organisations", "org-b",
                                {{"name", T("zh-Hans", "广西人工智能研究院")},
                                 {"kind", "research_institute"},
                                 {"country", "CN"},
                                 {"locality", "南宁"}}));
    ASSERT_NO_FATAL_FAILURE(Add("organisations", "org-c",
                                {{"name", T("fr", "Institut de recherche pour le développement")},
                                 {"kind", "research_institute"},
                                 {"country", "FR"}}));
    const int64_t a = id("org-a"), b = id("org-b"), c = id("org-c");

    AddUser("staff@centre.example", "Centre Staff", "staff", Json::array());
    AddUser("editor-a@snn.example.vn", "Editor of A", "editor", Json::array({a}));
    AddUser("editor-b@gx.example.cn", "Editor of B", "editor", Json::array({b}));
    const int64_t trainee_user = AddUser("trainee@example.vn", "Trainee", "trainee", Json::array());
    bystander_id_ = AddUser("bystander@example.vn", "Bystander", "trainee", Json::array(), /*with_password=*/false);
    ASSERT_FALSE(HasFailure());
    ASSERT_NO_FATAL_FAILURE(SignIn("staff@centre.example", callers_[kStaff]));
    ASSERT_NO_FATAL_FAILURE(SignIn("editor-a@snn.example.vn", callers_[kEditorA]));
    ASSERT_NO_FATAL_FAILURE(SignIn("editor-b@gx.example.cn", callers_[kEditorB]));
    ASSERT_NO_FATAL_FAILURE(SignIn("trainee@example.vn", callers_[kTrainee]));

    ASSERT_NO_FATAL_FAILURE(Add("profiles", "pa-pub",
                                {{"organisation", a},
                                 {"kind", "request"},
                                 {"status", "published"},
                                 {"title", T("en", "Rice pest forecasting for Thai Binh farmers")},
                                 {"summary", T("en", "Early warning of rice pests over 80,000 ha of paddy.")}}));
    ASSERT_NO_FATAL_FAILURE(Add("profiles", "pa-draft",
                                {{"organisation", a},
                                 {"kind", "request"},
                                 {"status", "draft"},
                                 {"title", T("en", "Rice seed drying, a plan not yet announced")}}));
    ASSERT_NO_FATAL_FAILURE(Add("profiles", "pb-pub",
                                {{"organisation", b},
                                 {"kind", "offer"},
                                 {"status", "published"},
                                 {"title", T("en", "Rice pest forecasting with machine learning")},
                                 {"summary", T("en", "Image recognition of rice pests and early warning.")}}));
    ASSERT_NO_FATAL_FAILURE(Add("profiles", "pb-draft",
                                {{"organisation", b},
                                 {"kind", "offer"},
                                 {"status", "draft"},
                                 {"title", T("en", "Rice pest forecasting drones, not yet announced")}}));
    ASSERT_NO_FATAL_FAILURE(Add("cases", "case-a",
                                {{"title", T("en", "Pest forecasting pilot in Thai Binh")},
                                 {"supplier", c},
                                 {"adopter", a},
                                 {"country", "VN"},
                                 {"year", 2024}}));
    ASSERT_NO_FATAL_FAILURE(Add("agreements", "agreement-a",
                                {{"title", T("en", "Memorandum on digital agriculture")},
                                 {"parties", {a, c}},
                                 {"agreement_type", "mou"},
                                 {"signed_date", "2025-09-18"}}));
    ASSERT_NO_FATAL_FAILURE(
        Add("projects", "project-a",
            {{"title", T("en", "Pest forecasting roll-out")}, {"parties", {a, c}}, {"stage", "proposed"}}));
    ASSERT_NO_FATAL_FAILURE(
        Add("programmes", "programme-a", {{"title", T("en", "AI for agriculture officers")}, {"provider", a}}));
    ASSERT_NO_FATAL_FAILURE(
        Add("programmes", "programme-b", {{"title", T("zh-Hans", "人工智能应用培训")}, {"provider", b}}));
    ASSERT_NO_FATAL_FAILURE(Add("sessions", "session-a",
                                {{"programme", id("programme-a")},
                                 {"title", T("en", "Spring session")},
                                 {"start_date", "2026-03-02"},
                                 {"end_date", "2026-03-06"},
                                 {"country", "VN"}}));
    ASSERT_NO_FATAL_FAILURE(Add("sessions", "session-a2",
                                {{"programme", id("programme-a")},
                                 {"title", T("en", "Autumn session")},
                                 {"start_date", "2026-10-05"},
                                 {"end_date", "2026-10-09"},
                                 {"country", "VN"}}));
    ASSERT_NO_FATAL_FAILURE(
        Add("people", "person-a",
            {{"name", "Nguyễn Thị Hương"}, {"organisation", a}, {"email", "huong@snn.example.vn"}, {"country", "VN"}}));
    // The trainee's person record, made by staff, then linked to the account by the administrator.
    ASSERT_NO_FATAL_FAILURE(Add(
        "people", "person-t", {{"name", "Trần Văn Bình"}, {"email", "trainee@example.vn"}, {"country", "VN"}}, kStaff));
    HttpResponse linked = Send(kAdmin, "PATCH", "/api/v1/users/" + std::to_string(trainee_user),
                               Json{{"person_id", id("person-t")}}.dump());
    ASSERT_EQ(linked.status, 200) << linked.Describe();
    ASSERT_NO_FATAL_FAILURE(Add("enrolments", "enrolment-a",
                                {{"person", id("person-a")}, {"session", id("session-a")}, {"status", "applied"}}));
    ASSERT_NO_FATAL_FAILURE(Add("enrolments", "enrolment-t",
                                {{"person", id("person-t")}, {"session", id("session-a")}, {"status", "applied"}}));
    ASSERT_NO_FATAL_FAILURE(Add("consents", "consent-a", ConsentOf(id("person-a"))));
    ASSERT_NO_FATAL_FAILURE(Add("consents", "consent-t", ConsentOf(id("person-t"))));
    ASSERT_NO_FATAL_FAILURE(Add("interests", "interest-a", InterestIn(id("pa-pub"), c)));
    ASSERT_NO_FATAL_FAILURE(Add("interests", "interest-b", InterestIn(id("pa-pub"), b)));
    ASSERT_NO_FATAL_FAILURE(
        Add("documents", "document",
            {{"title", T("en", "Guide to cooperation")}, {"body", T("en", "How we work together.")}}));

    // The read-only token is made from the staff user's session.
    HttpResponse made = Send(kStaff, "POST", "/api/v1/me/tokens",
                             Json{{"name", "read only"}, {"scopes", "read"}, {"expires_in_days", 30}}.dump());
    ASSERT_EQ(made.status, 201) << made.Describe();
    callers_[kReadToken].bearer = made.json().value("token", "");
    callers_[kReadToken].user_id = callers_[kStaff].user_id;
    ASSERT_FALSE(callers_[kReadToken].bearer.empty());
    callers_[kNoCsrf] = callers_[kStaff];
    callers_[kNoCsrf].csrf.clear();
    callers_[kWrongCsrf] = callers_[kStaff];
    callers_[kWrongCsrf].csrf = callers_[kAdmin].csrf;
  }

  static Json ConsentOf(int64_t person) {
    return {{"person", person},
            {"law", "pipl_and_decree_13_2023"},
            {"destination_country", "CN"},
            {"granted_at", "2026-01-15"},
            {"text_version", "2026-01"}};
  }
  static Json InterestIn(int64_t profile, int64_t organisation) {
    return {{"profile", profile},
            {"organisation", organisation},
            {"name", "Lê Minh"},
            {"email", "minh@example.vn"},
            {"message", T("en", "We would like to take part.")}};
  }

  // The record as the CLI reads it, without id, ref, version and timestamps, with `patch` merged in:
  // a PUT body that keeps the record where it belongs.
  Json Replaced(const std::string& collection, int64_t record_id, const Json& patch) {
    Json body = WithoutMeta(Read(collection, record_id));
    body.merge_patch(patch);
    return body;
  }

  // The record's version as the CLI reads it; -1 when it is gone.
  int64_t VersionOf(const std::string& collection, int64_t record_id) {
    HttpResponse r = Api().Get(Item(collection, record_id));
    if (r.status == 404) return -1;
    EXPECT_EQ(r.status, 200) << "reading back " << Item(collection, record_id) << ": " << r.Describe();
    return r.json().value("version", int64_t{0});
  }

  // A fresh copy of a record, made by the CLI, for a destructive request that is expected to succeed.
  int64_t CopyOf(const std::string& collection, int64_t record_id) {
    Json body = WithoutMeta(Read(collection, record_id));
    HttpResponse r = Api().Post("/api/v1/" + collection, body);
    EXPECT_EQ(r.status, 201) << "copying " << Item(collection, record_id) << ": " << r.Describe();
    return Id(r.json());
  }

  // The change log entries written since the last call (read as the CLI).
  std::vector<Json> Drain() {
    std::vector<Json> out;
    HttpResponse r = Api().Get("/api/v1/changes?limit=5000&after=" + std::to_string(seq_));
    EXPECT_EQ(r.status, 200) << "GET /api/v1/changes as the CLI: " << r.Describe();
    Json j = r.json();
    if (r.status != 200 || !j.is_object() || !j["items"].is_array()) return out;
    for (auto& item : j["items"]) {
      seq_ = std::max(seq_, item.value("seq", int64_t{0}));
      out.push_back(item);
    }
    return out;
  }

  // The outcomes of a row for every column; the CSRF columns follow the staff column: the same for a
  // read, 403 for a change.
  std::array<Outcome, kColumns> Expected(const Row& row) {
    std::array<Outcome, kColumns> out;
    out.fill(Outcome::kNotSent);
    const std::map<std::string, Outcome> words = {{"ok", Outcome::kOk},
                                                  {"401", Outcome::k401},
                                                  {"403", Outcome::k403},
                                                  {"404", Outcome::k404},
                                                  {"-", Outcome::kNotSent}};
    std::istringstream in(row.expect);
    std::string word;
    size_t n = 0;
    while (in >> word) {
      if (n == kWrittenColumns) {
        ADD_FAILURE() << "the row " << row.method << " " << row.path << " has more than " << kWrittenColumns
                      << " columns";
        break;
      }
      auto it = words.find(word);
      if (it == words.end()) {
        ADD_FAILURE() << "the row " << row.method << " " << row.path << " has the word '" << word << "'";
      } else {
        out[n] = it->second;
      }
      ++n;
    }
    EXPECT_EQ(n, kWrittenColumns) << "the row " << row.method << " " << row.path << ": " << row.expect;
    const bool change = row.method != "GET";
    for (Column c : {kNoCsrf, kWrongCsrf}) {
      out[c] = out[kStaff] == Outcome::kNotSent ? Outcome::kNotSent : change ? Outcome::k403 : out[kStaff];
    }
    return out;
  }

  void Run(const std::vector<Row>& rows) {
    for (const Row& row : rows) {
      const auto expected = Expected(row);
      for (size_t c = 0; c < kColumns; ++c) RunCell(row, static_cast<Column>(c), expected[c]);
    }
  }

  void RunCell(const Row& row, Column column, Outcome want) {
    if (want == Outcome::kNotSent) return;
    int64_t target = row.id;
    if (row.copy_when_allowed && want == Outcome::kOk) {
      target = CopyOf(row.collection, row.id);
      Drain();
    }
    const Caller& caller = callers_[column];
    const std::string self = std::to_string(caller.user_id != 0 ? caller.user_id : bystander_id_);
    const std::string n = std::to_string(++serial_);
    std::string path = row.path, body = row.body;
    for (std::string* s : {&path, &body}) {
      ReplaceAll(*s, "{id}", std::to_string(target));
      ReplaceAll(*s, "{self}", self);
      ReplaceAll(*s, "{n}", n);
    }
    const bool has_target = target != 0 && !row.collection.empty();
    const int64_t version = has_target ? VersionOf(row.collection, target) : 0;

    HttpResponse r = Send(column, row.method, path, body, row.headers);
    ++cells_;
    const std::string where = row.method + " " + path + " as " + kColumnNames[column];
    if (!Matches(want, r.status)) {
      mismatches_.push_back(where + ": expected " + Name(want) + ", got " + std::to_string(r.status));
      ADD_FAILURE() << where << ": expected " << Name(want) << ", got " << r.Describe();
    }
    const std::vector<Json> written = Drain();
    if (!Is2xx(r.status) || row.method == "GET") {
      EXPECT_TRUE(written.empty()) << where << " answered " << r.status << " yet wrote " << Json(written).dump();
      if (has_target) {
        EXPECT_EQ(VersionOf(row.collection, target), version)
            << where << " answered " << r.status << " yet changed " << Item(row.collection, target);
      }
    } else if (row.method == "DELETE" && has_target) {
      EXPECT_EQ(VersionOf(row.collection, target), -1)
          << where << " answered " << r.status << " but the record is still there";
    }
  }

  // One line per mismatch, at the end, so the whole matrix reads at once.
  void Summarise(const std::string& what) {
    std::cout << "[ access   ] " << what << ": " << cells_ << " cells, " << mismatches_.size() << " mismatches\n";
    for (const auto& m : mismatches_) std::cout << "[ mismatch ] " << m << "\n";
  }

  // --- row builders ---------------------------------------------------------------------------

  static Row List(const std::string& collection, const std::string& expect) {
    return {.method = "GET", .path = "/api/v1/" + collection, .expect = expect};
  }
  static Row Create(const std::string& collection, const Json& body, const std::string& expect) {
    return {.method = "POST", .path = "/api/v1/" + collection, .expect = expect, .body = body.dump()};
  }
  static Row Get(const std::string& collection, int64_t record_id, const std::string& expect) {
    return {.method = "GET",
            .path = "/api/v1/" + collection + "/{id}",
            .expect = expect,
            .collection = collection,
            .id = record_id};
  }
  static Row Change(const std::string& method, const std::string& collection, int64_t record_id, const Json& body,
                    const std::string& expect) {
    return {.method = method,
            .path = "/api/v1/" + collection + "/{id}",
            .expect = expect,
            .body = body.dump(),
            .collection = collection,
            .id = record_id};
  }
  Row Put(const std::string& collection, int64_t record_id, const Json& patch, const std::string& expect) {
    return Change("PUT", collection, record_id, Replaced(collection, record_id, patch), expect);
  }
  static Row Patch(const std::string& collection, int64_t record_id, const Json& body, const std::string& expect) {
    return Change("PATCH", collection, record_id, body, expect);
  }
  static Row Delete(const std::string& collection, int64_t record_id, const std::string& expect) {
    return {.method = "DELETE",
            .path = "/api/v1/" + collection + "/{id}",
            .expect = expect,
            .collection = collection,
            .id = record_id,
            .copy_when_allowed = true};
  }

  std::map<std::string, int64_t> ids_;  // ref -> id
  std::array<Caller, kColumns> callers_;
  int64_t bystander_id_ = 0;  // a user who is none of the callers
  int64_t seq_ = 0;           // the last change log entry seen
  int serial_ = 0;
  int cells_ = 0;
  std::vector<std::string> mismatches_;
  SmtpSink sink_;
};

// Every record route (collection GET/POST, item GET/PUT/PATCH/DELETE) of every record type.
TEST_F(AccessMatrixTest, RecordRoutes) {
  const int64_t a = id("org-a"), b = id("org-b"), c = id("org-c");
  const int64_t person_a = id("person-a"), person_t = id("person-t"), session_a = id("session-a");
  // clang-format off
  // Reads first, then changes, then deletions, so an allowed change never hides a later refusal.
  //                                                               admin staff edA edB trainee anon read cli
  const std::vector<Row> reads = {
      List("organisations",                                       "ok  ok  ok  ok  ok  ok  ok  ok"),
      Get("organisations", a,                                     "ok  ok  ok  ok  ok  ok  ok  ok"),
      List("profiles",                                            "ok  ok  ok  ok  ok  ok  ok  ok"),
      Get("profiles", id("pa-pub"),                               "ok  ok  ok  ok  ok  ok  ok  ok"),
      Get("profiles", id("pa-draft"),                             "ok  ok  ok  404 404 404 ok  ok"),
      Get("profiles", id("pb-draft"),                             "ok  ok  404 ok  404 404 ok  ok"),
      List("cases",                                               "ok  ok  ok  ok  ok  ok  ok  ok"),
      Get("cases", id("case-a"),                                  "ok  ok  ok  ok  ok  ok  ok  ok"),
      List("agreements",                                          "ok  ok  ok  ok  ok  ok  ok  ok"),
      Get("agreements", id("agreement-a"),                        "ok  ok  ok  ok  ok  ok  ok  ok"),
      List("projects",                                            "ok  ok  ok  ok  ok  ok  ok  ok"),
      Get("projects", id("project-a"),                            "ok  ok  ok  ok  ok  ok  ok  ok"),
      List("programmes",                                          "ok  ok  ok  ok  ok  ok  ok  ok"),
      Get("programmes", id("programme-a"),                        "ok  ok  ok  ok  ok  ok  ok  ok"),
      List("sessions",                                            "ok  ok  ok  ok  ok  ok  ok  ok"),
      Get("sessions", session_a,                                  "ok  ok  ok  ok  ok  ok  ok  ok"),
      List("documents",                                           "ok  ok  ok  ok  ok  ok  ok  ok"),
      Get("documents", id("document"),                            "ok  ok  ok  ok  ok  ok  ok  ok"),
      // Private types: lists are filtered per record for editors and trainees.
      List("people",                                              "ok  ok  ok  ok  ok  401 ok  ok"),
      Get("people", person_a,                                     "ok  ok  ok  404 404 401 ok  ok"),
      Get("people", person_t,                                     "ok  ok  404 404 ok  401 ok  ok"),
      List("enrolments",                                          "ok  ok  ok  ok  ok  401 ok  ok"),
      Get("enrolments", id("enrolment-a"),                        "ok  ok  ok  404 404 401 ok  ok"),
      Get("enrolments", id("enrolment-t"),                        "ok  ok  ok  404 ok  401 ok  ok"),
      List("interests",                                           "ok  ok  ok  ok  403 401 ok  ok"),
      // A type a role may never read is refused as a type (403, whatever the id, so it tells nothing);
      // a record of a type it may read in part, but not this one, does not exist for it (404).
      Get("interests", id("interest-a"),                          "ok  ok  ok  404 403 401 ok  ok"),
      Get("interests", id("interest-b"),                          "ok  ok  ok  ok  403 401 ok  ok"),
      List("consents",                                            "ok  ok  403 403 ok  401 ok  ok"),
      Get("consents", id("consent-a"),                            "ok  ok  403 403 404 401 ok  ok"),
      Get("consents", id("consent-t"),                            "ok  ok  403 403 ok  401 ok  ok"),
  };
  const Json text = T("en", "Changed by the access matrix");
  const std::vector<Row> changes = {
      // An editor updates its own organisation, never creates one.
      Create("organisations", {{"name", text}, {"kind", "enterprise"}, {"country", "VN"}},
                                                                  "ok  ok  403 403 403 401 403 ok"),
      Put("organisations", a, {{"locality", "Hà Nội"}},           "ok  ok  ok  403 403 401 403 ok"),
      Patch("organisations", a, {{"locality", "Thái Bình"}},      "ok  ok  ok  403 403 401 403 ok"),
      Patch("organisations", b, {{"locality", "南宁"}},            "ok  ok  403 ok  403 401 403 ok"),

      Create("profiles", {{"organisation", a}, {"kind", "offer"}, {"title", text}},
                                                                  "ok  ok  ok  403 403 401 403 ok"),
      Create("profiles", {{"organisation", b}, {"kind", "offer"}, {"title", text}},
                                                                  "ok  ok  403 ok  403 401 403 ok"),
      Put("profiles", id("pa-pub"), {{"summary", text}},          "ok  ok  ok  403 403 401 403 ok"),
      Patch("profiles", id("pa-pub"), {{"summary", text}},        "ok  ok  ok  403 403 401 403 ok"),
      Patch("profiles", id("pa-draft"), {{"summary", text}},      "ok  ok  ok  404 404 401 403 ok"),
      Patch("profiles", id("pb-draft"), {{"summary", text}},      "ok  ok  404 ok  404 401 403 ok"),
      // No one moves a record out of, or into, another's organisation.
      Patch("profiles", id("pa-pub"), {{"organisation", b}},      "-   -   403 403 403 401 403 -"),
      Patch("profiles", id("pb-pub"), {{"organisation", a}},      "-   -   403 403 403 401 403 -"),

      Create("cases", {{"title", text}, {"supplier", c}, {"adopter", a}},
                                                                  "ok  ok  ok  403 403 401 403 ok"),
      Put("cases", id("case-a"), {{"summary", text}},             "ok  ok  ok  403 403 401 403 ok"),
      Patch("cases", id("case-a"), {{"summary", text}},           "ok  ok  ok  403 403 401 403 ok"),
      Patch("cases", id("case-a"), {{"adopter", b}},              "-   -   403 403 403 401 403 -"),

      Create("agreements", {{"title", text}, {"parties", {a, c}}, {"agreement_type", "mou"}},
                                                                  "ok  ok  ok  403 403 401 403 ok"),
      Put("agreements", id("agreement-a"), {{"signed_place", "Nam Ninh"}},
                                                                  "ok  ok  ok  403 403 401 403 ok"),
      Patch("agreements", id("agreement-a"), {{"signed_place", "Hà Nội"}},
                                                                  "ok  ok  ok  403 403 401 403 ok"),
      Patch("agreements", id("agreement-a"), {{"parties", {c, b}}},
                                                                  "-   -   403 403 403 401 403 -"),

      Create("projects", {{"title", text}, {"parties", {a, c}}},  "ok  ok  ok  403 403 401 403 ok"),
      Put("projects", id("project-a"), {{"summary", text}},       "ok  ok  ok  403 403 401 403 ok"),
      Patch("projects", id("project-a"), {{"stage", "negotiating"}},
                                                                  "ok  ok  ok  403 403 401 403 ok"),
      Patch("projects", id("project-a"), {{"parties", {b}}},      "-   -   403 403 403 401 403 -"),

      Create("programmes", {{"title", text}, {"provider", a}},    "ok  ok  ok  403 403 401 403 ok"),
      Put("programmes", id("programme-a"), {{"description", text}},
                                                                  "ok  ok  ok  403 403 401 403 ok"),
      Patch("programmes", id("programme-a"), {{"description", text}},
                                                                  "ok  ok  ok  403 403 401 403 ok"),
      Patch("programmes", id("programme-a"), {{"provider", b}},   "-   -   403 403 403 401 403 -"),

      Create("sessions", {{"programme", id("programme-a")}, {"start_date", "2026-11-02"}, {"end_date", "2026-11-06"}},
                                                                  "ok  ok  ok  403 403 401 403 ok"),
      Put("sessions", session_a, {{"venue", "Thái Bình"}},        "ok  ok  ok  403 403 401 403 ok"),
      Patch("sessions", session_a, {{"capacity", 30}},            "ok  ok  ok  403 403 401 403 ok"),
      Patch("sessions", session_a, {{"programme", id("programme-b")}},
                                                                  "-   -   403 403 403 401 403 -"),

      Create("documents", {{"title", text}, {"body", text}},      "ok  ok  403 403 403 401 403 ok"),
      Put("documents", id("document"), {{"source", "centre"}},    "ok  ok  403 403 403 401 403 ok"),
      Patch("documents", id("document"), {{"source", "archive"}}, "ok  ok  403 403 403 401 403 ok"),

      // A trainee's person record is made when it applies (POST /api/v1/me/person), not here.
      Create("people", {{"name", "Phạm Thu"}, {"organisation", a}, {"country", "VN"}},
                                                                  "ok  ok  ok  403 403 401 403 ok"),
      Put("people", person_a, {{"locality", "Thái Bình"}},        "ok  ok  ok  404 404 401 403 ok"),
      Patch("people", person_a, {{"role", "Chuyên viên"}},        "ok  ok  ok  404 404 401 403 ok"),
      // The trainee keeps its own details up to date (access.cc: "its own person record").
      Patch("people", person_t, {{"locality", "Cao Bằng"}},       "ok  ok  404 404 ok  401 403 ok"),
      Put("people", person_t, {{"locality", "Lạng Sơn"}},         "ok  ok  404 404 ok  401 403 ok"),
      Patch("people", person_a, {{"organisation", b}},            "-   -   403 404 404 401 403 -"),

      // A trainee applies for itself (status applied), and for no one else.
      Create("enrolments", {{"person", person_t}, {"session", session_a}, {"status", "applied"}},
                                                                  "ok  ok  ok  403 ok  401 403 ok"),
      Create("enrolments", {{"person", person_t}, {"session", session_a}, {"status", "accepted"}},
                                                                  "ok  ok  ok  403 403 401 403 ok"),
      Create("enrolments", {{"person", person_a}, {"session", session_a}, {"status", "applied"}},
                                                                  "ok  ok  ok  403 403 401 403 ok"),
      Put("enrolments", id("enrolment-a"), {{"status", "accepted"}},
                                                                  "ok  ok  ok  404 404 401 403 ok"),
      Patch("enrolments", id("enrolment-a"), {{"status", "waitlisted"}},
                                                                  "ok  ok  ok  404 404 401 403 ok"),
      // It may cancel its application, nothing else: not accept itself, not move to another session.
      Patch("enrolments", id("enrolment-t"), {{"status", "accepted"}},
                                                                  "ok  ok  ok  404 403 401 403 ok"),
      Patch("enrolments", id("enrolment-t"), {{"session", id("session-a2")}},
                                                                  "-   -   -   404 403 401 403 -"),
      Patch("enrolments", id("enrolment-t"), {{"status", "cancelled"}},
                                                                  "ok  ok  ok  404 ok  401 403 ok"),
      Put("enrolments", id("enrolment-t"), {{"status", "cancelled"}},
                                                                  "ok  ok  ok  404 ok  401 403 ok"),

      Create("interests", InterestIn(id("pa-pub"), c),            "ok  ok  ok  403 403 401 403 ok"),
      Put("interests", id("interest-a"), {{"status", "accepted"}}, "ok  ok  ok  404 404 401 403 ok"),
      Patch("interests", id("interest-a"), {{"status", "declined"}},
                                                                  "ok  ok  ok  404 404 401 403 ok"),
      Patch("interests", id("interest-b"), {{"status", "accepted"}},
                                                                  "ok  ok  ok  ok  404 401 403 ok"),

      // Consents: never an editor's; a trainee records and changes its own.
      Create("consents", ConsentOf(person_t),                     "ok  ok  403 403 ok  401 403 ok"),
      Create("consents", ConsentOf(person_a),                     "ok  ok  403 403 403 401 403 ok"),
      Put("consents", id("consent-a"), {{"text_version", "2026-02"}},
                                                                  "ok  ok  404 404 404 401 403 ok"),
      Patch("consents", id("consent-a"), {{"text_version", "2026-03"}},
                                                                  "ok  ok  404 404 404 401 403 ok"),
      Patch("consents", id("consent-t"), {{"withdrawn_at", "2026-02-01"}},
                                                                  "ok  ok  404 404 ok  401 403 ok"),
      Patch("consents", id("consent-t"), {{"person", person_a}},  "-   -   404 404 403 401 403 -"),
  };
  const std::vector<Row> deletions = {
      Delete("organisations", a,                                  "ok  ok  403 403 403 401 403 ok"),
      Delete("profiles", id("pa-pub"),                            "ok  ok  ok  403 403 401 403 ok"),
      Delete("profiles", id("pa-draft"),                          "ok  ok  ok  404 404 401 403 ok"),
      Delete("cases", id("case-a"),                               "ok  ok  ok  403 403 401 403 ok"),
      Delete("agreements", id("agreement-a"),                     "ok  ok  ok  403 403 401 403 ok"),
      Delete("projects", id("project-a"),                         "ok  ok  ok  403 403 401 403 ok"),
      Delete("programmes", id("programme-a"),                     "ok  ok  ok  403 403 401 403 ok"),
      Delete("sessions", id("session-a2"),                        "ok  ok  ok  403 403 401 403 ok"),
      Delete("documents", id("document"),                         "ok  ok  403 403 403 401 403 ok"),
      Delete("people", person_a,                                  "ok  ok  ok  404 404 401 403 ok"),
      Delete("people", person_t,                                  "ok  ok  404 404 403 401 403 ok"),
      Delete("enrolments", id("enrolment-a"),                     "ok  ok  ok  404 404 401 403 ok"),
      Delete("enrolments", id("enrolment-t"),                     "ok  ok  ok  404 403 401 403 ok"),
      Delete("interests", id("interest-a"),                       "ok  ok  ok  404 404 401 403 ok"),
      Delete("interests", id("interest-b"),                       "ok  ok  ok  ok  404 401 403 ok"),
      Delete("consents", id("consent-a"),                         "ok  ok  404 404 404 401 403 ok"),
      Delete("consents", id("consent-t"),                         "ok  ok  404 404 403 401 403 ok"),
  };
  // clang-format on
  Run(reads);
  Run(changes);
  Run(deletions);
  Summarise("record routes");
}

// Accounts, the audit trail, bulk routes, personal data, search and matching.
TEST_F(AccessMatrixTest, AccountBulkPersonalDataAndSearchRoutes) {
  const std::string person_a = std::to_string(id("person-a")), person_t = std::to_string(id("person-t"));
  const std::string editor_a = std::to_string(callers_[kEditorA].user_id);
  const std::string bystander = std::to_string(bystander_id_);
  const Json org_a = Json::array({id("org-a")}), org_b = Json::array({id("org-b")});
  auto json_row = [](std::string method, std::string path, const Json& body, std::string expect) {
    return Row{.method = std::move(method), .path = std::move(path), .expect = std::move(expect), .body = body.dump()};
  };
  auto get_row = [](std::string path, std::string expect) {
    return Row{.method = "GET", .path = std::move(path), .expect = std::move(expect)};
  };
  Row import = {.method = "POST",
                .path = "/api/v1/import",
                .expect = "ok  ok  403 403 403 401 403 ok",
                .body = R"({"type":"organisation","name":"Imported {n}","kind":"enterprise","country":"VN"})"
                        "\n",
                .headers = {"Content-Type: application/x-ndjson"}};
  Row erase_a = {.method = "POST",
                 .path = "/api/v1/people/{id}/erase",
                 .expect = "ok  ok  403 403 403 401 403 ok",
                 .body = "{}",
                 .collection = "people",
                 .id = id("person-a"),
                 .copy_when_allowed = true};
  Row erase_t = erase_a;
  erase_t.id = id("person-t");
  // The CLI token has no account: /me and {self} do not apply to it (see the report in the summary).
  // clang-format off
  //                                                                                        admin staff edA edB trainee anon read cli
  const std::vector<Row> rows = {
      get_row("/api/v1/me",                                                                 "ok  ok  ok  ok  ok  401 ok  -"),
      json_row("PATCH", "/api/v1/me", {{"display_name", "Renamed {n}"}},                    "ok  ok  ok  ok  ok  401 403 -"),
      get_row("/api/v1/users",                                                              "ok  403 403 403 403 401 403 ok"),
      json_row("POST", "/api/v1/users", {{"email", "new{n}@example.vn"}, {"display_name", "New {n}"},
                                         {"role", "trainee"}, {"lang", "en"}},              "ok  403 403 403 403 401 403 ok"),
      get_row("/api/v1/users/" + editor_a,                                                  "ok  403 ok  403 403 401 403 ok"),
      json_row("PATCH", "/api/v1/users/" + bystander, {{"display_name", "Renamed {n}"}},    "ok  403 403 403 403 401 403 ok"),
      json_row("PATCH", "/api/v1/users/" + bystander, {{"status", "disabled"}},             "ok  403 403 403 403 401 403 ok"),
      // One's own account: the name, yes; the role, organisations or person, only an administrator.
      json_row("PATCH", "/api/v1/users/{self}", {{"display_name", "Self {n}"}},             "ok  ok  ok  ok  ok  401 403 -"),
      json_row("PATCH", "/api/v1/users/{self}", {{"role", "admin"}},                        "-   403 403 403 403 401 403 -"),
      json_row("PATCH", "/api/v1/users/{self}", {{"organisations", org_b}},                 "-   403 403 403 403 401 403 -"),
      json_row("PATCH", "/api/v1/users/{self}", {{"person_id", id("person-a")}},            "-   403 403 403 403 401 403 -"),
      get_row("/api/v1/audit",                                                              "ok  403 403 403 403 401 403 ok"),
      get_row("/api/v1/changes",                                                            "ok  ok  403 403 403 401 ok  ok"),
      import,
      json_row("POST", "/api/v1/invitations", {{"email", "invitee{n}@example.vn"}, {"role", "editor"},
                                               {"organisations", org_a}},                   "ok  ok  403 403 403 401 403 ok"),
      json_row("POST", "/api/v1/invitations", {{"email", "invitee{n}@example.vn"}, {"role", "trainee"}},
                                                                                            "ok  ok  403 403 403 401 403 ok"),
      json_row("POST", "/api/v1/invitations", {{"email", "invitee{n}@example.vn"}, {"role", "staff"}},
                                                                                            "ok  403 403 403 403 401 403 ok"),
      get_row("/api/v1/people/" + person_a + "/export",                                     "ok  ok  403 403 403 401 ok  ok"),
      get_row("/api/v1/people/" + person_t + "/export",                                     "ok  ok  403 403 ok  401 ok  ok"),
      erase_a,
      erase_t,
      get_row("/api/v1/search?q=rice",                                                      "ok  ok  ok  ok  ok  ok  ok  ok"),
      get_row("/api/v1/profiles/" + std::to_string(id("pa-pub")) + "/matches",              "ok  ok  ok  ok  ok  ok  ok  ok"),
      get_row("/api/v1/profiles/" + std::to_string(id("pa-draft")) + "/matches",            "ok  ok  ok  404 404 404 ok  ok"),
      get_row("/api/v1/profiles/" + std::to_string(id("pb-draft")) + "/matches",            "ok  ok  404 ok  404 404 ok  ok"),
      get_row("/api/v1/figures",                                                            "ok  ok  ok  ok  ok  ok  ok  ok"),
      // A read-only token changes nothing of its account either. Last: if the server let it, these
      // would give the staff user a person record, end its sessions and revoke the token itself.
      json_row("POST", "/api/v1/me/tokens", {{"name", "token {n}"}, {"scopes", "read"}, {"expires_in_days", 1}},
                                                                                            "ok  ok  ok  ok  ok  401 403 -"),
      json_row("POST", "/api/v1/me/person", {{"country", "VN"}},                            "-   -   -   -   -   401 403 -"),
      Row{.method = "DELETE", .path = "/api/v1/me/sessions",                         .expect = "-   -   -   -   -   401 403 -"},
      Row{.method = "DELETE", .path = "/api/v1/me/tokens?name=read%20only",          .expect = "-   -   -   -   -   401 403 -"},
  };
  // clang-format on
  Run(rows);
  Summarise("account, bulk, personal data and search routes");
}

// What a permitted read returns: lists, search and matches hold only what the caller may read.
TEST_F(AccessMatrixTest, ListsSearchAndMatchesHoldOnlyWhatEachRoleMayRead) {
  using Refs = std::set<std::string>;
  const Refs all_profiles = {"pa-pub", "pa-draft", "pb-pub", "pb-draft"}, published = {"pa-pub", "pb-pub"};
  auto list_refs = [&](Column column, const std::string& collection) {
    Refs refs;
    std::string cursor;
    for (int page = 0; page < 100; ++page) {
      const std::string target = "/api/v1/" + collection + "?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor);
      HttpResponse r = Send(column, "GET", target);
      EXPECT_EQ(r.status, 200) << target << " as " << kColumnNames[column] << ": " << r.Describe();
      Json j = r.json();
      if (r.status != 200 || !j.is_object()) break;
      for (const auto& item : j["items"]) {
        if (item.contains("ref") && item["ref"].is_string()) refs.insert(item["ref"].get<std::string>());
      }
      if (!j["next_cursor"].is_string()) break;
      cursor = j["next_cursor"].get<std::string>();
    }
    return refs;
  };
  struct Visible {
    std::string collection;
    Column column;
    Refs refs;
  };
  const std::vector<Visible> lists = {
      {"profiles", kAdmin, all_profiles},
      {"profiles", kStaff, all_profiles},
      {"profiles", kEditorA, {"pa-pub", "pa-draft", "pb-pub"}},
      {"profiles", kEditorB, {"pa-pub", "pb-pub", "pb-draft"}},
      {"profiles", kTrainee, published},
      {"profiles", kAnonymous, published},
      {"profiles", kReadToken, all_profiles},
      {"profiles", kCli, all_profiles},
      {"people", kStaff, {"person-a", "person-t"}},
      {"people", kEditorA, {"person-a"}},
      {"people", kEditorB, {}},
      {"people", kTrainee, {"person-t"}},
      {"people", kReadToken, {"person-a", "person-t"}},
      {"enrolments", kStaff, {"enrolment-a", "enrolment-t"}},
      {"enrolments", kEditorA, {"enrolment-a", "enrolment-t"}},
      {"enrolments", kEditorB, {}},
      {"enrolments", kTrainee, {"enrolment-t"}},
      {"interests", kStaff, {"interest-a", "interest-b"}},
      {"interests", kEditorA, {"interest-a", "interest-b"}},
      {"interests", kEditorB, {"interest-b"}},
      {"consents", kStaff, {"consent-a", "consent-t"}},
      {"consents", kTrainee, {"consent-t"}},
      {"consents", kReadToken, {"consent-a", "consent-t"}},
  };
  for (const auto& v : lists) {
    EXPECT_EQ(list_refs(v.column, v.collection), v.refs)
        << "GET /api/v1/" << v.collection << " as " << kColumnNames[v.column];
  }

  // Search: drafts only for staff; never a private type, whoever asks and however.
  std::map<int64_t, std::string> profile_refs;
  for (const auto& ref : all_profiles) profile_refs[id(ref)] = ref;
  for (size_t c = 0; c < kWrittenColumns; ++c) {
    const auto column = static_cast<Column>(c);
    const bool staff = column == kAdmin || column == kStaff || column == kReadToken || column == kCli;
    for (const std::string query : {"q=rice&limit=100", "q=rice&status=draft&limit=100", "q=Hương&limit=100"}) {
      HttpResponse r = Send(column, "GET", "/api/v1/search?" + query);
      ASSERT_EQ(r.status, 200) << query << " as " << kColumnNames[column] << ": " << r.Describe();
      Refs seen;
      const Json found = r.json();
      for (const auto& hit : found["items"]) {
        const std::string type = hit.value("type", "");
        EXPECT_TRUE(type != "person" && type != "enrolment" && type != "interest" && type != "consent")
            << "search " << query << " as " << kColumnNames[column] << " returned a " << type;
        if (type == "profile" && profile_refs.count(Id(hit))) seen.insert(profile_refs[Id(hit)]);
      }
      if (query.rfind("q=rice&limit", 0) == 0) {
        EXPECT_EQ(seen, staff ? all_profiles : published) << "search " << query << " as " << kColumnNames[column];
      } else if (query.find("status=draft") != std::string::npos && !staff) {
        EXPECT_TRUE(seen.empty()) << "search " << query << " as " << kColumnNames[column] << " found drafts";
      }
    }
    // Matches are published profiles only, for everyone.
    HttpResponse m = Send(column, "GET", "/api/v1/profiles/" + std::to_string(id("pa-pub")) + "/matches");
    ASSERT_EQ(m.status, 200) << m.Describe();
    Refs matched;
    const Json matches = m.json();
    for (const auto& item : matches["items"]) {
      const int64_t pid = Id(item.value("profile", Json::object()));
      EXPECT_EQ(item["profile"].value("status", ""), "published") << kColumnNames[column] << ": " << m.body;
      if (profile_refs.count(pid)) matched.insert(profile_refs[pid]);
    }
    EXPECT_EQ(matched, Refs{"pb-pub"}) << "matches of pa-pub as " << kColumnNames[column] << ": " << m.body;
  }
}

}  // namespace
}  // namespace hoptac::api_test
