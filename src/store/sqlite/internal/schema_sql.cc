#include "store/sqlite/internal/schema_sql.h"

#include <set>
#include <utility>

#include "core/clock.h"
#include "text/normalize.h"

namespace hoptac::store::sqlite {

namespace {

using domain::FieldKind;
using domain::FieldSpec;
using domain::TypeSpec;

std::string ColumnType(const FieldSpec& field) {
  switch (field.kind) {
    case FieldKind::kInt:
    case FieldKind::kBool: return "INTEGER";
    case FieldKind::kNumber: return "ANY";
    case FieldKind::kRef:
      return "INTEGER REFERENCES " + QuoteIdent(TableName(*domain::FindType(field.target))) + "(id)";
    default: return "TEXT";
  }
}

bool Indexed(const TypeSpec& type, const FieldSpec& field) {
  if (field.kind == FieldKind::kText || field.kind == FieldKind::kRefs || field.kind == FieldKind::kCountries ||
      field.kind == FieldKind::kLanguages) {
    return false;  // JSON columns: lists are searched through json_each or the junction table
  }
  return field.filterable || field.kind == FieldKind::kRef || field.name == type.date_field;
}

std::string CreateTableSql(const TypeSpec& type) {
  std::string sql = "CREATE TABLE " + QuoteIdent(TableName(type)) +
                    " (\n  id INTEGER PRIMARY KEY AUTOINCREMENT,\n  ref TEXT UNIQUE,\n"
                    "  version INTEGER NOT NULL,\n  created_at TEXT NOT NULL,\n  updated_at TEXT NOT NULL";
  for (const auto& field : type.fields) sql += ",\n  " + QuoteIdent(field.name) + " " + ColumnType(field);
  if (!FoldColumn(type).empty()) sql += ",\n  " + QuoteIdent(FoldColumn(type)) + " TEXT";
  return sql + "\n) STRICT";
}

std::string CreateJunctionSql(const TypeSpec& type, const FieldSpec& field) {
  return "CREATE TABLE " + QuoteIdent(JunctionName(type, field)) + " (\n  owner INTEGER NOT NULL REFERENCES " +
         QuoteIdent(TableName(type)) + "(id) ON DELETE CASCADE,\n  pos INTEGER NOT NULL,\n" +
         "  target INTEGER NOT NULL REFERENCES " + QuoteIdent(TableName(*domain::FindType(field.target))) +
         "(id),\n  PRIMARY KEY (owner, pos)\n) STRICT, WITHOUT ROWID";
}

// Every index of the type; IF NOT EXISTS makes the list safe to run again.
std::vector<std::string> CreateIndexSql(const TypeSpec& type) {
  std::vector<std::string> out;
  const std::string table = QuoteIdent(TableName(type));
  for (const auto& field : type.fields) {
    if (Indexed(type, field)) {
      out.push_back("CREATE INDEX IF NOT EXISTS " + QuoteIdent(IndexName(type, field.name)) + " ON " + table + "(" +
                    QuoteIdent(field.name) + ")");
    }
    if (field.kind == FieldKind::kRefs) {
      const std::string junction = JunctionName(type, field);
      out.push_back("CREATE INDEX IF NOT EXISTS " + QuoteIdent(junction + "_target") + " ON " + QuoteIdent(junction) +
                    "(target, owner)");
    }
  }
  if (!FoldColumn(type).empty()) {
    out.push_back("CREATE INDEX IF NOT EXISTS " + QuoteIdent(IndexName(type, FoldColumn(type))) + " ON " + table + "(" +
                  QuoteIdent(FoldColumn(type)) + ")");
  }
  return out;
}

Result<bool> TableExists(Connection& conn, const std::string& name) {
  auto stmt = conn.Prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1");
  if (!stmt.ok()) return stmt.status();
  stmt->Bind(1, name);
  return stmt->Step();
}

Result<std::set<std::string>> ColumnNames(Connection& conn, const std::string& table) {
  auto stmt = conn.Prepare("SELECT name FROM pragma_table_info(?1)");
  if (!stmt.ok()) return stmt.status();
  stmt->Bind(1, table);
  std::set<std::string> names;
  while (true) {
    auto row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    names.insert(stmt->Text(0));
  }
  return names;
}

Status CreateType(Connection& conn, const TypeSpec& type) {
  HOPTAC_RETURN_IF_ERROR(conn.Exec(CreateTableSql(type)));
  for (const auto& field : type.fields) {
    if (field.kind == FieldKind::kRefs) HOPTAC_RETURN_IF_ERROR(conn.Exec(CreateJunctionSql(type, field)));
  }
  for (const auto& sql : CreateIndexSql(type)) HOPTAC_RETURN_IF_ERROR(conn.Exec(sql));
  return Status::Ok();
}

// Fills a newly added fold column for the rows already stored, so prefix filters see them.
Status BackfillFold(Connection& conn, const TypeSpec& type) {
  const FieldSpec& title = *type.Field(type.title_field);
  const std::string column = QuoteIdent(title.name);
  const std::string source = title.kind == FieldKind::kText ? "json_extract(" + column + ", '$.text')" : column;
  const std::string table = QuoteIdent(TableName(type));
  std::vector<std::pair<int64_t, std::string>> folds;
  {
    auto select = conn.Prepare("SELECT id, " + source + " FROM " + table + " WHERE " + column + " IS NOT NULL");
    if (!select.ok()) return select.status();
    while (true) {
      auto row = select->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      folds.emplace_back(select->Int(0), text::FoldCase(select->TextView(1)));
    }
  }
  for (const auto& [id, fold] : folds) {
    auto update = conn.Prepare("UPDATE " + table + " SET " + QuoteIdent(FoldColumn(type)) + " = ?1 WHERE id = ?2");
    if (!update.ok()) return update.status();
    HOPTAC_RETURN_IF_ERROR(update->Bind(1, fold).Bind(2, id).Run());
  }
  return Status::Ok();
}

// h_T mirrors t_T's record columns (not its fold column), without constraints: a deleted record's
// versions stay there after its row and its ref are gone.
Status ReconcileHistory(Connection& conn, const TypeSpec& type) {
  const std::string history = HistoryTableName(type);
  auto exists = TableExists(conn, history);
  if (!exists.ok()) return exists.status();
  std::vector<std::string> columns = {"id", "ref", "version", "created_at", "updated_at"};
  for (const auto& field : type.fields) columns.push_back(field.name);
  if (!*exists) {
    std::string sql = "CREATE TABLE " + QuoteIdent(history) + " (";
    for (size_t i = 0; i < columns.size(); ++i) sql += (i ? ", " : "") + QuoteIdent(columns[i]);
    HOPTAC_RETURN_IF_ERROR(conn.Exec(sql + ")"));
    return conn.Exec("CREATE INDEX IF NOT EXISTS " + QuoteIdent(history + "_id") + " ON " + QuoteIdent(history) +
                     "(id, version)");
  }
  auto present = ColumnNames(conn, history);
  if (!present.ok()) return present.status();
  for (const auto& column : columns) {
    if (!present->count(column)) {
      HOPTAC_RETURN_IF_ERROR(conn.Exec("ALTER TABLE " + QuoteIdent(history) + " ADD COLUMN " + QuoteIdent(column)));
    }
  }
  return Status::Ok();
}

// Adds what the schema declares and the database lacks (see the header). Types are visited in
// schema order, so a referenced table always exists before a column that references it.
Status Reconcile(Connection& conn) {
  for (const auto& type : domain::Schema()) {
    const std::string table = TableName(type);
    auto exists = TableExists(conn, table);
    if (!exists.ok()) return exists.status();
    if (!*exists) {
      HOPTAC_RETURN_IF_ERROR(CreateType(conn, type));
      continue;
    }
    auto columns = ColumnNames(conn, table);
    if (!columns.ok()) return columns.status();
    for (const auto& field : type.fields) {
      if (!columns->count(field.name)) {
        HOPTAC_RETURN_IF_ERROR(conn.Exec("ALTER TABLE " + QuoteIdent(table) + " ADD COLUMN " + QuoteIdent(field.name) +
                                         " " + ColumnType(field)));
      }
      if (field.kind == FieldKind::kRefs) {
        auto junction = TableExists(conn, JunctionName(type, field));
        if (!junction.ok()) return junction.status();
        if (!*junction) HOPTAC_RETURN_IF_ERROR(conn.Exec(CreateJunctionSql(type, field)));
      }
    }
    const std::string fold = FoldColumn(type);
    if (!fold.empty() && !columns->count(fold)) {
      HOPTAC_RETURN_IF_ERROR(
          conn.Exec("ALTER TABLE " + QuoteIdent(table) + " ADD COLUMN " + QuoteIdent(fold) + " TEXT"));
      HOPTAC_RETURN_IF_ERROR(BackfillFold(conn, type));
    }
    for (const auto& sql : CreateIndexSql(type)) HOPTAC_RETURN_IF_ERROR(conn.Exec(sql));
  }
  for (const auto& type : domain::Schema()) HOPTAC_RETURN_IF_ERROR(ReconcileHistory(conn, type));
  return Status::Ok();
}

Status Migration1(Connection& conn) {
  for (const auto& type : domain::Schema()) HOPTAC_RETURN_IF_ERROR(CreateType(conn, type));
  HOPTAC_RETURN_IF_ERROR(
      conn.Exec("CREATE TABLE changes (\n"
                "  seq INTEGER PRIMARY KEY AUTOINCREMENT,\n  type TEXT NOT NULL,\n  record_id INTEGER NOT NULL,\n"
                "  op TEXT NOT NULL,\n  at TEXT NOT NULL,\n  actor TEXT NOT NULL\n) STRICT"));
  return conn.Exec(
      "CREATE TABLE api_tokens (\n"
      "  id INTEGER PRIMARY KEY,\n  name TEXT UNIQUE NOT NULL,\n  token_hash TEXT UNIQUE NOT NULL,\n"
      "  created_at TEXT NOT NULL,\n  revoked INTEGER NOT NULL DEFAULT 0\n) STRICT");
}

}  // namespace

std::string TableName(const TypeSpec& type) { return "t_" + type.name; }
std::string HistoryTableName(const TypeSpec& type) { return "h_" + type.name; }
std::string JunctionName(const TypeSpec& type, const FieldSpec& field) { return "j_" + type.name + "_" + field.name; }
std::string IndexName(const TypeSpec& type, std::string_view column) {
  return "i_" + type.name + "_" + std::string(column);
}
std::string FoldColumn(const TypeSpec& type) {
  const FieldSpec* title = type.title_field.empty() ? nullptr : type.Field(type.title_field);
  if (title == nullptr || (title->kind != FieldKind::kText && title->kind != FieldKind::kString)) return "";
  return title->name + "_fold";
}

// Accounts and the audit trail: users and their organisations, browser sessions, single-use
// tokens (password reset, invitation), API tokens owned by users with scopes and expiry, and the
// change log's version and detail columns.
Status Migration2(Connection& conn) {
  HOPTAC_RETURN_IF_ERROR(conn.Exec("ALTER TABLE changes ADD COLUMN version INTEGER"));
  HOPTAC_RETURN_IF_ERROR(conn.Exec("ALTER TABLE changes ADD COLUMN detail TEXT"));
  HOPTAC_RETURN_IF_ERROR(conn.Exec("CREATE INDEX changes_record ON changes(type, record_id)"));
  HOPTAC_RETURN_IF_ERROR(conn.Exec(
      "CREATE TABLE users (\n"
      "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n  email TEXT NOT NULL UNIQUE,\n  display_name TEXT NOT NULL,\n"
      "  lang TEXT NOT NULL,\n  role TEXT NOT NULL,\n  person_id INTEGER,\n  password_hash TEXT,\n"
      "  status TEXT NOT NULL DEFAULT 'active',\n  failed_logins INTEGER NOT NULL DEFAULT 0,\n"
      "  locked_until TEXT NOT NULL DEFAULT '',\n  created_at TEXT NOT NULL,\n  updated_at TEXT NOT NULL\n) STRICT"));
  HOPTAC_RETURN_IF_ERROR(conn.Exec(
      "CREATE TABLE user_orgs (\n  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,\n"
      "  organisation_id INTEGER NOT NULL,\n  PRIMARY KEY (user_id, organisation_id)\n) STRICT, WITHOUT ROWID"));
  HOPTAC_RETURN_IF_ERROR(conn.Exec(
      "CREATE TABLE sessions (\n  id_hash TEXT PRIMARY KEY,\n"
      "  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,\n  csrf TEXT NOT NULL,\n"
      "  created_at TEXT NOT NULL,\n  expires_at TEXT NOT NULL,\n  remote TEXT NOT NULL DEFAULT ''\n) STRICT"));
  HOPTAC_RETURN_IF_ERROR(conn.Exec("CREATE INDEX sessions_user ON sessions(user_id)"));
  HOPTAC_RETURN_IF_ERROR(conn.Exec(
      "CREATE TABLE one_time_tokens (\n  hash TEXT PRIMARY KEY,\n  purpose TEXT NOT NULL,\n"
      "  user_id INTEGER REFERENCES users(id) ON DELETE CASCADE,\n  payload TEXT NOT NULL DEFAULT '{}',\n"
      "  created_at TEXT NOT NULL,\n  expires_at TEXT NOT NULL,\n  used_at TEXT\n) STRICT"));
  // api_tokens gains an owner, scopes and an expiry; names become unique per owner. SQLite cannot
  // drop a UNIQUE constraint in place, so the table is rebuilt (its ids are kept).
  HOPTAC_RETURN_IF_ERROR(conn.Exec(
      "CREATE TABLE api_tokens_v2 (\n  id INTEGER PRIMARY KEY,\n  name TEXT NOT NULL,\n"
      "  token_hash TEXT UNIQUE NOT NULL,\n  created_at TEXT NOT NULL,\n  revoked INTEGER NOT NULL DEFAULT 0,\n"
      "  user_id INTEGER NOT NULL DEFAULT 0,\n  scopes TEXT NOT NULL DEFAULT 'read,write',\n"
      "  expires_at TEXT NOT NULL DEFAULT '',\n  UNIQUE (user_id, name)\n) STRICT"));
  HOPTAC_RETURN_IF_ERROR(conn.Exec(
      "INSERT INTO api_tokens_v2 (id, name, token_hash, created_at, revoked) "
      "SELECT id, name, token_hash, created_at, revoked FROM api_tokens"));
  HOPTAC_RETURN_IF_ERROR(conn.Exec("DROP TABLE api_tokens"));
  return conn.Exec("ALTER TABLE api_tokens_v2 RENAME TO api_tokens");
}

const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> kMigrations = {
      {1, "record tables from the schema, change log, API tokens", Migration1},
      {2, "accounts, sessions, single-use tokens, owned API tokens, audit columns of the change log", Migration2},
  };
  return kMigrations;
}

