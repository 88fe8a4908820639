#include "store/sqlite/internal/list_sql.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>
#include <tuple>
#include <type_traits>

#include "core/clock.h"
#include "store/sqlite/internal/schema_sql.h"
#include "text/codes.h"
#include "text/normalize.h"

namespace hoptac::store::sqlite {

namespace {

using domain::FieldKind;
using domain::FieldSpec;

// The largest code point, UTF-8 encoded: every string starting with P sorts before P + this.
constexpr std::string_view kMaxCodePoint = "\xF4\x8F\xBF\xBF";

class Builder {
 public:
  std::string Param(std::variant<int64_t, double, std::string> value) {
    params_.push_back(std::move(value));
    return "?" + std::to_string(params_.size());
  }
  void And(std::string condition) {
    where_ += where_.empty() ? " WHERE " : " AND ";
    where_ += condition;
  }
  const std::string& where() const { return where_; }
  std::vector<std::variant<int64_t, double, std::string>> TakeParams() { return std::move(params_); }

 private:
  std::string where_;
  std::vector<std::variant<int64_t, double, std::string>> params_;
};

Status BadValue(const std::string& field, const std::string& code, const std::string& message) {
  return Status::InvalidArgument("filter " + field + " " + message, {{field, code, message}});
}

std::optional<int64_t> ParseInt(std::string_view s) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

std::optional<double> ParseDouble(std::string_view s) {
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

std::optional<bool> ParseBool(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  if (s == "true" || s == "1") return true;
  if (s == "false" || s == "0") return false;
  return std::nullopt;
}

std::string Ascii(std::string s, bool upper) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [upper](unsigned char c) { return upper ? std::toupper(c) : std::tolower(c); });
  return s;
}

// Normalises a filter value as Validate normalises stored values, so `vn` finds `VN`.
std::string Canonical(const FieldSpec& field, const std::string& value) {
  switch (field.kind) {
    case FieldKind::kEnum: return Ascii(value, false);
    case FieldKind::kCountry:
    case FieldKind::kCountries:
    case FieldKind::kCurrency: return Ascii(value, true);
    case FieldKind::kLanguage:
    case FieldKind::kLanguages: return text::CanonicalLanguageTag(value).value_or(value);
    default: return value;
  }
}

Status AddEquals(const TableLayout& layout, const std::string& name, const std::string& raw, Builder& b) {
  const auto& type = *layout.type;
  const FieldSpec* field = type.Field(name);
  if (field == nullptr) {
    return Status::InvalidArgument(type.plural + " have no field '" + name + "' to filter by",
                                   {{name, "unknown_filter", "is not a field of " + type.name}});
  }
  if (!field->filterable || field->kind == FieldKind::kText) {
    return Status::InvalidArgument(type.plural + " cannot be filtered by '" + name + "'",
                                   {{name, "not_filterable", "cannot be used as a filter"}});
  }
  const std::string column = layout.table + "." + QuoteIdent(field->name);
  switch (field->kind) {
    case FieldKind::kInt: {
      auto v = ParseInt(raw);
      if (!v) return BadValue(name, "wrong_type", "must be a whole number");
      b.And(column + " = " + b.Param(*v));
      return Status::Ok();
    }
    case FieldKind::kNumber: {
      auto v = ParseDouble(raw);
      if (!v) return BadValue(name, "wrong_type", "must be a number");
      b.And(column + " = " + b.Param(*v));
      return Status::Ok();
    }
    case FieldKind::kBool: {
      auto v = ParseBool(raw);
      if (!v) return BadValue(name, "wrong_type", "must be true or false");
      b.And(column + " = " + b.Param(int64_t{*v ? 1 : 0}));
      return Status::Ok();
    }
    case FieldKind::kRef:
    case FieldKind::kRefs: {
      // An id, or else the ref of the target.
      const std::string target = QuoteIdent(TableName(*domain::FindType(field->target)));
      auto id = ParseInt(raw);
      std::string wanted =
          id && *id > 0 ? b.Param(*id) : "(SELECT id FROM " + target + " WHERE ref = " + b.Param(raw) + ")";
      if (field->kind == FieldKind::kRef) {
        b.And(column + " = " + wanted);
      } else {
        b.And(layout.table + ".id IN (SELECT owner FROM " + QuoteIdent(JunctionName(type, *field)) +
              " WHERE target = " + wanted + ")");
      }
      return Status::Ok();
    }
    case FieldKind::kCountries:
    case FieldKind::kLanguages:
      b.And("EXISTS (SELECT 1 FROM json_each(" + column +
            ") WHERE json_each.value = " + b.Param(Canonical(*field, raw)) + ")");
      return Status::Ok();
    default: b.And(column + " = " + b.Param(Canonical(*field, raw))); return Status::Ok();
  }
}

Status AddPrefix(const TableLayout& layout, const std::string& prefix, Builder& b) {
  if (layout.fold_column.empty()) {
    return Status::InvalidArgument(layout.type->plural + " have no title to filter by prefix",
                                   {{"prefix", "not_filterable", "this type has no title"}});
  }
  if (!text::IsValidUtf8(prefix)) return BadValue("prefix", "invalid_utf8", "is not valid UTF-8");
  std::string fold = text::FoldCase(prefix);
  if (fold.empty()) return Status::Ok();
  const std::string column = layout.table + "." + QuoteIdent(layout.fold_column);
  std::string upper = fold + std::string(kMaxCodePoint);
  // Two statements: the order of evaluation within one `+` chain is unspecified.
  const std::string low_param = b.Param(std::move(fold));
  const std::string high_param = b.Param(std::move(upper));
  b.And(column + " >= " + low_param + " AND " + column + " < " + high_param);
  return Status::Ok();
}

Status AddDates(const TableLayout& layout, const ListQuery& query, Builder& b) {
  const auto& type = *layout.type;
  for (const auto& [name, value, op] :
       {std::tuple{"date_from", &query.date_from, " >= "}, std::tuple{"date_to", &query.date_to, " <= "}}) {
    if (value->empty()) continue;
    if (type.date_field.empty()) {
      return Status::InvalidArgument(type.plural + " have no date to filter by",
                                     {{name, "not_filterable", "this type has no date field"}});
    }
    if (!IsValidDate(*value)) return BadValue(name, "invalid_date", "must be a date written YYYY-MM-DD");
    b.And(layout.table + "." + QuoteIdent(type.date_field) + op + b.Param(*value));
  }
  return Status::Ok();
}

}  // namespace

