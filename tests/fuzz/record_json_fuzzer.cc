// JSON record bodies as POST, PUT and PATCH /api/v1/<collection> receive them: the first byte picks
// the record type (every type of the schema), the rest is the body. RecordFromJson, then
// domain::Validate; a record that passes must come back unchanged through RecordToJson (what GET
// and export write) and a second validation (what a re-import does).
#include <cstddef>
#include <cstdint>

#include "app/record_json.h"
#include "domain/schema.h"
#include "domain/validate.h"
#include "fuzz/fuzz_support.h"

using namespace hoptac;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fuzz::Input in(data, size);
  const auto& schema = domain::Schema();
  const domain::TypeSpec& type = schema[in.Byte() % schema.size()];
  auto record = app::RecordFromJson(type, in.Rest(), app::JsonSource::kApi);
  if (!record.ok()) {
    HOPTAC_FUZZ_CHECK(record.status().code() == Code::kInvalidArgument);
    return 0;
  }
  Status valid = domain::Validate(type, *record);
  if (!valid.ok()) {
    HOPTAC_FUZZ_CHECK(valid.code() == Code::kInvalidArgument);
    return 0;
  }
  const std::string json = app::RecordToJson(type, *record);
  auto again = app::RecordFromJson(type, json, app::JsonSource::kApi);
  HOPTAC_FUZZ_CHECK(again.ok());
  HOPTAC_FUZZ_CHECK(domain::Validate(type, *again).ok());
  HOPTAC_FUZZ_CHECK(again->ref == record->ref);
  HOPTAC_FUZZ_CHECK(again->fields == record->fields);
  return 0;
}
