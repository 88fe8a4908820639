// Validation and normalisation of records against the schema. This is where the domain's rules
// live: shapes and codes per field kind, required fields and defaults, and the cross-field rules of
// each type (a session ends on or after it starts, an agreement has two or more distinct parties).
// Pure functions; thread-safe.
#pragma once

#include "core/status.h"
#include "domain/record.h"
#include "domain/schema.h"

namespace hoptac::domain {

enum class ValidateMode {
  kCreate,   // apply defaults, require required fields
  kReplace,  // same as create (a full replacement of an existing record)
};

// Checks `record` against its type and normalises it in place: text to NFC and trimmed, enum values
// lowercase, country and currency codes uppercase, language tags canonical, and a missing language
// tag on a text field detected from the text. On failure returns InvalidArgument whose field errors
// name every bad field (not just the first).
Status Validate(const TypeSpec& type, Record& record, ValidateMode mode = ValidateMode::kCreate);

// Applies a partial update: fields in `patch` replace those of `base` (a null Value removes an
// optional field); the result is validated as a full record.
Status ApplyPatch(const TypeSpec& type, const Record& patch, Record& base);

}  // namespace hoptac::domain
