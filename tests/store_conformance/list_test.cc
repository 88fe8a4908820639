// List: every filter kind, title prefixes across scripts and cases, dates, published_only, and
// cursor pagination.
#include <set>

#include "store_conformance/world.h"

namespace hoptac::testing {
namespace {

std::vector<std::string> Refs(const store::Page& page) {
  std::vector<std::string> out;
  for (const auto& r : page.items) out.push_back(r.ref.value_or(""));
  return out;
}

using V = std::vector<std::string>;

// Lists one page that must succeed and returns the refs on it.
V Query(store::Store& store, const store::ListQuery& q) {
  auto page = store.List(q);
  EXPECT_TRUE(page.ok()) << page.status().ToString();
  return page.ok() ? Refs(*page) : V{"<error>"};
}

void SeedOrganisations(store::Store& store) {
  const std::vector<Record> orgs = {
      Valid(Rec("organisation", "sonn-tb",
                {{"name", Tx("vi", "Sở Nông nghiệp Thái Bình")},
                 {"kind", "government"},
                 {"country", "VN"},
                 {"locality", "Thái Bình"}})),
      Valid(Rec("organisation", "syt-hg",
                {{"name", Tx("vi", "SỞ Y TẾ HÀ GIANG")},
                 {"kind", "government"},
                 {"country", "VN"},
                 {"locality", "Hà Giang"}})),
      Valid(Rec("organisation", "son-la",
                {{"name", Tx("vi", "Sơn La University")},
                 {"kind", "university"},
                 {"country", "VN"},
                 {"locality", "Sơn La"}})),
      Valid(
          Rec("organisation", "gxu",
              {{"name", Tx("zh-Hans", "广西大学")}, {"kind", "university"}, {"country", "CN"}, {"locality", "南宁"}})),
      Valid(Rec("organisation", "gx-ai",
                {{"name", Tx("zh-Hans", "广西人工智能学会")}, {"kind", "association"}, {"country", "CN"}})),
      Valid(Rec("organisation", "nn-road",
                {{"name", Tx("zh-Hans", "南宁广西路科技公司")}, {"kind", "enterprise"}, {"country", "CN"}})),
      Valid(Rec("organisation", "ecole",
                {{"name", Tx("fr", "École d'ingénieurs de Hanoï")}, {"kind", "university"}, {"country", "FR"}})),
  };
  for (const auto& org : orgs) EXPECT_OK(store.Create(org, Tester()));
}

TEST_P(StoreConformance, FiltersOnScalarFields) {
  SeedOrganisations(store());
  EXPECT_EQ(Query(store(), {.type = "organisation", .equals = {{"kind", "university"}}}),
            (V{"son-la", "gxu", "ecole"}));
  EXPECT_EQ(Query(store(), {.type = "organisation", .equals = {{"country", "CN"}}}), (V{"gxu", "gx-ai", "nn-road"}));
  EXPECT_EQ(Query(store(), {.type = "organisation", .equals = {{"country", "cn"}, {"kind", "university"}}}), (V{"gxu"}))
      << "filter values are normalised like stored values, and filters combine";
  EXPECT_EQ(Query(store(), {.type = "organisation", .equals = {{"locality", "Hà Giang"}}}), (V{"syt-hg"}));
  EXPECT_EQ(Query(store(), {.type = "organisation", .equals = {{"kind", "hospital"}}}), V{});
  EXPECT_EQ(Query(store(), {.type = "organisation", .ref = "gxu"}), (V{"gxu"}));

  Create(Valid(Rec("case", "c-2024", {{"title", Tx("fr", "Cas de 2024")}, {"year", 2024}})));
  Create(Valid(Rec("case", "c-2025", {{"title", Tx("fr", "Cas de 2025")}, {"year", 2025}})));
  EXPECT_EQ(Query(store(), {.type = "case", .equals = {{"year", "2025"}}}), (V{"c-2025"}));

  Record programme = Create(Valid(Rec("programme", "prog", {{"title", Tx("fr", "Programme")}, {"language", "fr"}})));
  EXPECT_EQ(Query(store(), {.type = "programme", .equals = {{"language", "fr"}}}), (V{"prog"}));
  Create(Valid(
      Rec("session", "online",
          {{"programme", programme.id}, {"start_date", "2025-10-01"}, {"end_date", "2025-10-02"}, {"online", true}})));
  Create(Valid(Rec("session", "onsite",
                   {{"programme", programme.id}, {"start_date", "2025-10-03"}, {"end_date", "2025-10-04"}})));
  EXPECT_EQ(Query(store(), {.type = "session", .equals = {{"online", "true"}}}), (V{"online"}));
  EXPECT_EQ(Query(store(), {.type = "session", .equals = {{"online", "false"}}}), (V{"onsite"}));
}

TEST_P(StoreConformance, FiltersOnReferencesAndListContents) {
  SeedOrganisations(store());
  ASSERT_OK_AND_ASSIGN(Record gxu, store().GetByRef("organisation", "gxu"));
  ASSERT_OK_AND_ASSIGN(Record tb, store().GetByRef("organisation", "sonn-tb"));
  Create(Valid(Rec("profile", "p-cn",
                   {{"organisation", "gxu"},
                    {"kind", "offer"},
                    {"title", Tx("zh-Hans", "农业视觉")},
                    {"target_countries", domain::List{"VN", "LA"}}})));
  Create(Valid(Rec("profile", "p-vn",
                   {{"organisation", "sonn-tb"},
                    {"kind", "request"},
                    {"title", Tx("vi", "Dự báo sâu bệnh")},
                    {"target_countries", domain::List{"CN"}}})));
  Create(
      Valid(Rec("profile", "p-none", {{"organisation", "gxu"}, {"kind", "offer"}, {"title", Tx("zh-Hans", "翻译")}})));

  EXPECT_EQ(Query(store(), {.type = "profile", .equals = {{"target_countries", "VN"}}}), (V{"p-cn"}));
  EXPECT_EQ(Query(store(), {.type = "profile", .equals = {{"target_countries", "cn"}}}), (V{"p-vn"}));
  EXPECT_EQ(Query(store(), {.type = "profile", .equals = {{"organisation", std::to_string(gxu.id)}}}),
            (V{"p-cn", "p-none"}));
  EXPECT_EQ(Query(store(), {.type = "profile", .equals = {{"organisation", "sonn-tb"}}}), (V{"p-vn"}))
      << "a ref works too";
  EXPECT_EQ(Query(store(), {.type = "profile", .equals = {{"org", std::to_string(tb.id)}}}), (V{"p-vn"}))
      << "field alias";
  EXPECT_EQ(Query(store(), {.type = "profile", .equals = {{"organisation", "no-such-org"}}}), V{});

  Create(Valid(
      Rec("agreement", "a-1",
          {{"title", Tx("fr", "Accord 1")}, {"parties", domain::List{"gxu", "sonn-tb"}}, {"agreement_type", "mou"}})));
  Create(Valid(
      Rec("agreement", "a-2",
          {{"title", Tx("fr", "Accord 2")}, {"parties", domain::List{"gx-ai", "syt-hg"}}, {"agreement_type", "mou"}})));
  Create(Valid(Rec(
      "agreement", "a-3",
      {{"title", Tx("fr", "Accord 3")}, {"parties", domain::List{"syt-hg", "gxu"}}, {"agreement_type", "contract"}})));
  EXPECT_EQ(Query(store(), {.type = "agreement", .equals = {{"parties", std::to_string(gxu.id)}}}), (V{"a-1", "a-3"}));
  EXPECT_EQ(Query(store(), {.type = "agreement", .equals = {{"parties", "syt-hg"}}}), (V{"a-2", "a-3"}));
  EXPECT_EQ(Query(store(), {.type = "agreement", .equals = {{"parties", "syt-hg"}, {"agreement_type", "mou"}}}),
            (V{"a-2"}));
}

TEST_P(StoreConformance, PrefixIsCaseInsensitiveInEveryScript) {
  SeedOrganisations(store());
  EXPECT_EQ(Query(store(), {.type = "organisation", .prefix = "sở"}), (V{"sonn-tb", "syt-hg"}))
      << "`sở` finds `Sở ...` and `SỞ ...` but not `Sơn ...`";
  EXPECT_EQ(Query(store(), {.type = "organisation", .prefix = "SỞ Y"}), (V{"syt-hg"}));
  EXPECT_EQ(Query(store(), {.type = "organisation", .prefix = "so\xCC\x9B\xCC\x89 n"}), (V{"sonn-tb"}))
      << "a decomposed ở (o + horn + hook) matches the composed one";
  EXPECT_EQ(Query(store(), {.type = "organisation", .prefix = "sơn"}), (V{"son-la"}));
  EXPECT_EQ(Query(store(), {.type = "organisation", .prefix = "广西"}), (V{"gxu", "gx-ai"}));
  EXPECT_EQ(Query(store(), {.type = "organisation", .prefix = "广西大"}), (V{"gxu"}));
  EXPECT_EQ(Query(store(), {.type = "organisation", .prefix = "école"}), (V{"ecole"}));
  EXPECT_EQ(Query(store(), {.type = "organisation", .prefix = "ÉCOLE D'"}), (V{"ecole"}));
  EXPECT_EQ(Query(store(), {.type = "organisation", .prefix = "Thái"}), V{}) << "a prefix, not a substring";
  EXPECT_EQ(Query(store(), {.type = "organisation", .equals = {{"locality", "Hà Giang"}}, .prefix = "sở"}),
            (V{"syt-hg"}));

  Create(Valid(Rec("person", "huong", {{"name", "Nguyễn Thị Hương"}})));
  Create(Valid(Rec("person", "wang", {{"name", "王小明"}})));
  EXPECT_EQ(Query(store(), {.type = "person", .prefix = "NGUYỄN"}), (V{"huong"})) << "plain-string titles too";
  EXPECT_EQ(Query(store(), {.type = "person", .prefix = "王"}), (V{"wang"}));

  // After an update the prefix follows the new title.
  ASSERT_OK_AND_ASSIGN(Record gxu, store().GetByRef("organisation", "gxu"));
  gxu.fields["name"] = Value(Tx("vi", "Đại học Quảng Tây"));
  ASSERT_OK(store().Update(Valid(gxu), std::nullopt, Tester()));
  EXPECT_EQ(Query(store(), {.type = "organisation", .prefix = "广西"}), (V{"gx-ai"}));
  EXPECT_EQ(Query(store(), {.type = "organisation", .prefix = "đại học"}), (V{"gxu"}));
}

TEST_P(StoreConformance, DateRangeIsInclusiveOnTheTypesDateField) {
  ASSERT_OK(store().Create(Org("o", Tx("fr", "Organisation")), Tester()));
  for (const auto& [ref, deadline] : std::vector<std::pair<std::string, std::string>>{
           {"d-0901", "2025-09-01"}, {"d-0915", "2025-09-15"}, {"d-0930", "2025-09-30"}, {"d-1001", "2025-10-01"}}) {
    Create(Valid(
        Rec("profile", ref,
            {{"organisation", "o"}, {"kind", "offer"}, {"title", Tx("fr", "Offre " + ref)}, {"deadline", deadline}})));
  }
  Create(
      Valid(Rec("profile", "no-date", {{"organisation", "o"}, {"kind", "offer"}, {"title", Tx("fr", "Sans date")}})));

  EXPECT_EQ(Query(store(), {.type = "profile", .date_from = "2025-09-15", .date_to = "2025-09-30"}),
            (V{"d-0915", "d-0930"}));
  EXPECT_EQ(Query(store(), {.type = "profile", .date_from = "2025-09-30"}), (V{"d-0930", "d-1001"}));
  EXPECT_EQ(Query(store(), {.type = "profile", .date_to = "2025-09-01"}), (V{"d-0901"}));
  EXPECT_EQ(Query(store(), {.type = "profile"}).size(), 5u);

  EXPECT_EQ(store().List({.type = "profile", .date_from = "2025-13-01"}).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(store().List({.type = "organisation", .date_from = "2025-01-01"}).status().code(), Code::kInvalidArgument)
      << "organisations have no date field";
}

TEST_P(StoreConformance, PublishedOnlyHidesDraftsAndClosed) {
  ASSERT_OK(store().Create(Org("o", Tx("vi", "Công ty Cổ phần FPT")), Tester()));
  for (const auto& [ref, status] : std::vector<std::pair<std::string, std::string>>{
           {"draft", "draft"}, {"pub-1", "published"}, {"closed", "closed"}, {"pub-2", "PUBLISHED"}}) {
    Create(Valid(
        Rec("profile", ref,
            {{"organisation", "o"}, {"kind", "offer"}, {"title", Tx("vi", "Hồ sơ " + ref)}, {"status", status}})));
  }
  EXPECT_EQ(Query(store(), {.type = "profile", .published_only = true}), (V{"pub-1", "pub-2"}));
  EXPECT_EQ(Query(store(), {.type = "profile"}).size(), 4u);
  EXPECT_EQ(Query(store(), {.type = "profile", .equals = {{"status", "draft"}}}), (V{"draft"}));
}

TEST_P(StoreConformance, PaginatesWithAStableCursor) {
  for (int i = 0; i < 23; ++i) {
    Create(Org("org-" + std::to_string(i), Tx("vi", "Hợp tác xã số " + std::to_string(i)), i % 2 ? "VN" : "LA"));
  }
  std::vector<int64_t> seen;
  store::ListQuery q{.type = "organisation", .limit = 5};
  int pages = 0;
  while (true) {
    ASSERT_OK_AND_ASSIGN(store::Page page, store().List(q));
    ++pages;
    ASSERT_LE(page.items.size(), 5u);
    for (const auto& r : page.items) seen.push_back(r.id);
    if (page.next_after_id == 0) break;
    EXPECT_EQ(page.items.size(), 5u);
    EXPECT_EQ(page.next_after_id, page.items.back().id);
    q.after_id = page.next_after_id;
    ASSERT_LT(pages, 10);
  }
  EXPECT_EQ(pages, 5);
  EXPECT_EQ(seen.size(), 23u);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_EQ(std::set<int64_t>(seen.begin(), seen.end()).size(), 23u) << "no duplicates";

  // Exactly one full page left: no further page is announced.
  ASSERT_OK_AND_ASSIGN(store::Page tail, store().List({.type = "organisation", .after_id = seen[17], .limit = 5}));
  EXPECT_EQ(tail.items.size(), 5u);
  EXPECT_EQ(tail.next_after_id, 0);

  // Pagination with a filter: 11 in VN (odd i), pages of 4.
  std::vector<int64_t> vn;
  store::ListQuery fq{.type = "organisation", .equals = {{"country", "VN"}}, .limit = 4};
  do {
    ASSERT_OK_AND_ASSIGN(store::Page page, store().List(fq));
    for (const auto& r : page.items) vn.push_back(r.id);
    fq.after_id = page.next_after_id;
  } while (fq.after_id != 0);
  EXPECT_EQ(vn.size(), 11u);
  EXPECT_TRUE(std::is_sorted(vn.begin(), vn.end()));

  // Limits are clamped to 1..500.
  ASSERT_OK_AND_ASSIGN(store::Page one, store().List({.type = "organisation", .limit = 0}));
  EXPECT_EQ(one.items.size(), 1u);
  EXPECT_NE(one.next_after_id, 0);
  ASSERT_OK_AND_ASSIGN(store::Page all, store().List({.type = "organisation", .limit = 100000}));
  EXPECT_EQ(all.items.size(), 23u);
  EXPECT_EQ(all.next_after_id, 0);
}

TEST_P(StoreConformance, BadFiltersAreInvalidArgumentNamingTheField) {
  auto expect_bad = [&](store::ListQuery q, const std::string& field) {
    auto page = store().List(q);
    ASSERT_EQ(page.status().code(), Code::kInvalidArgument) << field;
    ASSERT_FALSE(page.status().field_errors().empty()) << page.status().ToString();
    EXPECT_EQ(page.status().field_errors()[0].field, field) << page.status().ToString();
  };
  expect_bad({.type = "organisation", .equals = {{"colour", "red"}}}, "colour");
  expect_bad({.type = "organisation", .equals = {{"website", "https://x.vn"}}}, "website");
  expect_bad({.type = "organisation", .equals = {{"name", "x"}}}, "name");
  expect_bad({.type = "case", .equals = {{"year", "twenty"}}}, "year");
  expect_bad({.type = "case", .equals = {{"year", "2025x"}}}, "year");
  expect_bad({.type = "session", .equals = {{"online", "maybe"}}}, "online");
  expect_bad({.type = "enrolment", .prefix = "a"}, "prefix");
  expect_bad({.type = "profile", .date_to = "yesterday"}, "date_to");
}

}  // namespace
}  // namespace hoptac::testing
