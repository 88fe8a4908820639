#include "domain/validate.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include "core/clock.h"
#include "text/codes.h"
#include "text/language_id.h"
#include "text/normalize.h"

namespace hoptac::domain {

namespace {

using K = FieldKind;

struct Checker {
  std::vector<FieldError> errors;

  void Fail(const std::string& field, const char* code, std::string message) {
    errors.push_back({field, code, std::move(message)});
  }

  static std::string Lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
  }
  static std::string Upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
    return s;
  }

  bool CheckString(const std::string& path, std::string& s, size_t max_length) {
    if (!text::IsValidUtf8(s)) {
      Fail(path, "invalid_utf8", "is not valid UTF-8");
      return false;
    }
    s = text::CleanField(s);
    if (s.size() > max_length) {
      Fail(path, "too_long", "is longer than " + std::to_string(max_length) + " bytes");
      return false;
    }
    return true;
  }

  void CheckText(const std::string& path, Value& v, const FieldSpec& spec) {
    if (v.is_string()) v = Value(Text{.lang = "", .text = v.as_string()});
    if (!v.is_text()) return Fail(path, "wrong_type", "must be a string or {\"lang\", \"text\"}");
    Text& t = std::get<Text>(v.v);
    if (!CheckString(path, t.text, spec.max_length)) return;
    if (t.text.empty()) return Fail(path, "empty", "must not be empty");
    if (t.lang.empty()) {
      t.lang = text::DetectLanguage(t.text);
    } else if (auto tag = text::CanonicalLanguageTag(t.lang)) {
      t.lang = *tag;
    } else {
      return Fail(path + ".lang", "invalid_language", "'" + t.lang + "' is not a BCP-47 language tag");
    }
    std::map<std::string, std::string> clean;
    for (auto& [lang, tr] : t.translations) {
      auto tag = text::CanonicalLanguageTag(lang);
      if (!tag) {
        Fail(path + ".translations." + lang, "invalid_language", "'" + lang + "' is not a BCP-47 language tag");
        continue;
      }
      std::string s = tr;
      if (CheckString(path + ".translations." + lang, s, spec.max_length)) clean[*tag] = std::move(s);
    }
    t.translations = std::move(clean);
  }

  void CheckCountry(const std::string& path, Value& v) {
    if (!v.is_string()) return Fail(path, "wrong_type", "must be a country code string");
    if (!text::IsIsoCountry(v.as_string()))
      return Fail(path, "invalid_country", "'" + v.as_string() + "' is not an ISO 3166-1 alpha-2 country code");
    v = Value(Upper(v.as_string()));
  }

  void CheckLanguage(const std::string& path, Value& v) {
    if (!v.is_string()) return Fail(path, "wrong_type", "must be a language tag string");
    auto tag = text::CanonicalLanguageTag(v.as_string());
    if (!tag) return Fail(path, "invalid_language", "'" + v.as_string() + "' is not a BCP-47 language tag");
    v = Value(*tag);
  }

  void CheckRef(const std::string& path, Value& v, const FieldSpec& spec) {
    if (v.is_int() && v.as_int() > 0) return;
    if (v.is_string() && !v.as_string().empty() && v.as_string().size() <= 200 &&
        text::IsValidUtf8(v.as_string()))
      return;
    Fail(path, "invalid_ref", "must be the id (a positive integer) or the ref (a string) of a " + spec.target);
  }

  template <typename F>
  void CheckList(const std::string& path, Value& v, F&& each) {
    if (!v.is_list()) return Fail(path, "wrong_type", "must be a list");
    auto& list = v.as_list();
    if (list.size() > 1000) return Fail(path, "too_long", "has more than 1000 items");
    for (size_t i = 0; i < list.size(); ++i) each(path + "[" + std::to_string(i) + "]", list[i]);
  }

