// Create, read, update and delete of every record type; versions, refs and their failures.
#include <algorithm>
#include <set>

#include "store_conformance/world.h"

namespace hoptac::testing {
namespace {

// A changed value per type, for the update round trip.
std::pair<std::string, Value> ChangeFor(const std::string& type) {
  static const std::map<std::string, std::pair<std::string, Value>> kChanges = {
      {"organisation", {"name", Tx("vi", "Sở Khoa học và Công nghệ Lạng Sơn", {{"zh-Hans", "谅山省科技厅"}})}},
      {"person", {"role", "Phó giám đốc"}},
      {"profile", {"status", "closed"}},
      {"case", {"year", 2024}},
      {"agreement", {"status", "in_force"}},
      {"project", {"stage", "completed"}},
      {"programme", {"language", "vi"}},
      {"session", {"capacity", 60}},
      {"enrolment", {"status", "attended"}},
      {"document", {"source", "Le Courrier du Vietnam"}},
      {"interest", {"status", "accepted"}},
      {"consent", {"withdrawn_at", "2025-12-01"}},
  };
  return kChanges.at(type);
}

TEST_P(StoreConformance, RoundTripsEveryRecordType) {
  IdsByRef ids;
  std::vector<Record> created;
  std::set<std::string> types;
  for (const Record& input : EveryType()) {
    Record stored = Create(input);
    ASSERT_GT(stored.id, 0) << input.type;
    ids[input.type + "/" + *input.ref] = stored.id;
    types.insert(input.type);
    EXPECT_EQ(stored.version, 1);
    EXPECT_FALSE(stored.created_at.empty());
    EXPECT_EQ(stored.created_at, stored.updated_at);
    EXPECT_EQ(stored.ref, input.ref);
    EXPECT_TRUE(stored.fields == WithIds(input, ids)) << input.type << ": the store changed the fields";

    ASSERT_OK_AND_ASSIGN(Record by_id, store().Get(input.type, stored.id));
    ExpectSameRecord(by_id, stored);
    ASSERT_OK_AND_ASSIGN(Record by_ref, store().GetByRef(input.type, *input.ref));
    ExpectSameRecord(by_ref, stored);
    created.push_back(stored);
  }
  EXPECT_EQ(types.size(), domain::Schema().size()) << "the test data must cover every record type";

  for (Record& r : created) {
    auto [field, value] = ChangeFor(r.type);
    Record changed = r;
    changed.fields[field] = value;
    changed.ref = *r.ref + "-v2";
    changed = Valid(std::move(changed));
    const auto expected_fields = changed.fields;
    ASSERT_OK_AND_ASSIGN(Record updated, store().Update(changed, int64_t{1}, Tester()));
    EXPECT_EQ(updated.version, 2);
    EXPECT_EQ(updated.created_at, r.created_at);
    EXPECT_GE(updated.updated_at, r.updated_at);
    EXPECT_TRUE(updated.fields == expected_fields) << r.type;
    ASSERT_OK_AND_ASSIGN(Record got, store().Get(r.type, r.id));
    ExpectSameRecord(got, updated);
    EXPECT_EQ(store().GetByRef(r.type, *r.ref).status().code(), Code::kNotFound);
    ASSERT_OK_AND_ASSIGN(Record by_new_ref, store().GetByRef(r.type, *r.ref + "-v2"));
    EXPECT_EQ(by_new_ref.id, r.id);
  }

  // Delete in reverse schema order, so nothing deleted is still referenced.
  for (auto it = created.rbegin(); it != created.rend(); ++it) {
    ASSERT_OK(store().Delete(it->type, it->id, Tester()));
    EXPECT_EQ(store().Get(it->type, it->id).status().code(), Code::kNotFound);
    EXPECT_EQ(store().GetByRef(it->type, *it->ref + "-v2").status().code(), Code::kNotFound);
  }
  for (const auto& type : domain::Schema()) EXPECT_EQ(Count(type.name), 0) << type.name;
}

TEST_P(StoreConformance, ReadsBackNumbersBoolsListsAndAbsentFieldsExactly) {
  Record a = Create(Org("a", Tx("fr", "Université de Hanoï"), "VN", "university"));
  Record b = Create(Org("b", Tx("fr", "École d'ingénieurs de Nanning"), "CN", "university"));
  // value as a whole number stays an integer; an empty optional list stays an empty list.
  Record project = Create(Valid(Rec("project", std::nullopt,
                                    {{"title", Tx("fr", "Projet à valeur entière")},
                                     {"parties", domain::List{b.id, a.id}},
                                     {"value", int64_t{1000}},
                                     {"currency", "vnd"}})));
  ASSERT_OK_AND_ASSIGN(Record got, store().Get("project", project.id));
  ASSERT_NE(got.Get("value"), nullptr);
  EXPECT_TRUE(got.Get("value")->is_int());
  EXPECT_EQ(got.Get("value")->as_int(), 1000);
  EXPECT_EQ(got.Get("currency")->as_string(), "VND");
  EXPECT_EQ(got.Get("parties")->as_list(), (domain::List{b.id, a.id})) << "list order is kept";
  EXPECT_EQ(got.Get("summary"), nullptr);
  EXPECT_FALSE(got.ref.has_value());
  EXPECT_EQ(got.Get("stage")->as_string(), "proposed") << "defaults applied by Validate are stored";

  Record programme = Create(
      Valid(Rec("programme", std::nullopt,
                {{"title", Tx("vi", "Chương trình không có nước mục tiêu")}, {"target_countries", domain::List{}}})));
  ASSERT_OK_AND_ASSIGN(Record prog, store().Get("programme", programme.id));
  ASSERT_NE(prog.Get("target_countries"), nullptr);
  EXPECT_TRUE(prog.Get("target_countries")->as_list().empty());

  Record session = Create(Valid(
      Rec("session", std::nullopt,
          {{"programme", programme.id}, {"start_date", "2025-11-03"}, {"end_date", "2025-11-03"}, {"capacity", 25}})));
  ASSERT_OK_AND_ASSIGN(Record sess, store().Get("session", session.id));
  ASSERT_TRUE(sess.Get("online")->is_bool());
  EXPECT_FALSE(sess.Get("online")->as_bool());
  EXPECT_TRUE(sess.Get("capacity")->is_int());
}

TEST_P(StoreConformance, UpdateWithStaleVersionIsConflictAndChangesNothing) {
  Record org = Create(Org("org-1", Tx("vi", "Sở Y tế Cao Bằng")));
  Record first = org;
  first.fields["locality"] = Value("Cao Bằng");
  ASSERT_OK_AND_ASSIGN(Record v2, store().Update(Valid(first), int64_t{1}, Tester()));
  EXPECT_EQ(v2.version, 2);

  Record stale = org;
  stale.fields["locality"] = Value("Bảo Lạc");
  auto result = store().Update(Valid(stale), int64_t{1}, Tester());
  ASSERT_EQ(result.status().code(), Code::kConflict) << result.status().ToString();
  ASSERT_OK_AND_ASSIGN(Record got, store().Get("organisation", org.id));
  EXPECT_EQ(got.version, 2);
  EXPECT_EQ(got.Get("locality")->as_string(), "Cao Bằng");

  // Without an expected version the update applies to whatever is stored.
  ASSERT_OK_AND_ASSIGN(Record v3, store().Update(Valid(stale), std::nullopt, Tester()));
  EXPECT_EQ(v3.version, 3);
}

TEST_P(StoreConformance, UpdateOrDeleteOfMissingRecordIsNotFound) {
  Record ghost = Org("ghost", Tx("fr", "Fantôme"));
  ghost.id = 4242;
  EXPECT_EQ(store().Update(ghost, std::nullopt, Tester()).status().code(), Code::kNotFound);
  EXPECT_EQ(store().Delete("organisation", 4242, Tester()).code(), Code::kNotFound);
  EXPECT_EQ(store().Get("organisation", 4242).status().code(), Code::kNotFound);
  EXPECT_EQ(store().GetByRef("organisation", "ghost").status().code(), Code::kNotFound);
}

TEST_P(StoreConformance, UnknownTypeIsInvalidArgument) {
  Record r = Rec("spaceship", std::nullopt, {});
  EXPECT_EQ(store().Create(r, Tester()).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(store().Get("spaceship", 1).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(store().List({.type = "spaceship"}).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(store().Count("spaceship").status().code(), Code::kInvalidArgument);
}

TEST_P(StoreConformance, DuplicateRefIsConflictOnRef) {
  Create(Org("org-1", Tx("zh-Hans", "南宁市大数据发展局"), "CN"));
  auto dup = store().Create(Org("org-1", Tx("vi", "Sở Thông tin và Truyền thông Hà Giang")), Tester());
  ASSERT_EQ(dup.status().code(), Code::kConflict) << dup.status().ToString();
  ASSERT_EQ(dup.status().field_errors().size(), 1u);
  EXPECT_EQ(dup.status().field_errors()[0].field, "ref");
  EXPECT_NE(dup.status().message().find("org-1"), std::string::npos);
  EXPECT_EQ(Count("organisation"), 1);

  // Taking another record's ref in an update is refused too.
  Record other = Create(Org("org-2", Tx("vi", "Sở Công Thương Quảng Ninh")));
  other.ref = "org-1";
  EXPECT_EQ(store().Update(Valid(other), std::nullopt, Tester()).status().code(), Code::kConflict);

  // Refs are unique per type only.
  Record programme = Create(Valid(Rec("programme", "org-1", {{"title", Tx("fr", "Programme homonyme")}})));
  EXPECT_GT(programme.id, 0);
}

TEST_P(StoreConformance, RefStringsAndIdsBothResolve) {
  Record gx = Create(Org("org-gx", Tx("zh-Hans", "广西人工智能学会"), "CN", "association"));
  Record ls = Create(Org("org-ls", Tx("vi", "Hợp tác xã Nông nghiệp Lạng Sơn"), "VN", "cooperative"));
  Record agreement = Create(Valid(Rec("agreement", std::nullopt,
                                      {{"title", Tx("fr", "Accord-cadre de coopération")},
                                       {"parties", domain::List{"org-gx", ls.id}},
                                       {"agreement_type", "framework"}})));
  EXPECT_EQ(agreement.Get("parties")->as_list(), (domain::List{gx.id, ls.id}));
  // The same organisation twice, once by id and once by ref, is not two parties.
  auto dup = store().Create(Valid(Rec("agreement", std::nullopt,
                                      {{"title", Tx("fr", "Accord en double")},
                                       {"parties", domain::List{"org-gx", gx.id}},
                                       {"agreement_type", "mou"}})),
                            Tester());
  EXPECT_EQ(dup.status().code(), Code::kInvalidArgument) << dup.status().ToString();
}

TEST_P(StoreConformance, DanglingRefsAreInvalidArgumentNamingTheField) {
  Record gx = Create(Org("org-gx", Tx("zh-Hans", "广西大学"), "CN", "university"));
  const int64_t seq = LastSeq();

  auto by_ref = store().Create(
      Valid(Rec("profile", std::nullopt,
                {{"organisation", "org-9"}, {"kind", "offer"}, {"title", Tx("zh-Hans", "智慧农业解决方案")}})),
      Tester());
  ASSERT_EQ(by_ref.status().code(), Code::kInvalidArgument);
  ASSERT_EQ(by_ref.status().field_errors().size(), 1u);
  EXPECT_EQ(by_ref.status().field_errors()[0].field, "organisation");
  EXPECT_EQ(by_ref.status().field_errors()[0].code, "dangling_ref");
  EXPECT_NE(by_ref.status().field_errors()[0].message.find("org-9"), std::string::npos);

  auto by_id = store().Create(Valid(Rec("profile", std::nullopt,
                                        {{"organisation", int64_t{999}},
                                         {"kind", "offer"},
                                         {"title", Tx("fr", "Solution de vision par ordinateur")}})),
                              Tester());
  ASSERT_EQ(by_id.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(by_id.status().field_errors().at(0).field, "organisation");
  EXPECT_NE(by_id.status().field_errors()[0].message.find("999"), std::string::npos);

  auto in_list = store().Create(Valid(Rec("agreement", std::nullopt,
                                          {{"title", Tx("vi", "Bản ghi nhớ hợp tác")},
                                           {"parties", domain::List{gx.id, "org-404", int64_t{777}}},
                                           {"agreement_type", "mou"}})),
                                Tester());
  ASSERT_EQ(in_list.status().code(), Code::kInvalidArgument);
  const auto& errors = in_list.status().field_errors();
  ASSERT_EQ(errors.size(), 2u) << in_list.status().ToString();
  EXPECT_EQ(errors[0].field, "parties[1]");
  EXPECT_EQ(errors[0].code, "dangling_ref");
  EXPECT_NE(errors[0].message.find("org-404"), std::string::npos);
  EXPECT_EQ(errors[1].field, "parties[2]");

  EXPECT_EQ(Count("profile"), 0);
  EXPECT_EQ(Count("agreement"), 0);
  EXPECT_EQ(LastSeq(), seq) << "a refused write leaves no change row";

  // A dangling ref in an update is refused as well, and the record keeps its old value.
  Record profile = Create(Valid(Rec(
      "profile", std::nullopt, {{"organisation", gx.id}, {"kind", "offer"}, {"title", Tx("zh-Hans", "农业大模型")}})));
  Record bad = profile;
  bad.fields["organisation"] = Value("org-9");
  EXPECT_EQ(store().Update(bad, std::nullopt, Tester()).status().code(), Code::kInvalidArgument);
  ASSERT_OK_AND_ASSIGN(Record got, store().Get("profile", profile.id));
  EXPECT_EQ(got.Get("organisation")->as_int(), gx.id);
  EXPECT_EQ(got.version, 1);
}

TEST_P(StoreConformance, DeletingAReferencedRecordIsRefused) {
  Record gx = Create(Org("org-gx", Tx("zh-Hans", "广西数字经济发展局"), "CN"));
  Record ls = Create(Org("org-ls", Tx("vi", "UBND tỉnh Lạng Sơn")));
  Record profile =
      Create(Valid(Rec("profile", std::nullopt,
                       {{"organisation", "org-ls"}, {"kind", "request"}, {"title", Tx("vi", "Chuyển đổi số")}})));
  Record agreement = Create(Valid(Rec("agreement", std::nullopt,
                                      {{"title", Tx("zh-Hans", "合作协议")},
                                       {"parties", domain::List{"org-gx", "org-ls"}},
                                       {"agreement_type", "contract"}})));
  const int64_t seq = LastSeq();

  Status by_profile = store().Delete("organisation", ls.id, Tester());
  ASSERT_EQ(by_profile.code(), Code::kConflict) << by_profile.ToString();
  EXPECT_NE(by_profile.message().find("profile"), std::string::npos) << by_profile.message();
  EXPECT_NE(by_profile.message().find("agreement"), std::string::npos) << by_profile.message();
  Status by_list = store().Delete("organisation", gx.id, Tester());
  ASSERT_EQ(by_list.code(), Code::kConflict) << by_list.ToString();
  EXPECT_NE(by_list.message().find("agreement"), std::string::npos) << by_list.message();
  EXPECT_EQ(Count("organisation"), 2);
  EXPECT_EQ(LastSeq(), seq);

  ASSERT_OK(store().Delete("agreement", agreement.id, Tester()));
  ASSERT_OK(store().Delete("organisation", gx.id, Tester()));
  EXPECT_EQ(store().Delete("organisation", ls.id, Tester()).code(), Code::kConflict);
  ASSERT_OK(store().Delete("profile", profile.id, Tester()));
  ASSERT_OK(store().Delete("organisation", ls.id, Tester()));
  EXPECT_EQ(Count("organisation"), 0);
}

}  // namespace
}  // namespace hoptac::testing
