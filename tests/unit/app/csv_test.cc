// The CSV reader and the mapping of CSV rows to records (app/internal/csv.h), including every
// malformed file the reader refuses, and the cases the web portal's converter (web/test/csv.test.ts)
// pins down, so the two read a file the same way.
#include "app/internal/csv.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/validate.h"

namespace hoptac::app {
namespace {

using domain::List;
using domain::Record;
using domain::Text;
using domain::Value;
using Cells = std::vector<std::string>;

std::vector<Cells> CellsOf(const std::vector<CsvRow>& rows) {
  std::vector<Cells> out;
  for (const auto& r : rows) out.push_back(r.cells);
  return out;
}

std::vector<int> LinesOf(const std::vector<CsvRow>& rows) {
  std::vector<int> out;
  for (const auto& r : rows) out.push_back(r.line);
  return out;
}

std::vector<CsvRow> MustRead(std::string_view csv) {
  auto rows = ReadCsv(csv);
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
  return rows.ok() ? *rows : std::vector<CsvRow>{};
}

// The one error of a refused file: "line N" and its code.
FieldError OnlyError(std::string_view csv) {
  auto rows = ReadCsv(csv);
  EXPECT_FALSE(rows.ok()) << "accepted: " << csv;
  if (rows.ok()) return {};
  EXPECT_EQ(rows.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(rows.status().field_errors().size(), 1u) << rows.status().ToString();
  EXPECT_FALSE(rows.status().message().empty());
  return rows.status().field_errors().empty() ? FieldError{} : rows.status().field_errors().front();
}

// --- reading -------------------------------------------------------------------------------------

TEST(ReadCsv, ReadsQuotedCellsDoubledQuotesCrlfAndBom) {
  auto rows = MustRead(
      "\xEF\xBB\xBF"
      "a,b\r\n\"x, y\",\"he said \"\"hi\"\"\"\r\n\r\nlast,\n");
  EXPECT_EQ(CellsOf(rows), (std::vector<Cells>{{"a", "b"}, {"x, y", "he said \"hi\""}, {"last", ""}}));
  EXPECT_EQ(LinesOf(rows), (std::vector<int>{1, 2, 4}));
}

TEST(ReadCsv, KeepsNewlinesInsideQuotesAndCountsLines) {
  auto rows = MustRead("name,summary\nA,\"line one\nline two\"\nB,x");
  EXPECT_EQ(CellsOf(rows), (std::vector<Cells>{{"name", "summary"}, {"A", "line one\nline two"}, {"B", "x"}}));
  EXPECT_EQ(LinesOf(rows), (std::vector<int>{1, 2, 4}));
  // A CRLF inside quotes is kept as written and counts as one line.
  rows = MustRead("a,b\r\n\"1\r\n2\r\n3\",x\r\nnext,y\r\n");
  EXPECT_EQ(rows[1].cells[0], "1\r\n2\r\n3");
  EXPECT_EQ(LinesOf(rows), (std::vector<int>{1, 2, 5}));
}

TEST(ReadCsv, EndsRowsAtLfCrlfOrLoneCr) {
  auto rows = MustRead("a\rb\r\nc\nd");
  EXPECT_EQ(CellsOf(rows), (std::vector<Cells>{{"a"}, {"b"}, {"c"}, {"d"}}));
  EXPECT_EQ(LinesOf(rows), (std::vector<int>{1, 2, 3, 4}));
}

TEST(ReadCsv, ReadsAFileWithoutAFinalNewlineAndAnEmptyFile) {
  EXPECT_EQ(CellsOf(MustRead("a\nb")), (std::vector<Cells>{{"a"}, {"b"}}));
  EXPECT_TRUE(MustRead("").empty());
  EXPECT_TRUE(MustRead("\xEF\xBB\xBF").empty());
  EXPECT_TRUE(MustRead("\n\n\r\n").empty());
}

TEST(ReadCsv, KeepsVietnameseChineseAndFrenchContentByteForByte) {
  const std::string csv =
      "ref,name,kind,country,locality,description\n"
      "vn-1,Sở Khoa học và Công nghệ Lạng Sơn,government,VN,Lạng Sơn,\"Ứng dụng trí tuệ nhân tạo, nông nghiệp\"\n"
      "cn-1,\"南宁智能科技有限公司，广西\",enterprise,CN,南宁,\"提供“无人机”植保服务\"\n"
      "fr-1,\"Agence française de développement\",government,FR,Paris,\"L'IA « au service » des régions\"\n";
  auto rows = MustRead(csv);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1].cells[1], "Sở Khoa học và Công nghệ Lạng Sơn");
  EXPECT_EQ(rows[1].cells[5], "Ứng dụng trí tuệ nhân tạo, nông nghiệp");
  EXPECT_EQ(rows[2].cells[1], "南宁智能科技有限公司，广西");
  EXPECT_EQ(rows[2].cells[5], "提供“无人机”植保服务");
  EXPECT_EQ(rows[3].cells[5], "L'IA « au service » des régions");
}

TEST(ReadCsv, KeepsAQuoteInsideAnUnquotedCellAsText) {
  auto rows = MustRead("a,b\n5\" screen,x\"y\"\n");
  EXPECT_EQ(rows[1].cells, (Cells{"5\" screen", "x\"y\""}));
}

TEST(ReadCsv, AcceptsSpacesAfterAClosingQuote) {
  auto rows = MustRead("a,b\n\"x\"  ,\"y\"\t\n");
  EXPECT_EQ(rows[1].cells, (Cells{"x", "y"}));
}

TEST(ReadCsv, DropsEmptyCellsBeyondTheHeaderAsSpreadsheetsWriteThem) {
  auto rows = MustRead("a,b\n1,2,,\n3,4, \n");
  EXPECT_EQ(CellsOf(rows), (std::vector<Cells>{{"a", "b"}, {"1", "2"}, {"3", "4"}}));
}

// Regression (csv_fuzzer): in a one-column file a line of empty cells (",,") came out as a row
// with one empty cell, which the reader promises never to return.
TEST(ReadCsv, OneColumnFileSkipsALineOfEmptyCells) {
  auto rows = MustRead("country\n,,\nVN\n\n, \nCN");
  EXPECT_EQ(CellsOf(rows), (std::vector<Cells>{{"country"}, {"VN"}, {"CN"}}));
  EXPECT_EQ(LinesOf(rows), (std::vector<int>{1, 3, 6}));
}

TEST(ReadCsv, RefusesAnUnclosedQuoteNamingTheLineWhereItOpens) {
  FieldError e = OnlyError("name,summary\nA,ok\nB,\"never closed\nC,x\nD,y\n");
  EXPECT_EQ(e.field, "line 3");
  EXPECT_EQ(e.code, "unclosed_quote");
  EXPECT_NE(e.message.find("never closed"), std::string::npos);
  EXPECT_EQ(OnlyError("\"").code, "unclosed_quote");
  EXPECT_EQ(OnlyError("a\n\"\"\"").field, "line 2");
}

TEST(ReadCsv, RefusesTextAfterAClosingQuote) {
  FieldError e = OnlyError("name,country\n\"Công ty \"ABC\" Hà Nội\",VN\n");
  EXPECT_EQ(e.field, "line 2");
  EXPECT_EQ(e.code, "text_after_quote");
}

TEST(ReadCsv, RefusesARowWithTooFewCells) {
  FieldError e = OnlyError("name,kind,country\n广西大学,university,CN\nĐại học Bách khoa Hà Nội,university\n");
  EXPECT_EQ(e.field, "line 3");
  EXPECT_EQ(e.code, "too_few_cells");
  EXPECT_NE(e.message.find("2 cells"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("3"), std::string::npos) << e.message;
}

TEST(ReadCsv, RefusesARowWithTooManyCells) {
  // As the portal's converter: the third line has a cell beyond the header.
  FieldError e = OnlyError("name,country\nA,VN\nB,VN,extra");
  EXPECT_EQ(e.field, "line 3");
  EXPECT_EQ(e.code, "too_many_cells");
  // An unquoted comma inside a French name is the usual cause.
  EXPECT_EQ(OnlyError("name,country\nUniversité Paris, Cité,FR\n").code, "too_many_cells");
}

TEST(ReadCsv, ReportsEveryBadRowUpToTheLimit) {
  std::string csv = "a,b\n";
  for (int i = 0; i < 80; ++i) csv += "only one\n";
  auto rows = ReadCsv(csv, 50);
  ASSERT_FALSE(rows.ok());
  ASSERT_EQ(rows.status().field_errors().size(), 50u);
  EXPECT_EQ(rows.status().field_errors()[0].field, "line 2");
  EXPECT_EQ(rows.status().field_errors()[49].field, "line 51");
  EXPECT_NE(rows.status().message().find("and 49 more"), std::string::npos) << rows.status().message();
}

TEST(ReadCsv, LineNumbersAfterQuotedNewlinesNameTheRightLine) {
  FieldError e = OnlyError("a,b\n\"x\ny\nz\",1\nshort\n");
  EXPECT_EQ(e.field, "line 5");
}

// --- mapping ---------------------------------------------------------------------------------------

struct Mapped {
  std::vector<Record> records;
  std::vector<FieldError> errors;  // "line N: field" as import reports them
};

// Reads, maps and validates like App::ImportCsv, without a store.
Mapped Import(std::string_view csv, std::string_view default_type) {
  Mapped out;
  auto rows = ReadCsv(csv);
  if (!rows.ok()) {
    out.errors = rows.status().field_errors();
    return out;
  }
  if (rows->empty()) return out;
  auto mapper = CsvMapper::Create(rows->front(), default_type);
  if (!mapper.ok()) {
    out.errors = mapper.status().field_errors();
    return out;
  }
  for (size_t i = 1; i < rows->size(); ++i) {
    const CsvRow& row = (*rows)[i];
    if (CsvMapper::IsBlank(row)) continue;
    auto record = mapper->Map(row);
    Status s = record.ok() ? domain::Validate(*domain::FindType(record->type), *record) : record.status();
    const std::string where = "line " + std::to_string(row.line);
    if (s.ok()) out.records.push_back(std::move(record).value());
    for (const auto& e : s.field_errors()) out.errors.push_back({where + ": " + e.field, e.code, e.message});
  }
  return out;
}

// Maps one row without validating it.
Record MapOnly(std::string_view csv, std::string_view default_type = "") {
  auto rows = ReadCsv(csv);
  EXPECT_TRUE(rows.ok() && rows->size() == 2) << csv;
  if (!rows.ok() || rows->size() != 2) return {};
  auto mapper = CsvMapper::Create(rows->front(), default_type);
  EXPECT_TRUE(mapper.ok()) << mapper.status().ToString();
  if (!mapper.ok()) return {};
  auto record = mapper->Map((*rows)[1]);
  EXPECT_TRUE(record.ok()) << record.status().ToString();
  return record.ok() ? *record : Record{};
}

TEST(CsvMapper, ConvertsRowsOfTheChosenTypeWithListsAndReferences) {
  // web/test/csv.test.ts: "converts rows to records of the chosen type, with lists, numbers and references".
  const std::string csv =
      "ref,org,kind,title,target_countries,deadline\n"
      "p-1,org-1,request,Dự báo sâu bệnh lúa,VN;CN,2026-10-31\n"
      "p-2,12,offer,\"水稻, 病虫害\",,\n";
  Record a = MapOnly(csv.substr(0, csv.rfind("p-2")), "profile");
  EXPECT_EQ(a.type, "profile") << "no type column: every row has the file's type";
  EXPECT_EQ(a.ref, "p-1");
  EXPECT_EQ(a.fields.at("organisation"), Value("org-1")) << "the alias `org` fills `organisation`";
  EXPECT_EQ(a.fields.at("kind"), Value("request"));
  EXPECT_EQ(a.fields.at("title"), Value("Dự báo sâu bệnh lúa"));
  EXPECT_EQ(a.fields.at("target_countries"), Value(List{Value("VN"), Value("CN")}));
  EXPECT_EQ(a.fields.at("deadline"), Value("2026-10-31"));

  auto rows = ReadCsv(csv);
  ASSERT_TRUE(rows.ok());
  auto mapper = CsvMapper::Create(rows->front(), "profile");
  ASSERT_TRUE(mapper.ok());
  auto b = mapper->Map((*rows)[2]);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->fields.at("organisation"), Value(int64_t{12})) << "a whole number in a reference cell is an id";
  EXPECT_EQ(b->fields.at("title"), Value("水稻, 病虫害"));
  EXPECT_EQ(b->fields.count("target_countries"), 0u) << "an empty cell leaves the field out";
  EXPECT_EQ(b->fields.count("deadline"), 0u);
}

TEST(CsvMapper, UsesATypeColumnAndConvertsIntsBooleansAndRefLists) {
  // web/test/csv.test.ts: "uses a type column when there is one, and converts ints and booleans".
  const std::string csv =
      "type,programme,start_date,end_date,online,capacity,parties\n"
      "session,prog-1,2025-06-09,2025-06-20,oui,45,\n"
      "agreement,,,,,,org-1|7\n";
  auto rows = ReadCsv(csv);
  ASSERT_TRUE(rows.ok());
  auto mapper = CsvMapper::Create(rows->front(), "");
  ASSERT_TRUE(mapper.ok());
  auto session = mapper->Map((*rows)[1]);
  ASSERT_TRUE(session.ok()) << session.status().ToString();
  EXPECT_EQ(session->type, "session");
  EXPECT_EQ(session->fields.at("programme"), Value("prog-1"));
  EXPECT_EQ(session->fields.at("online"), Value(true));
  EXPECT_EQ(session->fields.at("capacity"), Value(int64_t{45}));
  auto agreement = mapper->Map((*rows)[2]);
  ASSERT_TRUE(agreement.ok()) << agreement.status().ToString();
  EXPECT_EQ(agreement->type, "agreement");
  EXPECT_EQ(agreement->fields.at("parties"), Value(List{Value("org-1"), Value(int64_t{7})}));
}

TEST(CsvMapper, ReadsYesAndNoInEveryLaunchLanguage) {
  for (const char* yes : {"true", "TRUE", "1", "yes", "Oui", "có", "Có", "是"}) {
    Record r = MapOnly(std::string("programme,start_date,end_date,online\np,2025-01-01,2025-01-02,") + yes, "session");
    EXPECT_EQ(r.fields.at("online"), Value(true)) << yes;
  }
  for (const char* no : {"false", "0", "No", "non", "không", "Không", "否"}) {
    Record r = MapOnly(std::string("programme,start_date,end_date,online\np,2025-01-01,2025-01-02,") + no, "session");
    EXPECT_EQ(r.fields.at("online"), Value(false)) << no;
  }
}

TEST(CsvMapper, LeavesABadNumberAsTextForValidationToReport) {
  // web/test/csv.test.ts: "leaves a bad number as text, for the server to report".
  Record r = MapOnly("title,year\nCase,about 2024", "case");
  EXPECT_EQ(r.fields.at("year"), Value("about 2024"));
  Mapped m = Import("title,year\nCase,about 2024\n", "case");
  ASSERT_EQ(m.errors.size(), 1u);
  EXPECT_EQ(m.errors[0].field, "line 2: year");
  // Too large for 64 bits: text too, refused by validation rather than wrapped around.
  EXPECT_EQ(MapOnly("title,year\nCase,99999999999999999999", "case").fields.at("year"), Value("99999999999999999999"));
  EXPECT_EQ(MapOnly("title,value,parties\nP,1250000.50,a|b", "project").fields.at("value"), Value(1250000.5));
  EXPECT_EQ(MapOnly("title,value,parties\nP,300,a|b", "project").fields.at("value"), Value(int64_t{300}));
  EXPECT_EQ(MapOnly("title,value,parties\nP,1e3,a|b", "project").fields.at("value"), Value("1e3"));
}

TEST(CsvMapper, GivesTextFieldsTheirLanguage) {
  // <field>_lang for one field, lang for the row, else detected by validation.
  Record r = MapOnly("title,title_lang,summary,lang,org,kind\nDự báo sâu bệnh,vi,Prévision des ravageurs,fr,o,request",
                     "profile");
  EXPECT_EQ(r.fields.at("title"), Value(Text{.lang = "vi", .text = "Dự báo sâu bệnh"}));
  EXPECT_EQ(r.fields.at("summary"), Value(Text{.lang = "fr", .text = "Prévision des ravageurs"}));

  Mapped m = Import(
      "ref,name,kind,country\n"
      "o-1,Sở Nông nghiệp và Phát triển nông thôn tỉnh Lạng Sơn,government,VN\n"
      "o-2,广西壮族自治区人工智能应用合作中心,government,CN\n"
      "o-3,Agence française de développement pour l'intelligence artificielle,government,FR\n",
      "organisation");
  ASSERT_TRUE(m.errors.empty()) << m.errors[0].field << " " << m.errors[0].message;
  ASSERT_EQ(m.records.size(), 3u);
  EXPECT_EQ(m.records[0].fields.at("name").as_text().lang, "vi");
  EXPECT_EQ(m.records[1].fields.at("name").as_text().lang, "zh-Hans");
  EXPECT_EQ(m.records[2].fields.at("name").as_text().lang, "fr");
}

TEST(CsvMapper, RefusesALanguageColumnForAFieldThatIsNotText) {
  Mapped m = Import("name,name_lang\nNguyễn Văn A,vi\n", "person");
  ASSERT_EQ(m.errors.size(), 1u);
  EXPECT_EQ(m.errors[0].field, "line 2: name_lang");
  EXPECT_EQ(m.errors[0].code, "unknown_field");
}

TEST(CsvMapper, IgnoresStoreOwnedColumnsAndEmptyUnknownCells) {
  Record r = MapOnly("id,ref,version,name,kind,country,notes\n42,o-1,3,广西大学,university,CN,", "organisation");
  EXPECT_EQ(r.ref, "o-1");
  EXPECT_EQ(r.id, 0) << "ids are the store's";
  EXPECT_EQ(r.fields.size(), 3u);
}

TEST(CsvMapper, RefusesAnUnknownFieldWithAValue) {
  Mapped m = Import("name,kind,country,notes\n广西大学,university,CN,ghi chú\n", "organisation");
  ASSERT_EQ(m.errors.size(), 1u);
  EXPECT_EQ(m.errors[0].field, "line 2: notes");
  EXPECT_EQ(m.errors[0].code, "unknown_field");
}

TEST(CsvMapper, RefusesAFieldGivenTwiceThroughItsAlias) {
  Mapped m = Import("org,organisation,kind,title\na,b,offer,T\n", "profile");
  ASSERT_FALSE(m.errors.empty());
  EXPECT_EQ(m.errors[0].code, "duplicate_field");
}

TEST(CsvMapper, RefusesUnusableHeaders) {
  auto header = [](std::string_view csv) { return ReadCsv(csv)->front(); };
  auto code = [&](std::string_view csv, std::string_view type) {
    auto m = CsvMapper::Create(header(csv), type);
    EXPECT_FALSE(m.ok()) << csv;
    return m.ok() ? std::string() : m.status().field_errors().at(0).code;
  };
  EXPECT_EQ(code("name,country\nA,VN", ""), "required") << "no type column and no type for the file";
  EXPECT_EQ(code("name,country,name\nA,VN,B", "organisation"), "duplicate_field");
  EXPECT_EQ(code(",,\n", "organisation"), "no_header");
  EXPECT_EQ(code("name\nA", "planet"), "invalid_enum");
  EXPECT_TRUE(CsvMapper::Create(header("name\nA"), "organisations").ok()) << "the collection name works too";
}

TEST(CsvMapper, RefusesAnUnknownOrMissingRowType) {
  Mapped m = Import("type,name\nplanet,Mars\n,Venus\n", "");
  ASSERT_EQ(m.errors.size(), 2u);
  EXPECT_EQ(m.errors[0].field, "line 2: type");
  EXPECT_EQ(m.errors[0].code, "invalid_enum");
  EXPECT_EQ(m.errors[1].field, "line 3: type");
  EXPECT_EQ(m.errors[1].code, "required");
  // A row with an empty type cell takes the file's type.
  EXPECT_EQ(MapOnly("type,name,kind,country\n,A,university,VN", "organisation").type, "organisation");
}

TEST(CsvMapper, RefusesInvalidUtf8NamingTheColumn) {
  auto rows = ReadCsv("name,country\nH\xE0 N\xF4i,VN\n");  // Latin-1, not UTF-8
  ASSERT_TRUE(rows.ok());
  auto mapper = CsvMapper::Create(rows->front(), "organisation");
  ASSERT_TRUE(mapper.ok());
  auto r = mapper->Map((*rows)[1]);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field_errors().at(0).field, "name");
  EXPECT_EQ(r.status().field_errors().at(0).code, "invalid_utf8");
}

