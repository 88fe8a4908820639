#include "store/sqlite/internal/record_codec.h"

#include <nlohmann/json.hpp>

#include "store/sqlite/internal/schema_sql.h"
#include "text/normalize.h"

namespace hoptac::store::sqlite {

namespace {

using domain::FieldKind;
using domain::FieldSpec;
using domain::Record;
using domain::TypeSpec;
using domain::Value;
using Json = nlohmann::json;

bool IsPlainStringKind(FieldKind kind) {
  switch (kind) {
    case FieldKind::kString:
    case FieldKind::kEnum:
    case FieldKind::kCountry:
    case FieldKind::kLanguage:
    case FieldKind::kDate:
    case FieldKind::kEmail:
    case FieldKind::kUrl:
    case FieldKind::kCurrency: return true;
    default: return false;
  }
}

TableLayout BuildLayout(const TypeSpec& type) {
  TableLayout layout;
  layout.type = &type;
  layout.table = QuoteIdent(TableName(type));
  layout.fold_column = FoldColumn(type);

  std::string columns = "id, ref, version, created_at, updated_at";
  std::string insert_columns = "ref, version, created_at, updated_at";
  std::string insert_values = "?1, 1, ?2, ?2";
  std::string assignments = "ref = ?1, version = version + 1, updated_at = ?2";
  int param = kFirstFieldParam;
  auto add = [&](const std::string& name) {
    const std::string p = "?" + std::to_string(param++);
    insert_columns += ", " + QuoteIdent(name);
    insert_values += ", " + p;
    assignments += ", " + QuoteIdent(name) + " = " + p;
  };
  for (const auto& field : type.fields) {
    columns += ", " + QuoteIdent(field.name);
    add(field.name);
  }
  if (!layout.fold_column.empty()) add(layout.fold_column);

  layout.select_sql = "SELECT " + columns + " FROM " + layout.table;
  layout.select_by_id_sql = layout.select_sql + " WHERE id = ?1";
  layout.select_by_ref_sql = layout.select_sql + " WHERE ref = ?1";
  layout.insert_sql = "INSERT INTO " + layout.table + " (" + insert_columns + ") VALUES (" + insert_values + ")";
  layout.update_sql = "UPDATE " + layout.table + " SET " + assignments + " WHERE id = ?" + std::to_string(param);
  layout.id_by_id_sql = "SELECT id FROM " + layout.table + " WHERE id = ?1";
  layout.id_by_ref_sql = "SELECT id FROM " + layout.table + " WHERE ref = ?1";
  layout.history_table = QuoteIdent(HistoryTableName(type));
  layout.copy_to_history_sql = "INSERT INTO " + layout.history_table + " (" + columns + ") SELECT " + columns +
                               " FROM " + layout.table + " WHERE id = ?1";
  layout.select_history_sql = "SELECT " + columns + " FROM " + layout.history_table + " WHERE id = ?1 AND version = ?2";
  layout.purge_history_sql = "DELETE FROM " + layout.history_table + " WHERE id = ?1";

  for (const auto& field : type.fields) {
    if (field.kind != FieldKind::kRefs) continue;
    const std::string junction = QuoteIdent(JunctionName(type, field));
    layout.junctions.push_back({.field = &field,
                                .insert_sql = "INSERT INTO " + junction + " (owner, pos, target) VALUES (?1, ?2, ?3)",
                                .delete_sql = "DELETE FROM " + junction + " WHERE owner = ?1"});
  }
  for (const auto& source : domain::Schema()) {
    for (const auto& field : source.fields) {
      if (field.target != type.name) continue;
      std::string sql;
      if (field.kind == FieldKind::kRef) {
        sql = "SELECT id FROM " + QuoteIdent(TableName(source)) + " WHERE " + QuoteIdent(field.name) + " = ?1 LIMIT 1";
      } else if (field.kind == FieldKind::kRefs) {
        sql = "SELECT owner FROM " + QuoteIdent(JunctionName(source, field)) + " WHERE target = ?1 LIMIT 1";
      } else {
        continue;
      }
      layout.incoming.push_back({.source = &source, .field = &field, .find_sql = std::move(sql)});
    }
  }
  return layout;
}

const std::vector<TableLayout>& Layouts() {
  static const std::vector<TableLayout> kLayouts = [] {
    std::vector<TableLayout> out;
    for (const auto& type : domain::Schema()) out.push_back(BuildLayout(type));
    return out;
  }();
  return kLayouts;
}

Status WrongShape(const FieldSpec& field, const std::string& want) {
  return Status::InvalidArgument(field.name + " must be " + want, {{field.name, "wrong_type", "must be " + want}});
}

// JSON writing is hand-rolled: it is on the import path (two or three texts per record), where
// building nlohmann objects cost a tenth of the time. Reading uses nlohmann.
bool AppendJsonString(std::string_view s, std::string& out) {
  if (!text::IsValidUtf8(s)) return false;
  out += '"';
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          static constexpr char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out += kHex[(c >> 4) & 0xf];
          out += kHex[c & 0xf];
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return true;
}

// A JSON array of strings (countries, languages) or of ids (refs).
Result<std::string> EncodeList(const FieldSpec& field, const domain::List& list) {
  const bool ids = field.kind == FieldKind::kRefs;
  std::string out = "[";
  for (const auto& item : list) {
    if (out.size() > 1) out += ',';
    if (ids && item.is_int()) {
      out += std::to_string(item.as_int());
    } else if (ids || !item.is_string() || !AppendJsonString(item.as_string(), out)) {
      return WrongShape(field, ids ? "a list of record ids" : "a list of valid UTF-8 strings");
    }
  }
  out += ']';
  return out;
}

Status BindField(const FieldSpec& field, const Value& v, Stmt& stmt, int param) {
  if (IsPlainStringKind(field.kind)) {
    if (!v.is_string()) return WrongShape(field, "a string");
    stmt.Bind(param, std::string_view(v.as_string()));
    return Status::Ok();
  }
  switch (field.kind) {
    case FieldKind::kText: {
      if (!v.is_text()) return WrongShape(field, "multilingual text");
      auto json = EncodeText(v.as_text());
      if (!json.ok()) return WrongShape(field, "valid UTF-8 text");
      stmt.Bind(param, std::string_view(*json));
      return Status::Ok();
    }
    case FieldKind::kInt:
    case FieldKind::kRef:
      if (!v.is_int()) return WrongShape(field, field.kind == FieldKind::kRef ? "a record id" : "a whole number");
      stmt.Bind(param, v.as_int());
      return Status::Ok();
    case FieldKind::kNumber:
      if (v.is_int()) stmt.Bind(param, v.as_int());
      else if (v.is_double()) stmt.Bind(param, v.as_double());
      else return WrongShape(field, "a number");
      return Status::Ok();
    case FieldKind::kBool:
      if (!v.is_bool()) return WrongShape(field, "true or false");
      stmt.Bind(param, int64_t{v.as_bool() ? 1 : 0});
      return Status::Ok();
    case FieldKind::kCountries:
    case FieldKind::kLanguages:
    case FieldKind::kRefs: {
      if (!v.is_list()) return WrongShape(field, "a list");
      auto json = EncodeList(field, v.as_list());
      if (!json.ok()) return json.status();
      stmt.Bind(param, std::string_view(*json));
      return Status::Ok();
    }
    default: return Status::Internal("unhandled field kind for " + field.name);
  }
}

Status Corrupt(const Record& r, const FieldSpec& field) {
  return Status::Internal("stored " + r.type + " " + std::to_string(r.id) + " has an unreadable " + field.name +
                          " column");
}

Result<Value> DecodeList(const FieldSpec& field, std::string_view text) {
  Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_array()) return Status::Internal("not a JSON array");
  domain::List list;
  list.reserve(json.size());
  for (const auto& item : json) {
    if (field.kind == FieldKind::kRefs && item.is_number_integer()) list.emplace_back(item.get<int64_t>());
    else if (field.kind != FieldKind::kRefs && item.is_string()) list.emplace_back(item.get<std::string>());
    else return Status::Internal("unexpected list item");
  }
  return Value(std::move(list));
}

}  // namespace

