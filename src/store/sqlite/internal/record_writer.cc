#include "store/sqlite/internal/record_writer.h"

#include <sqlite3.h>

#include <set>
#include <utility>

#include "store/sqlite/internal/schema_sql.h"

namespace hoptac::store::sqlite {

namespace {

using domain::FieldKind;
using domain::Record;
using domain::Value;

std::string Describe(const std::string& type, const Value& value) {
  if (value.is_int()) return "no " + type + " with id " + std::to_string(value.as_int());
  return "no " + type + " with ref '" + value.as_string() + "'";
}

}  // namespace

Status RecordWriter::CheckFieldNames(const TableLayout& layout, const Record& record) {
  std::vector<FieldError> errors;
  for (const auto& [name, value] : record.fields) {
    const auto* spec = layout.type->Field(name);
    if (spec == nullptr || spec->name != name) {
      errors.push_back({name, "unknown_field", "is not a field of " + layout.type->name});
    }
  }
  if (errors.empty()) return Status::Ok();
  std::string message = errors.front().field + " is not a field of " + layout.type->name;
  return Status::InvalidArgument(std::move(message), std::move(errors));
}

Result<int64_t> RecordWriter::ResolveOne(const std::string& target_type, const Value& value) {
  const TableLayout* target = FindLayout(target_type);
  if (target == nullptr) return Status::Internal("reference to unknown type " + target_type);
  auto stmt = conn_.Prepare(value.is_int() ? target->id_by_id_sql : target->id_by_ref_sql);
  if (!stmt.ok()) return stmt.status();
  if (value.is_int()) stmt->Bind(1, value.as_int());
  else stmt->Bind(1, std::string_view(value.as_string()));
  auto row = stmt->Step();
  if (!row.ok()) return row.status();
  return *row ? stmt->Int(0) : int64_t{0};
}

Status RecordWriter::ResolveRefs(const TableLayout& layout, Record& record) {
  std::vector<FieldError> errors;
  auto resolve = [&](const domain::FieldSpec& field, const std::string& path, Value& value) -> Status {
    if (!value.is_int() && !value.is_string()) {
      errors.push_back({path, "invalid_ref", "must be the id or the ref of a " + field.target});
      return Status::Ok();
    }
    auto id = ResolveOne(field.target, value);
    if (!id.ok()) return id.status();
    if (*id == 0) errors.push_back({path, "dangling_ref", Describe(field.target, value)});
    else value = Value(*id);
    return Status::Ok();
  };
  for (const auto& field : layout.type->fields) {
    if (field.kind != FieldKind::kRef && field.kind != FieldKind::kRefs) continue;
    auto it = record.fields.find(field.name);
    if (it == record.fields.end() || it->second.is_null()) continue;
    if (field.kind == FieldKind::kRef) {
      HOPTAC_RETURN_IF_ERROR(resolve(field, field.name, it->second));
      continue;
    }
    if (!it->second.is_list()) {
      errors.push_back({field.name, "wrong_type", "must be a list"});
      continue;
    }
    auto& list = it->second.as_list();
    const size_t errors_before = errors.size();
    for (size_t i = 0; i < list.size(); ++i) {
      HOPTAC_RETURN_IF_ERROR(resolve(field, field.name + "[" + std::to_string(i) + "]", list[i]));
    }
    if (errors.size() != errors_before) continue;
    // An id and a ref may name the same record; the list must still be distinct.
    std::set<int64_t> seen;
    for (const auto& item : list) {
      if (!seen.insert(item.as_int()).second) {
        errors.push_back({field.name, "duplicate", "lists the same record twice"});
        break;
      }
    }
  }
  if (errors.empty()) return Status::Ok();
  std::string message =
      "The " + layout.type->name + " has " +
      (errors.size() == 1 ? "an invalid reference" : std::to_string(errors.size()) + " invalid references") + ": " +
      errors.front().field + ": " + errors.front().message;
  return Status::InvalidArgument(std::move(message), std::move(errors));
}

Status RecordWriter::WriteRow(const TableLayout& layout, const Record& record, const std::string& sql,
                              const WriteContext& ctx, std::optional<int64_t> id) {
  auto stmt = conn_.Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  if (record.ref) stmt->Bind(1, std::string_view(*record.ref));
  else stmt->BindNull(1);
  stmt->Bind(2, std::string_view(ctx.now));
  auto next = BindFields(layout, record, *stmt);
  if (!next.ok()) return next.status();
  if (id) stmt->Bind(*next, *id);
  Status s = stmt->Run();
  if (s.ok()) return s;
  if (stmt->last_rc() == SQLITE_CONSTRAINT_UNIQUE && record.ref) {
    std::string message = "another " + layout.type->name + " already has ref '" + *record.ref + "'";
    return Status::Conflict(message, {{"ref", "duplicate_ref", message}});
  }
  return s;
}

Status RecordWriter::WriteJunctions(const TableLayout& layout, const Record& record, int64_t id, bool replace) {
  for (const auto& junction : layout.junctions) {
    if (replace) {
      auto clear = conn_.Prepare(junction.delete_sql);
      if (!clear.ok()) return clear.status();
      HOPTAC_RETURN_IF_ERROR(clear->Bind(1, id).Run());
    }
    const Value* list = record.Get(junction.field->name);
    if (list == nullptr) continue;
    auto insert = conn_.Prepare(junction.insert_sql);
    if (!insert.ok()) return insert.status();
    int64_t pos = 0;
    for (const auto& target : list->as_list()) {
      HOPTAC_RETURN_IF_ERROR(insert->Bind(1, id).Bind(2, pos++).Bind(3, target.as_int()).Run());
    }
  }
  return Status::Ok();
}

Status RecordWriter::AppendChange(const TableLayout& layout, int64_t id, const char* op, int64_t version,
                                  const WriteContext& ctx) {
  auto stmt = conn_.Prepare(
      "INSERT INTO changes (type, record_id, op, at, actor, version) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!stmt.ok()) return stmt.status();
  return stmt->Bind(1, std::string_view(layout.type->name))
      .Bind(2, id)
      .Bind(3, std::string_view(op))
      .Bind(4, std::string_view(ctx.now))
      .Bind(5, std::string_view(ctx.actor))
      .Bind(6, version)
      .Run();
}

Status RecordWriter::KeepHistory(const TableLayout& layout, int64_t id) {
  auto stmt = conn_.Prepare(layout.copy_to_history_sql);
  if (!stmt.ok()) return stmt.status();
  return stmt->Bind(1, id).Run();
}

Result<Record> RecordWriter::Insert(const TableLayout& layout, Record record, const WriteContext& ctx) {
  HOPTAC_RETURN_IF_ERROR(CheckFieldNames(layout, record));
  HOPTAC_RETURN_IF_ERROR(ResolveRefs(layout, record));
  HOPTAC_RETURN_IF_ERROR(WriteRow(layout, record, layout.insert_sql, ctx, std::nullopt));
  record.id = conn_.LastInsertRowid();
  HOPTAC_RETURN_IF_ERROR(WriteJunctions(layout, record, record.id, /*replace=*/false));
  HOPTAC_RETURN_IF_ERROR(AppendChange(layout, record.id, "create", 1, ctx));
  record.version = 1;
  record.created_at = ctx.now;
  record.updated_at = ctx.now;
  std::erase_if(record.fields, [](const auto& entry) { return entry.second.is_null(); });
  return record;
}

Result<Record> RecordWriter::Replace(const TableLayout& layout, Record record, std::optional<int64_t> expected_version,
                                     const WriteContext& ctx) {
  const std::string& type = layout.type->name;
  {
    auto current = conn_.Prepare("SELECT version, created_at FROM " + layout.table + " WHERE id = ?1");
    if (!current.ok()) return current.status();
    current->Bind(1, record.id);
    auto row = current->Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::NotFound("no " + type + " with id " + std::to_string(record.id));
    const int64_t version = current->Int(0);
    if (expected_version && *expected_version != version) {
      std::string message = type + " " + std::to_string(record.id) + " is at version " + std::to_string(version) +
                            ", not " + std::to_string(*expected_version) + ": someone else changed it";
      return Status::Conflict(message, {{"version", "stale_version", message}});
    }
    record.version = version + 1;
    record.created_at = current->Text(1);
  }
  HOPTAC_RETURN_IF_ERROR(CheckFieldNames(layout, record));
  HOPTAC_RETURN_IF_ERROR(ResolveRefs(layout, record));
  HOPTAC_RETURN_IF_ERROR(KeepHistory(layout, record.id));
  HOPTAC_RETURN_IF_ERROR(WriteRow(layout, record, layout.update_sql, ctx, record.id));
  HOPTAC_RETURN_IF_ERROR(WriteJunctions(layout, record, record.id, /*replace=*/true));
  HOPTAC_RETURN_IF_ERROR(AppendChange(layout, record.id, "update", record.version, ctx));
  record.updated_at = ctx.now;
  std::erase_if(record.fields, [](const auto& entry) { return entry.second.is_null(); });
  return record;
}

Status RecordWriter::Remove(const TableLayout& layout, int64_t id, const WriteContext& ctx) {
  const std::string name = layout.type->name + " " + std::to_string(id);
  int64_t version = 0;
  {
    auto exists = conn_.Prepare("SELECT version FROM " + layout.table + " WHERE id = ?1");
    if (!exists.ok()) return exists.status();
    auto row = exists->Bind(1, id).Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::NotFound("no " + layout.type->name + " with id " + std::to_string(id));
    version = exists->Int(0);
  }
  std::string holders;
  for (const auto& incoming : layout.incoming) {
    auto find = conn_.Prepare(incoming.find_sql);
    if (!find.ok()) return find.status();
    auto row = find->Bind(1, id).Step();
    if (!row.ok()) return row.status();
    if (!*row) continue;
    holders += (holders.empty() ? "" : ", ") + incoming.source->name + " " + std::to_string(find->Int(0)) + " (" +
               incoming.field->name + ")";
  }
  if (!holders.empty()) {
    std::string message = name + " is still referenced by " + holders + "; change or delete those first";
    return Status::Conflict(message, {{"id", "still_referenced", message}});
  }
  HOPTAC_RETURN_IF_ERROR(KeepHistory(layout, id));
  auto erase = conn_.Prepare("DELETE FROM " + layout.table + " WHERE id = ?1");
  if (!erase.ok()) return erase.status();
  Status s = erase->Bind(1, id).Run();
  if (!s.ok()) {
    if (erase->last_rc() == SQLITE_CONSTRAINT_FOREIGNKEY) {
      return Status::Conflict(name + " is still referenced by other records; change or delete those first");
    }
    return s;
  }
  return AppendChange(layout, id, "delete", version, ctx);
}

}  // namespace hoptac::store::sqlite
