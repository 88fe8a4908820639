// The SQLite schema of the store, generated from domain::Schema(), and its versioned migrations.
//
// Layout, per record type T (names quoted; T's fields in schema order):
//   t_T(id INTEGER PRIMARY KEY AUTOINCREMENT, ref TEXT UNIQUE, version, created_at, updated_at,
//       one column per field, and <title>_fold when T has a title field) STRICT
//     text        -> JSON {"lang","text","translations"}; countries/languages -> JSON array
//     ref(U)      -> INTEGER REFERENCES t_U(id) (no cascade: a referenced record cannot be deleted)
//     refs(U)     -> JSON array of ids (what reads use) + junction table j_T_<field>(owner, pos,
//                    target REFERENCES t_U(id)) that enforces the foreign keys and serves filters
//     number      -> ANY, so an integer stays an integer and a fraction a REAL
//     <title>_fold = text::FoldCase of the title's original text, for case-insensitive prefixes
//   i_T_<field> indexes on filterable, ref and date columns and on the fold column.
//   h_T: every superseded or deleted version of a T row (same columns as t_T minus the fold
//        column, no constraints), indexed by (id, version): the before/after of the audit trail.
// Plus changes (the change log: seq, type, record_id, op, at, actor, version after the change or
// the version deleted, detail JSON for account changes), api_tokens (per user, scoped, expiring),
// users, user_orgs, sessions, one_time_tokens and schema_migrations.
//
// Migrations: Migrations() is an append-only list; migration 1 creates the layout above. Migrate()
// runs, in one transaction, every migration newer than the database's version and then
// Reconcile, which adds any record table, column, junction table or index the schema declares and
// the database lacks. So adding a field or a type in schema.cc needs no migration; a rename, a type
// change or a data rewrite is appended to Migrations() as migration 2, 3, ...
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/schema.h"
#include "store/sqlite/internal/connection.h"

namespace hoptac::store::sqlite {

// Unquoted names.
std::string TableName(const domain::TypeSpec& type);                                     // t_case
std::string HistoryTableName(const domain::TypeSpec& type);                              // h_case
std::string JunctionName(const domain::TypeSpec& type, const domain::FieldSpec& field);  // j_agreement_parties
std::string IndexName(const domain::TypeSpec& type, std::string_view column);            // i_case_year
// The fold column of the type's title field, or "" when the type has none.
std::string FoldColumn(const domain::TypeSpec& type);

struct Migration {
  int version;
  std::string description;
  std::function<Status(Connection&)> apply;  // runs inside Migrate's transaction
};

const std::vector<Migration>& Migrations();

// Brings the database to the newest version (see above). Reopening an up-to-date database changes
// nothing. Fails with Unavailable if the database was written by a newer hoptac.
Status Migrate(Connection& conn);

// The schema version the database is at (0 for a new file).
Result<int> SchemaVersion(Connection& conn);

}  // namespace hoptac::store::sqlite
