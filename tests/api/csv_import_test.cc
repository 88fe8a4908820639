// CSV import, black box: POST /api/v1/import with Content-Type: text/csv and `hoptac import
// FILE.csv`, all or nothing, errors naming the line of the file; what is imported survives a
// restart (the store is the source of truth).
#include <set>
#include <string>

#include "api/harness.h"

namespace hoptac::api_test {
namespace {

const Headers kCsv = {"Content-Type: text/csv; charset=utf-8"};

class CsvImportTest : public ServerTest {
 protected:
  HttpResponse ImportCsv(const std::string& csv, const std::string& query = "") {
    return Api().Send("POST", "/api/v1/import" + query, csv, kCsv);
  }
  Json One(const std::string& collection, const std::string& ref) {
    std::vector<Json> items = ListAll(collection, "ref=" + ref);
    EXPECT_EQ(items.size(), 1u) << collection << " " << ref;
    return items.empty() ? Json::object() : items[0];
  }
  // Asserts a 400 whose errors all name `line` (and at least one does); returns the problem.
  Json ExpectRefusedAt(const HttpResponse& r, const std::string& line) {
    Json problem = ExpectProblem(r, 400);
    const Json errors = problem.value("errors", Json::array());
    EXPECT_FALSE(errors.empty()) << r.Describe();
    for (const auto& e : errors) {
      const std::string field = e.value("field", "");
      EXPECT_TRUE(field == line || field.rfind(line + ":", 0) == 0) << "expected " << line << ": " << e.dump();
    }
    return problem;
  }
};

TEST_F(CsvImportTest, ImportsOrganisationsAndProfilesInFourLanguages) {
  // A spreadsheet export: BOM, CRLF, quoted cells with commas, quotes and a line break.
  const std::string orgs =
      "\xEF\xBB\xBF"
      "type,ref,name,name_lang,kind,country,locality,description\r\n"
      "organisation,csv-vn,Sở Khoa học và Công nghệ Lạng Sơn,vi,government,VN,Lạng Sơn,\"Chuyển đổi số, AI\"\r\n"
      "organisation,csv-cn,\"南宁智能科技有限公司，广西\",,enterprise,CN,南宁,\"提供“无人机”植保服务\nTwo lines\"\r\n"
      "organisation,csv-fr,\"Agence \"\"IA\"\" de Lyon\",fr,association,FR,Lyon,\r\n";
  HttpResponse r = ImportCsv(orgs);
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_EQ(r.json().value("created", 0), 3);

  // One type for the whole file (?type=), references by ref, lists with ';', a row language.
  const std::string profiles =
      "ref,org,kind,title,title_lang,summary,lang,target_countries,status,deadline\n"
      "csv-p1,csv-vn,request,Dự báo sâu bệnh lúa bằng AI,,Hệ thống cảnh báo sớm,vi,VN;CN,published,2026-10-31\n"
      "csv-p2,csv-cn,offer,水稻病虫害智能识别,zh-Hans,Identification des ravageurs,fr,VN | LA,published,\n";
  r = ImportCsv(profiles, "?type=profile");
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_EQ(r.json()["per_type"], (Json{{"profile", 2}})) << r.body;

  for (int pass = 0; pass < 2; ++pass) {
    SCOPED_TRACE(pass == 0 ? "fresh" : "after a restart");
    Json vn = One("organisations", "csv-vn"), cn = One("organisations", "csv-cn"), fr = One("organisations", "csv-fr");
    EXPECT_EQ(vn["name"], (Json{{"lang", "vi"}, {"text", "Sở Khoa học và Công nghệ Lạng Sơn"}}));
    EXPECT_EQ(vn["description"]["text"], "Chuyển đổi số, AI");
    EXPECT_EQ(cn["name"]["text"], "南宁智能科技有限公司，广西");
    EXPECT_EQ(cn["name"]["lang"], "zh-Hans") << "detected when not given";
    EXPECT_EQ(cn["description"]["text"], "提供“无人机”植保服务\nTwo lines");
    EXPECT_EQ(fr["name"]["text"], "Agence \"IA\" de Lyon");
    EXPECT_EQ(fr.value("locality", ""), "Lyon");
    Json p1 = One("profiles", "csv-p1"), p2 = One("profiles", "csv-p2");
    EXPECT_EQ(p1["organisation"], vn["id"]);
    EXPECT_EQ(p1["target_countries"], (Json{"VN", "CN"}));
    EXPECT_EQ(p1["summary"], (Json{{"lang", "vi"}, {"text", "Hệ thống cảnh báo sớm"}}));
    EXPECT_EQ(p1.value("deadline", ""), "2026-10-31");
    EXPECT_EQ(p2["organisation"], cn["id"]);
    EXPECT_EQ(p2["title"]["lang"], "zh-Hans");
    EXPECT_EQ(p2["summary"]["lang"], "fr") << "the row's lang for a text field without its own";
    EXPECT_EQ(p2["target_countries"], (Json{"VN", "LA"}));
    if (pass == 0) {
      ASSERT_NO_FATAL_FAILURE(RestartServer());
    }
  }
  // Imported records are searchable at once.
  HttpResponse found = Anon().Get("/api/v1/search?q=" + UrlEncode("sâu bệnh"));
  ASSERT_EQ(found.status, 200) << found.Describe();
  EXPECT_GE(found.json().value("total", 0), 1) << found.body;
}

TEST_F(CsvImportTest, ImportsTheFileThePortalsBrowserTestUses) {
  // tests/browser/run.mjs imports this through the portal's converter; the server reads it alike.
  const std::string csv =
      "ref,name,kind,country,locality\n"
      "bt-org-1,Công ty Thử nghiệm Nhập liệu,enterprise,VN,Hà Nội\n"
      "bt-org-2,\"南宁导入测试公司, 有限\",enterprise,CN,Nanning\n";
  HttpResponse r = ImportCsv(csv, "?type=organisation");
  ASSERT_EQ(r.status, 200) << r.Describe();
  EXPECT_EQ(One("organisations", "bt-org-2")["name"]["text"], "南宁导入测试公司, 有限");
}

TEST_F(CsvImportTest, RefusesABadFileWholeNamingTheLine) {
  const std::string header = "ref,name,kind,country\n";
  const std::string good = "bad-1,Sở Y tế Hà Nội,government,VN\nbad-2,广西大学,university,CN\n";
  struct Case {
    const char* what;
    std::string csv;
    std::string line;
    std::string code;
  };
  const std::vector<Case> cases = {
      {"unclosed quote", header + good + "bad-3,\"Université de Hanoï,university,VN\nbad-4,D,enterprise,VN\n", "line 4",
       "unclosed_quote"},
      {"text after a closing quote", header + good + "bad-3,\"Công ty \"A\"\",enterprise,VN\n", "line 4",
       "text_after_quote"},
      {"too few cells", header + good + "bad-3,Hợp tác xã,cooperative\n", "line 4", "too_few_cells"},
      {"too many cells", header + good + "bad-3,Université Paris, Cité,university,FR\n", "line 4", "too_many_cells"},
      {"invalid country", header + good + "bad-3,Công ty C,enterprise,XX\n", "line 4", "invalid_country"},
      {"unknown type",
       "type," + header + "organisation," + good.substr(0, good.find('\n') + 1) + "spaceship,bad-3,C,enterprise,VN\n",
       "line 3", "invalid_enum"},
      {"unknown column", "ref,name,kind,country,colour\nbad-1,A,enterprise,VN,\nbad-2,B,enterprise,VN,đỏ\n", "line 3",
       "unknown_field"},
      {"dangling reference", header + good + "bad-3,Công ty C,enterprise,VN\n", "", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    if (c.line.empty()) {
      HttpResponse r = ImportCsv("ref,org,kind,title\nbad-p,nope,offer,Drones\n", "?type=profile");
      ExpectRefusedAt(r, "line 2");
      continue;
    }
    HttpResponse r = ImportCsv(c.csv, "?type=organisation");
    Json problem = ExpectRefusedAt(r, c.line);
    bool has_code = false;
    for (const auto& e : problem.value("errors", Json::array())) has_code |= e.value("code", "") == c.code;
    EXPECT_TRUE(has_code) << c.code << ": " << r.Describe();
  }
  // No type at all: neither a column nor ?type=.
  ExpectRefusedAt(ImportCsv(header + good), "line 1: type");
  // Messages follow the caller's language.
  Json fr = ExpectProblem(
      Api().Send("POST", "/api/v1/import?type=organisation&lang=fr", header + "x,Công ty,enterprise,XX\n", kCsv), 400);
  EXPECT_NE(fr.dump().find("code pays"), std::string::npos) << fr.dump();
  EXPECT_TRUE(ListAll("organisations", "").empty()) << "nothing was written";
}

TEST_F(CsvImportTest, JsonLinesStayTheDefault) {
  HttpResponse r = Api().Send(
      "POST", "/api/v1/import",
      R"({"type":"organisation","ref":"j-1","name":"Sở Nông nghiệp Thái Bình","kind":"government","country":"VN"})"
      "\n",
      {"Content-Type: application/x-ndjson"});
  ASSERT_EQ(r.status, 200) << r.Describe();
  // A CSV body sent as JSON Lines is read as JSON Lines, and refused as such.
  ExpectRefusedAt(Api().Send("POST", "/api/v1/import", "ref,name\n", {"Content-Type: application/x-ndjson"}), "line 1");
}

TEST_F(CsvImportTest, ImportsWithTheCliByExtensionOrFormat) {
  const fs::path csv = work_dir() / "partners.csv";
  const fs::path txt = work_dir() / "partners.txt";
  const fs::path bad = work_dir() / "bad.CSV";
  WriteFile(csv, "ref,name,kind,country\ncli-1,Sở Nông nghiệp Thái Bình,government,VN\ncli-2,广西大学,university,CN\n");
  WriteFile(txt, "type,ref,name,kind,country\norganisation,cli-3,Université de Lyon,university,FR\n");
  WriteFile(bad, "ref,name,kind,country\ncli-4,A,government,VN\ncli-5,\"B,government,VN\n");
  ASSERT_NO_FATAL_FAILURE(server().Stop());
  const std::string data = data_dir().string();
  CliResult ok = RunCli({"import", "--data", data, "--type", "organisation", csv.string()});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(ok.out.find("imported 2 records"), std::string::npos) << ok.out;
  CliResult as_csv = RunCli({"import", "--data", data, "--format", "csv", txt.string()});
  EXPECT_EQ(as_csv.exit_code, 0) << as_csv.err;
  CliResult no_type = RunCli({"import", "--data", data, csv.string()});
  EXPECT_NE(no_type.exit_code, 0);
  EXPECT_NE(no_type.err.find("line 1"), std::string::npos) << no_type.err;
  CliResult refused = RunCli({"import", "--data", data, "--type", "organisation", bad.string()});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.err.find("line 3"), std::string::npos) << refused.err;
  CliResult wrong_format = RunCli({"import", "--data", data, "--format", "xlsx", csv.string()});
  EXPECT_NE(wrong_format.exit_code, 0);
  ASSERT_NO_FATAL_FAILURE(StartServer());
  std::set<std::string> refs;
  for (const auto& o : ListAll("organisations", "")) refs.insert(o.value("ref", ""));
  EXPECT_EQ(refs, (std::set<std::string>{"cli-1", "cli-2", "cli-3"}));
}

TEST_F(CsvImportTest, OpenApiDocumentsTheCsvBody) {
  HttpResponse r = Anon().Get("/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200);
  Json op = r.json()["paths"]["/api/v1/import"]["post"];
  EXPECT_TRUE(op["requestBody"]["content"].contains("text/csv")) << op.dump();
  EXPECT_TRUE(op["requestBody"]["content"].contains("application/x-ndjson")) << op.dump();
  bool has_type = false;
  for (const auto& p : op["parameters"]) has_type |= p.value("name", "") == "type";
  EXPECT_TRUE(has_type) << op.dump();
}

}  // namespace
}  // namespace hoptac::api_test
