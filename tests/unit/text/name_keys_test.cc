#include "text/name_keys.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

namespace hoptac::text {
namespace {

bool ShareKey(std::string_view a, std::string_view b) {
  const auto ka = NameKeys(a), kb = NameKeys(b);
  return std::any_of(ka.begin(), ka.end(), [&](const std::string& k) {
    return std::find(kb.begin(), kb.end(), k) != kb.end();
  });
}

TEST(NameKeys, HanGivesPinyinAndSinoVietnamese) {
  EXPECT_EQ(NameKeys("广西"), (std::vector<std::string>{"guangxi", "quangtay"}));
  const auto nanning = NameKeys("南宁");
  ASSERT_GE(nanning.size(), 2u);
  EXPECT_EQ(nanning[0], "nanning");
  EXPECT_EQ(nanning[1], "namninh");
}

TEST(NameKeys, LatinGivesFoldedFormWithoutSpaces) {
  EXPECT_EQ(NameKeys("Quảng Tây"), (std::vector<std::string>{"quangtay"}));
  EXPECT_EQ(NameKeys("Guangxi"), (std::vector<std::string>{"guangxi"}));
  EXPECT_EQ(NameKeys("Nam Ninh"), (std::vector<std::string>{"namninh"}));
  EXPECT_EQ(NameKeys("  Hà-Nội! "), (std::vector<std::string>{"hanoi"}));
  EXPECT_EQ(NameKeys("Đà Nẵng"), (std::vector<std::string>{"danang"}));
}

TEST(NameKeys, SamePlaceAcrossScriptsSharesAKey) {
  EXPECT_TRUE(ShareKey("广西", "Guangxi"));
  EXPECT_TRUE(ShareKey("广西", "Quảng Tây"));
  EXPECT_TRUE(ShareKey("廣西", "Quảng Tây"));  // Traditional
  EXPECT_TRUE(ShareKey("南宁", "Nanning"));
  EXPECT_TRUE(ShareKey("南宁", "Nam Ninh"));
  EXPECT_TRUE(ShareKey("北海", "Bắc Hải"));
  EXPECT_TRUE(ShareKey("北海", "Beihai"));
  EXPECT_FALSE(ShareKey("广西", "Nanning"));
  EXPECT_FALSE(ShareKey("Quảng Tây", "Quảng Ninh"));
}

TEST(NameKeys, SeveralReadingsGiveBoundedCombinations) {
  // 宁 reads "ninh" (Hán-Việt, first) and "trữ" (Unihan's own entry).
  const auto keys = NameKeys("宁");
  EXPECT_NE(std::find(keys.begin(), keys.end(), "ninh"), keys.end());
  EXPECT_NE(std::find(keys.begin(), keys.end(), "tru"), keys.end());
  EXPECT_LE(NameKeys("行行行行行").size(), kMaxNameKeys);
}

TEST(NameKeys, PolyphonicCharactersGetTheirOtherPinyin) {
  EXPECT_TRUE(ShareKey("长沙", "Changsha"));  // ICU alone reads 长 as zhang
  EXPECT_TRUE(ShareKey("厦门", "Xiamen"));
  EXPECT_TRUE(ShareKey("重庆", "Chongqing"));
  EXPECT_TRUE(ShareKey("長沙", "Changsha"));
}

TEST(NameKeys, LongNamesUseFirstReadingsOnly) {
  const auto keys = NameKeys("广西壮族自治区南宁市");
  ASSERT_FALSE(keys.empty());
  EXPECT_EQ(keys[0], "guangxizhuangzuzizhiqunanningshi");
  EXPECT_LE(keys.size(), 2u);
}

TEST(NameKeys, NothingForTextWithoutLettersOrDigits) {
  EXPECT_TRUE(NameKeys("").empty());
  EXPECT_TRUE(NameKeys(" - , ").empty());
}

TEST(NameKeys, IllFormedUtf8DoesNotCrash) {
  const auto keys = NameKeys("Gu\xff" "angxi\xe5");
  EXPECT_FALSE(keys.empty());
}

TEST(NameKeys, ConcurrentCallersAgree) {
  const auto expected = NameKeys("广西南宁");
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 100; ++i) mismatches += NameKeys("广西南宁") != expected ? 1 : 0;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(mismatches.load(), 0);
}

}  // namespace
}  // namespace hoptac::text
