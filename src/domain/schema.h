// The schema: every record type hoptac stores, its fields, their shapes and rules. One table drives
// validation, the SQLite columns, the JSON mapping, the OpenAPI document and the import order, so a
// new field is added in exactly one place (schema.cc) and docs/records.md.
// Immutable after static initialisation; safe to read from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hoptac::domain {

enum class FieldKind {
  kText,       // multilingual Text
  kString,     // plain string
  kEnum,       // one of enum_values
  kCountry,    // ISO 3166-1 alpha-2
  kCountries,  // list of kCountry
  kLanguage,   // BCP-47
  kLanguages,  // list of kLanguage
  kDate,       // YYYY-MM-DD
  kInt,
  kNumber,
  kBool,
  kEmail,
  kUrl,
  kCurrency,   // ISO 4217
  kRef,        // id of a record of `target`
  kRefs,       // list of kRef
};

const char* FieldKindName(FieldKind kind);

struct FieldSpec {
  std::string name;
  FieldKind kind;
  bool required = false;
  std::vector<std::string> enum_values = {};
  std::string target = {};         // for kRef/kRefs: the target type name
  std::string alias = {};          // accepted on input as another name for this field
  std::string default_value = {};  // for kEnum/kBool: applied on create when absent
  int64_t min = 0;                 // for kInt/kNumber: lower bound when has_min
  bool has_min = false;
  bool filterable = false;         // list endpoints accept ?name=value
  size_t max_length = 20000;       // for text/string, in bytes
};

enum class Visibility {
  kPublic,         // anyone may read
  kWhenPublished,  // anyone may read when status == "published"; otherwise token holders only
  kPrivate,        // personal data: token holders only
};

struct TypeSpec {
  std::string name;        // "organisation"
  std::string plural;      // "organisations" (the API collection)
  std::vector<FieldSpec> fields;
  std::string title_field; // the field a prefix filter and a sort key use
  std::string date_field;  // the field date-range filters (?from=&to=) apply to; may be empty
  Visibility visibility = Visibility::kPublic;

  const FieldSpec* Field(std::string_view name) const;  // by name or alias
};

// All record types, in dependency order (a type only references types before it).
const std::vector<TypeSpec>& Schema();
const TypeSpec* FindType(std::string_view name);
const TypeSpec* FindTypeByPlural(std::string_view plural);

}  // namespace hoptac::domain
