// The account routes of the API: sign-in and sessions, "me", API tokens, password resets and
// invitations, users and roles, the audit trail, a person's export and erasure. Thin: parse, call
// app::App, map the result. The route table itself is in api.cc.
#include "http/internal/accounts_api.h"

#include "app/record_json.h"
#include "http/internal/call.h"

namespace hoptac::http::internal {

namespace {

using json = nlohmann::json;

json UserJson(const store::User& u) {
  return {{"id", u.id},
          {"email", u.email},
          {"display_name", u.display_name},
          {"lang", u.lang},
          {"role", u.role},
          {"organisations", u.organisations},
          {"person_id", u.person_id ? json(*u.person_id) : json()},
          {"status", u.status},
          {"created_at", u.created_at},
          {"updated_at", u.updated_at}};
}

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

Response NoContent() { return {.status = 204, .content_type = "", .body = ""}; }

Response Private(Response r) {
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

std::string Str(const json& body, const char* key) {
  auto it = body.find(key);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string CookieHeader(const Call& call, const std::string& value, int64_t max_age) {
  std::string c = std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                  std::to_string(max_age);
  if (call.app.SecureCookies()) c += "; Secure";
  return c;
}

// A browser sign-in must come from a page of this site: when the browser names the Origin, its
// host must be ours (login CSRF).
Status CheckOrigin(const Call& call) {
  const std::string origin = call.req.Header("origin");
  if (origin.empty()) return Status::Ok();
  const std::string host = call.req.Header("host");
  const auto scheme_end = origin.find("://");
  const std::string origin_host = scheme_end == std::string::npos ? origin : origin.substr(scheme_end + 3);
  if (!host.empty() && origin_host == host) return Status::Ok();
  return Status(Code::kPermissionDenied, "Sign-in is only accepted from this site's own pages.",
                {{"Origin", "csrf", "is another site"}});
}

Response SignedIn(Call& call, const app::App::SignIn& in, int status) {
  json body = {{"user", UserJson(in.user)}, {"csrf_token", in.csrf}, {"expires_at", in.expires_at}};
  Response r = Private(Json(status, Dump(body)));
  r.headers.emplace_back("Set-Cookie", CookieHeader(call, in.session_token, 12 * 3600));
  return r;
}

std::vector<int64_t> IdList(const json& value) {
  std::vector<int64_t> out;
  if (!value.is_array()) return out;
  for (const auto& v : value) {
    if (v.is_number_integer()) out.push_back(v.get<int64_t>());
  }
  return out;
}

}  // namespace

Response SignInRoute(Call& call) {
  HOPTAC_RETURN_IF_ERROR_RESPONSE(call, CheckOrigin(call));
  auto body = BodyObject(call);
  if (!body.ok()) return FromStatus(call, body.status());
  auto in = call.app.SignInWithPassword(Str(*body, "email"), Str(*body, "password"), call.req.remote,
                                        SessionCookie(call.req));
  if (!in.ok()) return FromStatus(call, in.status());
  return SignedIn(call, *in, 200);
}

Response SignOutRoute(Call& call) {
  auto who = Who(call, false);
  if (!who.ok()) return FromStatus(call, who.status());
  (void)call.app.SignOut(*who);
  Response r = NoContent();
  r.headers.emplace_back("Set-Cookie", CookieHeader(call, "", 0));
  r.headers.emplace_back("Clear-Site-Data", "\"cookies\"");
  return r;
}

Response SignOutEverywhereRoute(Call& call) {
  auto who = Who(call, true);
  if (!who.ok()) return FromStatus(call, who.status());
  HOPTAC_RETURN_IF_ERROR_RESPONSE(call, call.app.SignOutEverywhere(*who));
  Response r = NoContent();
  r.headers.emplace_back("Set-Cookie", CookieHeader(call, "", 0));
  return r;
}

Response MeRoute(Call& call) {
  auto who = Who(call, true);
  if (!who.ok()) return FromStatus(call, who.status());
  if (who->user_id == 0) {
    // A service token (hoptac token create): no account, but the caller may know what it holds.
    json body = {{"user", nullptr}, {"token", who->name}, {"role", domain::RoleName(who->role)}};
    return Private(Json(200, Dump(body)));
  }
  auto me = call.app.Me(*who);
  if (!me.ok()) return FromStatus(call, me.status());
  json orgs = json::array();
  for (int64_t id : me->organisations) {
    auto org = call.app.Get(*who, "organisation", id);
    if (!org.ok()) continue;
    orgs.push_back(json::parse(app::RecordSummaryJson(*domain::FindType("organisation"), *org, {"name", "country"})));
  }
  json body = {{"user", UserJson(*me)}, {"organisations", orgs}};
  body["csrf_token"] = who->csrf.empty() ? json() : json(who->csrf);
  return Private(Json(200, Dump(body)));
}

Response MePatchRoute(Call& call) {
  auto who = Who(call, true);
  if (!who.ok()) return FromStatus(call, who.status());
  auto body = BodyObject(call);
  if (!body.ok()) return FromStatus(call, body.status());
  app::UserPatch patch;
  if (body->contains("display_name")) patch.display_name = Str(*body, "display_name");
  if (body->contains("lang")) patch.lang = Str(*body, "lang");
  auto user = call.app.UpdateUser(*who, who->user_id, patch);
  if (!user.ok()) return FromStatus(call, user.status());
  return Private(Json(200, Dump(UserJson(*user))));
}

Response MePasswordRoute(Call& call) {
  auto who = Who(call, true);
  if (!who.ok()) return FromStatus(call, who.status());
  auto body = BodyObject(call);
  if (!body.ok()) return FromStatus(call, body.status());
  Status s = call.app.ChangePassword(*who, Str(*body, "current_password"), Str(*body, "new_password"));
  if (!s.ok()) {
    std::vector<FieldError> errors = s.field_errors();
    for (auto& e : errors) {
      if (e.field == "password") e.field = "new_password";
    }
    return FromStatus(call, Status(s.code(), s.message(), std::move(errors)));
  }
  Response r = NoContent();
  r.headers.emplace_back("Set-Cookie", CookieHeader(call, "", 0));
  return r;
}

Response MeTokensRoute(Call& call) {
  auto who = Who(call, true);
  if (!who.ok()) return FromStatus(call, who.status());
  if (call.req.method == "GET") {
    auto tokens = call.app.ListUserTokens(*who);
    if (!tokens.ok()) return FromStatus(call, tokens.status());
    json items = json::array();
    for (const auto& t : *tokens) {
      items.push_back({{"id", t.id}, {"name", t.name}, {"scopes", t.scopes}, {"expires_at", t.expires_at},
                       {"created_at", t.created_at}, {"revoked", t.revoked}});
    }
    return Private(Json(200, Dump(json{{"items", items}})));
  }
  if (call.req.method == "DELETE") {
    HOPTAC_RETURN_IF_ERROR_RESPONSE(call, call.app.RevokeUserToken(*who, call.req.Query("name").value_or("")));
    return NoContent();
  }
  auto body = BodyObject(call);
  if (!body.ok()) return FromStatus(call, body.status());
  app::NewToken spec{.name = Str(*body, "name")};
  if (body->contains("scopes")) spec.scopes = Str(*body, "scopes");
  if (auto it = body->find("expires_in_days"); it != body->end()) {
    spec.expires_in_days = it->is_number_integer() ? it->get<int>() : -1;
  }
  auto made = call.app.CreateUserToken(*who, spec);
  if (!made.ok()) return FromStatus(call, made.status());
  const auto& [t, secret] = *made;
  json out = {{"id", t.id},         {"name", t.name}, {"scopes", t.scopes}, {"expires_at", t.expires_at},
              {"created_at", t.created_at}, {"token", secret}};
  return Private(Json(201, Dump(out)));
}

Response MePersonRoute(Call& call) {
  auto who = Who(call, true);
  if (!who.ok()) return FromStatus(call, who.status());
  auto body = BodyObject(call);
  if (!body.ok()) return FromStatus(call, body.status());
  auto person = call.app.CreateOwnPerson(*who, *body);
  if (!person.ok()) return FromStatus(call, person.status());
  return Private(Json(201, call.app.RecordJson(*person)));
}

Response MeExportRoute(Call& call) {
  auto who = Who(call, true);
  if (!who.ok()) return FromStatus(call, who.status());
  if (!who->person_id) {
    return FromStatus(call, Status::NotFound("Your account has no person record: nothing personal is held."));
  }
  auto data = call.app.ExportPerson(*who, *who->person_id);
  if (!data.ok()) return FromStatus(call, data.status());
  Response r = Private(Json(200, std::move(*data)));
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"hoptac-my-data.json\"");
  return r;
}

Response PasswordResetRoute(Call& call) {
  auto body = BodyObject(call);
  if (!body.ok()) return FromStatus(call, body.status());
  // The same answer whether or not the address has an account; only a malformed address or
  // e-mail being switched off is reported.
  HOPTAC_RETURN_IF_ERROR_RESPONSE(call, call.app.RequestPasswordReset(Str(*body, "email"), Str(*body, "lang")));
  return Json(202, R"({"status":"sent if the address has an account"})");
}

Response PasswordResetConfirmRoute(Call& call) {
  auto body = BodyObject(call);
  if (!body.ok()) return FromStatus(call, body.status());
  HOPTAC_RETURN_IF_ERROR_RESPONSE(call, call.app.ResetPassword(Str(*body, "token"), Str(*body, "password")));
  return NoContent();
}

Response InviteRoute(Call& call) {
  auto who = Who(call, true);
  if (!who.ok()) return FromStatus(call, who.status());
  auto body = BodyObject(call);
  if (!body.ok()) return FromStatus(call, body.status());
  app::Invitation inv{.email = Str(*body, "email"), .role = Str(*body, "role"), .lang = Str(*body, "lang"),
                      .organisations = IdList(body->value("organisations", json::array()))};
  if (auto it = body->find("person"); it != body->end() && it->is_number_integer()) inv.person_id = it->get<int64_t>();
  auto expires = call.app.Invite(*who, inv);
  if (!expires.ok()) return FromStatus(call, expires.status());
  return Json(202, Dump(json{{"expires_at", *expires}}));
}

Response AcceptInvitationRoute(Call& call) {
  HOPTAC_RETURN_IF_ERROR_RESPONSE(call, CheckOrigin(call));
  auto body = BodyObject(call);
  if (!body.ok()) return FromStatus(call, body.status());
  auto in = call.app.AcceptInvitation(Str(*body, "token"), Str(*body, "display_name"), Str(*body, "password"),
                                      call.req.remote);
  if (!in.ok()) return FromStatus(call, in.status());
  return SignedIn(call, *in, 201);
}

Response UsersRoute(Call& call) {
  auto who = Who(call, true);
  if (!who.ok()) return FromStatus(call, who.status());
  if (call.req.method == "POST") {
    auto body = BodyObject(call);
    if (!body.ok()) return FromStatus(call, body.status());
    app::NewUser spec{.email = Str(*body, "email"), .display_name = Str(*body, "display_name"),
                      .lang = Str(*body, "lang"), .role = Str(*body, "role"),
                      .organisations = IdList(body->value("organisations", json::array())),
                      .password = Str(*body, "password")};
    auto user = call.app.CreateUser(*who, spec);
    if (!user.ok()) return FromStatus(call, user.status());
    return Private(Json(201, Dump(UserJson(*user))));
  }
  auto users = call.app.ListUsers(*who);
  if (!users.ok()) return FromStatus(call, users.status());
  json items = json::array();
  for (const auto& u : *users) items.push_back(UserJson(u));
  return Private(Json(200, Dump(json{{"items", items}})));
}

Response UserRoute(Call& call) {
  auto who = Who(call, true);
  if (!who.ok()) return FromStatus(call, who.status());
  if (call.req.method == "GET") {
    auto user = call.app.GetUser(*who, call.id);
    if (!user.ok()) return FromStatus(call, user.status());
    return Private(Json(200, Dump(UserJson(*user))));
  }
  auto body = BodyObject(call);
  if (!body.ok()) return FromStatus(call, body.status());
  app::UserPatch patch;
  for (const char* key : {"display_name", "lang", "role", "status"}) {
    if (!body->contains(key)) continue;
    std::string v = Str(*body, key);
    if (std::string(key) == "display_name") patch.display_name = v;
    if (std::string(key) == "lang") patch.lang = v;
    if (std::string(key) == "role") patch.role = v;
    if (std::string(key) == "status") patch.status = v;
  }
  if (body->contains("organisations")) patch.organisations = IdList((*body)["organisations"]);
  if (auto it = body->find("person_id"); it != body->end()) {
    patch.person_id = it->is_number_integer() ? it->get<int64_t>() : 0;
  }
  auto user = call.app.UpdateUser(*who, call.id, patch);
  if (!user.ok()) return FromStatus(call, user.status());
  return Private(Json(200, Dump(UserJson(*user))));
}

Response AuditRoute(Call& call) {
  auto who = Who(call, true);
  if (!who.ok()) return FromStatus(call, who.status());
  store::AuditQuery q;
  std::vector<FieldError> errors;
  const bool jsonl = call.req.Query("format").value_or("") == "jsonl";
  if (auto cursor = call.req.Query("cursor")) {
    auto v = cursor->size() > 1 && (*cursor)[0] == 'a' ? ParseId(cursor->substr(1)) : std::nullopt;
    if (!v) errors.push_back({"cursor", "invalid_cursor", "is not a cursor this API returned"});
    else q.after_seq = *v;
  }
  if (auto limit = call.req.Query("limit")) {
    auto v = ParseId(*limit);
    if (!v || *v > 1000) errors.push_back({"limit", "out_of_range", "must be from 1 to 1000"});
    else q.limit = static_cast<int>(*v);
  }
  q.type = call.req.Query("type").value_or("");
  q.actor = call.req.Query("actor").value_or("");
  if (auto id = call.req.Query("id")) {
    auto v = ParseId(*id);
    if (!v) errors.push_back({"id", "wrong_type", "must be a record id"});
    else q.record_id = *v;
  }
  if (!errors.empty()) return FromStatus(call, Status::InvalidArgument("Bad audit query.", std::move(errors)));
  auto entry_json = [](const store::AuditEntry& e) {
    auto rec = [](const std::optional<domain::Record>& r) -> json {
      if (!r) return nullptr;
      return json::parse(app::RecordToJson(*domain::FindType(r->type), *r), nullptr, false);
    };
    return json{{"seq", e.change.seq},     {"at", e.change.at},   {"actor", e.change.actor},
                {"type", e.change.type},   {"id", e.change.id},   {"op", e.change.op},
                {"version", e.change.version}, {"before", rec(e.before)}, {"after", rec(e.after)},
                {"detail", e.change.detail.empty() ? json() : json::parse(e.change.detail, nullptr, false)}};
  };
  if (jsonl) {
    // The whole trail (from the cursor on), one entry per line, for archiving.
    std::string out;
    q.limit = 1000;
    while (true) {
      auto entries = call.app.Audit(*who, q);
      if (!entries.ok()) return FromStatus(call, entries.status());
      for (const auto& e : *entries) out += Dump(entry_json(e)) + "\n";
      if (entries->size() < 1000) break;
      q.after_seq = entries->back().change.seq;
    }
    Response r = Private({.status = 200, .content_type = "application/x-ndjson", .body = std::move(out)});
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"hoptac-audit.jsonl\"");
    return r;
  }
  auto entries = call.app.Audit(*who, q);
  if (!entries.ok()) return FromStatus(call, entries.status());
  json items = json::array();
  for (const auto& e : *entries) items.push_back(entry_json(e));
  json body = {{"items", items}};
  body["next_cursor"] = static_cast<int>(entries->size()) == q.limit && !entries->empty()
                            ? json("a" + std::to_string(entries->back().change.seq))
                            : json();
  return Private(Json(200, Dump(body)));
}

Response PersonExportRoute(Call& call) {
  auto who = Who(call, true);
  if (!who.ok()) return FromStatus(call, who.status());
  auto data = call.app.ExportPerson(*who, call.id);
  if (!data.ok()) return FromStatus(call, data.status());
  Response r = Private(Json(200, std::move(*data)));
  r.headers.emplace_back("Content-Disposition",
                         "attachment; filename=\"hoptac-person-" + std::to_string(call.id) + ".json\"");
  return r;
}

Response PersonEraseRoute(Call& call) {
  auto who = Who(call, true);
  if (!who.ok()) return FromStatus(call, who.status());
  HOPTAC_RETURN_IF_ERROR_RESPONSE(call, call.app.ErasePerson(*who, call.id));
  return NoContent();
}

}  // namespace hoptac::http::internal
