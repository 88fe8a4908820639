// Multilingual text analysis with arbitrary bytes and language tags: the first byte picks a tag
// from the launch languages, their variants and oddities, or (high bit set) takes the first line
// of the input as the tag itself; the rest is the text. Runs every stage that sees user text:
// AnalyzeText (with and without phrases), language detection and tag canonicalisation, name keys,
// concept tagging, normalisation, and a one-document index (document analysis, search, matching,
// snippets). Token offsets must stay inside the text.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_support.h"
#include "index/index.h"
#include "text/codes.h"
#include "text/language_id.h"
#include "text/name_keys.h"
#include "text/normalize.h"

using namespace hoptac;

namespace {

constexpr std::array<std::string_view, 16> kTags = {
    "zh",    "zh-Hans", "zh-Hant", "zh-TW", "vi", "vi-VN", "en",        "fr",
    "fr-CA", "und",     "",        "th",    "lo", "km",    "x-klingon", "ZH-hans-CN-u-co-pinyin"};

void CheckTokens(const std::vector<text::Token>& tokens, std::string_view text) {
  for (const auto& t : tokens) {
    HOPTAC_FUZZ_CHECK(t.begin <= t.end);
    HOPTAC_FUZZ_CHECK(t.end <= text.size());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  fuzz::Input in(data, size);
  const uint8_t choice = in.Byte();
  const std::string lang = (choice & 0x80) ? std::string(in.Line()) : std::string(kTags[choice % kTags.size()]);
  const std::string_view text = in.Rest();
  const auto& w = fuzz::TextWorld::Get();

  CheckTokens(w.analyzers->AnalyzeText(text, lang), text);
  auto tokens = w.analyzers->For(lang).Analyze(text, {.phrases = true});
  CheckTokens(tokens, text);
  (void)w.tagger->Tag(tokens, lang);
  (void)w.tagger->Tag(text, lang);
  (void)text::DetectLanguage(text);
  (void)text::CanonicalLanguageTag(lang);
  (void)text::IsIsoCountry(lang);
  (void)text::IsIsoCurrency(lang);
  (void)text::NameKeys(text);
  if (text::IsValidUtf8(text)) {
    HOPTAC_FUZZ_CHECK(text::IsValidUtf8(text::Nfc(text)));
    HOPTAC_FUZZ_CHECK(text::IsValidUtf8(text::FoldCase(text)));
    HOPTAC_FUZZ_CHECK(text::IsValidUtf8(text::CleanField(text)));
  }

  // The same text as a document: indexed, searched for, matched, highlighted.
  if (choice & 0x40) {
    index::Index idx({.analyzers = *w.analyzers, .tagger = w.tagger.get(), .thesaurus = w.thesaurus.get()});
    index::DocInput offer{.type = "profile", .id = 1};
    offer.parts.push_back({.text = std::string(text), .lang = lang, .weight = 2.0f, .name = (choice & 1) != 0});
    offer.title = std::string(text);
    offer.title_lang = lang;
    offer.kind = "offer";
    offer.status = "published";
    offer.country = "CN";
    index::DocInput request = offer;
    request.id = 2;
    request.kind = "request";
    request.country = "VN";
    idx.Upsert(offer);
    idx.Upsert(request);
    auto found = idx.Search({.q = std::string(text), .lang = lang});
    if (found.ok()) {
      for (const auto& hit : found->hits) HOPTAC_FUZZ_CHECK(hit.id == 1 || hit.id == 2);
    }
    (void)idx.Match({.profile_id = 2, .lang = lang});
    idx.Remove("profile", 1);
    (void)idx.Match({.profile_id = 2, .lang = lang});
  }
  return 0;
}
