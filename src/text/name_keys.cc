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

// One piece of the name for the Sino-Vietnamese keys: a Han character's readings, or a run of
// other text taken as it is.
struct Piece {
  std::vector<std::string> choices;
};

// Pieces of `text`, or an empty vector if a Han character has no known reading.
std::vector<Piece> VietnamesePieces(std::string_view text) {
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
    for (const std::string& reading : internal::SinoVietnameseReadings(c)) {
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

// Keys from every combination of readings, first readings first, within kMaxNameKeys.
void AddVietnameseKeys(std::string_view text, size_t han_count, std::vector<std::string>& keys) {
  const std::vector<Piece> pieces = VietnamesePieces(text);
  if (pieces.empty()) return;
  const bool combine = han_count <= kMaxCombinedHan;
  std::vector<size_t> pick(pieces.size(), 0);
  while (keys.size() < kMaxNameKeys) {
    std::string key;
    for (size_t p = 0; p < pieces.size(); ++p) key += pieces[p].choices[pick[p]];
    AddKey(std::move(key), keys);
    if (!combine) return;
    // Odometer over the choices, last piece fastest.
    size_t p = pieces.size();
    while (p > 0) {
      --p;
      if (++pick[p] < pieces[p].choices.size()) break;
      pick[p] = 0;
      if (p == 0) return;
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
  if (auto pinyin = internal::HanToPinyin(text)) AddKey(Squash(*pinyin), keys);
  AddVietnameseKeys(text, han_count, keys);
  return keys;
}

}  // namespace hoptac::text
