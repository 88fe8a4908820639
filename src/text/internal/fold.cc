#include "text/internal/fold.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <array>
#include <cstdint>

#include "text/internal/utf8.h"

namespace hoptac::text::internal {

namespace {

// What FoldDiacritics does with one code point of the Latin blocks.
struct FoldEntry {
  bool replace = false;  // false: copy the code point unchanged
  uint8_t len = 0;       // replacement length (0 removes the code point)
  char text[3] = {};
};

constexpr char32_t kLatin1Begin = 0x80, kLatinExtBEnd = 0x370;  // through combining marks
constexpr char32_t kLatinAddBegin = 0x1E00, kLatinAddEnd = 0x1F00;

struct FoldTable {
  std::array<FoldEntry, kLatinExtBEnd - kLatin1Begin> low;
  std::array<FoldEntry, kLatinAddEnd - kLatinAddBegin> additional;

  const FoldEntry* Find(char32_t c) const {
    if (c >= kLatin1Begin && c < kLatinExtBEnd) return &low[c - kLatin1Begin];
    if (c >= kLatinAddBegin && c < kLatinAddEnd) return &additional[c - kLatinAddBegin];
    return nullptr;
  }
};

// Diacritics shared by all scripts (the Combining Diacritical Marks blocks). Marks that belong to
// one script, such as Thai vowel signs, are letters of their words and stay.
bool IsGenericCombiningMark(char32_t c) {
  return (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x20D0 && c <= 0x20FF) ||
         (c >= 0xFE20 && c <= 0xFE2F);
}

FoldEntry Replacement(std::string_view text) {
  FoldEntry e;
  e.replace = true;
  e.len = static_cast<uint8_t>(text.size());
  for (size_t i = 0; i < text.size(); ++i) e.text[i] = text[i];
  return e;
}

// Letters without a canonical decomposition that readers still treat as an accented ASCII letter.
FoldEntry Special(char32_t c) {
  switch (c) {
    case 0x0110: return Replacement("D");   // Đ
    case 0x0111: return Replacement("d");   // đ
    case 0x00D8: return Replacement("O");   // Ø
    case 0x00F8: return Replacement("o");   // ø
    case 0x0141: return Replacement("L");   // Ł
    case 0x0142: return Replacement("l");   // ł
    case 0x00C6: return Replacement("AE");  // Æ
    case 0x00E6: return Replacement("ae");  // æ
    case 0x0152: return Replacement("OE");  // Œ
    case 0x0153: return Replacement("oe");  // œ
    case 0x00DF: return Replacement("ss");  // ß
    case 0x0131: return Replacement("i");   // dotless i
    default: return {};
  }
}

FoldEntry Compute(const icu::Normalizer2* nfd, char32_t c) {
  if (u_charType(c) == U_NON_SPACING_MARK) return Replacement("");
  FoldEntry special = Special(c);
  if (special.replace) return special;
  icu::UnicodeString decomposition;
  if (!nfd->getDecomposition(static_cast<UChar32>(c), decomposition)) return {};
  std::string ascii;
  for (int32_t i = 0; i < decomposition.length();) {
    UChar32 d = decomposition.char32At(i);
    i += U16_LENGTH(d);
    if (u_charType(d) == U_NON_SPACING_MARK) continue;
    if (d >= 0x80) {
      FoldEntry inner = Special(static_cast<char32_t>(d));
      if (!inner.replace) return {};
      ascii.append(inner.text, inner.len);
      continue;
    }
    ascii.push_back(static_cast<char>(d));
  }
  if (ascii.empty() || ascii.size() > 3) return {};
  return Replacement(ascii);
}

const FoldTable& Table() {
  static const FoldTable kTable = [] {
    FoldTable t;
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    for (char32_t c = kLatin1Begin; c < kLatinExtBEnd; ++c) t.low[c - kLatin1Begin] = Compute(nfd, c);
    for (char32_t c = kLatinAddBegin; c < kLatinAddEnd; ++c)
      t.additional[c - kLatinAddBegin] = Compute(nfd, c);
    return t;
  }();
  return kTable;
}

// NFKC_Casefold of single letters of the Latin blocks, precomputed with ICU: most non-ASCII
// words (Vietnamese, French) fold by table lookup. Combining marks (U+0300..) are not in these
// ranges, so folding letter by letter composes exactly as folding the whole word would.
struct CaseFoldEntry {
  uint8_t len = 0;
  char text[7] = {};
};

struct CaseFoldTable {
  std::array<CaseFoldEntry, 0x250 - 0x80> low;
  std::array<CaseFoldEntry, kLatinAddEnd - kLatinAddBegin> additional;

