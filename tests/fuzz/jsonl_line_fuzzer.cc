// One JSON Lines import line (POST /api/v1/import, `hoptac import`): its "type" names the record
// type. RecordFromJsonlLine, then domain::Validate; a line that passes must come back unchanged
// through the export's form of it ({"type":..., "ref":..., fields}).
#include <cstddef>
#include <cstdint>

#include "app/record_json.h"
#include "domain/schema.h"
#include "domain/validate.h"
#include "fuzz/fuzz_support.h"

using namespace hoptac;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fuzz::Input in(data, size);
  auto record = app::RecordFromJsonlLine(in.Rest());
  if (!record.ok()) {
    HOPTAC_FUZZ_CHECK(record.status().code() == Code::kInvalidArgument);
    return 0;
  }
  const domain::TypeSpec* type = domain::FindType(record->type);
  HOPTAC_FUZZ_CHECK(type != nullptr);
  Status valid = domain::Validate(*type, *record);
  if (!valid.ok()) {
    HOPTAC_FUZZ_CHECK(valid.code() == Code::kInvalidArgument);
    return 0;
  }
  // As ExportJsonl writes it: the record's JSON with "type" in front of "ref".
  std::string json = app::RecordToJson(*type, *record);
  const size_t ref = json.find(",\"ref\":");
  HOPTAC_FUZZ_CHECK(ref != std::string::npos);
  const std::string line = "{\"type\":\"" + type->name + "\"" + json.substr(ref);
  auto again = app::RecordFromJsonlLine(line);
  HOPTAC_FUZZ_CHECK(again.ok());
  HOPTAC_FUZZ_CHECK(domain::Validate(*type, *again).ok());
  HOPTAC_FUZZ_CHECK(again->ref == record->ref);
  HOPTAC_FUZZ_CHECK(again->fields == record->fields);
  return 0;
}
