#include "http/api.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/record_json.h"
#include "domain/schema.h"
#include "core/clock.h"
#include "http/internal/accounts_api.h"
#include "http/internal/call.h"
#include "http/internal/search_params.h"
#include "http/messages.h"
#include "text/codes.h"

namespace hoptac::http {

namespace internal {

using json = nlohmann::json;

Response Json(int status, std::string body) {
  return {.status = status, .content_type = "application/json", .body = std::move(body)};
}

Response ProblemFor(const Call& call, int status, const std::string& detail, const json& errors,
                    const std::string& code) {
  json extra = json::object();
  if (!code.empty()) extra["code"] = code;
  if (!errors.is_null()) extra["errors"] = errors;
  std::string members = extra.empty() ? "" : extra.dump(-1, ' ', false, json::error_handler_t::replace);
  if (!members.empty()) members = members.substr(1, members.size() - 2);  // strip braces
  Response r = Problem(status, ProblemTitle(status, call.lang), detail, members);
  if (status == 401) r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"hoptac\"");
  return r;
}

Response FromStatus(const Call& call, const Status& status) {
  int http = StatusToHttp(status);
  if (status.code() == Code::kTooManyRequests) {
    std::string retry = "60";
    for (const auto& e : status.field_errors()) {
      if (e.field == "retry_after") retry = e.message;
    }
    Response r = ProblemFor(call, http, status.message(), nullptr, CodeName(status.code()));
    r.headers.emplace_back("Retry-After", retry);
    return r;
  }
  if (status.field_errors().empty()) return ProblemFor(call, http, status.message(), nullptr, CodeName(status.code()));
  json errors = json::array();
  for (const auto& e : status.field_errors()) {
    errors.push_back({{"field", e.field}, {"code", e.code}, {"message", FieldMessage(e.code, call.lang, e.message)}});
  }
  std::string detail = call.lang == "en" ? status.message() : InvalidFieldsDetail(call.lang, errors.size());
  return ProblemFor(call, http, detail, errors, CodeName(status.code()));
}

std::string SessionCookie(const Request& req) {
  // Cookie: a=b; hoptac_session=hps_...; c=d
  const std::string header = req.Header("cookie");
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string_view item = std::string_view(header).substr(pos, end - pos);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    if (item.size() > kSessionCookie.size() && item.substr(0, kSessionCookie.size()) == kSessionCookie &&
        item[kSessionCookie.size()] == '=') {
      return std::string(item.substr(kSessionCookie.size() + 1));
    }
    pos = end + 1;
  }
  return {};
}

bool HasSessionCookie(const Request& req) { return !SessionCookie(req).empty(); }

Result<app::Principal> Who(const Call& call, bool required) {
  std::string auth = call.req.Header("authorization");
  if (!auth.empty()) return call.app.Authenticate(auth);
  const std::string cookie = SessionCookie(call.req);
  const bool change = call.req.method != "GET" && call.req.method != "HEAD";
  if (!cookie.empty()) {
    auto who = call.app.AuthenticateSession(cookie);
    if (!who.ok()) {
      // An ended session reads like anyone else; a change must know it is not signed in.
      if (!change && !required) return app::Principal::Anonymous();
      return who.status();
    }
    if (change) {
      const std::string sent = call.req.Header("x-csrf-token");
      // Constant time: the comparison must not tell how much of a guess was right.
      bool same = sent.size() == who->csrf.size() && !sent.empty();
      unsigned char diff = 0;
      for (size_t i = 0; same && i < sent.size(); ++i) diff |= static_cast<unsigned char>(sent[i] ^ who->csrf[i]);
      if (!same || diff != 0) {
        return Status(Code::kPermissionDenied,
                      "This change comes without the session's CSRF token: send it as X-CSRF-Token.",
                      {{"X-CSRF-Token", "csrf", "is missing or wrong"}});
      }
    }
    return who;
  }
  if (!required) return app::Principal::Anonymous();
  return Status::Unauthenticated("This needs you to sign in, or an API token: send 'Authorization: Bearer <token>'.");
}

