#include "app/record_json.h"

#include <nlohmann/json.hpp>

#include "text/normalize.h"

namespace hoptac::app {

namespace {

using domain::FieldKind;
using domain::List;
using domain::Record;
using domain::Text;
using domain::Value;
using json = nlohmann::json;

struct Reader {
  std::vector<FieldError> errors;

  void Fail(const std::string& field, const char* code, std::string message) {
    errors.push_back({field, code, std::move(message)});
  }

  // Generic JSON -> Value; objects are only accepted for text fields.
  Value Scalar(const std::string& path, const json& j) {
    switch (j.type()) {
      case json::value_t::null: return {};
      case json::value_t::boolean: return Value(j.get<bool>());
      case json::value_t::number_integer: return Value(j.get<int64_t>());
      case json::value_t::number_unsigned: {
        auto u = j.get<uint64_t>();
        if (u > static_cast<uint64_t>(INT64_MAX)) {
          Fail(path, "out_of_range", "is too large");
          return {};
        }
        return Value(static_cast<int64_t>(u));
      }
      case json::value_t::number_float: return Value(j.get<double>());
      case json::value_t::string: return Value(j.get<std::string>());
      case json::value_t::array: {
        List list;
        list.reserve(j.size());
        for (size_t i = 0; i < j.size(); ++i) {
          const auto& item = j[i];
          if (item.is_array() || item.is_object() || item.is_null()) {
            Fail(path + "[" + std::to_string(i) + "]", "wrong_type", "must be a single value");
            continue;
          }
          list.push_back(Scalar(path, item));
        }
        return Value(std::move(list));
      }
      default:
        Fail(path, "wrong_type", "must not be an object");
        return {};
    }
  }

  Value TextValue(const std::string& path, const json& j) {
    if (!j.is_object()) return Scalar(path, j);
    Text t;
    for (const auto& [key, item] : j.items()) {
      if (key == "lang" && item.is_string()) t.lang = item.get<std::string>();
      else if (key == "text" && item.is_string()) t.text = item.get<std::string>();
      else if (key == "translations" && item.is_object()) {
        for (const auto& [lang, tr] : item.items()) {
          if (!tr.is_string()) Fail(path + ".translations." + lang, "wrong_type", "must be a string");
          else t.translations[lang] = tr.get<std::string>();
        }
      } else if (key == "lang" || key == "text" || key == "translations") {
        Fail(path + "." + key, "wrong_type", key == "translations" ? "must be an object" : "must be a string");
      } else {
        Fail(path + "." + key, "unknown_field", "is not part of a text (lang, text, translations)");
      }
    }
    if (t.text.empty() && !j.contains("text")) Fail(path + ".text", "required", "is required");
    return Value(std::move(t));
  }
};

json TextJson(const Text& t) {
  json j = {{"lang", t.lang}, {"text", t.text}};
  if (!t.translations.empty()) j["translations"] = t.translations;
  return j;
}

json ValueJson(const Value& v) {
  return std::visit(
      [](const auto& x) -> json {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate>) return nullptr;
        else if constexpr (std::is_same_v<T, Text>) return TextJson(x);
        else if constexpr (std::is_same_v<T, List>) {
          json arr = json::array();
          for (const auto& item : x) arr.push_back(ValueJson(item));
          return arr;
        } else return x;
      },
      v.v);
}

}  // namespace

