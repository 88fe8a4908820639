#include "text/thesaurus.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace hoptac::text {
namespace {

constexpr const char* kSmall =
    R"({"id":"a","labels":{"en":{"pref":"A","alt":["alpha"]},"vi":{"pref":"Á"}}})"
    "\n"
    R"({"id":"a.b","broader":["a"],"labels":{"en":{"pref":"B"}}})"
    "\n\n"
    R"({"id":"a.b.c","broader":["a.b","a"],"labels":{"en":{"pref":"C"}},"note":"ignored"})"
    "\n";

std::vector<std::string> Ids(const std::vector<const Concept*>& concepts) {
  std::vector<std::string> ids;
  for (const Concept* c : concepts) ids.push_back(c->id);
  return ids;
}

// The first reported error, for assertions on its line and code.
FieldError FirstError(const Result<Thesaurus>& r) {
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  if (r.status().field_errors().empty()) return {};
  return r.status().field_errors().front();
}

TEST(Thesaurus, ParsesConceptsLabelsAndLinks) {
  auto t = Thesaurus::Parse(kSmall);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->size(), 3u);
  const Concept* a = t->Find("a");
  ASSERT_NE(a, nullptr);
  ASSERT_NE(a->LabelsFor("en"), nullptr);
  EXPECT_EQ(a->LabelsFor("en")->pref, "A");
  EXPECT_EQ(a->LabelsFor("en")->alt, (std::vector<std::string>{"alpha"}));
  EXPECT_TRUE(a->LabelsFor("vi")->alt.empty());
  EXPECT_EQ(a->LabelsFor("fr"), nullptr);
  EXPECT_EQ(a->narrower, (std::vector<std::string>{"a.b", "a.b.c"}));
  EXPECT_EQ(t->Find("missing"), nullptr);
}

TEST(Thesaurus, AncestorsNearestFirstEachOnce) {
  auto t = Thesaurus::Parse(kSmall);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(Ids(t->Ancestors("a.b.c")), (std::vector<std::string>{"a.b", "a"}));
  EXPECT_TRUE(t->Ancestors("a").empty());
  EXPECT_TRUE(t->Ancestors("unknown").empty());
  EXPECT_EQ(Ids(t->Descendants("a")), (std::vector<std::string>{"a.b", "a.b.c"}));
}

TEST(Thesaurus, InvalidJsonNamesTheLine) {
  auto r = Thesaurus::Parse(std::string(kSmall) + "{\"id\": \n");
  const FieldError e = FirstError(r);
  EXPECT_EQ(e.field, "line 5");
  EXPECT_EQ(e.code, "invalid_json");
  EXPECT_NE(r.status().message().find("concepts.jsonl:5"), std::string::npos) << r.status().message();
}

TEST(Thesaurus, UnknownBroaderIsAnError) {
  auto r = Thesaurus::Parse(R"({"id":"x","broader":["nope"],"labels":{"en":{"pref":"X"}}})");
  const FieldError e = FirstError(r);
  EXPECT_EQ(e.field, "line 1");
  EXPECT_EQ(e.code, "unknown_broader");
}

TEST(Thesaurus, CyclesAreErrors) {
  auto self = Thesaurus::Parse(R"({"id":"x","broader":["x"],"labels":{"en":{"pref":"X"}}})");
  EXPECT_EQ(FirstError(self).code, "broader_cycle");
  auto loop = Thesaurus::Parse(
      R"({"id":"x","broader":["z"],"labels":{"en":{"pref":"X"}}})"
      "\n"
      R"({"id":"y","broader":["x"],"labels":{"en":{"pref":"Y"}}})"
      "\n"
      R"({"id":"z","broader":["y"],"labels":{"en":{"pref":"Z"}}})");
  EXPECT_EQ(FirstError(loop).code, "broader_cycle");
}

TEST(Thesaurus, DuplicateIdNamesBothLines) {
  auto r = Thesaurus::Parse(std::string(kSmall) + R"({"id":"a.b","labels":{"en":{"pref":"again"}}})");
  const FieldError e = FirstError(r);
  EXPECT_EQ(e.field, "line 5");
  EXPECT_EQ(e.code, "duplicate_id");
  EXPECT_NE(e.message.find("line 2"), std::string::npos) << e.message;
}

TEST(Thesaurus, LabelProblemsAreErrors) {
  EXPECT_EQ(FirstError(Thesaurus::Parse(R"({"id":"x"})")).code, "missing_labels");
  EXPECT_EQ(FirstError(Thesaurus::Parse(R"({"id":"x","labels":{}})")).code, "missing_labels");
  EXPECT_EQ(FirstError(Thesaurus::Parse(R"({"id":"x","labels":{"en":{"alt":["a"]}}})")).code, "missing_pref");
  EXPECT_EQ(FirstError(Thesaurus::Parse(R"({"id":"x","labels":{"en":{"pref":""}}})")).code, "missing_pref");
  EXPECT_EQ(FirstError(Thesaurus::Parse(R"({"id":"x","labels":{"en":{"pref":"X","alt":"a"}}})")).code,
            "invalid_alt");
  EXPECT_EQ(FirstError(Thesaurus::Parse(R"({"id":"x","labels":{"not a tag":{"pref":"X"}}})")).code,
            "invalid_language");
  EXPECT_EQ(FirstError(Thesaurus::Parse(R"({"id":"","labels":{"en":{"pref":"X"}}})")).code, "invalid_id");
  EXPECT_EQ(FirstError(Thesaurus::Parse(R"(["x"])")).code, "not_object");
  EXPECT_EQ(FirstError(Thesaurus::Parse(R"({"id":"x","broader":"a","labels":{"en":{"pref":"X"}}})")).code,
            "invalid_broader");
}

TEST(Thesaurus, ReportsEveryErrorUpToALimit) {
  std::string text;
  for (int i = 0; i < 30; ++i) text += "not json\n";
  auto r = Thesaurus::Parse(text);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field_errors().size(), 20u);
  EXPECT_NE(r.status().message().find("29 more"), std::string::npos) << r.status().message();
}

TEST(Thesaurus, LoadReadsAFileAndReportsAMissingOne) {
  const auto dir = std::filesystem::path(::testing::TempDir()) / "thesaurus_test";
  std::filesystem::create_directories(dir);
  const auto path = dir / "concepts.jsonl";
  {
    std::ofstream out(path, std::ios::binary);
    out << "\xEF\xBB\xBF" << kSmall;  // editors may add a byte order mark
  }
  auto ok = Thesaurus::Load(path);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->size(), 3u);
  auto missing = Thesaurus::Load(dir / "nope.jsonl");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), Code::kNotFound);
}

}  // namespace
}  // namespace hoptac::text
