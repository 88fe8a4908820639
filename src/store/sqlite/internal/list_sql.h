// Turns a ListQuery into one parameterised SELECT over a type's table: equality filters on
// filterable columns, "list contains" for countries (json_each) and refs (junction table), ref,
// case-insensitive title prefix (a range on the fold column, so it can use its index), date range,
// published_only, the after_id cursor, ordered by id, fetching limit + 1 rows to know whether a
// further page exists. Filter values are only ever bound, never spliced into the SQL.
// Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/status.h"
#include "store/sqlite/internal/connection.h"
#include "store/sqlite/internal/record_codec.h"
#include "store/store.h"

namespace hoptac::store::sqlite {

inline constexpr int kMaxListLimit = 500;

struct ListSql {
  std::string sql;
  std::vector<std::variant<int64_t, double, std::string>> params;  // bound as ?1, ?2, ...
  int limit = 0;  // the page size after clamping; the SQL asks for limit + 1 rows
};

// InvalidArgument naming the field for an unknown or non-filterable field, a malformed int or bool
// value, a malformed date, or a prefix/date filter on a type without a title/date field.
Result<ListSql> BuildListSql(const TableLayout& layout, const ListQuery& query);

// Binds `sql.params` to a statement prepared from `sql.sql`.
void BindParams(const ListSql& sql, Stmt& stmt);

}  // namespace hoptac::store::sqlite
