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
#include "http/messages.h"
#include "text/codes.h"

namespace hoptac::http {

namespace {

using json = nlohmann::json;
using domain::TypeSpec;

constexpr std::string_view kApiPrefix = "/api/v1/";

// Everything a handler needs to know about the call.
struct Call {
  const Request& req;
  app::App& app;
  std::string lang;
  const TypeSpec* type = nullptr;  // for collection routes
  int64_t id = 0;                  // for item routes
};

Response Json(int status, std::string body) {
  return {.status = status, .content_type = "application/json", .body = std::move(body)};
}

Response ProblemFor(const Call& call, int status, const std::string& detail, const json& errors = nullptr,
                    const std::string& code = "") {
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
  if (status.field_errors().empty()) return ProblemFor(call, http, status.message(), nullptr, CodeName(status.code()));
  json errors = json::array();
  for (const auto& e : status.field_errors()) {
    errors.push_back({{"field", e.field}, {"code", e.code}, {"message", FieldMessage(e.code, call.lang, e.message)}});
  }
  std::string detail = call.lang == "en" ? status.message() : InvalidFieldsDetail(call.lang, errors.size());
  return ProblemFor(call, http, detail, errors, CodeName(status.code()));
}

Result<app::Principal> Who(const Call& call, bool required) {
  std::string auth = call.req.Header("authorization");
  if (auth.empty() && !required) return app::Principal::Anonymous();
  return call.app.Authenticate(auth);
}

std::optional<int64_t> ParseId(std::string_view s) {
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

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
  auto report = call.app.ImportJsonl(*who, in, {});
  if (!report.ok()) return FromStatus(call, report.status());
  json j = {{"created", report->created}, {"per_type", report->per_type}};
  return Json(200, j.dump());
}

Response Changes(Call& call) {
  auto who = Who(call, true);
  if (!who.ok()) return FromStatus(call, who.status());
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

bool InEnum(const std::string& type, const std::string& field, const std::string& value) {
  const TypeSpec* t = domain::FindType(type);
  const domain::FieldSpec* f = t ? t->Field(field) : nullptr;
  return f && std::find(f->enum_values.begin(), f->enum_values.end(), value) != f->enum_values.end();
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
  static const std::set<std::string> kKnown = {"q", "type", "kind", "subject", "status", "country", "locality",
                                               "from", "to", "lang", "limit", "cursor"};
  std::vector<FieldError> errors;
  for (const auto& [key, value] : call.req.query) {
    if (!kKnown.count(key)) errors.push_back({key, "unknown_filter", "is not a parameter of search"});
  }
  index::SearchQuery q;
  q.q = call.req.Query("q").value_or("");
  q.lang = call.lang;
  if (auto types = call.req.Query("type")) {
    size_t pos = 0;
    while (pos <= types->size()) {
      size_t comma = types->find(',', pos);
      std::string t = types->substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
      const TypeSpec* spec = domain::FindType(t);
      if (!spec) spec = domain::FindTypeByPlural(t);
      if (!spec || (spec->name != "profile" && spec->name != "organisation" && spec->name != "case" &&
                    spec->name != "document")) {
        errors.push_back({"type", "invalid_enum", "'" + t + "' is not one of: profile, organisation, case, document"});
      } else {
        q.types.push_back(spec->name);
      }
      if (comma == std::string::npos) break;
      pos = comma + 1;
    }
  }
  q.kind = call.req.Query("kind").value_or("");
  if (!q.kind.empty() && !InEnum("profile", "kind", q.kind) && !InEnum("organisation", "kind", q.kind))
    errors.push_back({"kind", "invalid_enum", "'" + q.kind + "' is not a profile or organisation kind"});
  q.subject = call.req.Query("subject").value_or("");
  if (!q.subject.empty() && !InEnum("profile", "subject", q.subject))
    errors.push_back({"subject", "invalid_enum", "'" + q.subject + "' is not a profile subject"});
  q.status = call.req.Query("status").value_or("");
  if (!q.status.empty() && !InEnum("profile", "status", q.status))
    errors.push_back({"status", "invalid_enum", "'" + q.status + "' is not a profile status"});
  q.country = call.req.Query("country").value_or("");
  if (!q.country.empty()) {
    for (auto& c : q.country) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (!text::IsIsoCountry(q.country))
      errors.push_back({"country", "invalid_country", "'" + q.country + "' is not an ISO 3166-1 alpha-2 code"});
  }
  q.locality = call.req.Query("locality").value_or("");
  for (const char* key : {"from", "to"}) {
    auto v = call.req.Query(key);
    if (!v) continue;
    if (!IsValidDate(*v)) errors.push_back({key, "invalid_date", "must be a date written YYYY-MM-DD"});
    else (std::string_view(key) == "from" ? q.date_from : q.date_to) = *v;
  }
  auto limit = IntParam(call.req, "limit", 20, 1, 100, errors);
  if (limit) q.limit = static_cast<size_t>(*limit);
  if (auto cursor = call.req.Query("cursor")) {
    auto offset = cursor->size() > 1 && (*cursor)[0] == 's' ? ParseId(cursor->substr(1)) : std::nullopt;
    if (!offset || *offset > 10000) errors.push_back({"cursor", "invalid_cursor", "is not a cursor this API returned"});
    else q.offset = static_cast<size_t>(*offset);
  }
  if (!errors.empty()) return FromStatus(call, Status::InvalidArgument("Bad search parameters.", std::move(errors)));

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

enum class Shape { kExact, kCollection, kItem, kItemAction };

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
    {"POST", Shape::kExact, "/api/v1/import", Import, "Import JSON Lines, all or nothing", true},
    {"GET", Shape::kExact, "/api/v1/changes", Changes, "The change log after a sequence number", true},
    {"GET", Shape::kExact, "/api/v1/figures", Figures,
     "The cooperation in figures, computed from the records (dashboard)", false},
    {"GET", Shape::kExact, "/api/v1/search", SearchRecords,
     "Search profiles, organisations, cases and documents across languages, with facets", false},
    {"GET", Shape::kItemAction, "profiles/{id}/matches", Matches,
     "The complementary published profiles, best first, with reasons", false},
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
    case Code::kInternal: return 500;
  }
  return 500;
}

std::optional<std::string> Api::CacheKey(const Request& request) const {
  if (!options_.response_cache || request.method != "GET" || !request.Header("authorization").empty()) {
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
  if (request.method != "GET" || !request.query.empty() || !request.Header("authorization").empty()) {
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
    if (route.shape == Shape::kExact) {
      matches = request.path == route.path;
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
    if (route.shape == Shape::kItem || route.shape == Shape::kItemAction) {
      auto id = ParseId(t.id);
      if (!id) return ProblemFor(call, 404, "'" + std::string(t.id) + "' is not a record id.", nullptr, "not_found");
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
    if (route.shape == Shape::kExact) {
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
