// Runs the store conformance suite against the SQLite store, one fresh directory per test.
#include "store_conformance/conformance.h"

namespace hoptac::testing {
namespace {

StoreFactory SqliteFactory() {
  auto open = [](const std::filesystem::path& file) -> OpenResult {
    return store::OpenSqliteStore({.path = file.string()});
  };
  return {.name = "sqlite",
          .open = [open](const std::filesystem::path& dir) { return open(dir / "hoptac.db"); },
          .open_backup = open};
}

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreConformance, ::testing::Values(SqliteFactory()), FactoryName);

}  // namespace
}  // namespace hoptac::testing