TEST(CsvMapper, TrimsCellsAndSkipsBlankRows) {
  EXPECT_TRUE(CsvMapper::IsBlank({.line = 3, .cells = {"", " ", "\xC2\xA0"}}));
  EXPECT_FALSE(CsvMapper::IsBlank({.line = 3, .cells = {"", "x"}}));
  Mapped m = Import("name,kind,country\n  Hợp tác xã Tôm Cà Mau ,cooperative, VN\n,,\n , ,\n", "organisation");
  ASSERT_TRUE(m.errors.empty()) << m.errors[0].field;
  ASSERT_EQ(m.records.size(), 1u);
  EXPECT_EQ(m.records[0].fields.at("name").as_text().text, "Hợp tác xã Tôm Cà Mau");
  EXPECT_EQ(m.records[0].fields.at("country"), Value("VN"));
}

TEST(CsvMapper, ReportsErrorsWithTheLineWhereTheRowStarts) {
  Mapped m = Import("name,kind,country\n\"Công ty\nhai dòng\",enterprise,VN\nB,enterprise,Vietnam\n", "organisation");
  ASSERT_EQ(m.errors.size(), 1u);
  EXPECT_EQ(m.errors[0].field, "line 4: country");
  EXPECT_EQ(m.errors[0].code, "invalid_country");
}

TEST(CsvMapper, HandlesAColumnBeyondTheRowWhenTheReaderWasBypassed) {
  // Rows from ReadCsv always have the header's width; Map must not rely on it.
  auto mapper = CsvMapper::Create({.line = 1, .cells = {"name", "kind", "country"}}, "organisation");
  ASSERT_TRUE(mapper.ok());
  EXPECT_TRUE(mapper->Map({.line = 2, .cells = {"A"}}).ok());
  EXPECT_TRUE(mapper->Map({.line = 2, .cells = {"A", "enterprise", "VN", "extra", "\xFF"}}).status().code() ==
              Code::kInvalidArgument);
}

}  // namespace
}  // namespace hoptac::app
