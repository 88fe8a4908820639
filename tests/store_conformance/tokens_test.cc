// API tokens: stored by hash, unique names, revocation.
#include "store_conformance/world.h"

namespace hoptac::testing {
namespace {

TEST_P(StoreConformance, TokensAreCreatedFoundListedAndRevoked) {
  ASSERT_OK_AND_ASSIGN(store::ApiToken ci, store().CreateToken({.name = "ci-import"}, "hash-ci", Tester()));
  EXPECT_GT(ci.id, 0);
  EXPECT_EQ(ci.name, "ci-import");
  EXPECT_FALSE(ci.created_at.empty());
  EXPECT_FALSE(ci.revoked);
  ASSERT_OK_AND_ASSIGN(store::ApiToken lead, store().CreateToken({.name = "Nguyễn's laptop"}, "hash-lead", Tester()));

  ASSERT_OK_AND_ASSIGN(store::ApiToken found, store().FindToken("hash-ci"));
  EXPECT_EQ(found.id, ci.id);
  EXPECT_EQ(found.name, "ci-import");

  auto dup = store().CreateToken({.name = "ci-import"}, "hash-other", Tester());
  EXPECT_EQ(dup.status().code(), Code::kConflict);
  EXPECT_EQ(store().FindToken("hash-other").status().code(), Code::kUnauthenticated);
  EXPECT_EQ(store().FindToken("no-such-hash").status().code(), Code::kUnauthenticated);

  ASSERT_OK(store().RevokeToken("ci-import", 0, Tester()));
  EXPECT_EQ(store().FindToken("hash-ci").status().code(), Code::kUnauthenticated);
  ASSERT_OK_AND_ASSIGN(store::ApiToken still, store().FindToken("hash-lead"));
  EXPECT_EQ(still.id, lead.id);
  EXPECT_EQ(store().RevokeToken("nobody", 0, Tester()).code(), Code::kNotFound);

  ASSERT_OK_AND_ASSIGN(auto tokens, store().ListTokens());
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].name, "ci-import");
  EXPECT_TRUE(tokens[0].revoked);
  EXPECT_EQ(tokens[1].name, "Nguyễn's laptop");
  EXPECT_FALSE(tokens[1].revoked);
}

TEST_P(StoreConformance, TokensBelongToUsersWithScopesAndExpiry) {
  ASSERT_OK_AND_ASSIGN(store::User lan, store().CreateUser({.email = "lan@example.vn", .display_name = "Lan",
                                                            .role = "editor"}, "", Tester()));
  ASSERT_OK_AND_ASSIGN(store::User wei, store().CreateUser({.email = "wei@example.cn", .display_name = "魏",
                                                            .role = "staff"}, "", Tester()));
  ASSERT_OK_AND_ASSIGN(store::ApiToken a, store().CreateToken({.name = "laptop", .user_id = lan.id, .scopes = "read",
                                                               .expires_at = "2027-01-01T00:00:00Z"}, "h-a", Tester()));
  // The same name for another owner is fine; twice for one owner is a conflict.
  ASSERT_OK(store().CreateToken({.name = "laptop", .user_id = wei.id}, "h-b", Tester()));
  EXPECT_EQ(store().CreateToken({.name = "laptop", .user_id = lan.id}, "h-c", Tester()).status().code(),
            Code::kConflict);
  ASSERT_OK_AND_ASSIGN(store::ApiToken found, store().FindToken("h-a"));
  EXPECT_EQ(found.user_id, lan.id);
  EXPECT_EQ(found.scopes, "read");
  EXPECT_EQ(found.expires_at, "2027-01-01T00:00:00Z");
  ASSERT_OK_AND_ASSIGN(auto mine, store().ListTokens(lan.id));
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].id, a.id);
  // Revoking one owner's "laptop" leaves the other's.
  ASSERT_OK(store().RevokeToken("laptop", lan.id, Tester()));
  EXPECT_EQ(store().FindToken("h-a").status().code(), Code::kUnauthenticated);
  ASSERT_OK(store().FindToken("h-b"));
}

}  // namespace
}  // namespace hoptac::testing