Result<nlohmann::json> BodyObject(const Call& call) {
  auto body = nlohmann::json::parse(call.req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return Status::InvalidArgument("The body must be a JSON object.", {{"body", "malformed_json", "is not a JSON object"}});
  }
  return body;
}

std::optional<int64_t> ParseId(std::string_view s) {
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

}  // namespace internal

namespace {

using namespace internal;
using json = nlohmann::json;
using domain::TypeSpec;

// Opaque cursor: "c" + decimal id, so clients cannot mistake it for a page number.
std::string MakeCursor(int64_t after_id) { return "c" + std::to_string(after_id); }
std::optional<int64_t> ParseCursor(std::string_view s) {
  if (s.size() < 2 || s[0] != 'c') return std::nullopt;
  return ParseId(s.substr(1));
}

std::optional<int64_t> IfMatchVersion(const Request& req) {
  std::string v = req.Header("if-match");
  if (v.empty()) return std::nullopt;
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  return ParseId(v);
}

Response RecordResponse(Call& call, const domain::Record& record, int status) {
  Response r = Json(status, call.app.RecordJson(record));
  r.headers.emplace_back("ETag", "\"" + std::to_string(record.version) + "\"");
  if (status == 201) {
    r.headers.emplace_back("Location", std::string(kApiPrefix) + call.type->plural + "/" + std::to_string(record.id));
  }
  return r;
}

// --- handlers ---------------------------------------------------------------------------------

Response ListRecords(Call& call) {
  auto who = Who(call, false);
  if (!who.ok()) return FromStatus(call, who.status());
  store::ListQuery q{.type = call.type->name};
  std::vector<FieldError> errors;
  for (const auto& [key, value] : call.req.query) {
    if (key == "limit") {
      auto n = ParseId(value);
      if (!n || *n > 500) errors.push_back({"limit", "out_of_range", "must be a whole number from 1 to 500"});
      else q.limit = static_cast<int>(*n);
    } else if (key == "cursor") {
      auto after = ParseCursor(value);
      if (!after) errors.push_back({"cursor", "invalid_cursor", "is not a cursor this API returned"});
      else q.after_id = *after;
    } else if (key == "ref") {
      q.ref = value;
    } else if (key == "prefix" || key == "q") {
      q.prefix = value;
    } else if (key == "from" || key == "to") {
      if (call.type->date_field.empty()) {
        errors.push_back({key, "unknown_filter", call.type->plural + " have no date to filter on"});
      } else if (!IsValidDate(value)) {
        errors.push_back({key, "invalid_date", "must be a date written YYYY-MM-DD"});
      } else {
        (key == "from" ? q.date_from : q.date_to) = value;
      }
    } else if (key == "lang") {
      // chooses the language of messages only
    } else {
      const domain::FieldSpec* spec = call.type->Field(key);
      if (!spec || !spec->filterable) {
        errors.push_back({key, "unknown_filter", "is not a filter of " + call.type->plural});
      } else {
        q.equals[spec->name] = value;
      }
    }
  }
  if (!errors.empty()) return FromStatus(call, Status::InvalidArgument("Bad query parameters.", std::move(errors)));
  auto page = call.app.List(*who, q);
  if (!page.ok()) return FromStatus(call, page.status());
  std::string body = "{\"items\":[";
  for (size_t i = 0; i < page->items.size(); ++i) {
    if (i) body += ',';
    body += call.app.RecordJson(page->items[i]);
  }
  body += "],\"next_cursor\":";
  body += page->next_after_id ? "\"" + MakeCursor(page->next_after_id) + "\"" : "null";
  body += '}';
  return Json(200, std::move(body));
}

Response CreateRecord(Call& call) {
  auto who = Who(call, true);
  if (!who.ok()) return FromStatus(call, who.status());
  auto record = app::RecordFromJson(*call.type, call.req.body, app::JsonSource::kApi);
  if (!record.ok()) return FromStatus(call, record.status());
  auto created = call.app.Create(*who, std::move(record).value());
  if (!created.ok()) return FromStatus(call, created.status());
  return RecordResponse(call, *created, 201);
}

Response GetRecord(Call& call) {
  auto who = Who(call, false);
  if (!who.ok()) return FromStatus(call, who.status());
  auto record = call.app.Get(*who, call.type->name, call.id);
  if (!record.ok()) return FromStatus(call, record.status());
  return RecordResponse(call, *record, 200);
}

Response UpdateRecord(Call& call, bool replace) {
  auto who = Who(call, true);
  if (!who.ok()) return FromStatus(call, who.status());
  auto body = app::RecordFromJson(*call.type, call.req.body, app::JsonSource::kApi);
  if (!body.ok()) return FromStatus(call, body.status());
  auto updated = call.app.Update(*who, call.type->name, call.id, std::move(body).value(), replace,
                                 IfMatchVersion(call.req));
  if (!updated.ok()) return FromStatus(call, updated.status());
  return RecordResponse(call, *updated, 200);
}

Response PutRecord(Call& call) { return UpdateRecord(call, true); }
Response PatchRecord(Call& call) { return UpdateRecord(call, false); }

Response DeleteRecord(Call& call) {
  auto who = Who(call, true);
  if (!who.ok()) return FromStatus(call, who.status());
  Status s = call.app.Delete(*who, call.type->name, call.id);
  if (!s.ok()) return FromStatus(call, s);
  return {.status = 204, .content_type = "", .body = ""};
}

Response Import(Call& call) {
  auto who = Who(call, true);
  if (!who.ok()) return FromStatus(call, who.status());
  std::istringstream in(call.req.body);
  // Content-Type: text/csv (header row naming the fields; ?type= for rows without a type column),
  // else JSON Lines.
  std::string media = call.req.Header("content-type").substr(0, call.req.Header("content-type").find(';'));
  std::erase_if(media, [](char c) { return c == ' ' || c == '\t'; });
  std::transform(media.begin(), media.end(), media.begin(), [](unsigned char c) { return std::tolower(c); });
  auto report = media == "text/csv"
                    ? call.app.ImportCsv(*who, in, {.csv_type = call.req.Query("type").value_or("")})
                    : call.app.ImportJsonl(*who, in, {});
  if (!report.ok()) return FromStatus(call, report.status());
  json j = {{"created", report->created}, {"per_type", report->per_type}};
  return Json(200, j.dump());
}

Response Changes(Call& call) {
  auto who = Who(call, true);
  if (!who.ok()) return FromStatus(call, who.status());
  if (!who->AtLeast(domain::Role::kStaff)) {
    return FromStatus(call, Status::PermissionDenied("The change log is for centre staff and replicas."));
  }
  int64_t after = 0;
  int limit = 500;
  if (auto a = call.req.Query("after")) {
    auto v = *a == "0" ? std::optional<int64_t>(0) : ParseId(*a);
    if (!v) return FromStatus(call, Status::InvalidArgument("Bad query.", {{"after", "wrong_type", "must be a sequence number"}}));
    after = *v;
  }
  if (auto l = call.req.Query("limit")) {
    auto v = ParseId(*l);
    if (!v || *v > 5000) return FromStatus(call, Status::InvalidArgument("Bad query.", {{"limit", "out_of_range", "must be from 1 to 5000"}}));
    limit = static_cast<int>(*v);
  }
  auto changes = call.app.store().ChangesSince(after, limit);
  if (!changes.ok()) return FromStatus(call, changes.status());
  json items = json::array();
  for (const auto& c : *changes) {
    items.push_back({{"seq", c.seq}, {"type", c.type}, {"id", c.id}, {"op", c.op}, {"at", c.at}, {"actor", c.actor}});
  }
  return Json(200, json{{"items", items}}.dump());
}

// Reads a whole number parameter in [min, max].
std::optional<int64_t> IntParam(const Request& req, const std::string& name, int64_t def, int64_t min, int64_t max,
                                std::vector<FieldError>& errors) {
  auto v = req.Query(name);
  if (!v) return def;
  auto n = *v == "0" ? std::optional<int64_t>(0) : ParseId(*v);
  if (!n || *n < min || *n > max) {
    errors.push_back({name, "out_of_range",
                      "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max)});
    return std::nullopt;
  }
  return n;
}

// ",\"organisation\":{id, ref, name, kind, country}" for a hit or match whose organisation is known.
std::string OrganisationMember(const std::optional<domain::Record>& organisation) {
  if (!organisation) return {};
  static const domain::TypeSpec* kType = domain::FindType("organisation");
  return ",\"organisation\":" + app::RecordSummaryJson(*kType, *organisation, {"name", "kind", "country", "locality"});
}

Response SearchRecords(Call& call) {
  auto who = Who(call, false);
  if (!who.ok()) return FromStatus(call, who.status());
  auto parsed = internal::ParseSearchQuery(call.req.query, call.lang);
  if (!parsed.ok()) return FromStatus(call, parsed.status());
  const index::SearchQuery q = std::move(parsed).value();

  auto page = call.app.Search(*who, q);
  if (!page.ok()) return FromStatus(call, page.status());
  std::string body = "{\"items\":[";
  for (size_t i = 0; i < page->items.size(); ++i) {
    const auto& item = page->items[i];
    json concepts = json::array();
    for (const auto& c : item.hit.concepts) concepts.push_back({{"id", c}, {"label", call.app.ConceptLabel(c, call.lang)}});
    json head = {{"type", item.hit.type}, {"id", item.hit.id}, {"ref", item.record.ref ? json(*item.record.ref) : json()},
                 {"score", item.hit.score}, {"snippet", item.hit.snippet}, {"snippet_lang", item.hit.snippet_lang},
                 {"concepts", concepts}};
    std::string h = head.dump(-1, ' ', false, json::error_handler_t::replace);
    if (i) body += ',';
    body += h.substr(0, h.size() - 1) + ",\"record\":" + call.app.RecordJson(item.record) + OrganisationMember(item.organisation) + "}";
  }
  json tail = {{"total", page->total}, {"facets", page->facets}};
  tail["next_cursor"] = page->more ? json("s" + std::to_string(q.offset + page->items.size())) : json();
  std::string t = tail.dump();
  body += "]," + t.substr(1);
  return Json(200, std::move(body));
}

Response Matches(Call& call) {
  auto who = Who(call, false);
  if (!who.ok()) return FromStatus(call, who.status());
  std::vector<FieldError> errors;
  for (const auto& [key, value] : call.req.query) {
    if (key != "limit" && key != "lang") errors.push_back({key, "unknown_filter", "is not a parameter of matches"});
  }
  auto limit = IntParam(call.req, "limit", 10, 1, 50, errors);
  if (!errors.empty()) return FromStatus(call, Status::InvalidArgument("Bad parameters.", std::move(errors)));
  auto items = call.app.Match(*who, {.profile_id = call.id, .lang = call.lang, .limit = static_cast<size_t>(*limit)});
  if (!items.ok()) return FromStatus(call, items.status());
  std::string body = "{\"items\":[";
  for (size_t i = 0; i < items->size(); ++i) {
    const auto& item = (*items)[i];
    json reasons = json::array();
    for (const auto& r : item.match.reasons) {
      json j = {{"kind", r.kind}, {"label", r.label}, {"weight", std::round(r.weight * 1000) / 1000}};
      if (!r.concept_id.empty()) j["concept"] = r.concept_id;
      if (!r.relation.empty()) j["relation"] = r.relation;
      reasons.push_back(j);
    }
    if (i) body += ',';
    body += "{\"profile\":" + call.app.RecordJson(item.profile) + OrganisationMember(item.organisation) +
            ",\"score\":" + json(std::round(item.match.score * 1000) / 1000).dump() +
            ",\"reasons\":" + reasons.dump(-1, ' ', false, json::error_handler_t::replace) + "}";
  }
  body += "]}";
  return Json(200, std::move(body));
}

Response Figures(Call& call) {
  auto figures = call.app.ComputeFigures();
  if (!figures.ok()) return FromStatus(call, figures.status());
  auto series = [](const std::map<std::string, int64_t>& m, const char* key) {
    json arr = json::array();
    for (const auto& [k, v] : m) arr.push_back({{key, k}, {"count", v}});
    return arr;
  };
  json j = {{"totals", figures->totals},
            {"published_profiles", figures->published_profiles},
            {"agreements_per_year", series(figures->agreements_per_year, "year")},
            {"sessions_per_year", series(figures->sessions_per_year, "year")},
            {"participants_per_year", series(figures->participants_per_year, "year")},
            {"participants_per_country", series(figures->participants_per_country, "country")},
            {"participants_per_locality", series(figures->participants_per_locality, "locality")},
            {"cases_per_domain", series(figures->cases_per_domain, "domain")},
            {"projects_per_stage", series(figures->projects_per_stage, "stage")}};
  return Json(200, j.dump(-1, ' ', false, json::error_handler_t::replace));
}

Response Health(Call&) { return Json(200, R"({"status":"ok"})"); }
Response OpenApi(Call&) {
  static const std::string kDoc = OpenApiJson();
  return Json(200, kDoc);
}

// --- the route table --------------------------------------------------------------------------

// kExact: a fixed path; kIdPath: a fixed path ending in /{id} (not a record collection);
// kCollection, kItem, kItemAction: /api/v1/<record collection>[/{id}[/<action>]].
enum class Shape { kExact, kIdPath, kCollection, kItem, kItemAction };

struct Route {
  std::string_view method;
  Shape shape;
  std::string_view path;  // kExact: the path; kItemAction: "<collection>/{id}/<action>"
  Response (*handler)(Call&);
  std::string_view summary;
  bool needs_token;
};

constexpr Route kRoutes[] = {
    {"GET", Shape::kExact, "/healthz", Health, "Liveness check", false},
    {"GET", Shape::kExact, "/api/v1/openapi.json", OpenApi, "This OpenAPI document", false},
    {"POST", Shape::kExact, "/api/v1/import", Import, "Import JSON Lines or CSV, all or nothing", true},
    {"GET", Shape::kExact, "/api/v1/changes", Changes, "The change log after a sequence number", true},
    {"GET", Shape::kExact, "/api/v1/figures", Figures,
     "The cooperation in figures, computed from the records (dashboard)", false},
    {"GET", Shape::kExact, "/api/v1/search", SearchRecords,
     "Search profiles, organisations, cases and documents across languages, with facets", false},
    {"GET", Shape::kItemAction, "profiles/{id}/matches", Matches,
     "The complementary published profiles, best first, with reasons", false},
    // Accounts (accounts_api.cc). Browser changes need the session's X-CSRF-Token.
    {"POST", Shape::kExact, "/api/v1/session", SignInRoute, "Sign in with e-mail and password (sets the session cookie)", false},
    {"DELETE", Shape::kExact, "/api/v1/session", SignOutRoute, "Sign out of this session", false},
    {"GET", Shape::kExact, "/api/v1/me", MeRoute, "Who is signed in, with the CSRF token", true},
    {"PATCH", Shape::kExact, "/api/v1/me", MePatchRoute, "Change my name or language", true},
    {"DELETE", Shape::kExact, "/api/v1/me/sessions", SignOutEverywhereRoute, "Sign out everywhere", true},
    {"POST", Shape::kExact, "/api/v1/me/password", MePasswordRoute, "Change my password (ends every session)", true},
    {"GET", Shape::kExact, "/api/v1/me/tokens", MeTokensRoute, "My API tokens", true},
    {"POST", Shape::kExact, "/api/v1/me/tokens", MeTokensRoute, "Make an API token (shown once)", true},
    {"DELETE", Shape::kExact, "/api/v1/me/tokens", MeTokensRoute, "Revoke my API token ?name=", true},
    {"POST", Shape::kExact, "/api/v1/me/person", MePersonRoute, "Make my person record (a trainee, before applying)", true},
    {"GET", Shape::kExact, "/api/v1/me/export", MeExportRoute, "Everything held about me", true},
    {"POST", Shape::kExact, "/api/v1/password-resets", PasswordResetRoute, "E-mail a password reset link", false},
    {"POST", Shape::kExact, "/api/v1/password-resets/confirm", PasswordResetConfirmRoute,
     "Set a new password with a reset link", false},
    {"POST", Shape::kExact, "/api/v1/invitations", InviteRoute, "Invite someone by e-mail, with a role", true},
    {"POST", Shape::kExact, "/api/v1/invitations/accept", AcceptInvitationRoute,
     "Accept an invitation: name, password, signed in", false},
    {"GET", Shape::kExact, "/api/v1/users", UsersRoute, "Users and roles (administrators)", true},
    {"POST", Shape::kExact, "/api/v1/users", UsersRoute, "Create a user (administrators)", true},
    {"GET", Shape::kIdPath, "/api/v1/users/{id}", UserRoute, "One user", true},
    {"PATCH", Shape::kIdPath, "/api/v1/users/{id}", UserRoute, "Change a user's role, organisations or status", true},
    {"GET", Shape::kExact, "/api/v1/audit", AuditRoute,
     "The audit trail with before/after values (administrators; ?format=jsonl exports)", true},
    {"GET", Shape::kItemAction, "people/{id}/export", PersonExportRoute, "Everything held about a person", true},
    {"POST", Shape::kItemAction, "people/{id}/erase", PersonEraseRoute,
     "Erase a person's personal data, keeping the figures true", true},
    {"GET", Shape::kCollection, "", ListRecords, "List with filters and cursor pagination", false},
    {"POST", Shape::kCollection, "", CreateRecord, "Create", true},
    {"GET", Shape::kItem, "", GetRecord, "Read one", false},
    {"PUT", Shape::kItem, "", PutRecord, "Replace (If-Match: version optional)", true},
    {"PATCH", Shape::kItem, "", PatchRecord, "Change some fields; null removes one", true},
    {"DELETE", Shape::kItem, "", DeleteRecord, "Delete (refused while referenced)", true},
};

// Splits "/api/v1/<collection>[/<id>[/<action>]]" into its parts.
struct Target {
  Shape shape = Shape::kExact;
  const TypeSpec* type = nullptr;
  std::string_view id;
  std::string_view action;
};

Target Classify(std::string_view path) {
  Target t;
  if (path.substr(0, kApiPrefix.size()) != kApiPrefix) return t;
  std::string_view rest = path.substr(kApiPrefix.size());
  auto slash = rest.find('/');
  std::string_view collection = rest.substr(0, slash);
  t.type = domain::FindTypeByPlural(collection);
  if (!t.type) return t;
  if (slash == std::string_view::npos) {
    t.shape = Shape::kCollection;
    return t;
  }
  rest = rest.substr(slash + 1);
  slash = rest.find('/');
  t.id = rest.substr(0, slash);
  if (slash == std::string_view::npos) {
    t.shape = Shape::kItem;
  } else {
    t.shape = Shape::kItemAction;
    t.action = rest.substr(slash + 1);
  }
  return t;
}

}  // namespace

int StatusToHttp(const Status& status) {
  switch (status.code()) {
    case Code::kOk: return 200;
    case Code::kInvalidArgument: return 400;
    case Code::kNotFound: return 404;
    case Code::kConflict: return 409;
    case Code::kUnauthenticated: return 401;
    case Code::kPermissionDenied: return 403;
    case Code::kResourceExhausted: return 507;
    case Code::kUnavailable: return 503;
    case Code::kTooManyRequests: return 429;
    case Code::kInternal: return 500;
  }
  return 500;
}

std::optional<std::string> Api::CacheKey(const Request& request) const {
  if (!options_.response_cache || request.method != "GET" || !request.Header("authorization").empty() ||
      HasSessionCookie(request)) {
    return std::nullopt;
  }
  Target t = Classify(request.path);
  if (t.shape != Shape::kCollection && t.shape != Shape::kItemAction && request.path != "/api/v1/search" &&
      request.path != "/api/v1/figures") {
    return std::nullopt;
  }
  // Labels and messages depend on the language, so it is part of the key.
  return request.raw_target + '\n' +
         PickLanguage(request.Query("lang").value_or(""), request.Header("accept-language"));
}

std::optional<Response> Api::TryFast(const Request& request) {
  if (auto key = CacheKey(request)) {
    if (auto body = responses_.Find(*key, app_.Generation())) {
      return Response{.status = 200, .content_type = "application/json", .body = *body};
    }
    return std::nullopt;
  }
  // Only anonymous reads: a request with credentials must have them checked (on a worker).
  if (request.method != "GET" || !request.query.empty() || !request.Header("authorization").empty() ||
      HasSessionCookie(request)) {
    return std::nullopt;
  }
  Target t = Classify(request.path);
  if (t.shape != Shape::kItem) return std::nullopt;
  auto id = ParseId(t.id);
  if (!id) return std::nullopt;
  auto cached = app_.CachedPublicJson(t.type->name, *id);
  if (!cached.json) return std::nullopt;
  Response r{.status = 200, .content_type = "application/json", .body = *cached.json};
  r.headers.emplace_back("ETag", "\"" + std::to_string(cached.version) + "\"");
  return r;
}

Response Api::Handle(const Request& request) {
  auto key = CacheKey(request);
  const int64_t generation = app_.Generation();  // read before computing: a write meanwhile makes it stale
  Response response = Route(request);
  if (key && response.status == 200) responses_.Put(*key, generation, response.body);
  return response;
}

Response Api::Route(const Request& request) {
  Call call{.req = request, .app = app_,
            .lang = PickLanguage(request.Query("lang").value_or(""), request.Header("accept-language"))};
  Target t = Classify(request.path);
  bool path_known = false;
  std::string allowed;
  for (const auto& route : kRoutes) {
    bool matches = false;
    std::string_view id_text;
    if (route.shape == Shape::kExact) {
      matches = request.path == route.path;
    } else if (route.shape == Shape::kIdPath) {
      const std::string_view prefix = route.path.substr(0, route.path.size() - 4);  // without "{id}"
      matches = request.path.size() > prefix.size() && std::string_view(request.path).substr(0, prefix.size()) == prefix &&
                request.path.find('/', prefix.size()) == std::string::npos;
      if (matches) id_text = std::string_view(request.path).substr(prefix.size());
    } else if (route.shape == Shape::kItemAction) {
      matches = t.shape == Shape::kItemAction &&
                std::string(t.type->plural) + "/{id}/" + std::string(t.action) == route.path;
    } else {
      matches = t.type && route.shape == t.shape;
    }
    if (!matches) continue;
    path_known = true;
    allowed += (allowed.empty() ? "" : ", ") + std::string(route.method);
    if (route.method != request.method && !(request.method == "HEAD" && route.method == "GET")) continue;
    call.type = t.type;
    if (route.shape == Shape::kItem || route.shape == Shape::kItemAction || route.shape == Shape::kIdPath) {
      const std::string_view text = route.shape == Shape::kIdPath ? id_text : t.id;
      auto id = ParseId(text);
      if (!id) return ProblemFor(call, 404, "'" + std::string(text) + "' is not an id.", nullptr, "not_found");
      call.id = *id;
    }
    return route.handler(call);
  }
  if (path_known) {
    Response r = ProblemFor(call, 405, request.method + " is not allowed here; use " + allowed + ".", nullptr,
                            "method_not_allowed");
    r.headers.emplace_back("Allow", allowed);
    return r;
  }
  return ProblemFor(call, 404, "There is nothing at " + request.path + ".", nullptr, "no_route");
}

std::vector<RouteInfo> Api::Routes() {
  std::vector<RouteInfo> out;
  for (const auto& route : kRoutes) {
    if (route.shape == Shape::kExact || route.shape == Shape::kIdPath) {
      out.push_back({std::string(route.method), std::string(route.path), std::string(route.summary),
                     route.needs_token, ""});
      continue;
    }
    if (route.shape == Shape::kItemAction) {
      out.push_back({std::string(route.method), std::string(kApiPrefix) + std::string(route.path),
                     std::string(route.summary), route.needs_token, ""});
      continue;
    }
    for (const auto& type : domain::Schema()) {
      std::string path = std::string(kApiPrefix) + type.plural + (route.shape == Shape::kItem ? "/{id}" : "");
      bool token = route.needs_token || type.visibility == domain::Visibility::kPrivate;
      out.push_back({std::string(route.method), path, std::string(route.summary) + " (" + type.name + ")", token,
                     type.name});
    }
  }
  return out;
}

}  // namespace hoptac::http
