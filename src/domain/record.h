// Record: one stored entity of any record type (organisation, profile, session, ...). The record
// type's schema (schema.h) gives the meaning of each field; validation (validate.h) guarantees that
// a Record handed to the store has exactly the schema's fields with the right shapes.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "domain/value.h"

namespace hoptac::domain {

struct Record {
  std::string type;                 // schema type name: "organisation", "profile", ...
  int64_t id = 0;                   // assigned by the store; 0 before creation
  std::optional<std::string> ref;   // external key, unique per type
  int64_t version = 0;              // 1 after creation, +1 per update
  std::string created_at;           // ISO 8601 UTC, set by the store
  std::string updated_at;
  std::map<std::string, Value> fields;  // only fields the schema declares; absent = null

  const Value* Get(const std::string& name) const {
    auto it = fields.find(name);
    return it == fields.end() || it->second.is_null() ? nullptr : &it->second;
  }
};

// Who performs a change; recorded in the change log and, later, the audit trail.
struct Actor {
  std::string name;         // token name, user email, "cli", "demo"
  std::string kind = "token";  // "token", "cli", "system"
};

}  // namespace hoptac::domain