const TableLayout* FindLayout(std::string_view type) {
  for (const auto& layout : Layouts()) {
    if (layout.type->name == type) return &layout;
  }
  return nullptr;
}

Result<std::string> EncodeText(const domain::Text& text) {
  std::string out;
  out.reserve(text.text.size() + 32);
  bool ok = true;
  out += "{\"lang\":";
  ok &= AppendJsonString(text.lang, out);
  out += ",\"text\":";
  ok &= AppendJsonString(text.text, out);
  if (!text.translations.empty()) {
    out += ",\"translations\":{";
    bool first = true;
    for (const auto& [tag, translated] : text.translations) {
      if (!first) out += ',';
      first = false;
      ok &= AppendJsonString(tag, out);
      out += ':';
      ok &= AppendJsonString(translated, out);
    }
    out += '}';
  }
  out += '}';
  if (!ok) return Status::InvalidArgument("text is not valid UTF-8", {{"", "invalid_utf8", "is not valid UTF-8"}});
  return out;
}

Result<domain::Text> DecodeText(std::string_view text) {
  Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return Status::Internal("text column is not a JSON object");
  domain::Text out;
  auto lang = json.find("lang");
  auto body = json.find("text");
  if (lang == json.end() || !lang->is_string() || body == json.end() || !body->is_string()) {
    return Status::Internal("text column lacks lang or text");
  }
  out.lang = lang->get<std::string>();
  out.text = body->get<std::string>();
  auto translations = json.find("translations");
  if (translations != json.end()) {
    if (!translations->is_object()) return Status::Internal("text translations are not an object");
    for (const auto& [tag, value] : translations->items()) {
      if (!value.is_string()) return Status::Internal("a text translation is not a string");
      out.translations.emplace(tag, value.get<std::string>());
    }
  }
  return out;
}

