// Golden files pin the behaviour of each language's pipeline and of concept tagging:
// tests/golden/text/<lang>.jsonl, one case per line:
//   {"name": "...", "lang": "vi", "input": "...",
//    "tokens": ["máy/may", "bay"],            term, or term/folded when they differ
//    "spans": ["Máy", "bay"],                 optional: the original text under each token
//    "positions": [0, 1],                     optional
//    "phrases": ["máy bay/may bay"],          optional: phrase tokens (AnalyzeOptions::phrases)
//    "concepts": ["tech.drone"]}              concept ids tagged with tests/golden/text/thesaurus.jsonl
// "lang" may be "" to exercise language detection. On a mismatch the test prints the actual
// line, so an intended change can be reviewed and pasted back.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "text/concept_tagger.h"
#include "text/thesaurus.h"
#include "text_test_support.h"

namespace hoptac::text {
namespace {

using nlohmann::json;
using testing::Describe;
using testing::Registry;
using testing::SourceDir;

const Thesaurus& Fixture() {
  static const Thesaurus* thesaurus = [] {
    auto t = Thesaurus::Load(SourceDir() / "tests/golden/text/thesaurus.jsonl");
    if (!t.ok()) {
      ADD_FAILURE() << t.status().ToString();
      std::abort();
    }
    return new Thesaurus(std::move(*t));
  }();
  return *thesaurus;
}

const ConceptTagger& Tagger() {
  static const ConceptTagger* tagger = new ConceptTagger(Fixture(), Registry());
  return *tagger;
}

json Actual(const json& expected) {
  const std::string input = expected.at("input").get<std::string>();
  const std::string lang = expected.at("lang").get<std::string>();
  const std::vector<Token> tokens = Registry().AnalyzeText(input, lang, {.phrases = true});
  json actual = expected;
  json terms = json::array(), spans = json::array(), positions = json::array(), phrases = json::array();
  for (const Token& t : tokens) {
    if (t.Has(kTokenPhrase)) {
      phrases.push_back(Describe(t));
      continue;
    }
    terms.push_back(Describe(t));
    spans.push_back(input.substr(t.begin, t.end - t.begin));
    positions.push_back(t.position);
  }
  actual["tokens"] = terms;
  if (expected.contains("spans")) actual["spans"] = spans;
  if (expected.contains("positions")) actual["positions"] = positions;
  if (expected.contains("phrases")) actual["phrases"] = phrases;
  json concepts = json::array();
  for (const ConceptMatch& m : Tagger().Tag(input, lang)) concepts.push_back(m.tag->id);
  actual["concepts"] = concepts;
  return actual;
}

class GoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenTest, MatchesExpectedTokensAndConcepts) {
  const auto path = SourceDir() / "tests/golden/text" / (GetParam() + ".jsonl");
  std::ifstream in(path);
  ASSERT_TRUE(in) << "cannot open " << path;
  std::string line;
  int line_no = 0, cases = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty()) continue;
    SCOPED_TRACE(path.filename().string() + ":" + std::to_string(line_no));
    const json expected = json::parse(line);
    const json actual = Actual(expected);
    EXPECT_EQ(expected, actual) << "name: " << expected.value("name", "") << "\nactual line:\n"
                                << actual.dump(-1, ' ', false);
    ++cases;
  }
  EXPECT_GT(cases, 0);
}

INSTANTIATE_TEST_SUITE_P(Languages, GoldenTest, ::testing::Values("zh", "vi", "en", "fr", "und"));

}  // namespace
}  // namespace hoptac::text
