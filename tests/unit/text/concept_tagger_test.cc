#include "text/concept_tagger.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "text_test_support.h"

namespace hoptac::text {
namespace {

using testing::Registry;

Thesaurus Parse(const char* jsonl) {
  auto t = Thesaurus::Parse(jsonl);
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return std::move(*t);
}

std::vector<std::string> Ids(const std::vector<ConceptMatch>& matches) {
  std::vector<std::string> ids;
  for (const ConceptMatch& m : matches) ids.push_back(m.tag->id);
  return ids;
}

constexpr const char* kOverlapping = R"(
{"id":"machine","labels":{"en":{"pref":"machine"}}}
{"id":"learning","labels":{"en":{"pref":"learning"}}}
{"id":"ml","labels":{"en":{"pref":"machine learning"}}}
{"id":"ml_ops","labels":{"en":{"pref":"learning operations platform"}}}
{"id":"vision","labels":{"en":{"pref":"computer vision"}}}
{"id":"vision_alias","labels":{"en":{"pref":"computer vision"}}}
{"id":"shrimp","labels":{"vi":{"pref":"nuôi tôm","alt":["tôm"]},"en":{"pref":"shrimp"}}}
{"id":"shrimp_zh","labels":{"zh-Hans":{"pref":"对虾养殖","alt":["养虾"]}}}
)";

TEST(ConceptTagger, LongestMatchWinsOverlaps) {
  const Thesaurus t = Parse(kOverlapping);
  const ConceptTagger tagger(t, Registry());
  EXPECT_EQ(Ids(tagger.Tag("machine learning", "en")), (std::vector<std::string>{"ml"}));
  // "learning operations platform" (3 words) beats "machine learning" (2), which overlaps it.
  EXPECT_EQ(Ids(tagger.Tag("machine learning operations platform", "en")),
            (std::vector<std::string>{"machine", "ml_ops"}));
  EXPECT_EQ(Ids(tagger.Tag("a machine, then learning", "en")), (std::vector<std::string>{"machine", "learning"}));
}

TEST(ConceptTagger, EqualLabelsYieldEveryConcept) {
  const Thesaurus t = Parse(kOverlapping);
  const ConceptTagger tagger(t, Registry());
  EXPECT_EQ(Ids(tagger.Tag("Computer Vision", "en")), (std::vector<std::string>{"vision", "vision_alias"}));
}

TEST(ConceptTagger, SpansPointAtTokensAndBytes) {
  const Thesaurus t = Parse(kOverlapping);
  const ConceptTagger tagger(t, Registry());
  const std::string text = "We build MACHINE-learning tools";
  const auto tokens = Registry().AnalyzeText(text, "en");
  const auto matches = tagger.Tag(tokens, "en");
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].tag->id, "ml");
  EXPECT_EQ(matches[0].label, "machine learning");
  EXPECT_EQ(matches[0].label_lang, "en");
  EXPECT_EQ(tokens[matches[0].first_token].term, "machine");
  EXPECT_EQ(matches[0].last_token - matches[0].first_token, 2u);
  EXPECT_EQ(text.substr(matches[0].begin, matches[0].end - matches[0].begin), "MACHINE-learning");
}

TEST(ConceptTagger, RepeatedMentionsAreAllReported) {
  const Thesaurus t = Parse(kOverlapping);
  const ConceptTagger tagger(t, Registry());
  EXPECT_EQ(Ids(tagger.Tag("shrimp and more shrimp", "en")), (std::vector<std::string>{"shrimp", "shrimp"}));
}

TEST(ConceptTagger, VietnameseDiacriticsMustAgreeWhenWritten) {
  const Thesaurus t = Parse(kOverlapping);
  const ConceptTagger tagger(t, Registry());
  EXPECT_EQ(Ids(tagger.Tag("nuôi tôm", "vi")), (std::vector<std::string>{"shrimp"}));
  EXPECT_EQ(Ids(tagger.Tag("nuoi tom", "vi")), (std::vector<std::string>{"shrimp"}));
  EXPECT_EQ(Ids(tagger.Tag("nuôi tom", "vi")), (std::vector<std::string>{"shrimp"}));  // partly typed
  // In a text written with diacritics a word without them is taken as written: "Tom" is a name.
  EXPECT_TRUE(tagger.Tag("Ông Tom làm việc tại trại cá giống", "vi").empty());
  EXPECT_EQ(Ids(tagger.Tag("Ông Tom bán tôm ở chợ", "vi")), (std::vector<std::string>{"shrimp"}));
  EXPECT_EQ(Ids(tagger.Tag("ong tom nuoi o ca mau", "vi")), (std::vector<std::string>{"shrimp"}));
  EXPECT_TRUE(tagger.Tag("tóm tắt", "vi").empty());
  EXPECT_TRUE(tagger.Tag("tồm", "vi").empty());
}

