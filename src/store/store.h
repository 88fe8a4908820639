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
  std::string type;
  int64_t id = 0;
  std::string op;  // "create", "update", "delete"
  std::string at;
  std::string actor;
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

  // API tokens, stored by hash only.
  virtual Result<ApiToken> CreateToken(const std::string& name, const std::string& token_hash) = 0;
  virtual Result<ApiToken> FindToken(const std::string& token_hash) = 0;
  virtual Result<std::vector<ApiToken>> ListTokens() = 0;
  virtual Status RevokeToken(const std::string& name) = 0;

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
