// JSON mapping of records, shared by the HTTP API, import and export. The schema decides how each
// field is read and written, so this file has no per-type code. nlohmann-json stays inside the .cc.
// Pure functions; thread-safe.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "core/status.h"
#include "domain/record.h"
#include "domain/schema.h"

namespace hoptac::app {

enum class JsonSource {
  kApi,    // an API body: "type" is not a field
  kJsonl,  // an import line: "type" names the record type
};
// In both, id/version/created_at/updated_at are tolerated and ignored: the store owns them, and a
// client may send back what it read (an export re-imports as is).

// Parses a JSON object into a record of `type` (structure only: shapes and names; call
// domain::Validate for the rules). Unknown fields, aliases used twice, invalid UTF-8 and malformed
// JSON come back as InvalidArgument with field errors.
Result<domain::Record> RecordFromJson(const domain::TypeSpec& type, std::string_view json, JsonSource source);

// The record's public JSON representation: {"id","ref","version","created_at","updated_at",...fields}.
std::string RecordToJson(const domain::TypeSpec& type, const domain::Record& record);

// A short form for embedding in another answer: {"id","ref", and the named fields present}.
std::string RecordSummaryJson(const domain::TypeSpec& type, const domain::Record& record,
                              std::initializer_list<std::string_view> fields);

// Parses one JSON Lines import line: its "type" names the record type; otherwise as above.
Result<domain::Record> RecordFromJsonlLine(std::string_view line);

}  // namespace hoptac::app
