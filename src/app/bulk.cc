// Import (JSON Lines and CSV) and export (JSON Lines).
#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "app/app.h"
#include "app/internal/csv.h"
#include "app/internal/walk.h"
#include "app/record_json.h"
#include "domain/validate.h"

namespace hoptac::app {

using domain::Record;

namespace {
constexpr size_t kMaxReportedErrors = 50;
constexpr size_t kMaxLineBytes = 4 << 20;
}  // namespace

namespace {

struct ParsedChunk {
  std::vector<store::ImportLine> lines;
  std::vector<FieldError> errors;
};

// Parses and validates items [from, to): `line(i)` is item i's 1-based line number in the file,
// `parse(i)` its record, or nullopt for an item to skip (a blank line).
template <typename LineOf, typename Parse>
void ParseChunk(const LineOf& line_of, const Parse& parse, size_t from, size_t to, ParsedChunk& out) {
  for (size_t i = from; i < to && out.errors.size() < kMaxReportedErrors; ++i) {
    std::optional<Result<Record>> record = parse(i);
    if (!record) continue;
    const int number = line_of(i);
    const std::string where = "line " + std::to_string(number);
    Status s = record->ok() ? domain::Validate(*domain::FindType((*record)->type), **record) : record->status();
    if (s.ok()) {
      out.lines.push_back({.line = number, .record = std::move(*record).value()});
      continue;
    }
    for (const auto& e : s.field_errors()) {
      out.errors.push_back({where + (e.field.empty() ? "" : ": " + e.field), e.code, e.message});
    }
    if (s.field_errors().empty()) out.errors.push_back({where, "invalid", s.message()});
  }
}

// The answer to an import with errors: nothing is written, the first errors are listed.
Status Refusal(std::vector<FieldError> errors) {
  if (errors.size() > kMaxReportedErrors) errors.resize(kMaxReportedErrors);
  std::string msg = "The import was refused, nothing was written: " + errors.front().field + ": " +
                    errors.front().message;
  if (errors.size() > 1) msg += " (and " + std::to_string(errors.size() - 1) + " more)";
  return Status::InvalidArgument(std::move(msg), std::move(errors));
}

// Parses and validates items [0, n) (see ParseChunk), spread over the cores since items are
// independent, keeping their order. The records, or the refusal listing the bad items.
template <typename LineOf, typename Parse>
Result<std::vector<store::ImportLine>> ParseAll(size_t n, const LineOf& line_of, const Parse& parse) {
  const size_t workers = n < 2000 ? 1 : std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 4);
  std::vector<ParsedChunk> chunks(workers);
  const size_t per = (n + workers - 1) / std::max<size_t>(workers, 1);
  std::vector<std::thread> threads;
  for (size_t w = 1; w < workers; ++w) {
    threads.emplace_back([&, w] { ParseChunk(line_of, parse, w * per, std::min(n, (w + 1) * per), chunks[w]); });
  }
  ParseChunk(line_of, parse, 0, std::min(n, per), chunks[0]);
  for (auto& t : threads) t.join();

  std::vector<store::ImportLine> lines;
  std::vector<FieldError> errors;
  for (auto& c : chunks) {
    errors.insert(errors.end(), c.errors.begin(), c.errors.end());
    if (lines.empty()) lines = std::move(c.lines);
    else std::move(c.lines.begin(), c.lines.end(), std::back_inserter(lines));
  }
  if (!errors.empty()) return Refusal(std::move(errors));
  return lines;
}

}  // namespace

Result<store::ImportReport> App::ImportJsonl(const Principal& who, std::istream& in, const ImportOptions& options) {
  HOPTAC_RETURN_IF_ERROR(CheckWrite(who));
  std::vector<std::string> raw;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    raw.push_back(std::move(line));
    if (options.progress && raw.size() % 20000 == 0) options.progress("read", static_cast<int64_t>(raw.size()), 0);
  }
  if (in.bad()) return Status::Unavailable("Reading the import file failed.");

  auto lines = ParseAll(
      raw.size(), [](size_t i) { return static_cast<int>(i + 1); },
      [&raw](size_t i) -> std::optional<Result<Record>> {
        const std::string& text = raw[i];
        if (text.find_first_not_of(" \t") == std::string::npos) return std::nullopt;
        if (text.size() > kMaxLineBytes) {
          return Status::InvalidArgument(
              "The line is too long.", {{"", "too_long", "is longer than " + std::to_string(kMaxLineBytes) + " bytes"}});
        }
        return RecordFromJsonlLine(text);
      });
  raw.clear();
  raw.shrink_to_fit();
  if (!lines.ok()) return lines.status();
  store::Progress write_progress;
  if (options.progress) {
    write_progress = [&](int64_t done, int64_t total) { options.progress("write", done, total); };
  }
  auto report = store_->Import(std::move(lines).value(), {.name = who.name, .kind = "import"}, write_progress);
  if (report.ok()) CatchUp();
  return report;
}

