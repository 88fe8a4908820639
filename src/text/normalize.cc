#include "text/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace hoptac::text {

bool IsValidUtf8(std::string_view s) {
  int32_t i = 0;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

namespace {
std::string Apply(const icu::Normalizer2* norm, std::string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  auto in = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  if (norm->isNormalized(in, status) && U_SUCCESS(status)) return std::string(s);
  status = U_ZERO_ERROR;
  icu::UnicodeString out = norm->normalize(in, status);
  if (U_FAILURE(status)) return std::string(s);
  std::string result;
  out.toUTF8String(result);
  return result;
}
}  // namespace

std::string Nfc(std::string_view s) {
  bool ascii = true;
  for (char c : s) ascii &= static_cast<unsigned char>(c) < 0x80;
  if (ascii) return std::string(s);
  UErrorCode status = U_ZERO_ERROR;
  return Apply(icu::Normalizer2::getNFCInstance(status), s);
}

std::string FoldCase(std::string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  return Apply(icu::Normalizer2::getNFKCCasefoldInstance(status), s);
}

std::string CleanField(std::string_view s) {
  std::string n = Nfc(s);
  auto in = icu::UnicodeString::fromUTF8(n);
  int32_t start = 0, end = in.length();
  while (start < end && u_isUWhiteSpace(in.char32At(start))) start = in.moveIndex32(start, 1);
  while (end > start) {
    int32_t prev = in.moveIndex32(end, -1);
    if (!u_isUWhiteSpace(in.char32At(prev))) break;
    end = prev;
  }
  if (start == 0 && end == in.length()) return n;
  std::string out;
  in.tempSubStringBetween(start, end).toUTF8String(out);
  return out;
}

}  // namespace hoptac::text
