#include "store/sqlite/internal/record_codec.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "store_conformance/conformance.h"

namespace hoptac::store::sqlite {
namespace {

using hoptac::testing::Tx;

TEST(TextJson, RoundTripsWithAndWithoutTranslations) {
  for (const auto& text : {Tx("vi", "Sở Nông nghiệp \"Thái Bình\"\n", {{"fr", "Direction"}, {"zh-Hans", "农业厅"}}),
                           Tx("zh-Hans", "广西"), Tx("und", "")}) {
    auto json = EncodeText(text);
    ASSERT_TRUE(json.ok());
    auto back = DecodeText(*json);
    ASSERT_TRUE(back.ok()) << *json;
    EXPECT_EQ(*back, text);
  }
  EXPECT_EQ(*EncodeText(Tx("fr", "é")), R"({"lang":"fr","text":"é"})");
}

TEST(TextJson, RejectsBadInput) {
  EXPECT_EQ(EncodeText(Tx("fr", "\xC3")).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(DecodeText("not json").status().code(), Code::kInternal);
  EXPECT_EQ(DecodeText(R"({"text":"no lang"})").status().code(), Code::kInternal);
  EXPECT_EQ(DecodeText(R"({"lang":"fr","text":"x","translations":[1]})").status().code(), Code::kInternal);
}

TEST(TableLayout, QuotesNamesAndNumbersParameters) {
  const TableLayout* layout = FindLayout("case");
  ASSERT_NE(layout, nullptr);
  EXPECT_EQ(layout->table, "\"t_case\"");
  EXPECT_EQ(layout->fold_column, "title_fold");
  EXPECT_NE(layout->insert_sql.find("\"title_fold\""), std::string::npos);
  // organisation is referenced by person, profile, case (twice), agreement, project, programme and interest.
  const TableLayout* org = FindLayout("organisation");
  ASSERT_NE(org, nullptr);
  EXPECT_EQ(org->incoming.size(), 8u);
  EXPECT_EQ(FindLayout("enrolment")->fold_column, "");
  EXPECT_EQ(FindLayout("nothing"), nullptr);
}

TEST(ReadRecord, AnUnreadableColumnIsInternalNotACrash) {
  hoptac::testing::TempDir dir;
  const std::string path = (dir.path() / "s.db").string();
  int64_t id = 0;
  {
    ASSERT_OK_AND_ASSIGN(auto store, store::OpenSqliteStore({.path = path}));
    ASSERT_OK_AND_ASSIGN(auto org, store->Create(hoptac::testing::Org("o", Tx("fr", "Org")), {}));
    id = org.id;
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE t_organisation SET name = '{broken'", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  ASSERT_OK_AND_ASSIGN(auto store, store::OpenSqliteStore({.path = path}));
  auto got = store->Get("organisation", id);
  EXPECT_EQ(got.status().code(), Code::kInternal) << got.status().ToString();
}

}  // namespace
}  // namespace hoptac::store::sqlite
