#include "store/sqlite/internal/schema_sql.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "store_conformance/conformance.h"

namespace hoptac::store::sqlite {
namespace {

using hoptac::testing::TempDir;
using hoptac::testing::Tx;

// Every object's DDL, in a stable order: what "the schema" of the file is.
std::string SchemaDump(Connection& conn) {
  auto stmt = conn.Prepare("SELECT type || ' ' || name || ': ' || COALESCE(sql, '') FROM sqlite_schema ORDER BY name");
  EXPECT_TRUE(stmt.ok());
  std::string out;
  while (*stmt->Step()) out += stmt->Text(0) + "\n";
  return out;
}

int64_t Scalar(Connection& conn, const std::string& sql) {
  auto stmt = conn.Prepare(sql);
  EXPECT_TRUE(stmt.ok()) << stmt.status().ToString();
  EXPECT_TRUE(*stmt->Step()) << sql;
  return stmt->Int(0);
}

TEST(Migrate, CreatesEveryTableOnceAndReopeningChangesNothing) {
  TempDir dir;
  const std::string path = (dir.path() / "m.db").string();
  std::string first;
  {
    ASSERT_OK_AND_ASSIGN(auto conn, Connection::Open(path, {}));
    ASSERT_OK(Migrate(*conn));
    ASSERT_OK_AND_ASSIGN(int version, SchemaVersion(*conn));
    EXPECT_EQ(version, Migrations().back().version);
    first = SchemaDump(*conn);
    for (const auto& type : domain::Schema()) {
      EXPECT_NE(first.find("table " + TableName(type) + ":"), std::string::npos) << type.name;
    }
    for (const char* name :
         {"table changes:", "table api_tokens:", "table schema_migrations:", "table j_agreement_parties:",
          "table j_project_parties:", "index i_organisation_name_fold:", "index i_profile_deadline:",
          "index j_agreement_parties_target:"}) {
      EXPECT_NE(first.find(name), std::string::npos) << name;
    }
    EXPECT_NE(first.find("\"case\" INTEGER REFERENCES \"t_case\"(id)"), std::string::npos);
    EXPECT_EQ(
        first.find("CASCADE,\n  pos INTEGER NOT NULL,\n  target INTEGER NOT NULL REFERENCES \"t_organisation\"(id) ON"),
        std::string::npos)
        << "references to targets never cascade";
  }
  ASSERT_OK_AND_ASSIGN(auto conn, Connection::Open(path, {}));
  ASSERT_OK(Migrate(*conn));
  ASSERT_OK(Migrate(*conn));
  EXPECT_EQ(SchemaDump(*conn), first);
  EXPECT_EQ(Scalar(*conn, "SELECT count(*) FROM schema_migrations"), static_cast<int64_t>(Migrations().size()));
}

TEST(Migrate, RefusesADatabaseFromANewerVersion) {
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto conn, Connection::Open((dir.path() / "m.db").string(), {}));
  ASSERT_OK(Migrate(*conn));
  ASSERT_OK(conn->Exec("INSERT INTO schema_migrations VALUES (999, '2030-01-01T00:00:00.000Z')"));
  Status s = Migrate(*conn);
  EXPECT_EQ(s.code(), Code::kUnavailable) << s.ToString();
  EXPECT_NE(s.message().find("999"), std::string::npos);
}

TEST(Migrate, AddsFieldsTheDatabaseLacksAndFillsTheFoldColumn) {
  TempDir dir;
  const std::string path = (dir.path() / "m.db").string();
  {
    ASSERT_OK_AND_ASSIGN(auto store, store::OpenSqliteStore({.path = path}));
    ASSERT_OK(store->Create(hoptac::testing::Org("ls", Tx("vi", "Sở Nông nghiệp Lạng Sơn")), {}));
  }
  // Make the file look as if it predated the website field and the prefix filter.
  {
    ASSERT_OK_AND_ASSIGN(auto conn, Connection::Open(path, {}));
    ASSERT_OK(
        conn->Exec("DROP INDEX i_organisation_name_fold;"
                   "ALTER TABLE t_organisation DROP COLUMN name_fold;"
                   "ALTER TABLE t_organisation DROP COLUMN website"));
  }
  ASSERT_OK_AND_ASSIGN(auto store, store::OpenSqliteStore({.path = path}));
  ASSERT_OK_AND_ASSIGN(auto page, store->List({.type = "organisation", .prefix = "SỞ NÔNG"}));
  ASSERT_EQ(page.items.size(), 1u) << "the fold column was filled for rows already stored";
  auto org = page.items[0];
  org.fields["website"] = domain::Value("https://snn.langson.gov.vn");
  ASSERT_OK(store->Update(org, std::nullopt, {}));
  ASSERT_OK_AND_ASSIGN(std::string integrity, store->IntegrityCheck());
  EXPECT_EQ(integrity, "ok");
}

}  // namespace
}  // namespace hoptac::store::sqlite