Result<ListSql> BuildListSql(const TableLayout& layout, const ListQuery& query) {
  Builder b;
  // With a range filter (prefix, dates) the cursor is written `+id > ?`, which keeps SQLite from
  // walking the whole table in id order (the plan it picks when the cursor's value is unknown at
  // prepare time) and lets it use the range's index; matches are then sorted by id.
  const bool range = !query.prefix.empty() || !query.date_from.empty() || !query.date_to.empty();
  b.And(std::string(range ? "+" : "") + layout.table + ".id > " + b.Param(query.after_id));
  for (const auto& [name, value] : query.equals) HOPTAC_RETURN_IF_ERROR(AddEquals(layout, name, value, b));
  if (query.ref) b.And(layout.table + ".ref = " + b.Param(*query.ref));
  if (!query.prefix.empty()) HOPTAC_RETURN_IF_ERROR(AddPrefix(layout, query.prefix, b));
  HOPTAC_RETURN_IF_ERROR(AddDates(layout, query, b));
  if (query.published_only && layout.type->visibility == domain::Visibility::kWhenPublished) {
    b.And(layout.table + "." + QuoteIdent("status") + " = " + b.Param(std::string("published")));
  }
  ListSql out;
  out.limit = std::clamp(query.limit, 1, kMaxListLimit);
  std::string limit = b.Param(int64_t{out.limit + 1});
  out.sql = layout.select_sql + b.where() + " ORDER BY " + layout.table + ".id LIMIT " + limit;
  out.params = b.TakeParams();
  return out;
}

void BindParams(const ListSql& sql, Stmt& stmt) {
  for (size_t i = 0; i < sql.params.size(); ++i) {
    const int index = static_cast<int>(i) + 1;
    std::visit(
        [&](const auto& v) {
          if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::string>) stmt.Bind(index, std::string_view(v));
          else stmt.Bind(index, v);
        },
        sql.params[i]);
  }
}

}  // namespace hoptac::store::sqlite
