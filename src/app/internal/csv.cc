#include "app/internal/csv.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <map>

#include "text/normalize.h"

namespace hoptac::app {

namespace {

using domain::FieldKind;
using domain::FieldSpec;
using domain::List;
using domain::Text;
using domain::Value;

std::string LineName(int line) { return "line " + std::to_string(line); }

// White space at the ends of a cell: ASCII, and the no-break, ideographic and BOM spaces that
// spreadsheets leave behind (what JavaScript's trim() removes in the portal's converter).
constexpr std::array<std::string_view, 9> kSpaces = {" ",  "\t",       "\n",           "\r",          "\v",
                                                     "\f", "\xC2\xA0", "\xE3\x80\x80", "\xEF\xBB\xBF"};

std::string_view Trim(std::string_view s) {
  bool changed = true;
  while (changed && !s.empty()) {
    changed = false;
    for (auto sp : kSpaces) {
      if (s.starts_with(sp)) {
        s.remove_prefix(sp.size());
        changed = true;
      }
      if (s.ends_with(sp)) {
        s.remove_suffix(sp.size());
        changed = true;
      }
    }
  }
  return s;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "-?[0-9]+": a whole number as the portal reads one.
bool IsWholeNumber(std::string_view s) { return AllDigits(s.starts_with('-') ? s.substr(1) : s); }

// A reference cell: "[1-9][0-9]{0,15}" is an id, anything else the target's ref.
Value RefValue(std::string_view s) {
  int64_t id = 0;
  if (s.size() <= 16 && s.front() != '0' && AllDigits(s) &&
      std::from_chars(s.data(), s.data() + s.size(), id).ec == std::errc()) {
    return Value(id);
  }
  return Value(std::string(s));
}

std::vector<std::string_view> SplitList(std::string_view s) {
  std::vector<std::string_view> items;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find_first_of(";|", start);
    if (end == std::string_view::npos) end = s.size();
    std::string_view item = Trim(s.substr(start, end - start));
    if (!item.empty()) items.push_back(item);
    start = end + 1;
  }
  return items;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The value of a non-empty, trimmed cell for `spec`. What does not read as the field's kind stays
// text, for domain::Validate to report in its own words.
Value Convert(const FieldSpec& spec, std::string_view cell) {
  switch (spec.kind) {
    case FieldKind::kRef:
      return RefValue(cell);
    case FieldKind::kRefs:
    case FieldKind::kCountries:
    case FieldKind::kLanguages: {
      List list;
      for (auto item : SplitList(cell)) {
        list.push_back(spec.kind == FieldKind::kRefs ? RefValue(item) : Value(std::string(item)));
      }
      return Value(std::move(list));
    }
    case FieldKind::kInt: {
      int64_t v = 0;
      if (IsWholeNumber(cell) && std::from_chars(cell.data(), cell.data() + cell.size(), v).ec == std::errc()) {
        return Value(v);
      }
      break;
    }
    case FieldKind::kNumber: {
      size_t dot = cell.find('.');
      std::string_view whole = cell.substr(0, dot);
      if (!IsWholeNumber(whole) || (dot != std::string_view::npos && !AllDigits(cell.substr(dot + 1)))) break;
      int64_t i = 0;
      if (dot == std::string_view::npos &&
          std::from_chars(cell.data(), cell.data() + cell.size(), i).ec == std::errc()) {
        return Value(i);
      }
      double d = 0;
      auto [ptr, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), d);
      if (ec == std::errc() && ptr == cell.data() + cell.size()) return Value(d);
      break;
    }
    case FieldKind::kBool: {
      // The portal's words, lower-cased (Vietnamese also capitalised, as spreadsheets write it).
      static constexpr std::array<std::string_view, 8> kTrue = {"true", "1", "yes", "oui", "có", "Có", "CÓ", "是"};
      static constexpr std::array<std::string_view, 8> kFalse = {"false", "0",     "no",    "non",
                                                                 "không", "Không", "KHÔNG", "否"};
      const std::string lower = AsciiLower(cell);
      if (std::find(kTrue.begin(), kTrue.end(), lower) != kTrue.end()) return Value(true);
      if (std::find(kFalse.begin(), kFalse.end(), lower) != kFalse.end()) return Value(false);
      break;
    }
    default:
      break;
  }
  return Value(std::string(cell));
}

}  // namespace

// --- reading ------------------------------------------------------------------------------------

Result<std::vector<CsvRow>> ReadCsv(std::string_view s, size_t max_errors) {
  if (s.starts_with("\xEF\xBB\xBF")) s.remove_prefix(3);
  std::vector<CsvRow> rows;
  std::vector<FieldError> errors;
  auto fail = [&](int line, const char* code, std::string message) {
    if (errors.size() < max_errors) errors.push_back({LineName(line), code, std::move(message)});
  };

  CsvRow row{.line = 1};
  std::string cell;
  int line = 1;
  size_t width = 0;  // cells in the header
  auto end_row = [&] {
    row.cells.push_back(std::move(cell));
    cell.clear();
    if (!rows.empty() && row.cells.size() > width) {
      const bool extra_blank = std::all_of(row.cells.begin() + static_cast<std::ptrdiff_t>(width), row.cells.end(),
                                           [](const std::string& c) { return Trim(c).empty(); });
      if (extra_blank) {
        row.cells.resize(width);
      } else {
        fail(row.line, "too_many_cells",
             "has " + std::to_string(row.cells.size()) + " cells; the header has " + std::to_string(width));
      }
    }
    // A blank line, or in a one-column file a line of empty cells: nothing to read.
    const bool blank_line = row.cells.size() == 1 && row.cells[0].empty();
    if (!blank_line) {
      if (rows.empty()) {
        width = row.cells.size();
      } else if (row.cells.size() < width) {
        fail(row.line, "too_few_cells",
             "has " + std::to_string(row.cells.size()) + " cells; the header has " + std::to_string(width));
      }
      rows.push_back(std::move(row));
    }
    row = CsvRow{.line = line};
  };
  // A line break at s[i] ("\r\n", "\n" or "\r"): its length, or 0.
  auto line_break = [&](size_t i) -> size_t {
    if (s[i] == '\n') return 1;
    if (s[i] == '\r') return i + 1 < s.size() && s[i + 1] == '\n' ? 2 : 1;
    return 0;
  };

  size_t i = 0;
  bool row_open = false;  // something of the current row has been read
  while (i < s.size() && errors.size() < max_errors) {
    row_open = true;
    if (s[i] == '"' && cell.empty()) {
      // A quoted cell: up to the next lone quote; "" is one quote; line breaks are content.
      const int opened = line;
      size_t j = i + 1;
      bool closed = false;
      while (j < s.size()) {
        if (s[j] == '"') {
          if (j + 1 < s.size() && s[j + 1] == '"') {
            cell.push_back('"');
            j += 2;
            continue;
          }
          closed = true;
          ++j;
          break;
        }
        if (size_t nl = line_break(j)) {
          cell.append(s.substr(j, nl));
          ++line;
          j += nl;
          continue;
        }
        cell.push_back(s[j++]);
      }
      if (!closed) {
        fail(opened, "unclosed_quote",
             "opens a quoted cell that is never closed (a quote inside a quoted cell is written twice: \"\")");
        break;
      }
      while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) ++j;
      if (j < s.size() && s[j] != ',' && !line_break(j)) {
        fail(line, "text_after_quote",
             "has text after the closing quote of a cell (a quote inside a quoted cell is written twice: \"\")");
        // Read on as the portal does (the rest belongs to the cell), to report later lines too.
        while (j < s.size() && s[j] != ',' && !line_break(j)) cell.push_back(s[j++]);
      }
      i = j;
      continue;
    }
    if (s[i] == ',') {
      row.cells.push_back(std::move(cell));
      cell.clear();
      ++i;
      continue;
    }
    if (size_t nl = line_break(i)) {
      ++line;
      i += nl;
      end_row();
      row_open = false;
      continue;
    }
    cell.push_back(s[i++]);
  }
  if (row_open && errors.empty()) end_row();
  if (!errors.empty()) {
    std::string msg = "The CSV file is malformed: " + errors.front().field + " " + errors.front().message;
    if (errors.size() > 1) msg += " (and " + std::to_string(errors.size() - 1) + " more)";
    return Status::InvalidArgument(std::move(msg), std::move(errors));
  }
  return rows;
}

