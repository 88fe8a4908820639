// The write side of the SQLite store: insert, replace and delete one record on the writer
// connection, inside a transaction the caller has begun, each appending its row to the change log
// and keeping the version it replaces or deletes in the type's history table.
// Resolves ref fields (ids or ref strings) against the target tables within that transaction, so an
// import sees its own earlier inserts.
//
// Not thread-safe: used under the store's writer mutex only. On an error the caller rolls back.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/status.h"
#include "domain/record.h"
#include "store/sqlite/internal/connection.h"
#include "store/sqlite/internal/record_codec.h"

namespace hoptac::store::sqlite {

struct WriteContext {
  std::string now;    // ISO 8601 UTC, shared by every row the write touches
  std::string actor;  // recorded in the change log
};

class RecordWriter {
 public:
  explicit RecordWriter(Connection& conn) : conn_(conn) {}

  // Assigns id, version 1 and timestamps; returns the record as stored (refs as ids).
  Result<domain::Record> Insert(const TableLayout& layout, domain::Record record, const WriteContext& ctx);
  // Full replacement of record.id's fields and ref; version + 1.
  Result<domain::Record> Replace(const TableLayout& layout, domain::Record record,
                                 std::optional<int64_t> expected_version, const WriteContext& ctx);
  // Conflict, naming the referencing records, while other records point at it.
  Status Remove(const TableLayout& layout, int64_t id, const WriteContext& ctx);

 private:
  Status CheckFieldNames(const TableLayout& layout, const domain::Record& record);
  // Replaces ref strings by ids; InvalidArgument with a "dangling_ref" error per unknown target.
  Status ResolveRefs(const TableLayout& layout, domain::Record& record);
  Result<int64_t> ResolveOne(const std::string& target_type, const domain::Value& value);
  Status WriteRow(const TableLayout& layout, const domain::Record& record, const std::string& sql,
                  const WriteContext& ctx, std::optional<int64_t> id);
  Status WriteJunctions(const TableLayout& layout, const domain::Record& record, int64_t id, bool replace);
  // `version`: the version the change produced, or for a delete the version deleted.
  Status AppendChange(const TableLayout& layout, int64_t id, const char* op, int64_t version, const WriteContext& ctx);
  // Copies the current row of `id` into the type's history table before it is replaced or deleted.
  Status KeepHistory(const TableLayout& layout, int64_t id);

  Connection& conn_;
};

}  // namespace hoptac::store::sqlite
