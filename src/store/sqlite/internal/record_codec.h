// Record <-> row mapping for the SQLite store: for each record type, the SQL that reads and writes
// its table (built once from the schema, see schema_sql.h for the layout), how a Record's fields
// bind to that SQL, and how a row turns back into the same Record.
//
// Round trip: a validated Record with its refs resolved to ids reads back equal to what was written
// (Text with lang and translations, lists in order, int vs fraction for numbers, bools as bool).
// Layouts are immutable after first use and safe to share between threads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "domain/record.h"
#include "domain/schema.h"
#include "store/sqlite/internal/connection.h"

namespace hoptac::store::sqlite {

// Another type's field that points at this type; consulted before a delete.
struct IncomingRef {
  const domain::TypeSpec* source;
  const domain::FieldSpec* field;
  std::string find_sql;  // one param: the target id; returns the id of a referencing record
};

struct JunctionSql {
  const domain::FieldSpec* field;
  std::string insert_sql;  // (owner, pos, target)
  std::string delete_sql;  // (owner)
};

struct TableLayout {
  const domain::TypeSpec* type = nullptr;
  std::string table;        // quoted table name
  std::string fold_column;  // unquoted; empty when the type has no title field
  // Columns: id, ref, version, created_at, updated_at, then every field in schema order.
  std::string select_sql;         // ends after FROM; append WHERE ...
  std::string select_by_id_sql;   // select_sql WHERE id = ?1
  std::string select_by_ref_sql;  // select_sql WHERE ref = ?1
  // Params: 1 ref, 2 now, 3.. fields in schema order, then the fold column.
  std::string insert_sql;
  // Same params as insert_sql, then the id.
  std::string update_sql;
  // One param each; return the id when such a record exists (ref resolution, existence checks).
  std::string id_by_id_sql;
  std::string id_by_ref_sql;
  // History (the audit trail's before/after values): h_T holds every superseded or deleted version,
  // with the same columns as select_sql.
  std::string history_table;        // quoted h_T
  std::string copy_to_history_sql;  // one param: the id; copies the current row
  std::string select_history_sql;   // params: id, version
  std::string purge_history_sql;    // one param: the id
  std::vector<JunctionSql> junctions;
  std::vector<IncomingRef> incoming;
};

// nullptr for an unknown type.
const TableLayout* FindLayout(std::string_view type);

// Number of leading metadata columns in select_sql, and the first field parameter in insert/update.
inline constexpr int kFirstFieldColumn = 5;
inline constexpr int kFirstFieldParam = 3;

// Binds the record's fields, and the fold column, from parameter kFirstFieldParam on; returns the
// next free parameter index. Ref fields must already hold ids. Fields of the wrong shape (the record
// was not validated) are InvalidArgument naming the field.
Result<int> BindFields(const TableLayout& layout, const domain::Record& record, Stmt& stmt);

// The current row of a statement built on select_sql.
Result<domain::Record> ReadRecord(const TableLayout& layout, const Stmt& stmt);

// JSON encodings used for text and list columns (exposed for tests).
Result<std::string> EncodeText(const domain::Text& text);  // InvalidArgument if not valid UTF-8
Result<domain::Text> DecodeText(std::string_view json);

}  // namespace hoptac::store::sqlite
