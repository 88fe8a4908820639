// The SQLite implementation of store::Store.
//
// Concurrency: one writer connection, used only under write_mu_, carries every write transaction
// (BEGIN IMMEDIATE ... COMMIT), so writes are serialised and change-log sequence numbers follow
// commit order. Reads borrow a read-only connection from a small pool; in WAL mode they see the
// last committed state without waiting for the writer. Writes never borrow a reader and reads never
// take write_mu_, so the two cannot deadlock. The import's progress callback runs under write_mu_:
// it may read from the store, never write to it.
#include <sqlite3.h>
#include <algorithm>
#include <mutex>
#include <utility>

#include "core/clock.h"
#include "domain/schema.h"
#include "store/sqlite/internal/accounts_sql.h"
#include "store/sqlite/internal/connection.h"
#include "store/sqlite/internal/list_sql.h"
#include "store/sqlite/internal/reader_pool.h"
#include "store/sqlite/internal/record_codec.h"
#include "store/sqlite/internal/record_writer.h"
#include "store/sqlite/internal/schema_sql.h"
#include "store/store.h"

namespace hoptac::store {

namespace {

using sqlite::Connection;
using sqlite::FindLayout;
using sqlite::ReaderPool;
using sqlite::TableLayout;
using sqlite::Transaction;
using sqlite::WriteContext;

constexpr int kMaxChanges = 10000;
constexpr int64_t kProgressEvery = 1000;
// Writes that go to no change log (sessions, throttling state); the actor is only a placeholder.
const Actor kSystemActor{.name = "system", .kind = "system"};

Status UnknownType(const std::string& type) {
  return Status::InvalidArgument("unknown record type '" + type + "'",
                                 {{"type", "unknown_type", "is not a record type"}});
}

// An import error names its line: "line 3: parties[1]: no organisation with ref 'org-9'".
Status AtLine(int line, const Status& s) {
  const std::string prefix = "line " + std::to_string(line) + ": ";
  std::vector<FieldError> errors = s.field_errors();
  for (auto& e : errors) e.field = prefix + e.field;
  const bool caller_error =
      s.code() == Code::kInvalidArgument || s.code() == Code::kConflict || s.code() == Code::kNotFound;
  return Status(caller_error ? Code::kInvalidArgument : s.code(), prefix + s.message(), std::move(errors));
}

class SqliteStore final : public Store {
 public:
  SqliteStore(std::unique_ptr<Connection> writer, std::unique_ptr<ReaderPool> readers)
      : writer_(std::move(writer)), records_(*writer_), readers_(std::move(readers)) {}

  Result<Record> Create(Record record, const Actor& actor) override {
    const TableLayout* layout = FindLayout(record.type);
    if (layout == nullptr) return UnknownType(record.type);
    return Write(actor, [&](const WriteContext& ctx) { return records_.Insert(*layout, std::move(record), ctx); });
  }

  Result<Record> Get(const std::string& type, int64_t id) override {
    const TableLayout* layout = FindLayout(type);
    if (layout == nullptr) return UnknownType(type);
    auto reader = readers_->Acquire();
    auto stmt = reader->Prepare(layout->select_by_id_sql);
    if (!stmt.ok()) return stmt.status();
    stmt->Bind(1, id);
    return ReadOne(*layout, *stmt, "no " + type + " with id " + std::to_string(id));
  }

  Result<Record> GetByRef(const std::string& type, const std::string& ref) override {
    const TableLayout* layout = FindLayout(type);
    if (layout == nullptr) return UnknownType(type);
    auto reader = readers_->Acquire();
    auto stmt = reader->Prepare(layout->select_by_ref_sql);
    if (!stmt.ok()) return stmt.status();
    stmt->Bind(1, std::string_view(ref));
    return ReadOne(*layout, *stmt, "no " + type + " with ref '" + ref + "'");
  }

  Result<Record> Update(Record record, std::optional<int64_t> expected_version, const Actor& actor) override {
    const TableLayout* layout = FindLayout(record.type);
    if (layout == nullptr) return UnknownType(record.type);
    return Write(actor, [&](const WriteContext& ctx) {
      return records_.Replace(*layout, std::move(record), expected_version, ctx);
    });
  }

