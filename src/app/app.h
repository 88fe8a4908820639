// App: the one object that owns and wires every subsystem (store, caches, later the index) and
// offers the use cases that the HTTP API and the CLI call. Access rules are enforced here, whatever
// the door. All methods are thread-safe.
//
// Ownership: App owns the Store through unique_ptr; callers borrow references for App's lifetime.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <istream>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "app/mail.h"
#include "core/status.h"
#include "domain/account.h"
#include "domain/record.h"
#include "domain/schema.h"
#include "index/index.h"
#include "store/store.h"

namespace hoptac::app {

// Who is calling, whatever the door (browser session, API token, CLI). Access rules in access.cc
// decide from the role, the memberships and the token's scopes; docs/security.md has the matrix.
struct Principal {
  std::string name;                    // for the audit trail: user e-mail, service token name, "cli"
  domain::Role role = domain::Role::kPublic;
  int64_t user_id = 0;                 // 0 for anonymous, the CLI and service tokens
  std::vector<int64_t> organisations;  // an editor's organisations
  std::optional<int64_t> person_id;    // a trainee's person record
  bool can_write = false;              // false for anonymous and read-only tokens
  bool authenticated = false;          // signed in, holds a token, or the local CLI
  // Set when the call came with a browser session: its hash and CSRF token (checked by http/).
  std::string session_hash;
  std::string csrf;

  bool AtLeast(domain::Role r) const { return static_cast<int>(role) >= static_cast<int>(r); }
  bool Member(int64_t organisation) const;

  static Principal Anonymous() { return {}; }
  static Principal Cli() {
    return {.name = "cli", .role = domain::Role::kAdmin, .can_write = true, .authenticated = true};
  }
};

struct NewUser {
  std::string email, display_name, lang, role;
  std::vector<int64_t> organisations;
  std::optional<int64_t> person_id;
  std::string password;  // empty: the user sets one through a reset link
};

// Fields an account change may set; absent ones stay.
struct UserPatch {
  std::optional<std::string> display_name, lang, role, status;
  std::optional<std::vector<int64_t>> organisations;
  std::optional<int64_t> person_id;  // 0 unlinks
};

struct NewToken {
  std::string name;
  std::string scopes = "read,write";
  int expires_in_days = 90;
};

struct Invitation {
  std::string email, role, lang;
  std::vector<int64_t> organisations;
  std::optional<int64_t> person_id;
};

struct AppOptions {
  std::string data_dir;          // holds hoptac.db; created if missing
  std::string thesaurus_path;    // data/thesaurus/concepts.jsonl; empty: no concept tagging
  int reader_connections = 4;
  bool synchronous_full = true;
  bool build_index = true;       // false for one-shot CLI commands that never search
  std::string public_url = "http://127.0.0.1:8080";  // links in e-mails; https:// makes cookies Secure
  MailConfig mail;               // empty smtp_url: e-mail is off, resets and invitations say so
  int session_hours = 12;        // a browser session's lifetime
};

// One search hit with the record it points at, ready for the API.
struct SearchItem {
  index::Hit hit;
  domain::Record record;
  std::optional<domain::Record> organisation;  // a profile's organisation, for showing its name
};

struct SearchPage {
  std::vector<SearchItem> items;
  size_t total = 0;
  std::map<std::string, std::map<std::string, size_t>> facets;
  bool more = false;
};

// The cooperation in figures (the public dashboard). Maps are ordered by key (years ascending).
struct Figures {
  std::map<std::string, int64_t> totals;  // organisations, profiles, cases, agreements, ..., participants
  std::map<std::string, int64_t> published_profiles;  // offer / request
  std::map<std::string, int64_t> agreements_per_year;
  std::map<std::string, int64_t> sessions_per_year;
  std::map<std::string, int64_t> participants_per_year;
  std::map<std::string, int64_t> participants_per_country;
  std::map<std::string, int64_t> participants_per_locality;
  std::map<std::string, int64_t> cases_per_domain;
  std::map<std::string, int64_t> projects_per_stage;
};

struct MatchResultItem {
  index::MatchItem match;
  domain::Record profile;
  std::optional<domain::Record> organisation;  // the profile's organisation
};

struct ImportOptions {
  // Called every few thousand lines: phase is "read" (lines parsed and checked, total 0) or "write"
  // (records written of total).
  std::function<void(const char* phase, int64_t done, int64_t total)> progress;
  // CSV only: the record type of rows without a `type` cell (empty: every row must name one).
  std::string csv_type;
};

class RecordCache;
struct SearchState;

class App {
 public:
  static Result<std::unique_ptr<App>> Open(const AppOptions& options);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // --- Authentication -----------------------------------------------------------------------
  // Resolves an "Authorization" header value ("Bearer hpt_..."). Unauthenticated on any failure.
  Result<Principal> Authenticate(const std::string& authorization_header);
  // Creates an API token and returns its plaintext, shown once; only its hash is stored.
  Result<std::string> CreateToken(const std::string& name);
  Status RevokeToken(const std::string& name);

