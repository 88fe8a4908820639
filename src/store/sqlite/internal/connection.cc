#include "store/sqlite/internal/connection.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <utility>

namespace hoptac::store::sqlite {

std::string QuoteIdent(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

Status SqliteError(int rc, std::string_view what, sqlite3* db) {
  std::string detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  std::string context = std::string(what) + ": " + detail;
  switch (rc & 0xff) {
    case SQLITE_FULL:
      return Status::ResourceExhausted("the disk (or the database's size limit) is full while " + context +
                                       "; nothing was written");
    case SQLITE_NOMEM:
    case SQLITE_TOOBIG: return Status::ResourceExhausted("out of memory or value too large while " + context);
    case SQLITE_IOERR: return Status::Unavailable("an I/O error occurred while " + context + "; nothing was written");
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return Status::Unavailable("the database is busy while " + context + "; try again");
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH: return Status::Unavailable("the database cannot be opened or written while " + context);
    case SQLITE_CONSTRAINT: return Status::Conflict("a constraint failed while " + context);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return Status::Internal("the database file is damaged (" + context + ")");
    default: return Status::Internal("SQLite error while " + context);
  }
}

// ---------------------------------------------------------------------------------------------------
// Stmt

Stmt::Stmt(Stmt&& other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)),
      in_use_(std::exchange(other.in_use_, nullptr)),
      bind_rc_(other.bind_rc_),
      last_rc_(other.last_rc_) {}

Stmt::~Stmt() {
  if (stmt_ == nullptr) return;
  if (in_use_ == nullptr) {
    sqlite3_finalize(stmt_);
    return;
  }
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  *in_use_ = false;
}

Stmt& Stmt::Bind(int index, int64_t value) {
  int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK && bind_rc_ == 0) bind_rc_ = rc;
  return *this;
}

Stmt& Stmt::Bind(int index, double value) {
  int rc = sqlite3_bind_double(stmt_, index, value);
  if (rc != SQLITE_OK && bind_rc_ == 0) bind_rc_ = rc;
  return *this;
}

Stmt& Stmt::Bind(int index, std::string_view value) {
  int rc = sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK && bind_rc_ == 0) bind_rc_ = rc;
  return *this;
}

Stmt& Stmt::BindNull(int index) {
  int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK && bind_rc_ == 0) bind_rc_ = rc;
  return *this;
}

Status Stmt::Fail(int rc) {
  last_rc_ = rc;
  std::string sql = sqlite3_sql(stmt_) != nullptr ? sqlite3_sql(stmt_) : "";
  if (sql.size() > 80) sql = sql.substr(0, 77) + "...";
  return SqliteError(rc, "running `" + sql + "`", sqlite3_db_handle(stmt_));
}

Result<bool> Stmt::Step() {
  if (bind_rc_ != 0) return Fail(bind_rc_);
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return Fail(rc);
}

Status Stmt::Run() {
  Status s;
  while (true) {
    auto row = Step();
    if (!row.ok() || !*row) {
      s = row.status();
      break;
    }
  }
  sqlite3_reset(stmt_);
  return s;
}

bool Stmt::IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
bool Stmt::IsInteger(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_INTEGER; }
int64_t Stmt::Int(int col) const { return sqlite3_column_int64(stmt_, col); }
double Stmt::Double(int col) const { return sqlite3_column_double(stmt_, col); }
std::string Stmt::Text(int col) const { return std::string(TextView(col)); }

std::string_view Stmt::TextView(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  if (p == nullptr) return {};
  return {p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col))};
}

// ---------------------------------------------------------------------------------------------------
// Connection

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, const ConnectionOptions& options) {
  int flags = SQLITE_OPEN_NOMUTEX;
  flags |= options.mode == OpenMode::kReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Status s = SqliteError(rc, "opening " + path, db);
    sqlite3_close_v2(db);
    return s;
  }
  std::unique_ptr<Connection> conn(new Connection(db));
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, options.busy_timeout_ms);
  HOPTAC_RETURN_IF_ERROR(conn->Exec("PRAGMA foreign_keys=ON"));
  if (options.mode == OpenMode::kReadWrite) {
    auto wal = conn->Prepare("PRAGMA journal_mode=WAL");
    if (!wal.ok()) return wal.status();
    auto row = wal->Step();
    if (!row.ok()) return row.status();
    if (!*row || wal->Text(0) != "wal") {
      return Status::Unavailable("cannot switch " + path + " to write-ahead logging (is the file system local?)");
    }
    HOPTAC_RETURN_IF_ERROR(
        conn->Exec(options.synchronous_full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL"));
    // A larger page cache keeps index pages of big imports in memory (negative = KiB).
    HOPTAC_RETURN_IF_ERROR(conn->Exec("PRAGMA cache_size=-32768"));
  }
  return conn;
}

Connection::~Connection() {
  for (auto& [sql, cached] : cache_) sqlite3_finalize(cached.stmt);
  sqlite3_close_v2(db_);
}

Status Connection::Exec(std::string_view sql) {
  std::string text(sql);
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) {
    if (text.size() > 80) text = text.substr(0, 77) + "...";
    return SqliteError(rc, "running `" + text + "`", db_);
  }
  return Status::Ok();
}

