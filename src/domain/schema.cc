#include "domain/schema.h"

namespace hoptac::domain {

namespace {

using K = FieldKind;

FieldSpec Text(std::string name, bool required = false) {
  return {.name = std::move(name), .kind = K::kText, .required = required};
}
FieldSpec Str(std::string name, size_t max_length = 2000) {
  return {.name = std::move(name), .kind = K::kString, .max_length = max_length};
}
FieldSpec Enum(std::string name, std::vector<std::string> values, std::string def = {}, bool required = false) {
  return {.name = std::move(name), .kind = K::kEnum, .required = required, .enum_values = std::move(values),
          .default_value = std::move(def), .filterable = true};
}
FieldSpec Ref(std::string name, std::string target, bool required = false, std::string alias = {}) {
  return {.name = std::move(name), .kind = K::kRef, .required = required, .target = std::move(target),
          .alias = std::move(alias), .filterable = true};
}
FieldSpec Refs(std::string name, std::string target, bool required = false) {
  return {.name = std::move(name), .kind = K::kRefs, .required = required, .target = std::move(target),
          .filterable = true};
}
FieldSpec Country(std::string name, bool required = false) {
  return {.name = std::move(name), .kind = K::kCountry, .required = required, .filterable = true};
}
FieldSpec Of(std::string name, FieldKind kind, bool required = false) {
  return {.name = std::move(name), .kind = kind, .required = required};
}

std::vector<TypeSpec> Build() {
  std::vector<TypeSpec> types;
  types.push_back({
      .name = "organisation",
      .plural = "organisations",
      .fields = {Text("name", true),
                 Enum("kind", {"enterprise", "university", "research_institute", "government", "hospital",
                               "cooperative", "association", "training_provider"}, {}, true),
                 Country("country", true),
                 {.name = "locality", .kind = K::kString, .alias = "region", .filterable = true,
                  .max_length = 200},
                 {.name = "locality_code", .kind = K::kString, .filterable = true, .max_length = 6},
                 Text("description"), Of("website", K::kUrl)},
      .title_field = "name",
  });
  types.push_back({
      .name = "person",
      .plural = "people",
      .fields = {{.name = "name", .kind = K::kString, .required = true, .max_length = 300},
                 Ref("organisation", "organisation", false, "org"), Str("role", 300), Of("email", K::kEmail),
                 Of("languages", K::kLanguages), Country("country"),
                 {.name = "locality", .kind = K::kString, .filterable = true, .max_length = 200}},
      .title_field = "name",
      .visibility = Visibility::kPrivate,
  });
  types.push_back({
      .name = "profile",
      .plural = "profiles",
      .fields = {Ref("organisation", "organisation", true, "org"), Enum("kind", {"offer", "request"}, {}, true),
                 Enum("subject", {"technology", "business", "research", "training", "investment"}, "technology"),
                 Text("title", true), Text("summary"),
                 {.name = "target_countries", .kind = K::kCountries, .filterable = true},
                 Of("deadline", K::kDate), Enum("status", {"draft", "published", "closed"}, "draft")},
      .title_field = "title",
      .date_field = "deadline",
      .visibility = Visibility::kWhenPublished,
  });
  types.push_back({
      .name = "case",
      .plural = "cases",
      .fields = {Text("title", true), Text("summary"), Ref("supplier", "organisation"),
                 Ref("adopter", "organisation"), Country("country"),
                 {.name = "locality", .kind = K::kString, .filterable = true, .max_length = 200},
                 {.name = "domain", .kind = K::kString, .filterable = true, .max_length = 100},
                 {.name = "year", .kind = K::kInt, .min = 1900, .has_min = true, .filterable = true},
                 Text("outcome")},
      .title_field = "title",
  });
  types.push_back({
      .name = "agreement",
      .plural = "agreements",
      .fields = {Text("title", true), Refs("parties", "organisation", true),
                 Enum("agreement_type", {"mou", "framework", "contract"}, {}, true), Of("signed_date", K::kDate),
                 Str("signed_place", 300),
                 Enum("status", {"draft", "signed", "in_force", "completed", "terminated"}, "signed")},
      .title_field = "title",
      .date_field = "signed_date",
  });
  types.push_back({
      .name = "project",
      .plural = "projects",
      .fields = {Text("title", true), Text("summary"), Refs("parties", "organisation", true),
                 Enum("stage", {"proposed", "negotiating", "signed", "in_progress", "completed", "dropped"},
                      "proposed"),
                 {.name = "value", .kind = K::kNumber, .min = 0, .has_min = true}, Of("currency", K::kCurrency),
                 Ref("agreement", "agreement"), Ref("case", "case"), Country("country"),
                 Of("start_date", K::kDate)},
      .title_field = "title",
      .date_field = "start_date",
  });
  types.push_back({
      .name = "programme",
      .plural = "programmes",
      .fields = {Text("title", true), Text("description"), Ref("provider", "organisation"),
                 {.name = "target_countries", .kind = K::kCountries, .filterable = true},
                 {.name = "language", .kind = K::kLanguage, .filterable = true}},
      .title_field = "title",
  });
  types.push_back({
      .name = "session",
      .plural = "sessions",
      .fields = {Ref("programme", "programme", true), Text("title"), Of("start_date", K::kDate, true),
                 Of("end_date", K::kDate, true), Str("venue", 500),
                 {.name = "online", .kind = K::kBool, .default_value = "false", .filterable = true},
                 {.name = "language", .kind = K::kLanguage, .filterable = true},
                 {.name = "capacity", .kind = K::kInt, .min = 1, .has_min = true}, Country("country"),
                 {.name = "locality", .kind = K::kString, .filterable = true, .max_length = 200}},
      .title_field = "title",
      .date_field = "start_date",
  });
  types.push_back({
      .name = "enrolment",
      .plural = "enrolments",
      .fields = {Ref("person", "person", true), Ref("session", "session", true),
                 Enum("status", {"applied", "accepted", "waitlisted", "attended", "completed", "cancelled", "rejected"},
                      "applied")},
      .title_field = "",
      .visibility = Visibility::kPrivate,
  });
  types.push_back({
      .name = "document",
      .plural = "documents",
      .fields = {Text("title", true), {.name = "body", .kind = K::kText, .required = true, .max_length = 1 << 20},
                 Of("date", K::kDate), Str("source", 300), Of("url", K::kUrl)},
      .title_field = "title",
      .date_field = "date",
  });
  // An expression of interest in a profile: who is interested, how to reach them, what they say.
  // Private: it holds a person's contact details.
  types.push_back({
      .name = "interest",
      .plural = "interests",
      .fields = {Ref("profile", "profile", true), Ref("organisation", "organisation", false, "org"),
                 {.name = "name", .kind = K::kString, .required = true, .max_length = 300},
                 Of("email", K::kEmail, true), {.name = "message", .kind = K::kText, .required = true, .max_length = 5000},
                 Enum("status", {"new", "accepted", "declined", "withdrawn"}, "new")},
      .title_field = "name",
      .visibility = Visibility::kPrivate,
  });
  // A person's consent, recorded when personal data crosses a border (China's PIPL, Viet Nam's
  // Decree 13/2023): to whom, under which law, with which wording, and when it was withdrawn.
  types.push_back({
      .name = "consent",
      .plural = "consents",
      .fields = {Ref("person", "person", true),
                 Enum("purpose", {"cross_border_transfer", "training_records", "contact"}, "cross_border_transfer"),
                 Enum("law", {"pipl", "decree_13_2023", "pipl_and_decree_13_2023"}, {}, true),
                 Country("destination_country", true), Of("granted_at", K::kDate, true), Of("withdrawn_at", K::kDate),
                 Str("text_version", 100), Text("text")},
      .title_field = "",
      .date_field = "granted_at",
      .visibility = Visibility::kPrivate,
  });
  return types;
}

}  // namespace

const char* FieldKindName(FieldKind kind) {
  switch (kind) {
    case K::kText: return "text";
    case K::kString: return "string";
    case K::kEnum: return "enum";
    case K::kCountry: return "country";
    case K::kCountries: return "countries";
    case K::kLanguage: return "language";
    case K::kLanguages: return "languages";
    case K::kDate: return "date";
    case K::kInt: return "int";
    case K::kNumber: return "number";
    case K::kBool: return "bool";
    case K::kEmail: return "email";
    case K::kUrl: return "url";
    case K::kCurrency: return "currency";
    case K::kRef: return "ref";
    case K::kRefs: return "refs";
  }
  return "?";
}

const FieldSpec* TypeSpec::Field(std::string_view n) const {
  for (const auto& f : fields) {
    if (f.name == n || (!f.alias.empty() && f.alias == n)) return &f;
  }
  return nullptr;
}

const std::vector<TypeSpec>& Schema() {
  static const std::vector<TypeSpec> kSchema = Build();
  return kSchema;
}

const TypeSpec* FindType(std::string_view name) {
  for (const auto& t : Schema()) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

const TypeSpec* FindTypeByPlural(std::string_view plural) {
  for (const auto& t : Schema()) {
    if (t.plural == plural) return &t;
  }
  return nullptr;
}

}  // namespace hoptac::domain
