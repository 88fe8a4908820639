#include "text/analyzer.h"

#include <gtest/gtest.h>

#include <random>
#include <thread>

#include "text/codes.h"
#include "text/language_id.h"
#include "text/name_keys.h"

#include "text_test_support.h"

namespace hoptac::text {
namespace {

using testing::Describe;
using testing::Registry;

std::vector<std::string> Terms(const std::vector<Token>& tokens) {
  std::vector<std::string> out;
  for (const Token& t : tokens) out.push_back(Describe(t));
  return out;
}

TEST(AnalyzerRegistry, ChoosesPipelineByPrimaryLanguage) {
  EXPECT_EQ(Registry().For("zh-Hans").language(), "zh");
  EXPECT_EQ(Registry().For("zh-Hant-TW").language(), "zh");
  EXPECT_EQ(Registry().For("vi-VN").language(), "vi");
  EXPECT_EQ(Registry().For("EN").language(), "en");
  EXPECT_EQ(Registry().For("fr").language(), "fr");
  EXPECT_EQ(Registry().For("th").language(), "und");
  EXPECT_EQ(Registry().For("").language(), "und");
  EXPECT_EQ(Registry().analyzers().size(), 5u);
}

TEST(AnalyzerRegistry, DetectsLanguageOfUntaggedText) {
  EXPECT_EQ(Registry().Resolve("Hợp tác xã nuôi tôm công nghệ cao ở đồng bằng", "").language(), "vi");
  EXPECT_EQ(Registry().Resolve("广西人工智能企业与越南合作", "und").language(), "zh");
  EXPECT_EQ(Registry().Resolve("anything", "fr").language(), "fr");  // a tag wins over detection
}

TEST(AnalyzerRegistry, BadOpenccConfigIsAnError) {
  auto r = AnalyzerRegistry::Create({.opencc_config = "/nonexistent/t2s.json"});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("OpenCC"), std::string::npos);
}

TEST(Analyzer, VietnameseMatchesWithAndWithoutDiacritics) {
  const auto exact = Registry().AnalyzeText("nông nghiệp", "vi");
  const auto plain = Registry().AnalyzeText("nong nghiep", "vi");
  ASSERT_EQ(exact.size(), 2u);
  ASSERT_EQ(plain.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(exact[i].folded, plain[i].folded);
    EXPECT_NE(exact[i].term, plain[i].term);
    EXPECT_TRUE(exact[i].Has(kTokenFolded));
    EXPECT_FALSE(plain[i].Has(kTokenFolded));
  }
}

TEST(Analyzer, OffsetsPointIntoTheOriginalText) {
  const std::string text = "  Ｄrones,\tl’IA  ";
  const auto tokens = Registry().AnalyzeText(text, "fr");
  ASSERT_EQ(Terms(tokens), (std::vector<std::string>{"drones/dron", "ia"}));
  EXPECT_EQ(text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin), "Ｄrones");
  EXPECT_EQ(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin), "IA");
}

TEST(Analyzer, TraditionalChineseOffsetsCoverTheTraditionalCharacters) {
  const std::string text = "廣西無人機";
  const auto tokens = Registry().AnalyzeText(text, "zh-Hant");
  ASSERT_FALSE(tokens.empty());
  std::string rebuilt;
  for (const Token& t : tokens) rebuilt += text.substr(t.begin, t.end - t.begin);
  EXPECT_EQ(rebuilt, text);
  EXPECT_EQ(tokens[0].term, "广西");
}

TEST(Analyzer, StemFlagsDescribeTheFoldedForm) {
  const auto tokens = Registry().AnalyzeText("farming delta", "en");
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_TRUE(tokens[0].Has(kTokenStemmed));
  EXPECT_TRUE(tokens[0].Has(kTokenFolded));
  EXPECT_FALSE(tokens[1].Has(kTokenStemmed));
  EXPECT_FALSE(tokens[1].Has(kTokenFolded));
}

TEST(Analyzer, NumbersAndIdeographsAreFlagged) {
  const auto tokens = Registry().AnalyzeText("2025年", "zh");
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_TRUE(tokens[0].Has(kTokenNumber));
  EXPECT_TRUE(tokens[1].Has(kTokenIdeographic));
}

TEST(Analyzer, PhrasesOnlyWhenAskedAndOnlyForZhAndVi) {
  EXPECT_EQ(Registry().AnalyzeText("nông nghiệp", "vi").size(), 2u);
  const auto with = Registry().AnalyzeText("nông nghiệp", "vi", {.phrases = true});
  ASSERT_EQ(with.size(), 3u);
  EXPECT_TRUE(with[2].Has(kTokenPhrase));
  EXPECT_EQ(with[2].term, "nông nghiệp");
  EXPECT_EQ(with[2].begin, 0u);
  EXPECT_EQ(with[2].end, std::string("nông nghiệp").size());
  EXPECT_EQ(Registry().AnalyzeText("smart city", "en", {.phrases = true}).size(), 2u);
}

TEST(Analyzer, IllFormedUtf8IsReadAsReplacementCharacters) {
  const std::string text = "drone\xff\xfe shrimp \xe1\xbb";  // stray bytes, truncated sequence
  const auto tokens = Registry().AnalyzeText(text, "en");
  ASSERT_EQ(Terms(tokens), (std::vector<std::string>{"drone", "shrimp"}));
  EXPECT_EQ(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin), "shrimp");
}