Result<Stmt> Connection::Prepare(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end() && !it->second.in_use) {
    it->second.in_use = true;
    return Stmt(it->second.stmt, &it->second.in_use);
  }
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return SqliteError(rc, "preparing `" + sql.substr(0, 80) + "`", db_);
  }
  if (it == cache_.end() && cache_.size() < kMaxCachedStatements) {
    Cached& slot = cache_[sql];
    slot.stmt = stmt;
    slot.in_use = true;
    return Stmt(stmt, &slot.in_use);
  }
  return Stmt(stmt, nullptr);
}

bool Connection::InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }
int64_t Connection::LastInsertRowid() const { return sqlite3_last_insert_rowid(db_); }
int Connection::Changes() const { return sqlite3_changes(db_); }

// ---------------------------------------------------------------------------------------------------
// Transaction

Result<Transaction> Transaction::Begin(Connection& conn) {
  HOPTAC_RETURN_IF_ERROR(conn.Exec("BEGIN IMMEDIATE"));
  return Transaction(conn);
}

Status Transaction::Commit() {
  if (conn_ == nullptr) return Status::Internal("commit of a finished transaction");
  Status s = conn_->Exec("COMMIT");
  if (!s.ok()) {
    Rollback();
    return s;
  }
  conn_ = nullptr;
  return Status::Ok();
}

void Transaction::Rollback() {
  if (conn_ == nullptr) return;
  // SQLite may already have rolled back on its own (for example after SQLITE_FULL).
  if (conn_->InTransaction()) (void)conn_->Exec("ROLLBACK");
  conn_ = nullptr;
}

// ---------------------------------------------------------------------------------------------------
// Backup

namespace {

// Makes a rename durable: the directory entry reaches the disk.
void SyncDirectory(const std::filesystem::path& dir) {
  int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

Status BackupTo(Connection& source, const std::string& path) {
  const std::string tmp = path + ".tmp";
  std::error_code ec;
  std::filesystem::remove(tmp, ec);
  sqlite3* dest = nullptr;
  int rc =
      sqlite3_open_v2(tmp.c_str(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    Status s = SqliteError(rc, "creating backup file " + tmp, dest);
    sqlite3_close_v2(dest);
    return s;
  }
  sqlite3_extended_result_codes(dest, 1);
  sqlite3_backup* backup = sqlite3_backup_init(dest, "main", source.raw(), "main");
  if (backup == nullptr) {
    Status s = SqliteError(sqlite3_errcode(dest), "starting the backup to " + tmp, dest);
    sqlite3_close_v2(dest);
    std::filesystem::remove(tmp, ec);
    return s;
  }
  // -1: every page in one step, inside one read transaction on the source: a consistent snapshot.
  rc = sqlite3_backup_step(backup, -1);
  int finish_rc = sqlite3_backup_finish(backup);
  if (rc == SQLITE_DONE) rc = finish_rc;
  Status s = rc == SQLITE_OK || rc == SQLITE_DONE ? Status::Ok() : SqliteError(rc, "backing up to " + tmp, dest);
  int close_rc = sqlite3_close_v2(dest);
  if (s.ok() && close_rc != SQLITE_OK) s = SqliteError(close_rc, "closing backup file " + tmp);
  if (!s.ok()) {
    std::filesystem::remove(tmp, ec);
    return s;
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    return Status::Unavailable("cannot move the backup into place at " + path + ": " + ec.message());
  }
  SyncDirectory(std::filesystem::path(path).parent_path());
  return Status::Ok();
}

}  // namespace hoptac::store::sqlite
