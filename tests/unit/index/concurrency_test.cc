// Readers and writers at once: every search sees a consistent index (run under ThreadSanitizer with
// the tsan preset: cmake --preset tsan && ctest --test-dir build-tsan -L index).
#include <atomic>
#include <thread>

#include "index_fixture.h"

namespace hoptac::index {
namespace {

TEST(IndexConcurrency, ReadersSeeConsistentStateWhileWritersUpdate) {
  auto index = TextWorld::Get().NewIndex();
  std::atomic<bool> stop{false};
  std::atomic<int> searches{0}, failures{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < 2; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; i < 300; ++i) {
        int64_t id = w * 1000 + i % 50;
        index->Upsert(Profile(id, i % 2 ? "offer" : "request", i % 3 ? "vi" : "zh-Hans",
                              i % 3 ? "Giám sát chất lượng nước ao nuôi tôm" : "对虾养殖水质智能监测",
                              "AI IoT " + std::to_string(i)));
        if (i % 7 == 0) index->Remove("profile", id);
      }
    });
  }
  for (int r = 0; r < 2; ++r) {
    threads.emplace_back([&] {
      while (!stop.load()) {
        auto result = index->Search({.q = "nuôi tôm", .limit = 5});
        if (!result.ok()) ++failures;
        else if (result->hits.size() > result->total) ++failures;
        auto m = index->Match({.profile_id = 1, .limit = 3});
        (void)m;  // may be NotFound while removed
        ++searches;
      }
    });
  }
  threads[0].join();
  threads[1].join();
  stop = true;
  for (size_t i = 2; i < threads.size(); ++i) threads[i].join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_GT(searches.load(), 0);
  auto stats = index->Stats();
  EXPECT_LE(stats.documents, 100u);
}

}  // namespace
}  // namespace hoptac::index