Result<int> BindFields(const TableLayout& layout, const Record& record, Stmt& stmt) {
  int param = kFirstFieldParam;
  for (const auto& field : layout.type->fields) {
    const Value* v = record.Get(field.name);
    if (v == nullptr) {
      stmt.BindNull(param++);
      continue;
    }
    HOPTAC_RETURN_IF_ERROR(BindField(field, *v, stmt, param++));
  }
  if (!layout.fold_column.empty()) {
    const Value* title = record.Get(layout.type->title_field);
    if (title == nullptr) stmt.BindNull(param);
    else if (title->is_text()) stmt.Bind(param, std::string_view(text::FoldCase(title->as_text().text)));
    else if (title->is_string()) stmt.Bind(param, std::string_view(text::FoldCase(title->as_string())));
    ++param;
  }
  return param;
}

Result<Record> ReadRecord(const TableLayout& layout, const Stmt& stmt) {
  Record r;
  r.type = layout.type->name;
  r.id = stmt.Int(0);
  if (!stmt.IsNull(1)) r.ref = stmt.Text(1);
  r.version = stmt.Int(2);
  r.created_at = stmt.Text(3);
  r.updated_at = stmt.Text(4);
  int col = kFirstFieldColumn;
  for (const auto& field : layout.type->fields) {
    const int c = col++;
    if (stmt.IsNull(c)) continue;
    Value v;
    if (IsPlainStringKind(field.kind)) {
      v = Value(stmt.Text(c));
    } else {
      switch (field.kind) {
        case FieldKind::kText: {
          auto text = DecodeText(stmt.TextView(c));
          if (!text.ok()) return Corrupt(r, field);
          v = Value(std::move(*text));
          break;
        }
        case FieldKind::kInt:
        case FieldKind::kRef: v = Value(stmt.Int(c)); break;
        case FieldKind::kNumber: v = stmt.IsInteger(c) ? Value(stmt.Int(c)) : Value(stmt.Double(c)); break;
        case FieldKind::kBool: v = Value(stmt.Int(c) != 0); break;
        case FieldKind::kCountries:
        case FieldKind::kLanguages:
        case FieldKind::kRefs: {
          auto list = DecodeList(field, stmt.TextView(c));
          if (!list.ok()) return Corrupt(r, field);
          v = std::move(*list);
          break;
        }
        default: return Corrupt(r, field);
      }
    }
    r.fields.emplace(field.name, std::move(v));
  }
  return r;
}

}  // namespace hoptac::store::sqlite
