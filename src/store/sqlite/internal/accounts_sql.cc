#include "store/sqlite/internal/accounts_sql.h"

#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include "store/sqlite/internal/record_codec.h"

namespace hoptac::store::sqlite {

namespace {

using nlohmann::json;

constexpr const char* kUserColumns =
    "id, email, display_name, lang, role, person_id, status, failed_logins, locked_until, "
    "password_hash IS NOT NULL AND password_hash <> '', created_at, updated_at, password_hash";

// The public view of a user for the audit trail: never the password hash.
json UserJson(const User& u) {
  json j = {{"id", u.id},     {"email", u.email},   {"display_name", u.display_name}, {"lang", u.lang},
            {"role", u.role}, {"status", u.status}, {"organisations", u.organisations}};
  j["person_id"] = u.person_id ? json(*u.person_id) : json(nullptr);
  return j;
}

std::string Detail(const std::optional<User>& before, const std::optional<User>& after) {
  json j = json::object();
  j["before"] = before ? UserJson(*before) : json(nullptr);
  j["after"] = after ? UserJson(*after) : json(nullptr);
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Status ReadOrganisations(Connection& conn, User& user) {
  auto stmt = conn.Prepare("SELECT organisation_id FROM user_orgs WHERE user_id = ?1 ORDER BY organisation_id");
  if (!stmt.ok()) return stmt.status();
  stmt->Bind(1, user.id);
  user.organisations.clear();
  while (true) {
    auto row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    user.organisations.push_back(stmt->Int(0));
  }
}

Status WriteOrganisations(Connection& conn, const User& user) {
  auto clear = conn.Prepare("DELETE FROM user_orgs WHERE user_id = ?1");
  if (!clear.ok()) return clear.status();
  HOPTAC_RETURN_IF_ERROR(clear->Bind(1, user.id).Run());
  for (int64_t org : user.organisations) {
    auto exists = conn.Prepare("SELECT 1 FROM t_organisation WHERE id = ?1");
    if (!exists.ok()) return exists.status();
    auto row = exists->Bind(1, org).Step();
    if (!row.ok()) return row.status();
    if (!*row) {
      return Status::InvalidArgument("no organisation with id " + std::to_string(org),
                                     {{"organisations", "dangling_ref", "no organisation with that id"}});
    }
    auto insert = conn.Prepare("INSERT OR IGNORE INTO user_orgs (user_id, organisation_id) VALUES (?1, ?2)");
    if (!insert.ok()) return insert.status();
    HOPTAC_RETURN_IF_ERROR(insert->Bind(1, user.id).Bind(2, org).Run());
  }
  return Status::Ok();
}

User RowToUser(const Stmt& s) {
  User u;
  u.id = s.Int(0);
  u.email = s.Text(1);
  u.display_name = s.Text(2);
  u.lang = s.Text(3);
  u.role = s.Text(4);
  if (!s.IsNull(5)) u.person_id = s.Int(5);
  u.status = s.Text(6);
  u.failed_logins = static_cast<int>(s.Int(7));
  u.locked_until = s.Text(8);
  u.has_password = s.Int(9) != 0;
  u.created_at = s.Text(10);
  u.updated_at = s.Text(11);
  return u;
}

Result<std::pair<User, std::string>> ReadUserWhere(Connection& conn, const std::string& where,
                                                   const std::function<void(Stmt&)>& bind, const std::string& missing) {
  auto stmt = conn.Prepare(std::string("SELECT ") + kUserColumns + " FROM users WHERE " + where);
  if (!stmt.ok()) return stmt.status();
  bind(*stmt);
  auto row = stmt->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound(missing);
  std::pair<User, std::string> out{RowToUser(*stmt), stmt->IsNull(12) ? "" : stmt->Text(12)};
  HOPTAC_RETURN_IF_ERROR(ReadOrganisations(conn, out.first));
  return out;
}

ApiToken RowToToken(const Stmt& s) {
  return {.id = s.Int(0),
          .name = s.Text(1),
          .created_at = s.Text(2),
          .revoked = s.Int(3) != 0,
          .user_id = s.Int(4),
          .scopes = s.Text(5),
          .expires_at = s.Text(6)};
}

constexpr const char* kTokenColumns = "id, name, created_at, revoked, user_id, scopes, expires_at";

json TokenJson(const ApiToken& t) {
  return {{"id", t.id},           {"name", t.name},         {"user_id", t.user_id},
          {"scopes", t.scopes},   {"expires_at", t.expires_at}, {"revoked", t.revoked}};
}

// The record as it was at `version`: from the history table, else the current row if it is at that
// version. nullopt when neither has it (erased, or a later change replaced it and history was purged).
Result<std::optional<Record>> VersionOf(Connection& conn, const TableLayout& layout, int64_t id, int64_t version) {
  for (const std::string* sql : {&layout.select_history_sql, &layout.select_by_id_sql}) {
    auto stmt = conn.Prepare(*sql);
    if (!stmt.ok()) return stmt.status();
    stmt->Bind(1, id);
    if (sql == &layout.select_history_sql) stmt->Bind(2, version);
    auto row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) continue;
    auto record = ReadRecord(layout, *stmt);
    if (!record.ok()) return record.status();
    if (record->version == version) return std::optional<Record>(std::move(*record));
  }
  return std::optional<Record>();
}

}  // namespace

Status AppendAccountChange(Connection& conn, const std::string& type, int64_t id, const std::string& op,
                           const std::string& detail, const WriteContext& ctx) {
  auto stmt =
      conn.Prepare("INSERT INTO changes (type, record_id, op, at, actor, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!stmt.ok()) return stmt.status();
  return stmt->Bind(1, std::string_view(type))
      .Bind(2, id)
      .Bind(3, std::string_view(op))
      .Bind(4, std::string_view(ctx.now))
      .Bind(5, std::string_view(ctx.actor))
      .Bind(6, std::string_view(detail))
      .Run();
}

Result<User> InsertUser(Connection& conn, const User& user, const std::string& password_hash, const WriteContext& ctx) {
  auto stmt = conn.Prepare(
      "INSERT INTO users (email, display_name, lang, role, person_id, password_hash, status, created_at, updated_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)");
  if (!stmt.ok()) return stmt.status();
  stmt->Bind(1, std::string_view(user.email))
      .Bind(2, std::string_view(user.display_name))
      .Bind(3, std::string_view(user.lang))
      .Bind(4, std::string_view(user.role));
  if (user.person_id) stmt->Bind(5, *user.person_id);
  else stmt->BindNull(5);
  if (password_hash.empty()) stmt->BindNull(6);
  else stmt->Bind(6, std::string_view(password_hash));
  stmt->Bind(7, std::string_view(user.status)).Bind(8, std::string_view(ctx.now));
  Status s = stmt->Run();
  if (!s.ok()) {
    if (stmt->last_rc() == SQLITE_CONSTRAINT_UNIQUE) {
      return Status::Conflict("an account with this e-mail address already exists",
                              {{"email", "duplicate_email", "an account with this e-mail address already exists"}});
    }
    return s;
  }
  User created = user;
  created.id = conn.LastInsertRowid();
  created.created_at = created.updated_at = ctx.now;
  created.has_password = !password_hash.empty();
  HOPTAC_RETURN_IF_ERROR(WriteOrganisations(conn, created));
  HOPTAC_RETURN_IF_ERROR(AppendAccountChange(conn, "user", created.id, "create", Detail(std::nullopt, created), ctx));
  return created;
}

Result<User> ReadUser(Connection& conn, int64_t id) {
  auto found = ReadUserWhere(conn, "id = ?1", [&](Stmt& s) { s.Bind(1, id); }, "no user with id " + std::to_string(id));
  if (!found.ok()) return found.status();
  return std::move(found->first);
}

Result<std::pair<User, std::string>> ReadUserByEmail(Connection& conn, const std::string& email) {
  return ReadUserWhere(conn, "email = ?1", [&](Stmt& s) { s.Bind(1, std::string_view(email)); },
                       "no user with that e-mail address");
}

Result<std::vector<User>> ReadUsers(Connection& conn) {
  std::vector<int64_t> ids;
  {
    auto stmt = conn.Prepare("SELECT id FROM users ORDER BY id");
    if (!stmt.ok()) return stmt.status();
    while (true) {
      auto row = stmt->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      ids.push_back(stmt->Int(0));
    }
  }
  std::vector<User> users;
  for (int64_t id : ids) {
    auto user = ReadUser(conn, id);
    if (!user.ok()) return user.status();
    users.push_back(std::move(*user));
  }
  return users;
}

Result<User> WriteUser(Connection& conn, const User& user, const WriteContext& ctx) {
  auto before = ReadUser(conn, user.id);
  if (!before.ok()) return before.status();
  auto stmt = conn.Prepare(
      "UPDATE users SET display_name = ?1, lang = ?2, role = ?3, person_id = ?4, status = ?5, updated_at = ?6, "
      "email = ?8 WHERE id = ?7");
  if (!stmt.ok()) return stmt.status();
  stmt->Bind(1, std::string_view(user.display_name)).Bind(2, std::string_view(user.lang)).Bind(3, std::string_view(user.role));
  if (user.person_id) stmt->Bind(4, *user.person_id);
  else stmt->BindNull(4);
  stmt->Bind(5, std::string_view(user.status)).Bind(6, std::string_view(ctx.now)).Bind(7, user.id);
  stmt->Bind(8, std::string_view(user.email));
  if (Status s = stmt->Run(); !s.ok()) {
    if (stmt->last_rc() == SQLITE_CONSTRAINT_UNIQUE) {
      return Status::Conflict("an account with this e-mail address already exists",
                              {{"email", "duplicate_email", "an account with this e-mail address already exists"}});
    }
    return s;
  }
  HOPTAC_RETURN_IF_ERROR(WriteOrganisations(conn, user));
  auto after = ReadUser(conn, user.id);
  if (!after.ok()) return after.status();
  HOPTAC_RETURN_IF_ERROR(AppendAccountChange(conn, "user", user.id, "update", Detail(*before, *after), ctx));
  return after;
}

Status WritePassword(Connection& conn, int64_t user_id, const std::string& password_hash, const WriteContext& ctx) {
  auto stmt = conn.Prepare(
      "UPDATE users SET password_hash = ?1, failed_logins = 0, locked_until = '', updated_at = ?2 WHERE id = ?3");
  if (!stmt.ok()) return stmt.status();
  HOPTAC_RETURN_IF_ERROR(
      stmt->Bind(1, std::string_view(password_hash)).Bind(2, std::string_view(ctx.now)).Bind(3, user_id).Run());
  if (conn.Changes() == 0) return Status::NotFound("no user with id " + std::to_string(user_id));
  HOPTAC_RETURN_IF_ERROR(RemoveSessionsOf(conn, user_id));
  return AppendAccountChange(conn, "user", user_id, "password", "{}", ctx);
}

Status WriteLoginState(Connection& conn, int64_t user_id, int failed_logins, const std::string& locked_until) {
  auto stmt = conn.Prepare("UPDATE users SET failed_logins = ?1, locked_until = ?2 WHERE id = ?3");
  if (!stmt.ok()) return stmt.status();
  return stmt->Bind(1, int64_t{failed_logins}).Bind(2, std::string_view(locked_until)).Bind(3, user_id).Run();
}

Status InsertSession(Connection& conn, const Session& session) {
  auto stmt = conn.Prepare(
      "INSERT INTO sessions (id_hash, user_id, csrf, created_at, expires_at, remote) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!stmt.ok()) return stmt.status();
  return stmt->Bind(1, std::string_view(session.id_hash))
      .Bind(2, session.user_id)
      .Bind(3, std::string_view(session.csrf))
      .Bind(4, std::string_view(session.created_at))
      .Bind(5, std::string_view(session.expires_at))
      .Bind(6, std::string_view(session.remote))
      .Run();
}

Result<Session> ReadSession(Connection& conn, const std::string& id_hash) {
  auto stmt =
      conn.Prepare("SELECT id_hash, user_id, csrf, created_at, expires_at, remote FROM sessions WHERE id_hash = ?1");
  if (!stmt.ok()) return stmt.status();
  auto row = stmt->Bind(1, std::string_view(id_hash)).Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no such session");
  return Session{.id_hash = stmt->Text(0),
                 .user_id = stmt->Int(1),
                 .csrf = stmt->Text(2),
                 .created_at = stmt->Text(3),
                 .expires_at = stmt->Text(4),
                 .remote = stmt->Text(5)};
}

Status RemoveSession(Connection& conn, const std::string& id_hash) {
  auto stmt = conn.Prepare("DELETE FROM sessions WHERE id_hash = ?1");
  if (!stmt.ok()) return stmt.status();
  return stmt->Bind(1, std::string_view(id_hash)).Run();
}

Status RemoveSessionsOf(Connection& conn, int64_t user_id) {
  auto stmt = conn.Prepare("DELETE FROM sessions WHERE user_id = ?1");
  if (!stmt.ok()) return stmt.status();
  return stmt->Bind(1, user_id).Run();
}

Status RemoveExpired(Connection& conn, const std::string& now) {
  for (const char* sql : {"DELETE FROM sessions WHERE expires_at < ?1", "DELETE FROM one_time_tokens WHERE expires_at < ?1"}) {
    auto stmt = conn.Prepare(sql);
    if (!stmt.ok()) return stmt.status();
    HOPTAC_RETURN_IF_ERROR(stmt->Bind(1, std::string_view(now)).Run());
  }
  return Status::Ok();
}

Status InsertOneTimeToken(Connection& conn, const OneTimeToken& token) {
  auto stmt = conn.Prepare(
      "INSERT INTO one_time_tokens (hash, purpose, user_id, payload, created_at, expires_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!stmt.ok()) return stmt.status();
  stmt->Bind(1, std::string_view(token.hash)).Bind(2, std::string_view(token.purpose));
  if (token.user_id) stmt->Bind(3, *token.user_id);
  else stmt->BindNull(3);
  return stmt->Bind(4, std::string_view(token.payload))
      .Bind(5, std::string_view(token.created_at))
      .Bind(6, std::string_view(token.expires_at))
      .Run();
}

Result<OneTimeToken> TakeOneTimeToken(Connection& conn, const std::string& hash, const std::string& purpose,
                                      const std::string& now) {
  auto stmt = conn.Prepare(
      "UPDATE one_time_tokens SET used_at = ?3 WHERE hash = ?1 AND purpose = ?2 AND used_at IS NULL AND expires_at > ?3 "
      "RETURNING hash, purpose, user_id, payload, created_at, expires_at, used_at");
  if (!stmt.ok()) return stmt.status();
  auto row = stmt->Bind(1, std::string_view(hash)).Bind(2, std::string_view(purpose)).Bind(3, std::string_view(now)).Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("this link is not valid: it is unknown, has been used already or has expired");
  OneTimeToken token{.hash = stmt->Text(0),
                     .purpose = stmt->Text(1),
                     .user_id = std::nullopt,
                     .payload = stmt->Text(3),
                     .created_at = stmt->Text(4),
                     .expires_at = stmt->Text(5),
                     .used_at = stmt->Text(6)};
  if (!stmt->IsNull(2)) token.user_id = stmt->Int(2);
  HOPTAC_RETURN_IF_ERROR(stmt->Run());  // finish the statement so that it can be reused
  return token;
}

Result<ApiToken> InsertToken(Connection& conn, const ApiToken& spec, const std::string& token_hash,
                             const WriteContext& ctx) {
  if (spec.name.empty() || token_hash.empty()) {
    return Status::InvalidArgument("an API token needs a name and a hash", {{"name", "required", "is required"}});
  }
  {
    auto taken = conn.Prepare("SELECT 1 FROM api_tokens WHERE name = ?1 AND user_id = ?2");
    if (!taken.ok()) return taken.status();
    auto row = taken->Bind(1, std::string_view(spec.name)).Bind(2, spec.user_id).Step();
    if (!row.ok()) return row.status();
    if (*row) {
      std::string message = "an API token named '" + spec.name + "' already exists";
      return Status::Conflict(message, {{"name", "duplicate_name", message}});
    }
  }
  auto insert = conn.Prepare(
      "INSERT INTO api_tokens (name, token_hash, created_at, user_id, scopes, expires_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!insert.ok()) return insert.status();
  ApiToken token = spec;
  token.created_at = ctx.now;
  token.revoked = false;
  Status s = insert->Bind(1, std::string_view(token.name))
                 .Bind(2, std::string_view(token_hash))
                 .Bind(3, std::string_view(token.created_at))
                 .Bind(4, token.user_id)
                 .Bind(5, std::string_view(token.scopes))
                 .Bind(6, std::string_view(token.expires_at))
                 .Run();
  if (!s.ok()) return s.code() == Code::kConflict ? Status::Conflict("that token is already registered") : s;
  token.id = conn.LastInsertRowid();
  json detail = {{"before", nullptr}, {"after", TokenJson(token)}};
  HOPTAC_RETURN_IF_ERROR(AppendAccountChange(conn, "token", token.id, "create", detail.dump(), ctx));
  return token;
}

Result<ApiToken> ReadToken(Connection& conn, const std::string& token_hash) {
  auto stmt = conn.Prepare(std::string("SELECT ") + kTokenColumns + " FROM api_tokens WHERE token_hash = ?1");
  if (!stmt.ok()) return stmt.status();
  auto row = stmt->Bind(1, std::string_view(token_hash)).Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Unauthenticated("unknown API token");
  ApiToken token = RowToToken(*stmt);
  if (token.revoked) return Status::Unauthenticated("the API token '" + token.name + "' has been revoked");
  return token;
}

Result<std::vector<ApiToken>> ReadTokens(Connection& conn, std::optional<int64_t> user_id) {
  std::string sql = std::string("SELECT ") + kTokenColumns + " FROM api_tokens";
  if (user_id) sql += " WHERE user_id = ?1";
  auto stmt = conn.Prepare(sql + " ORDER BY id");
  if (!stmt.ok()) return stmt.status();
  if (user_id) stmt->Bind(1, *user_id);
  std::vector<ApiToken> tokens;
  while (true) {
    auto row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    tokens.push_back(RowToToken(*stmt));
  }
  return tokens;
}

Status MarkRevoked(Connection& conn, const std::string& name, int64_t user_id, const WriteContext& ctx) {
  auto find = conn.Prepare("SELECT id FROM api_tokens WHERE name = ?1 AND user_id = ?2 AND revoked = 0");
  if (!find.ok()) return find.status();
  auto row = find->Bind(1, std::string_view(name)).Bind(2, user_id).Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no API token named '" + name + "'");
  const int64_t id = find->Int(0);
  HOPTAC_RETURN_IF_ERROR(find->Run());
  auto stmt = conn.Prepare("UPDATE api_tokens SET revoked = 1 WHERE id = ?1");
  if (!stmt.ok()) return stmt.status();
  HOPTAC_RETURN_IF_ERROR(stmt->Bind(1, id).Run());
  json detail = {{"before", {{"name", name}, {"revoked", false}}}, {"after", {{"name", name}, {"revoked", true}}}};
  return AppendAccountChange(conn, "token", id, "revoke", detail.dump(-1, ' ', false, json::error_handler_t::replace),
                             ctx);
}

Change RowToChange(const Stmt& row) {
  return {.seq = row.Int(0),
          .type = row.Text(1),
          .id = row.Int(2),
          .op = row.Text(3),
          .at = row.Text(4),
          .actor = row.Text(5),
          .version = row.IsNull(6) ? 0 : row.Int(6),
          .detail = row.IsNull(7) ? "" : row.Text(7)};
}

Result<std::vector<AuditEntry>> ReadAudit(Connection& conn, const AuditQuery& query) {
  std::string sql = "SELECT seq, type, record_id, op, at, actor, version, detail FROM changes WHERE seq > ?1";
  if (!query.type.empty()) sql += " AND type = ?2";
  if (query.record_id != 0) sql += " AND record_id = ?3";
  if (!query.actor.empty()) sql += " AND actor = ?4";
  sql += " ORDER BY seq LIMIT ?5";
  std::vector<Change> changes;
  {
    auto stmt = conn.Prepare(sql);
    if (!stmt.ok()) return stmt.status();
    stmt->Bind(1, query.after_seq);
    if (!query.type.empty()) stmt->Bind(2, std::string_view(query.type));
    if (query.record_id != 0) stmt->Bind(3, query.record_id);
    if (!query.actor.empty()) stmt->Bind(4, std::string_view(query.actor));
    stmt->Bind(5, int64_t{std::clamp(query.limit, 1, 1000)});
    while (true) {
      auto row = stmt->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      changes.push_back(RowToChange(*stmt));
    }
  }
  std::vector<AuditEntry> entries;
  entries.reserve(changes.size());
  for (auto& change : changes) {
    AuditEntry entry{.change = std::move(change)};
    const TableLayout* layout = FindLayout(entry.change.type);
    const Change& c = entry.change;
    if (layout != nullptr && c.version > 0) {
      const bool creates = c.op == "create", deletes = c.op == "delete";
      if (!creates) {
        auto before = VersionOf(conn, *layout, c.id, deletes ? c.version : c.version - 1);
        if (!before.ok()) return before.status();
        entry.before = std::move(*before);
      }
      if (!deletes) {
        auto after = VersionOf(conn, *layout, c.id, c.version);
        if (!after.ok()) return after.status();
        entry.after = std::move(*after);
      }
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

Status RemoveHistory(Connection& conn, const std::string& type, int64_t id) {
  const TableLayout* layout = FindLayout(type);
  if (layout == nullptr) return Status::InvalidArgument("unknown record type '" + type + "'");
  auto stmt = conn.Prepare(layout->purge_history_sql);
  if (!stmt.ok()) return stmt.status();
  return stmt->Bind(1, id).Run();
}

}  // namespace hoptac::store::sqlite
