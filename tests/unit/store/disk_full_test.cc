// A full disk while writing: a clear error, nothing half-written, the store still usable.
// The file-size limit (RLIMIT_FSIZE) makes the kernel refuse writes past a size, as a full disk
// does; SQLite sees the same failed write() either way.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>

#include "store_conformance/conformance.h"

namespace hoptac::testing {
namespace {

class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    getrlimit(RLIMIT_FSIZE, &old_);
    old_handler_ = signal(SIGXFSZ, SIG_IGN);  // report EFBIG instead of killing the process
    rlimit limit = old_;
    limit.rlim_cur = bytes;
    setrlimit(RLIMIT_FSIZE, &limit);
  }
  ~FileSizeLimit() {
    setrlimit(RLIMIT_FSIZE, &old_);
    signal(SIGXFSZ, old_handler_);
  }

 private:
  rlimit old_{};
  sighandler_t old_handler_;
};

TEST(SqliteDiskFull, AFailedWriteIsReportedRolledBackAndLeavesNoTrace) {
  TempDir dir;
  const std::string path = (dir.path() / "full.db").string();
  ASSERT_OK_AND_ASSIGN(auto store, store::OpenSqliteStore({.path = path}));
  ASSERT_OK(store->Create(Org("before", Tx("vi", "Sở Tư pháp Hà Giang")), Tester()));
  const int64_t seq = *store->LastChangeSeq();

  std::string body(900 * 1024, 'x');
  Record big = Valid(Rec("document", "big", {{"title", Tx("fr", "Rapport")}, {"body", Tx("fr", body)}}));
  Status s;
  {
    FileSizeLimit limit(256 * 1024);
    s = store->Create(big, Tester()).status();
  }
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(s.code() == Code::kResourceExhausted || s.code() == Code::kUnavailable) << s.ToString();
  EXPECT_NE(s.message().find("nothing was written"), std::string::npos) << s.message();
  EXPECT_EQ(*store->Count("document"), 0);
  EXPECT_EQ(*store->LastChangeSeq(), seq);

  // With room again, the store carries on, and nothing is corrupt, also after a reopen.
  ASSERT_OK(store->Create(big, Tester()));
  ASSERT_OK_AND_ASSIGN(std::string integrity, store->IntegrityCheck());
  EXPECT_EQ(integrity, "ok");
  store.reset();
  ASSERT_OK_AND_ASSIGN(auto reopened, store::OpenSqliteStore({.path = path}));
  EXPECT_EQ(*reopened->Count("document"), 1);
  EXPECT_EQ(*reopened->LastChangeSeq(), seq + 1);
  ASSERT_OK_AND_ASSIGN(integrity, reopened->IntegrityCheck());
  EXPECT_EQ(integrity, "ok");
}

}  // namespace
}  // namespace hoptac::testing