  void CheckField(const FieldSpec& spec, Value& v) {
    const std::string& path = spec.name;
    switch (spec.kind) {
      case K::kText:
        return CheckText(path, v, spec);
      case K::kString:
        if (!v.is_string()) return Fail(path, "wrong_type", "must be a string");
        CheckString(path, std::get<std::string>(v.v), spec.max_length);
        return;
      case K::kEnum: {
        if (!v.is_string()) return Fail(path, "wrong_type", "must be a string");
        std::string s = Lower(v.as_string());
        if (std::find(spec.enum_values.begin(), spec.enum_values.end(), s) == spec.enum_values.end()) {
          std::string allowed;
          for (const auto& e : spec.enum_values) allowed += (allowed.empty() ? "" : ", ") + e;
          return Fail(path, "invalid_enum", "'" + v.as_string() + "' is not one of: " + allowed);
        }
        v = Value(s);
        return;
      }
      case K::kCountry:
        return CheckCountry(path, v);
      case K::kCountries:
        CheckList(path, v, [&](const std::string& p, Value& item) { CheckCountry(p, item); });
        return;
      case K::kLanguage:
        return CheckLanguage(path, v);
      case K::kLanguages:
        CheckList(path, v, [&](const std::string& p, Value& item) { CheckLanguage(p, item); });
        return;
      case K::kDate:
        if (!v.is_string() || !IsValidDate(v.as_string()))
          return Fail(path, "invalid_date", "must be a date written YYYY-MM-DD");
        return;
      case K::kInt:
        if (v.is_double() && std::floor(v.as_double()) == v.as_double() && std::abs(v.as_double()) < 9e15)
          v = Value(static_cast<int64_t>(v.as_double()));
        if (!v.is_int()) return Fail(path, "wrong_type", "must be a whole number");
        if (spec.has_min && v.as_int() < spec.min)
          return Fail(path, "too_small", "must be at least " + std::to_string(spec.min));
        return;
      case K::kNumber:
        if (!v.is_int() && !v.is_double()) return Fail(path, "wrong_type", "must be a number");
        if (!std::isfinite(v.as_double())) return Fail(path, "wrong_type", "must be a finite number");
        if (spec.has_min && v.as_double() < static_cast<double>(spec.min))
          return Fail(path, "too_small", "must be at least " + std::to_string(spec.min));
        return;
      case K::kBool:
        if (!v.is_bool()) return Fail(path, "wrong_type", "must be true or false");
        return;
      case K::kEmail: {
        if (!v.is_string()) return Fail(path, "wrong_type", "must be a string");
        std::string s = text::CleanField(v.as_string());
        auto at = s.find('@');
        bool ok = s.size() <= 254 && at != std::string::npos && at > 0 && s.find('@', at + 1) == std::string::npos &&
                  s.find('.', at) != std::string::npos && s.back() != '.' &&
                  std::none_of(s.begin(), s.end(), [](unsigned char c) { return c <= ' '; });
        if (!ok) return Fail(path, "invalid_email", "'" + v.as_string() + "' is not an e-mail address");
        v = Value(s);
        return;
      }
      case K::kUrl: {
        if (!v.is_string()) return Fail(path, "wrong_type", "must be a string");
        const std::string& s = v.as_string();
        bool ok = (s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0) && s.size() > 8 && s.size() <= 2000 &&
                  std::none_of(s.begin(), s.end(), [](unsigned char c) { return c <= ' '; });
        if (!ok) return Fail(path, "invalid_url", "must be an http:// or https:// address");
        return;
      }
      case K::kCurrency:
        if (!v.is_string() || !text::IsIsoCurrency(v.as_string()))
          return Fail(path, "invalid_currency", "must be an ISO 4217 currency code such as CNY, VND or USD");
        v = Value(Upper(v.as_string()));
        return;
      case K::kRef:
        return CheckRef(path, v, spec);
      case K::kRefs:
        CheckList(path, v, [&](const std::string& p, Value& item) { CheckRef(p, item, spec); });
        if (!errors.empty()) return;
        {
          std::set<std::string> seen;
          for (const auto& item : v.as_list()) {
            std::string key = item.is_int() ? std::to_string(item.as_int()) : "ref:" + item.as_string();
            if (!seen.insert(key).second) return Fail(path, "duplicate", "lists the same record twice");
          }
        }
        return;
    }
  }

  void TypeRules(const TypeSpec& type, Record& r) {
    if (type.name == "session") {
      const Value* start = r.Get("start_date");
      const Value* end = r.Get("end_date");
      if (start && end && start->is_string() && end->is_string() && end->as_string() < start->as_string())
        Fail("end_date", "date_order", "must be on or after start_date");
    }
    if (type.name == "agreement") {
      const Value* parties = r.Get("parties");
      if (parties && parties->is_list() && parties->as_list().size() < 2)
        Fail("parties", "too_few_parties", "an agreement needs two or more parties");
    }
    if (type.name == "project") {
      const Value* value = r.Get("value");
      if (value && !r.Get("currency")) Fail("currency", "required", "is required when value is given");
    }
  }
};

}  // namespace

Status Validate(const TypeSpec& type, Record& record, ValidateMode /*mode*/) {
  Checker c;
  if (record.ref) {
    std::string& ref = *record.ref;
    if (c.CheckString("ref", ref, 200) && ref.empty()) c.Fail("ref", "empty", "must not be empty");
  }
  for (auto it = record.fields.begin(); it != record.fields.end();) {
    if (!type.Field(it->first) || type.Field(it->first)->name != it->first) {
      c.Fail(it->first, "unknown_field", "is not a field of " + type.name);
      ++it;
    } else if (it->second.is_null()) {
      it = record.fields.erase(it);
    } else {
      ++it;
    }
  }
  for (const auto& spec : type.fields) {
    auto it = record.fields.find(spec.name);
    if (it == record.fields.end()) {
      if (!spec.default_value.empty()) {
        if (spec.kind == K::kBool) record.fields[spec.name] = Value(spec.default_value == "true");
        else record.fields[spec.name] = Value(spec.default_value);
      } else if (spec.required) {
        c.Fail(spec.name, "required", "is required");
      }
      continue;
    }
    c.CheckField(spec, it->second);
    if (spec.required && it->second.is_list() && it->second.as_list().empty())
      c.Fail(spec.name, "required", "needs at least one item");
  }
  if (c.errors.empty()) c.TypeRules(type, record);
  if (!c.errors.empty()) {
    std::string msg = "The " + type.name + " has " + std::to_string(c.errors.size()) + " invalid field" +
                      (c.errors.size() > 1 ? "s" : "") + ": " + c.errors.front().field + " " + c.errors.front().message;
    return Status::InvalidArgument(std::move(msg), std::move(c.errors));
  }
  return Status::Ok();
}

Status ApplyPatch(const TypeSpec& type, const Record& patch, Record& base) {
  if (patch.ref) base.ref = patch.ref;
  for (const auto& [name, value] : patch.fields) {
    if (value.is_null()) base.fields.erase(name);
    else base.fields[name] = value;
  }
  return Validate(type, base, ValidateMode::kReplace);
}

}  // namespace hoptac::domain
