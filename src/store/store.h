// Store: the source of truth. Speaks domain types only; implementations live in sqlite/ (default)
// and, later, postgres/. Every write is one transaction that also appends to the change log, and is
// durable before the call returns. Implementations are thread-safe: any number of threads may call
// any method concurrently (writes are serialised inside).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/record.h"

namespace hoptac::store {

using domain::Actor;
using domain::Record;

struct ListQuery {
  std::string type;
  // field name -> wanted value, for filterable fields (enum, country, ref id, int, bool, string).
  // For list fields (countries, refs) the record matches when the list contains the value.
  std::map<std::string, std::string> equals;
  std::optional<std::string> ref;
  std::string prefix;     // case-insensitive prefix of the type's title field (any language form)
  std::string date_from;  // inclusive bounds on the type's date field, YYYY-MM-DD
  std::string date_to;
  bool published_only = false;  // for kWhenPublished types: only status = published
  int64_t after_id = 0;         // cursor: ids strictly greater
  int limit = 50;
};

struct Page {
  std::vector<Record> items;
  int64_t next_after_id = 0;  // 0 when there is no further page
};

struct Change {
  int64_t seq = 0;
  std::string type;  // a record type, or "user" / "token" for account changes
  int64_t id = 0;
  std::string op;    // "create", "update", "delete"; for accounts also "password", "erase", "revoke"
  std::string at;
  std::string actor;
  int64_t version = 0;  // records: the version the change produced (for a delete: the one deleted)
  std::string detail;   // accounts: JSON {"before":..., "after":...} without secrets; else empty
};

// One entry of the audit trail: a change with the record as it was before and after it.
struct AuditEntry {
  Change change;
  std::optional<Record> before;  // absent for a create, or when erased
  std::optional<Record> after;   // absent for a delete, or when erased
};

struct AuditQuery {
  int64_t after_seq = 0;  // entries with seq strictly greater
  int limit = 100;
  std::string type;       // only this type ("" = all)
  int64_t record_id = 0;  // only this record (with type)
  std::string actor;      // only changes by this actor ("" = all)
};

// A person who signs in. Roles: "admin" (centre administrator), "staff" (centre staff), "editor"
// (edits its organisations' records), "trainee" (its own applications). Emails are stored folded.
struct User {
  int64_t id = 0;
  std::string email;
  std::string display_name;
  std::string lang = "en";
  std::string role;
  std::vector<int64_t> organisations;  // memberships
  std::optional<int64_t> person_id;     // the person record of a trainee
  std::string status = "active";        // "active" or "disabled"
  int failed_logins = 0;                // consecutive wrong passwords
  std::string locked_until;             // ISO 8601 UTC, or empty
  bool has_password = false;
  std::string created_at;
  std::string updated_at;
};

struct Session {
  std::string id_hash;  // SHA-256 of the cookie value; the value itself is never stored
  int64_t user_id = 0;
  std::string csrf;     // the CSRF token bound to this session
  std::string created_at;
  std::string expires_at;
  std::string remote;
};

// A single-use secret sent by e-mail: "reset" (password reset) or "invite" (an invitation).
struct OneTimeToken {
  std::string hash;
  std::string purpose;
  std::optional<int64_t> user_id;
  std::string payload;  // JSON: what the invitation grants
  std::string created_at;
  std::string expires_at;
  std::string used_at;
};

struct ImportLine {
  int line = 0;  // 1-based line number in the source file, for error messages
  Record record;
};

struct ImportReport {
  int64_t created = 0;
  std::map<std::string, int64_t> per_type;
};

// Called during import with (records written so far, total).
using Progress = std::function<void(int64_t done, int64_t total)>;

struct ApiToken {
  int64_t id = 0;
  std::string name;
  std::string created_at;
  bool revoked = false;
  int64_t user_id = 0;                // 0: a service token made with the CLI (acts as the centre)
  std::string scopes = "read,write";  // "read" or "read,write"
  std::string expires_at;             // ISO 8601 UTC, or empty for no expiry
};

class Store {
 public:
  virtual ~Store() = default;

  // Records. Create/Update/Delete expect validated records (domain::Validate). Reference fields may
  // hold ids or ref strings; refs are resolved to ids, and a dangling one is InvalidArgument naming
  // the field. A duplicate ref is Conflict. Update fails with Conflict when `expected_version` is
  // given and differs from the stored version.
  virtual Result<Record> Create(Record record, const Actor& actor) = 0;
  virtual Result<Record> Get(const std::string& type, int64_t id) = 0;
  virtual Result<Record> GetByRef(const std::string& type, const std::string& ref) = 0;
  virtual Result<Record> Update(Record record, std::optional<int64_t> expected_version, const Actor& actor) = 0;
  // Conflict when other records still point at it.
  virtual Status Delete(const std::string& type, int64_t id, const Actor& actor) = 0;
  virtual Result<Page> List(const ListQuery& query) = 0;
  virtual Result<int64_t> Count(const std::string& type) = 0;