namespace {

Result<json> Parse(std::string_view body) {
  try {
    return json::parse(body.begin(), body.end());
  } catch (const json::parse_error& e) {
    std::string what = e.what();
    // nlohmann's message starts with "[json.exception.parse_error.101] "; keep the readable part.
    auto pos = what.find("] ");
    std::string detail = pos == std::string::npos ? what : what.substr(pos + 2);
    const char* code = detail.find("UTF-8") != std::string::npos ? "invalid_utf8" : "malformed_json";
    return Status::InvalidArgument("The body is not valid JSON: " + detail, {{"", code, detail}});
  } catch (const json::exception& e) {
    // Numbers beyond double range ("1e400") and similar: the JSON is well-formed but unusable.
    return Status::InvalidArgument("The body has a value out of range.",
                                   {{"", "out_of_range", "a number is too large to be represented"}});
  }
}

Result<Record> FromObject(const domain::TypeSpec& type, const json& j, JsonSource source) {
  if (!j.is_object()) {
    return Status::InvalidArgument("The body must be a JSON object.", {{"", "wrong_type", "must be a JSON object"}});
  }
  Reader r;
  Record record;
  record.type = type.name;
  for (const auto& [key, item] : j.items()) {
    if (key == "ref") {
      if (item.is_null()) continue;
      if (!item.is_string()) r.Fail("ref", "wrong_type", "must be a string");
      else record.ref = item.get<std::string>();
      continue;
    }
    if (key == "type" && source == JsonSource::kJsonl) continue;
    if (key == "id" || key == "version" || key == "created_at" || key == "updated_at") continue;
    const domain::FieldSpec* spec = type.Field(key);
    if (!spec) {
      r.Fail(key, "unknown_field", "is not a field of " + type.name);
      continue;
    }
    if (record.fields.count(spec->name)) {
      r.Fail(key, "duplicate_field", "is given twice (as " + spec->name + " and its alias)");
      continue;
    }
    record.fields[spec->name] = spec->kind == FieldKind::kText ? r.TextValue(spec->name, item)
                                                               : r.Scalar(spec->name, item);
  }
  if (!r.errors.empty()) {
    std::string msg = "The " + type.name + " has " + std::to_string(r.errors.size()) + " invalid field" +
                      (r.errors.size() > 1 ? "s" : "") + ": " + r.errors.front().field + " " +
                      r.errors.front().message;
    return Status::InvalidArgument(std::move(msg), std::move(r.errors));
  }
  return record;
}

}  // namespace

Result<Record> RecordFromJson(const domain::TypeSpec& type, std::string_view body, JsonSource source) {
  auto j = Parse(body);
  if (!j.ok()) return j.status();
  return FromObject(type, *j, source);
}

Result<Record> RecordFromJsonlLine(std::string_view line) {
  auto j = Parse(line);
  if (!j.ok()) return j.status();
  if (!j->is_object()) {
    return Status::InvalidArgument("The line must be a JSON object.", {{"", "wrong_type", "must be a JSON object"}});
  }
  auto t = j->find("type");
  if (t == j->end() || !t->is_string()) {
    return Status::InvalidArgument("The line has no \"type\".", {{"type", "required", "is required"}});
  }
  const domain::TypeSpec* type = domain::FindType(t->get<std::string>());
  if (!type) {
    std::string known;
    for (const auto& ts : domain::Schema()) known += (known.empty() ? "" : ", ") + ts.name;
    return Status::InvalidArgument("Unknown record type '" + t->get<std::string>() + "'.",
                                   {{"type", "invalid_enum", "is not one of: " + known}});
  }
  return FromObject(*type, *j, JsonSource::kJsonl);
}

namespace {

// {"id","ref", then the fields in schema order, `keep` deciding which}.
template <typename Keep>
nlohmann::ordered_json FieldsJson(const domain::TypeSpec& type, const Record& record, Keep keep) {
  // ordered_json keeps id and ref first, then the fields in schema order: easier to read.
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  j["id"] = record.id;
  j["ref"] = record.ref ? nlohmann::ordered_json(*record.ref) : nlohmann::ordered_json(nullptr);
  for (const auto& spec : type.fields) {
    if (!keep(spec.name)) continue;
    auto it = record.fields.find(spec.name);
    if (it != record.fields.end() && !it->second.is_null()) j[spec.name] = nlohmann::ordered_json(ValueJson(it->second));
  }
  return j;
}

}  // namespace

std::string RecordSummaryJson(const domain::TypeSpec& type, const Record& record,
                              std::initializer_list<std::string_view> fields) {
  auto keep = [&](const std::string& name) {
    for (auto f : fields) {
      if (f == name) return true;
    }
    return false;
  };
  return FieldsJson(type, record, keep).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string RecordToJson(const domain::TypeSpec& type, const Record& record) {
  auto j = FieldsJson(type, record, [](const std::string&) { return true; });
  j["version"] = record.version;
  j["created_at"] = record.created_at;
  j["updated_at"] = record.updated_at;
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace hoptac::app
