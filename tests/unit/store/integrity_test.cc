// IntegrityCheck finds damage that SQLite's own checks and ours are meant to find.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "store_conformance/conformance.h"

namespace hoptac::testing {
namespace {

void RawExec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK) << (error ? error : "");
  sqlite3_free(error);
  sqlite3_close(db);
}

TEST(SqliteIntegrityCheck, ReportsDanglingForeignKeysAndJunctionDrift) {
  TempDir dir;
  const std::string path = (dir.path() / "i.db").string();
  int64_t agreement_id = 0;
  {
    ASSERT_OK_AND_ASSIGN(auto store, store::OpenSqliteStore({.path = path}));
    ASSERT_OK(store->Create(Org("a", Tx("fr", "Alpha")), Tester()));
    ASSERT_OK(store->Create(Org("b", Tx("fr", "Bêta")), Tester()));
    ASSERT_OK_AND_ASSIGN(
        Record agreement,
        store->Create(
            Valid(Rec("agreement", std::nullopt,
                      {{"title", Tx("fr", "Accord")}, {"parties", domain::List{"a", "b"}}, {"agreement_type", "mou"}})),
            Tester()));
    agreement_id = agreement.id;
    ASSERT_OK_AND_ASSIGN(std::string clean, store->IntegrityCheck());
    EXPECT_EQ(clean, "ok");
  }
  // Damage the file behind the store's back, with foreign keys off as an outside tool might.
  RawExec(path,
          "PRAGMA foreign_keys = OFF;"
          "DELETE FROM j_agreement_parties WHERE pos = 1;"
          "INSERT INTO t_person (ref, version, created_at, updated_at, name, organisation) "
          "VALUES ('ghost', 1, 'x', 'x', 'Ghost', 999);");
  ASSERT_OK_AND_ASSIGN(auto store, store::OpenSqliteStore({.path = path}));
  ASSERT_OK_AND_ASSIGN(std::string report, store->IntegrityCheck());
  EXPECT_NE(report.find("t_person"), std::string::npos) << report;
  EXPECT_NE(report.find("agreement " + std::to_string(agreement_id) + ": parties"), std::string::npos) << report;
}

}  // namespace
}  // namespace hoptac::testing