Result<store::ImportReport> App::ImportCsv(const Principal& who, std::istream& in, const ImportOptions& options) {
  HOPTAC_RETURN_IF_ERROR(CheckWrite(who));
  std::string data;
  {
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) return Status::Unavailable("Reading the import file failed.");
    data = std::move(buffer).str();
  }
  auto rows = ReadCsv(data, kMaxReportedErrors);
  data.clear();
  data.shrink_to_fit();
  if (!rows.ok()) return Refusal(rows.status().field_errors());
  if (rows->empty()) {
    return Refusal({{"line 1", "no_header", "must name the columns (the first row is the header: name,kind,country,...)"}});
  }
  auto mapper = CsvMapper::Create(rows->front(), options.csv_type);
  if (!mapper.ok()) return Refusal(mapper.status().field_errors());
  if (options.progress) options.progress("read", static_cast<int64_t>(rows->size() - 1), 0);

  // Item i is data row i + 1 (row 0 is the header).
  auto lines = ParseAll(
      rows->size() - 1, [&rows](size_t i) { return (*rows)[i + 1].line; },
      [&rows, &mapper](size_t i) -> std::optional<Result<Record>> {
        const CsvRow& row = (*rows)[i + 1];
        if (CsvMapper::IsBlank(row)) return std::nullopt;
        return mapper->Map(row);
      });
  rows->clear();
  if (!lines.ok()) return lines.status();
  store::Progress write_progress;
  if (options.progress) {
    write_progress = [&](int64_t done, int64_t total) { options.progress("write", done, total); };
  }
  auto report = store_->Import(std::move(lines).value(), {.name = who.name, .kind = "import"}, write_progress);
  if (report.ok()) CatchUp();
  return report;
}

Status App::ExportJsonl(const Principal& who, std::ostream& out) {
  if (!who.AtLeast(domain::Role::kStaff)) return Status::PermissionDenied("Exporting everything needs a centre staff account or token.");
  // id -> ref of every exported record, so references are written as refs and the file imports
  // into an empty store. A record without a ref gets "<type>:<id>".
  std::map<std::string, std::unordered_map<int64_t, std::string>> refs;
  for (const auto& type : domain::Schema()) {
    auto& type_refs = refs[type.name];
    HOPTAC_RETURN_IF_ERROR(ForEachRecord(*store_, type.name, [&](domain::Record& record) -> Status {
      if (!record.ref) record.ref = type.name + ":" + std::to_string(record.id);
      type_refs[record.id] = *record.ref;
      for (const auto& spec : type.fields) {
        auto it = record.fields.find(spec.name);
        if (it == record.fields.end()) continue;
        auto to_ref = [&](domain::Value& v) {
          if (!v.is_int()) return;
          auto& target = refs[spec.target];
          auto found = target.find(v.as_int());
          v = domain::Value(found != target.end() ? found->second : spec.target + ":" + std::to_string(v.as_int()));
        };
        if (spec.kind == domain::FieldKind::kRef) to_ref(it->second);
        if (spec.kind == domain::FieldKind::kRefs) for (auto& item : it->second.as_list()) to_ref(item);
      }
      std::string json = RecordToJson(type, record);
      // {"id":..,"ref":..} -> {"type":"..","ref":..}: ids are the store's, not part of the export.
      auto ref_pos = json.find(",\"ref\":");  // RecordToJson writes id first, then ref
      if (ref_pos == std::string::npos) return Status::Internal("unexpected record JSON shape in export");
      out << "{\"type\":\"" << type.name << "\"" << json.substr(ref_pos) << '\n';
      return Status::Ok();
    }));
  }
  out.flush();
  if (!out) return Status::Unavailable("Writing the export failed.");
  return Status::Ok();
}

}  // namespace hoptac::app