  Status Delete(const std::string& type, int64_t id, const Actor& actor) override {
    const TableLayout* layout = FindLayout(type);
    if (layout == nullptr) return UnknownType(type);
    return Write(actor, [&](const WriteContext& ctx) { return records_.Remove(*layout, id, ctx); });
  }

  Result<Page> List(const ListQuery& query) override {
    const TableLayout* layout = FindLayout(query.type);
    if (layout == nullptr) return UnknownType(query.type);
    auto sql = sqlite::BuildListSql(*layout, query);
    if (!sql.ok()) return sql.status();
    auto reader = readers_->Acquire();
    auto stmt = reader->Prepare(sql->sql);
    if (!stmt.ok()) return stmt.status();
    sqlite::BindParams(*sql, *stmt);
    Page page;
    while (true) {
      auto row = stmt->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      if (static_cast<int>(page.items.size()) == sql->limit) {
        page.next_after_id = page.items.back().id;
        break;
      }
      auto record = sqlite::ReadRecord(*layout, *stmt);
      if (!record.ok()) return record.status();
      page.items.push_back(std::move(*record));
    }
    return page;
  }

  Result<int64_t> Count(const std::string& type) override {
    const TableLayout* layout = FindLayout(type);
    if (layout == nullptr) return UnknownType(type);
    return ReadInt("SELECT count(*) FROM " + layout->table);
  }

  Result<ImportReport> Import(std::vector<ImportLine> lines, const Actor& actor, const Progress& progress) override {
    // Check every type first, then insert types in schema order (a type only references earlier ones),
    // keeping file order within a type.
    std::vector<std::pair<const TableLayout*, ImportLine*>> order;
    order.reserve(lines.size());
    for (auto& line : lines) {
      const TableLayout* layout = FindLayout(line.record.type);
      if (layout == nullptr) return AtLine(line.line, UnknownType(line.record.type));
      order.emplace_back(layout, &line);
    }
    // Layouts sit in one vector in schema order, so comparing their addresses compares schema positions.
    std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    ImportReport report;
    const int64_t total = static_cast<int64_t>(order.size());
    if (total == 0) return report;
    return Write(actor, [&](const WriteContext& ctx) -> Result<ImportReport> {
      for (auto& [layout, line] : order) {
        auto created = records_.Insert(*layout, std::move(line->record), ctx);
        if (!created.ok()) return AtLine(line->line, created.status());
        ++report.created;
        ++report.per_type[layout->type->name];
        if (progress && report.created % kProgressEvery == 0) progress(report.created, total);
      }
      if (progress && report.created % kProgressEvery != 0) progress(report.created, total);
      return report;
    });
  }

  Result<std::vector<Change>> ChangesSince(int64_t after, int limit) override {
    auto reader = readers_->Acquire();
    auto stmt = reader->Prepare(
        "SELECT seq, type, record_id, op, at, actor, version, detail FROM changes WHERE seq > ?1 ORDER BY seq LIMIT ?2");
    if (!stmt.ok()) return stmt.status();
    stmt->Bind(1, after).Bind(2, int64_t{std::clamp(limit, 1, kMaxChanges)});
    std::vector<Change> changes;
    while (true) {
      auto row = stmt->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      changes.push_back(sqlite::RowToChange(*stmt));
    }
    return changes;
  }

  Result<int64_t> LastChangeSeq() override { return ReadInt("SELECT COALESCE(MAX(seq), 0) FROM changes"); }

  Result<std::vector<AuditEntry>> Audit(const AuditQuery& query) override {
    auto reader = readers_->Acquire();
    // One read transaction, so every entry's before/after comes from the same snapshot.
    HOPTAC_RETURN_IF_ERROR(reader->Exec("BEGIN"));
    auto entries = sqlite::ReadAudit(*reader, query);
    (void)reader->Exec("COMMIT");
    return entries;
  }

  Status PurgeHistory(const std::string& type, int64_t id) override {
    return Write(kSystemActor, [&](const WriteContext&) { return sqlite::RemoveHistory(*writer_, type, id); });
  }

