// Import: all or nothing, types inserted in schema order whatever the file order, errors naming
// the line.
#include "store_conformance/world.h"

namespace hoptac::testing {
namespace {

std::vector<store::ImportLine> Numbered(std::vector<Record> records) {
  std::vector<store::ImportLine> lines;
  int n = 0;
  for (auto& r : records) lines.push_back({.line = ++n, .record = std::move(r)});
  return lines;
}

TEST_P(StoreConformance, ImportResolvesRefsInAnyFileOrder) {
  // The whole world, in reverse: every line points at records that come later in the file.
  std::vector<Record> world = EveryType();
  std::reverse(world.begin(), world.end());
  const size_t total = world.size();
  std::vector<std::pair<int64_t, int64_t>> progress;
  ASSERT_OK_AND_ASSIGN(
      store::ImportReport report,
      store().Import(Numbered(world), Tester(), [&](int64_t done, int64_t all) { progress.emplace_back(done, all); }));
  EXPECT_EQ(report.created, static_cast<int64_t>(total));
  EXPECT_EQ(report.per_type.at("organisation"), 2);
  EXPECT_EQ(report.per_type.at("enrolment"), 1);
  ASSERT_FALSE(progress.empty());
  EXPECT_EQ(progress.back(), std::make_pair(int64_t(total), int64_t(total)));

  IdsByRef ids;
  for (const auto& type : domain::Schema()) {
    ASSERT_OK_AND_ASSIGN(store::Page page, store().List({.type = type.name}));
    for (const auto& r : page.items) ids[r.type + "/" + *r.ref] = r.id;
  }
  for (const Record& input : EveryType()) {
    ASSERT_OK_AND_ASSIGN(Record got, store().GetByRef(input.type, *input.ref));
    EXPECT_TRUE(got.fields == WithIds(input, ids)) << input.type;
    EXPECT_EQ(got.version, 1);
  }
  ASSERT_OK_AND_ASSIGN(auto changes, store().ChangesSince(0, 1000));
  EXPECT_EQ(changes.size(), total) << "one change row per imported record";
  for (const auto& c : changes) EXPECT_EQ(c.op, "create");

  // A second import may point at records already stored.
  ASSERT_OK_AND_ASSIGN(
      store::ImportReport more,
      store().Import(Numbered({Valid(Rec(
                         "profile", "prof-2",
                         {{"organisation", "org-gx"}, {"kind", "offer"}, {"title", Tx("zh-Hans", "病虫害识别")}}))}),
                     Tester(), nullptr));
  EXPECT_EQ(more.created, 1);
}

TEST_P(StoreConformance, ImportIsAllOrNothingAndNamesTheLine) {
  Create(Org("existing", Tx("vi", "Sở Giáo dục Quảng Ninh")));
  const int64_t seq = LastSeq();
  std::vector<Record> records = {
      Org("o-1", Tx("vi", "Trường Đại học Bách khoa Hà Nội"), "VN", "university"),
      Org("o-2", Tx("zh-Hans", "广西民族大学"), "CN", "university"),
      Valid(Rec("profile", "p-1", {{"organisation", "o-404"}, {"kind", "offer"}, {"title", Tx("fr", "Offre")}})),
      Valid(Rec("profile", "p-2", {{"organisation", "o-1"}, {"kind", "offer"}, {"title", Tx("fr", "Offre 2")}})),
      Org("o-3", Tx("fr", "Institut Pasteur de Hô Chi Minh-Ville"), "VN", "research_institute"),
  };
  auto result = store().Import(Numbered(records), Tester(), nullptr);
  ASSERT_EQ(result.status().code(), Code::kInvalidArgument) << result.status().ToString();
  EXPECT_EQ(result.status().message().rfind("line 3: ", 0), 0u) << result.status().message();
  ASSERT_FALSE(result.status().field_errors().empty());
  EXPECT_EQ(result.status().field_errors()[0].field, "line 3: organisation");
  EXPECT_EQ(result.status().field_errors()[0].code, "dangling_ref");

  EXPECT_EQ(Count("organisation"), 1) << "nothing of the failed import was kept";
  EXPECT_EQ(Count("profile"), 0);
  EXPECT_EQ(LastSeq(), seq);

  // A duplicate ref, within the file or against the store, is refused the same way.
  auto dup =
      store().Import(Numbered({Org("o-9", Tx("fr", "Un")), Org("existing", Tx("fr", "Deux"))}), Tester(), nullptr);
  ASSERT_EQ(dup.status().code(), Code::kInvalidArgument) << dup.status().ToString();
  EXPECT_EQ(dup.status().message().rfind("line 2: ", 0), 0u) << dup.status().message();
  EXPECT_EQ(dup.status().field_errors().at(0).field, "line 2: ref");
  auto unknown =
      store().Import(Numbered({Org("o-9", Tx("fr", "Un")), Rec("spaceship", std::nullopt, {})}), Tester(), nullptr);
  EXPECT_EQ(unknown.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(unknown.status().message().rfind("line 2: ", 0), 0u) << unknown.status().message();
  EXPECT_EQ(Count("organisation"), 1);
}

TEST_P(StoreConformance, ImportReportsProgressEveryThousandRecords) {
  std::vector<Record> records;
  for (int i = 0; i < 2500; ++i) {
    records.push_back(
        Org("org-" + std::to_string(i), Tx("vi", "Hợp tác xã " + std::to_string(i)), "VN", "cooperative"));
  }
  std::vector<int64_t> done;
  ASSERT_OK_AND_ASSIGN(store::ImportReport report,
                       store().Import(Numbered(std::move(records)), Tester(), [&](int64_t n, int64_t total) {
                         EXPECT_EQ(total, 2500);
                         done.push_back(n);
                       }));
  EXPECT_EQ(report.created, 2500);
  EXPECT_EQ(done, (std::vector<int64_t>{1000, 2000, 2500}));
  EXPECT_EQ(Count("organisation"), 2500);
  EXPECT_EQ(LastSeq(), 2500);
}

TEST_P(StoreConformance, ImportOfNothingWritesNothing) {
  ASSERT_OK_AND_ASSIGN(store::ImportReport report, store().Import({}, Tester(), nullptr));
  EXPECT_EQ(report.created, 0);
  EXPECT_EQ(LastSeq(), 0);
}

}  // namespace
}  // namespace hoptac::testing
