#include "store/sqlite/internal/list_sql.h"

#include <gtest/gtest.h>

#include "store/sqlite/internal/schema_sql.h"
#include "store_conformance/conformance.h"

namespace hoptac::store::sqlite {
namespace {

TEST(BuildListSql, BindsValuesInsteadOfSplicingThem) {
  const TableLayout& layout = *FindLayout("organisation");
  auto sql = BuildListSql(layout, {.type = "organisation",
                                   .equals = {{"locality", "Thái Bình'); DROP TABLE t_organisation; --"}},
                                   .ref = "o'brien",
                                   .prefix = "Sở"});
  ASSERT_TRUE(sql.ok()) << sql.status().ToString();
  EXPECT_EQ(sql->sql.find("DROP"), std::string::npos);
  EXPECT_EQ(sql->sql.find("brien"), std::string::npos);
  EXPECT_EQ(sql->sql.find("sở"), std::string::npos);
  EXPECT_NE(sql->sql.find("\"name_fold\" >= ?"), std::string::npos) << sql->sql;
  // after_id, locality, ref, prefix low, prefix high, limit
  EXPECT_EQ(sql->params.size(), 6u);
  EXPECT_EQ(std::get<std::string>(sql->params[3]), "sở");
  EXPECT_EQ(std::get<std::string>(sql->params[4]), "sở\xF4\x8F\xBF\xBF");
}

TEST(BuildListSql, ClampsTheLimitAndAsksForOneMoreRow) {
  const TableLayout& layout = *FindLayout("profile");
  for (auto [asked, clamped] :
       std::vector<std::pair<int, int>>{{0, 1}, {-5, 1}, {50, 50}, {501, 500}, {1 << 30, 500}}) {
    auto sql = BuildListSql(layout, {.type = "profile", .limit = asked});
    ASSERT_TRUE(sql.ok());
    EXPECT_EQ(sql->limit, clamped);
    EXPECT_EQ(std::get<int64_t>(sql->params.back()), clamped + 1);
  }
}

TEST(BuildListSql, PrefixAndFiltersUseIndexes) {
  hoptac::testing::TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto conn, Connection::Open((dir.path() / "p.db").string(), {}));
  ASSERT_OK(Migrate(*conn));
  auto plan = [&](const ListQuery& q) {
    auto sql = BuildListSql(*FindLayout(q.type), q);
    EXPECT_TRUE(sql.ok());
    auto stmt = conn->Prepare("EXPLAIN QUERY PLAN " + sql->sql);
    EXPECT_TRUE(stmt.ok()) << stmt.status().ToString();
    BindParams(*sql, *stmt);
    std::string out;
    while (*stmt->Step()) out += stmt->Text(3) + "\n";
    return out;
  };
  EXPECT_NE(plan({.type = "organisation", .prefix = "sở"}).find("i_organisation_name_fold"), std::string::npos)
      << plan({.type = "organisation", .prefix = "sở"});
  EXPECT_NE(plan({.type = "profile", .date_from = "2025-01-01", .date_to = "2025-02-01"}).find("i_profile_deadline"),
            std::string::npos);
  EXPECT_NE(plan({.type = "agreement", .equals = {{"parties", "7"}}}).find("j_agreement_parties_target"),
            std::string::npos)
      << plan({.type = "agreement", .equals = {{"parties", "7"}}});
}

}  // namespace
}  // namespace hoptac::store::sqlite
