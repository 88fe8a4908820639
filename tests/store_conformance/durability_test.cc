// Durability and concurrency: reopening shows everything, backups are consistent while writers
// run, concurrent writers lose nothing.
#include <atomic>
#include <set>
#include <thread>

#include "store_conformance/world.h"

namespace hoptac::testing {
namespace {

TEST_P(StoreConformance, ReopeningShowsEverything) {
  std::vector<store::ImportLine> lines;
  for (Record& r : EveryType()) lines.push_back({.line = static_cast<int>(lines.size()) + 1, .record = std::move(r)});
  ASSERT_OK(store().Import(std::move(lines), Tester(), nullptr));
  ASSERT_OK_AND_ASSIGN(Record org, store().GetByRef("organisation", "org-ls"));
  org.fields["locality"] = Value("Thành phố Lạng Sơn");
  ASSERT_OK(store().Update(Valid(org), int64_t{1}, Tester()));
  ASSERT_OK(store().CreateToken({.name = "ops"}, "hash-ops", Tester()));

  std::vector<Record> before;
  for (const Record& r : EveryType()) {
    ASSERT_OK_AND_ASSIGN(Record got, store().GetByRef(r.type, *r.ref));
    before.push_back(got);
  }
  const int64_t seq = LastSeq();

  Reopen();
  for (const Record& r : before) {
    ASSERT_OK_AND_ASSIGN(Record got, store().Get(r.type, r.id));
    ExpectSameRecord(got, r);
  }
  EXPECT_EQ(LastSeq(), seq);
  ASSERT_OK(store().FindToken("hash-ops"));
  ASSERT_OK_AND_ASSIGN(std::string integrity, store().IntegrityCheck());
  EXPECT_EQ(integrity, "ok");

  // Writing goes on where it left off.
  Record next = Create(Org("after-reopen", Tx("fr", "Après réouverture")));
  EXPECT_GT(next.id, before.front().id);
  EXPECT_GT(LastSeq(), seq);
  Reopen();
  EXPECT_EQ(LastSeq(), seq + 1);
}

TEST_P(StoreConformance, BackupIsConsistentWhileAnotherThreadWrites) {
  std::atomic<bool> stop{false};
  std::atomic<int64_t> created{0};
  std::thread writer([&] {
    for (int i = 0; !stop.load(); ++i) {
      auto r =
          store().Create(Org("w-" + std::to_string(i), Tx("vi", "Doanh nghiệp số " + std::to_string(i))), Tester());
      if (!r.ok()) {
        ADD_FAILURE() << r.status().ToString();
        return;
      }
      created.fetch_add(1);
    }
  });
  while (created.load() < 30) std::this_thread::yield();
  const int64_t before = created.load();
  const std::filesystem::path backup = dir() / "backup.db";
  Status s = store().Backup(backup.string());
  // Keep the writer going a little after the backup, then stop it.
  const int64_t at_backup = created.load();
  while (created.load() < at_backup + 5) std::this_thread::yield();
  stop = true;
  writer.join();
  ASSERT_OK(s);

  // A second backup over the first replaces it.
  ASSERT_OK(store().Backup(backup.string()));

  auto copy = GetParam().open_backup(backup);
  ASSERT_TRUE(copy.ok()) << copy.status().ToString();
  ASSERT_OK_AND_ASSIGN(std::string integrity, (*copy)->IntegrityCheck());
  EXPECT_EQ(integrity, "ok");
  ASSERT_OK_AND_ASSIGN(int64_t in_copy, (*copy)->Count("organisation"));
  EXPECT_GE(in_copy, before);
  EXPECT_LE(in_copy, created.load());
  ASSERT_OK_AND_ASSIGN(int64_t last_seq, (*copy)->LastChangeSeq());
  EXPECT_EQ(last_seq, in_copy) << "records and change log come from the same instant";
  ASSERT_OK_AND_ASSIGN(Record first, (*copy)->GetByRef("organisation", "w-0"));
  EXPECT_EQ(first.Get("name")->as_text().text, "Doanh nghiệp số 0");
}

TEST_P(StoreConformance, ConcurrentWritersAndReadersLoseNothing) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 200;
  std::atomic<bool> writing{true};
  std::thread reader([&] {
    while (writing.load()) {
      auto page = store().List({.type = "organisation", .prefix = "đơn vị", .limit = 20});
      if (!page.ok()) ADD_FAILURE() << page.status().ToString();
      auto seq = store().LastChangeSeq();
      if (!seq.ok()) ADD_FAILURE() << seq.status().ToString();
    }
  });
  std::vector<std::thread> writers;
  std::vector<std::vector<int64_t>> ids(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        std::string ref = "t" + std::to_string(t) + "-" + std::to_string(i);
        auto r = store().Create(Org(ref, Tx("vi", "Đơn vị " + ref)), Tester());
        if (!r.ok()) {
          ADD_FAILURE() << r.status().ToString();
          return;
        }
        ids[t].push_back(r->id);
      }
    });
  }
  for (auto& w : writers) w.join();
  writing = false;
  reader.join();

  EXPECT_EQ(Count("organisation"), kThreads * kPerThread);
  std::set<int64_t> unique_ids;
  for (const auto& v : ids) unique_ids.insert(v.begin(), v.end());
  EXPECT_EQ(unique_ids.size(), static_cast<size_t>(kThreads * kPerThread));

  ASSERT_OK_AND_ASSIGN(auto changes, store().ChangesSince(0, 10000));
  ASSERT_EQ(changes.size(), static_cast<size_t>(kThreads * kPerThread));
  std::set<int64_t> seqs;
  std::set<int64_t> changed_ids;
  for (size_t i = 0; i < changes.size(); ++i) {
    seqs.insert(changes[i].seq);
    changed_ids.insert(changes[i].id);
    if (i > 0) {
      EXPECT_GT(changes[i].seq, changes[i - 1].seq);
    }
  }
  EXPECT_EQ(seqs.size(), changes.size()) << "sequence numbers are unique";
  EXPECT_EQ(changed_ids, unique_ids) << "every create is in the change log";
  ASSERT_OK_AND_ASSIGN(std::string integrity, store().IntegrityCheck());
  EXPECT_EQ(integrity, "ok");
}

}  // namespace
}  // namespace hoptac::testing
