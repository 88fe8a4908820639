// The OpenAPI 3.1 document, generated from the same route table and schema the server runs on, so
// it cannot drift from the real routes (tests/api checks every documented operation against the
// live server).
#include <nlohmann/json.hpp>

#include "domain/schema.h"
#include "http/api.h"

namespace hoptac::http {

namespace {

using json = nlohmann::json;
using domain::FieldKind;

json FieldSchema(const domain::FieldSpec& f) {
  switch (f.kind) {
    case FieldKind::kText: return {{"$ref", "#/components/schemas/Text"}};
    case FieldKind::kString: return {{"type", "string"}, {"maxLength", f.max_length}};
    case FieldKind::kEnum: return {{"type", "string"}, {"enum", f.enum_values}};
    case FieldKind::kCountry: return {{"type", "string"}, {"pattern", "^[A-Z]{2}$"}, {"description", "ISO 3166-1 alpha-2"}};
    case FieldKind::kCountries:
      return {{"type", "array"}, {"items", {{"type", "string"}, {"pattern", "^[A-Z]{2}$"}}}};
    case FieldKind::kLanguage: return {{"type", "string"}, {"description", "BCP-47 language tag"}};
    case FieldKind::kLanguages: return {{"type", "array"}, {"items", {{"type", "string"}}}};
    case FieldKind::kDate: return {{"type", "string"}, {"format", "date"}};
    case FieldKind::kInt: {
      json j = {{"type", "integer"}};
      if (f.has_min) j["minimum"] = f.min;
      return j;
    }
    case FieldKind::kNumber: {
      json j = {{"type", "number"}};
      if (f.has_min) j["minimum"] = f.min;
      return j;
    }
    case FieldKind::kBool: return {{"type", "boolean"}};
    case FieldKind::kEmail: return {{"type", "string"}, {"format", "email"}};
    case FieldKind::kUrl: return {{"type", "string"}, {"format", "uri"}};
    case FieldKind::kCurrency: return {{"type", "string"}, {"pattern", "^[A-Z]{3}$"}, {"description", "ISO 4217"}};
    case FieldKind::kRef:
      return {{"oneOf", {{{"type", "integer"}}, {{"type", "string"}}}},
              {"description", "id (or, on input, ref) of a " + f.target}};
    case FieldKind::kRefs:
      return {{"type", "array"},
              {"items", {{"oneOf", {{{"type", "integer"}}, {{"type", "string"}}}}}},
              {"description", "ids (or, on input, refs) of " + f.target + " records"}};
  }
  return json::object();
}

json TypeSchema(const domain::TypeSpec& type) {
  json props = {{"id", {{"type", "integer"}, {"readOnly", true}}},
                {"ref", {{"type", {"string", "null"}}, {"description", "external key, unique per type"}}},
                {"version", {{"type", "integer"}, {"readOnly", true}}},
                {"created_at", {{"type", "string"}, {"format", "date-time"}, {"readOnly", true}}},
                {"updated_at", {{"type", "string"}, {"format", "date-time"}, {"readOnly", true}}}};
  json required = json::array();
  for (const auto& f : type.fields) {
    json s = FieldSchema(f);
    if (!f.alias.empty()) s["x-alias"] = f.alias;
    if (!f.default_value.empty()) s["default"] = f.kind == FieldKind::kBool ? json(f.default_value == "true")
                                                                             : json(f.default_value);
    props[f.name] = s;
    if (f.required) required.push_back(f.name);
  }
  return {{"type", "object"}, {"properties", props}, {"required", required}, {"additionalProperties", false}};
}

json Param(const std::string& name, const std::string& in, json schema, const std::string& description,
           bool required = false) {
  return {{"name", name}, {"in", in}, {"required", required}, {"schema", schema}, {"description", description}};
}

json Problem(const std::string& description) {
  return {{"description", description},
          {"content", {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
}

}  // namespace

std::string OpenApiJson() {
  json schemas = json::object();
  json text_object = {{"type", "object"}, {"required", {"text"}}};
  text_object["properties"]["lang"] = {{"type", "string"}};
  text_object["properties"]["text"] = {{"type", "string"}};
  text_object["properties"]["translations"] = {{"type", "object"}, {"additionalProperties", {{"type", "string"}}}};
  schemas["Text"]["oneOf"] = json::array({json{{"type", "string"}}, text_object});
  json field_error = {{"type", "object"}};
  for (const char* name : {"field", "code", "message"}) field_error["properties"][name] = {{"type", "string"}};
  json problem = {{"type", "object"}};
  for (const char* name : {"type", "title", "detail", "code"}) problem["properties"][name] = {{"type", "string"}};
  problem["properties"]["status"] = {{"type", "integer"}};
  problem["properties"]["errors"] = {{"type", "array"}, {"items", field_error}};
  schemas["Problem"] = problem;
  for (const auto& type : domain::Schema()) schemas[type.name] = TypeSchema(type);

  json paths = json::object();
  for (const auto& route : Api::Routes()) {
    std::string method = route.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    json op = {{"summary", route.summary}, {"responses", json::object()}};
    json params = json::array();
    params.push_back(Param("lang", "query", {{"type", "string"}, {"enum", {"zh-Hans", "vi", "en", "fr"}}},
                           "language of error messages (else Accept-Language)"));
    const domain::TypeSpec* type = route.type.empty() ? nullptr : domain::FindType(route.type);
    json item_ref = type ? json{{"$ref", "#/components/schemas/" + type->name}} : json::object();
    bool item = route.path.size() > 5 && route.path.substr(route.path.size() - 5) == "/{id}";
    if (item) params.push_back(Param("id", "path", {{"type", "integer"}}, "record id", true));
    if (type && !item && method == "get") {
      params.push_back(Param("limit", "query", {{"type", "integer"}, {"minimum", 1}, {"maximum", 500}}, "page size"));
      params.push_back(Param("cursor", "query", {{"type", "string"}}, "next_cursor of the previous page"));
      params.push_back(Param("ref", "query", {{"type", "string"}}, "external key"));
      params.push_back(Param("prefix", "query", {{"type", "string"}}, "case-insensitive prefix of the title or name"));
      if (!type->date_field.empty()) {
        params.push_back(Param("from", "query", {{"type", "string"}, {"format", "date"}}, type->date_field + " on or after"));
        params.push_back(Param("to", "query", {{"type", "string"}, {"format", "date"}}, type->date_field + " on or before"));
      }
      for (const auto& f : type->fields) {
        if (f.filterable) params.push_back(Param(f.name, "query", {{"type", "string"}}, "equals (lists: contains)"));
      }
      op["responses"]["200"] = {
          {"description", "a page"},
          {"content",
           {{"application/json",
             {{"schema",
               {{"type", "object"},
                {"properties", {{"items", {{"type", "array"}, {"items", item_ref}}},
                                {"next_cursor", {{"type", {"string", "null"}}}}}}}}}}}}};
    } else if (type && method == "delete") {
      op["responses"]["204"] = {{"description", "deleted"}};
      op["responses"]["409"] = Problem("still referenced");
    } else if (type) {
      op["responses"][method == "post" ? "201" : "200"] = {
          {"description", "the record"}, {"content", {{"application/json", {{"schema", item_ref}}}}}};
      if (method != "get") {
        op["requestBody"] = {{"required", true}, {"content", {{"application/json", {{"schema", item_ref}}}}}};
        op["responses"]["400"] = Problem("validation failed; `errors` lists each field");
      }
    } else if (route.path == "/api/v1/import") {
      op["description"] =
          "JSON Lines (one record a line, its `type` naming the record type), or CSV with `Content-Type: text/csv`: "
          "RFC 4180, UTF-8; the header row names the fields (`type`, `ref`, any field; `lang` or `<field>_lang` for "
          "the language of text fields; lists separated by `;` or `|`).";
      op["requestBody"] = {{"required", true},
                           {"content", {{"application/x-ndjson", {{"schema", {{"type", "string"}}}}},
                                        {"text/csv", {{"schema", {{"type", "string"}}}}}}}};
      params.push_back(Param("type", "query", {{"type", "string"}},
                             "CSV: the record type of rows without a `type` column"));
      op["responses"]["200"] = {{"description", "records created per type"}};
      op["responses"]["400"] = Problem("bad lines, each named by its line number; nothing was written");
    } else {
      op["responses"]["200"] = {{"description", "OK"}};
    }
    if (item) op["responses"]["404"] = Problem("no such record");
    if (route.needs_token) {
      op["security"] = {{{"bearer", json::array()}}};
      op["responses"]["401"] = Problem("missing or invalid token");
    }
    op["parameters"] = params;
    paths[route.path][method] = op;
  }
  json doc = {{"openapi", "3.1.0"},
              {"info",
               {{"title", "hoptac API"},
                {"version", "1"},
                {"description",
                 "The API of hoptac, the platform of a cross-border AI application cooperation centre. "
                 "Published content is readable without a token; every write needs 'Authorization: Bearer <token>'."}}},
              {"servers", {{{"url", "/"}}}},
              {"paths", paths},
              {"components",
               {{"schemas", schemas},
                {"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}}}};
  return doc.dump();
}

}  // namespace hoptac::http
