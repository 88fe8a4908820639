// Thin RAII layer over the SQLite C API, private to the SQLite store.
//
// Connection owns one sqlite3* and a cache of its prepared statements. Stmt is a borrowed handle on
// a cached statement: binding, stepping and reading columns; when it goes out of scope the statement
// is reset and its bindings cleared, ready for the next use. Values are only ever bound, never
// spliced into SQL text; identifiers from the schema are quoted with QuoteIdent.
//
// Threading: a Connection (and every Stmt from it) is used by one thread at a time; the store
// guarantees that with its writer mutex and its reader pool. Connections are opened in SQLite's
// multi-thread mode (no per-connection mutex).
//
// Errors: SQLite result codes become Status values through SqliteError: SQLITE_FULL ->
// ResourceExhausted, SQLITE_IOERR*/BUSY/LOCKED -> Unavailable, constraint failures -> Conflict,
// anything else -> Internal.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace hoptac::store::sqlite {

// "name" -> "\"name\"" (embedded quotes doubled). For identifiers taken from the schema only.
std::string QuoteIdent(std::string_view name);

// Maps a SQLite result code (extended codes welcome) to a Status; `what` says what was being done.
Status SqliteError(int rc, std::string_view what, sqlite3* db = nullptr);

class Connection;

class Stmt {
 public:
  Stmt(Stmt&& other) noexcept;
  Stmt& operator=(Stmt&&) = delete;
  Stmt(const Stmt&) = delete;
  ~Stmt();

  // Parameters are 1-based, as in SQLite. Text is copied by SQLite. A failed bind is remembered and
  // reported by the next Step/Run.
  Stmt& Bind(int index, int64_t value);
  Stmt& Bind(int index, double value);
  Stmt& Bind(int index, std::string_view value);
  Stmt& BindNull(int index);

  // Steps once: true when a row is available, false when done.
  Result<bool> Step();
  // Steps to completion, ignoring any rows, then resets the statement (bindings stay) so that it can
  // run again with some parameters rebound.
  Status Run();

  // Columns are 0-based, as in SQLite; valid after Step returned true.
  bool IsNull(int col) const;
  bool IsInteger(int col) const;
  int64_t Int(int col) const;
  double Double(int col) const;
  std::string Text(int col) const;
  std::string_view TextView(int col) const;  // valid until the next Step or column call on `col`

  // The SQLite extended error code of the last failed Step (0 if none).
  int last_rc() const { return last_rc_; }

 private:
  friend class Connection;
  // `in_use` is the cache slot's flag, or nullptr when the statement is not cached (the cached copy
  // was busy, or the cache is full) and is finalized on exit.
  Stmt(sqlite3_stmt* stmt, bool* in_use) : stmt_(stmt), in_use_(in_use) {}
  Status Fail(int rc);

  sqlite3_stmt* stmt_;
  bool* in_use_;
  int bind_rc_ = 0;
  int last_rc_ = 0;
};

enum class OpenMode { kReadWrite, kReadOnly };

struct ConnectionOptions {
  OpenMode mode = OpenMode::kReadWrite;
  int busy_timeout_ms = 10000;
  bool synchronous_full = true;
};

class Connection {
 public:
  static Result<std::unique_ptr<Connection>> Open(const std::string& path, const ConnectionOptions& options);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs SQL without parameters (DDL, PRAGMA, BEGIN/COMMIT); may hold several statements.
  Status Exec(std::string_view sql);
  // A statement for `sql`, prepared once per connection and reused.
  Result<Stmt> Prepare(const std::string& sql);

  bool InTransaction() const;
  int64_t LastInsertRowid() const;
  int Changes() const;
  sqlite3* raw() const { return db_; }

 private:
  struct Cached {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };
  // Enough for every fixed statement of every type plus the common list-filter combinations; a
  // rarer combination beyond it is prepared for one use.
  static constexpr size_t kMaxCachedStatements = 512;

  explicit Connection(sqlite3* db) : db_(db) {}

  sqlite3* db_;
  // Node-based: a Cached stays put when the map grows, so a Stmt may point at its in_use flag.
  std::unordered_map<std::string, Cached> cache_;
};

// BEGIN IMMEDIATE on construction via Begin(); rolls back on destruction unless committed.
class Transaction {
 public:
  static Result<Transaction> Begin(Connection& conn);
  Transaction(Transaction&& other) noexcept : conn_(other.conn_) { other.conn_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction() { Rollback(); }

  Status Commit();
  void Rollback();

 private:
  explicit Transaction(Connection& conn) : conn_(&conn) {}
  Connection* conn_;
};

// Copies the whole database of `source` (one read transaction, so a consistent snapshot even while
// other connections write) into a new file at `path`: written to path + ".tmp", synced, then renamed
// over `path`, so `path` is either the old file or the complete copy.
Status BackupTo(Connection& source, const std::string& path);

}  // namespace hoptac::store::sqlite
