#include "http/internal/search_params.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>
#include <set>
#include <vector>

#include "core/clock.h"
#include "domain/schema.h"
#include "text/codes.h"

namespace hoptac::http::internal {

namespace {

using Query = std::multimap<std::string, std::string>;

std::optional<std::string> Get(const Query& query, const std::string& name) {
  auto it = query.find(name);
  if (it == query.end()) return std::nullopt;
  return it->second;
}

std::optional<int64_t> ParseId(std::string_view s) {
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

// Reads a whole number parameter in [min, max].
std::optional<int64_t> IntParam(const Query& query, const std::string& name, int64_t def, int64_t min, int64_t max,
                                std::vector<FieldError>& errors) {
  auto v = Get(query, name);
  if (!v) return def;
  auto n = *v == "0" ? std::optional<int64_t>(0) : ParseId(*v);
  if (!n || *n < min || *n > max) {
    errors.push_back(
        {name, "out_of_range", "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max)});
    return std::nullopt;
  }
  return n;
}

bool InEnum(const std::string& type, const std::string& field, const std::string& value) {
  const domain::TypeSpec* t = domain::FindType(type);
  const domain::FieldSpec* f = t ? t->Field(field) : nullptr;
  return f && std::find(f->enum_values.begin(), f->enum_values.end(), value) != f->enum_values.end();
}

}  // namespace

Result<index::SearchQuery> ParseSearchQuery(const Query& query, const std::string& lang) {
  static const std::set<std::string> kKnown = {"q",        "type", "kind", "subject", "status", "country",
                                               "locality", "from", "to",   "lang",    "limit",  "cursor"};
  std::vector<FieldError> errors;
  for (const auto& [key, value] : query) {
    if (!kKnown.count(key)) errors.push_back({key, "unknown_filter", "is not a parameter of search"});
  }
  index::SearchQuery q;
  q.q = Get(query, "q").value_or("");
  q.lang = lang;
  if (auto types = Get(query, "type")) {
    size_t pos = 0;
    while (pos <= types->size()) {
      size_t comma = types->find(',', pos);
      std::string t = types->substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
      const domain::TypeSpec* spec = domain::FindType(t);
      if (!spec) spec = domain::FindTypeByPlural(t);
      if (!spec || (spec->name != "profile" && spec->name != "organisation" && spec->name != "case" &&
                    spec->name != "document")) {
        errors.push_back({"type", "invalid_enum", "'" + t + "' is not one of: profile, organisation, case, document"});
      } else {
        q.types.push_back(spec->name);
      }
      if (comma == std::string::npos) break;
      pos = comma + 1;
    }
  }
  q.kind = Get(query, "kind").value_or("");
  if (!q.kind.empty() && !InEnum("profile", "kind", q.kind) && !InEnum("organisation", "kind", q.kind))
    errors.push_back({"kind", "invalid_enum", "'" + q.kind + "' is not a profile or organisation kind"});
  q.subject = Get(query, "subject").value_or("");
  if (!q.subject.empty() && !InEnum("profile", "subject", q.subject))
    errors.push_back({"subject", "invalid_enum", "'" + q.subject + "' is not a profile subject"});
  q.status = Get(query, "status").value_or("");
  if (!q.status.empty() && !InEnum("profile", "status", q.status))
    errors.push_back({"status", "invalid_enum", "'" + q.status + "' is not a profile status"});
  q.country = Get(query, "country").value_or("");
  if (!q.country.empty()) {
    for (auto& c : q.country) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (!text::IsIsoCountry(q.country))
      errors.push_back({"country", "invalid_country", "'" + q.country + "' is not an ISO 3166-1 alpha-2 code"});
  }
  q.locality = Get(query, "locality").value_or("");
  for (const char* key : {"from", "to"}) {
    auto v = Get(query, key);
    if (!v) continue;
    if (!IsValidDate(*v))
      errors.push_back({key, "invalid_date", "must be a date written YYYY-MM-DD"});
    else
      (std::string_view(key) == "from" ? q.date_from : q.date_to) = *v;
  }
  auto limit = IntParam(query, "limit", 20, 1, 100, errors);
  if (limit) q.limit = static_cast<size_t>(*limit);
  if (auto cursor = Get(query, "cursor")) {
    auto offset = cursor->size() > 1 && (*cursor)[0] == 's' ? ParseId(cursor->substr(1)) : std::nullopt;
    if (!offset || *offset > 10000)
      errors.push_back({"cursor", "invalid_cursor", "is not a cursor this API returned"});
    else
      q.offset = static_cast<size_t>(*offset);
  }
  if (!errors.empty()) return Status::InvalidArgument("Bad search parameters.", std::move(errors));
  return q;
}

}  // namespace hoptac::http::internal
