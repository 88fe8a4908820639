// Checks the real thesaurus, data/thesaurus/concepts.jsonl: structure, coverage of the four
// launch languages, and that labels in each language lead to the same concepts.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "text/concept_tagger.h"
#include "text/thesaurus.h"
#include "text_test_support.h"

namespace hoptac::text {
namespace {

using testing::Registry;

constexpr const char* kLanguages[] = {"zh-Hans", "vi", "en", "fr"};

class ThesaurusDataTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const auto path = testing::SourceDir() / "data/thesaurus/concepts.jsonl";
    if (!std::filesystem::exists(path)) return;
    auto t = Thesaurus::Load(path);
    ASSERT_TRUE(t.ok()) << t.status().ToString();
    thesaurus_ = new Thesaurus(std::move(*t));
    tagger_ = new ConceptTagger(*thesaurus_, Registry());
  }
  static void TearDownTestSuite() {
    delete tagger_;
    delete thesaurus_;
  }
  void SetUp() override {
    if (thesaurus_ == nullptr) GTEST_SKIP() << "data/thesaurus/concepts.jsonl does not exist yet";
  }

  static std::set<std::string> Tagged(std::string_view text, std::string_view lang) {
    std::set<std::string> ids;
    for (const ConceptMatch& m : tagger_->Tag(text, lang)) ids.insert(m.tag->id);
    return ids;
  }

  static Thesaurus* thesaurus_;
  static ConceptTagger* tagger_;
};

Thesaurus* ThesaurusDataTest::thesaurus_ = nullptr;
ConceptTagger* ThesaurusDataTest::tagger_ = nullptr;

TEST_F(ThesaurusDataTest, HasAtLeast500Concepts) { EXPECT_GE(thesaurus_->size(), 500u); }

TEST_F(ThesaurusDataTest, EveryConceptHasAPrefLabelInEveryLaunchLanguage) {
  for (const Concept& c : thesaurus_->concepts()) {
    for (const char* lang : kLanguages) {
      const ConceptLabels* labels = c.LabelsFor(lang);
      EXPECT_TRUE(labels != nullptr && !labels->pref.empty()) << c.id << " lacks a " << lang << " pref label";
    }
  }
}

TEST_F(ThesaurusDataTest, BroaderLinksResolveWithoutCycles) {
  // Load already rejects unknown ids and cycles; check the derived view agrees.
  for (const Concept& c : thesaurus_->concepts()) {
    for (const std::string& b : c.broader) EXPECT_NE(thesaurus_->Find(b), nullptr) << c.id << " -> " << b;
    for (const Concept* a : thesaurus_->Ancestors(c.id)) EXPECT_NE(a->id, c.id) << c.id << " is its own ancestor";
  }
}

TEST_F(ThesaurusDataTest, EveryLabelTagsItsOwnConcept) {
  int failures = 0;
  for (const Concept& c : thesaurus_->concepts()) {
    for (const auto& [lang, labels] : c.labels) {
      std::vector<std::string> all = labels.alt;
      all.insert(all.begin(), labels.pref);
      for (const std::string& label : all) {
        if (Tagged(label, lang).count(c.id) == 0 && ++failures <= 20)
          ADD_FAILURE() << c.id << ": " << lang << " label '" << label << "' does not tag it";
      }
    }
  }
  EXPECT_EQ(failures, 0);
}

TEST_F(ThesaurusDataTest, SameIdeaInFourLanguagesGivesTheSameConcept) {
  struct Sample {
    std::string_view lang, text;
  };
  const std::vector<std::vector<Sample>> groups = {
      {{"vi", "máy bay không người lái"}, {"vi", "may bay khong nguoi lai"}, {"zh-Hans", "无人机"},
       {"zh-Hant", "無人機"}, {"en", "drones"}, {"fr", "drone"}},
      {{"vi", "trí tuệ nhân tạo"}, {"zh-Hans", "人工智能"}, {"en", "artificial intelligence"},
       {"fr", "l'intelligence artificielle"}},
      {{"vi", "thị giác máy tính"}, {"zh-Hans", "计算机视觉"}, {"en", "computer vision"},
       {"fr", "vision par ordinateur"}},
      {{"vi", "nuôi tôm"}, {"zh-Hans", "对虾养殖"}, {"en", "shrimp farming"}, {"fr", "élevage de crevettes"}},
  };
  for (const auto& group : groups) {
    std::set<std::string> common = Tagged(group[0].text, group[0].lang);
    for (const Sample& s : group) {
      const std::set<std::string> ids = Tagged(s.text, s.lang);
      EXPECT_FALSE(ids.empty()) << s.lang << " '" << s.text << "' tags nothing";
      std::set<std::string> both;
      std::set_intersection(common.begin(), common.end(), ids.begin(), ids.end(), std::inserter(both, both.end()));
      common = std::move(both);
    }
    EXPECT_FALSE(common.empty()) << "no concept shared by every text of the group starting '" << group[0].text << "'";
  }
}

TEST_F(ThesaurusDataTest, SampleTextsGetTheirConcepts) {
  struct Sample {
    std::string_view lang, text, concept_id;
  };
  const Sample samples[] = {
      {"vi", "máy bay không người lái", "tech.uav"},
      {"vi", "may bay khong nguoi lai", "tech.uav"},
      {"zh-Hans", "无人机", "tech.uav"},
      {"zh-Hant", "無人機", "tech.uav"},
      {"en", "drone", "tech.uav"},
      {"fr", "des drones", "tech.uav"},
      {"fr", "des drones agricoles", "tech.uav.agri"},  // the longer, narrower label wins
      {"vi", "Hợp tác xã nuôi tôm ở Cà Mau", "domain.agri.aquaculture.shrimp"},
      {"zh-Hans", "广西对虾养殖基地", "domain.agri.aquaculture.shrimp"},
      {"en", "shrimp farming", "domain.agri.aquaculture.shrimp"},
      {"vi", "du bao lu", "domain.disaster.flood.forecast"},
      {"zh-Hans", "洪水预报系统", "domain.disaster.flood.forecast"},
      {"en", "flood forecasting", "domain.disaster.flood.forecast"},
      {"fr", "la prévision des crues", "domain.disaster.flood.forecast"},
      {"vi", "thị giác máy tính", "tech.ai.cv"},
      {"zh-Hans", "计算机视觉", "tech.ai.cv"},
      {"fr", "vision par ordinateur", "tech.ai.cv"},
      {"fr", "L'intelligence artificielle au service de l'agriculture", "tech.ai"},
      {"fr", "L'intelligence artificielle au service de l'agriculture", "domain.agri"},
      {"vi", "Ứng dụng AI trong nông nghiệp", "tech.ai"},
      {"en", "smart cities", "domain.urban.smart_city"},
      {"zh-Hans", "智慧城市", "domain.urban.smart_city"},
      {"vi", "đô thị thông minh", "domain.urban.smart_city"},
  };
  for (const Sample& s : samples) {
    const std::set<std::string> ids = Tagged(s.text, s.lang);
    EXPECT_EQ(ids.count(std::string(s.concept_id)), 1u) << s.lang << " '" << s.text << "' should tag " << s.concept_id;
  }
}

}  // namespace
}  // namespace hoptac::text
