// The change log: one row per successful write, in commit order, written in the write's own
// transaction (a refused write leaves none).
#include "store_conformance/world.h"

namespace hoptac::testing {
namespace {

std::vector<store::Change> AllChanges(store::Store& store, int64_t after = 0) {
  std::vector<store::Change> out;
  while (true) {
    auto batch = store.ChangesSince(after, 7);
    EXPECT_TRUE(batch.ok()) << batch.status().ToString();
    if (!batch.ok() || batch->empty()) return out;
    after = batch->back().seq;
    out.insert(out.end(), batch->begin(), batch->end());
  }
}

TEST_P(StoreConformance, EveryWriteAppendsOneChangeInOrder) {
  EXPECT_EQ(LastSeq(), 0);
  const domain::Actor alice{.name = "alice@example.vn", .kind = "user"};
  ASSERT_OK_AND_ASSIGN(Record org, store().Create(Org("o", Tx("vi", "Sở Tài chính Hà Nội")), alice));
  Record changed = org;
  changed.fields["locality"] = Value("Hà Nội");
  ASSERT_OK(store().Update(Valid(changed), std::nullopt, Tester()));
  Record profile =
      Create(Valid(Rec("profile", std::nullopt,
                       {{"organisation", org.id}, {"kind", "request"}, {"title", Tx("vi", "Hóa đơn điện tử")}})));
  ASSERT_OK(store().Delete("profile", profile.id, Tester()));

  auto changes = AllChanges(store());
  ASSERT_EQ(changes.size(), 4u);
  const std::vector<std::tuple<std::string, int64_t, std::string>> expected = {{"organisation", org.id, "create"},
                                                                               {"organisation", org.id, "update"},
                                                                               {"profile", profile.id, "create"},
                                                                               {"profile", profile.id, "delete"}};
  for (size_t i = 0; i < changes.size(); ++i) {
    EXPECT_EQ(changes[i].type, std::get<0>(expected[i])) << i;
    EXPECT_EQ(changes[i].id, std::get<1>(expected[i])) << i;
    EXPECT_EQ(changes[i].op, std::get<2>(expected[i])) << i;
    EXPECT_FALSE(changes[i].at.empty());
    if (i > 0) {
      EXPECT_GT(changes[i].seq, changes[i - 1].seq);
    }
  }
  EXPECT_EQ(changes[0].actor, "alice@example.vn");
  EXPECT_EQ(changes[1].actor, "conformance");
  EXPECT_EQ(changes[0].at, org.created_at) << "the change is stamped with the write's time";
  EXPECT_EQ(LastSeq(), changes.back().seq);

  // ChangesSince honours `after` and `limit`.
  ASSERT_OK_AND_ASSIGN(auto tail, store().ChangesSince(changes[1].seq, 1));
  ASSERT_EQ(tail.size(), 1u);
  EXPECT_EQ(tail[0].seq, changes[2].seq);
  ASSERT_OK_AND_ASSIGN(auto none, store().ChangesSince(changes.back().seq, 100));
  EXPECT_TRUE(none.empty());
}

TEST_P(StoreConformance, RefusedWritesAppendNoChange) {
  Record org = Create(Org("o", Tx("zh-Hans", "东盟信息港股份有限公司"), "CN", "enterprise"));
  Create(Valid(Rec("profile", "p", {{"organisation", org.id}, {"kind", "offer"}, {"title", Tx("zh-Hans", "云计算")}})));
  const int64_t seq = LastSeq();

  EXPECT_EQ(store().Create(Org("o", Tx("fr", "Doublon")), Tester()).status().code(), Code::kConflict);
  Record stale = org;
  stale.fields["locality"] = Value("南宁");
  EXPECT_EQ(store().Update(Valid(stale), int64_t{7}, Tester()).status().code(), Code::kConflict);
  EXPECT_EQ(store().Delete("organisation", org.id, Tester()).code(), Code::kConflict);
  EXPECT_EQ(store().Delete("organisation", 999, Tester()).code(), Code::kNotFound);
  EXPECT_EQ(store()
                .Create(Valid(Rec("profile", std::nullopt,
                                  {{"organisation", "nope"}, {"kind", "offer"}, {"title", Tx("fr", "Rien")}})),
                        Tester())
                .status()
                .code(),
            Code::kInvalidArgument);
  EXPECT_EQ(LastSeq(), seq);
  EXPECT_EQ(AllChanges(store()).size(), 2u);
}

}  // namespace
}  // namespace hoptac::testing
