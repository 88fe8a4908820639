// API tokens: stored by hash, unique names, revocation.
#include "store_conformance/world.h"

namespace hoptac::testing {
namespace {

TEST_P(StoreConformance, TokensAreCreatedFoundListedAndRevoked) {
  ASSERT_OK_AND_ASSIGN(store::ApiToken ci, store().CreateToken("ci-import", "hash-ci"));
  EXPECT_GT(ci.id, 0);
  EXPECT_EQ(ci.name, "ci-import");
  EXPECT_FALSE(ci.created_at.empty());
  EXPECT_FALSE(ci.revoked);
  ASSERT_OK_AND_ASSIGN(store::ApiToken lead, store().CreateToken("Nguyễn's laptop", "hash-lead"));

  ASSERT_OK_AND_ASSIGN(store::ApiToken found, store().FindToken("hash-ci"));
  EXPECT_EQ(found.id, ci.id);
  EXPECT_EQ(found.name, "ci-import");

  auto dup = store().CreateToken("ci-import", "hash-other");
  EXPECT_EQ(dup.status().code(), Code::kConflict);
  EXPECT_EQ(store().FindToken("hash-other").status().code(), Code::kUnauthenticated);
  EXPECT_EQ(store().FindToken("no-such-hash").status().code(), Code::kUnauthenticated);

  ASSERT_OK(store().RevokeToken("ci-import"));
  EXPECT_EQ(store().FindToken("hash-ci").status().code(), Code::kUnauthenticated);
  ASSERT_OK_AND_ASSIGN(store::ApiToken still, store().FindToken("hash-lead"));
  EXPECT_EQ(still.id, lead.id);
  EXPECT_EQ(store().RevokeToken("nobody").code(), Code::kNotFound);

  ASSERT_OK_AND_ASSIGN(auto tokens, store().ListTokens());
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].name, "ci-import");
  EXPECT_TRUE(tokens[0].revoked);
  EXPECT_EQ(tokens[1].name, "Nguyễn's laptop");
  EXPECT_FALSE(tokens[1].revoked);
}

}  // namespace
}  // namespace hoptac::testing
