#include "text/name_keys.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cctype>
#include <span>

#include "text/internal/fold.h"
#include "text/internal/han_latin.h"
#include "text/internal/unihan.h"
#include "text/internal/utf8.h"
#include "text/internal/working_text.h"

namespace hoptac::text {

namespace {

using internal::DecodeNext;

bool IsHan(char32_t c) { return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_IDEOGRAPHIC); }

// Case- and diacritic-folded, letters and digits only: "Quảng Tây" -> "quangtay".
std::string Squash(std::string_view s) {
  const std::string folded = internal::FoldDiacritics(internal::CaseFold(s));
  std::string out;
  out.reserve(folded.size());
  for (size_t i = 0; i < folded.size();) {
    const size_t start = i;
    const char32_t c = DecodeNext(folded, i);
    if (c < 0x80 ? std::isalnum(static_cast<unsigned char>(c)) != 0 : u_isalnum(static_cast<UChar32>(c)) != 0)
      out.append(folded, start, i - start);
  }
  return out;
}

void AddKey(std::string key, std::vector<std::string>& keys) {
  if (key.empty() || keys.size() >= kMaxNameKeys) return;
  if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(std::move(key));
}

// One piece of a name: the readings of a Han character, or a run of other text as it is.
struct Piece {
  std::vector<std::string> choices;
};

using ReadingsOf = std::span<const std::string> (*)(char32_t);

// Pieces of `text`, or nothing if a Han character has no reading in `readings`.
std::vector<Piece> Pieces(std::string_view text, ReadingsOf readings) {
  std::vector<Piece> pieces;
  std::string other;
  for (size_t i = 0; i < text.size();) {
    const size_t start = i;
    const char32_t c = DecodeNext(text, i);
    if (!IsHan(c)) {
      other.append(text, start, i - start);
      continue;
    }
    if (!other.empty()) pieces.push_back({{Squash(other)}});
    other.clear();
    Piece piece;
    for (const std::string& reading : readings(c)) {
      std::string key = Squash(reading);
      if (std::find(piece.choices.begin(), piece.choices.end(), key) == piece.choices.end())
        piece.choices.push_back(std::move(key));
    }
    if (piece.choices.empty()) return {};
    pieces.push_back(std::move(piece));
  }
  if (!other.empty()) pieces.push_back({{Squash(other)}});
  return pieces;
}

// Up to `limit` distinct keys from combinations of the pieces' choices, first choices first.
void AddCombinations(const std::vector<Piece>& pieces, size_t limit, std::vector<std::string>& keys) {
  if (pieces.empty()) return;
  std::vector<size_t> pick(pieces.size(), 0);
  for (size_t added = 0; added < limit;) {
    std::string key;
    for (size_t p = 0; p < pieces.size(); ++p) key += pieces[p].choices[pick[p]];
    if (!key.empty() && std::find(keys.begin(), keys.end(), key) == keys.end()) {
      keys.push_back(std::move(key));
      ++added;
    }
    // Odometer over the choices, last piece fastest.
    size_t p = pieces.size();
    while (true) {
      if (p == 0) return;
      --p;
      if (++pick[p] < pieces[p].choices.size()) break;
      pick[p] = 0;
    }
  }
}

}  // namespace

std::vector<std::string> NameKeys(std::string_view name) {
  internal::WorkingText working(name);  // repaired UTF-8, NFC
  const std::string_view text = working.text();
  size_t han_count = 0;
  for (size_t i = 0; i < text.size();) han_count += IsHan(DecodeNext(text, i)) ? 1 : 0;

  std::vector<std::string> keys;
  if (han_count == 0) {
    AddKey(Squash(text), keys);
    return keys;
  }
  // Short names get their alternative readings too (长沙: ICU says zhangsha, people write
  // Changsha); long ones only their most usual reading.
  const bool combine = han_count <= kMaxCombinedHan;
  const size_t per_system = combine ? kMaxNameKeys / 2 : 1;
  std::vector<std::string> pinyin;
  if (auto icu = internal::HanToPinyin(text)) {
    std::string key = Squash(*icu);
    if (!key.empty()) pinyin.push_back(std::move(key));
  }
  if (combine) AddCombinations(Pieces(text, internal::MandarinReadings), per_system, pinyin);
  if (pinyin.size() > per_system) pinyin.resize(per_system);
  std::vector<std::string> vietnamese;
  AddCombinations(Pieces(text, internal::SinoVietnameseReadings), per_system, vietnamese);

  // Most usual reading of each system first, then the alternatives.
  if (!pinyin.empty()) AddKey(pinyin[0], keys);
  if (!vietnamese.empty()) AddKey(vietnamese[0], keys);
  for (size_t i = 1; i < pinyin.size(); ++i) AddKey(pinyin[i], keys);
  for (size_t i = 1; i < vietnamese.size(); ++i) AddKey(vietnamese[i], keys);
  return keys;
}

}  // namespace hoptac::text