  // All-or-nothing import of validated records; refs may point at records earlier in `lines` (any
  // order of types: the store inserts in schema order) or already stored. Errors name the line.
  virtual Result<ImportReport> Import(std::vector<ImportLine> lines, const Actor& actor,
                                      const Progress& progress) = 0;

  // Change log, in sequence order, seq strictly greater than `after`.
  virtual Result<std::vector<Change>> ChangesSince(int64_t after, int limit) = 0;
  virtual Result<int64_t> LastChangeSeq() = 0;

  // The audit trail: changes in sequence order with the before/after of each record.
  virtual Result<std::vector<AuditEntry>> Audit(const AuditQuery& query) = 0;
  // Erasure of personal data: forgets every earlier version of a record (the current one is
  // overwritten by the caller), so the audit trail keeps who and when but no longer the values.
  virtual Status PurgeHistory(const std::string& type, int64_t id) = 0;

  // API tokens, stored by hash only. `spec` gives name, user_id, scopes and expires_at; a name is
  // unique per owner (Conflict). Creation and revocation are logged as "token" changes.
  virtual Result<ApiToken> CreateToken(const ApiToken& spec, const std::string& token_hash, const Actor& actor) = 0;
  // Unauthenticated for an unknown or revoked token (expiry is the caller's check).
  virtual Result<ApiToken> FindToken(const std::string& token_hash) = 0;
  virtual Result<std::vector<ApiToken>> ListTokens(std::optional<int64_t> user_id = std::nullopt) = 0;
  // By name among the owner's tokens (user_id 0: the CLI's service tokens).
  virtual Status RevokeToken(const std::string& name, int64_t user_id, const Actor& actor) = 0;

  // Users. Changes are logged as "user" changes with before/after (never the password hash).
  // CreateUser: Conflict when the e-mail is taken. UpdateUser writes email, display_name, lang,
  // role, organisations, person_id and status.
  virtual Result<User> CreateUser(const User& user, const std::string& password_hash, const Actor& actor) = 0;
  virtual Result<User> GetUser(int64_t id) = 0;
  // With the password hash (empty when none is set), for signing in.
  virtual Result<std::pair<User, std::string>> FindUserByEmail(const std::string& email) = 0;
  virtual Result<std::vector<User>> ListUsers() = 0;
  virtual Result<User> UpdateUser(const User& user, const Actor& actor) = 0;
  // Sets the hash and ends every session of the user (a new password signs everyone else out).
  virtual Status SetPassword(int64_t user_id, const std::string& password_hash, const Actor& actor) = 0;
  // Throttling state; not an audited change.
  virtual Status SetLoginState(int64_t user_id, int failed_logins, const std::string& locked_until) = 0;

  // Browser sessions.
  virtual Status CreateSession(const Session& session) = 0;
  virtual Result<Session> FindSession(const std::string& id_hash) = 0;  // NotFound when absent
  virtual Status DeleteSession(const std::string& id_hash) = 0;
  virtual Status DeleteSessionsOf(int64_t user_id) = 0;
  // Sessions and single-use tokens that expired before `now`.
  virtual Status DeleteExpired(const std::string& now) = 0;

  // Single-use tokens: Consume marks the token used and returns it, atomically; NotFound when it
  // is unknown, already used, of another purpose or expired at `now`.
  virtual Status CreateOneTimeToken(const OneTimeToken& token) = 0;
  virtual Result<OneTimeToken> ConsumeOneTimeToken(const std::string& hash, const std::string& purpose,
                                                   const std::string& now) = 0;

  // A consistent copy of the whole store into `path` (safe while other threads write).
  virtual Status Backup(const std::string& path) = 0;
  // "ok" or the problems found.
  virtual Result<std::string> IntegrityCheck() = 0;
};

struct SqliteOptions {
  std::string path;               // the database file; its directory must exist
  int reader_connections = 4;     // pooled read connections
  bool synchronous_full = true;   // fsync on every commit: acknowledged writes survive power loss
};

// Opens (creating and migrating as needed) the SQLite store.
Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options);

}  // namespace hoptac::store