Result<int> SchemaVersion(Connection& conn) {
  auto exists = TableExists(conn, "schema_migrations");
  if (!exists.ok()) return exists.status();
  if (!*exists) return 0;
  auto stmt = conn.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  if (!stmt.ok()) return stmt.status();
  auto row = stmt->Step();
  if (!row.ok()) return row.status();
  return static_cast<int>(stmt->Int(0));
}

Status Migrate(Connection& conn) {
  auto txn = Transaction::Begin(conn);
  if (!txn.ok()) return txn.status();
  HOPTAC_RETURN_IF_ERROR(conn.Exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL) STRICT"));
  auto current = SchemaVersion(conn);
  if (!current.ok()) return current.status();
  const int newest = Migrations().back().version;
  if (*current > newest) {
    return Status::Unavailable("the database is at schema version " + std::to_string(*current) +
                               ", newer than this hoptac understands (" + std::to_string(newest) + "); upgrade hoptac");
  }
  for (const auto& migration : Migrations()) {
    if (migration.version <= *current) continue;
    Status s = migration.apply(conn);
    if (!s.ok()) {
      return Status(s.code(), "migration " + std::to_string(migration.version) + " (" + migration.description +
                                  ") failed: " + s.message());
    }
    auto record = conn.Prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?1, ?2)");
    if (!record.ok()) return record.status();
    HOPTAC_RETURN_IF_ERROR(record->Bind(1, int64_t{migration.version}).Bind(2, NowIso8601()).Run());
  }
  HOPTAC_RETURN_IF_ERROR(Reconcile(conn));
  return txn->Commit();
}

}  // namespace hoptac::store::sqlite
