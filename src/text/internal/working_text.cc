#include "text/internal/working_text.h"

#include <unicode/normalizer2.h>
#include <unicode/utf8.h>

#include <limits>

#include "text/normalize.h"

namespace hoptac::text::internal {

namespace {

constexpr size_t kMaxText = std::numeric_limits<uint32_t>::max() - 1;

// Copy of `s` with every ill-formed sequence replaced by U+FFFD.
std::string RepairUtf8(std::string_view s, std::vector<uint32_t>& origin) {
  std::string out;
  out.reserve(s.size() + 8);
  origin.clear();
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  int32_t i = 0;
  while (i < n) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) {
      out.append("\xEF\xBF\xBD");
      origin.insert(origin.end(), 3, static_cast<uint32_t>(start));
    } else {
      out.append(s.substr(start, i - start));
      for (int32_t k = start; k < i; ++k) origin.push_back(static_cast<uint32_t>(k));
    }
  }
  origin.push_back(static_cast<uint32_t>(s.size()));
  return out;
}

// NFC applied one normalisation segment at a time, so every output byte knows where its segment
// began in the input. Tokens never split a segment (a base letter and its marks), so the offsets
// of token boundaries are exact.
std::string NfcWithOrigin(std::string_view s, std::vector<uint32_t>& origin) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  std::string out;
  out.reserve(s.size());
  origin.clear();
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  int32_t seg_start = 0, i = 0;
  auto flush = [&](int32_t seg_end) {
    if (seg_end <= seg_start) return;
    std::string piece;
    icu::StringByteSink<std::string> sink(&piece);
    UErrorCode st = U_ZERO_ERROR;
    nfc->normalizeUTF8(0, icu::StringPiece(s.data() + seg_start, seg_end - seg_start), sink, nullptr, st);
    if (U_FAILURE(st)) piece.assign(s.substr(seg_start, seg_end - seg_start));
    out += piece;
    origin.insert(origin.end(), piece.size(), static_cast<uint32_t>(seg_start));
  };
  while (i < n) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (start > seg_start && nfc->hasBoundaryBefore(c)) {
      flush(start);
      seg_start = start;
    }
  }
  flush(n);
  origin.push_back(static_cast<uint32_t>(s.size()));
  return out;
}

}  // namespace

WorkingText::WorkingText(std::string_view original) : original_(original.substr(0, kMaxText)) {
  std::vector<uint32_t> origin;
  if (!IsValidUtf8(original_)) Replace(RepairUtf8(original_, origin), origin);
  std::string_view current = text();
  bool ascii = true;
  for (char c : current) ascii &= static_cast<unsigned char>(c) < 0x80;
  if (ascii) return;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (nfc->isNormalizedUTF8(icu::StringPiece(current.data(), static_cast<int32_t>(current.size())), status) &&
      U_SUCCESS(status))
    return;
  std::string normalized = NfcWithOrigin(current, origin);
  Replace(std::move(normalized), origin);
}

void WorkingText::Replace(std::string text, const std::vector<uint32_t>& origin_in_current) {
  std::vector<uint32_t> composed(origin_in_current.size());
  for (size_t k = 0; k < origin_in_current.size(); ++k) composed[k] = Origin(origin_in_current[k]);
  text_ = std::move(text);
  origin_ = std::move(composed);
  changed_ = true;
}

}  // namespace hoptac::text::internal
