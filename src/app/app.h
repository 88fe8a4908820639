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

#include "core/status.h"
#include "domain/record.h"
#include "domain/schema.h"
#include "index/index.h"
#include "store/store.h"

namespace hoptac::app {

// Who is calling. Anonymous callers read published content only.
struct Principal {
  std::string name;            // token name, "cli", or empty for anonymous
  bool authenticated = false;  // holds a valid token (or is the local CLI)
  bool can_write = false;
  bool can_read_private = false;

  static Principal Anonymous() { return {}; }
  static Principal Cli() { return {.name = "cli", .authenticated = true, .can_write = true, .can_read_private = true}; }
};

struct AppOptions {
  std::string data_dir;          // holds hoptac.db; created if missing
  std::string thesaurus_path;    // data/thesaurus/concepts.jsonl; empty: no concept tagging
  int reader_connections = 4;
  bool synchronous_full = true;
  bool build_index = true;       // false for one-shot CLI commands that never search
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
  // Writes every record as JSON Lines, references written as the target's ref.
  Status ExportJsonl(const Principal& who, std::ostream& out);
  Status Backup(const std::string& path);

  store::Store& store() { return *store_; }

 private:
  App();
  Status CheckWrite(const Principal& who) const;
  Status CheckRead(const Principal& who, const domain::TypeSpec& type, const domain::Record* record) const;
  void Remember(const domain::Record& record);

  Status OpenSearch(const AppOptions& options);
  void IndexRecord(const domain::Record& record);
  // The organisation a profile belongs to (organisations are public), if any.
  std::optional<domain::Record> OrganisationOf(const domain::Record& record);

  // Declared in the order they are built; destroyed in reverse (the follower first).
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<RecordCache> cache_;
  std::unique_ptr<SearchState> search_;  // analyzers, thesaurus, tagger, index, follower
  std::atomic<int64_t> generation_{0};
};

// Is this record readable without a token?
bool IsPublic(const domain::TypeSpec& type, const domain::Record& record);

}  // namespace hoptac::app
