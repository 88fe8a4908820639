#include "http/internal/static_files.h"

#include <filesystem>
#include <fstream>
#include <random>

#include <gtest/gtest.h>

namespace hoptac::http::internal {
namespace {

namespace fs = std::filesystem;

TEST(EtagMatches, WeakComparisonAndLists) {
  EXPECT_TRUE(EtagMatches("\"a\"", "\"a\""));
  EXPECT_TRUE(EtagMatches("W/\"a\"", "\"a\""));
  EXPECT_TRUE(EtagMatches("\"x\", \"a\"", "\"a\""));
  EXPECT_TRUE(EtagMatches("*", "\"a\""));
  EXPECT_FALSE(EtagMatches("\"ab\"", "\"a\""));
  EXPECT_FALSE(EtagMatches("", "\"a\""));
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::path(::testing::TempDir()) / ("hoptac_static_" + std::to_string(std::random_device()()));
    fs::create_directories(root_);
    std::ofstream(root_ / "index.html") << "<html>";
    std::ofstream(root_ / "big.js") << std::string(2000, 'b');
  }
  void TearDown() override { fs::remove_all(root_); }
  fs::path root_;
};

TEST_F(StaticFilesTest, OpenRefusesMissingRoot) {
  EXPECT_FALSE(StaticFiles::Open((root_ / "nope").string()).ok());
  EXPECT_FALSE(StaticFiles::Open((root_ / "index.html").string()).ok());
}

TEST_F(StaticFilesTest, CachesSmallFilesOnly) {
  auto files = StaticFiles::Open(root_.string(), {.max_cached_file_bytes = 1000});
  ASSERT_TRUE(files.ok());
  StaticRequest index{.path = "/index.html"};
  EXPECT_FALSE((*files)->TryCached(index).has_value());
  Reply served = (*files)->Serve(index);
  EXPECT_EQ(served.response.status, 200);
  EXPECT_EQ(served.Body(), "<html>");
  std::optional<Reply> cached = (*files)->TryCached(index);
  ASSERT_TRUE(cached.has_value());
  EXPECT_EQ(cached->Body(), "<html>");

  StaticRequest big{.path = "/big.js"};
  EXPECT_EQ((*files)->Serve(big).Body().size(), 2000u);
  EXPECT_FALSE((*files)->TryCached(big).has_value());  // over max_cached_file_bytes: always from disk
}

TEST_F(StaticFilesTest, RefusesFilesOverTheHardLimit) {
  auto files = StaticFiles::Open(root_.string(), {.max_file_bytes = 1000});
  ASSERT_TRUE(files.ok());
  EXPECT_EQ((*files)->Serve({.path = "/big.js"}).response.status, 500);
}

}  // namespace
}  // namespace hoptac::http::internal
