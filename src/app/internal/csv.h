// CSV import: an RFC 4180 reader, and the mapping of its rows to records. Import (bulk.cc) and the
// fuzz targets use it; it agrees with the web portal's converter (web/src/lib/csv.ts) on what a
// cell means, and is stricter about broken files (see ReadCsv). Pure functions and immutable
// objects; thread-safe.
//
// The file: UTF-8, an optional BOM, cells separated by ',', rows by CRLF, LF or CR. A cell may be
// quoted: "a, b", "line one\nline two", "he said ""hi""". Blank lines are skipped. The first row is
// the header; its cells name the columns:
//   type                the record type of the row (else the file's type, CsvMapper::Create)
//   ref                 the record's external key
//   id, version, created_at, updated_at   ignored, as in JSON Lines (the store owns them)
//   lang                the language of the row's text fields (BCP-47); detected when absent
//   <field>_lang        the language of one text field (title_lang), ahead of `lang`
//   <field>             any field of the type (or its alias: org), as in docs/records.md
// Cells are trimmed; an empty cell leaves its field out. Lists (refs, countries, languages) are
// separated by ';' or '|'. A whole number in a reference cell is an id, anything else a ref.
// Numbers, whole numbers and yes/no (true/1/yes/oui/có/是, false/0/no/non/không/否) are converted
// when they read as such; otherwise the text is kept and domain::Validate reports it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "domain/record.h"
#include "domain/schema.h"

namespace hoptac::app {

struct CsvRow {
  int line = 0;  // the physical line (1-based) the row starts on; a quoted newline spans lines
  std::vector<std::string> cells;
};

// Reads the whole input into rows. Every row after the first has as many cells as the first
// (empty trailing cells beyond it, as spreadsheets write them, are dropped). Refused, as
// InvalidArgument with one FieldError per problem whose field is "line N" (at most `max_errors`):
// a quoted cell that is never closed (named by the line where it opens), text after the closing
// quote of a cell, and a row with fewer cells than the header or more non-empty ones.
Result<std::vector<CsvRow>> ReadCsv(std::string_view input, size_t max_errors = 50);

// Turns data rows into records, as the header says. Immutable once created.
class CsvMapper {
 public:
  // `default_type` (may be empty) is the type of rows without a `type` cell. Refused: an empty
  // header, a column named twice, neither a `type` column nor a default type, an unknown default
  // type. Field errors name "line N" of the header.
  static Result<CsvMapper> Create(const CsvRow& header, std::string_view default_type);

  // True when every cell of the row is empty once trimmed (",,,," lines that spreadsheets leave):
  // such rows are skipped.
  static bool IsBlank(const CsvRow& row);

  // The record of a data row: structure only, as RecordFromJson (call domain::Validate for the
  // rules). Field errors name the column: "country", "title_lang", "type".
  Result<domain::Record> Map(const CsvRow& row) const;

 private:
  enum class Role { kSkip, kType, kRef, kLang, kData };
  struct Column {
    std::string name;
    Role role = Role::kSkip;
  };
  // How a data column reads for one record type: the field it fills, or the text field whose
  // language it gives; both null when it is not part of the type.
  struct Binding {
    const domain::FieldSpec* field = nullptr;
    const domain::FieldSpec* lang_of = nullptr;
  };

  CsvMapper() = default;
  const std::vector<Binding>& BindingsFor(const domain::TypeSpec& type) const;

  std::vector<Column> columns_;
  const domain::TypeSpec* default_type_ = nullptr;
  // One vector per type of domain::Schema(), in schema order, indexed by column.
  std::vector<std::vector<Binding>> bindings_;
};

}  // namespace hoptac::app