  Result<ApiToken> CreateToken(const ApiToken& spec, const std::string& token_hash, const Actor& actor) override {
    return Write(actor, [&](const WriteContext& ctx) { return sqlite::InsertToken(*writer_, spec, token_hash, ctx); });
  }

  Result<ApiToken> FindToken(const std::string& token_hash) override {
    auto reader = readers_->Acquire();
    return sqlite::ReadToken(*reader, token_hash);
  }

  Result<std::vector<ApiToken>> ListTokens(std::optional<int64_t> user_id) override {
    auto reader = readers_->Acquire();
    return sqlite::ReadTokens(*reader, user_id);
  }

  Status RevokeToken(const std::string& name, int64_t user_id, const Actor& actor) override {
    return Write(actor, [&](const WriteContext& ctx) { return sqlite::MarkRevoked(*writer_, name, user_id, ctx); });
  }

  Result<User> CreateUser(const User& user, const std::string& password_hash, const Actor& actor) override {
    return Write(actor, [&](const WriteContext& ctx) { return sqlite::InsertUser(*writer_, user, password_hash, ctx); });
  }

  Result<User> GetUser(int64_t id) override {
    auto reader = readers_->Acquire();
    return sqlite::ReadUser(*reader, id);
  }

  Result<std::pair<User, std::string>> FindUserByEmail(const std::string& email) override {
    auto reader = readers_->Acquire();
    return sqlite::ReadUserByEmail(*reader, email);
  }

  Result<std::vector<User>> ListUsers() override {
    auto reader = readers_->Acquire();
    return sqlite::ReadUsers(*reader);
  }

  Result<User> UpdateUser(const User& user, const Actor& actor) override {
    return Write(actor, [&](const WriteContext& ctx) { return sqlite::WriteUser(*writer_, user, ctx); });
  }

  Status SetPassword(int64_t user_id, const std::string& password_hash, const Actor& actor) override {
    return Write(actor,
                 [&](const WriteContext& ctx) { return sqlite::WritePassword(*writer_, user_id, password_hash, ctx); });
  }

  Status SetLoginState(int64_t user_id, int failed_logins, const std::string& locked_until) override {
    return Write(kSystemActor, [&](const WriteContext&) {
      return sqlite::WriteLoginState(*writer_, user_id, failed_logins, locked_until);
    });
  }

  Status CreateSession(const Session& session) override {
    return Write(kSystemActor, [&](const WriteContext&) { return sqlite::InsertSession(*writer_, session); });
  }

  Result<Session> FindSession(const std::string& id_hash) override {
    auto reader = readers_->Acquire();
    return sqlite::ReadSession(*reader, id_hash);
  }

  Status DeleteSession(const std::string& id_hash) override {
    return Write(kSystemActor, [&](const WriteContext&) { return sqlite::RemoveSession(*writer_, id_hash); });
  }

  Status DeleteSessionsOf(int64_t user_id) override {
    return Write(kSystemActor, [&](const WriteContext&) { return sqlite::RemoveSessionsOf(*writer_, user_id); });
  }

  Status DeleteExpired(const std::string& now) override {
    return Write(kSystemActor, [&](const WriteContext&) { return sqlite::RemoveExpired(*writer_, now); });
  }

  Status CreateOneTimeToken(const OneTimeToken& token) override {
    return Write(kSystemActor, [&](const WriteContext&) { return sqlite::InsertOneTimeToken(*writer_, token); });
  }

  Result<OneTimeToken> ConsumeOneTimeToken(const std::string& hash, const std::string& purpose,
                                           const std::string& now) override {
    return Write(kSystemActor,
                 [&](const WriteContext&) { return sqlite::TakeOneTimeToken(*writer_, hash, purpose, now); });
  }

  Status Backup(const std::string& path) override {
    auto reader = readers_->Acquire();
    return sqlite::BackupTo(*reader, path);
  }

  Result<std::string> IntegrityCheck() override;

 private:
  // Runs `body` in one write transaction; commits when it succeeds, rolls back otherwise. The
  // timestamp is taken under the lock, so times in the change log follow its sequence.
  template <typename F>
  auto Write(const Actor& actor, F&& body) -> decltype(body(std::declval<const WriteContext&>())) {
    std::lock_guard lock(write_mu_);
    auto txn = Transaction::Begin(*writer_);
    if (!txn.ok()) return txn.status();
    const WriteContext ctx{.now = NowIso8601(), .actor = actor.name.empty() ? actor.kind : actor.name};
    auto result = body(ctx);
    if (!result.ok()) return result;
    HOPTAC_RETURN_IF_ERROR(txn->Commit());
    return result;
  }