  // --- Accounts (accounts.cc) ----------------------------------------------------------------
  struct SignIn {
    std::string session_token;  // the cookie value, shown once
    std::string csrf;           // to send back as X-CSRF-Token on every change
    store::User user;
    std::string expires_at;
  };
  // Throttled per account and per address (TooManyRequests with a retry delay). A new session id
  // every time; `previous_session` (the cookie the browser came with) is ended.
  Result<SignIn> SignInWithPassword(const std::string& email, const std::string& password, const std::string& remote,
                                    const std::string& previous_session);
  Result<Principal> AuthenticateSession(const std::string& session_token);
  Status SignOut(const Principal& who);
  Status SignOutEverywhere(const Principal& who);
  Result<store::User> Me(const Principal& who);
  Result<store::User> CreateUser(const Principal& who, const NewUser& spec);
  Result<std::vector<store::User>> ListUsers(const Principal& who);
  Result<store::User> GetUser(const Principal& who, int64_t id);
  Result<store::User> UpdateUser(const Principal& who, int64_t id, const UserPatch& patch);
  Status ChangePassword(const Principal& who, const std::string& current, const std::string& next);
  // Returns the token and its plaintext, shown once.
  Result<std::pair<store::ApiToken, std::string>> CreateUserToken(const Principal& who, const NewToken& spec);
  Result<std::vector<store::ApiToken>> ListUserTokens(const Principal& who);
  Status RevokeUserToken(const Principal& who, const std::string& name);
  // Sends a reset link if the address has an active account; the same answer either way.
  Status RequestPasswordReset(const std::string& email, const std::string& lang);
  Status ResetPassword(const std::string& link_token, const std::string& password);
  // Sends an invitation; returns when it expires.
  Result<std::string> Invite(const Principal& who, const Invitation& invitation);
  Result<SignIn> AcceptInvitation(const std::string& link_token, const std::string& display_name,
                                  const std::string& password, const std::string& remote);
  bool SecureCookies() const;

  // --- Audit trail and personal data (personal_data.cc) --------------------------------------
  Result<std::vector<store::AuditEntry>> Audit(const Principal& who, const store::AuditQuery& query);
  // Everything hoptac holds about a person, as JSON: the person, their enrolments, consents,
  // account, and the audit entries about them. Staff, or the person themselves.
  Result<std::string> ExportPerson(const Principal& who, int64_t person_id);
  // Erasure: the person's name, e-mail and role are replaced, their earlier versions forgotten,
  // their account disabled and anonymised. Their country, locality and enrolments stay, so the
  // published figures (participants per year, country, locality) stay true.
  Status ErasePerson(const Principal& who, int64_t person_id);
  // A signed-in user without a person record makes one (name and e-mail from the account;
  // country, locality, languages from `details`) and is linked to it: a trainee before applying.
  Result<domain::Record> CreateOwnPerson(const Principal& who, const nlohmann::json& details);

  // --- Records ------------------------------------------------------------------------------
  // `record` comes straight from the JSON mapping; these validate it.
  Result<domain::Record> Create(const Principal& who, domain::Record record);
  Result<domain::Record> Get(const Principal& who, const std::string& type, int64_t id);
  // replace = true: the body is the whole record (PUT); false: fields present replace, null removes (PATCH).
  Result<domain::Record> Update(const Principal& who, const std::string& type, int64_t id, domain::Record body,
                                bool replace, std::optional<int64_t> expected_version);
  Status Delete(const Principal& who, const std::string& type, int64_t id);
  Result<store::Page> List(const Principal& who, store::ListQuery query);