// --- mapping ------------------------------------------------------------------------------------

Result<CsvMapper> CsvMapper::Create(const CsvRow& header, std::string_view default_type) {
  const std::string where = LineName(header.line);
  std::vector<FieldError> errors;
  CsvMapper m;
  if (!default_type.empty()) {
    m.default_type_ = domain::FindType(default_type);
    if (!m.default_type_) m.default_type_ = domain::FindTypeByPlural(default_type);
    if (!m.default_type_) {
      std::string known;
      for (const auto& t : domain::Schema()) known += (known.empty() ? "" : ", ") + t.name;
      errors.push_back({"type", "invalid_enum", "'" + std::string(default_type) + "' is not one of: " + known});
    }
  }
  bool has_type = false, any_name = false;
  std::map<std::string, int> seen;
  for (const auto& raw : header.cells) {
    Column c{.name = std::string(Trim(raw))};
    if (!c.name.empty()) {
      any_name = true;
      if (seen[c.name]++ == 1) errors.push_back({where + ": " + c.name, "duplicate_field", "names a column twice"});
      if (c.name == "type") {
        c.role = Role::kType;
        has_type = true;
      } else if (c.name == "ref") {
        c.role = Role::kRef;
      } else if (c.name == "lang") {
        c.role = Role::kLang;
      } else if (c.name != "id" && c.name != "version" && c.name != "created_at" && c.name != "updated_at") {
        c.role = Role::kData;
      }
    }
    m.columns_.push_back(std::move(c));
  }
  if (!any_name) {
    errors.push_back(
        {where, "no_header", "must name the columns (the first row is the header: name,kind,country,...)"});
  } else if (!has_type && default_type.empty()) {
    errors.push_back({where + ": type", "required",
                      "is needed: name the record type of each row in a `type` column, or give one for the file"});
  }
  if (!errors.empty()) {
    std::string msg = "The CSV header is not usable: " + errors.front().field + " " + errors.front().message;
    return Status::InvalidArgument(std::move(msg), std::move(errors));
  }
  for (const auto& type : domain::Schema()) {
    std::vector<Binding> b(m.columns_.size());
    for (size_t i = 0; i < m.columns_.size(); ++i) {
      if (m.columns_[i].role != Role::kData) continue;
      const std::string& name = m.columns_[i].name;
      b[i].field = type.Field(name);
      if (!b[i].field && name.size() > 5 && name.ends_with("_lang")) {
        const FieldSpec* base = type.Field(name.substr(0, name.size() - 5));
        if (base && base->kind == FieldKind::kText) b[i].lang_of = base;
      }
    }
    m.bindings_.push_back(std::move(b));
  }
  return m;
}

