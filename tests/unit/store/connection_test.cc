#include "store/sqlite/internal/connection.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "store_conformance/conformance.h"

namespace hoptac::store::sqlite {
namespace {

using hoptac::testing::TempDir;

std::unique_ptr<Connection> OpenIn(const TempDir& dir) {
  auto conn = Connection::Open((dir.path() / "c.db").string(), {});
  EXPECT_TRUE(conn.ok()) << conn.status().ToString();
  return conn.ok() ? std::move(conn).value() : nullptr;
}

int64_t CountRows(Connection& conn, const std::string& table) {
  auto stmt = conn.Prepare("SELECT count(*) FROM " + QuoteIdent(table));
  EXPECT_TRUE(stmt.ok());
  EXPECT_TRUE(stmt->Step().ok());
  return stmt->Int(0);
}

TEST(QuoteIdent, DoublesEmbeddedQuotes) {
  EXPECT_EQ(QuoteIdent("case"), "\"case\"");
  EXPECT_EQ(QuoteIdent("a\"b"), "\"a\"\"b\"");
}

TEST(SqliteError, MapsResultCodesToDomainCodes) {
  EXPECT_EQ(SqliteError(SQLITE_FULL, "x").code(), Code::kResourceExhausted);
  EXPECT_EQ(SqliteError(SQLITE_IOERR_WRITE, "x").code(), Code::kUnavailable);
  EXPECT_EQ(SqliteError(SQLITE_IOERR_FSYNC, "x").code(), Code::kUnavailable);
  EXPECT_EQ(SqliteError(SQLITE_BUSY, "x").code(), Code::kUnavailable);
  EXPECT_EQ(SqliteError(SQLITE_CONSTRAINT_UNIQUE, "x").code(), Code::kConflict);
  EXPECT_EQ(SqliteError(SQLITE_CORRUPT, "x").code(), Code::kInternal);
  EXPECT_NE(SqliteError(SQLITE_FULL, "writing").message().find("full"), std::string::npos);
}

TEST(Connection, OpensInWalModeWithForeignKeys) {
  TempDir dir;
  auto conn = OpenIn(dir);
  ASSERT_NE(conn, nullptr);
  auto mode = conn->Prepare("PRAGMA journal_mode");
  ASSERT_TRUE(mode.ok());
  ASSERT_TRUE(*mode->Step());
  EXPECT_EQ(mode->Text(0), "wal");
  auto fk = conn->Prepare("PRAGMA foreign_keys");
  ASSERT_TRUE(fk.ok());
  ASSERT_TRUE(*fk->Step());
  EXPECT_EQ(fk->Int(0), 1);
}

TEST(Connection, StatementsAreReusedAndMayNest) {
  TempDir dir;
  auto conn = OpenIn(dir);
  ASSERT_NE(conn, nullptr);
  ASSERT_OK(conn->Exec("CREATE TABLE t (a INTEGER, b TEXT)"));
  for (int64_t i = 0; i < 3; ++i) {
    auto insert = conn->Prepare("INSERT INTO t (a, b) VALUES (?1, ?2)");
    ASSERT_TRUE(insert.ok());
    ASSERT_OK(insert->Bind(1, i).Bind(2, std::string_view("x")).Run());
    ASSERT_OK(insert->Bind(1, i + 100).Run());  // Run resets, so the statement runs again
  }
  EXPECT_EQ(CountRows(*conn, "t"), 6);
  // The same SQL while a first use is still stepping gets its own statement.
  auto outer = conn->Prepare("SELECT a FROM t ORDER BY a");
  ASSERT_TRUE(outer.ok());
  ASSERT_TRUE(*outer->Step());
  auto inner = conn->Prepare("SELECT a FROM t ORDER BY a");
  ASSERT_TRUE(inner.ok());
  ASSERT_TRUE(*inner->Step());
  ASSERT_TRUE(*inner->Step());
  EXPECT_EQ(inner->Int(0), 1);
  EXPECT_EQ(outer->Int(0), 0);
}

TEST(Transaction, RollsBackUnlessCommitted) {
  TempDir dir;
  auto conn = OpenIn(dir);
  ASSERT_NE(conn, nullptr);
  ASSERT_OK(conn->Exec("CREATE TABLE t (a INTEGER)"));
  {
    auto txn = Transaction::Begin(*conn);
    ASSERT_TRUE(txn.ok());
    ASSERT_OK(conn->Exec("INSERT INTO t VALUES (1)"));
  }
  EXPECT_FALSE(conn->InTransaction());
  EXPECT_EQ(CountRows(*conn, "t"), 0);
  {
    auto txn = Transaction::Begin(*conn);
    ASSERT_TRUE(txn.ok());
    ASSERT_OK(conn->Exec("INSERT INTO t VALUES (1)"));
    ASSERT_OK(txn->Commit());
  }
  EXPECT_EQ(CountRows(*conn, "t"), 1);
}

TEST(Transaction, AFullDatabaseIsResourceExhaustedAndRolledBack) {
  TempDir dir;
  auto conn = OpenIn(dir);
  ASSERT_NE(conn, nullptr);
  ASSERT_OK(conn->Exec("CREATE TABLE t (a BLOB)"));
  ASSERT_OK(conn->Exec("PRAGMA max_page_count = 20"));
  auto txn = Transaction::Begin(*conn);
  ASSERT_TRUE(txn.ok());
  Status s;
  for (int i = 0; i < 100 && s.ok(); ++i) s = conn->Exec("INSERT INTO t VALUES (zeroblob(4000))");
  ASSERT_EQ(s.code(), Code::kResourceExhausted) << s.ToString();
  EXPECT_NE(s.message().find("full"), std::string::npos) << s.message();
  txn->Rollback();
  EXPECT_EQ(CountRows(*conn, "t"), 0);
  auto check = conn->Prepare("PRAGMA integrity_check");
  ASSERT_TRUE(check.ok());
  ASSERT_TRUE(*check->Step());
  EXPECT_EQ(check->Text(0), "ok");
}

TEST(BackupTo, WritesACompleteCopyAndReplacesAnOldOne) {
  TempDir dir;
  auto conn = OpenIn(dir);
  ASSERT_NE(conn, nullptr);
  ASSERT_OK(conn->Exec("CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1), (2)"));
  const std::string copy = (dir.path() / "copy.db").string();
  ASSERT_OK(BackupTo(*conn, copy));
  ASSERT_OK(conn->Exec("INSERT INTO t VALUES (3)"));
  ASSERT_OK(BackupTo(*conn, copy));
  EXPECT_FALSE(std::filesystem::exists(copy + ".tmp"));
  auto reopened = Connection::Open(copy, {.mode = OpenMode::kReadOnly});
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  EXPECT_EQ(CountRows(**reopened, "t"), 3);

  EXPECT_FALSE(BackupTo(*conn, (dir.path() / "no-such-dir" / "x.db").string()).ok());
}

}  // namespace
}  // namespace hoptac::store::sqlite