  // The public JSON of a record and its version, if it is cached and readable by anyone; never
  // blocks on the store. Used by the HTTP layer's fast path.
  struct CachedRecord {
    std::shared_ptr<const std::string> json;  // null on a miss
    int64_t version = 0;
  };
  CachedRecord CachedPublicJson(const std::string& type, int64_t id) const;
  // The JSON of a record, filling the cache when it is public.
  std::string RecordJson(const domain::Record& record);

  // --- Search and matching -------------------------------------------------------------------
  // Anonymous callers only see published records whatever the filters say.
  Result<SearchPage> Search(const Principal& who, index::SearchQuery query);
  // Complementary published profiles of profile `query.profile_id`, best first, with reasons.
  Result<std::vector<MatchResultItem>> Match(const Principal& who, const index::MatchQuery& query);
  // Applies the store's change log to the index up to its end. Writes call it before returning,
  // so a write is searchable when acknowledged; the follower thread calls it for other writers.
  void CatchUp();
  // Starts a thread that calls CatchUp every `period_ms` (writes from other processes or nodes).
  void StartFollowing(int period_ms = 1000);
  index::IndexStats IndexStats() const;
  // Changes as of which reads are answered: grows with every change applied (this process's writes
  // and, through the follower, other writers'). A response computed at generation G is still
  // true while Generation() == G.
  int64_t Generation() const { return generation_.load(std::memory_order_acquire); }
  // The thesaurus label of a concept in `lang` (falling back to English), or the id.
  std::string ConceptLabel(const std::string& concept_id, const std::string& lang) const;

  // Computed from the records on every call (the HTTP layer caches the answer per generation).
  Result<Figures> ComputeFigures();

  // --- Bulk ---------------------------------------------------------------------------------
  // Imports JSON Lines: all or nothing; errors name the line.
  Result<store::ImportReport> ImportJsonl(const Principal& who, std::istream& in, const ImportOptions& options);
  // Imports CSV whose header row names the fields (app/internal/csv.h): all or nothing; errors
  // name the line of the file.
  Result<store::ImportReport> ImportCsv(const Principal& who, std::istream& in, const ImportOptions& options);
  // Writes every record as JSON Lines, references written as the target's ref.
  Status ExportJsonl(const Principal& who, std::ostream& out);
  Status Backup(const std::string& path);

  store::Store& store() { return *store_; }

 private:
  App();
  // access.cc. CheckWrite: may this caller write in bulk (import)? CheckRead with a null record:
  // may it read the collection at all (lists of private types are then filtered per record).
  enum class Change { kCreate, kUpdate, kDelete };
  Status CheckWrite(const Principal& who) const;
  Status CheckRead(const Principal& who, const domain::TypeSpec& type, const domain::Record* record);
  Status CheckChange(const Principal& who, Change change, const domain::Record* before, const domain::Record* after);
  Status CheckCrossBorderConsent(const domain::Record& enrolment);
  // The organisations a record belongs to, for editors' rights.
  std::vector<int64_t> OwnerOrgs(const domain::Record& record);
  Status ResolveRefsForCheck(domain::Record& record);
  static domain::Actor ActorOf(const Principal& who);
  void Remember(const domain::Record& record);

  Status OpenSearch(const AppOptions& options);
  Status OpenAccounts(const AppOptions& options);
  Result<Principal> PrincipalOf(int64_t user_id);
  Result<SignIn> StartSession(const store::User& user, const std::string& remote);
  Result<std::string> NewLink(const std::string& purpose, std::optional<int64_t> user_id, const std::string& payload,
                              int64_t valid_ms);
  void IndexRecord(const domain::Record& record);
  // The organisation a profile belongs to (organisations are public), if any.
  std::optional<domain::Record> OrganisationOf(const domain::Record& record);

  // Declared in the order they are built; destroyed in reverse (the follower first).
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<RecordCache> cache_;
  std::unique_ptr<SearchState> search_;  // analyzers, thesaurus, tagger, index, follower
  struct Accounts;
  std::unique_ptr<Accounts> accounts_;   // mailer, public URL, sign-in throttle
  std::atomic<int64_t> generation_{0};
};

// Is this record readable without a token?
bool IsPublic(const domain::TypeSpec& type, const domain::Record& record);

}  // namespace hoptac::app
