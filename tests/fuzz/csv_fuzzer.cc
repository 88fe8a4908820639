// CSV import: the RFC 4180 reader and the mapping of rows to records. The first byte picks the
// file's record type (or none: a `type` column must say), the rest is the file. Checks what the
// reader promises (rows in line order, every row as wide as the header, no blank rows) and that
// writing the rows back with every cell quoted reads back to the same cells.
#include <cstddef>
#include <cstdint>
#include <string>

#include "app/internal/csv.h"
#include "app/record_json.h"
#include "domain/schema.h"
#include "domain/validate.h"
#include "fuzz/fuzz_support.h"

using namespace hoptac;

namespace {

std::string Quoted(const std::vector<app::CsvRow>& rows) {
  std::string out;
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.cells.size(); ++i) {
      if (i) out += ',';
      out += '"';
      for (char c : row.cells[i]) {
        if (c == '"') out += '"';
        out += c;
      }
      out += '"';
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fuzz::Input in(data, size);
  const auto& schema = domain::Schema();
  const size_t choice = in.Byte() % (schema.size() + 1);
  const std::string default_type = choice < schema.size() ? schema[choice].name : "";

  auto rows = app::ReadCsv(in.Rest());
  if (!rows.ok()) {
    HOPTAC_FUZZ_CHECK(rows.status().code() == Code::kInvalidArgument);
    HOPTAC_FUZZ_CHECK(!rows.status().field_errors().empty());
    for (const auto& e : rows.status().field_errors()) HOPTAC_FUZZ_CHECK(e.field.rfind("line ", 0) == 0);
    return 0;
  }
  for (size_t i = 0; i < rows->size(); ++i) {
    const app::CsvRow& row = (*rows)[i];
    HOPTAC_FUZZ_CHECK(row.line >= 1);
    HOPTAC_FUZZ_CHECK(i == 0 || row.line > (*rows)[i - 1].line);
    HOPTAC_FUZZ_CHECK(row.cells.size() == rows->front().cells.size());
    HOPTAC_FUZZ_CHECK(!(row.cells.size() == 1 && row.cells[0].empty()));
  }
  auto again = app::ReadCsv(Quoted(*rows));
  HOPTAC_FUZZ_CHECK(again.ok());
  HOPTAC_FUZZ_CHECK(again->size() == rows->size());
  for (size_t i = 0; i < rows->size(); ++i) HOPTAC_FUZZ_CHECK((*again)[i].cells == (*rows)[i].cells);

  if (rows->empty()) return 0;
  auto mapper = app::CsvMapper::Create(rows->front(), default_type);
  if (!mapper.ok()) return 0;
  for (size_t i = 1; i < rows->size(); ++i) {
    if (app::CsvMapper::IsBlank((*rows)[i])) continue;
    auto record = mapper->Map((*rows)[i]);
    if (!record.ok()) {
      HOPTAC_FUZZ_CHECK(record.status().code() == Code::kInvalidArgument);
      continue;
    }
    const domain::TypeSpec* type = domain::FindType(record->type);
    HOPTAC_FUZZ_CHECK(type != nullptr);
    if (domain::Validate(*type, *record).ok()) (void)app::RecordToJson(*type, *record);
  }
  return 0;
}