  const CaseFoldEntry* Find(char32_t c) const {
    if (c >= 0x80 && c < 0x250) return &low[c - 0x80];
    if (c >= kLatinAddBegin && c < kLatinAddEnd) return &additional[c - kLatinAddBegin];
    return nullptr;
  }
};

std::string IcuCaseFold(std::string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* norm = icu::Normalizer2::getNFKCCasefoldInstance(status);
  std::string out;
  out.reserve(s.size());
  icu::StringByteSink<std::string> sink(&out);
  norm->normalizeUTF8(0, icu::StringPiece(s.data(), static_cast<int32_t>(s.size())), sink, nullptr, status);
  if (U_FAILURE(status)) return std::string(s);
  return out;
}

CaseFoldEntry FoldedEntry(char32_t c) {
  std::string one;
  AppendUtf8(c, one);
  const std::string folded = IcuCaseFold(one);
  CaseFoldEntry e;
  if (folded.size() > sizeof(e.text)) return e;  // len 0: not tabled, ICU handles it
  e.len = static_cast<uint8_t>(folded.size());
  for (size_t i = 0; i < folded.size(); ++i) e.text[i] = folded[i];
  return e;
}

const CaseFoldTable& CaseTable() {
  static const CaseFoldTable kTable = [] {
    CaseFoldTable t;
    for (char32_t c = 0x80; c < 0x250; ++c) t.low[c - 0x80] = FoldedEntry(c);
    for (char32_t c = kLatinAddBegin; c < kLatinAddEnd; ++c) t.additional[c - kLatinAddBegin] = FoldedEntry(c);
    return t;
  }();
  return kTable;
}

}  // namespace

std::string CaseFold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  const CaseFoldTable* table = nullptr;
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      out.push_back(b >= 'A' && b <= 'Z' ? static_cast<char>(b - 'A' + 'a') : static_cast<char>(b));
      ++i;
      continue;
    }
    const size_t start = i;
    const char32_t c = DecodeNext(s, i);
    if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF)) {  // unified ideographs are
      out.append(s, start, i - start);                                    // their own fold
      continue;
    }
    if (table == nullptr) table = &CaseTable();
    const CaseFoldEntry* e = table->Find(c);
    if (e == nullptr || e->len == 0) return IcuCaseFold(s);
    out.append(e->text, e->len);
  }
  return out;
}

std::string FoldDiacritics(std::string_view s) {
  if (IsAscii(s)) return std::string(s);
  const FoldTable& table = Table();
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const size_t start = i;
    const char32_t c = DecodeNext(s, i);
    const FoldEntry* e = table.Find(c);
    if (e != nullptr && e->replace) {
      out.append(e->text, e->len);
    } else if (e == nullptr && IsGenericCombiningMark(c)) {
      continue;
    } else {
      out.append(s.substr(start, i - start));
    }
  }
  return out;
}

void NormalizeApostrophes(std::string& s) {
  if (IsAscii(s)) return;
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const size_t start = i;
    const char32_t c = DecodeNext(s, i);
    if (c == 0x2019 || c == 0x02BC) {
      out.push_back('\'');
    } else {
      out.append(s, start, i - start);
    }
  }
  s = std::move(out);
}

}  // namespace hoptac::text::internal
