// Users, memberships, sessions, single-use tokens and the audit trail's before/after values.
#include "store_conformance/world.h"

namespace hoptac::testing {
namespace {

TEST_P(StoreConformance, UsersAreCreatedFoundUpdatedAndUniqueByEmail) {
  Record org = Create(Org("org-ls", Tx("vi", "Sở Khoa học và Công nghệ Lạng Sơn")));
  ASSERT_OK_AND_ASSIGN(store::User lan,
                       store().CreateUser({.email = "lan@skhcn.example.vn", .display_name = "Nguyễn Thị Lan",
                                           .lang = "vi", .role = "editor", .organisations = {org.id}},
                                          "$argon2id$v=19$fake", Tester()));
  EXPECT_GT(lan.id, 0);
  EXPECT_TRUE(lan.has_password);
  EXPECT_EQ(store().CreateUser({.email = "lan@skhcn.example.vn", .display_name = "X", .role = "trainee"}, "", Tester())
                .status()
                .code(),
            Code::kConflict);
  ASSERT_OK_AND_ASSIGN(auto by_email, store().FindUserByEmail("lan@skhcn.example.vn"));
  EXPECT_EQ(by_email.first.id, lan.id);
  EXPECT_EQ(by_email.first.display_name, "Nguyễn Thị Lan");
  EXPECT_EQ(by_email.first.organisations, std::vector<int64_t>{org.id});
  EXPECT_EQ(by_email.second, "$argon2id$v=19$fake");
  EXPECT_EQ(store().FindUserByEmail("nobody@example.vn").status().code(), Code::kNotFound);

  store::User changed = lan;
  changed.role = "staff";
  changed.organisations = {};
  changed.lang = "fr";
  ASSERT_OK_AND_ASSIGN(store::User updated, store().UpdateUser(changed, Tester()));
  EXPECT_EQ(updated.role, "staff");
  EXPECT_TRUE(updated.organisations.empty());
  changed.organisations = {987654};
  EXPECT_EQ(store().UpdateUser(changed, Tester()).status().code(), Code::kInvalidArgument) << "unknown organisation";
  ASSERT_OK_AND_ASSIGN(store::User reread, store().GetUser(lan.id));
  EXPECT_EQ(reread.role, "staff") << "a refused update changes nothing";
  EXPECT_TRUE(reread.organisations.empty());

  ASSERT_OK(store().SetLoginState(lan.id, 3, "2030-01-01T00:00:00Z"));
  ASSERT_OK_AND_ASSIGN(store::User locked, store().GetUser(lan.id));
  EXPECT_EQ(locked.failed_logins, 3);
  EXPECT_EQ(locked.locked_until, "2030-01-01T00:00:00Z");
  ASSERT_OK_AND_ASSIGN(auto all, store().ListUsers());
  EXPECT_EQ(all.size(), 1u);
}

TEST_P(StoreConformance, SessionsEndOnLogoutExpiryAndPasswordChange) {
  ASSERT_OK_AND_ASSIGN(store::User u, store().CreateUser({.email = "a@example.fr", .display_name = "A", .role = "staff"},
                                                         "h1", Tester()));
  for (const char* id : {"s1", "s2"}) {
    ASSERT_OK(store().CreateSession({.id_hash = id, .user_id = u.id, .csrf = std::string("csrf-") + id,
                                     .created_at = "2026-11-24T00:00:00Z", .expires_at = "2026-11-25T00:00:00Z"}));
  }
  ASSERT_OK(store().CreateSession({.id_hash = "old", .user_id = u.id, .csrf = "c", .created_at = "2026-11-01T00:00:00Z",
                                   .expires_at = "2026-11-02T00:00:00Z"}));
  ASSERT_OK_AND_ASSIGN(store::Session s1, store().FindSession("s1"));
  EXPECT_EQ(s1.user_id, u.id);
  EXPECT_EQ(s1.csrf, "csrf-s1");
  ASSERT_OK(store().DeleteSession("s1"));
  EXPECT_EQ(store().FindSession("s1").status().code(), Code::kNotFound);
  ASSERT_OK(store().DeleteExpired("2026-11-24T12:00:00Z"));
  EXPECT_EQ(store().FindSession("old").status().code(), Code::kNotFound);
  ASSERT_OK(store().FindSession("s2"));
  ASSERT_OK(store().SetPassword(u.id, "h2", Tester()));
  EXPECT_EQ(store().FindSession("s2").status().code(), Code::kNotFound) << "a new password ends every session";
  ASSERT_OK_AND_ASSIGN(auto with_hash, store().FindUserByEmail("a@example.fr"));
  EXPECT_EQ(with_hash.second, "h2");
}

TEST_P(StoreConformance, OneTimeTokensAreSingleUseAndExpire) {
  ASSERT_OK_AND_ASSIGN(store::User u, store().CreateUser({.email = "b@example.cn", .display_name = "B", .role = "trainee"},
                                                         "", Tester()));
  ASSERT_OK(store().CreateOneTimeToken({.hash = "r1", .purpose = "reset", .user_id = u.id, .payload = "{}",
                                        .created_at = "2026-11-24T10:00:00Z", .expires_at = "2026-11-24T11:00:00Z"}));
  EXPECT_EQ(store().ConsumeOneTimeToken("r1", "invite", "2026-11-24T10:30:00Z").status().code(), Code::kNotFound)
      << "another purpose";
  EXPECT_EQ(store().ConsumeOneTimeToken("r1", "reset", "2026-11-24T11:30:00Z").status().code(), Code::kNotFound)
      << "expired";
  ASSERT_OK_AND_ASSIGN(store::OneTimeToken t, store().ConsumeOneTimeToken("r1", "reset", "2026-11-24T10:30:00Z"));
  EXPECT_EQ(t.user_id, u.id);
  EXPECT_EQ(store().ConsumeOneTimeToken("r1", "reset", "2026-11-24T10:31:00Z").status().code(), Code::kNotFound)
      << "used once";
}

TEST_P(StoreConformance, AuditTrailHasBeforeAndAfterOfEveryChange) {
  Record org = Create(Org("org-cb", Tx("vi", "Sở Nông nghiệp Cao Bằng")));
  Record changed = org;
  changed.fields["locality"] = Value("Cao Bằng");
  ASSERT_OK_AND_ASSIGN(Record v2, store().Update(Valid(changed), int64_t{1}, Tester()));
  ASSERT_OK(store().Delete("organisation", org.id, {.name = "lan@example.vn", .kind = "user"}));
  ASSERT_OK_AND_ASSIGN(store::User u, store().CreateUser({.email = "c@example.vn", .display_name = "C", .role = "staff"},
                                                         "secret-hash", Tester()));

  ASSERT_OK_AND_ASSIGN(auto entries, store().Audit({}));
  ASSERT_EQ(entries.size(), 4u);
  EXPECT_EQ(entries[0].change.op, "create");
  EXPECT_FALSE(entries[0].before);
  ASSERT_TRUE(entries[0].after);
  EXPECT_EQ(entries[0].after->version, 1);
  EXPECT_EQ(entries[1].change.op, "update");
  ASSERT_TRUE(entries[1].before && entries[1].after);
  EXPECT_EQ(entries[1].before->Get("locality"), nullptr);
  EXPECT_EQ(entries[1].after->Get("locality")->as_string(), "Cao Bằng");
  EXPECT_EQ(entries[2].change.op, "delete");
  EXPECT_EQ(entries[2].change.actor, "lan@example.vn");
  ASSERT_TRUE(entries[2].before) << "a deleted record's last values stay in the trail";
  EXPECT_EQ(entries[2].before->version, 2);
  EXPECT_FALSE(entries[2].after);
  EXPECT_EQ(entries[3].change.type, "user");
  EXPECT_NE(entries[3].change.detail.find("c@example.vn"), std::string::npos);
  EXPECT_EQ(entries[3].change.detail.find("secret-hash"), std::string::npos) << "never the password hash";

  ASSERT_OK_AND_ASSIGN(auto one, store().Audit({.type = "organisation", .record_id = org.id}));
  EXPECT_EQ(one.size(), 3u);
  ASSERT_OK_AND_ASSIGN(auto page, store().Audit({.after_seq = entries[1].change.seq, .limit = 1}));
  ASSERT_EQ(page.size(), 1u);
  EXPECT_EQ(page[0].change.seq, entries[2].change.seq);

  // Erasure forgets the earlier versions; who and when stay.
  ASSERT_OK(store().PurgeHistory("organisation", org.id));
  ASSERT_OK_AND_ASSIGN(auto purged, store().Audit({.type = "organisation", .record_id = org.id}));
  ASSERT_EQ(purged.size(), 3u);
  for (const auto& e : purged) {
    EXPECT_FALSE(e.before);
    EXPECT_FALSE(e.after);
    EXPECT_FALSE(e.change.at.empty());
  }
  (void)v2;
  (void)u;
}

}  // namespace
}  // namespace hoptac::testing
