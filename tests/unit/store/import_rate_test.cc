// Import throughput of the SQLite store (DESIGN.md asks for 50,000 records/s or more). Prints the
// rate; it asserts only correctness, since timing is the benchmarks' job, not the tests'.
#include <chrono>
#include <cstdio>
#include <ctime>

#include "store_conformance/conformance.h"

namespace hoptac::testing {
namespace {

double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

TEST(SqliteImportRate, OrganisationsAndProfiles) {
  constexpr int kOrganisations = 50000;
  constexpr int kProfilesPerOrg = 2;
  TempDir dir;
  ASSERT_OK_AND_ASSIGN(auto store, store::OpenSqliteStore({.path = (dir.path() / "rate.db").string()}));

  std::vector<store::ImportLine> lines;
  int line = 0;
  for (int i = 0; i < kOrganisations; ++i) {
    const std::string n = std::to_string(i);
    lines.push_back({.line = ++line,
                     .record = Valid(Rec("organisation", "org-" + n,
                                         {{"name", Tx("vi", "Hợp tác xã Nông nghiệp Lạng Sơn số " + n,
                                                      {{"zh-Hans", "谅山农业合作社第" + n + "号"}})},
                                          {"kind", "cooperative"},
                                          {"country", i % 3 ? "VN" : "CN"},
                                          {"locality", "Lạng Sơn"},
                                          {"locality_code", "VN-09"},
                                          {"description", Tx("vi",
                                                             "Sản xuất lúa gạo và rau an toàn, ứng dụng "
                                                             "trí tuệ nhân tạo trong dự báo sâu bệnh.")},
                                          {"website", "https://htx" + n + ".example.vn"}}))});
  }
  for (int i = 0; i < kOrganisations * kProfilesPerOrg; ++i) {
    const std::string n = std::to_string(i);
    lines.push_back({.line = ++line,
                     .record = Valid(Rec("profile", "p-" + n,
                                         {{"organisation", "org-" + std::to_string(i / kProfilesPerOrg)},
                                          {"kind", i % 2 ? "offer" : "request"},
                                          {"title", Tx("vi", "Dự báo sâu bệnh lúa bằng AI, đợt " + n)},
                                          {"summary", Tx("vi",
                                                         "Cần giải pháp nhận dạng sâu bệnh từ ảnh chụp "
                                                         "bằng điện thoại cho 200 hộ nông dân.")},
                                          {"target_countries", domain::List{"CN", "VN"}},
                                          {"deadline", "2026-06-30"},
                                          {"status", "published"}}))});
  }
  const auto total = static_cast<int64_t>(lines.size());
  const auto start = std::chrono::steady_clock::now();
  const double cpu_start = ThreadCpuSeconds();
  ASSERT_OK_AND_ASSIGN(store::ImportReport report, store->Import(std::move(lines), Tester(), nullptr));
  const double cpu = ThreadCpuSeconds() - cpu_start;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(report.created, total);
  // Wall time depends on what else the machine runs; CPU time of the importing thread does not.
  std::printf(
      "imported %lld records (organisations + profiles, refs by string): wall %.3f s = %.0f records/s; "
      "thread CPU %.3f s = %.0f records/s\n",
      static_cast<long long>(total), seconds, static_cast<double>(total) / seconds, cpu,
      static_cast<double>(total) / cpu);
  ASSERT_OK_AND_ASSIGN(int64_t profiles, store->Count("profile"));
  EXPECT_EQ(profiles, kOrganisations * kProfilesPerOrg);
}

}  // namespace
}  // namespace hoptac::testing