bool CsvMapper::IsBlank(const CsvRow& row) {
  return std::all_of(row.cells.begin(), row.cells.end(), [](const std::string& c) { return Trim(c).empty(); });
}

const std::vector<CsvMapper::Binding>& CsvMapper::BindingsFor(const domain::TypeSpec& type) const {
  const auto& schema = domain::Schema();
  return bindings_[static_cast<size_t>(&type - schema.data())];
}

Result<domain::Record> CsvMapper::Map(const CsvRow& row) const {
  std::vector<FieldError> errors;
  auto column = [&](size_t i) { return i < columns_.size() ? columns_[i].name : "column " + std::to_string(i + 1); };
  for (size_t i = 0; i < row.cells.size(); ++i) {
    if (!text::IsValidUtf8(row.cells[i])) errors.push_back({column(i), "invalid_utf8", "is not valid UTF-8"});
  }
  if (!errors.empty()) return Status::InvalidArgument("The row is not valid UTF-8.", std::move(errors));

  const size_t n = std::min(row.cells.size(), columns_.size());
  const domain::TypeSpec* type = default_type_;
  for (size_t i = 0; i < n; ++i) {
    if (columns_[i].role != Role::kType) continue;
    std::string_view name = Trim(row.cells[i]);
    if (name.empty()) continue;
    type = domain::FindType(name);
    if (!type) {
      std::string known;
      for (const auto& t : domain::Schema()) known += (known.empty() ? "" : ", ") + t.name;
      return Status::InvalidArgument("Unknown record type '" + std::string(name) + "'.",
                                     {{"type", "invalid_enum", "is not one of: " + known}});
    }
  }
  if (!type) return Status::InvalidArgument("The row has no type.", {{"type", "required", "is required"}});

  domain::Record record;
  record.type = type->name;
  const auto& bindings = BindingsFor(*type);
  std::string row_lang;
  std::map<std::string, std::string> text_lang;  // text field -> its <field>_lang cell
  for (size_t i = 0; i < n; ++i) {
    std::string_view cell = Trim(row.cells[i]);
    if (cell.empty()) continue;
    const Column& c = columns_[i];
    switch (c.role) {
      case Role::kSkip:
      case Role::kType:
        break;
      case Role::kRef:
        record.ref = std::string(cell);
        break;
      case Role::kLang:
        row_lang = cell;
        break;
      case Role::kData: {
        const Binding& b = bindings[i];
        if (b.field) {
          if (record.fields.count(b.field->name)) {
            errors.push_back({c.name, "duplicate_field", "is given twice (as " + b.field->name + " and its alias)"});
          } else {
            record.fields[b.field->name] = Convert(*b.field, cell);
          }
        } else if (b.lang_of) {
          text_lang[b.lang_of->name] = cell;
        } else {
          errors.push_back({c.name, "unknown_field", "is not a field of " + type->name});
        }
        break;
      }
    }
  }
  for (auto& [name, value] : record.fields) {
    const FieldSpec* spec = type->Field(name);
    if (spec->kind != FieldKind::kText || !value.is_string()) continue;
    auto own = text_lang.find(name);
    std::string lang = own != text_lang.end() ? own->second : row_lang;
    if (!lang.empty()) value = Value(Text{.lang = std::move(lang), .text = value.as_string()});
  }
  if (!errors.empty()) {
    std::string msg = "The " + type->name + " has " + std::to_string(errors.size()) + " invalid field" +
                      (errors.size() > 1 ? "s" : "") + ": " + errors.front().field + " " + errors.front().message;
    return Status::InvalidArgument(std::move(msg), std::move(errors));
  }
  return record;
}

}  // namespace hoptac::app