TEST(ConceptTagger, LabelsMatchTheirLanguagePlusSharedOnes) {
  const Thesaurus t = Parse(kOverlapping);
  const ConceptTagger tagger(t, Registry());
  // A Vietnamese label does not fire in English text ("Tom" is a name there)...
  EXPECT_TRUE(tagger.Tag("Tom works here", "en").empty());
  // ...but English labels are shared with every language,
  EXPECT_EQ(Ids(tagger.Tag("Dự án shrimp", "vi")), (std::vector<std::string>{"shrimp"}));
  // and text of unknown language matches everything.
  EXPECT_EQ(Ids(tagger.Tag(Registry().AnalyzeText("tom", "und"), "und")), (std::vector<std::string>{"shrimp"}));
  const ConceptTagger strict(t, Registry(), {.shared_languages = {}});
  EXPECT_TRUE(strict.Tag("Dự án shrimp", "vi").empty());
}

TEST(ConceptTagger, ChineseLabelsMatchAfterSegmentationAndConversion) {
  const Thesaurus t = Parse(kOverlapping);
  const ConceptTagger tagger(t, Registry());
  EXPECT_EQ(Ids(tagger.Tag("广西对虾养殖基地", "zh")), (std::vector<std::string>{"shrimp_zh"}));
  EXPECT_EQ(Ids(tagger.Tag("廣西對蝦養殖基地", "zh-Hant")), (std::vector<std::string>{"shrimp_zh"}));
  EXPECT_EQ(Ids(tagger.Tag("农民养虾", "zh")), (std::vector<std::string>{"shrimp_zh"}));
}

TEST(ConceptTagger, PhraseTokensAreIgnored) {
  const Thesaurus t = Parse(kOverlapping);
  const ConceptTagger tagger(t, Registry());
  const auto tokens = Registry().AnalyzeText("nuôi tôm", "vi", {.phrases = true});
  EXPECT_EQ(Ids(tagger.Tag(tokens, "vi")), (std::vector<std::string>{"shrimp"}));
}

TEST(ConceptTagger, ClausePunctuationStopsAMatchUnlessTheLabelHasIt) {
  const Thesaurus t = Parse(R"({"id":"iuu","labels":{"en":{"pref":"illegal, unreported and unregulated fishing"}}}
{"id":"vision","labels":{"en":{"pref":"computer vision"}}})");
  const ConceptTagger tagger(t, Registry());
  EXPECT_EQ(Ids(tagger.Tag("Fighting illegal, unreported and unregulated fishing.", "en")),
            (std::vector<std::string>{"iuu"}));
  EXPECT_TRUE(tagger.Tag("illegal, unreported and unregulated. Fishing", "en").empty());
  EXPECT_TRUE(tagger.Tag("a computer; vision", "en").empty());
  EXPECT_TRUE(tagger.Tag("a computer\nvision", "en").empty());
}

TEST(ConceptTagger, ShortCapitalisedLabelsAreAcronyms) {
  const Thesaurus t = Parse(R"({"id":"ai","labels":{"en":{"pref":"artificial intelligence","alt":["AI"]}}}
{"id":"its","labels":{"en":{"pref":"intelligent transport systems","alt":["ITS"]}}}
{"id":"uav","labels":{"en":{"pref":"UAV"}}}
{"id":"asean","labels":{"en":{"pref":"ASEAN"}}})");
  const ConceptTagger tagger(t, Registry());
  EXPECT_EQ(Ids(tagger.Tag("Ứng dụng AI", "vi")), (std::vector<std::string>{"ai"}));
  EXPECT_TRUE(tagger.Tag("Ai cũng biết", "vi").empty());
  EXPECT_EQ(Ids(tagger.Tag("ITS in Nanning", "en")), (std::vector<std::string>{"its"}));
  EXPECT_TRUE(tagger.Tag("its cities", "en").empty());
  EXPECT_EQ(Ids(tagger.Tag("three UAVs", "en")), (std::vector<std::string>{"uav"}));
  EXPECT_EQ(Ids(tagger.Tag("Asean partners", "en")), (std::vector<std::string>{"asean"}));  // long: any case
}

TEST(ConceptTagger, ConcurrentTaggingAgrees) {
  const Thesaurus t = Parse(kOverlapping);
  const ConceptTagger tagger(t, Registry());
  const std::vector<std::pair<std::string, std::string>> inputs = {
      {"machine learning for shrimp", "en"}, {"nuôi tôm và nuoi tom", "vi"}, {"廣西對蝦養殖", "zh-Hant"}};
  std::vector<std::vector<std::string>> expected;
  for (const auto& [text, lang] : inputs) expected.push_back(Ids(tagger.Tag(text, lang)));
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int n = 0; n < 4; ++n) {
    threads.emplace_back([&] {
      for (int i = 0; i < 300; ++i) {
        const size_t k = static_cast<size_t>(i) % inputs.size();
        if (Ids(tagger.Tag(inputs[k].first, inputs[k].second)) != expected[k]) ++mismatches;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST(ConceptTagger, CountsDistinctPatterns) {
  const Thesaurus t = Parse(R"({"id":"x","labels":{"en":{"pref":"drone","alt":["drones","Drone"]}}})");
  const ConceptTagger tagger(t, Registry());
  EXPECT_EQ(tagger.pattern_count(), 1u);  // all three analyse to the stem "drone"
}

}  // namespace
}  // namespace hoptac::text