  static Result<Record> ReadOne(const TableLayout& layout, sqlite::Stmt& stmt, const std::string& not_found) {
    auto row = stmt.Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::NotFound(not_found);
    return sqlite::ReadRecord(layout, stmt);
  }

  Result<int64_t> ReadInt(const std::string& sql) {
    auto reader = readers_->Acquire();
    auto stmt = reader->Prepare(sql);
    if (!stmt.ok()) return stmt.status();
    auto row = stmt->Step();
    if (!row.ok()) return row.status();
    return stmt->Int(0);
  }

  std::mutex write_mu_;
  std::unique_ptr<Connection> writer_;  // guarded by write_mu_
  sqlite::RecordWriter records_;        // guarded by write_mu_
  std::unique_ptr<ReaderPool> readers_;
};

// SQLite's own checks, plus one of ours: every refs column agrees with its junction table.
Result<std::string> SqliteStore::IntegrityCheck() {
  auto reader = readers_->Acquire();
  std::vector<std::string> problems;
  auto collect = [&](const std::string& sql, auto describe) -> Status {
    auto stmt = reader->Prepare(sql);
    if (!stmt.ok()) return stmt.status();
    while (true) {
      auto row = stmt->Step();
      if (!row.ok()) return row.status();
      if (!*row) return Status::Ok();
      std::string problem = describe(*stmt);
      if (!problem.empty()) problems.push_back(std::move(problem));
    }
  };
  HOPTAC_RETURN_IF_ERROR(collect("PRAGMA integrity_check",
                                 [](const sqlite::Stmt& s) { return s.Text(0) == "ok" ? std::string() : s.Text(0); }));
  HOPTAC_RETURN_IF_ERROR(collect("PRAGMA foreign_key_check", [](const sqlite::Stmt& s) {
    return "foreign key: " + s.Text(0) + " row " + s.Text(1) + " points at a missing " + s.Text(2);
  }));
  for (const auto& type : domain::Schema()) {
    const TableLayout& layout = *FindLayout(type.name);
    for (const auto& junction : layout.junctions) {
      const std::string column = layout.table + "." + sqlite::QuoteIdent(junction.field->name);
      const std::string sql = "SELECT id FROM " + layout.table + " WHERE COALESCE(" + column +
                              ", '[]') <> (SELECT json_group_array(target) FROM (SELECT target FROM " +
                              sqlite::QuoteIdent(sqlite::JunctionName(type, *junction.field)) +
                              " WHERE owner = " + layout.table + ".id ORDER BY pos))";
      HOPTAC_RETURN_IF_ERROR(collect(sql, [&](const sqlite::Stmt& s) {
        return type.name + " " + s.Text(0) + ": " + junction.field->name + " disagrees with its junction table";
      }));
    }
  }
  if (problems.empty()) return std::string("ok");
  std::string out;
  for (const auto& p : problems) out += (out.empty() ? "" : "\n") + p;
  return out;
}

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options) {
  // SQLite's memory statistics take a global mutex on every allocation; hoptac never reads them.
  // Must run before SQLite initialises; later calls are refused harmlessly.
  static const bool kNoMemStatus = [] { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK; }();
  (void)kNoMemStatus;
  if (options.path.empty()) return Status::InvalidArgument("the SQLite store needs a database file path");
  const sqlite::ConnectionOptions conn_options{.synchronous_full = options.synchronous_full};
  auto writer = Connection::Open(options.path, conn_options);
  if (!writer.ok()) return writer.status();
  HOPTAC_RETURN_IF_ERROR(sqlite::Migrate(**writer));
  auto readers = ReaderPool::Open(options.path, options.reader_connections, conn_options);
  if (!readers.ok()) return readers.status();
  return std::unique_ptr<Store>(new SqliteStore(std::move(*writer), std::move(*readers)));
}

}  // namespace hoptac::store