TEST(Analyzer, EmptyAndSpaceOnlyTextHaveNoTokens) {
  for (const char* lang : {"zh", "vi", "en", "fr", "und"}) {
    EXPECT_TRUE(Registry().AnalyzeText("", lang).empty()) << lang;
    EXPECT_TRUE(Registry().AnalyzeText(" \t\n ", lang).empty()) << lang;
  }
}

// Random mixes of valid fragments and stray bytes: every pipeline must keep its invariants
// (offsets inside the text, in order, non-empty terms). Run under ASan/UBSan in CI.
TEST(Analyzer, RandomInputKeepsInvariants) {
  const std::vector<std::string> fragments = {
      "Máy bay ", "không", "無人機", "无人机", "l'", "’", "IA ", "drones", ", ", "。", "２０２５",
      "e\xCC\x81", "\xCC\x81", "\xff", "\xe1\xbb", "\xF0\x9F\x98\x80", " ", "\n", "ปัญญา", "ß", "İ", "ǅ",
      "\xC2\xAD", "Đ", "qu'", "4.0"};
  std::mt19937 rng(20260310);
  for (int round = 0; round < 400; ++round) {
    std::string text;
    const int pieces = static_cast<int>(rng() % 12);
    for (int i = 0; i < pieces; ++i) text += fragments[rng() % fragments.size()];
    for (const char* lang : {"zh", "vi", "en", "fr", "th", ""}) {
      const auto tokens = Registry().AnalyzeText(text, lang, {.phrases = true});
      for (const Token& t : tokens) {
        ASSERT_LE(t.begin, t.end) << text;
        ASSERT_LE(t.end, text.size()) << text;
        ASSERT_FALSE(t.term.empty()) << text;
      }
    }
    (void)NameKeys(text);
  }
}

TEST(Analyzer, ConcurrentCallersGetTheSameTokens) {
  const std::vector<std::pair<std::string, std::string>> inputs = {
      {"無人機應用於農業和對蝦養殖", "zh"},
      {"Máy bay không người lái phục vụ nông nghiệp", "vi"},
      {"Drones for shrimp farming in the Mekong Delta", "en"},
      {"L'intelligence artificielle au service de l'agriculture", "fr"},
  };
  std::vector<std::vector<Token>> expected;
  for (const auto& [text, lang] : inputs) expected.push_back(Registry().AnalyzeText(text, lang, {.phrases = true}));
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int round = 0; round < 200; ++round) {
        const size_t i = static_cast<size_t>(round) % inputs.size();
        if (Registry().AnalyzeText(inputs[i].first, inputs[i].second, {.phrases = true}) != expected[i]) ++mismatches;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(mismatches.load(), 0);
}

// Regression (text_analysis_fuzzer): CLD2 read ill-formed UTF-8 such as "\xE0\x80\x80" (an
// overlong sequence) out of bounds and crashed the process; detection now sees U+FFFD instead,
// and stray bytes or control characters no longer change the language found.
TEST(LanguageId, IllFormedUtf8DoesNotCrashDetection) {
  for (std::string text : {std::string("\x80\xff\xfe\n\xe0\x80\x80" "abc"), std::string("\xe0\x80\x80"),
                           std::string("\xc0\xaf\xed\xa0\x80\xf4\x90\x80\x80"), std::string("a\0b\x03" "c\x7f", 6),
                           std::string("\xef\xbf\xbe\xef\xb7\x90")}) {
    const std::string lang = DetectLanguage(text);
    EXPECT_FALSE(lang.empty()) << text;
  }
  const std::string vi = "Hợp tác xã nuôi tôm ứng dụng công nghệ cao ở đồng bằng sông Cửu Long";
  EXPECT_EQ(DetectLanguage(vi + "\xff\xe0\x80\x80"), DetectLanguage(vi));
  EXPECT_EQ(DetectLanguage(vi + "\x03\x01"), DetectLanguage(vi));
  EXPECT_EQ(DetectLanguage("广西人工智能企业与越南合作\xff"), "zh-Hans");
}

// Regression (found by the record_json fuzzer): CLD2 called a run of brackets Tagalog, "tl", which
// the tag check refused, so a record saved with its detected language failed validation when sent
// back. Every detected tag must pass the check; deprecated codes come back in their current form.
TEST(LanguageId, DetectedTagsAreAcceptedTags) {
  for (const std::string text : {std::string("C") + std::string(300, '[') + std::string(300, ']') + "ase",
                                 std::string("Ang mga magsasaka ay gumagamit ng makabagong teknolohiya sa bukid"),
                                 std::string("12345 67890"), std::string("Hợp tác xã nuôi tôm"), std::string("x")}) {
    const std::string lang = DetectLanguage(text);
    EXPECT_TRUE(CanonicalLanguageTag(lang).has_value()) << lang << " for " << text;
  }
  EXPECT_EQ(CanonicalLanguageTag("und"), "und");
  EXPECT_EQ(CanonicalLanguageTag("tl"), "tl");
  EXPECT_EQ(CanonicalLanguageTag("iw"), "he");
  EXPECT_EQ(CanonicalLanguageTag("zh-hans"), "zh-Hans");
  EXPECT_FALSE(CanonicalLanguageTag("xx").has_value());
  EXPECT_FALSE(CanonicalLanguageTag("en-xyz123456").has_value()) << "a repaired tag is refused";
}

}  // namespace
}  // namespace hoptac::text
